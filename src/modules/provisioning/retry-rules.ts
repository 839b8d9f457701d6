import { delayForAttempt } from '../../kernel/backoff.js';
import type { AirtimeErrorKind } from '../../ports/airtime.js';

/**
 * The delivery retry rules, on their own (deliveries.ts applies them): what a refusal, a lost answer or a
 * failure learnt later leads to. Pure, so each rule has its own fast spec.
 */

export interface RetrySettings {
  maxAttempts: number;
  /** Wait before the n-th retry or status check (the last value repeats). */
  retryDelaysMs: readonly number[];
  /** The provider refuses the same number again within this window (`PHONE_RECENTLY_RECHARGED`). */
  recentlyRechargedWaitMs: number;
}

/** Refusals worth another attempt with a new identifier (the next try may well succeed). */
const RETRYABLE: ReadonlySet<AirtimeErrorKind> = new Set([
  'recently_recharged',
  'insufficient_float',
  'operator_unavailable',
  'authentication',
]);

/** The wait after `attempt` attempts (before the next retry or status check). */
export function delayFor(settings: Pick<RetrySettings, 'retryDelaysMs'>, attempt: number): number {
  return delayForAttempt(settings.retryDelaysMs, attempt);
}

export type AfterProviderError =
  /** The outcome is unknown: ask the provider later, never send again blindly. */
  | { action: 'check'; waitMs: number; reason: 'outcome_unknown' | 'identifier_known' }
  /** Refused: try again with a new identifier after `waitMs`. */
  | { action: 'retry'; waitMs: number }
  /** Refused for good. */
  | { action: 'fail' };

/**
 * What a provider error on the `attempts`-th send leads to. `kind` undefined = not the provider's answer at all
 * (a bug, a crash): treated as unknown.
 */
export function afterProviderError(
  settings: RetrySettings,
  error: { kind: AirtimeErrorKind | undefined },
  attempts: number,
): AfterProviderError {
  if (error.kind === undefined || error.kind === 'unknown' || error.kind === 'unavailable') {
    return { action: 'check', waitMs: delayFor(settings, attempts), reason: 'outcome_unknown' };
  }
  // The provider already holds a transaction with this identifier: find out what it is.
  if (error.kind === 'duplicate') {
    return { action: 'check', waitMs: delayFor(settings, attempts), reason: 'identifier_known' };
  }
  if (RETRYABLE.has(error.kind) && attempts < settings.maxAttempts) {
    return { action: 'retry', waitMs: retryWait(settings, error.kind, attempts) };
  }
  return { action: 'fail' };
}

/** A top-up the provider reported failed later (a status check) says nothing about the next try. */
export function afterReportedFailure(settings: RetrySettings, attempts: number): AfterProviderError {
  return attempts < settings.maxAttempts
    ? { action: 'retry', waitMs: retryWait(settings, 'operator_unavailable', attempts) }
    : { action: 'fail' };
}

/** How long before retrying after a refusal of `kind`: at least the provider's own window for the same number. */
export function retryWait(settings: RetrySettings, kind: AirtimeErrorKind, attempts: number): number {
  const delay = delayFor(settings, attempts);
  return kind === 'recently_recharged' ? Math.max(settings.recentlyRechargedWaitMs, delay) : delay;
}

/**
 * When the last attempt is made if every attempt still to come is refused like the last one (`kind`): the
 * latest moment a delivery that keeps failing is given up and its order refunded. `attempts` have been made and
 * the next one is due at `nextAttemptAt`; a refusal of the last attempt fails the delivery at once.
 */
export function lastAttemptAt(
  settings: RetrySettings,
  input: { attempts: number; nextAttemptAt: Date; kind: AirtimeErrorKind },
): Date {
  let atMs = input.nextAttemptAt.getTime();
  for (let attempt = input.attempts + 1; attempt < settings.maxAttempts; attempt += 1) {
    atMs += retryWait(settings, input.kind, attempt);
  }
  return new Date(atMs);
}
