import type { Clock } from '../../kernel/clock.js';

/**
 * Airalo's documented limits as fixed one-minute windows (developers.partners.airalo.com rate limits): the
 * token endpoint 3 a minute, packages 80 a minute per token, an eSIM's usage and package history 10 a minute per
 * ICCID. Every limited answer carries `x-ratelimit-limit` and `x-ratelimit-remaining`; a 429 adds `retry-after`.
 */

export interface RateLimitVerdict {
  allowed: boolean;
  headers: Record<string, string>;
}

export const DEFAULT_LIMITS_PER_MINUTE = { token: 3, packages: 80, usage: 10, simPackages: 10 };
export type LimitName = keyof typeof DEFAULT_LIMITS_PER_MINUTE;

const WINDOW_MS = 60_000;

export class RateLimiter {
  private readonly windows = new Map<string, { startMs: number; count: number }>();

  constructor(
    private readonly clock: Clock,
    readonly limits: Record<LimitName, number>,
  ) {}

  /** Counts one request against `name` for `key` (a token, an ICCID). */
  take(name: LimitName, key: string): RateLimitVerdict {
    const limit = this.limits[name];
    const nowMs = this.clock.now().getTime();
    const id = `${name} ${key}`;
    let window = this.windows.get(id);
    if (!window || nowMs - window.startMs >= WINDOW_MS) {
      window = { startMs: nowMs, count: 0 };
      this.windows.set(id, window);
    }
    window.count += 1;
    const allowed = window.count <= limit;
    const headers: Record<string, string> = {
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(Math.max(0, limit - window.count)),
    };
    if (!allowed) {
      headers['retry-after'] = String(Math.ceil((window.startMs + WINDOW_MS - nowMs) / 1000));
    }
    return { allowed, headers };
  }

  reset(): void {
    this.windows.clear();
  }
}
