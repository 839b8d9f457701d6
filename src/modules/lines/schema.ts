import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * A customer's lines: their own SIM, a tablet's, a parent's phone. One row per number per customer while it is
 * on the account; removing a line keeps the row (orders point at it) and frees the number to be added again.
 * Written only by the lines service.
 */
export const lines = pgTable(
  'lines_lines',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id').notNull(),
    /** `sim`: a number the customer brought (tops up by airtime); `esim`: an eSIM bought here (issue 17). */
    kind: text('kind', { enum: ['sim', 'esim'] })
      .notNull()
      .default('sim'),
    /** E.164: `+14155550123`; null for a data-only eSIM line (a travel eSIM has no number). */
    phone: text('phone'),
    countryIso: text('country_iso').notNull(),
    nickname: text('nickname'),
    /** The catalog operator (airtime product line) the number tops up through; null when unknown. */
    operatorId: text('operator_id'),
    /** How the operator was chosen: the provider's lookup, or the customer's correction. */
    operatorSource: text('operator_source', { enum: ['detected', 'customer', 'unknown'] }).notNull(),
    iccid: text('iccid'),
    device: text('device'),
    /** The esim module's profile (`esim_…`) of an `esim` line. */
    esimId: text('esim_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    removedAt: timestamp('removed_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('lines_lines_customer_phone_idx')
      .on(table.customerId, table.phone)
      .where(sql`${table.removedAt} is null`),
    index('lines_lines_phone_idx').on(table.phone),
    uniqueIndex('lines_lines_esim_idx').on(table.esimId),
  ],
);

export type LineRow = typeof lines.$inferSelect;
