import './esim-console.css';
import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { FormAlert, useLoad } from '../../ui/forms';
import { api } from '../../ui/http';
import { Link, useRoute } from '../../ui/router';
import { NoAccess } from '../ConsoleApp';
import { useWhen } from '../topups/useWhen';
import { EsimTabs, ProviderCode } from './parts';
import type { EsimOrderPage } from './types';

/** What staff look at, in that order: failed (refunded), answer lost (being looked up), then everything. */
const VIEWS = ['failed', 'unknown', 'all'] as const;
type View = (typeof VIEWS)[number];

/** 失败的 eSIM 订单: what Airalo or the SM-DP+ refused, why in words, and the order where its refund is. */
export function EsimOrdersPage() {
  const { t, locale } = useI18n();
  const { query, navigate } = useRoute();
  const when = useWhen();
  const load = useLoad();
  const [page, setPage] = useState<EsimOrderPage | null>(null);
  const view: View = VIEWS.find((item) => item === query.get('status')) ?? 'failed';
  const cursor = query.get('starting_after');
  useEffect(() => {
    const search = new URLSearchParams();
    if (view !== 'all') search.set('status', view);
    if (cursor) search.set('starting_after', cursor);
    void load
      .run(() => api<EsimOrderPage>(`/v1/admin/esim-orders?${search.toString()}`, { locale }))
      .then((loaded) => loaded && setPage(loaded));
  }, [view, cursor, locale]); // another view or page
  if (load.error?.code === 'permission_denied') return <NoAccess />;
  const nextPage = () =>
    navigate(
      `/console/esims/orders?status=${view}&starting_after=${encodeURIComponent(page!.data.at(-1)!.id)}`,
    );
  return (
    <section className="esim-console">
      <h1>{t('console.nav.esim')}</h1>
      <EsimTabs />
      <p>{t(`console.esimOrders.intro.${view}`)}</p>
      <nav aria-label={t('console.esimOrders.views')}>
        <ul className="tab-list tab-list--small">
          {VIEWS.map((item) => (
            <li key={item}>
              <Link
                href={`/console/esims/orders?status=${item}`}
                aria-current={view === item ? 'page' : undefined}
              >
                {t(`console.esimOrders.view.${item}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <FormAlert error={load.error} />
      {page?.data.length === 0 ? <p role="status">{t(`console.esimOrders.none.${view}`)}</p> : null}
      {page && page.data.length > 0 ? (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('console.esims.createdAt')}</th>
              <th scope="col">{t('console.esims.kind')}</th>
              <th scope="col">eSIM</th>
              <th scope="col">{t('console.esims.source')}</th>
              <th scope="col">{t('console.esims.package')}</th>
              <th scope="col">{t('console.esims.status')}</th>
              <th scope="col">{t('console.esims.attempts')}</th>
              <th scope="col">{t('console.esimOrders.reason')}</th>
              <th scope="col">{t('console.esimOrders.orderAndRefund')}</th>
            </tr>
          </thead>
          <tbody>
            {page.data.map((row) => (
              <tr key={row.id}>
                <td className="esim-console__nowrap">{when(row.created_at)}</td>
                <td className="esim-console__nowrap">{t(`console.esims.kindName.${row.kind}`)}</td>
                <td>
                  {row.esim ? (
                    <Link href={`/console/esims/${row.esim}`} className="esim-console__iccid">
                      {row.iccid ?? row.esim}
                    </Link>
                  ) : (
                    '—'
                  )}
                </td>
                <td className="esim-console__nowrap">{t(`console.esims.sourceName.${row.source}`)}</td>
                <td>{row.package_name}</td>
                <td>
                  <span className={`esim-order-status esim-order-status--${row.status}`}>
                    {t(`console.esimOrders.statusName.${row.status}`)}
                  </span>
                  {row.finished_at ? (
                    <span className="muted esim-console__since">{when(row.finished_at)}</span>
                  ) : null}
                  {row.next_check_at && !row.finished_at ? (
                    <span className="muted esim-console__since">
                      {t('console.esimOrders.nextCheck', { time: when(row.next_check_at) })}
                    </span>
                  ) : null}
                </td>
                <td>{row.attempts}</td>
                <td>
                  <ProviderCode code={row.provider_code} reason={row.provider_reason} />
                </td>
                <td className="esim-console__nowrap">
                  <Link href={`/console/orders/${row.order}`} title={row.order}>
                    {row.status === 'failed'
                      ? t('console.esimOrders.seeRefund')
                      : t('console.esimOrders.seeOrder')}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {page?.has_more ? (
        <div className="esim-console__pager">
          <button type="button" className="button button--secondary" onClick={nextPage}>
            {t('console.esims.nextPage')}
          </button>
        </div>
      ) : null}
    </section>
  );
}
