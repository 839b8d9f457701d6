import { and, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/index.js';
import type { JobDefinition } from '../../kernel/jobs.js';
import { capturePayment, reconcilePayments } from './attempts.js';
import { PAYMENT_JOBS, type PaymentsDeps } from './context.js';
import { executeRefund } from './refunds.js';
import { payments, refunds } from './schema.js';
import { applyStoredEvent } from './webhooks.js';

/**
 * The payments module's door: attempts, webhooks, refunds and the jobs that drive them. Payments works on an
 * opaque order reference and reports what happened through `PaymentOutcomes` (the checkout flow implements it).
 */

export {
  afterApplied,
  applyProviderPayment,
  createAtProvider,
  decideApply,
  getPayment,
  inFlightAttempt,
  openAttempt,
  paymentsOfOrder,
  paymentsOfOrders,
  providerOf,
  reconcilePayments,
  refreshPayment,
  type ApplyOutcome,
  type OrderToPay,
} from './attempts.js';
export {
  minimumChargesOf,
  PAYMENT_JOBS,
  providerNameFor,
  type PaymentOutcomes,
  type PaymentProviders,
  type PaymentsDeps,
  type ProviderName,
} from './context.js';
export {
  allRefundsSettled,
  applyProviderRefund,
  newRefundId,
  payingPayment,
  refundDestinationOf,
  refundsOfOrder,
  reserveRefund,
  type RefundReason,
  type RefundSource,
} from './refunds.js';
export { eventsOfPayment, receiveWebhook } from './webhooks.js';
export { nextActionSchema, paymentSchema, paymentView, refundSchema, refundView } from './views.js';
export type { PaymentRow, ProviderEventRow, RefundRow } from './schema.js';

/** Ids of an order's attempts still waiting for the provider or the customer (expiry asks about each first). */
export async function attemptsInFlightOf(db: DbOrTx, orderId: string): Promise<string[]> {
  const rows = await db
    .select({ id: payments.id })
    .from(payments)
    .where(
      and(
        eq(payments.orderId, orderId),
        inArray(payments.status, ['creating', 'requires_action', 'processing']),
      ),
    );
  return rows.map((row) => row.id);
}

/** The jobs of payments; the worker role runs them. */
export function paymentJobs(deps: PaymentsDeps): JobDefinition[] {
  return [
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
  ];
}

/**
 * Money in and out per UTC day, method and currency over [from, to): succeeded payments (count, amount) and
 * succeeded refunds (amount, by the method of the payment refunded and where the money went: back to the method
 * or into the wallet). The console's daily totals.
 */
export async function dailyPaymentTotals(db: DbOrTx, from: Date, to: Date) {
  const day = sql<string>`to_char(${payments.succeededAt} at time zone 'UTC', 'YYYY-MM-DD')`;
  const charged = await db
    .select({
      day,
      method: payments.method,
      currency: payments.currency,
      count: sql<string>`count(*)`,
      amount: sql<string>`sum(${payments.amountMinor})`,
    })
    .from(payments)
    .where(
      and(eq(payments.status, 'succeeded'), gte(payments.succeededAt, from), lt(payments.succeededAt, to)),
    )
    .groupBy(day, payments.method, payments.currency);
  const refundDay = sql<string>`to_char(${refunds.createdAt} at time zone 'UTC', 'YYYY-MM-DD')`;
  const refunded = await db
    .select({
      day: refundDay,
      method: payments.method,
      currency: refunds.currency,
      destination: refunds.destination,
      amount: sql<string>`sum(${refunds.amountMinor})`,
    })
    .from(refunds)
    .innerJoin(payments, eq(payments.id, refunds.paymentId))
    .where(and(eq(refunds.status, 'succeeded'), gte(refunds.createdAt, from), lt(refunds.createdAt, to)))
    .groupBy(refundDay, payments.method, refunds.currency, refunds.destination);
  return { charged, refunded };
}
export { listSavedMethods } from './saved-methods.js';
