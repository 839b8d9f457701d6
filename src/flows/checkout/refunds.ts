import type { Tx } from '../../db/index.js';
import { AppError } from '../../kernel/errors.js';
import { formatMoney, money } from '../../kernel/money.js';
import { recordAuditEvent, type RequestContext } from '../../modules/admin/service.js';
import {
  illegalTransition,
  lockOrder,
  recordOrderRefund,
  transitionOrder,
  type OrderRow,
} from '../../modules/orders/service.js';
import {
  allRefundsSettled,
  newRefundId,
  payingPayment,
  refundDestinationOf,
  reserveRefund,
  type PaymentRow,
  type RefundReason,
  type RefundRow,
  type RefundSource,
} from '../../modules/payments/service.js';
import { getQuote } from '../../modules/pricing/service.js';
import { postRefund, type OrderMoney } from './book.js';
import type { Checkout } from './deps.js';
import { queueRefundEmail } from './receipt.js';

/**
 * Refunds of orders: the steps the compensation table (compensations.ts) and staff refunds share. A refund is
 * booked and reserved in one transaction with the order and payment locked: the ledger moves the money back
 * towards the provider (out of the wallet, which must still hold it, or out of the undelivered prepayment),
 * payments grows the payment's refunded amount and asks the provider (a job), and the order records it.
 */

export const SYSTEM_REQUEST: RequestContext = { ip: null, userAgent: null, requestId: null };

/** The order's money as the ledger recipes need it: its total and the method fee inside it (from the quote). */
export async function orderMoneyOf(tx: Tx, order: OrderRow): Promise<OrderMoney> {
  const quote = await getQuote(tx, order.customerId, order.quoteId);
  return { customerId: order.customerId, totalMinor: order.totalMinor, feeMinor: quote.feeMinor };
}

/** Books and reserves a refund of `amountMinor` of `payment`, which paid `order`. */
export async function refundPayment(
  tx: Tx,
  checkout: Checkout,
  input: {
    order: OrderRow;
    payment: PaymentRow;
    amountMinor: number;
    source: RefundSource;
    destination?: 'original_method' | 'wallet';
    reason: RefundReason;
    requestedBy: string;
  },
): Promise<RefundRow> {
  const { payment } = input;
  const destination = refundDestinationOf(payment, input.destination);
  const id = newRefundId();
  await postRefund(tx, checkout.clock, {
    key: `refund:${id}`,
    payment,
    order: await orderMoneyOf(tx, input.order),
    refundedBeforeMinor: payment.refundedMinor,
    amountMinor: input.amountMinor,
    from: input.source,
    to: destination,
    sign: 1,
  });
  return reserveRefund(tx, checkout.payments, {
    id,
    payment,
    amountMinor: input.amountMinor,
    source: input.source,
    destination,
    reason: input.reason,
    requestedBy: input.requestedBy,
  });
}

/** A refund that is final (the provider confirmed it, or it went to the wallet): finish the order, tell them. */
export async function settleRefund(tx: Tx, checkout: Checkout, refund: RefundRow): Promise<void> {
  if (refund.status !== 'succeeded') return;
  const order = await lockOrder(tx, refund.orderId);
  if (order.status === 'refunding' && (await allRefundsSettled(tx, order.id))) {
    await transitionOrder(tx, checkout.clock, order.id, 'refunded', {
      cause: 'refund_succeeded',
      actor: 'system',
    });
  }
  await queueRefundEmail(tx, checkout, refund, order);
}

/**
 * A refund, full (no amount) or partial, to the original method or to the wallet, by staff with
 * `refunds.create`. Refuses more than what is left of the payment (400), a wallet top-up refunded into the
 * wallet (400) and, for a wallet credit already spent, more than the wallet holds (402).
 */
export async function refundOrder(
  checkout: Checkout,
  context: RequestContext,
  input: {
    orderId: string;
    amountMinor: number | undefined;
    destination: 'original_method' | 'wallet';
    reason: RefundReason;
    requestedBy: string;
  },
): Promise<RefundRow> {
  return checkout.db.transaction(async (tx) => {
    const order = await lockOrder(tx, input.orderId);
    if (!['paid', 'fulfilled', 'failed'].includes(order.status)) throw illegalTransition(order, 'refunding');
    const payment = await payingPayment(tx, order.id);
    const available = payment.amountMinor - payment.refundedMinor;
    const amountMinor = input.amountMinor ?? available;
    if (amountMinor <= 0 || amountMinor > available) {
      throw new AppError('refund_exceeds_payment', {
        param: 'amount_minor',
        values: { available: formatMoney(money(available, payment.currency), 'en') },
      });
    }
    if (input.destination === 'wallet' && order.product === 'wallet_credit') {
      throw new AppError('refund_destination_invalid', { param: 'destination' });
    }
    const refund = await refundPayment(tx, checkout, {
      order,
      payment,
      amountMinor,
      source: refundSourceOf(order),
      destination: input.destination,
      reason: input.reason,
      requestedBy: input.requestedBy,
    });
    await recordOrderRefund(tx, checkout.clock, order.id, amountMinor);
    if (amountMinor === available) {
      await transitionOrder(tx, checkout.clock, order.id, 'refunding', {
        cause: input.reason,
        actor: input.requestedBy,
      });
    }
    await recordAuditEvent(tx, checkout.clock, context, {
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
    await settleRefund(tx, checkout, refund);
    return refund;
  });
}

/** Where a staff refund's value comes from: the undelivered prepayment, the wallet it went to, or sales. */
function refundSourceOf(order: OrderRow): RefundSource {
  if (order.status !== 'fulfilled') return 'prepayments';
  return order.product === 'wallet_credit' ? 'wallet' : 'sales';
}
