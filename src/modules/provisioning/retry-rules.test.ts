import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AirtimeErrorKind } from '../../ports/airtime.js';
import {
  afterProviderError,
  afterReportedFailure,
  delayFor,
  lastAttemptAt,
  retryWait,
  type RetrySettings,
} from './retry-rules.js';

const SETTINGS: RetrySettings = {
  maxAttempts: 3,
  retryDelaysMs: [30_000, 120_000],
  recentlyRechargedWaitMs: 125_000,
};
const KINDS: AirtimeErrorKind[] = [
  'rejected',
  'recently_recharged',
  'insufficient_float',
  'operator_unavailable',
  'duplicate',
  'not_found',
  'authentication',
  'unavailable',
  'unknown',
];

describe('delivery retry rules', () => {
  it('never sends again blindly when the answer was lost: it asks the provider first', () => {
    for (const kind of [undefined, 'unknown', 'unavailable', 'duplicate'] as const) {
      for (let attempts = 1; attempts <= 5; attempts += 1) {
        expect(afterProviderError(SETTINGS, { kind }, attempts).action).toBe('check');
      }
    }
    expect(afterProviderError(SETTINGS, { kind: 'duplicate' }, 1)).toMatchObject({
      reason: 'identifier_known',
    });
  });

  it('retries a refusal that may pass next time, with a new identifier, until the attempts run out', () => {
    for (const kind of [
      'recently_recharged',
      'insufficient_float',
      'operator_unavailable',
      'authentication',
    ] as const) {
      expect(afterProviderError(SETTINGS, { kind }, 1).action).toBe('retry');
      expect(afterProviderError(SETTINGS, { kind }, 2).action).toBe('retry');
      expect(afterProviderError(SETTINGS, { kind }, 3)).toEqual({ action: 'fail' });
    }
  });

  it('fails at once a refusal that will not change (a wrong number, an unknown product)', () => {
    expect(afterProviderError(SETTINGS, { kind: 'rejected' }, 1)).toEqual({ action: 'fail' });
    expect(afterProviderError(SETTINGS, { kind: 'not_found' }, 1)).toEqual({ action: 'fail' });
  });

  it('waits out the provider’s own window for the same number, and backs off otherwise', () => {
    expect(retryWait(SETTINGS, 'recently_recharged', 1)).toBe(125_000);
    expect(retryWait(SETTINGS, 'operator_unavailable', 1)).toBe(30_000);
    expect(retryWait(SETTINGS, 'operator_unavailable', 2)).toBe(120_000);
    // The last delay repeats.
    expect(delayFor(SETTINGS, 9)).toBe(120_000);
  });

  it('retries a failure learnt later (a status check) while attempts remain', () => {
    expect(afterReportedFailure(SETTINGS, 2).action).toBe('retry');
    expect(afterReportedFailure(SETTINGS, 3)).toEqual({ action: 'fail' });
  });

  it('never retries past the limit and never waits less than the first delay, whatever the error', () => {
    fc.assert(
      fc.property(fc.constantFrom(...KINDS), fc.integer({ min: 1, max: 20 }), (kind, attempts) => {
        const next = afterProviderError(SETTINGS, { kind }, attempts);
        if (next.action === 'retry') expect(attempts).toBeLessThan(SETTINGS.maxAttempts);
        if (next.action !== 'fail') expect(next.waitMs).toBeGreaterThanOrEqual(SETTINGS.retryDelaysMs[0]!);
      }),
    );
  });
});

describe('the give-up point', () => {
  const at = new Date('2026-12-04T10:00:00Z');
  it('is the next attempt itself when it is the last one', () => {
    expect(lastAttemptAt(SETTINGS, { attempts: 2, nextAttemptAt: at, kind: 'operator_unavailable' })).toEqual(
      at,
    );
  });

  it('adds the wait before each attempt still to come, at least the provider’s window for the same number', () => {
    // Attempt 2 is due at 10:00; refused, attempt 3 follows 120 s later (delays[1]).
    expect(
      lastAttemptAt(SETTINGS, { attempts: 1, nextAttemptAt: at, kind: 'operator_unavailable' }).toISOString(),
    ).toBe('2026-12-04T10:02:00.000Z');
    expect(
      lastAttemptAt(
        { ...SETTINGS, maxAttempts: 4 },
        { attempts: 1, nextAttemptAt: at, kind: 'recently_recharged' },
      ).toISOString(),
    ).toBe('2026-12-04T10:04:10.000Z');
  });
});
