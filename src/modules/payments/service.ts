import { and, eq, inArray } from 'drizzle-orm';
import type { JobDefinition } from '../../kernel/jobs.js';
import { deliverPaidOrder } from '../orders/delivery.js';
import { orders } from '../orders/schema.js';
import { dueForExpiry, getOrder, transitionOrder } from '../orders/service.js';
import { capturePayment, reconcilePayments, refreshPayment } from './attempts.js';
import { PAYMENT_JOBS, type PaymentsDeps } from './context.js';
import { executeRefund } from './refunds.js';
import { payments } from './schema.js';
import { applyStoredEvent } from './webhooks.js';

/**
 * The payments module's door: attempts, webhooks, refunds and the jobs that drive them. Other modules import
 * from here only.
 */

export {
  applyProviderPayment,
  DUPLICATE_WINDOW_MS,
  getPayment,
  paymentsOfOrder,
  paymentsOfOrders,
  reconcilePayments,
  refreshPayment,
  startPayment,
} from './attempts.js';
export {
  minimumChargesOf,
  PAYMENT_JOBS,
  providerNameFor,
  type PaymentProviders,
  type PaymentsDeps,
} from './context.js';
export { applyProviderRefund, refundOrder, refundsOfOrder, type RefundReason } from './refunds.js';
export { postLineDelivered } from './postings.js';
export { eventsOfPayment, receiveWebhook } from './webhooks.js';
export type { PaymentRow, ProviderEventRow, RefundRow } from './schema.js';

const EXPIRY_BATCH = 100;

/**
 * Unpaid orders past their quote's lock become `expired`. An attempt still in flight is asked about first:
 * money that did arrive makes the order paid instead (nothing paid is ever dropped).
 */
export async function expireOrders(deps: PaymentsDeps): Promise<number> {
  const due = await dueForExpiry(deps.db, deps.clock.now(), EXPIRY_BATCH);
  let expired = 0;
  for (const { id } of due) {
    const open = await deps.db
      .select({ id: payments.id })
      .from(payments)
      .where(
        and(
          eq(payments.orderId, id),
          inArray(payments.status, ['creating', 'requires_action', 'processing']),
        ),
      );
    for (const payment of open) await refreshPayment(deps, payment.id);
    await deps.db.transaction(async (tx) => {
      const [order] = await tx.select().from(orders).where(eq(orders.id, id)).for('update');
      if (order?.status !== 'awaiting_payment') return;
      await transitionOrder(tx, deps.clock, id, 'expired', { cause: 'quote_expired', actor: 'system' });
      expired += 1;
    });
  }
  return expired;
}

/** The jobs of the money path; the worker role runs them. */
export function paymentJobs(deps: PaymentsDeps): JobDefinition[] {
  return [
    {
      queue: PAYMENT_JOBS.deliver,
      // A customer is watching the order page: pick these up within half a second.
      pollingIntervalSeconds: 0.5,
      batchSize: 25,
      retryLimit: 10,
      run: async (payload) => {
        const { orderId } = payload as { orderId: string };
        // Usually the fast path delivered it already: a plain read says so without a locking transaction.
        if ((await getOrder(deps.db, orderId)).status !== 'paid') return;
        await deliverPaidOrder(deps, orderId);
      },
    },
    {
      queue: PAYMENT_JOBS.applyEvent,
      // A customer is watching the order page: pick these up within half a second.
      pollingIntervalSeconds: 0.5,
      batchSize: 25,
      retryLimit: 8,
      run: async (payload) => {
        await applyStoredEvent(deps, (payload as { eventRowId: string }).eventRowId);
      },
    },
    {
      queue: PAYMENT_JOBS.capture,
      // A customer is watching the order page: pick these up within half a second.
      pollingIntervalSeconds: 0.5,
      batchSize: 25,
      retryLimit: 8,
      run: async (payload) => {
        await capturePayment(deps, (payload as { paymentId: string }).paymentId);
      },
    },
    {
      queue: PAYMENT_JOBS.refund,
      batchSize: 10,
      retryLimit: 12,
      run: async (payload) => {
        await executeRefund(deps, (payload as { refundId: string }).refundId);
      },
    },
    {
      queue: PAYMENT_JOBS.reconcile,
      cron: '* * * * *',
      retryLimit: 1,
      run: async () => {
        await reconcilePayments(deps, { staleAfterMs: 5 * 60_000, limit: 100 });
      },
    },
    {
      queue: PAYMENT_JOBS.expireOrders,
      cron: '* * * * *',
      retryLimit: 1,
      run: async () => {
        await expireOrders(deps);
      },
    },
  ];
}
