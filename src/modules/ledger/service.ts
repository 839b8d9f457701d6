import assert from 'node:assert/strict';
import { and, asc, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/index.js';
import type { Clock } from '../../kernel/clock.js';
import { AppError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { isCurrencyCode, money, type Money } from '../../kernel/money.js';
import { ledgerAccounts, ledgerEntries, ledgerTransfers } from './schema.js';

/**
 * The ledger's door. Money moves only as transfers: two or more entries, debits positive and credits negative,
 * summing to zero in every currency. A transfer carries the caller's idempotent id, so posting the same
 * business event twice (a duplicate webhook, a retried job) records it once. Balances are sums of entries.
 */

/** The kinds of account and the side each normally carries. */
export const ACCOUNT_KINDS = {
  /** What SimFill owes a customer: spendable wallet balance. */
  customer_wallet: 'credit',
  /** Money paid for orders not yet delivered (or paid twice, until refunded). */
  customer_prepayments: 'credit',
  /** Money captured by a payment provider and not yet paid out or refunded. */
  provider_clearing: 'debit',
  /** Method fees charged to customers. */
  fee_income: 'credit',
  /** Sales of delivered products. */
  revenue: 'credit',
  /** Refunds of sales (contra-revenue). */
  refunds: 'debit',
  /** Currency conversion: one per currency, so each currency balances on its own. */
  fx: 'credit',
  /** The operator's prepaid balance at an airtime provider (owner: the provider), spent by each top-up. */
  provider_float: 'debit',
  /** What delivered top-ups cost the operator at the provider. */
  cost_of_sales: 'debit',
} as const satisfies Record<string, 'debit' | 'credit'>;

export type AccountKind = keyof typeof ACCOUNT_KINDS;

/** A customer's SimFill wallet (USD). */
export const walletAccount = (customerId: string): AccountRef => ({
  kind: 'customer_wallet',
  ownerId: customerId,
  currency: 'USD',
});

export interface AccountRef {
  kind: AccountKind;
  /** The customer (`cus_…`) for wallets, the provider name for clearing; none for house accounts. */
  ownerId?: string;
  currency: string;
}

export interface EntryInput {
  account: AccountRef;
  /** Debit positive, credit negative, in the currency's minor unit. */
  amountMinor: number;
}

export interface TransferInput {
  /** The business event's stable id, e.g. `payment:pay_…:captured`. */
  idempotencyKey: string;
  kind: string;
  description: string;
  reference?: { type: string; id: string };
  metadata?: Record<string, string>;
  entries: EntryInput[];
  /** Accounts that must not end below zero on their normal side (a wallet being spent). */
  mustNotGoNegative?: AccountRef[];
}

export interface TransferView {
  id: string;
  idempotencyKey: string;
  kind: string;
  description: string;
  reference: { type: string; id: string } | null;
  postedAt: Date;
  entries: { accountCode: string; currency: string; amountMinor: number }[];
}

const ENTRIES_PER_TRANSFER_MAX = 20;

export function accountCode(ref: AccountRef): string {
  return `${ref.kind}:${ref.ownerId ?? '-'}:${ref.currency}`;
}

/** Checks a transfer before touching the database: whole amounts, known currencies, zero per currency. */
export function assertBalanced(entries: EntryInput[]): void {
  assert(entries.length >= 2, 'a transfer needs at least two entries');
  assert(entries.length <= ENTRIES_PER_TRANSFER_MAX, 'too many entries in one transfer');
  const sums = new Map<string, bigint>();
  for (const entry of entries) {
    assert(
      Number.isSafeInteger(entry.amountMinor) && entry.amountMinor !== 0,
      'entry amount must be a non-zero integer',
    );
    assert(isCurrencyCode(entry.account.currency), `unknown currency ${entry.account.currency}`);
    const currency = entry.account.currency;
    sums.set(currency, (sums.get(currency) ?? 0n) + BigInt(entry.amountMinor));
  }
  for (const [currency, sum] of sums) assert(sum === 0n, `transfer does not balance in ${currency}: ${sum}`);
}

function sameEntries(
  a: { code: string; amountMinor: number }[],
  b: { code: string; amountMinor: number }[],
): boolean {
  const key = (entries: { code: string; amountMinor: number }[]) =>
    entries
      .map((entry) => `${entry.code}=${entry.amountMinor}`)
      .sort()
      .join(',');
  return key(a) === key(b);
}

/**
 * Account codes this process has seen exist: a transfer whose accounts are all here skips creating them (one
 * round trip less per transfer). Only a hint — entries that find no account are detected and their accounts
 * created then — so it needs no invalidation; bounded, and cleared when full.
 */
const seenAccounts = new Set<string>();
const SEEN_ACCOUNTS_MAX = 50_000;

function rememberAccount(code: string): void {
  if (seenAccounts.size >= SEEN_ACCOUNTS_MAX) seenAccounts.clear();
  seenAccounts.add(code);
}

/** Creates the accounts of a transfer that do not exist yet (sorted `codes`). */
async function createAccounts(tx: Tx, refs: Map<string, AccountRef>, codes: string[], now: Date) {
  await tx
    .insert(ledgerAccounts)
    .values(
      codes.map((code) => {
        const ref = refs.get(code)!;
        return {
          id: newId('ledgerAccount'),
          code,
          kind: ref.kind,
          ownerId: ref.ownerId ?? null,
          currency: ref.currency,
          normalSide: ACCOUNT_KINDS[ref.kind],
          createdAt: now,
        };
      }),
    )
    .onConflictDoNothing({ target: ledgerAccounts.code });
}

function wantedRows(wanted: { code: string; amountMinor: number }[]) {
  return sql.join(
    wanted.map((entry, index) => sql`(${entry.code}, ${entry.amountMinor}::bigint, ${index}::int)`),
    sql`, `,
  );
}

/**
 * Writes entries of transfer `id`, naming their accounts by code: the join finds the ids, in the order given
 * (entry ids are a sequence). Answers how many were written (an entry whose account is missing is not).
 */
async function insertEntries(
  tx: Tx,
  id: string,
  wanted: { code: string; amountMinor: number }[],
  now: Date,
): Promise<number> {
  if (wanted.length === 0) return 0;
  // Both drivers answer `{ rows }`; drizzle's generic result type does not say so.
  const written: unknown = await tx.execute(
    sql`insert into ${ledgerEntries} (transfer_id, account_id, currency, amount_minor, posted_at)
      select ${id}, ${ledgerAccounts.id}, ${ledgerAccounts.currency}, wanted.amount, ${now}::timestamptz
      from (values ${wantedRows(wanted)}) as wanted (code, amount, position)
      join ${ledgerAccounts} on ${ledgerAccounts.code} = wanted.code
      order by wanted.position
      returning id`,
  );
  return (written as { rows: unknown[] }).rows.length;
}

/**
 * The transfer row and its entries in one statement: the transfer is inserted in a CTE (nothing when its
 * idempotency key is taken) and the entries are written only for a transfer that was. Answers how many entries
 * were written: all of them, or fewer when the key was taken (none) or an account is missing (the caller tells
 * the two apart).
 */
async function insertTransferWithEntries(
  tx: Tx,
  id: string,
  input: TransferInput,
  wanted: { code: string; amountMinor: number }[],
  now: Date,
): Promise<number> {
  const written: unknown = await tx.execute(
    sql`with transfer as (
        insert into ${ledgerTransfers}
          (id, idempotency_key, kind, description, reference_type, reference_id, metadata, posted_at)
        values (${id}, ${input.idempotencyKey}, ${input.kind}, ${input.description},
          ${input.reference?.type ?? null}, ${input.reference?.id ?? null},
          ${JSON.stringify(input.metadata ?? {})}::jsonb, ${now}::timestamptz)
        on conflict (idempotency_key) do nothing
        returning id
      )
      insert into ${ledgerEntries} (transfer_id, account_id, currency, amount_minor, posted_at)
      select transfer.id, ${ledgerAccounts.id}, ${ledgerAccounts.currency}, wanted.amount, ${now}::timestamptz
      from transfer
      cross join (values ${wantedRows(wanted)}) as wanted (code, amount, position)
      join ${ledgerAccounts} on ${ledgerAccounts.code} = wanted.code
      order by wanted.position
      returning id`,
  );
  return (written as { rows: unknown[] }).rows.length;
}

/**
 * Posts a transfer inside the caller's transaction and returns it. Posting the same idempotency key again with
 * the same entries returns the first transfer (`created: false`); with other entries it is refused, because
 * one business event cannot move two different amounts.
 *
 * One statement on the usual path (the transfer and its entries together; another creates accounts on first
 * use), whatever the number of entries: the money path posts two transfers per order and round trips are what it
 * spends most on.
 */
export async function postTransfer(
  tx: Tx,
  clock: Clock,
  input: TransferInput,
): Promise<{ transfer: TransferView; created: boolean }> {
  assertBalanced(input.entries);
  const now = clock.now();
  const refs = new Map<string, AccountRef>();
  for (const entry of input.entries) refs.set(accountCode(entry.account), entry.account);
  // Sorted, so two transactions creating the same new accounts take their index locks in the same order.
  const codes = [...refs.keys()].sort();
  if (!codes.every((code) => seenAccounts.has(code))) await createAccounts(tx, refs, codes, now);
  const wanted = input.entries.map((entry) => ({
    code: accountCode(entry.account),
    amountMinor: entry.amountMinor,
  }));

  // Spending a wallet: lock its account row so concurrent spends queue up, then check what is left.
  const guarded = (input.mustNotGoNegative ?? []).map((ref) => {
    const code = accountCode(ref);
    assert(refs.has(code), 'mustNotGoNegative names an account the transfer does not touch');
    return code;
  });
  if (guarded.length > 0) {
    await tx
      .select({ id: ledgerAccounts.id })
      .from(ledgerAccounts)
      .where(inArray(ledgerAccounts.code, guarded))
      .orderBy(asc(ledgerAccounts.code))
      .for('update');
  }
  const id = newId('ledgerTransfer');
  let written = await insertTransferWithEntries(tx, id, input, wanted, now);
  if (written < wanted.length) {
    const [mine] = await tx
      .select({ id: ledgerTransfers.id })
      .from(ledgerTransfers)
      .where(eq(ledgerTransfers.id, id));
    if (!mine) {
      // Posted before (a replay), or by a concurrent transaction that committed first.
      const previous = await findTransferByKey(tx, input.idempotencyKey);
      assert(previous, 'idempotency conflict without a transfer');
      return { transfer: assertSameTransfer(previous, wanted), created: false };
    }
    // An account remembered as existing is not there (another database, a transaction that rolled back):
    // create what is missing and write the entries that found no account.
    const found = await tx
      .select({ code: ledgerAccounts.code })
      .from(ledgerAccounts)
      .where(inArray(ledgerAccounts.code, codes));
    const present = new Set(found.map((row) => row.code));
    for (const code of codes) seenAccounts.delete(code);
    await createAccounts(tx, refs, codes, now);
    written += await insertEntries(
      tx,
      id,
      wanted.filter((entry) => !present.has(entry.code)),
      now,
    );
  }
  assert(written === wanted.length, 'a ledger entry names an account that does not exist');
  for (const code of codes) rememberAccount(code);
  for (const ref of input.mustNotGoNegative ?? []) {
    const balance = await balanceOf(tx, ref);
    if (balance.amountMinor < 0) {
      throw new AppError('insufficient_wallet_balance', { values: { currency: ref.currency } });
    }
  }
  return {
    transfer: {
      id,
      idempotencyKey: input.idempotencyKey,
      kind: input.kind,
      description: input.description,
      reference: input.reference ?? null,
      postedAt: now,
      entries: input.entries.map((entry) => ({
        accountCode: accountCode(entry.account),
        currency: entry.account.currency,
        amountMinor: entry.amountMinor,
      })),
    },
    created: true,
  };
}

function assertSameTransfer(
  transfer: TransferView,
  wanted: { code: string; amountMinor: number }[],
): TransferView {
  const recorded = transfer.entries.map((entry) => ({
    code: entry.accountCode,
    amountMinor: entry.amountMinor,
  }));
  if (!sameEntries(recorded, wanted)) {
    throw new AppError('ledger_transfer_conflict', { values: { key: transfer.idempotencyKey } });
  }
  return transfer;
}

export async function findTransferByKey(
  db: DbOrTx,
  idempotencyKey: string,
): Promise<TransferView | undefined> {
  const [row] = await db
    .select()
    .from(ledgerTransfers)
    .where(eq(ledgerTransfers.idempotencyKey, idempotencyKey));
  if (!row) return undefined;
  const [view] = await withEntries(db, [row]);
  return view;
}

async function withEntries(
  db: DbOrTx,
  rows: (typeof ledgerTransfers.$inferSelect)[],
): Promise<TransferView[]> {
  if (rows.length === 0) return [];
  const entries = await db
    .select({
      transferId: ledgerEntries.transferId,
      accountCode: ledgerAccounts.code,
      currency: ledgerEntries.currency,
      amountMinor: ledgerEntries.amountMinor,
    })
    .from(ledgerEntries)
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerEntries.accountId))
    .where(
      inArray(
        ledgerEntries.transferId,
        rows.map((row) => row.id),
      ),
    )
    .orderBy(asc(ledgerEntries.id));
  return rows.map((row) => ({
    id: row.id,
    idempotencyKey: row.idempotencyKey,
    kind: row.kind,
    description: row.description,
    reference: row.referenceType && row.referenceId ? { type: row.referenceType, id: row.referenceId } : null,
    postedAt: row.postedAt,
    entries: entries
      .filter((entry) => entry.transferId === row.id)
      .map(({ accountCode: code, currency, amountMinor }) => ({ accountCode: code, currency, amountMinor })),
  }));
}

/** Every transfer that names `referenceId` (an order, a payment), oldest first: the order timeline's money. */
export async function transfersFor(db: DbOrTx, referenceId: string): Promise<TransferView[]> {
  const rows = await db
    .select()
    .from(ledgerTransfers)
    .where(eq(ledgerTransfers.referenceId, referenceId))
    .orderBy(asc(ledgerTransfers.postedAt), asc(ledgerTransfers.id));
  // Entry ids are a sequence: they order transfers exactly as they were written, even within one millisecond.
  const firstEntry = new Map<string, number>();
  for (const row of await db
    .select({ transferId: ledgerEntries.transferId, first: sql<number>`min(${ledgerEntries.id})` })
    .from(ledgerEntries)
    .where(
      inArray(
        ledgerEntries.transferId,
        rows.map((row) => row.id),
      ),
    )
    .groupBy(ledgerEntries.transferId)) {
    firstEntry.set(row.transferId, Number(row.first));
  }
  rows.sort((a, b) => (firstEntry.get(a.id) ?? 0) - (firstEntry.get(b.id) ?? 0));
  return withEntries(db, rows);
}

function toSafeNumber(value: string | number | null): number {
  const parsed = Number(value ?? 0);
  assert(Number.isSafeInteger(parsed), `ledger sum ${value} is not a safe integer`);
  return parsed;
}

/** The balance on the account's normal side (a wallet's credit shows positive). Zero for an unused account. */
export async function balanceOf(db: DbOrTx, ref: AccountRef): Promise<Money> {
  const [row] = await db
    .select({ sum: sql<string | null>`sum(${ledgerEntries.amountMinor})` })
    .from(ledgerEntries)
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerEntries.accountId))
    .where(eq(ledgerAccounts.code, accountCode(ref)));
  const debitMinusCredit = toSafeNumber(row?.sum ?? 0);
  const sign = ACCOUNT_KINDS[ref.kind] === 'debit' ? 1 : -1;
  return money(sign * debitMinusCredit || 0, ref.currency);
}

export interface AccountEntryView {
  entryId: number;
  transferId: string;
  kind: string;
  description: string;
  reference: { type: string; id: string } | null;
  /** Signed on the account's normal side: a wallet top-up is positive, a spend negative. */
  amountMinor: number;
  currency: string;
  postedAt: Date;
}

/** An account's entries, newest first, `limit` at a time, before the entry id `before` when given. */
export async function accountHistory(
  db: DbOrTx,
  ref: AccountRef,
  page: { limit: number; before?: number },
): Promise<{ entries: AccountEntryView[]; hasMore: boolean }> {
  const [account] = await db
    .select()
    .from(ledgerAccounts)
    .where(eq(ledgerAccounts.code, accountCode(ref)));
  if (!account) return { entries: [], hasMore: false };
  const rows = await db
    .select({ entry: ledgerEntries, transfer: ledgerTransfers })
    .from(ledgerEntries)
    .innerJoin(ledgerTransfers, eq(ledgerTransfers.id, ledgerEntries.transferId))
    .where(
      and(
        eq(ledgerEntries.accountId, account.id),
        page.before === undefined ? undefined : lt(ledgerEntries.id, page.before),
      ),
    )
    .orderBy(desc(ledgerEntries.id))
    .limit(page.limit + 1);
  const sign = account.normalSide === 'debit' ? 1 : -1;
  return {
    hasMore: rows.length > page.limit,
    entries: rows.slice(0, page.limit).map(({ entry, transfer }) => ({
      entryId: entry.id,
      transferId: transfer.id,
      kind: transfer.kind,
      description: transfer.description,
      reference:
        transfer.referenceType && transfer.referenceId
          ? { type: transfer.referenceType, id: transfer.referenceId }
          : null,
      amountMinor: sign * entry.amountMinor,
      currency: entry.currency,
      postedAt: entry.postedAt,
    })),
  };
}

/** Debits minus credits per currency over the whole ledger: every one must be zero. */
export async function trialBalance(
  db: DbOrTx,
): Promise<{ currency: string; sumMinor: number; entries: number }[]> {
  const rows = await db
    .select({
      currency: ledgerEntries.currency,
      sum: sql<string>`sum(${ledgerEntries.amountMinor})`,
      entries: sql<string>`count(*)`,
    })
    .from(ledgerEntries)
    .groupBy(ledgerEntries.currency)
    .orderBy(asc(ledgerEntries.currency));
  return rows.map((row) => ({
    currency: row.currency,
    sumMinor: toSafeNumber(row.sum),
    entries: toSafeNumber(row.entries),
  }));
}

/** Balances of every account of `kind` (all wallets, all clearing accounts), for reports and `doctor`. */
export async function balancesByKind(
  db: DbOrTx,
  kind: AccountKind,
): Promise<{ code: string; balance: Money }[]> {
  const rows = await db
    .select({
      code: ledgerAccounts.code,
      currency: ledgerAccounts.currency,
      sum: sql<string | null>`sum(${ledgerEntries.amountMinor})`,
    })
    .from(ledgerAccounts)
    .leftJoin(ledgerEntries, eq(ledgerEntries.accountId, ledgerAccounts.id))
    .where(eq(ledgerAccounts.kind, kind))
    .groupBy(ledgerAccounts.code, ledgerAccounts.currency)
    .orderBy(asc(ledgerAccounts.code));
  const sign = ACCOUNT_KINDS[kind] === 'debit' ? 1 : -1;
  return rows.map((row) => ({
    code: row.code,
    balance: money(sign * toSafeNumber(row.sum) || 0, row.currency),
  }));
}
