import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  foreignKey,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/**
 * The double-entry ledger. Append-only (triggers in the migration refuse UPDATE and DELETE) and balanced by
 * construction: a deferred constraint trigger refuses any transaction whose entries of one transfer do not
 * sum to zero per currency. Balances are never stored: they are sums of entries.
 */

export const ledgerAccounts = pgTable(
  'ledger_accounts',
  {
    id: text('id').primaryKey(),
    /** `customer_wallet:cus_…:USD`, `provider_clearing:stripe:CNY`, `fee_income:-:USD`: one account per code. */
    code: text('code').notNull(),
    kind: text('kind').notNull(),
    ownerId: text('owner_id'),
    currency: text('currency').notNull(),
    /** Which sign the account normally carries: balances are shown positive on this side. */
    normalSide: text('normal_side', { enum: ['debit', 'credit'] }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('ledger_accounts_code_idx').on(table.code),
    index('ledger_accounts_owner_idx').on(table.ownerId),
    // Lets entries reference (account, currency) so an entry can never be in another currency than its account.
    unique('ledger_accounts_id_currency_key').on(table.id, table.currency),
  ],
);

export const ledgerTransfers = pgTable(
  'ledger_transfers',
  {
    id: text('id').primaryKey(),
    /** The caller's idempotent id (`order:ord_…:captured`): posting it twice records it once. */
    idempotencyKey: text('idempotency_key').notNull(),
    kind: text('kind').notNull(),
    description: text('description').notNull(),
    referenceType: text('reference_type'),
    referenceId: text('reference_id'),
    metadata: jsonb('metadata').$type<Record<string, string>>().notNull(),
    postedAt: timestamp('posted_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('ledger_transfers_idempotency_idx').on(table.idempotencyKey),
    index('ledger_transfers_reference_idx').on(table.referenceId),
  ],
);

export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    transferId: text('transfer_id')
      .notNull()
      .references(() => ledgerTransfers.id),
    accountId: text('account_id').notNull(),
    currency: text('currency').notNull(),
    /** Debits positive, credits negative, in the currency's minor unit. */
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    postedAt: timestamp('posted_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    foreignKey({
      name: 'ledger_entries_account_currency_fk',
      columns: [table.accountId, table.currency],
      foreignColumns: [ledgerAccounts.id, ledgerAccounts.currency],
    }),
    check('ledger_entries_amount_nonzero', sql`${table.amountMinor} <> 0`),
    index('ledger_entries_account_idx').on(table.accountId, table.id),
    index('ledger_entries_transfer_idx').on(table.transferId),
  ],
);

export type LedgerAccountRow = typeof ledgerAccounts.$inferSelect;
export type LedgerTransferRow = typeof ledgerTransfers.$inferSelect;
export type LedgerEntryRow = typeof ledgerEntries.$inferSelect;
