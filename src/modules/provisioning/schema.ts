import { sql } from 'drizzle-orm';
import type { LocalizedText } from '../../kernel/i18n/index.js';
import { bigint, boolean, check, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const DELIVERY_STATUSES = ['queued', 'sending', 'processing', 'succeeded', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface DeliveryResult {
  deliveredAmountMinor: number;
  deliveredCurrency: string;
  /**
   * SimFill's own account at the provider (the float) before and after this top-up, as the provider reported
   * it — staff's information, never shown to a customer. No provider reports the line's balance.
   */
  accountBalance: { beforeMinor: number; afterMinor: number; currency: string; at: string } | null;
  /** A refill PIN. Shown on the receipt and in the email; masked everywhere else. */
  pin: { code: string; serial: string | null; instructions: string[]; validity: string | null } | null;
}

export interface DeliverySpec {
  name: LocalizedText;
  validityDays: number | null;
  dataQuotaMb: number | null;
  unlimitedData: boolean;
  /**
   * `local`: the amount is in the line's currency and the provider delivers exactly it (Reloadly's
   * useLocalAmount); absent or `account`: in the provider account's currency.
   */
  amountIn?: 'account' | 'local';
}

/**
 * One delivery per paid line order: what to send to the airtime provider and where it stands. It is also the
 * work queue: the sweep claims due rows with `FOR UPDATE SKIP LOCKED` and a lease, so a worker that dies
 * mid-call leaves a row another worker resumes by asking the provider first. Written only by provisioning.
 */
export const deliveries = pgTable(
  'provisioning_deliveries',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id').notNull().unique(),
    customerId: text('customer_id').notNull(),
    lineId: text('line_id'),
    productId: text('product_id').notNull(),
    kind: text('kind').notNull(),
    provider: text('provider').notNull(),
    providerOperatorId: text('provider_operator_id').notNull(),
    recipient: text('recipient').notNull(),
    countryIso: text('country_iso').notNull(),
    /** The face amount sent to the provider, in its account currency. */
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    status: text('status', { enum: DELIVERY_STATUSES }).notNull(),
    /** Sends started so far; each uses its own `customIdentifier` (the provider never accepts one twice). */
    attempts: integer('attempts').notNull(),
    customIdentifier: text('custom_identifier').notNull().unique(),
    providerTransactionId: text('provider_transaction_id'),
    /** When the sweep should look at it next (a retry, a status check); null once final. */
    nextCheckAt: timestamp('next_check_at', { withTimezone: true }),
    /** A worker is talking to the provider about it until then. */
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    lastErrorCode: text('last_error_code'),
    /** What the operator paid the provider (face minus the provider's discount). */
    costMinor: bigint('cost_minor', { mode: 'number' }),
    result: jsonb('result').$type<DeliveryResult>(),
    etaMinutes: integer('eta_minutes').notNull(),
    /** What was bought, as the catalog described it at the time (the personal centre reads it). */
    spec: jsonb('spec').$type<DeliverySpec>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (table) => [
    index('provisioning_deliveries_due_idx')
      .on(table.nextCheckAt)
      .where(sql`${table.nextCheckAt} is not null`),
    index('provisioning_deliveries_recipient_idx').on(table.recipient, table.createdAt),
    index('provisioning_deliveries_line_idx').on(table.lineId, table.createdAt),
    check('provisioning_deliveries_amount_positive', sql`${table.amountMinor} > 0`),
  ],
);

/** Everything that happened to a delivery, in order (append-only): the console's story of it. */
export const deliveryEvents = pgTable(
  'provisioning_delivery_events',
  {
    id: text('id').primaryKey(),
    deliveryId: text('delivery_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    /** `sent`, `succeeded`, `processing`, `failed`, `outcome_unknown`, `status_checked`, `retry_scheduled`, … */
    kind: text('kind').notNull(),
    attempt: integer('attempt').notNull(),
    customIdentifier: text('custom_identifier').notNull(),
    providerCode: text('provider_code'),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull(),
  },
  (table) => [index('provisioning_delivery_events_delivery_idx').on(table.deliveryId, table.id)],
);

/** The operator's float at the provider, as last read (after each top-up and by the balance job). */
export const floatReadings = pgTable(
  'provisioning_float_readings',
  {
    id: text('id').primaryKey(),
    provider: text('provider').notNull(),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    /** This reading crossed the alert threshold downwards and staff were told. */
    alerted: boolean('alerted').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (table) => [index('provisioning_float_readings_provider_idx').on(table.provider, table.at)],
);

export type DeliveryRow = typeof deliveries.$inferSelect;
export type DeliveryEventRow = typeof deliveryEvents.$inferSelect;

/** One comparison of SimFill's deliveries with the provider's transaction report for a UTC day. */
export const reconciliations = pgTable(
  'provisioning_reconciliations',
  {
    id: text('id').primaryKey(),
    provider: text('provider').notNull(),
    /** `2026-11-24` (UTC). */
    day: text('day').notNull(),
    status: text('status', { enum: ['running', 'done', 'failed'] }).notNull(),
    providerTransactions: integer('provider_transactions').notNull(),
    simfillDeliveries: integer('simfill_deliveries').notNull(),
    matched: integer('matched').notNull(),
    mismatches: integer('mismatches').notNull(),
    /** Progress while running: pages of the provider's report read, out of how many it said there are. */
    pagesRead: integer('pages_read').notNull(),
    pagesTotal: integer('pages_total'),
    startedBy: text('started_by').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    failure: text('failure'),
  },
  (table) => [index('provisioning_reconciliations_day_idx').on(table.provider, table.day)],
);

export const MISMATCH_KINDS = [
  /** The provider topped up (successfully) something SimFill has no successful delivery for. */
  'missing_in_simfill',
  /** SimFill counts a delivery as done that the provider has no successful transaction for. */
  'missing_at_provider',
  /** Both know it, but disagree on the outcome. */
  'status_differs',
  /** Both know it, but not for the same amount. */
  'amount_differs',
] as const;

/** What a reconciliation found that does not agree, until staff resolve it (with a note, audited). */
export const mismatches = pgTable(
  'provisioning_mismatches',
  {
    id: text('id').primaryKey(),
    reconciliationId: text('reconciliation_id').notNull(),
    kind: text('kind', { enum: MISMATCH_KINDS }).notNull(),
    customIdentifier: text('custom_identifier').notNull(),
    deliveryId: text('delivery_id'),
    orderId: text('order_id'),
    providerTransactionId: text('provider_transaction_id'),
    simfill: jsonb('simfill').$type<Record<string, unknown> | null>(),
    reported: jsonb('reported').$type<Record<string, unknown> | null>(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolvedBy: text('resolved_by'),
    resolution: text('resolution'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('provisioning_mismatches_reconciliation_idx').on(table.reconciliationId, table.id)],
);

export type ReconciliationRow = typeof reconciliations.$inferSelect;
export type MismatchRow = typeof mismatches.$inferSelect;
