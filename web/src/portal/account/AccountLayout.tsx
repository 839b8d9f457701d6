import { useEffect, type ReactNode } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { FormAlert, useAction } from '../../ui/forms';
import { api } from '../../ui/http';
import { Link, useRoute } from '../../ui/router';
import type { Customer } from '../../api/types';
import { useSession } from '../session';

const SECTIONS = [
  { href: '/account', key: 'account.nav.profile' },
  { href: '/account/lines', key: 'account.nav.lines' },
  { href: '/account/wallet', key: 'account.nav.wallet' },
  { href: '/account/orders', key: 'account.nav.orders' },
  { href: '/account/payment-methods', key: 'account.nav.methods' },
  { href: '/account/security', key: 'account.nav.security' },
  { href: '/account/api-keys', key: 'account.nav.apiKeys' },
  { href: '/account/privacy', key: 'account.nav.privacy' },
] as const;

/**
 * The personal centre's frame: signed-in only, a section menu (a row that scrolls sideways on a phone, so the page
 * itself is on the first screen), and the pending-deletion banner. A page whose headline card carries its own h1
 * says `ownHeading`.
 */
export function AccountLayout({
  title,
  ownHeading = false,
  children,
}: {
  title: string;
  ownHeading?: boolean;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const { status, session } = useSession();
  const { path, query, navigate } = useRoute();

  useEffect(() => {
    // The query comes back too: a plan chosen on the home page (`?plan=`) survives signing in.
    const search = query.toString();
    const next = search ? `${path}?${search}` : path;
    if (status === 'signed_out') navigate(`/login?next=${encodeURIComponent(next)}`, { replace: true });
  }, [status, path, query, navigate]);

  if (status !== 'signed_in' || !session) {
    return <p role="status">{t('account.loading')}</p>;
  }
  return (
    <div className="account">
      <nav className="account__nav" aria-label={t('account.nav.label')}>
        <ul>
          {SECTIONS.filter(
            (section) => section.href !== '/account/api-keys' || session.customer.api_access,
          ).map((section) => (
            <li key={section.href}>
              <Link
                href={section.href}
                aria-current={
                  path === section.href ||
                  (section.href !== '/account' && path.startsWith(`${section.href}/`))
                    ? 'page'
                    : undefined
                }
              >
                {t(section.key)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <section className="account__body">
        {session.customer.deletion ? <DeletionBanner customer={session.customer} /> : null}
        {ownHeading ? null : <h1>{title}</h1>}
        {children}
      </section>
    </div>
  );
}

function DeletionBanner({ customer }: { customer: Customer }) {
  const { t, locale } = useI18n();
  const { session, setCustomer } = useSession();
  const action = useAction();
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: customer.time_zone }).format(
    new Date(customer.deletion!.scheduled_for),
  );
  const cancel = async () => {
    const updated = await action.run(() =>
      api<Customer>('/v1/account/deletion', { method: 'DELETE', locale, csrfToken: session?.csrf_token }),
    );
    if (updated) setCustomer(updated);
  };
  return (
    <div className="notice notice--warning" role="status">
      <p>{t('account.deletionBanner', { date: when })}</p>
      <FormAlert error={action.error} />
      <button
        type="button"
        className="button button--secondary"
        disabled={action.busy}
        onClick={() => void cancel()}
      >
        {t('account.cancelDeletion')}
      </button>
    </div>
  );
}
