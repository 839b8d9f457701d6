import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '../../db/index.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { formatMoney, money } from '../../kernel/money.js';
import { recordAuditEvent, type RequestContext } from '../admin/service.js';
import { customerContact } from '../identity/service.js';
import { queueEmail } from '../notifications/service.js';
import type { OrderRow } from '../orders/schema.js';
import { lockOrder, orderTimeline, recordOrderRefund, transitionOrder } from '../orders/service.js';
import { getQuote } from '../pricing/service.js';
import { PAYMENT_JOBS, type PaymentsDeps } from './context.js';
import { postRefund, type RefundSource } from './postings.js';
import { PaymentProviderError, type ProviderRefund } from '../../ports/payments.js';
import { payments, refunds, type PaymentRow, type RefundRow } from './schema.js';
import { providerOf } from './attempts.js';

/**
 * Refunds. Requesting one reserves the money at once, in one transaction with the order and payment locked:
 * the ledger moves it back towards the provider (out of the wallet, which must still hold it, or out of the
 * undelivered prepayment), the payment's refunded amount grows (so concurrent refunds can never exceed what was
 * paid), and a job asks the provider. If the provider finally refuses, the ledger entry is reversed.
 */

export type RefundReason =
  'requested_by_customer' | 'duplicate_payment' | 'delivery_failed' | 'operator_goodwill';

/** The succeeded attempt that paid the order (a later duplicate is refunded on its own). */
async function payingPayment(tx: Tx, orderId: string): Promise<PaymentRow> {
  const [payment] = await tx
    .select()
    .from(payments)
    .where(and(eq(payments.orderId, orderId), eq(payments.status, 'succeeded')))
    .orderBy(asc(payments.succeededAt), asc(payments.id))
    .limit(1)
    .for('update');
  if (!payment) {
    throw new AppError({
      type: 'invalid_request_error',
      code: 'order_not_paid',
      status: 409,
      param: 'order',
    });
  }
  return payment;
}

/**
 * Reserves a refund of `amountMinor` of `payment` inside `tx`. To the original method it enqueues the provider
 * call; to the wallet (and for an order paid from the wallet) it is done at once.
 */
export async function reserveRefund(
  tx: Tx,
  deps: Pick<PaymentsDeps, 'clock' | 'jobs' | 'baseUrl'>,
  input: {
    order: OrderRow;
    payment: PaymentRow;
    amountMinor: number;
    from: RefundSource;
    to?: 'original_method' | 'wallet';
    reason: RefundReason;
    requestedBy: string;
  },
): Promise<RefundRow> {
  const { order, payment } = input;
  const to = payment.provider === 'wallet' ? 'wallet' : (input.to ?? 'original_method');
  const quote = await getQuote(tx, order.customerId, order.quoteId);
  const id = newId('refund');
  await postRefund(tx, deps.clock, {
    key: `refund:${id}`,
    payment,
    order: { customerId: order.customerId, totalMinor: order.totalMinor, feeMinor: quote.feeMinor },
    refundedBeforeMinor: payment.refundedMinor,
    amountMinor: input.amountMinor,
    from: input.from,
    to,
    sign: 1,
  });
  await tx
    .update(payments)
    .set({ refundedMinor: payment.refundedMinor + input.amountMinor, updatedAt: deps.clock.now() })
    .where(eq(payments.id, payment.id));
  const now = deps.clock.now();
  const [refund] = await tx
    .insert(refunds)
    .values({
      id,
      paymentId: payment.id,
      orderId: order.id,
      amountMinor: input.amountMinor,
      currency: payment.currency,
      destination: to,
      source: input.from,
      status: to === 'wallet' ? 'succeeded' : 'pending',
      reason: input.reason,
      requestedBy: input.requestedBy,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (to === 'original_method') {
    await deps.jobs.enqueue(tx, PAYMENT_JOBS.refund, { refundId: id }, { singletonKey: `refund:${id}` });
  }
  return refund!;
}

/**
 * Delivery failed for good (inside the delivery's transaction): everything not yet refunded goes back to the
 * original method, the order moves to `refunding`, and the refund email follows when the provider confirms.
 */
export async function refundUndeliveredOrder(
  tx: Tx,
  deps: Pick<PaymentsDeps, 'clock' | 'jobs' | 'baseUrl'>,
  order: OrderRow,
): Promise<void> {
  const payment = await payingPayment(tx, order.id);
  const available = payment.amountMinor - payment.refundedMinor;
  let refund: RefundRow | undefined;
  if (available > 0) {
    refund = await reserveRefund(tx, deps, {
      order,
      payment,
      amountMinor: available,
      from: 'prepayments',
      reason: 'delivery_failed',
      requestedBy: 'system',
    });
    await recordOrderRefund(tx, deps.clock, order.id, available);
    await recordAuditEvent(tx, deps.clock, SYSTEM_REQUEST, {
      action: 'order.refund_requested',
      actor: { type: 'system' },
      target: { type: 'order', id: order.id },
      details: {
        refund: refund.id,
        amount_minor: available,
        currency: payment.currency,
        reason: 'delivery_failed',
      },
    });
  }
  await transitionOrder(tx, deps.clock, order.id, 'refunding', { cause: 'delivery_failed', actor: 'system' });
  if (refund) await settleAtOnce(tx, deps, refund);
}

/** A refund that needed no provider (to the wallet) is final at once: finish the order, tell the customer. */
async function settleAtOnce(
  tx: Tx,
  deps: Pick<PaymentsDeps, 'clock' | 'jobs' | 'baseUrl'>,
  refund: RefundRow,
): Promise<void> {
  if (refund.status !== 'succeeded') return;
  const order = await lockOrder(tx, refund.orderId);
  await finishSettledOrder(tx, deps, order);
  await queueRefundEmail(tx, deps, refund, order);
}

async function finishSettledOrder(tx: Tx, deps: Pick<PaymentsDeps, 'clock'>, order: OrderRow): Promise<void> {
  if (order.status === 'refunding' && (await allRefundsSettled(tx, order.id))) {
    await transitionOrder(tx, deps.clock, order.id, 'refunded', {
      cause: 'refund_succeeded',
      actor: 'system',
    });
  }
}

const SYSTEM_REQUEST = { ip: null, userAgent: null, requestId: null };

/**
 * A refund, full (no amount) or partial, to the original method or to the wallet, by staff with
 * `refunds.create`. Refuses more than what is left of the payment (400), a wallet top-up refunded into the
 * wallet (400) and, for a wallet credit already spent, more than the wallet holds (402).
 */
export async function refundOrder(
  deps: PaymentsDeps,
  context: RequestContext,
  input: {
    orderId: string;
    amountMinor: number | undefined;
    destination: 'original_method' | 'wallet';
    reason: RefundReason;
    requestedBy: string;
  },
): Promise<RefundRow> {
  return deps.db.transaction(async (tx) => {
    const order = await lockOrder(tx, input.orderId);
    if (!['paid', 'fulfilled', 'failed'].includes(order.status)) {
      throw new AppError({
        type: 'invalid_request_error',
        code: 'order_state_invalid',
        status: 409,
        values: { order: order.id, status: order.status, target: 'refunding' },
      });
    }
    const payment = await payingPayment(tx, order.id);
    const available = payment.amountMinor - payment.refundedMinor;
    const amountMinor = input.amountMinor ?? available;
    if (amountMinor <= 0 || amountMinor > available) {
      throw new AppError({
        type: 'invalid_request_error',
        code: 'refund_exceeds_payment',
        status: 400,
        param: 'amount_minor',
        values: { available: formatMoney(money(available, payment.currency), 'en') },
      });
    }
    if (input.destination === 'wallet' && order.product === 'wallet_credit') {
      throw new AppError({
        type: 'invalid_request_error',
        code: 'refund_destination_invalid',
        status: 400,
        param: 'destination',
      });
    }
    const delivered = order.status === 'fulfilled';
    const from: RefundSource = !delivered
      ? 'prepayments'
      : order.product === 'wallet_credit'
        ? 'wallet'
        : 'sales';
    const refund = await reserveRefund(tx, deps, {
      order,
      payment,
      amountMinor,
      from,
      to: input.destination,
      reason: input.reason,
      requestedBy: input.requestedBy,
    });
    await recordOrderRefund(tx, deps.clock, order.id, amountMinor);
    if (amountMinor === available) {
      await transitionOrder(tx, deps.clock, order.id, 'refunding', {
        cause: input.reason,
        actor: input.requestedBy,
      });
    }
    await recordAuditEvent(tx, deps.clock, context, {
      action: 'order.refund_requested',
      actor: input.requestedBy.startsWith('stf_')
        ? { type: 'staff', id: input.requestedBy }
        : { type: 'system' },
      target: { type: 'order', id: order.id },
      details: {
        refund: refund.id,
        amount_minor: amountMinor,
        currency: payment.currency,
        reason: input.reason,
        destination: refund.destination,
      },
    });
    await settleAtOnce(tx, deps, refund);
    return refund;
  });
}

/** Asks the provider to send a reserved refund (job). Retried while the provider is unavailable. */
export async function executeRefund(deps: PaymentsDeps, refundId: string): Promise<void> {
  const [refund] = await deps.db.select().from(refunds).where(eq(refunds.id, refundId));
  if (!refund) throw notFound('refund', refundId);
  if (refund.status !== 'pending' || refund.providerRefundId) return;
  const [payment] = await deps.db.select().from(payments).where(eq(payments.id, refund.paymentId));
  try {
    const sent = await providerOf(deps, payment!.provider).refund({
      providerPaymentId: payment!.providerPaymentId!,
      amountMinor: refund.amountMinor,
      currency: refund.currency,
      idempotencyKey: `simfill_${refund.id}`,
      metadata: { refund_id: refund.id, order_id: refund.orderId },
    });
    await applyProviderRefund(deps, refund.id, sent);
  } catch (error) {
    if (error instanceof PaymentProviderError && error.kind !== 'unavailable') {
      await applyProviderRefund(deps, refund.id, undefined);
      return;
    }
    throw error;
  }
}

/**
 * Applies the provider's answer about a refund (the call's response or a webhook). `undefined` = refused.
 * Final states are never replaced.
 */
export async function applyProviderRefund(
  deps: PaymentsDeps,
  refundId: string,
  reported: ProviderRefund | undefined,
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const [refund] = await tx.select().from(refunds).where(eq(refunds.id, refundId)).for('update');
    if (!refund || refund.status !== 'pending') return;
    const status = reported?.status ?? 'failed';
    await tx
      .update(refunds)
      .set({
        status,
        providerRefundId: reported?.providerRefundId ?? refund.providerRefundId,
        updatedAt: deps.clock.now(),
      })
      .where(eq(refunds.id, refundId));
    if (status === 'pending') return;
    const order = await lockOrder(tx, refund.orderId);
    if (status === 'failed') {
      await reverseRefund(tx, deps, refund, order);
      return;
    }
    await finishSettledOrder(tx, deps, order);
    await queueRefundEmail(tx, deps, refund, order);
  });
}

async function allRefundsSettled(tx: Tx, orderId: string): Promise<boolean> {
  const rows = await tx.select({ status: refunds.status }).from(refunds).where(eq(refunds.orderId, orderId));
  return rows.every((row) => row.status !== 'pending');
}

async function reverseRefund(tx: Tx, deps: PaymentsDeps, refund: RefundRow, order: OrderRow): Promise<void> {
  const [payment] = await tx.select().from(payments).where(eq(payments.id, refund.paymentId)).for('update');
  const quote = await getQuote(tx, order.customerId, order.quoteId);
  const refundedBeforeMinor = payment!.refundedMinor - refund.amountMinor;
  await postRefund(tx, deps.clock, {
    key: `refund:${refund.id}:reversed`,
    payment: payment!,
    order: { customerId: order.customerId, totalMinor: order.totalMinor, feeMinor: quote.feeMinor },
    refundedBeforeMinor,
    amountMinor: refund.amountMinor,
    from: refund.source,
    to: refund.destination,
    sign: -1,
  });
  await tx.update(payments).set({ refundedMinor: refundedBeforeMinor }).where(eq(payments.id, payment!.id));
  if (refund.reason !== 'duplicate_payment')
    await recordOrderRefund(tx, deps.clock, order.id, -refund.amountMinor);
  await recordAuditEvent(
    tx,
    deps.clock,
    { ip: null, userAgent: null, requestId: null },
    {
      action: 'order.refund_failed',
      outcome: 'failure',
      actor: { type: 'system' },
      target: { type: 'order', id: order.id },
      details: { refund: refund.id, amount_minor: refund.amountMinor, currency: refund.currency },
    },
  );
}

/** Causes provisioning gives a delivery the airtime provider refused because the operator was down. */
const OPERATOR_DOWN_CAUSES = new Set([
  'provider_operator_unavailable_or_currently_inactive',
  'provider_operator_not_in_service',
]);

async function queueRefundEmail(
  tx: Tx,
  deps: Pick<PaymentsDeps, 'clock' | 'jobs' | 'baseUrl'>,
  refund: RefundRow,
  order: OrderRow,
): Promise<void> {
  const contact = await customerContact(tx, order.customerId);
  if (!contact) return;
  const zh = contact.locale === 'zh-CN';
  const reasons: Record<string, [string, string]> = {
    duplicate_payment: [
      'This order had already been paid, so the second payment goes back to you.',
      '该订单已经付过款，重复的付款已退回给您。',
    ],
    delivery_failed: ['We could not deliver your order.', '很抱歉，您的订单未能完成交付。'],
    requested_by_customer: ['As you asked.', '已按您的要求办理。'],
    operator_goodwill: ['', ''],
  };
  const failedBecause = (await orderTimeline(tx, order.id)).find((step) => step.toStatus === 'failed')?.cause;
  const [reasonEn, reasonZh] =
    refund.reason === 'delivery_failed' && OPERATOR_DOWN_CAUSES.has(failedBecause ?? '')
      ? [
          'The carrier is not accepting top-ups at the moment, so we could not deliver your order.',
          '运营商暂时无法充值，您的订单未能完成交付。',
        ]
      : (reasons[refund.reason] ?? ['', '']);
  await queueEmail(tx, deps.jobs, deps.clock, {
    to: contact.email,
    locale: contact.locale,
    template: 'refund_issued',
    referenceId: order.id,
    values: {
      amount: formatMoney(money(refund.amountMinor, refund.currency), contact.locale),
      destination:
        refund.destination === 'wallet'
          ? zh
            ? '您的 SimFill 钱包'
            : 'your SimFill wallet'
          : zh
            ? '您原来的支付方式'
            : 'your original payment method',
      reason: zh ? reasonZh : reasonEn,
      receiptNumber: order.receiptNumber ?? order.id,
      orderLink: `${deps.baseUrl}/account/orders/${order.id}`,
    },
  });
}

export async function refundsOfOrder(deps: Pick<PaymentsDeps, 'db'>, orderId: string): Promise<RefundRow[]> {
  return deps.db.select().from(refunds).where(eq(refunds.orderId, orderId)).orderBy(asc(refunds.id));
}

/** The refund a provider event names, by the provider's refund id or SimFill's id in its metadata. */
export async function findRefundByProviderId(
  deps: Pick<PaymentsDeps, 'db'>,
  providerRefundId: string,
): Promise<RefundRow | undefined> {
  const [row] = await deps.db.select().from(refunds).where(eq(refunds.providerRefundId, providerRefundId));
  return row;
}
