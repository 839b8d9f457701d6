import { useEffect, useState, type FormEvent } from 'react';
import { usePhoneFormat } from '../../ui/phone';
import { useI18n } from '../../i18n/I18nProvider';
import { MoneyText, useMethodName } from '../../portal/wallet/MoneyText';
import type { OrderStory } from '../../api/types';
import { formatPrice } from '../../ui/format';
import { Field, fieldError, FormAlert, formText, SubmitButton, useAction, useLoad } from '../../ui/forms';
import { api } from '../../ui/http';
import { Link } from '../../ui/router';
import { NoAccess } from '../ConsoleApp';
import { useStaffSession } from '../staffSession';

/** One order's whole story for support and finance, with the refund action. */
export function ConsoleOrderDetailPage({ orderId }: { orderId: string }) {
  const { t, locale } = useI18n();
  const formatPhone = usePhoneFormat();
  const { session } = useStaffSession();
  const methodName = useMethodName();
  const ledgerMemo = useLedgerMemo();
  const refundReason = useRefundReason();
  const load = useLoad();
  const refund = useAction();
  const [story, setStory] = useState<OrderStory | null>(null);
  const reload = async () => {
    const loaded = await load.run(() =>
      api<OrderStory>(`/v1/admin/orders/${encodeURIComponent(orderId)}`, { locale }),
    );
    if (loaded) setStory(loaded);
  };
  useEffect(() => {
    void reload();
  }, [orderId]); // another order
  if (load.error?.code === 'permission_denied') return <NoAccess />;
  if (!story) return <FormAlert error={load.error} />;
  const { order } = story;
  const when = (iso: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(iso));
  const paid = order.payments.find((payment) => payment.status === 'succeeded');
  const refundable = paid ? paid.amount.amount_minor - paid.refunded.amount_minor : 0;
  const canRefund =
    (session?.staff.permissions.includes('refunds.create') ?? false) &&
    refundable > 0 &&
    ['paid', 'fulfilled', 'failed'].includes(order.status);

  // A wallet top-up cannot be refunded into the wallet, and a wallet-paid order always goes back to it.
  const canChooseDestination = order.product !== 'wallet_credit' && order.method !== 'wallet';
  const submitRefund = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = formText(form, 'amount').trim();
    const major = /^\d+(\.\d{1,2})?$/.exec(text) ? text : '';
    const [whole = '0', fraction = ''] = major.split('.');
    const amountMinor =
      text === '' ? undefined : major ? Number(whole) * 100 + Number(fraction.padEnd(2, '0')) : -1;
    const all = amountMinor === undefined;
    const amountText = formatPrice(locale, amountMinor ?? refundable, paid!.amount.currency);
    const toWallet = formText(form, 'destination') === 'wallet';
    const question = toWallet
      ? t('console.refund.confirmWallet', { amount: amountText })
      : t(all ? 'console.refund.confirmAll' : 'console.refund.confirm', { amount: amountText });
    if (!window.confirm(question)) return;
    const done = await refund.run((idempotencyKey) =>
      api(`/v1/admin/orders/${order.id}/refunds`, {
        method: 'POST',
        body: {
          ...(amountMinor === undefined ? {} : { amount_minor: amountMinor }),
          reason: formText(form, 'reason'),
          destination: formText(form, 'destination') || 'original_method',
        },
        locale,
        csrfToken: session?.csrf_token,
        idempotencyKey,
      }),
    );
    if (done) await reload();
  };

  return (
    <section className="order-story">
      <p>
        <Link href="/console/orders">← {t('console.nav.orders')}</Link>
      </p>
      <h1>
        {t('order.title')} {order.receipt_number ?? order.id}
      </h1>
      <p className={`order-status order-status--${order.status}`}>{t(`order.status.${order.status}`)}</p>
      <dl className="order-facts">
        <dt>ID</dt>
        <dd>{order.id}</dd>
        <dt>{t('console.orders.customer')}</dt>
        <dd>
          <Link href={`/console/customers/${story.customer}`}>{story.customer}</Link>
        </dd>
        <dt>{t('order.product')}</dt>
        <dd>{order.item_name ?? t('order.walletTopUp')}</dd>
        {order.recipient ? (
          <>
            <dt>{t('order.recipient')}</dt>
            <dd>
              <Link href={`/console/lines?query=${encodeURIComponent(order.recipient)}`}>
                {formatPhone(order.recipient)}
              </Link>
            </dd>
          </>
        ) : null}
        {order.delivery ? (
          <>
            <dt>{t('order.delivery')}</dt>
            <dd>
              {story.delivery_id ? (
                <Link href={`/console/deliveries/${story.delivery_id}`}>
                  {t(`line.delivery.${order.delivery.status}`)}
                </Link>
              ) : (
                t(`line.delivery.${order.delivery.status}`)
              )}
            </dd>
          </>
        ) : null}
        <dt>{t('order.charge')}</dt>
        <dd>
          <MoneyText money={order.charge} /> · {methodName(order.method)} (<MoneyText money={order.total} />)
        </dd>
        <dt>{t('order.refunded')}</dt>
        <dd>
          <MoneyText money={order.refunded} />
        </dd>
      </dl>

      {canRefund ? (
        <form
          className="panel"
          onSubmit={(event) => void submitRefund(event)}
          aria-label={t('console.refund.title')}
        >
          <h2>{t('console.refund.title')}</h2>
          <p>
            {t('console.refund.available', {
              amount: formatPrice(locale, refundable, paid!.amount.currency),
            })}
          </p>
          <Field
            label={t('console.refund.amount', { currency: paid!.amount.currency })}
            name="amount"
            inputMode="decimal"
            hint={t('console.refund.amountHint')}
            error={fieldError(refund.error, 'amount_minor')}
          />
          <div className="field">
            <label htmlFor="refund-reason">{t('console.refund.reason')}</label>
            <select id="refund-reason" name="reason" defaultValue="requested_by_customer">
              <option value="requested_by_customer">
                {t('console.refund.reason.requested_by_customer')}
              </option>
              <option value="operator_goodwill">{t('console.refund.reason.operator_goodwill')}</option>
            </select>
          </div>
          {canChooseDestination ? (
            <fieldset>
              <legend>{t('console.refund.destination')}</legend>
              <label className="choice">
                <input type="radio" name="destination" value="original_method" defaultChecked />
                {t('console.refund.toOriginal', { method: methodName(order.method) })}
              </label>
              <label className="choice">
                <input type="radio" name="destination" value="wallet" />
                {t('console.refund.toWallet')}
              </label>
            </fieldset>
          ) : null}
          <FormAlert error={refund.error} fields={['amount_minor', 'destination']} />
          <SubmitButton busy={refund.busy}>{t('console.refund.submit')}</SubmitButton>
        </form>
      ) : null}

      <h2>{t('order.timeline')}</h2>
      <table className="data-table">
        <tbody>
          {order.timeline.map((step) => (
            <tr key={`${step.to}-${step.at}`}>
              <td>{when(step.at)}</td>
              <td>{t(`order.status.${step.to}`)}</td>
              <td>
                <code>{step.cause}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{t('console.orders.payments')}</h2>
      <table className="data-table">
        <tbody>
          {order.payments.map((payment) => (
            <tr key={payment.id}>
              <td>
                <code>{payment.id}</code>
              </td>
              <td>{t(`console.payment.status.${payment.status}`)}</td>
              <td>
                {payment.payment_method?.brand
                  ? `${payment.payment_method.brand.toUpperCase()} •••• ${payment.payment_method.last4}`
                  : methodName(payment.method)}
                {payment.failure ? ` · ${payment.failure.decline_code ?? payment.failure.code}` : ''}
              </td>
              <td className="amount">
                <MoneyText money={payment.amount} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{t('console.orders.webhooks')}</h2>
      <table className="data-table">
        <tbody>
          {story.provider_events.map((event) => (
            <tr key={event.id}>
              <td>{when(event.received_at)}</td>
              <td>
                <code>{event.type}</code>
              </td>
              <td>{event.outcome ?? '…'}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{t('console.orders.ledger')}</h2>
      {story.ledger.map((transfer) => (
        <table className="data-table" key={transfer.id}>
          <caption>
            {when(transfer.posted_at)} · {ledgerMemo(transfer)}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('console.ledger.account')}</th>
              <th scope="col" className="amount">
                {t('console.ledger.debit')}
              </th>
              <th scope="col" className="amount">
                {t('console.ledger.credit')}
              </th>
            </tr>
          </thead>
          <tbody>
            {transfer.entries.map((entry) => (
              <tr key={`${entry.account}-${entry.amount.amount_minor}`}>
                <td>
                  <code>{entry.account}</code>
                </td>
                <td className="amount">
                  {entry.amount.amount_minor > 0 ? <MoneyText money={entry.amount} /> : ''}
                </td>
                <td className="amount">
                  {entry.amount.amount_minor < 0 ? (
                    <MoneyText money={{ ...entry.amount, amount_minor: -entry.amount.amount_minor }} />
                  ) : (
                    ''
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}

      {story.refunds.length > 0 ? (
        <>
          <h2>{t('console.orders.refunds')}</h2>
          <table className="data-table">
            <tbody>
              {story.refunds.map((item) => (
                <tr key={item.id}>
                  <td>{when(item.created_at)}</td>
                  <td className="amount">
                    <MoneyText money={item.amount} />
                  </td>
                  <td>{t(`console.refund.status.${item.status}`)}</td>
                  <td>{refundReason(item.reason)}</td>
                  <td>
                    {item.requested_by === 'system' ? (
                      t('console.refund.bySystem')
                    ) : (
                      <code>{item.requested_by}</code>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}

      <h2>{t('console.orders.emails')}</h2>
      <table className="data-table">
        <tbody>
          {story.emails.map((email) => (
            <tr key={email.id}>
              <td>{when(email.created_at)}</td>
              <td>{email.subject}</td>
              <td>{email.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

const LEDGER_KINDS = [
  'payment_captured',
  'wallet_payment',
  'wallet_credit',
  'line_topup_delivered',
  'refund',
  'refund_reversed',
] as const;

/** A ledger transfer's memo in the staff member's language; a kind this console does not know keeps its text. */
function useLedgerMemo(): (transfer: { kind: string; description: string }) => string {
  const { t } = useI18n();
  return (transfer) => {
    const kind = LEDGER_KINDS.find((known) => known === transfer.kind);
    return kind ? t(`console.ledger.kind.${kind}`) : transfer.description;
  };
}

const REFUND_REASONS = [
  'requested_by_customer',
  'duplicate_payment',
  'delivery_failed',
  'operator_goodwill',
] as const;

function useRefundReason(): (reason: string) => string {
  const { t } = useI18n();
  return (reason) => {
    const known = REFUND_REASONS.find((candidate) => candidate === reason);
    return known ? t(`console.refund.reason.${known}`) : reason;
  };
}
