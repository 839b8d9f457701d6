import { and, asc, desc, eq, gte, inArray, isNotNull, lt, ne, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/index.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { orders } from '../orders/schema.js';
import { lockOrder, transitionOrder, illegalTransition } from '../orders/service.js';
import { getQuote, type PaymentMethod } from '../pricing/service.js';
import { PAYMENT_JOBS, providerNameFor, type PaymentsDeps } from './context.js';
import { assertDeliverable, deliverPaidOrder } from '../orders/delivery.js';
import { postCapture, postWalletPayment } from './postings.js';
import { reserveRefund } from './refunds.js';
import { PaymentProviderError, type PaymentProvider, type ProviderPayment } from '../../ports/payments.js';
import { payments, type PaymentRow } from './schema.js';

/**
 * Payment attempts: starting one (once per order at a time), applying what the provider says about it (from the
 * create call, a webhook, a status query — in any order, idempotently), and what success sets in motion.
 */

const IN_FLIGHT = ['creating', 'requires_action', 'processing'] as const;
type AttemptStatus = PaymentRow['status'];
const RANK: Record<AttemptStatus, number> = {
  creating: 0,
  requires_action: 1,
  processing: 2,
  succeeded: 3,
  failed: 3,
  canceled: 3,
};
/** Same recipient, same amount, paid within this window: ask the customer before charging again. */
export const DUPLICATE_WINDOW_MS = 2 * 60_000;

export function providerOf(deps: PaymentsDeps, name: PaymentRow['provider']): PaymentProvider {
  const provider = name === 'wallet' ? undefined : deps.providers[name];
  if (!provider) {
    throw new AppError({
      type: 'api_error',
      code: 'payment_provider_unavailable',
      status: 503,
      values: { provider: name },
    });
  }
  return provider;
}

async function findPayment(tx: DbOrTx, paymentId: string, lock = false): Promise<PaymentRow> {
  const query = tx.select().from(payments).where(eq(payments.id, paymentId));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw notFound('payment', paymentId, 'payment');
  return row;
}

export interface StartPaymentInput {
  customerId: string;
  orderId: string;
  locale: string;
  customerEmail: string | undefined;
  /** The customer saw the "you paid this a minute ago" warning and wants to pay again. */
  confirmDuplicate: boolean;
}

/** Refuses to pay an order that looks like one the customer paid moments ago, unless they confirm. */
async function assertNotDuplicate(
  tx: Tx,
  deps: PaymentsDeps,
  order: typeof orders.$inferSelect,
): Promise<void> {
  const [recent] = await tx
    .select({ id: orders.id })
    .from(orders)
    .where(
      and(
        eq(orders.customerId, order.customerId),
        eq(orders.product, order.product),
        // Same recipient, same amount: what is delivered, not what is charged (fees differ between orders).
        sql`${orders.delivery} = ${JSON.stringify(order.delivery)}::jsonb`,
        ne(orders.id, order.id),
        isNotNull(orders.paidAt),
        gte(orders.paidAt, new Date(deps.clock.now().getTime() - DUPLICATE_WINDOW_MS)),
      ),
    )
    .orderBy(desc(orders.paidAt))
    .limit(1);
  if (recent) {
    throw new AppError({
      type: 'invalid_request_error',
      code: 'possible_duplicate_payment',
      status: 409,
      param: 'confirm_duplicate',
      values: { order: recent.id },
    });
  }
}

/**
 * Starts paying an order, or returns the attempt already in flight (a double click or a replay reaches the
 * provider once). The provider is called outside the transaction with a key derived from the attempt, so if
 * SimFill crashes or the call times out, asking again with the same key can never charge twice.
 */
export async function startPayment(deps: PaymentsDeps, input: StartPaymentInput): Promise<PaymentRow> {
  const prepared = await deps.db.transaction(async (tx) => {
    const order = await lockOrder(tx, input.orderId);
    if (order.customerId !== input.customerId) throw notFound('order', input.orderId, 'order');
    const [inFlight] = await tx
      .select()
      .from(payments)
      .where(and(eq(payments.orderId, order.id), inArray(payments.status, [...IN_FLIGHT])));
    if (inFlight) return { payment: inFlight, created: false, expired: false };
    if (order.status !== 'awaiting_payment') throw illegalTransition(order, 'paid');
    if (deps.clock.now().getTime() >= order.expiresAt.getTime()) {
      await transitionOrder(tx, deps.clock, order.id, 'expired', { cause: 'quote_expired', actor: 'system' });
      return { payment: undefined, created: false, expired: true };
    }
    await assertDeliverable(tx, order);
    if (!input.confirmDuplicate) await assertNotDuplicate(tx, deps, order);
    const providerName = providerNameFor(order.method as PaymentMethod);
    if (providerName === 'wallet') {
      return { payment: await payFromWallet(tx, deps, order), created: false, expired: false };
    }
    providerOf(deps, providerName);
    const payment = await insertAttempt(tx, deps, order, { provider: providerName, status: 'creating' });
    return { payment, created: true, expired: false };
  });
  if (prepared.expired) {
    throw new AppError({ type: 'invalid_request_error', code: 'quote_expired', status: 409, param: 'order' });
  }
  const payment = prepared.payment!;
  if (payment.provider === 'wallet' && payment.status === 'succeeded') {
    await deliverNow(deps, payment.orderId);
    return payment;
  }
  if (payment.status !== 'creating') return payment;
  return callProviderCreate(deps, payment, input);
}

/** A new attempt for the whole charge of `order`; its provider idempotency key derives from its id. */
async function insertAttempt(
  tx: Tx,
  deps: PaymentsDeps,
  order: typeof orders.$inferSelect,
  attempt: { provider: PaymentRow['provider']; status: 'creating' | 'succeeded' },
): Promise<PaymentRow> {
  const id = newId('payment');
  const now = deps.clock.now();
  const [payment] = await tx
    .insert(payments)
    .values({
      id,
      orderId: order.id,
      customerId: order.customerId,
      provider: attempt.provider,
      method: order.method,
      status: attempt.status,
      amountMinor: order.chargeAmountMinor,
      currency: order.chargeCurrency,
      refundedMinor: 0,
      providerIdempotencyKey: `simfill_${id}`,
      createdAt: now,
      updatedAt: now,
      succeededAt: attempt.status === 'succeeded' ? now : null,
    })
    .returning();
  return payment!;
}

/**
 * Pays an order from the customer's wallet, inside the order's transaction: the wallet account is locked and
 * never overdrawn (402 `insufficient_wallet_balance`), the order is paid and its delivery enqueued at once.
 */
async function payFromWallet(
  tx: Tx,
  deps: PaymentsDeps,
  order: typeof orders.$inferSelect,
): Promise<PaymentRow> {
  const payment = await insertAttempt(tx, deps, order, { provider: 'wallet', status: 'succeeded' });
  const quote = await getQuote(tx, order.customerId, order.quoteId);
  await postWalletPayment(tx, deps.clock, payment, {
    customerId: order.customerId,
    totalMinor: order.totalMinor,
    feeMinor: quote.feeMinor,
  });
  await transitionOrder(tx, deps.clock, order, 'paid', { cause: 'payment_succeeded', actor: 'wallet' });
  await deps.jobs.enqueue(
    tx,
    PAYMENT_JOBS.deliver,
    { orderId: order.id },
    { singletonKey: `deliver:${order.id}` },
  );
  return payment;
}

/**
 * Fast path: deliver now rather than at the job's next poll. The job enqueued with the payment stays the
 * guarantee; delivery is idempotent, so whichever runs second finds nothing to do.
 */
async function deliverNow(deps: PaymentsDeps, orderId: string): Promise<void> {
  await deliverPaidOrder(deps, orderId).catch(() => undefined);
}

/** Asks the provider to create (or, with the same key, to return) the attempt, and applies the answer. */
async function callProviderCreate(
  deps: PaymentsDeps,
  payment: PaymentRow,
  input: { locale: string; customerEmail: string | undefined },
): Promise<PaymentRow> {
  const provider = providerOf(deps, payment.provider);
  const orderUrl = `${deps.baseUrl}/account/orders/${payment.orderId}`;
  try {
    const created = await provider.createPayment({
      idempotencyKey: payment.providerIdempotencyKey,
      amountMinor: payment.amountMinor,
      currency: payment.currency,
      method: payment.method as PaymentMethod & ('card' | 'apple_pay' | 'alipay' | 'wechat_pay' | 'paypal'),
      description: 'SimFill wallet top-up',
      metadata: { order_id: payment.orderId, payment_id: payment.id },
      returnUrl: `${orderUrl}?payment=${payment.id}`,
      cancelUrl: `${orderUrl}?payment=${payment.id}&cancelled=1`,
      locale: input.locale,
      customerEmail: input.customerEmail,
      saved: undefined,
    });
    const applied = await applyReported(deps, { id: payment.id }, created, {
      cause: 'payment_created',
      actor: payment.provider,
    });
    return applied.payment;
  } catch (error) {
    if (!(error instanceof PaymentProviderError)) throw error;
    if (error.kind === 'unavailable') {
      // The outcome is unknown: the attempt stays `creating` and the reconciliation job asks again with the
      // same idempotency key. The customer sees "checking with the payment provider".
      return findPayment(deps.db, payment.id);
    }
    await markFailed(deps, payment.id, error.providerCode, error.declineCode ?? null);
  }
  return findPayment(deps.db, payment.id);
}

async function markFailed(deps: PaymentsDeps, paymentId: string, code: string, declineCode: string | null) {
  await deps.db.transaction(async (tx) => {
    const payment = await findPayment(tx, paymentId, true);
    if (RANK[payment.status] === 3) return;
    await tx
      .update(payments)
      .set({
        status: 'failed',
        failureCode: code,
        declineCode,
        nextAction: null,
        updatedAt: deps.clock.now(),
      })
      .where(eq(payments.id, paymentId));
  });
}

export type ApplyOutcome = 'applied' | 'stale' | 'duplicate' | 'mismatch';

/**
 * Applies the provider's view of an attempt. States only move forward (a late `processing` never undoes
 * `succeeded`); a final state is never replaced; the amount and currency must be the ones SimFill asked for.
 * Success moves the order to paid, records the capture in the ledger and enqueues delivery — in one transaction.
 */
export async function applyProviderPayment(
  deps: PaymentsDeps,
  paymentId: string,
  reported: ProviderPayment,
  source: { cause: string; actor: string },
): Promise<ApplyOutcome> {
  return (await applyReported(deps, { id: paymentId }, reported, source)).outcome;
}

/** Which attempt: SimFill's id, or the provider's name and id for it (a webhook knows only those). */
export type PaymentLocator = { id: string } | { provider: PaymentRow['provider']; providerPaymentId: string };

/** Thrown so the job queue retries later: the event names a payment SimFill has not linked to it yet. */
export class PaymentNotYetKnownError extends Error {}

const located = (locator: PaymentLocator) =>
  'id' in locator
    ? eq(payments.id, locator.id)
    : and(eq(payments.provider, locator.provider), eq(payments.providerPaymentId, locator.providerPaymentId));

/** The changes that record what the provider reported. */
function reportedChanges(reported: ProviderPayment, now: Date) {
  return {
    status: reported.status,
    providerPaymentId: reported.providerPaymentId,
    nextAction: reported.status === 'requires_action' ? (reported.nextAction ?? null) : null,
    ...(reported.paymentMethod ? { methodDisplay: reported.paymentMethod } : {}),
    failureCode: reported.failure?.code ?? null,
    declineCode: reported.failure?.declineCode ?? null,
    updatedAt: now,
    succeededAt: reported.status === 'succeeded' ? now : null,
  };
}

/**
 * `applyProviderPayment`, answering also with the attempt as it now stands. A move that sets nothing else in
 * motion (requires_action, a card's processing, failed, canceled) is one conditional UPDATE: it applies only
 * while the attempt is behind the reported state and asked for that amount; otherwise the locked path below
 * finds out why (duplicate, stale, mismatch).
 */
export async function applyReported(
  deps: PaymentsDeps,
  locator: PaymentLocator,
  reported: ProviderPayment,
  source: { cause: string; actor: string },
): Promise<{ outcome: ApplyOutcome; payment: PaymentRow }> {
  // Success pays the order; PayPal's approval (processing) enqueues its capture: both need the transaction.
  const setsOffMore =
    reported.status === 'succeeded' ||
    (reported.status === 'processing' && !('provider' in locator && locator.provider !== 'paypal'));
  if (!setsOffMore) {
    const behind = (Object.keys(RANK) as AttemptStatus[]).filter(
      (status) => RANK[status] < RANK[reported.status],
    );
    const [moved] = await deps.db
      .update(payments)
      .set(reportedChanges(reported, deps.clock.now()))
      .where(
        and(
          located(locator),
          inArray(payments.status, behind),
          eq(payments.amountMinor, reported.amountMinor),
          eq(payments.currency, reported.currency.toUpperCase()),
        ),
      )
      .returning();
    if (moved) return { outcome: 'applied', payment: moved };
  }
  const result = await deps.db.transaction(async (tx) => {
    const [payment] = await tx.select().from(payments).where(located(locator)).for('update');
    if (!payment) {
      if ('id' in locator) throw notFound('payment', locator.id, 'payment');
      throw new PaymentNotYetKnownError(
        `no payment for ${locator.provider} ${locator.providerPaymentId} yet`,
      );
    }
    const paymentId = payment.id;
    if (
      reported.amountMinor !== payment.amountMinor ||
      reported.currency.toUpperCase() !== payment.currency
    ) {
      return { outcome: 'mismatch' as const, payment };
    }
    if (payment.status === reported.status) return { outcome: 'duplicate' as const, payment };
    if (RANK[reported.status] < RANK[payment.status] || RANK[payment.status] === 3) {
      return { outcome: 'stale' as const, payment };
    }
    const [updated] = await tx
      .update(payments)
      .set(reportedChanges(reported, deps.clock.now()))
      .where(eq(payments.id, paymentId))
      .returning();
    if (reported.status === 'succeeded') await onPaymentSucceeded(tx, deps, updated!, source);
    if (reported.status === 'processing' && payment.provider === 'paypal') {
      // An approved PayPal order is captured by the merchant: do it from the outbox, once.
      await deps.jobs.enqueue(
        tx,
        PAYMENT_JOBS.capture,
        { paymentId },
        { singletonKey: `capture:${paymentId}` },
      );
    }
    return { outcome: 'applied' as const, payment: updated! };
  });
  if (result.outcome !== 'applied') return result;
  const applied = result.payment;
  // Fast path for PayPal: capture right after the approval is recorded (the capture job stays the guarantee).
  if (applied.status === 'processing' && applied.provider === 'paypal') {
    await capturePayment(deps, applied.id).catch(() => undefined);
    return { outcome: 'applied', payment: await findPayment(deps.db, applied.id) };
  }
  if (applied.status === 'succeeded') await deliverNow(deps, applied.orderId);
  return result;
}

async function onPaymentSucceeded(
  tx: Tx,
  deps: PaymentsDeps,
  payment: PaymentRow,
  source: { cause: string; actor: string },
): Promise<void> {
  const order = await lockOrder(tx, payment.orderId);
  const quote = await getQuote(tx, order.customerId, order.quoteId);
  await postCapture(tx, deps.clock, payment, {
    customerId: order.customerId,
    totalMinor: order.totalMinor,
    feeMinor: quote.feeMinor,
  });
  if (order.status === 'awaiting_payment' || order.status === 'expired' || order.status === 'cancelled') {
    const cause = order.status === 'awaiting_payment' ? 'payment_succeeded' : 'late_payment_honoured';
    await transitionOrder(tx, deps.clock, order, 'paid', { cause, actor: source.actor });
    await deps.jobs.enqueue(
      tx,
      PAYMENT_JOBS.deliver,
      { orderId: order.id },
      { singletonKey: `deliver:${order.id}` },
    );
    return;
  }
  // The order was already paid by another attempt (the customer paid twice, e.g. by card and by Alipay):
  // the second payment goes back automatically.
  await reserveRefund(tx, deps, {
    order,
    payment,
    amountMinor: payment.amountMinor,
    from: 'prepayments',
    reason: 'duplicate_payment',
    requestedBy: 'system',
  });
}

/** Asks the provider for the current state of an attempt (the return page, the reconciliation job). */
export async function refreshPayment(deps: PaymentsDeps, paymentId: string): Promise<PaymentRow> {
  const payment = await findPayment(deps.db, paymentId);
  if (RANK[payment.status] === 3) return payment;
  const provider = providerOf(deps, payment.provider);
  try {
    if (!payment.providerPaymentId) {
      const customer = { locale: 'en', customerEmail: undefined };
      return await callProviderCreate(deps, payment, customer);
    }
    const current = await provider.retrievePayment(payment.providerPaymentId);
    await applyProviderPayment(deps, payment.id, current, {
      cause: 'status_checked',
      actor: payment.provider,
    });
  } catch (error) {
    if (!(error instanceof PaymentProviderError)) throw error;
    // The provider does not know the payment (e.g. a simulator restarted): nothing can have been charged.
    if (error.kind === 'invalid' && error.providerCode === 'resource_missing') {
      await markFailed(deps, paymentId, 'provider_payment_missing', null);
    } else if (error.kind !== 'unavailable') {
      throw error;
    }
  } finally {
    await deps.db.update(payments).set({ checkedAt: deps.clock.now() }).where(eq(payments.id, paymentId));
  }
  return findPayment(deps.db, paymentId);
}

/** Captures an approved PayPal order (job). */
export async function capturePayment(deps: PaymentsDeps, paymentId: string): Promise<void> {
  const payment = await findPayment(deps.db, paymentId);
  const paypal = deps.providers.paypal;
  if (
    payment.status !== 'processing' ||
    payment.provider !== 'paypal' ||
    !paypal ||
    !payment.providerPaymentId
  ) {
    return;
  }
  try {
    const captured = await paypal.capturePayment(payment.providerPaymentId, `capture_${payment.id}`);
    await applyProviderPayment(deps, payment.id, captured, { cause: 'payment_captured', actor: 'paypal' });
  } catch (error) {
    if (error instanceof PaymentProviderError && error.kind !== 'unavailable') {
      await markFailed(deps, payment.id, error.providerCode, error.declineCode ?? null);
      return;
    }
    throw error;
  }
}

/** Attempts the provider has not settled for `staleAfterMs`: the reconciliation job asks about each. */
export async function reconcilePayments(
  deps: PaymentsDeps,
  options: { staleAfterMs: number; limit: number },
): Promise<{ checked: number }> {
  const cutoff = new Date(deps.clock.now().getTime() - options.staleAfterMs);
  const stuck = await deps.db
    .select({ id: payments.id })
    .from(payments)
    .where(and(inArray(payments.status, [...IN_FLIGHT]), lt(payments.updatedAt, cutoff)))
    .orderBy(asc(payments.updatedAt))
    .limit(options.limit);
  for (const { id } of stuck) await refreshPayment(deps, id);
  return { checked: stuck.length };
}

export async function paymentsOfOrder(
  deps: Pick<PaymentsDeps, 'db'>,
  orderId: string,
): Promise<PaymentRow[]> {
  return deps.db.select().from(payments).where(eq(payments.orderId, orderId)).orderBy(asc(payments.id));
}

/** The attempts of several orders in one query (lists), by order id. */
export async function paymentsOfOrders(
  deps: Pick<PaymentsDeps, 'db'>,
  orderIds: string[],
): Promise<Map<string, PaymentRow[]>> {
  const byOrder = new Map<string, PaymentRow[]>(orderIds.map((id) => [id, []]));
  if (orderIds.length === 0) return byOrder;
  const rows = await deps.db
    .select()
    .from(payments)
    .where(inArray(payments.orderId, orderIds))
    .orderBy(asc(payments.id));
  for (const row of rows) byOrder.get(row.orderId)?.push(row);
  return byOrder;
}

export async function getPayment(deps: Pick<PaymentsDeps, 'db'>, paymentId: string): Promise<PaymentRow> {
  const [row] = await deps.db.select().from(payments).where(eq(payments.id, paymentId));
  if (!row) throw notFound('payment', paymentId, 'payment');
  return row;
}
