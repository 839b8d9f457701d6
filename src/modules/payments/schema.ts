import { sql } from 'drizzle-orm';
import { bigint, index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { NextAction, PaymentMethodDisplay } from '../../ports/payments.js';

/**
 * One row per payment attempt of an order. At most one attempt per order is in flight at a time (a partial
 * unique index), so double clicks and replays reach the provider once; each attempt's provider idempotency key
 * is derived from its id, so a retried call can never charge twice.
 */
export const payments = pgTable(
  'payments_payments',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id').notNull(),
    customerId: text('customer_id').notNull(),
    /** `wallet`: paid from the customer's SimFill wallet, no outside provider. */
    provider: text('provider', { enum: ['stripe', 'paypal', 'wallet'] }).notNull(),
    method: text('method').notNull(),
    /**
     * `creating`: the provider call may or may not have happened (ask it again with the same key);
     * then the provider's vocabulary: requires_action → processing → succeeded | failed | canceled.
     */
    status: text('status', {
      enum: ['creating', 'requires_action', 'processing', 'succeeded', 'failed', 'canceled'],
    }).notNull(),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    /** What the provider's page says the payment is for (PayPal's item name, Stripe's description). */
    description: text('description'),
    refundedMinor: bigint('refunded_minor', { mode: 'number' }).notNull(),
    providerIdempotencyKey: text('provider_idempotency_key').notNull(),
    providerPaymentId: text('provider_payment_id'),
    nextAction: jsonb('next_action').$type<NextAction | null>(),
    methodDisplay: jsonb('method_display').$type<PaymentMethodDisplay | null>(),
    failureCode: text('failure_code'),
    declineCode: text('decline_code'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    succeededAt: timestamp('succeeded_at', { withTimezone: true }),
    /** When the reconciliation job last asked the provider. */
    checkedAt: timestamp('checked_at', { withTimezone: true }),
  },
  (table) => [
    index('payments_payments_order_idx').on(table.orderId, table.id),
    uniqueIndex('payments_payments_provider_id_idx').on(table.provider, table.providerPaymentId),
    uniqueIndex('payments_payments_one_in_flight_idx')
      .on(table.orderId)
      .where(sql`${table.status} in ('creating', 'requires_action', 'processing')`),
    index('payments_payments_open_idx')
      .on(table.status, table.updatedAt)
      .where(sql`${table.status} in ('creating', 'requires_action', 'processing')`),
  ],
);

/** The webhook inbox: every verified provider event once (de-duplicated on the provider's event id). */
export const providerEvents = pgTable(
  'payments_provider_events',
  {
    id: text('id').primaryKey(),
    provider: text('provider').notNull(),
    eventId: text('event_id').notNull(),
    type: text('type').notNull(),
    providerType: text('provider_type').notNull(),
    providerPaymentId: text('provider_payment_id'),
    paymentId: text('payment_id'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    processedAt: timestamp('processed_at', { withTimezone: true }),
    /** What applying it did: `applied`, `stale` (an older state than known), `ignored`, `unknown_payment`. */
    outcome: text('outcome'),
  },
  (table) => [
    uniqueIndex('payments_provider_events_event_idx').on(table.provider, table.eventId),
    index('payments_provider_events_payment_idx').on(table.paymentId, table.receivedAt),
  ],
);

export const refunds = pgTable(
  'payments_refunds',
  {
    id: text('id').primaryKey(),
    paymentId: text('payment_id').notNull(),
    orderId: text('order_id').notNull(),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    destination: text('destination', { enum: ['original_method', 'wallet'] }).notNull(),
    /**
     * Where the ledger took the money from: the wallet a delivered wallet credit went to, the undelivered
     * prepayment, or the sales of a delivered product (booked as refunds, contra-revenue).
     */
    source: text('source', { enum: ['wallet', 'prepayments', 'sales'] }).notNull(),
    status: text('status', { enum: ['pending', 'succeeded', 'failed'] }).notNull(),
    reason: text('reason').notNull(),
    /** `stf_…` for a staff refund, `system` for an automatic one. */
    requestedBy: text('requested_by').notNull(),
    providerRefundId: text('provider_refund_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('payments_refunds_order_idx').on(table.orderId, table.id)],
);

export type PaymentRow = typeof payments.$inferSelect;
export type ProviderEventRow = typeof providerEvents.$inferSelect;
export type RefundRow = typeof refunds.$inferSelect;

/** The provider customer a SimFill customer's saved methods hang on (methods themselves stay at the provider). */
export const providerCustomers = pgTable(
  'payments_provider_customers',
  {
    customerId: text('customer_id').notNull(),
    /** `wallet`: paid from the customer's SimFill wallet, no outside provider. */
    provider: text('provider', { enum: ['stripe', 'paypal', 'wallet'] }).notNull(),
    providerCustomerId: text('provider_customer_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [uniqueIndex('payments_provider_customers_idx').on(table.customerId, table.provider)],
);
