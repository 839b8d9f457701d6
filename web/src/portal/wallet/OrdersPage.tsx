import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { FormAlert, useLoad } from '../../ui/forms';
import { api } from '../../ui/http';
import { Link } from '../../ui/router';
import { AccountLayout } from '../account/AccountLayout';
import { useSession } from '../session';
import { MoneyText } from './MoneyText';
import type { ApiList, Order } from '../../api/types';

/** 我的订单: every order, newest first, with its state. */
export function OrdersPage() {
  const { t, locale } = useI18n();
  const { session } = useSession();
  const load = useLoad();
  const [orders, setOrders] = useState<Order[]>([]);
  const [hasMore, setHasMore] = useState(false);
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
  }, [session?.id]); // reload for another session
  const when = (iso: string) =>
    new Intl.DateTimeFormat(locale, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: session?.customer.time_zone,
    }).format(new Date(iso));
  return (
    <AccountLayout title={t('orders.title')}>
      <FormAlert error={load.error} />
      {orders.length === 0 && !load.busy ? <p>{t('orders.empty')}</p> : null}
      {orders.length > 0 ? (
        <table className="data-table">
          <caption className="visually-hidden">{t('orders.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('orders.when')}</th>
              <th scope="col">{t('orders.number')}</th>
              <th scope="col">{t('orders.amount')}</th>
              <th scope="col">{t('orders.status')}</th>
            </tr>
          </thead>
          <tbody>
            {orders.map((order) => (
              <tr key={order.id}>
                <td>{when(order.created_at)}</td>
                <td>
                  <Link href={`/account/orders/${order.id}`}>{order.receipt_number ?? order.id}</Link>
                </td>
                <td>
                  <MoneyText money={order.charge} />
                </td>
                <td>{t(`order.status.${order.status}`)}</td>
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
    </AccountLayout>
  );
}
