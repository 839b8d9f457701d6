/**
 * The order state machine: the only allowed moves, in one table.
 *
 *   awaiting_payment ─▶ paid ─▶ fulfilling ─▶ fulfilled ─▶ refunding ─▶ refunded
 *        │    │           └──────────────────▶ refunding      ▲
 *        │    └▶ cancelled ─┐               fulfilling ─▶ failed ─┘
 *        └▶ expired ────────┴▶ paid   (a payment approved before the lock ran out and reported late is honoured)
 *
 * Partial refunds do not move the state; a full refund does.
 */

export const ORDER_STATUSES = [
  'awaiting_payment',
  'paid',
  'fulfilling',
  'fulfilled',
  'failed',
  'refunding',
  'refunded',
  'expired',
  'cancelled',
] as const;

export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  awaiting_payment: ['paid', 'expired', 'cancelled'],
  paid: ['fulfilling', 'refunding'],
  fulfilling: ['fulfilled', 'failed'],
  fulfilled: ['refunding'],
  failed: ['refunding'],
  refunding: ['refunded'],
  refunded: [],
  // Money that arrives for an expired or cancelled order is never dropped: the order becomes paid (and is
  // then delivered or refunded like any other).
  expired: ['paid'],
  cancelled: ['paid'],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return ORDER_TRANSITIONS[from].includes(to);
}

/** States in which the customer has paid and SimFill still owes them delivery or their money. */
export const OPEN_PAID_STATUSES: readonly OrderStatus[] = ['paid', 'fulfilling', 'failed', 'refunding'];

/**
 * Walks `steps` from `from` through the table: answers the first move it does not allow, or undefined when
 * every move is allowed (then the order ends in the last step's state).
 */
export function firstIllegalStep(
  from: OrderStatus,
  steps: readonly OrderStatus[],
): { from: OrderStatus; to: OrderStatus } | undefined {
  let at = from;
  for (const to of steps) {
    if (!canTransition(at, to)) return { from: at, to };
    at = to;
  }
  return undefined;
}
