import { useI18n } from '../../i18n/I18nProvider';
import { Link, useRoute } from '../../ui/router';
import { useStaffSession } from '../staffSession';
import type { InstallState } from './types';

/** The two eSIM pages, side by side under the one "eSIM" entry of the console's navigation. */
export function EsimTabs() {
  const { t } = useI18n();
  const { path } = useRoute();
  const { session } = useStaffSession();
  const can = (permission: string) => session?.staff.permissions.includes(permission) ?? false;
  const tabs = [
    { href: '/console/esims', key: 'console.esims.tab.inventory', permission: 'lines.read' },
    { href: '/console/esims/orders', key: 'console.esims.tab.orders', permission: 'orders.read' },
  ] as const;
  return (
    <nav aria-label={t('console.nav.esim')}>
      <ul className="tab-list">
        {tabs
          .filter((tab) => can(tab.permission))
          .map((tab) => (
            <li key={tab.href}>
              <Link href={tab.href} aria-current={path === tab.href ? 'page' : undefined}>
                {t(tab.key)}
              </Link>
            </li>
          ))}
      </ul>
    </nav>
  );
}

export function InstallStateBadge({ state }: { state: InstallState }) {
  const { t } = useI18n();
  return <span className={`esim-state esim-state--${state}`}>{t(`console.esims.stateName.${state}`)}</span>;
}

/** A source's refusal: its code and, when SimFill knows it, what it means. */
export function ProviderCode({ code, reason }: { code: string | null; reason: string | null }) {
  if (!code) return <>—</>;
  return (
    <span className="esim-code">
      <code>{code}</code>
      {reason ? <span className="esim-code__reason">{reason}</span> : null}
    </span>
  );
}

const PROVIDER_STATUSES = ['not_active', 'active', 'finished', 'expired', 'recycled'] as const;
type ProviderStatus = (typeof PROVIDER_STATUSES)[number];
const isProviderStatus = (status: string): status is ProviderStatus =>
  (PROVIDER_STATUSES as readonly string[]).includes(status);

/** The provider's own status of the sim (Airalo's words), in the page's language when SimFill knows it. */
export function ProviderStatus({ status }: { status: string | null }) {
  const { t } = useI18n();
  if (!status) return <>—</>;
  if (!isProviderStatus(status)) return <code>{status}</code>;
  return <span title={status}>{t(`console.esims.providerStatusName.${status}`)}</span>;
}

const EVENT_KINDS = [
  'issued',
  'reserved',
  'sent',
  'answer_lost',
  'found_by_reference',
  'not_found_by_reference',
  'retry_scheduled',
  'refused',
  'succeeded',
  'failed',
  'topped_up',
  'downloaded',
  'installed',
  'enabled',
  'disabled',
  'deleted',
  'usage_read',
] as const;
type EventKind = (typeof EVENT_KINDS)[number];
const isEventKind = (kind: string): kind is EventKind => (EVENT_KINDS as readonly string[]).includes(kind);

/** A step in words when it is one SimFill names, and always its code (what the logs and the API say). */
export function EventKindText({ kind }: { kind: string }) {
  const { t } = useI18n();
  return (
    <span className="esim-code">
      {isEventKind(kind) ? <span>{t(`console.esims.event.${kind}`)}</span> : null}
      <code className={isEventKind(kind) ? 'esim-code__raw' : undefined}>{kind}</code>
    </span>
  );
}

/** A whole id, small and monospaced: ids made in the same millisecond differ only in their middle. */
export function IdLink({ href, id }: { href: string; id: string }) {
  return (
    <Link href={href} className="esim-console__id">
      {id}
    </Link>
  );
}
