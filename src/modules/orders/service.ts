import assert from 'node:assert/strict';
import { or, and, asc, desc, eq, gte, inArray, isNotNull, lt, ne, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/index.js';
import type { Clock } from '../../kernel/clock.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import {
  orderTransitions,
  orders,
  receiptNumbers,
  type OrderRow,
  type OrderTransitionRow,
} from './schema.js';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { firstIllegalStep, ORDER_STATUSES, type OrderStatus } from './state.js';

/**
 * The orders module's door. An order is created from a quote (one order per quote) and then moves only through
 * `transitionOrder`, which locks the row, checks the move against the state machine and records it with its
 * time, cause and actor in the same transaction.
 */

export { ORDER_STATUSES, ORDER_TRANSITIONS, canTransition, type OrderStatus } from './state.js';

export interface NewOrder {
  customerId: string;
  quoteId: string;
  /** A product of the checkout flow's map (src/flows/checkout/products.ts): `wallet_credit`, `line_topup`. */
  product: string;
  delivery: Record<string, unknown>;
  method: string;
  currency: string;
  totalMinor: number;
  chargeCurrency: string;
  chargeAmountMinor: number;
  expiresAt: Date;
}

export async function createOrder(tx: Tx, clock: Clock, input: NewOrder, actor: string): Promise<OrderRow> {
  const now = clock.now();
  const id = newId('order');
  const inserted = await tx
    .insert(orders)
    .values({
      id,
      customerId: input.customerId,
      quoteId: input.quoteId,
      status: 'awaiting_payment',
      product: input.product,
      delivery: input.delivery,
      method: input.method,
      currency: input.currency,
      totalMinor: input.totalMinor,
      chargeCurrency: input.chargeCurrency,
      chargeAmountMinor: input.chargeAmountMinor,
      refundedMinor: 0,
      receiptNumber: null,
      expiresAt: input.expiresAt,
      createdAt: now,
      updatedAt: now,
      paidAt: null,
    })
    .onConflictDoNothing({ target: orders.quoteId })
    .returning();
  if (inserted.length === 0) {
    throw new AppError('quote_already_used', { param: 'quote', values: { quote: input.quoteId } });
  }
  await tx.insert(orderTransitions).values({
    orderId: id,
    fromStatus: null,
    toStatus: 'awaiting_payment',
    cause: 'order_created',
    actor,
    at: now,
  });
  return inserted[0]!;
}

export function illegalTransition(order: OrderRow, to: OrderStatus): AppError {
  return new AppError('order_state_invalid', {
    values: { order: order.id, status: order.status, target: to },
  });
}

/** Locks the order row until the transaction ends: every change to an order starts here. */
export async function lockOrder(tx: Tx, orderId: string): Promise<OrderRow> {
  const [row] = await tx.select().from(orders).where(eq(orders.id, orderId)).for('update');
  if (!row) throw notFound('order', orderId, 'order');
  return row;
}

const RECEIPT_SEQUENCE = receiptNumbers.seqName ?? 'orders_receipt_number_seq';

/** One move of an order and why it happened. */
export interface OrderStep {
  to: OrderStatus;
  cause: string;
  actor: string;
}

/**
 * Moves the order to `to`, recording why. Refuses a move the state machine does not allow (409
 * `order_state_invalid`) and changes nothing then. Give the order's id, or the row `lockOrder` (or an earlier
 * `transitionOrder`) returned in this same transaction, which saves locking it again.
 */
export async function transitionOrder(
  tx: Tx,
  clock: Clock,
  orderOrId: string | OrderRow,
  to: OrderStatus,
  cause: { cause: string; actor: string },
): Promise<OrderRow> {
  return advanceOrder(tx, clock, orderOrId, [{ to, ...cause }]);
}

/**
 * Several moves at once (an instant delivery: paid → fulfilling → fulfilled), each checked against the state
 * machine and recorded in the timeline as its own step, written in one UPDATE and one INSERT.
 */
export async function advanceOrder(
  tx: Tx,
  clock: Clock,
  orderOrId: string | OrderRow,
  steps: readonly OrderStep[],
): Promise<OrderRow> {
  assert(steps.length > 0, 'an order advance needs at least one step');
  const order = typeof orderOrId === 'string' ? await lockOrder(tx, orderOrId) : orderOrId;
  const illegal = firstIllegalStep(
    order.status as OrderStatus,
    steps.map((step) => step.to),
  );
  if (illegal) throw illegalTransition({ ...order, status: illegal.from }, illegal.to);
  const now = clock.now();
  let from = order.status as OrderStatus;
  const recorded = steps.map((step) => {
    const row = {
      orderId: order.id,
      fromStatus: from,
      toStatus: step.to,
      cause: step.cause,
      actor: step.actor,
      at: now,
    };
    from = step.to;
    return row;
  });
  const changes: PgUpdateSetSource<typeof orders> = { status: from, updatedAt: now };
  if (steps.some((step) => step.to === 'paid')) {
    changes.paidAt = now;
    // SF-000001: the sequence's next value, at least six digits (the same statement, no extra round trip).
    if (!order.receiptNumber) {
      changes.receiptNumber = sql`(select 'SF-' || case when length(n) >= 6 then n else lpad(n, 6, '0') end
        from (select nextval('${sql.raw(RECEIPT_SEQUENCE)}')::text as n) as next)`;
    }
  }
  const [updated] = await tx.update(orders).set(changes).where(eq(orders.id, order.id)).returning();
  await tx.insert(orderTransitions).values(recorded);
  return updated!;
}

/** Adds `amountMinor` to what has been refunded; never past the total charged. */
export async function recordOrderRefund(
  tx: Tx,
  clock: Clock,
  orderId: string,
  amountMinor: number,
): Promise<OrderRow> {
  const order = await lockOrder(tx, orderId);
  assert(order.refundedMinor + amountMinor <= order.chargeAmountMinor, 'refund above the amount charged');
  const [updated] = await tx
    .update(orders)
    .set({ refundedMinor: order.refundedMinor + amountMinor, updatedAt: clock.now() })
    .where(eq(orders.id, orderId))
    .returning();
  return updated!;
}

export async function getOrder(db: DbOrTx, orderId: string, customerId?: string): Promise<OrderRow> {
  const [row] = await db
    .select()
    .from(orders)
    .where(
      and(eq(orders.id, orderId), customerId === undefined ? undefined : eq(orders.customerId, customerId)),
    );
  if (!row) throw notFound('order', orderId, 'order');
  return row;
}

export async function orderTimeline(db: DbOrTx, orderId: string): Promise<OrderTransitionRow[]> {
  return db
    .select()
    .from(orderTransitions)
    .where(eq(orderTransitions.orderId, orderId))
    .orderBy(asc(orderTransitions.id));
}

/** The timelines of several orders in one query (lists), by order id. */
export async function orderTimelines(
  db: DbOrTx,
  orderIds: string[],
): Promise<Map<string, OrderTransitionRow[]>> {
  const byOrder = new Map<string, OrderTransitionRow[]>(orderIds.map((id) => [id, []]));
  if (orderIds.length === 0) return byOrder;
  const rows = await db
    .select()
    .from(orderTransitions)
    .where(inArray(orderTransitions.orderId, orderIds))
    .orderBy(asc(orderTransitions.id));
  for (const row of rows) byOrder.get(row.orderId)?.push(row);
  return byOrder;
}

/**
 * The customer's latest order of the same product to the same recipient and amount (what is delivered, not what
 * is charged: fees differ between orders) paid since `since`: a second one is probably a mistake.
 */
export async function recentPaidOrderLike(
  db: DbOrTx,
  order: Pick<OrderRow, 'id' | 'customerId' | 'product' | 'delivery'>,
  since: Date,
): Promise<{ id: string; receiptNumber: string | null } | undefined> {
  const [recent] = await db
    .select({ id: orders.id, receiptNumber: orders.receiptNumber })
    .from(orders)
    .where(
      and(
        eq(orders.customerId, order.customerId),
        eq(orders.product, order.product),
        sql`${orders.delivery} = ${JSON.stringify(order.delivery)}::jsonb`,
        ne(orders.id, order.id),
        isNotNull(orders.paidAt),
        gte(orders.paidAt, since),
      ),
    )
    .orderBy(desc(orders.paidAt))
    .limit(1);
  return recent;
}

/** True once the customer has had any order paid: the first top-up fee waiver is for newcomers only. */
export async function hasPaidOrder(db: DbOrTx, customerId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.customerId, customerId), sql`${orders.paidAt} is not null`))
    .limit(1);
  return row !== undefined;
}

export interface OrderSearch {
  customerId?: string;
  customerIds?: string[];
  /** Orders topping up this number (E.164) — or, with `customerIds`, orders of those customers too. */
  recipient?: string;
  status?: OrderStatus;
  /**
   * Leave out orders that expired unpaid: a price the customer looked at and never paid is not an order to them.
   * (`expired` always means unpaid: money arriving late moves an expired order on to `paid`.)
   */
  withoutAbandoned?: boolean;
  createdFrom?: Date;
  createdTo?: Date;
  limit: number;
  /** Newest first: orders created before this order id. */
  startingAfter?: string;
}

function whoseOrders(search: OrderSearch) {
  const ofCustomers =
    search.customerIds === undefined ? undefined : inArray(orders.customerId, search.customerIds);
  const toRecipient =
    search.recipient === undefined ? undefined : sql`${orders.delivery}->>'phone' = ${search.recipient}`;
  return ofCustomers && toRecipient ? or(ofCustomers, toRecipient) : (ofCustomers ?? toRecipient);
}

/** Orders newest first, with filters (the customer's history; the console's search). */
export async function listOrders(
  db: DbOrTx,
  search: OrderSearch,
): Promise<{ data: OrderRow[]; hasMore: boolean }> {
  if (search.status) assert(ORDER_STATUSES.includes(search.status));
  const rows = await db
    .select()
    .from(orders)
    .where(
      and(
        search.customerId === undefined ? undefined : eq(orders.customerId, search.customerId),
        whoseOrders(search),
        search.status === undefined ? undefined : eq(orders.status, search.status),
        search.withoutAbandoned ? ne(orders.status, 'expired') : undefined,
        search.createdFrom === undefined ? undefined : sql`${orders.createdAt} >= ${search.createdFrom}`,
        search.createdTo === undefined ? undefined : sql`${orders.createdAt} < ${search.createdTo}`,
        search.startingAfter === undefined ? undefined : lt(orders.id, search.startingAfter),
      ),
    )
    .orderBy(desc(orders.id))
    .limit(search.limit + 1);
  return { data: rows.slice(0, search.limit), hasMore: rows.length > search.limit };
}

/** Unpaid orders whose lock has run out, oldest first, for the expiry job. */
export async function dueForExpiry(db: DbOrTx, now: Date, limit: number): Promise<OrderRow[]> {
  return db
    .select()
    .from(orders)
    .where(and(eq(orders.status, 'awaiting_payment'), lt(orders.expiresAt, now)))
    .orderBy(asc(orders.expiresAt))
    .limit(limit);
}

export type { OrderRow, OrderTransitionRow } from './schema.js';

/** The order with this id or receipt number (the console's search box), or undefined. */
export async function findOrder(
  db: DbOrTx,
  by: { id: string } | { receiptNumber: string },
): Promise<OrderRow | undefined> {
  const [row] = await db
    .select()
    .from(orders)
    .where('id' in by ? eq(orders.id, by.id) : eq(orders.receiptNumber, by.receiptNumber));
  return row;
}
