import type { Tx } from '../../db/index.js';
import { recordAuditEvent } from '../../modules/admin/service.js';
import {
  lockOrder,
  recordOrderRefund,
  transitionOrder,
  type OrderRow,
} from '../../modules/orders/service.js';
import { payingPayment, type PaymentRow, type RefundRow } from '../../modules/payments/service.js';
import { postRefund } from './book.js';
import type { Checkout } from './deps.js';
import { orderMoneyOf, refundPayment, settleRefund, SYSTEM_REQUEST } from './refunds.js';

/**
 * The compensation table of the order path: every way money that came in for an order goes back, in one place.
 * Each runs inside the transaction of the event that calls for it, so the order, the payment and the ledger
 * move together; a refund to a payment method is then sent by payments' refund job (retried until the provider
 * answers), and a refusal is itself compensated (`refund_refused`).
 *
 * | when                                   | undoes                    | by                                                         |
 * |----------------------------------------|---------------------------|------------------------------------------------------------|
 * | delivery failed for good               | the paying payment        | refund what is left of it to where it came from (card,     |
 * |                                        |                           | Alipay, … → the method; wallet → the wallet); order failed |
 * |                                        |                           | → refunding → refunded once every refund has settled      |
 * | an eSIM or eSIM top-up refused for     | the paying payment        | the same row (`delivery_failed`): the esim module's         |
 * | good (stock 33/34, recycled 73, top-up |                           | `failed` outcome; credit 11 / maintenance 13 / rate limits |
 * | disabled 23; retries spent)            |                           | are retried first, a lost answer looked up, never refunded |
 * |                                        |                           | while the provider may have issued it                      |
 * | a second capture for a paid order      | the second payment        | refund it in full to its method (`duplicate_payment`)      |
 * | the provider refused a refund for good | the refund's booking      | reverse its ledger entry; the order keeps the money and    |
 * |                                        |                           | staff see `order.refund_failed` in the audit log           |
 *
 * "Captured → refund to the method" and "paid from the wallet → credit back" are the two destinations of the
 * same step (`refundPayment`: a wallet payment always goes back to the wallet). Staff refunds (refunds.ts)
 * use the same step with their own amount and destination.
 */

export interface CompensationInput {
  delivery_failed: { order: OrderRow };
  second_capture: { order: OrderRow; payment: PaymentRow };
  refund_refused: { refund: RefundRow; payment: PaymentRow; refundedBeforeMinor: number };
}

export type Compensation = keyof CompensationInput;

const COMPENSATIONS: {
  [K in Compensation]: (tx: Tx, checkout: Checkout, input: CompensationInput[K]) => Promise<void>;
} = {
  async delivery_failed(tx, checkout, { order }) {
    const payment = await payingPayment(tx, order.id);
    const available = payment.amountMinor - payment.refundedMinor;
    let refund: RefundRow | undefined;
    if (available > 0) {
      refund = await refundPayment(tx, checkout, {
        order,
        payment,
        amountMinor: available,
        source: 'prepayments',
        reason: 'delivery_failed',
        requestedBy: 'system',
      });
      await recordOrderRefund(tx, checkout.clock, order.id, available);
      await recordAuditEvent(tx, checkout.clock, SYSTEM_REQUEST, {
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
    await transitionOrder(tx, checkout.clock, order.id, 'refunding', {
      cause: 'delivery_failed',
      actor: 'system',
    });
    if (refund) await settleRefund(tx, checkout, refund);
  },

  async second_capture(tx, checkout, { order, payment }) {
    await refundPayment(tx, checkout, {
      order,
      payment,
      amountMinor: payment.amountMinor,
      source: 'prepayments',
      reason: 'duplicate_payment',
      requestedBy: 'system',
    });
  },

  async refund_refused(tx, checkout, { refund, payment, refundedBeforeMinor }) {
    const order = await lockOrder(tx, refund.orderId);
    await postRefund(tx, checkout.clock, {
      key: `refund:${refund.id}:reversed`,
      payment,
      order: await orderMoneyOf(tx, order),
      refundedBeforeMinor,
      amountMinor: refund.amountMinor,
      from: refund.source,
      to: refund.destination,
      sign: -1,
    });
    if (refund.reason !== 'duplicate_payment') {
      await recordOrderRefund(tx, checkout.clock, order.id, -refund.amountMinor);
    }
    await recordAuditEvent(tx, checkout.clock, SYSTEM_REQUEST, {
      action: 'order.refund_failed',
      outcome: 'failure',
      actor: { type: 'system' },
      target: { type: 'order', id: order.id },
      details: { refund: refund.id, amount_minor: refund.amountMinor, currency: refund.currency },
    });
  },
};

/** Runs one row of the table inside `tx`. */
export async function compensate<K extends Compensation>(
  tx: Tx,
  checkout: Checkout,
  kind: K,
  input: CompensationInput[K],
): Promise<void> {
  await COMPENSATIONS[kind](tx, checkout, input);
}
