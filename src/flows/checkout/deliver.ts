import type { Tx } from '../../db/index.js';
import {
  advanceOrder,
  getOrder,
  lockOrder,
  type OrderRow,
  type OrderStep,
} from '../../modules/orders/service.js';
import { compensate } from './compensations.js';
import type { Checkout } from './deps.js';
import { productOf } from './products.js';
import { queueReceiptEmail } from './receipt.js';

/**
 * Deliver: what a paid order turns into, inside the transaction that made it paid. An instant product (the
 * wallet credit) ends fulfilled there, its receipt email enqueued; a later one (a line top-up) is queued with
 * its provider and finishes through `delivery-outcomes.ts`. A product this version cannot deliver fails for good
 * and is refunded at once.
 */

const DELIVERY_STARTED = { to: 'fulfilling', cause: 'delivery_started', actor: 'system' } as const;

/**
 * Delivers `order` (locked, in `tx`), after the steps that lead to it being paid (`[paid]` when this
 * transaction pays it, none when it is paid already). One UPDATE and one INSERT for the order however many steps
 * an instant delivery takes.
 */
export async function deliverIn(
  tx: Tx,
  checkout: Checkout,
  order: OrderRow,
  toPaid: readonly OrderStep[],
): Promise<OrderRow> {
  const product = productOf(order);
  if (!product) {
    const failed = await advanceOrder(tx, checkout.clock, order, [
      ...toPaid,
      DELIVERY_STARTED,
      { to: 'failed', cause: 'product_not_deliverable', actor: 'system' },
    ]);
    await compensate(tx, checkout, 'delivery_failed', { order: failed });
    return lockOrder(tx, failed.id);
  }
  if (product.delivery === 'instant') {
    await product.deliver(tx, checkout, order);
    const fulfilled = await advanceOrder(tx, checkout.clock, order, [
      ...toPaid,
      DELIVERY_STARTED,
      { to: 'fulfilled', cause: 'delivered', actor: 'system' },
    ]);
    await queueReceiptEmail(tx, checkout, fulfilled);
    return fulfilled;
  }
  const fulfilling = await advanceOrder(tx, checkout.clock, order, [...toPaid, DELIVERY_STARTED]);
  await product.deliver(tx, checkout, fulfilling);
  return fulfilling;
}

/** After the paying transaction committed: start a later delivery now (its job stays the guarantee). */
export async function startDelivery(
  checkout: Checkout,
  order: Pick<OrderRow, 'id' | 'product'>,
): Promise<void> {
  const product = productOf(order);
  if (!product?.started) return;
  try {
    await product.started(checkout, order.id);
  } catch (error) {
    checkout.jobs.log.warn(
      { err: error, order_id: order.id },
      'delivery fast path failed; its job will retry',
    );
  }
}

/**
 * A paid order left `paid` (enqueued by a version that delivered from a job): deliver it now. Idempotent: an
 * order that is not `paid` any more is left alone.
 */
export async function deliverLeftPaid(checkout: Checkout, orderId: string): Promise<void> {
  if ((await getOrder(checkout.db, orderId)).status !== 'paid') return;
  const order = await checkout.db.transaction(async (tx) => {
    const paid = await lockOrder(tx, orderId);
    return paid.status === 'paid' ? deliverIn(tx, checkout, paid, []) : paid;
  });
  if (order.status === 'fulfilling') await startDelivery(checkout, order);
}
