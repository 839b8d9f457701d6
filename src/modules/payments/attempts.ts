import { and, asc, eq, inArray, lt } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/index.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import {
  PaymentProviderError,
  type PaymentMethod,
  type PaymentProvider,
  type ProviderPayment,
} from '../../ports/payments.js';
import { PAYMENT_JOBS, type AfterCommit, type PaymentsDeps, type ProviderName } from './context.js';
import { payments, type PaymentRow } from './schema.js';

/**
 * Payment attempts: opening one (once per order at a time), applying what the provider says about it (from the
 * create call, a webhook, a status query — in any order, idempotently), and reporting success to the order's
 * owner through `deps.outcomes` in the same transaction. Payments knows an order only as the reference it was
 * given (`OrderToPay`): it never reads or changes orders itself.
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
const FINAL_RANK = 3;

/** What payments is told about the order it takes money for. */
export interface OrderToPay {
  orderId: string;
  customerId: string;
  method: PaymentMethod;
  amountMinor: number;
  currency: string;
  /** What the provider's page says the payment is for, in the customer's language; kept for every retry. */
  description: string;
}

export function providerOf(deps: PaymentsDeps, name: PaymentRow['provider']): PaymentProvider {
  const provider = name === 'wallet' ? undefined : deps.providers[name];
  if (!provider) {
    throw new AppError('payment_provider_unavailable', { values: { provider: name } });
  }
  return provider;
}

async function findPayment(tx: DbOrTx, paymentId: string, lock = false): Promise<PaymentRow> {
  const query = tx.select().from(payments).where(eq(payments.id, paymentId));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw notFound('payment', paymentId, 'payment');
  return row;
}

/** The attempt of an order still waiting for the provider or the customer, if any. */
export async function inFlightAttempt(tx: Tx, orderId: string): Promise<PaymentRow | undefined> {
  const [row] = await tx
    .select()
    .from(payments)
    .where(and(eq(payments.orderId, orderId), inArray(payments.status, [...IN_FLIGHT])));
  return row;
}

/**
 * A new attempt for the whole charge of an order, in the caller's transaction (which holds the order, so two
 * clicks cannot open two attempts; a partial unique index says the same). Its provider idempotency key derives
 * from its id. The wallet's attempt is final at once: the caller moves the money in the same transaction.
 */
export async function openAttempt(
  tx: Tx,
  deps: Pick<PaymentsDeps, 'clock' | 'providers'>,
  order: OrderToPay,
  provider: ProviderName,
): Promise<PaymentRow> {
  if (provider !== 'wallet') providerOf(deps as PaymentsDeps, provider);
  const id = newId('payment');
  const now = deps.clock.now();
  const succeeded = provider === 'wallet';
  const [payment] = await tx
    .insert(payments)
    .values({
      id,
      orderId: order.orderId,
      customerId: order.customerId,
      provider,
      method: order.method,
      status: succeeded ? 'succeeded' : 'creating',
      amountMinor: order.amountMinor,
      currency: order.currency,
      description: order.description,
      refundedMinor: 0,
      providerIdempotencyKey: `simfill_${id}`,
      createdAt: now,
      updatedAt: now,
      succeededAt: succeeded ? now : null,
    })
    .returning();
  return payment!;
}

/** Asks the provider to create (or, with the same key, to return) the attempt, and applies the answer. */
export async function createAtProvider(
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
      description: payment.description ?? PROVIDER_DESCRIPTION_BEFORE_NAMES,
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

/**
 * The words every attempt opened before attempts carried their own description was sent with: an attempt of
 * then still in flight asks again with the same key, and the provider holds it to the same parameters.
 */
const PROVIDER_DESCRIPTION_BEFORE_NAMES = 'SimFill wallet top-up';

async function markFailed(deps: PaymentsDeps, paymentId: string, code: string, declineCode: string | null) {
  await deps.db.transaction(async (tx) => {
    const payment = await findPayment(tx, paymentId, true);
    if (RANK[payment.status] === FINAL_RANK) return;
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
 * The forward-only rule, on its own: what to do with a state the provider reports for an attempt that stands at
 * `current`. States only move forward (a late `processing` never undoes `succeeded`), a final state is never
 * replaced, and the amount and currency must be the ones SimFill asked for.
 */
export function decideApply(
  current: Pick<PaymentRow, 'status' | 'amountMinor' | 'currency'>,
  reported: Pick<ProviderPayment, 'status' | 'amountMinor' | 'currency'>,
): ApplyOutcome {
  if (reported.amountMinor !== current.amountMinor || reported.currency.toUpperCase() !== current.currency) {
    return 'mismatch';
  }
  if (current.status === reported.status) return 'duplicate';
  if (RANK[reported.status] < RANK[current.status] || RANK[current.status] === FINAL_RANK) return 'stale';
  return 'applied';
}

/**
 * Applies the provider's view of an attempt (see `decideApply`). Success is reported to `deps.outcomes` in the
 * same transaction (the order is paid, the capture booked, delivery started — by the order's owner).
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

export interface AppliedReport {
  outcome: ApplyOutcome;
  payment: PaymentRow;
  /** What the order's owner asked to run once the success has committed. */
  afterCommit?: AfterCommit | undefined;
}

/**
 * `applyProviderPayment`, answering also with the attempt as it now stands. A move that sets nothing else in
 * motion (requires_action, a card's processing, failed, canceled) is one conditional UPDATE: it applies only
 * while the attempt is behind the reported state and asked for that amount; otherwise the locked path finds
 * out why (duplicate, stale, mismatch).
 */
export async function applyReported(
  deps: PaymentsDeps,
  locator: PaymentLocator,
  reported: ProviderPayment,
  source: { cause: string; actor: string },
): Promise<AppliedReport> {
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
  const result = await deps.db.transaction((tx) => applyReportedIn(tx, deps, locator, reported, source));
  await afterApplied(deps, result);
  return result.outcome === 'applied' && result.payment.status === 'processing'
    ? { outcome: 'applied', payment: await findPayment(deps.db, result.payment.id) }
    : result;
}

/**
 * The locked half of `applyReported`, inside the caller's transaction (the webhook inbox applies an event in
 * the transaction that stores it). Call `afterApplied` once that transaction has committed.
 */
export async function applyReportedIn(
  tx: Tx,
  deps: PaymentsDeps,
  locator: PaymentLocator,
  reported: ProviderPayment,
  source: { cause: string; actor: string },
): Promise<AppliedReport> {
  const [payment] = await tx.select().from(payments).where(located(locator)).for('update');
  if (!payment) {
    if ('id' in locator) throw notFound('payment', locator.id, 'payment');
    throw new PaymentNotYetKnownError(`no payment for ${locator.provider} ${locator.providerPaymentId} yet`);
  }
  const outcome = decideApply(payment, reported);
  if (outcome !== 'applied') return { outcome, payment };
  const [updated] = await tx
    .update(payments)
    .set(reportedChanges(reported, deps.clock.now()))
    .where(eq(payments.id, payment.id))
    .returning();
  const afterCommit =
    reported.status === 'succeeded' ? await deps.outcomes.paymentSucceeded(tx, updated!, source) : undefined;
  if (reported.status === 'processing' && payment.provider === 'paypal') {
    // An approved PayPal order is captured by the merchant: do it from the outbox, once.
    await deps.jobs.enqueue(
      tx,
      PAYMENT_JOBS.capture,
      { paymentId: payment.id },
      { singletonKey: `capture:${payment.id}` },
    );
  }
  return { outcome: 'applied', payment: updated!, afterCommit };
}

/**
 * Fast paths once an applied report has committed (the jobs enqueued with it stay the guarantee): capture an
 * approved PayPal order now, and let the order's owner start delivery now. Failures are logged, never thrown:
 * the change they follow is already safe.
 */
export async function afterApplied(deps: PaymentsDeps, applied: AppliedReport): Promise<void> {
  if (applied.outcome !== 'applied') return;
  const payment = applied.payment;
  try {
    if (payment.status === 'processing' && payment.provider === 'paypal') {
      await capturePayment(deps, payment.id);
    } else if (applied.afterCommit) {
      await applied.afterCommit();
    }
  } catch (error) {
    deps.jobs.log.warn(
      { err: error, order_id: payment.orderId, payment_id: payment.id },
      'payment fast path failed; its job will retry',
    );
  }
}

/** Asks the provider for the current state of an attempt (the return page, the reconciliation job). */
export async function refreshPayment(deps: PaymentsDeps, paymentId: string): Promise<PaymentRow> {
  const payment = await findPayment(deps.db, paymentId);
  if (RANK[payment.status] === 3) return payment;
  const provider = providerOf(deps, payment.provider);
  try {
    if (!payment.providerPaymentId) {
      return await createAtProvider(deps, payment, { locale: 'en', customerEmail: undefined });
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
