/** Time comes from a clock so tests can move it (quote locks, expiry, idempotency key retention). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export class ManualClock implements Clock {
  #epochMs: number;

  constructor(start: Date | string = '2026-01-01T00:00:00Z') {
    this.#epochMs = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.#epochMs);
  }

  set(at: Date | string): void {
    this.#epochMs = new Date(at).getTime();
  }

  advance(durationMs: number): void {
    if (!Number.isFinite(durationMs) || durationMs < 0) throw new RangeError('clock only moves forward');
    this.#epochMs += durationMs;
  }
}
