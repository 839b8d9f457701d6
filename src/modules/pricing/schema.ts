import type { LocalizedText } from '../../kernel/i18n/index.js';
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

/** Every rate SimFill has seen or been given, newest last; quotes copy the one they used. */
export const fxRates = pgTable(
  'pricing_fx_rates',
  {
    id: text('id').primaryKey(),
    base: text('base').notNull(),
    quote: text('quote').notNull(),
    /** Units of `quote` per one unit of `base`, a decimal string ("7.1234"). */
    rate: text('rate').notNull(),
    source: text('source', { enum: ['feed', 'operator'] }).notNull(),
    /** The feed's name, or the staff id of the operator who set it. */
    sourceName: text('source_name').notNull(),
    /** When the rate was observed at its source. */
    asOf: timestamp('as_of', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('pricing_fx_rates_pair_idx').on(table.base, table.quote, table.source, table.asOf)],
);

/** How each currency pair is priced: from the feed plus a markup, or the operator's own rate. */
export const fxPairs = pgTable(
  'pricing_fx_pairs',
  {
    base: text('base').notNull(),
    quote: text('quote').notNull(),
    mode: text('mode', { enum: ['feed', 'operator'] }).notNull(),
    /** Added to the feed rate, in basis points (150 = 1.5 %). */
    markupBps: integer('markup_bps').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    updatedBy: text('updated_by'),
  },
  (table) => [primaryKey({ columns: [table.base, table.quote] })],
);

/** The fee each payment method adds to an order: percent of the amount plus a fixed part. */
export const methodFees = pgTable('pricing_method_fees', {
  method: text('method').primaryKey(),
  percentBps: integer('percent_bps').notNull(),
  fixedMinor: integer('fixed_minor').notNull(),
  currency: text('currency').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

export interface QuoteItem {
  kind: 'wallet_credit' | 'line_topup' | 'esim' | 'esim_topup';
  /** The item's price. */
  amountMinor: number;
  currency: string;
  /** What a line top-up is called on the quote, the order and the receipt. */
  name?: LocalizedText;
  /** What the order will deliver (recipient, provider product), locked with the price; pricing never reads it. */
  delivery?: Record<string, unknown>;
}

/** A price locked for a while: what the customer saw is what the order charges. */
export const quotes = pgTable(
  'pricing_quotes',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id').notNull(),
    items: jsonb('items').$type<QuoteItem[]>().notNull(),
    method: text('method').notNull(),
    currency: text('currency').notNull(),
    subtotalMinor: bigint('subtotal_minor', { mode: 'number' }).notNull(),
    discountMinor: bigint('discount_minor', { mode: 'number' }).notNull(),
    feeMinor: bigint('fee_minor', { mode: 'number' }).notNull(),
    /** The method fee this quote would have had, when the first top-up waiver removed it. */
    feeWaivedMinor: bigint('fee_waived_minor', { mode: 'number' }).notNull(),
    taxMinor: bigint('tax_minor', { mode: 'number' }).notNull(),
    totalMinor: bigint('total_minor', { mode: 'number' }).notNull(),
    /** What the provider charges: the USD total, or CNY at the locked rate for Alipay and WeChat Pay. */
    chargeCurrency: text('charge_currency').notNull(),
    chargeAmountMinor: bigint('charge_amount_minor', { mode: 'number' }).notNull(),
    fxRate: text('fx_rate'),
    fxSource: text('fx_source'),
    fxSourceName: text('fx_source_name'),
    fxAsOf: timestamp('fx_as_of', { withTimezone: true }),
    /** True when the charge is in another currency at `fx_rate`; false when the CNY figure is an estimate. */
    fxLocked: boolean('fx_locked').notNull(),
    estimateCurrency: text('estimate_currency'),
    estimateAmountMinor: bigint('estimate_amount_minor', { mode: 'number' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    index('pricing_quotes_customer_idx').on(table.customerId, table.id),
    check('pricing_quotes_total_positive', sql`${table.totalMinor} > 0 and ${table.chargeAmountMinor} > 0`),
  ],
);

export type FxRateRow = typeof fxRates.$inferSelect;
export type QuoteRow = typeof quotes.$inferSelect;
