import { createHash } from 'node:crypto';

/**
 * Idempotency-key replay as payment providers do it: the first answer for a key is kept and given back to a
 * retry with the same request; a retry with other parameters is a conflict (the simulator answers its provider's
 * own error); a retry while the first is still running is in flight. Which answers are kept (not a 5xx, not a
 * failed validation, …) is the simulator's rule, passed as `keep`.
 */

export type IdempotentOutcome<Answer> =
  | { kind: 'fresh'; answer: Answer }
  | { kind: 'replayed'; answer: Answer }
  | { kind: 'conflict' }
  | { kind: 'in_flight' };

interface Kept<Answer> {
  fingerprint: string | undefined;
  answer: Answer;
}

/** A digest of what makes two requests "the same" (method, path, body). */
export function requestFingerprint(...parts: string[]): string {
  return createHash('sha256').update(parts.join(' ')).digest('hex');
}

export class IdempotencyStore<Answer> {
  private readonly kept = new Map<string, Kept<Answer>>();
  private readonly inFlight = new Set<string>();

  /**
   * Runs `execute` once per key. `fingerprint` undefined means the provider replays the first answer whatever
   * the retry carries (PayPal's `PayPal-Request-Id`).
   */
  async run(
    key: string,
    fingerprint: string | undefined,
    execute: () => Answer | Promise<Answer>,
    keep: (answer: Answer) => boolean,
  ): Promise<IdempotentOutcome<Answer>> {
    if (this.inFlight.has(key)) return { kind: 'in_flight' };
    const previous = this.kept.get(key);
    if (previous) {
      if (previous.fingerprint !== fingerprint) return { kind: 'conflict' };
      return { kind: 'replayed', answer: previous.answer };
    }
    this.inFlight.add(key);
    let answer: Answer;
    try {
      answer = await execute();
    } finally {
      this.inFlight.delete(key);
    }
    if (keep(answer)) this.kept.set(key, { fingerprint, answer });
    return { kind: 'fresh', answer };
  }
}
