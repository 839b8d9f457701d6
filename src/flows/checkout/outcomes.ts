import type { Tx } from '../../db/index.js';
import { takeOperatorOffSale } from '../../modules/catalog/service.js';
import { queueEmail } from '../../modules/notifications/service.js';
import { lockOrder, transitionOrder } from '../../modules/orders/service.js';
import type { PaymentOutcomes, PaymentRow } from '../../modules/payments/service.js';
import {
  isOperatorDown,
  recordOperatorTakenOffSale,
  type DeliveryOutcomes,
  type DeliveryRow,
} from '../../modules/provisioning/service.js';
import { postCapture, postLineDelivered } from './book.js';
import { compensate } from './compensations.js';
import { deliverIn, startDelivery } from './deliver.js';
import type { Checkout } from './deps.js';
import { queueReceiptEmail } from './receipt.js';
import { orderMoneyOf, settleRefund } from './refunds.js';

/**
 * What the flow does when payments or provisioning report an outcome: the ports those modules call, inside
 * the transaction that records the outcome.
 */

/** Captured: book it; pay and deliver the order — or, if it was paid already, give this payment back. */
async function paymentSucceeded(
  tx: Tx,
  checkout: Checkout,
  payment: PaymentRow,
  source: { cause: string; actor: string },
) {
  const order = await lockOrder(tx, payment.orderId);
  await postCapture(tx, checkout.clock, payment, await orderMoneyOf(tx, order));
  if (order.status === 'awaiting_payment' || order.status === 'expired' || order.status === 'cancelled') {
    // Money that arrives after the lock ran out, or for a cancelled order, is honoured, never dropped.
    const cause = order.status === 'awaiting_payment' ? 'payment_succeeded' : 'late_payment_honoured';
    const delivering = await deliverIn(tx, checkout, order, [{ to: 'paid', cause, actor: source.actor }]);
    return delivering.status === 'fulfilling' ? () => startDelivery(checkout, delivering) : undefined;
  }
  // The order was already paid by another attempt (the customer paid twice, e.g. by card and by Alipay).
  await compensate(tx, checkout, 'second_capture', { order, payment });
  return undefined;
}

export function paymentOutcomesOf(checkout: Checkout): PaymentOutcomes {
  return {
    paymentSucceeded: (tx, payment, source) => paymentSucceeded(tx, checkout, payment, source),
    holdOrder: async (tx, orderId) => {
      await lockOrder(tx, orderId);
    },
    refundSucceeded: (tx, refund) => settleRefund(tx, checkout, refund),
    refundFailed: (tx, refund, payment, refundedBeforeMinor) =>
      compensate(tx, checkout, 'refund_refused', { refund, payment, refundedBeforeMinor }),
  };
}

/** Topped up: the prepayment becomes revenue, the provider float pays the cost, the order is fulfilled. */
async function delivered(tx: Tx, checkout: Checkout, delivery: DeliveryRow, costMinor: number) {
  const order = await lockOrder(tx, delivery.orderId);
  if (order.status !== 'fulfilling') return;
  const money = await orderMoneyOf(tx, order);
  await postLineDelivered(tx, checkout.clock, {
    orderId: order.id,
    customerId: order.customerId,
    valueMinor: money.totalMinor - money.feeMinor,
    costMinor,
    provider: delivery.provider,
  });
  const fulfilled = await transitionOrder(tx, checkout.clock, order, 'fulfilled', {
    cause: 'delivered',
    actor: 'system',
  });
  await queueReceiptEmail(tx, checkout, fulfilled);
}

/** Refused for good: the order fails and the compensation table refunds it. */
async function deliveryFailed(tx: Tx, checkout: Checkout, delivery: DeliveryRow, providerCode: string) {
  if (isOperatorDown(providerCode)) await stopSellingOperator(tx, checkout, delivery, providerCode);
  const order = await lockOrder(tx, delivery.orderId);
  if (order.status !== 'fulfilling') return;
  const failed = await transitionOrder(tx, checkout.clock, order, 'failed', {
    cause: `provider_${providerCode.toLowerCase()}`,
    actor: 'system',
  });
  await compensate(tx, checkout, 'delivery_failed', { order: failed });
}

/**
 * A top-up refused as "operator unavailable" on every attempt: so that no one else pays for what cannot be
 * delivered, the operator's products go off sale and staff are told once (a second refusal finds them off sale
 * already and says nothing more).
 */
async function stopSellingOperator(tx: Tx, checkout: Checkout, delivery: DeliveryRow, code: string) {
  const paused = await takeOperatorOffSale(tx, delivery.provider, delivery.providerOperatorId);
  if (!paused || paused.productIds.length === 0) return;
  await recordOperatorTakenOffSale(tx, checkout.clock, delivery, paused.productIds, code);
  await queueEmail(tx, checkout.jobs, checkout.clock, {
    to: checkout.provisioning.float.staffEmail,
    locale: 'en',
    template: 'operator_unavailable',
    referenceId: paused.operator.id,
    values: {
      operator: paused.operator.name,
      provider: delivery.provider,
      providerCode: code,
      recipient: delivery.recipient,
      products: String(paused.productIds.length),
      consoleLink: `${checkout.baseUrl}/console/provider`,
    },
  });
}

export function deliveryOutcomesOf(checkout: Checkout): DeliveryOutcomes {
  return {
    delivered: (tx, delivery, costMinor) => delivered(tx, checkout, delivery, costMinor),
    failed: (tx, delivery, providerCode) => deliveryFailed(tx, checkout, delivery, providerCode),
  };
}
