import { dueForExpiry, lockOrder, transitionOrder } from '../../modules/orders/service.js';
import { attemptsInFlightOf, refreshPayment } from '../../modules/payments/service.js';
import type { Checkout } from './deps.js';

/** Expire: unpaid orders past their quote's lock become `expired` (a job, every minute). */

const EXPIRY_BATCH = 100;

/**
 * An attempt still in flight is asked about first: money that did arrive makes the order paid instead (nothing
 * paid is ever dropped). Answers how many orders expired.
 */
export async function expireOrders(checkout: Checkout): Promise<number> {
  const due = await dueForExpiry(checkout.db, checkout.clock.now(), EXPIRY_BATCH);
  let expired = 0;
  for (const { id } of due) {
    for (const paymentId of await attemptsInFlightOf(checkout.db, id)) {
      await refreshPayment(checkout.payments, paymentId);
    }
    await checkout.db.transaction(async (tx) => {
      const order = await lockOrder(tx, id);
      if (order.status !== 'awaiting_payment') return;
      await transitionOrder(tx, checkout.clock, order, 'expired', {
        cause: 'quote_expired',
        actor: 'system',
      });
      expired += 1;
    });
  }
  return expired;
}
