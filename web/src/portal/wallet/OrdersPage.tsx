import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { FormAlert, useLoad } from '../../ui/forms';
import { api } from '../../ui/http';
import { Link } from '../../ui/router';
import { AccountLayout } from '../account/AccountLayout';
import { useSession } from '../session';
import { CancelOrder } from './CancelOrder';
import { MoneyText } from './MoneyText';
import type { ApiList, Order } from '../../api/types';

/**
 * 我的订单: every order, newest first — what, for which number, its receipt number, state and amount — with 取消订单
 * for one not paid yet. Prices looked at and never paid (orders that expired unpaid) are not orders to the
 * customer: the API leaves them out.
 */
export function OrdersPage() {
  const { t, locale } = useI18n();
  const { session } = useSession();
  const load = useLoad();
  const [orders, setOrders] = useState<Order[]>([]);
  const [hasMore, setHasMore] = useState(false);
  const [cancelled, setCancelled] = useState<Order | null>(null);
  const fetchPage = async (after?: string) => {
    const page = await load.run(() =>
      api<ApiList<'/v1/orders'>>(`/v1/orders?limit=20${after ? `&starting_after=${after}` : ''}`, {
        locale,
      }),
    );
    if (!page) return;
    setOrders((previous) => (after ? [...previous, ...page.data] : page.data));
    setHasMore(page.has_more);
  };
  useEffect(() => {
    if (session) void fetchPage();
  }, [session?.id, locale]); // reload for another session, and for names in the other language
  // The date and the time each on one line: a narrow column breaks between them, never inside "12月4日".
  const when = (iso: string) => {
    const zone = session?.customer.time_zone;
    const at = new Date(iso);
    return (
      <>
        <span className="nowrap">
          {new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: zone }).format(at)}
        </span>{' '}
        <span className="nowrap">
          {new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: zone }).format(at)}
        </span>
      </>
    );
  };
  const replace = (changed: Order) => {
    setOrders((previous) => previous.map((order) => (order.id === changed.id ? changed : order)));
    setCancelled(changed);
  };
  return (
    <AccountLayout title={t('orders.title')}>
      <FormAlert error={load.error} />
      {cancelled ? (
        <p className="notice notice--success" role="status">
          {t('orders.cancelled', { product: cancelled.item_name ?? t('order.walletTopUp') })}
        </p>
      ) : null}
      {orders.length === 0 && !load.busy ? <p>{t('orders.empty')}</p> : null}
      {orders.length > 0 ? (
        <table className="data-table orders-table">
          <caption className="visually-hidden">{t('orders.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('orders.when')}</th>
              <th scope="col">{t('orders.product')}</th>
              <th scope="col">{t('orders.recipient')}</th>
              <th scope="col">{t('orders.receipt')}</th>
              <th scope="col">{t('orders.status')}</th>
              <th scope="col" className="amount">
                {t('orders.amount')}
              </th>
              <th scope="col">
                <span className="visually-hidden">{t('orders.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {orders.map((order) => (
              <tr key={order.id}>
                <td data-label={t('orders.when')}>{when(order.created_at)}</td>
                <td data-label={t('orders.product')}>
                  <Link href={`/account/orders/${order.id}`}>
                    {order.item_name ?? t('order.walletTopUp')}
                  </Link>
                </td>
                <td data-label={t('orders.recipient')} className="orders-table__nowrap">
                  {order.recipient_display ?? '—'}
                </td>
                <td data-label={t('orders.receipt')} className="orders-table__nowrap">
                  {order.receipt_number ??
                    (order.status === 'awaiting_payment' ? t('orders.notPaidYet') : '—')}
                </td>
                <td data-label={t('orders.status')} className="orders-table__nowrap">
                  {t(`order.status.${order.status}`)}
                </td>
                <td data-label={t('orders.amount')} className="amount">
                  <MoneyText money={order.charge} />
                </td>
                <td className="orders-table__actions">
                  {order.status === 'awaiting_payment' ? (
                    <CancelOrder order={order} label={t('orders.cancel')} onCancelled={replace} />
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {hasMore ? (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => void fetchPage(orders.at(-1)?.id)}
        >
          {t('wallet.more')}
        </button>
      ) : null}
      <p className="muted">{t('orders.abandonedNote')}</p>
    </AccountLayout>
  );
}
