import { and, asc, eq, inArray, isNotNull, isNull, lt, lte, or } from 'drizzle-orm';
import type { Db, Tx } from '../../db/index.js';
import type { Clock } from '../../kernel/clock.js';
import { notFound } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import type { JobQueue } from '../../kernel/jobs.js';
import type { LocalizedText } from '../../kernel/i18n/index.js';
import {
  AirtimeProviderError,
  type AirtimeErrorKind,
  type AirtimeProvider,
  type AirtimeTransaction,
} from '../../ports/airtime.js';
import { recordFloatReading, type FloatSettings } from './float.js';
import { afterProviderError, afterReportedFailure, delayFor } from './retry-rules.js';
import {
  deliveries,
  deliveryEvents,
  type DeliveryResult,
  type DeliveryRow,
  type DeliveryStatus,
} from './schema.js';

/**
 * Line top-ups after payment. A delivery is sent to the airtime provider with a `customIdentifier` derived from
 * the order and the attempt; the provider never accepts one twice, so a retried call cannot top up twice. When
 * an answer is lost (timeout, 5xx, a worker killed mid-call) the outcome is unknown and the next step is always
 * to ask the provider, never to send again blindly. Definite refusals are retried with a new identifier up to
 * `maxAttempts`; then the delivery fails. Every step is recorded as a delivery event. What a delivery means for
 * its order (revenue and cost booked, the order fulfilled, or failed and refunded) is the order's owner's, told
 * through `deps.outcomes` in the transaction that records the result.
 */

export interface ProvisioningSettings {
  maxAttempts: number;
  /** Wait before the n-th retry or status check (the last value repeats). */
  retryDelaysMs: readonly number[];
  /** How often a `processing` top-up is asked about. */
  processingCheckMs: number;
  /** A worker holds a delivery this long while it talks to the provider (more than the client's timeout). */
  leaseMs: number;
  /** The provider refuses the same number again within this window (`PHONE_RECENTLY_RECHARGED`). */
  recentlyRechargedWaitMs: number;
}

/** What provisioning reports about a delivery, inside the transaction that records it (the checkout flow). */
export interface DeliveryOutcomes {
  /** The provider topped the number up; `costMinor` is what the provider took from the float. */
  delivered(tx: Tx, delivery: DeliveryRow, costMinor: number): Promise<void>;
  /** Refused for good (retries spent or not retryable), with the provider's code. */
  failed(tx: Tx, delivery: DeliveryRow, providerCode: string): Promise<void>;
}

export interface ProvisioningDeps {
  db: Db;
  clock: Clock;
  jobs: JobQueue;
  /** The portal's address, for links in staff emails. */
  baseUrl: string;
  provider: AirtimeProvider | undefined;
  settings: ProvisioningSettings;
  float: FloatSettings;
  outcomes: DeliveryOutcomes;
}

export const PROVISIONING_JOBS = {
  send: 'provisioning-send',
  sweep: 'provisioning-sweep',
  float: 'provisioning-float',
} as const;

/** What a paid line order carries to its delivery (set by the checkout from the quote). */
export interface LineTopUpDelivery {
  line: string | null;
  phone: string;
  country: string;
  product: string;
  kind: string;
  provider: string;
  provider_operator_id: string;
  /** The face value: what the provider is asked for and the line receives, in `currency`. */
  amount_minor: number;
  currency: string;
  /** `local`: `currency` is the line's, not the provider account's; the provider converts at its rate. */
  amount_in: 'account' | 'local';
  /**
   * A face in the line's currency: the provider's rate the price was made from (units of `currency` per
   * USD, a decimal string) and when the catalog last read it; null for a USD face.
   */
  fx_rate: string | null;
  fx_as_of: string | null;
  eta_minutes: number;
  name: LocalizedText;
  /** The provider's operator name (read/product-names.ts names the product from it); absent on older orders. */
  operator_name?: string;
  validity_days: number | null;
  data_quota_mb: number | null;
  unlimited_data: boolean;
}

const customIdentifierFor = (orderId: string, attempt: number) => `${orderId}-${attempt}`;

/** Creates the delivery of a paid order inside the order's transaction and enqueues its first send. */
export async function queueDelivery(
  tx: Tx,
  deps: Pick<ProvisioningDeps, 'clock' | 'jobs'>,
  order: { orderId: string; customerId: string; wanted: LineTopUpDelivery },
) {
  const { wanted } = order;
  const now = deps.clock.now();
  const id = newId('delivery');
  const [row] = await tx
    .insert(deliveries)
    .values({
      id,
      orderId: order.orderId,
      customerId: order.customerId,
      lineId: wanted.line,
      productId: wanted.product,
      kind: wanted.kind,
      provider: wanted.provider,
      providerOperatorId: wanted.provider_operator_id,
      recipient: wanted.phone,
      countryIso: wanted.country,
      amountMinor: wanted.amount_minor,
      currency: wanted.currency,
      status: 'queued',
      attempts: 0,
      customIdentifier: customIdentifierFor(order.orderId, 1),
      nextCheckAt: now,
      etaMinutes: wanted.eta_minutes,
      spec: {
        name: wanted.name,
        validityDays: wanted.validity_days,
        dataQuotaMb: wanted.data_quota_mb,
        unlimitedData: wanted.unlimited_data,
        amountIn: wanted.amount_in,
      },
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing({ target: deliveries.orderId })
    .returning();
  if (!row) return;
  await recordEvent(tx, deps.clock, row, 'queued', {});
  await deps.jobs.enqueue(tx, PROVISIONING_JOBS.send, { deliveryId: id }, { singletonKey: `send:${id}` });
}

async function recordEvent(
  tx: Tx,
  clock: Clock,
  row: Pick<DeliveryRow, 'id' | 'attempts' | 'customIdentifier'>,
  kind: string,
  detail: Record<string, unknown>,
  providerCode: string | null = null,
): Promise<void> {
  await tx.insert(deliveryEvents).values({
    id: newId('deliveryEvent'),
    deliveryId: row.id,
    at: clock.now(),
    kind,
    attempt: row.attempts,
    customIdentifier: row.customIdentifier,
    providerCode,
    detail,
  });
}

const OPEN: DeliveryStatus[] = ['queued', 'sending', 'processing'];

/** Takes a delivery for this worker when it is due, unless another worker holds it or it is final. */
async function claim(deps: ProvisioningDeps, deliveryId: string): Promise<DeliveryRow | undefined> {
  return deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const [row] = await tx
      .select()
      .from(deliveries)
      .where(
        and(
          eq(deliveries.id, deliveryId),
          inArray(deliveries.status, OPEN),
          // A retry or check waits for its time, whoever comes for it early (a late job, a fast path).
          lte(deliveries.nextCheckAt, now),
          or(isNull(deliveries.leaseUntil), lt(deliveries.leaseUntil, now)),
        ),
      )
      .for('update', { skipLocked: true });
    if (!row) return undefined;
    const [held] = await tx
      .update(deliveries)
      .set({ leaseUntil: new Date(now.getTime() + deps.settings.leaseMs) })
      .where(eq(deliveries.id, row.id))
      .returning();
    return held;
  });
}

/** One step for a delivery: send it, or find out what became of the last send. Safe to run any time. */
export async function advanceDelivery(deps: ProvisioningDeps, deliveryId: string): Promise<void> {
  const provider = deps.provider;
  if (!provider) return;
  const row = await claim(deps, deliveryId);
  if (!row) return;
  if (row.status === 'queued') return send(deps, provider, row);
  try {
    const reported =
      row.status === 'processing' && row.providerTransactionId
        ? await provider.transactionStatus(row.providerTransactionId)
        : await provider.findTransaction(row.customIdentifier, row.updatedAt);
    // Never reached the provider: sending again with the same identifier cannot top up twice.
    if (!reported) return send(deps, provider, row, { resend: true });
    await applyTransaction(deps, row.id, reported, 'status_checked');
  } catch (error) {
    await scheduleCheck(deps, row.id, error, 'status_check_failed');
  }
}

async function send(
  deps: ProvisioningDeps,
  provider: AirtimeProvider,
  row: DeliveryRow,
  options: { resend: boolean } = { resend: false },
): Promise<void> {
  const sending = await deps.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(deliveries)
      .set({
        status: 'sending',
        attempts: options.resend ? row.attempts : row.attempts + 1,
        updatedAt: deps.clock.now(),
      })
      .where(eq(deliveries.id, row.id))
      .returning();
    await recordEvent(tx, deps.clock, updated!, options.resend ? 'resent' : 'sent', {
      amount_minor: row.amountMinor,
      operator: row.providerOperatorId,
    });
    return updated!;
  });
  let reported: AirtimeTransaction;
  try {
    reported = await provider.topUp({
      customIdentifier: sending.customIdentifier,
      providerOperatorId: sending.providerOperatorId,
      amountMinor: sending.amountMinor,
      localCurrency: sending.spec.amountIn === 'local' ? sending.currency : undefined,
      recipientE164: sending.recipient,
      countryIso: sending.countryIso,
    });
    await applyTransaction(deps, sending.id, reported, 'provider_answered');
  } catch (error) {
    await applySendError(deps, sending, error);
    return;
  }
  // The answer carries the float just after this top-up's cost: a reading as fresh as a poll, so the low-float
  // alert fires now. (A status check's `balanceInfo` is as old as its transaction, so only the answer counts.)
  if (reported.accountBalance) {
    await recordFloatReading(deps, {
      amountMinor: reported.accountBalance.afterMinor,
      currency: reported.accountBalance.currency,
    });
  }
}

/** The outcome is unknown (or the provider could not be asked): look again later, never resend blindly. */
async function scheduleCheck(deps: ProvisioningDeps, deliveryId: string, error: unknown, kind: string) {
  await deps.db.transaction(async (tx) => {
    const [row] = await tx.select().from(deliveries).where(eq(deliveries.id, deliveryId)).for('update');
    if (!row || !OPEN.includes(row.status)) return;
    const checkAt = new Date(deps.clock.now().getTime() + delayFor(deps.settings, row.attempts));
    const code = error instanceof AirtimeProviderError ? error.providerCode : 'internal_error';
    await tx
      .update(deliveries)
      .set({ nextCheckAt: checkAt, leaseUntil: null, lastErrorCode: code, updatedAt: deps.clock.now() })
      .where(eq(deliveries.id, deliveryId));
    await recordEvent(tx, deps.clock, row, kind, { check_at: checkAt.toISOString() }, code);
  });
}

async function applySendError(deps: ProvisioningDeps, row: DeliveryRow, error: unknown): Promise<void> {
  const kind = error instanceof AirtimeProviderError ? error.kind : undefined;
  const next = afterProviderError(deps.settings, { kind }, row.attempts);
  if (next.action === 'check') return scheduleCheck(deps, row.id, error, next.reason);
  const refusal = error as AirtimeProviderError;
  await deps.db.transaction(async (tx) => {
    const [current] = await tx.select().from(deliveries).where(eq(deliveries.id, row.id)).for('update');
    if (!current || current.status !== 'sending') return;
    // An empty float stops every top-up: read it now, so staff hear of it at once, not at the next reading.
    if (refusal.kind === 'insufficient_float') {
      await deps.jobs.enqueue(tx, PROVISIONING_JOBS.float, {}, { singletonKey: 'float-exhausted' });
    }
    const decided = afterProviderError(deps.settings, refusal, current.attempts);
    if (decided.action === 'retry') {
      await retryLater(
        tx,
        deps,
        current,
        { code: refusal.providerCode, reason: refusal.kind },
        decided.waitMs,
      );
      return;
    }
    await failDelivery(tx, deps, current, refusal.providerCode);
  });
}

/** Why a delivery waits for another attempt: the provider's refusal, or a failure it reported later. */
export type RetryReason = AirtimeErrorKind | 'reported_failed';

async function retryLater(
  tx: Tx,
  deps: ProvisioningDeps,
  row: DeliveryRow,
  refusal: { code: string; reason: RetryReason },
  waitMs: number,
) {
  const providerCode = refusal.code;
  const checkAt = new Date(deps.clock.now().getTime() + waitMs);
  const [next] = await tx
    .update(deliveries)
    .set({
      status: 'queued',
      customIdentifier: customIdentifierFor(row.orderId, row.attempts + 1),
      nextCheckAt: checkAt,
      leaseUntil: null,
      lastErrorCode: providerCode,
      updatedAt: deps.clock.now(),
    })
    .where(eq(deliveries.id, row.id))
    .returning();
  await recordEvent(tx, deps.clock, row, 'refused', {}, providerCode);
  await recordEvent(tx, deps.clock, next!, 'retry_scheduled', {
    retry_at: checkAt.toISOString(),
    reason: refusal.reason,
  });
}

async function failDelivery(tx: Tx, deps: ProvisioningDeps, row: DeliveryRow, code: string): Promise<void> {
  const now = deps.clock.now();
  const [failed] = await tx
    .update(deliveries)
    .set({
      status: 'failed',
      nextCheckAt: null,
      leaseUntil: null,
      lastErrorCode: code,
      updatedAt: now,
      finishedAt: now,
    })
    .where(eq(deliveries.id, row.id))
    .returning();
  await recordEvent(tx, deps.clock, row, 'failed', {}, code);
  await deps.outcomes.failed(tx, failed!, code);
}

/** The provider's codes for an operator that cannot take top-ups at all (not this number, not this amount). */
const OPERATOR_DOWN = new Set(['OPERATOR_UNAVAILABLE_OR_CURRENTLY_INACTIVE', 'OPERATOR_NOT_IN_SERVICE']);

/** True for a refusal that says the operator takes no top-ups at all (its products should go off sale). */
export function isOperatorDown(providerCode: string): boolean {
  return OPERATOR_DOWN.has(providerCode);
}

/** Records that a failed delivery took its operator's products off sale (the flow did it; the story says so). */
export async function recordOperatorTakenOffSale(
  tx: Tx,
  clock: Clock,
  row: DeliveryRow,
  productIds: string[],
  providerCode: string,
): Promise<void> {
  await recordEvent(tx, clock, row, 'operator_taken_off_sale', { products: productIds }, providerCode);
}

function resultOf(reported: AirtimeTransaction): DeliveryResult {
  return {
    deliveredAmountMinor: reported.deliveredAmountMinor,
    deliveredCurrency: reported.deliveredCurrency,
    accountBalance: reported.accountBalance
      ? {
          beforeMinor: reported.accountBalance.beforeMinor,
          afterMinor: reported.accountBalance.afterMinor,
          currency: reported.accountBalance.currency,
          at: reported.accountBalance.at.toISOString(),
        }
      : null,
    pin: reported.pin
      ? {
          code: reported.pin.code,
          serial: reported.pin.serial ?? null,
          instructions: reported.pin.instructions,
          validity: reported.pin.validity ?? null,
        }
      : null,
  };
}

/**
 * Applies what the provider says about the current attempt (its answer, a status check). Final states are
 * never replaced; a success reported twice is recorded once.
 */
export async function applyTransaction(
  deps: ProvisioningDeps,
  deliveryId: string,
  reported: AirtimeTransaction,
  cause: string,
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const [row] = await tx.select().from(deliveries).where(eq(deliveries.id, deliveryId)).for('update');
    if (!row) throw notFound('delivery', deliveryId);
    if (reported.customIdentifier !== row.customIdentifier) return;
    if (!OPEN.includes(row.status)) {
      if (reported.status === 'refunded' && row.status === 'succeeded') {
        await recordEvent(tx, deps.clock, row, 'provider_reversed', {}, 'REFUNDED');
      }
      return;
    }
    const now = deps.clock.now();
    const common = {
      providerTransactionId: reported.providerTransactionId,
      leaseUntil: null,
      updatedAt: now,
    };
    if (reported.status === 'processing') {
      const checkAt = new Date(now.getTime() + deps.settings.processingCheckMs);
      await tx
        .update(deliveries)
        .set({ ...common, status: 'processing', nextCheckAt: checkAt })
        .where(eq(deliveries.id, row.id));
      if (row.status !== 'processing') await recordEvent(tx, deps.clock, row, 'processing', { cause });
      return;
    }
    if (reported.status === 'successful') {
      const [delivered] = await tx
        .update(deliveries)
        .set({
          ...common,
          status: 'succeeded',
          nextCheckAt: null,
          finishedAt: now,
          lastErrorCode: null,
          costMinor: reported.requestedAmountMinor - reported.discountMinor,
          result: resultOf(reported),
        })
        .where(eq(deliveries.id, row.id))
        .returning();
      await recordEvent(tx, deps.clock, row, 'succeeded', {
        cause,
        transaction: reported.providerTransactionId,
        float_after_minor: reported.accountBalance?.afterMinor ?? null,
      });
      await deps.outcomes.delivered(tx, delivered!, reported.requestedAmountMinor - reported.discountMinor);
      return;
    }
    const [failed] = await tx.update(deliveries).set(common).where(eq(deliveries.id, row.id)).returning();
    const code =
      reported.failureCode ?? (reported.status === 'refunded' ? 'REFUNDED' : 'TOPUP_TRANSACTION_FAILED');
    const decided = afterReportedFailure(deps.settings, failed!.attempts);
    if (decided.action === 'retry') {
      await retryLater(tx, deps, failed!, { code, reason: 'reported_failed' }, decided.waitMs);
      return;
    }
    await failDelivery(tx, deps, failed!, code);
  });
}

/** Deliveries due for a step (new, a retry, a status check, an expired lease): the sweep's work list. */
export async function dueDeliveries(deps: Pick<ProvisioningDeps, 'db' | 'clock'>, limit: number) {
  const now = deps.clock.now();
  const rows = await deps.db
    .select({ id: deliveries.id })
    .from(deliveries)
    .where(
      and(
        isNotNull(deliveries.nextCheckAt),
        lte(deliveries.nextCheckAt, now),
        or(isNull(deliveries.leaseUntil), lt(deliveries.leaseUntil, now)),
      ),
    )
    .orderBy(asc(deliveries.nextCheckAt))
    .limit(limit);
  return rows.map((row) => row.id);
}

/** Runs every due delivery one step (the sweep job; tests call it after moving the clock). */
export async function sweepDeliveries(deps: ProvisioningDeps, limit = 50): Promise<number> {
  const due = await dueDeliveries(deps, limit);
  for (const id of due) await advanceDelivery(deps, id);
  return due.length;
}
