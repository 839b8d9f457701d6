import { and, desc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/index.js';
import type { RetryReason } from './deliveries.js';
import { lastAttemptAt, type RetrySettings } from './retry-rules.js';
import { deliveryEvents, type DeliveryRow } from './schema.js';

/**
 * Where a delivery stands, in the terms a customer needs: is it being sent, waiting for another attempt (why,
 * when) or being confirmed, and — if the attempts left keep failing — when it is given up and refunded. Computed
 * from the row, its last scheduled retry and the retry rules; nothing is stored.
 */

export const DELIVERY_PHASES = [
  /** Being sent to the carrier now (or about to be). */
  'submitting',
  /** The carrier accepted it and is still applying it. */
  'processing',
  /** An answer was lost: the provider is being asked what happened (never sent twice). */
  'confirming',
  /** Refused this time; another attempt is scheduled. */
  'waiting_retry',
  'delivered',
  'failed',
] as const;
export type DeliveryPhase = (typeof DELIVERY_PHASES)[number];

/** Why a delivery is waiting, in the customer's terms (the portal words each one). */
export const DELAY_REASONS = [
  /** The carrier refuses a second top-up of the same number within a few minutes. */
  'recently_recharged',
  /** The carrier is not taking top-ups at the moment. */
  'carrier_unavailable',
  /** SimFill's own channel to the provider is held up (its account there, its credentials): staff are on it. */
  'service_busy',
  /** The carrier did not complete the last attempt. */
  'carrier_declined',
] as const;
export type DelayReason = (typeof DELAY_REASONS)[number];

export interface DeliveryProgress {
  phase: DeliveryPhase;
  attempts: number;
  maxAttempts: number;
  reason: DelayReason | null;
  /** When the next attempt (or the next question to the provider) is due; null when nothing is scheduled. */
  nextAttemptAt: Date | null;
  /** If every attempt left fails too, the delivery is given up and refunded by then; null when not waiting. */
  giveUpBy: Date | null;
}

function delayReasonOf(reason: RetryReason | undefined): DelayReason {
  if (reason === 'recently_recharged') return 'recently_recharged';
  if (reason === 'operator_unavailable') return 'carrier_unavailable';
  if (reason === 'insufficient_float' || reason === 'authentication') return 'service_busy';
  return 'carrier_declined';
}

function phaseOf(row: DeliveryRow, now: Date): DeliveryPhase {
  if (row.status === 'succeeded') return 'delivered';
  if (row.status === 'failed') return 'failed';
  if (row.status === 'processing') return 'processing';
  if (row.status === 'queued') return row.attempts > 0 ? 'waiting_retry' : 'submitting';
  // `sending` with a check scheduled ahead: the answer was lost and the provider is asked later.
  return row.nextCheckAt && row.nextCheckAt > now ? 'confirming' : 'submitting';
}

/** The reason each of these deliveries last waited for a retry (from its `retry_scheduled` events). */
async function lastRetryReasons(db: DbOrTx, deliveryIds: string[]): Promise<Map<string, RetryReason>> {
  if (deliveryIds.length === 0) return new Map();
  const rows = await db
    .select({ deliveryId: deliveryEvents.deliveryId, detail: deliveryEvents.detail })
    .from(deliveryEvents)
    .where(and(inArray(deliveryEvents.deliveryId, deliveryIds), eq(deliveryEvents.kind, 'retry_scheduled')))
    .orderBy(desc(deliveryEvents.id));
  const reasons = new Map<string, RetryReason>();
  for (const row of rows) {
    if (!reasons.has(row.deliveryId)) reasons.set(row.deliveryId, row.detail.reason as RetryReason);
  }
  return reasons;
}

/** The progress of each delivery, by delivery id (one query for those waiting for a retry). */
export async function progressOfDeliveries(
  db: DbOrTx,
  settings: RetrySettings,
  rows: DeliveryRow[],
  now: Date,
): Promise<Map<string, DeliveryProgress>> {
  const waiting = rows.filter((row) => phaseOf(row, now) === 'waiting_retry');
  const reasons = await lastRetryReasons(
    db,
    waiting.map((row) => row.id),
  );
  return new Map(rows.map((row) => [row.id, progressOf(settings, row, reasons.get(row.id), now)]));
}

function progressOf(
  settings: RetrySettings,
  row: DeliveryRow,
  retryReason: RetryReason | undefined,
  now: Date,
): DeliveryProgress {
  const phase = phaseOf(row, now);
  const base = { phase, attempts: row.attempts, maxAttempts: settings.maxAttempts };
  if (phase !== 'waiting_retry' && phase !== 'confirming') {
    return { ...base, reason: null, nextAttemptAt: null, giveUpBy: null };
  }
  const nextAttemptAt = row.nextCheckAt && row.nextCheckAt > now ? row.nextCheckAt : now;
  if (phase === 'confirming') return { ...base, reason: null, nextAttemptAt, giveUpBy: null };
  const kind = retryReason === 'reported_failed' || !retryReason ? 'operator_unavailable' : retryReason;
  return {
    ...base,
    reason: delayReasonOf(retryReason),
    nextAttemptAt,
    giveUpBy: lastAttemptAt(settings, { attempts: row.attempts, nextAttemptAt, kind }),
  };
}
