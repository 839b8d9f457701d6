import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canTransition,
  firstIllegalStep,
  OPEN_PAID_STATUSES,
  ORDER_STATUSES,
  ORDER_TRANSITIONS,
  type OrderStatus,
} from './state.js';

const EVERY_EDGE = ORDER_STATUSES.flatMap((from) => ORDER_STATUSES.map((to) => [from, to] as const));
const LEGAL = new Set(
  Object.entries(ORDER_TRANSITIONS).flatMap(([from, tos]) => tos.map((to) => `${from}>${to}`)),
);

/** States reachable from `start` along allowed moves. */
function reachable(start: OrderStatus): Set<OrderStatus> {
  const seen = new Set<OrderStatus>([start]);
  const queue = [start];
  while (queue.length > 0) {
    for (const next of ORDER_TRANSITIONS[queue.shift()!]) {
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(next);
    }
  }
  return seen;
}

describe('the order state machine', () => {
  it('refuses every move the table does not list (all 81 pairs walked)', () => {
    const illegal = EVERY_EDGE.filter(([from, to]) => !LEGAL.has(`${from}>${to}`));
    expect(illegal.length).toBe(81 - LEGAL.size);
    for (const [from, to] of illegal) {
      expect(canTransition(from, to), `${from} → ${to}`).toBe(false);
      expect(firstIllegalStep(from, [to])).toEqual({ from, to });
    }
    for (const [from, to] of EVERY_EDGE.filter(([f, t]) => LEGAL.has(`${f}>${t}`))) {
      expect(canTransition(from, to), `${from} → ${to}`).toBe(true);
    }
  });

  it('never lets money out without it having come in: refunding only after paid, refunded is final', () => {
    expect(ORDER_TRANSITIONS.refunded).toEqual([]);
    for (const from of ['awaiting_payment', 'expired', 'cancelled'] as const) {
      expect(reachable(from).has('refunding') && !canTransition(from, 'refunding')).toBe(true);
    }
    // Nothing goes back to waiting for payment, and fulfilled comes only out of a delivery in progress.
    for (const from of ORDER_STATUSES) {
      expect(canTransition(from, 'awaiting_payment')).toBe(false);
      if (from !== 'fulfilling') expect(canTransition(from, 'fulfilled')).toBe(false);
    }
  });

  it('honours money that arrives late: an expired or cancelled order can still become paid', () => {
    expect(canTransition('expired', 'paid')).toBe(true);
    expect(canTransition('cancelled', 'paid')).toBe(true);
    // …and from every paid state the customer is owed delivery or a refund until the order ends.
    for (const status of OPEN_PAID_STATUSES) expect(reachable(status).has('refunded')).toBe(true);
  });

  it('walks any sequence of moves exactly as the table says, stopping at the first illegal one', () => {
    const status = fc.constantFrom(...ORDER_STATUSES);
    fc.assert(
      fc.property(status, fc.array(status, { maxLength: 8 }), (from, steps) => {
        const illegal = firstIllegalStep(from, steps);
        let at: OrderStatus = from;
        for (const to of steps) {
          if (!LEGAL.has(`${at}>${to}`)) {
            expect(illegal).toEqual({ from: at, to });
            return;
          }
          at = to;
        }
        expect(illegal).toBeUndefined();
      }),
    );
  });
});
