import { describe, expect, it } from 'vitest';
import { afterSourceError, esimDelayFor } from './retry-rules.js';

const settings = { maxAttempts: 3, retryDelaysMs: [1_000, 5_000, 30_000] };

describe('eSIM order retry rules', () => {
  it('a lost answer is looked for by reference, never sent again blindly, however many attempts were made', () => {
    expect(afterSourceError(settings, { kind: 'unknown' }, 1)).toEqual({ action: 'find', waitMs: 1_000 });
    expect(afterSourceError(settings, { kind: 'unknown' }, 3)).toEqual({ action: 'find', waitMs: 30_000 });
    expect(afterSourceError(settings, { kind: undefined }, 9)).toEqual({ action: 'find', waitMs: 30_000 });
  });

  it('a refusal fails at once (out of stock, recycled, top-up disabled, invalid package)', () => {
    expect(afterSourceError(settings, { kind: 'refused' }, 1)).toEqual({ action: 'fail' });
  });

  it('a passing refusal (credit, maintenance, rate limit) is retried with backoff, then fails', () => {
    expect(afterSourceError(settings, { kind: 'retry' }, 1)).toEqual({ action: 'retry', waitMs: 1_000 });
    expect(afterSourceError(settings, { kind: 'retry' }, 2)).toEqual({ action: 'retry', waitMs: 5_000 });
    expect(afterSourceError(settings, { kind: 'retry' }, 3)).toEqual({ action: 'fail' });
  });

  it('waits at least what the source asked for (Retry-After)', () => {
    expect(afterSourceError(settings, { kind: 'retry', retryAfterMs: 60_000 }, 1)).toEqual({
      action: 'retry',
      waitMs: 60_000,
    });
  });

  it('the last delay repeats', () => {
    expect(esimDelayFor(settings, 0)).toBe(1_000);
    expect(esimDelayFor(settings, 7)).toBe(30_000);
    expect(esimDelayFor({ retryDelaysMs: [] }, 1)).toBe(60_000);
  });
});
