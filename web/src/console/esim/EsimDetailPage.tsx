import './esim-console.css';
import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { FormAlert, useLoad } from '../../ui/forms';
import { api } from '../../ui/http';
import { Link } from '../../ui/router';
import { NoAccess } from '../ConsoleApp';
import { useWhen } from '../topups/useWhen';
import { EventKindText, IdLink, InstallStateBadge, ProviderCode, ProviderStatus } from './parts';
import type { ConsoleEsimStory } from './types';

/** One eSIM: where it came from, its install state, its packages, what was bought for it and every step. */
export function EsimDetailPage({ esimId }: { esimId: string }) {
  const { t, locale } = useI18n();
  const when = useWhen();
  const load = useLoad();
  const [story, setStory] = useState<ConsoleEsimStory | null>(null);
  useEffect(() => {
    void load
      .run(() => api<ConsoleEsimStory>(`/v1/admin/esims/${encodeURIComponent(esimId)}`, { locale }))
      .then((loaded) => loaded && setStory(loaded));
  }, [esimId, locale]); // another eSIM, or its texts in another language
  if (load.error?.code === 'permission_denied') return <NoAccess />;
  if (!story) return <FormAlert error={load.error} />;
  const orderKinds = new Map(story.orders.map((row) => [row.id, row.kind]));
  // Steps of the profile itself (downloaded, installed) belong to no order; the others to the new eSIM or a top-up.
  const ofEvent = (esimOrder: string | null) => {
    const kind = esimOrder ? orderKinds.get(esimOrder) : undefined;
    return kind ? t(`console.esims.kindName.${kind}`) : t('console.esims.ofProfile');
  };
  const megabytes = (mb: number | null, unlimited: boolean) =>
    unlimited ? t('console.esims.unlimited') : mb === null ? '—' : formatMb(mb, locale);
  return (
    <section className="order-story esim-console">
      <p>
        <Link href="/console/esims">← {t('console.esims.tab.inventory')}</Link>
      </p>
      <h1>
        eSIM <span className="esim-console__iccid">{story.iccid}</span>
      </h1>
      <p role="status">
        <InstallStateBadge state={story.install_state} />{' '}
        <span className="muted">{t('console.esims.stateSince', { time: when(story.install_state_at) })}</span>
      </p>
      <dl className="order-facts">
        <dt>ID</dt>
        <dd>{story.id}</dd>
        <dt>{t('console.esims.source')}</dt>
        <dd>{t(`console.esims.sourceName.${story.source}`)}</dd>
        <dt>{t('console.esims.providerStatus')}</dt>
        <dd>
          <ProviderStatus status={story.provider_status} />
        </dd>
        <dt>EID</dt>
        <dd>{story.eid ?? t('console.esims.eidUnknown')}</dd>
        <dt>{t('console.esims.customer')}</dt>
        <dd>
          <Link href={`/console/customers/${story.customer}`}>{story.customer}</Link>
        </dd>
        <dt>{t('console.esims.order')}</dt>
        <dd>
          <Link href={`/console/orders/${story.order}`}>{story.order}</Link>
        </dd>
        <dt>{t('console.esims.line')}</dt>
        <dd>{story.line ?? '—'}</dd>
        <dt>{t('console.esims.issuedAt')}</dt>
        <dd>{when(story.created_at)}</dd>
        <dt>{t('console.esims.usage')}</dt>
        <dd>
          {story.usage
            ? t('console.esims.usageLeft', {
                left: megabytes(story.usage.remaining_mb, story.usage.unlimited),
                total: megabytes(story.usage.total_mb, story.usage.unlimited),
                time: when(story.usage.observed_at),
              })
            : t('console.esims.usageNever')}
        </dd>
      </dl>

      <h2>{t('console.esims.packagesTitle')}</h2>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t('console.esims.addedAt')}</th>
            <th scope="col">{t('console.esims.kind')}</th>
            <th scope="col">{t('console.esims.package')}</th>
            <th scope="col">{t('console.esims.data')}</th>
            <th scope="col">{t('console.esims.validity')}</th>
            <th scope="col">{t('console.esims.countries')}</th>
          </tr>
        </thead>
        <tbody>
          {story.packages.map((row) => (
            <tr key={row.id}>
              <td className="esim-console__nowrap">{when(row.added_at)}</td>
              <td className="esim-console__nowrap">{t(`console.esims.kindName.${row.kind}`)}</td>
              <td>
                {row.name} <code className="muted">{row.package_id}</code>
              </td>
              <td>{megabytes(row.data_mb, row.unlimited)}</td>
              <td>{t('console.esims.days', { days: String(row.validity_days) })}</td>
              <td>{row.countries.join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{t('console.esims.ordersTitle')}</h2>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t('console.esims.createdAt')}</th>
            <th scope="col">{t('console.esims.kind')}</th>
            <th scope="col">{t('console.esims.status')}</th>
            <th scope="col">{t('console.esims.attempts')}</th>
            <th scope="col">{t('console.esims.providerCode')}</th>
            <th scope="col">{t('console.esims.order')}</th>
          </tr>
        </thead>
        <tbody>
          {story.orders.map((row) => (
            <tr key={row.id}>
              <td className="esim-console__nowrap">{when(row.created_at)}</td>
              <td className="esim-console__nowrap">{t(`console.esims.kindName.${row.kind}`)}</td>
              <td>{t(`console.esimOrders.statusName.${row.status}`)}</td>
              <td>{row.attempts}</td>
              <td>
                <ProviderCode code={row.provider_code} reason={row.provider_reason} />
              </td>
              <td>
                <IdLink href={`/console/orders/${row.order}`} id={row.order} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{t('console.esims.eventsTitle')}</h2>
      {story.events.length === 0 ? <p>{t('console.esims.noEvents')}</p> : null}
      {story.events.length > 0 ? (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('console.esims.at')}</th>
              <th scope="col">{t('console.esims.step')}</th>
              <th scope="col">{t('console.esims.of')}</th>
              <th scope="col">{t('console.esims.providerCode')}</th>
            </tr>
          </thead>
          <tbody>
            {story.events.map((event) => (
              <tr key={event.id}>
                <td className="esim-console__nowrap">{when(event.at)}</td>
                <td>
                  <EventKindText kind={event.kind} />
                </td>
                <td>{ofEvent(event.esim_order)}</td>
                <td>
                  <ProviderCode code={event.provider_code} reason={event.provider_reason} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function formatMb(mb: number, locale: string): string {
  if (mb >= 1024 && mb % 1024 === 0) {
    return `${new Intl.NumberFormat(locale).format(mb / 1024)} GB`;
  }
  return `${new Intl.NumberFormat(locale).format(mb)} MB`;
}
