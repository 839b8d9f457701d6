import { useEffect, useState } from 'react';
import { usePhoneFormat } from '../ui/phone';
import { useI18n } from '../i18n/I18nProvider';
import type { ApiAnswer } from '../api/types';
import { FormAlert, useLoad } from '../ui/forms';
import { api } from '../ui/http';
import { Link } from '../ui/router';
import { MoneyText, useMethodName } from '../portal/wallet/MoneyText';
import { kindKey } from '../portal/wallet/WalletPage';
import { NoAccess } from './ConsoleApp';
import { CustomerCard } from './CustomersPage';

type Overview = ApiAnswer<'/v1/admin/customers/{id}', 'get', 200>;

/** 客户页面: everything support needs to answer a customer at once: lines, newest orders, wallet, sessions. */
export function CustomerPage({ customerId }: { customerId: string }) {
  const { t, locale } = useI18n();
  const load = useLoad();
  const [overview, setOverview] = useState<Overview | null>(null);
  useEffect(() => {
    void load
      .run(() => api<Overview>(`/v1/admin/customers/${customerId}`, { locale }))
      .then((answer) => answer && setOverview(answer));
  }, [customerId, locale]); // reload for another customer or language
  if (load.error?.code === 'permission_denied') return <NoAccess />;
  return (
    <section>
      <p>
        <Link href="/console/customers">{t('console.customers.back')}</Link>
      </p>
      <h1>{t('console.customers.page')}</h1>
      <FormAlert error={load.error} />
      {overview ? (
        <>
          <CustomerCard
            customer={overview.customer}
            onChange={(customer) => setOverview({ ...overview, customer })}
          />
          <CustomerLines overview={overview} />
          <CustomerOrders overview={overview} />
          <CustomerWallet overview={overview} />
          <CustomerSessions overview={overview} />
        </>
      ) : null}
    </section>
  );
}

function useWhen() {
  const { locale } = useI18n();
  return (iso: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

function CustomerLines({ overview }: { overview: Overview }) {
  const { t } = useI18n();
  const formatPhone = usePhoneFormat();
  return (
    <article className="panel" aria-labelledby="customer-lines">
      <h2 id="customer-lines">{t('console.customers.lines')}</h2>
      {overview.lines.length === 0 ? (
        <p>{t('console.customers.noLines')}</p>
      ) : (
        <table className="data-table" aria-labelledby="customer-lines">
          <thead>
            <tr>
              <th scope="col">{t('console.customers.number')}</th>
              <th scope="col">{t('console.customers.nickname')}</th>
              <th scope="col">{t('console.customers.operator')}</th>
            </tr>
          </thead>
          <tbody>
            {overview.lines.map((line) => (
              <tr key={line.id}>
                <td>{line.phone ? formatPhone(line.phone) : t('console.hotline.esimLine')}</td>
                <td>{line.nickname ?? '—'}</td>
                <td>{line.operator?.name ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </article>
  );
}

function CustomerOrders({ overview }: { overview: Overview }) {
  const { t } = useI18n();
  const when = useWhen();
  const methodName = useMethodName();
  const all = `/console/orders?${new URLSearchParams({ query: overview.customer.email }).toString()}`;
  return (
    <article className="panel" aria-labelledby="customer-orders">
      <h2 id="customer-orders">{t('console.customers.orders')}</h2>
      {overview.orders.data.length === 0 ? (
        <p>{t('console.customers.noOrders')}</p>
      ) : (
        <table className="data-table" aria-labelledby="customer-orders">
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
            {overview.orders.data.map((order) => (
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
      )}
      {overview.orders.has_more ? (
        <p>
          <Link href={all}>{t('console.customers.allOrders')}</Link>
        </p>
      ) : null}
    </article>
  );
}

function CustomerWallet({ overview }: { overview: Overview }) {
  const { t } = useI18n();
  const when = useWhen();
  return (
    <article className="panel" aria-labelledby="customer-wallet">
      <h2 id="customer-wallet">{t('console.customers.wallet')}</h2>
      <dl className="details">
        <dt>{t('wallet.balance')}</dt>
        <dd>
          <MoneyText money={overview.wallet.balance} />
        </dd>
      </dl>
      {overview.wallet.transactions.length > 0 ? (
        <table className="data-table" aria-labelledby="customer-wallet">
          <thead>
            <tr>
              <th scope="col">{t('orders.when')}</th>
              <th scope="col">{t('console.customers.movement')}</th>
              <th scope="col" className="amount">
                {t('orders.amount')}
              </th>
            </tr>
          </thead>
          <tbody>
            {overview.wallet.transactions.map((entry) => (
              <tr key={`${entry.id}-${entry.created_at}`}>
                <td>{when(entry.created_at)}</td>
                <td>
                  {entry.order ? (
                    <Link href={`/console/orders/${entry.order}`}>
                      {t(`wallet.kind.${kindKey(entry.type)}`)}
                    </Link>
                  ) : (
                    t(`wallet.kind.${kindKey(entry.type)}`)
                  )}
                </td>
                <td className="amount">
                  <MoneyText money={entry.amount} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </article>
  );
}

function CustomerSessions({ overview }: { overview: Overview }) {
  const { t } = useI18n();
  const when = useWhen();
  return (
    <article className="panel" aria-labelledby="customer-sessions">
      <h2 id="customer-sessions">{t('console.customers.sessions')}</h2>
      {overview.sessions.length === 0 ? (
        <p>{t('console.customers.noSessions')}</p>
      ) : (
        <table className="data-table" aria-labelledby="customer-sessions">
          <thead>
            <tr>
              <th scope="col">{t('console.customers.signedIn')}</th>
              <th scope="col">{t('console.customers.lastSeen')}</th>
              <th scope="col">{t('console.customers.from')}</th>
            </tr>
          </thead>
          <tbody>
            {overview.sessions.map((session) => (
              <tr key={session.id}>
                <td>{when(session.created_at)}</td>
                <td>{when(session.last_seen_at)}</td>
                <td>
                  {session.ip ?? '—'}
                  {session.user_agent ? <span className="muted"> · {session.user_agent}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </article>
  );
}
