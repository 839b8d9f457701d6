import { bigint, index, jsonb, pgSequence, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** Receipt numbers are consecutive (SF-000001, …), as bookkeeping expects; a gap means a rolled-back payment. */
export const receiptNumbers = pgSequence('orders_receipt_number_seq', { startWith: 1 });

/** One order = one thing to deliver, bought from one quote. Its status moves only through `transitionOrder`. */
export const orders = pgTable(
  'orders_orders',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id').notNull(),
    /** A quote is spent by one order only. */
    quoteId: text('quote_id').notNull(),
    status: text('status').notNull(),
    product: text('product').notNull(),
    /** What delivery needs (the wallet to credit, later the line or eSIM), fixed at creation. */
    delivery: jsonb('delivery').$type<Record<string, unknown>>().notNull(),
    method: text('method').notNull(),
    currency: text('currency').notNull(),
    totalMinor: bigint('total_minor', { mode: 'number' }).notNull(),
    chargeCurrency: text('charge_currency').notNull(),
    chargeAmountMinor: bigint('charge_amount_minor', { mode: 'number' }).notNull(),
    refundedMinor: bigint('refunded_minor', { mode: 'number' }).notNull(),
    receiptNumber: text('receipt_number'),
    /** The quote's lock: unpaid after this, the order expires. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    paidAt: timestamp('paid_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('orders_orders_quote_idx').on(table.quoteId),
    index('orders_orders_customer_idx').on(table.customerId, table.id),
    index('orders_orders_status_idx').on(table.status, table.id),
    uniqueIndex('orders_orders_receipt_idx').on(table.receiptNumber),
  ],
);

/** Every status change with its time and cause: the order's timeline. */
export const orderTransitions = pgTable(
  'orders_transitions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    /** Machine-readable cause: `payment_succeeded`, `quote_expired`, `delivery_failed`, `staff_refund`, … */
    cause: text('cause').notNull(),
    /** `stf_…`, `cus_…`, `system`, or the provider event id that caused it. */
    actor: text('actor').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (table) => [index('orders_transitions_order_idx').on(table.orderId, table.id)],
);

export type OrderRow = typeof orders.$inferSelect;
export type OrderTransitionRow = typeof orderTransitions.$inferSelect;
