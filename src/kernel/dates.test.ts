import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock.js';
import { pastUtcDayRefusal } from './dates.js';

describe('a report day given outside HTTP (simfill reconcile --date)', () => {
  const clock = new ManualClock('2026-11-24T08:00:00Z');

  it('accepts the days the reconciliation route accepts: up to today (UTC), from 2000-01-01', () => {
    for (const day of ['2026-11-24', '2026-11-23', '2024-02-29', '2000-01-01'])
      expect(pastUtcDayRefusal(day, clock), day).toBeUndefined();
  });

  it('refuses what the route refuses, saying why in one line', () => {
    expect(pastUtcDayRefusal('2026-11-25', clock)).toBe('must be today or earlier (UTC)');
    expect(pastUtcDayRefusal('2099-12-31', clock)).toBe('must be today or earlier (UTC)');
    expect(pastUtcDayRefusal('1999-12-31', clock)).toBe('must be a date from 2000-01-01 to 2099-12-31');
    expect(pastUtcDayRefusal('0000-01-01', clock)).toBe('must be a date from 2000-01-01 to 2099-12-31');
    for (const day of ['2026-02-30', '2025-02-29', '2026-13-01', '26-11-01', 'yesterday', ''])
      expect(pastUtcDayRefusal(day, clock), day).toBe('has the wrong format');
  });
});
