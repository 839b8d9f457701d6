import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { FormAlert, useAction, useLoad } from '../../ui/forms';
import { api } from '../../ui/http';
import { Link, useRoute } from '../../ui/router';
import { AccountLayout } from '../account/AccountLayout';
import { useSession } from '../session';
import { CancelOrder } from './CancelOrder';
import { DeliveryState } from './DeliveryState';
import { MoneyText, useMethodName } from './MoneyText';
import { PayButton } from './PayButton';
import { PinReveal } from './PinReveal';
import type { ApiRequest, Order, OrderStatus, Payment } from '../../api/types';
import { usePhoneFormat } from '../../ui/phone';
import '../esim/messages';
import '../esim/esim.css';
import type { EsimOrder } from '../esim/types';

const POLL_MS = 2_000;
/** Polling stops here: nothing more happens to the order without a person acting. */
const FINAL_ORDER_STATUSES: OrderStatus[] = ['fulfilled', 'refunded', 'expired', 'cancelled'];

/**
 * 订单状态: live until the order is done. Coming back from a provider's page (`?payment=…`) it first asks the
 * provider directly, so the result shows even before the webhook arrives.
 */
export function OrderPage({ orderId }: { orderId: string }) {
  const { t, locale } = useI18n();
  const formatPhone = usePhoneFormat();
  const { session } = useSession();
  const { query } = useRoute();
  const methodName = useMethodName();
  const load = useLoad();
  const [order, setOrder] = useState<Order | null>(null);
  const refreshed = useRef(false);
  const csrfToken = session?.csrf_token;

  useEffect(() => {
    if (!session) return;
    let stopped = false;
    let timer: number | undefined;
    const tick = async () => {
      const returning = query.get('payment');
      if (returning && !refreshed.current) {
        refreshed.current = true;
        await api<Payment>(`/v1/payments/${encodeURIComponent(returning)}/refresh`, {
          method: 'POST',
          locale,
          csrfToken,
        }).catch(() => undefined);
      }
      const loaded = await load.run(() =>
        api<Order>(`/v1/orders/${encodeURIComponent(orderId)}`, { locale }),
      );
      if (stopped) return;
      if (loaded) setOrder(loaded);
      if (!loaded || !FINAL_ORDER_STATUSES.includes(loaded.status))
        timer = window.setTimeout(() => void tick(), POLL_MS);
    };
    void tick();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [orderId, session?.id]); // restart polling for another order

  const payment = order?.payments.at(-1);
  const when = (iso: string) =>
    new Intl.DateTimeFormat(locale, {
      dateStyle: 'medium',
      timeStyle: 'medium',
      timeZone: session?.customer.time_zone,
    }).format(new Date(iso));

  return (
    <AccountLayout title={t('order.title')}>
      <FormAlert error={load.error} />
      {order ? (
        <>
          <p className={`order-status order-status--${order.status}`} role="status" aria-live="polite">
            {t(`order.status.${order.status}`)}
          </p>
          {isEsimOrder(order) ? <EsimDelivery order={order} /> : null}
          <dl className="order-facts">
            <dt>{t('order.receiptNumber')}</dt>
            <dd>{order.receipt_number ?? t('orders.notPaidYet')}</dd>
            <dt>{t('order.product')}</dt>
            <dd>{order.item_name ?? t('order.walletTopUp')}</dd>
            {order.recipient ? (
              <>
                <dt>{t('order.recipient')}</dt>
                <dd>{formatPhone(order.recipient)}</dd>
              </>
            ) : null}
            {order.face ? (
              <>
                <dt>{t('order.face')}</dt>
                <dd>
                  <MoneyText money={order.face} />
                </dd>
              </>
            ) : null}
            {order.delivery &&
            (!isEsimOrder(order) || ESIM_DELIVERY_DETAIL.includes(order.delivery.phase)) ? (
              <>
                <dt>{t('order.delivery')}</dt>
                <dd>
                  <DeliveryState delivery={order.delivery} />
                </dd>
                {order.delivery.status === 'succeeded' && !isEsimOrder(order) ? (
                  <>
                    <dt>{t('order.lineBalance')}</dt>
                    <dd>{t('order.lineBalanceNotReported')}</dd>
                  </>
                ) : null}
              </>
            ) : null}
            <dt>
              {t(
                order.paid_at
                  ? 'order.charge'
                  : order.status === 'awaiting_payment'
                    ? 'order.toPay'
                    : 'order.amount',
              )}
            </dt>
            <dd>
              <MoneyText money={order.charge} /> · {methodName(order.method)}
            </dd>
            {order.refunded.amount_minor > 0 ? (
              <>
                <dt>{t('order.refunded')}</dt>
                <dd>
                  <MoneyText money={order.refunded} />
                </dd>
              </>
            ) : null}
          </dl>
          <DeliveryFailure order={order} />
          {order.delivery?.pin ? <PinReveal orderId={order.id} masked={order.delivery.pin.masked} /> : null}
          {order.status === 'awaiting_payment' && payment ? (
            <PaymentStep payment={payment} retryHref={retryHrefOf(order)} />
          ) : null}
          {order.status === 'awaiting_payment' && !payment ? (
            <PayNow order={order} onStarted={(started) => setOrder({ ...order, payments: [started] })} />
          ) : null}
          {order.status === 'awaiting_payment' ? (
            <CancelOrder order={order} label={t('order.cancel')} onCancelled={setOrder} />
          ) : null}
          {order.receipt_number ? (
            <p>
              <Link className="button button--primary" href={`/account/orders/${order.id}/receipt`}>
                {t('order.viewReceipt')}
              </Link>
            </p>
          ) : null}
          {order.status === 'fulfilled' && !isEsimOrder(order) ? (
            <p>
              {order.recipient ? (
                <Link href="/account/lines">{t('order.toLines')}</Link>
              ) : (
                <Link href="/account/wallet">{t('order.toWallet')}</Link>
              )}
            </p>
          ) : null}
          <h2>{t('order.timeline')}</h2>
          <ol className="timeline">
            {order.timeline.map((step) => (
              <li key={`${step.to}-${step.at}`}>
                <time dateTime={step.at}>{when(step.at)}</time> {t(`order.status.${step.to}`)}
              </li>
            ))}
          </ol>
          <p className="order-id">
            {t('order.orderId')}: <code>{order.id}</code>
          </p>
        </>
      ) : null}
    </AccountLayout>
  );
}

/** The delivery phases an eSIM order also shows in detail (retries and their refund time); the rest says EsimDelivery. */
const ESIM_DELIVERY_DETAIL: string[] = ['confirming', 'waiting_retry'];
const isEsimOrder = (order: EsimOrder) => order.product === 'esim' || order.product === 'esim_topup';

/** Where "try again" goes after a failed payment: the line's top-ups, the eSIM's top-up, the plans, the wallet. */
function retryHrefOf(order: EsimOrder): string {
  if (order.product === 'esim_topup' && order.esim) return `/esims/${order.esim}/top-up`;
  if (order.product === 'esim') return '/';
  return order.recipient ? '/account/lines' : '/account/wallet/top-up';
}

/**
 * An eSIM order, once paid: while it is being issued (or its data added) the page says so and keeps reading; once
 * delivered, the one thing to do next, 安装 eSIM, is the page's main button (a top-up: the eSIM it went onto).
 */
function EsimDelivery({ order }: { order: EsimOrder }) {
  const { t } = useI18n();
  const delivered = order.status === 'fulfilled' || order.delivery?.phase === 'delivered';
  const working = order.status === 'paid' || order.status === 'fulfilling';
  const esimId = order.esim ?? null;
  const topUp = order.product === 'esim_topup';
  if (delivered && esimId)
    return (
      <div className="notice notice--success esim-order" role="status">
        <p className="esim-order__message">{t(topUp ? 'esimOrder.toppedUp' : 'esimOrder.ready')}</p>
        <div className="esim-order__actions">
          {topUp ? null : (
            <Link className="button button--primary button--large" href={`/esims/${esimId}/install`}>
              {t('esimOrder.install')}
            </Link>
          )}
          <Link
            className={topUp ? 'button button--primary' : 'button button--secondary'}
            href={`/esims/${esimId}`}
          >
            {t('esimOrder.viewEsim')}
          </Link>
        </div>
      </div>
    );
  if (working || delivered)
    return (
      <p className="notice notice--info esim-order" role="status">
        {t(topUp ? 'esimOrder.toppingUp' : 'esimOrder.delivering')}
      </p>
    );
  return null;
}

/** Why a paid top-up was not delivered (its money goes back): the carrier was down, or another refusal. */
function DeliveryFailure({ order }: { order: Order }) {
  const { t } = useI18n();
  const cause = order.timeline.find((step) => step.to === 'failed')?.cause;
  if (!order.delivery || !cause) return null;
  const operatorDown =
    cause === 'provider_operator_unavailable_or_currently_inactive' ||
    cause === 'provider_operator_not_in_service';
  return (
    <p className="notice notice--error" role="alert">
      {t(operatorDown ? 'order.failure.operatorUnavailable' : 'order.failure.delivery')}
    </p>
  );
}

/**
 * An order placed for the customer by the hotline (the emailed payment link) has no payment yet: its price is
 * locked and shown above; one click starts the payment with the method the customer chose on the phone.
 */
function PayNow({ order, onStarted }: { order: Order; onStarted: (payment: Payment) => void }) {
  const { locale } = useI18n();
  const { session } = useSession();
  const paying = useAction();
  const duplicate = paying.error?.code === 'possible_duplicate_payment';
  const pay = async (confirmDuplicate: boolean) => {
    const started = await paying.run((idempotencyKey) =>
      api<Payment>(`/v1/orders/${order.id}/payments`, {
        method: 'POST',
        body: { confirm_duplicate: confirmDuplicate } satisfies ApiRequest<
          '/v1/orders/{id}/payments',
          'post'
        >,
        locale,
        csrfToken: session?.csrf_token,
        idempotencyKey: `${idempotencyKey}${confirmDuplicate ? ':confirmed' : ''}`,
      }),
    );
    if (!started) return;
    if (started.next_action?.type === 'redirect') window.location.assign(started.next_action.url);
    else onStarted(started);
  };
  return (
    <div className="stack">
      <FormAlert error={paying.error} />
      <PayButton
        charge={order.charge}
        method={order.method}
        busy={paying.busy}
        duplicate={duplicate}
        onPay={(confirm) => void pay(confirm)}
      />
    </div>
  );
}

/** What the customer still has to do: open the provider's page, or scan the WeChat QR code. */
function PaymentStep({ payment, retryHref }: { payment: Payment; retryHref: string }) {
  const { t } = useI18n();
  if (payment.status === 'failed' || payment.status === 'canceled') {
    return (
      <div className="notice notice--error" role="alert">
        <p>{t(`pay.failure.${failureKey(payment.failure?.decline_code ?? payment.failure?.code)}`)}</p>
        <Link href={retryHref}>{t('order.tryAgain')}</Link>
      </div>
    );
  }
  if (payment.status === 'creating' || payment.status === 'processing') {
    return <p className="notice">{t('order.checkingWithProvider')}</p>;
  }
  const action = payment.next_action;
  if (action?.type === 'display_qr') {
    return (
      <div className="qr-pay">
        <p>{t('order.scanWeChat')}</p>
        <img src={`/v1/payments/${payment.id}/qr.svg`} alt={t('order.qrAlt')} width={220} height={220} />
        {action.hosted_instructions_url ? (
          <p>
            <a href={action.hosted_instructions_url}>{t('order.qrInstructions')}</a>
          </p>
        ) : null}
      </div>
    );
  }
  if (action?.type === 'redirect') {
    return (
      <p>
        <a className="button button--primary" href={action.url}>
          {t('order.continueToPay')}
        </a>
      </p>
    );
  }
  return null;
}

function failureKey(
  code: string | undefined,
): 'insufficient_funds' | 'expired_card' | 'authentication' | 'declined' {
  if (code === 'insufficient_funds') return 'insufficient_funds';
  if (code === 'expired_card') return 'expired_card';
  if (code === 'payment_intent_authentication_failure') return 'authentication';
  return 'declined';
}
