import { delayForAttempt } from '../../kernel/backoff.js';
import type { EsimSourceErrorKind } from './sources.js';

/**
 * The eSIM order retry rules on their own (orders.ts applies them): what a source's error on a send leads to.
 * Pure, so each rule has its own fast spec (retry-rules.test.ts).
 */

export interface EsimRetrySettings {
  /** Sends (first and retries) before a `retry` refusal fails the order. */
  maxAttempts: number;
  /** Wait before the n-th retry or lookup (the last value repeats). */
  retryDelaysMs: readonly number[];
}

export type AfterSourceError =
  /** The answer was lost: ask the source for the order by its reference later, never send blindly. */
  | { action: 'find'; waitMs: number }
  /** Definitely not done, may work later: send again after `waitMs`. */
  | { action: 'retry'; waitMs: number }
  /** Definitely not done, and will not be: the order fails (and the flow refunds it). */
  | { action: 'fail' };

/** The wait after `attempts` sends. */
export function esimDelayFor(settings: Pick<EsimRetrySettings, 'retryDelaysMs'>, attempts: number): number {
  return delayForAttempt(settings.retryDelaysMs, attempts);
}

/**
 * What an error on the `attempts`-th send leads to. `retryAfterMs`: the source said how long to wait (a rate
 * limit), never waited less. `kind` undefined = not the source's answer at all (a crash): treated as unknown.
 */
export function afterSourceError(
  settings: EsimRetrySettings,
  error: { kind: EsimSourceErrorKind | undefined; retryAfterMs?: number | undefined },
  attempts: number,
): AfterSourceError {
  const delay = esimDelayFor(settings, attempts);
  if (error.kind === undefined || error.kind === 'unknown') return { action: 'find', waitMs: delay };
  if (error.kind === 'retry' && attempts < settings.maxAttempts) {
    return { action: 'retry', waitMs: Math.max(delay, error.retryAfterMs ?? 0) };
  }
  return { action: 'fail' };
}
