import { useEffect, useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { MoneyText, useMethodName } from '../../portal/wallet/MoneyText';
import type { ApiList, Order, OrderStatus } from '../../api/types';
import { Field, FormAlert, formText, SubmitButton, useLoad } from '../../ui/forms';
import { api } from '../../ui/http';
import { Link, useRoute } from '../../ui/router';
import { NoAccess } from '../ConsoleApp';

const STATUSES: OrderStatus[] = [
  'awaiting_payment',
  'paid',
  'fulfilling',
  'fulfilled',
  'failed',
  'refunding',
  'refunded',
  'expired',
  'cancelled',
];

/** 订单: search by order id, receipt number or email, status and date. */
export function ConsoleOrdersPage() {
  const { t, locale } = useI18n();
  const { query, navigate } = useRoute();
  const methodName = useMethodName();
  const search = useLoad();
  const [orders, setOrders] = useState<Order[] | null>(null);
  const params = new URLSearchParams(query);
  const load = async () => {
    const page = await search.run(() =>
      api<ApiList<'/v1/admin/orders'>>(`/v1/admin/orders?${params.toString()}`, { locale }),
    );
    if (page) setOrders(page.data);
  };
  useEffect(() => {
    void load();
  }, [query.toString()]); // the URL holds the filters
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const name of ['query', 'status', 'from', 'to']) {
      const value = formText(form, name).trim();
      if (value) next.set(name, value);
    }
    navigate(`/console/orders?${next.toString()}`);
  };
  if (search.error?.code === 'permission_denied') return <NoAccess />;
  const when = (iso: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  return (
    <section>
      <h1>{t('console.nav.orders')}</h1>
      <form className="filters-row" onSubmit={submit}>
        <Field
          label={t('console.orders.query')}
          name="query"
          defaultValue={params.get('query') ?? ''}
          placeholder="ord_… / SF-000123 / li@example.com"
        />
        <div className="field">
          <label htmlFor="order-status">{t('orders.status')}</label>
          <select id="order-status" name="status" defaultValue={params.get('status') ?? ''}>
            <option value="">{t('console.orders.anyStatus')}</option>
            {STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`order.status.${status}`)}
              </option>
            ))}
          </select>
        </div>
        <Field
          label={t('console.orders.from')}
          name="from"
          type="date"
          defaultValue={params.get('from') ?? ''}
        />
        <Field label={t('console.orders.to')} name="to" type="date" defaultValue={params.get('to') ?? ''} />
        <SubmitButton busy={search.busy}>{t('console.customers.search')}</SubmitButton>
      </form>
      <FormAlert error={search.error} />
      {orders?.length === 0 ? <p role="status">{t('console.orders.none')}</p> : null}
      {orders && orders.length > 0 ? (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('orders.when')}</th>
              <th scope="col">{t('orders.number')}</th>
              <th scope="col">{t('topUp.method')}</th>
              <th scope="col" className="amount">
                {t('orders.amount')}
              </th>
              <th scope="col">{t('orders.status')}</th>
            </tr>
          </thead>
          <tbody>
            {orders.map((order) => (
              <tr key={order.id}>
                <td>{when(order.created_at)}</td>
                <td>
                  <Link href={`/console/orders/${order.id}`}>{order.receipt_number ?? order.id}</Link>
                </td>
                <td>{methodName(order.method)}</td>
                <td className="amount">
                  <MoneyText money={order.charge} />
                </td>
                <td>{t(`order.status.${order.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
