import fc from 'fast-check';
import { eq, sql } from 'drizzle-orm';
import { ledgerAccounts } from '../src/modules/ledger/schema.js';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../src/kernel/clock.js';
import { AppError } from '../src/kernel/errors.js';
import {
  accountHistory,
  balanceOf,
  postTransfer,
  trialBalance,
  type AccountRef,
  type TransferInput,
} from '../src/modules/ledger/service.js';
import { describeEachDatabase, useDatabase } from './helpers/databases.js';

const clock = new ManualClock(new Date('2026-11-24T08:00:00Z'));
let sequence = 0;
const unique = (label: string) => `${label}-${Date.now()}-${sequence++}`;

/** The database's own message: drizzle wraps it as "Failed query: …" with the driver error as `cause`. */
async function databaseRefusal(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause;
    return cause?.message ?? (error as Error).message;
  }
  throw new Error('the database accepted it');
}

const wallet = (customer: string): AccountRef => ({
  kind: 'customer_wallet',
  ownerId: customer,
  currency: 'USD',
});
const stripeUsd: AccountRef = { kind: 'provider_clearing', ownerId: 'stripe', currency: 'USD' };
const stripeCny: AccountRef = { kind: 'provider_clearing', ownerId: 'stripe', currency: 'CNY' };
const fxUsd: AccountRef = { kind: 'fx', currency: 'USD' };
const fxCny: AccountRef = { kind: 'fx', currency: 'CNY' };
const feesUsd: AccountRef = { kind: 'fee_income', currency: 'USD' };
const revenueUsd: AccountRef = { kind: 'revenue', currency: 'USD' };

/** A card top-up: the customer pays amount + fee, the wallet gets the amount, the fee is income. */
function cardTopUp(
  customer: string,
  amountMinor: number,
  feeMinor: number,
  key = unique('topup'),
): TransferInput {
  return {
    idempotencyKey: key,
    kind: 'wallet_top_up',
    description: 'Wallet top-up by card',
    reference: { type: 'order', id: key },
    entries: [
      { account: stripeUsd, amountMinor: amountMinor + feeMinor },
      { account: wallet(customer), amountMinor: -amountMinor },
      ...(feeMinor > 0 ? [{ account: feesUsd, amountMinor: -feeMinor }] : []),
    ],
  };
}

function walletSpend(customer: string, amountMinor: number, key = unique('spend')): TransferInput {
  return {
    idempotencyKey: key,
    kind: 'wallet_spend',
    description: 'Order paid from the wallet',
    entries: [
      { account: wallet(customer), amountMinor },
      { account: revenueUsd, amountMinor: -amountMinor },
    ],
    mustNotGoNegative: [wallet(customer)],
  };
}

describeEachDatabase('ledger', (testDb) => {
  const post = (input: TransferInput) =>
    testDb.database.db.transaction((tx) => postTransfer(tx, clock, input));

  it('credits a wallet from a card payment and shows the balance and history on the wallet side', async () => {
    await post(cardTopUp('cus_a', 2000, 88));
    await post(cardTopUp('cus_a', 1000, 59));
    expect(await balanceOf(testDb.database.db, wallet('cus_a'))).toEqual({
      amountMinor: 3000,
      currency: 'USD',
    });
    expect((await balanceOf(testDb.database.db, feesUsd)).amountMinor).toBeGreaterThanOrEqual(147);
    const history = await accountHistory(testDb.database.db, wallet('cus_a'), { limit: 1 });
    expect(history.entries).toEqual([expect.objectContaining({ amountMinor: 1000, kind: 'wallet_top_up' })]);
    expect(history.hasMore).toBe(true);
    const older = await accountHistory(testDb.database.db, wallet('cus_a'), {
      limit: 5,
      before: history.entries[0]!.entryId,
    });
    expect(older.entries.map((entry) => entry.amountMinor)).toEqual([2000]);
  });

  it('posts to accounts whose creation was rolled back, as if they had never been seen', async () => {
    const customer = unique('cus_rolled_back');
    const rolledBack = testDb.database.db.transaction(async (tx) => {
      await postTransfer(tx, clock, cardTopUp(customer, 1500, 0));
      throw new Error('the order failed after booking');
    });
    await expect(rolledBack).rejects.toThrow('the order failed after booking');
    expect((await balanceOf(testDb.database.db, wallet(customer))).amountMinor).toBe(0);
    await post(cardTopUp(customer, 700, 0));
    expect((await balanceOf(testDb.database.db, wallet(customer))).amountMinor).toBe(700);
    for (const row of await trialBalance(testDb.database.db)) expect(row.sumMinor).toBe(0);
  });

  it('records a CNY payment for a USD credit through the FX accounts, each currency balancing on its own', async () => {
    await post({
      idempotencyKey: unique('alipay'),
      kind: 'wallet_top_up',
      description: 'Wallet top-up by Alipay at 7.2450',
      entries: [
        { account: stripeCny, amountMinor: 7245 },
        { account: fxCny, amountMinor: -7245 },
        { account: fxUsd, amountMinor: 1000 },
        { account: wallet('cus_fx'), amountMinor: -1000 },
      ],
    });
    expect(await balanceOf(testDb.database.db, wallet('cus_fx'))).toEqual({
      amountMinor: 1000,
      currency: 'USD',
    });
    for (const row of await trialBalance(testDb.database.db)) expect(row.sumMinor).toBe(0);
  });

  it('records a repeated business event once, and refuses the same id with other amounts', async () => {
    const input = cardTopUp('cus_b', 500, 0, unique('dup'));
    const first = await post(input);
    const again = await post(input);
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.transfer.id).toBe(first.transfer.id);
    expect((await balanceOf(testDb.database.db, wallet('cus_b'))).amountMinor).toBe(500);
    const changed = cardTopUp('cus_b', 700, 0, input.idempotencyKey);
    await expect(post(changed)).rejects.toMatchObject({ code: 'ledger_transfer_conflict', status: 409 });
    expect((await balanceOf(testDb.database.db, wallet('cus_b'))).amountMinor).toBe(500);
  });

  it('refuses to spend more than the wallet holds, and changes nothing', async () => {
    await post(cardTopUp('cus_c', 1500, 0));
    await post(walletSpend('cus_c', 1000));
    const overdraft = post(walletSpend('cus_c', 501));
    await expect(overdraft).rejects.toBeInstanceOf(AppError);
    await expect(overdraft).rejects.toMatchObject({ code: 'insufficient_wallet_balance', status: 402 });
    expect((await balanceOf(testDb.database.db, wallet('cus_c'))).amountMinor).toBe(500);
    await post(walletSpend('cus_c', 500));
    expect((await balanceOf(testDb.database.db, wallet('cus_c'))).amountMinor).toBe(0);
  });

  it('refuses unbalanced transfers in the service and in the database itself', async () => {
    await expect(
      post({
        idempotencyKey: unique('bad'),
        kind: 'broken',
        description: 'one-sided',
        entries: [
          { account: stripeUsd, amountMinor: 100 },
          { account: wallet('cus_d'), amountMinor: -99 },
        ],
      }),
    ).rejects.toThrow(/does not balance in USD/);
    // Even a bug that writes entries directly cannot commit an unbalanced transfer.
    const db = testDb.database.db;
    await post(cardTopUp('cus_d', 100, 0));
    const [account] = await db
      .select()
      .from(ledgerAccounts)
      .where(eq(ledgerAccounts.code, 'customer_wallet:cus_d:USD'));
    const sneaky = databaseRefusal(
      db.transaction(async (tx) => {
        await tx.execute(
          sql`insert into ledger_transfers (id, idempotency_key, kind, description, metadata, posted_at) values ('txn_sneaky', 'sneaky', 'x', 'x', '{}', now())`,
        );
        await tx.execute(
          sql`insert into ledger_entries (transfer_id, account_id, currency, amount_minor, posted_at) values ('txn_sneaky', ${account!.id}, 'USD', -100, now())`,
        );
      }),
    );
    expect(await sneaky).toMatch(/does not balance/);
    expect((await balanceOf(db, wallet('cus_d'))).amountMinor).toBe(100);
  });

  it('keeps history immutable: entries and transfers cannot be updated or deleted', async () => {
    await post(cardTopUp('cus_e', 100, 0));
    const db = testDb.database.db;
    expect(
      await databaseRefusal(db.execute(sql`update ledger_entries set amount_minor = amount_minor * 2`)),
    ).toMatch(/append-only/);
    expect(await databaseRefusal(db.execute(sql`delete from ledger_transfers`))).toMatch(/append-only/);
    expect((await balanceOf(db, wallet('cus_e'))).amountMinor).toBe(100);
  });

  it('refuses an entry in another currency than its account', async () => {
    const db = testDb.database.db;
    await post(cardTopUp('cus_f', 100, 0));
    const [account] = await db
      .select()
      .from(ledgerAccounts)
      .where(eq(ledgerAccounts.code, 'customer_wallet:cus_f:USD'));
    expect(
      await databaseRefusal(
        db.transaction(async (tx) => {
          await tx.execute(
            sql`insert into ledger_transfers (id, idempotency_key, kind, description, metadata, posted_at) values ('txn_cur', 'cur', 'x', 'x', '{}', now())`,
          );
          await tx.execute(
            sql`insert into ledger_entries (transfer_id, account_id, currency, amount_minor, posted_at) values ('txn_cur', ${account!.id}, 'CNY', 100, now()), ('txn_cur', ${account!.id}, 'CNY', -100, now())`,
          );
        }),
      ),
    ).toMatch(/foreign key/);
  });

  it('property: any sequence of top-ups, spends and replays keeps every currency at zero and wallets equal to what was credited minus spent', async () => {
    const customers = ['cus_p1', 'cus_p2', 'cus_p3'];
    const operation = fc.oneof(
      fc.record({
        type: fc.constant('top_up' as const),
        customer: fc.constantFrom(...customers),
        amountMinor: fc.integer({ min: 1, max: 100_000 }),
        feeMinor: fc.integer({ min: 0, max: 500 }),
        cny: fc.boolean(),
      }),
      fc.record({
        type: fc.constant('spend' as const),
        customer: fc.constantFrom(...customers),
        amountMinor: fc.integer({ min: 1, max: 50_000 }),
      }),
      fc.record({ type: fc.constant('replay' as const), index: fc.nat() }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 12 }), async (operations) => {
        const run = unique('run');
        const owner = (customer: string) => `${customer}-${run}`;
        const expected = new Map<string, number>();
        const posted: TransferInput[] = [];
        for (const op of operations) {
          let input: TransferInput;
          if (op.type === 'replay') {
            if (posted.length === 0) continue;
            input = posted[op.index % posted.length]!;
          } else if (op.type === 'top_up') {
            input = op.cny
              ? {
                  idempotencyKey: unique('p'),
                  kind: 'wallet_top_up',
                  description: 'Alipay',
                  entries: [
                    { account: stripeCny, amountMinor: op.amountMinor * 7 + op.feeMinor },
                    { account: fxCny, amountMinor: -(op.amountMinor * 7 + op.feeMinor) },
                    { account: fxUsd, amountMinor: op.amountMinor },
                    { account: wallet(owner(op.customer)), amountMinor: -op.amountMinor },
                  ],
                }
              : cardTopUp(owner(op.customer), op.amountMinor, op.feeMinor);
          } else {
            input = walletSpend(owner(op.customer), op.amountMinor);
          }
          try {
            const result = await post(input);
            if (result.created) {
              posted.push(input);
              const walletEntry = input.entries.find((entry) => entry.account.kind === 'customer_wallet')!;
              const key = walletEntry.account.ownerId!;
              expected.set(key, (expected.get(key) ?? 0) - walletEntry.amountMinor);
            }
          } catch (error) {
            // Only an overdraft may be refused, and only when the wallet really lacks the money.
            expect(error).toMatchObject({ code: 'insufficient_wallet_balance' });
            if (op.type !== 'spend') throw error;
            expect(expected.get(owner(op.customer)) ?? 0).toBeLessThan(op.amountMinor);
          }
        }
        for (const customer of customers) {
          const balance = await balanceOf(testDb.database.db, wallet(owner(customer)));
          expect(balance.amountMinor).toBe(expected.get(owner(customer)) ?? 0);
          expect(balance.amountMinor).toBeGreaterThanOrEqual(0);
        }
        for (const row of await trialBalance(testDb.database.db)) expect(row.sumMinor).toBe(0);
      }),
      { numRuns: 25 },
    );
  });
});

describe('ledger on PostgreSQL under concurrency', () => {
  const testDb = useDatabase('postgres');

  it('lets 20 concurrent spends of $10 from a $100 wallet through exactly 10 times', async () => {
    const db = testDb.database.db;
    await db.transaction((tx) => postTransfer(tx, clock, cardTopUp('cus_race', 10_000, 0)));
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () =>
        db.transaction((tx) => postTransfer(tx, clock, walletSpend('cus_race', 1000))),
      ),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(10);
    for (const result of results) {
      if (result.status === 'rejected')
        expect(result.reason).toMatchObject({ code: 'insufficient_wallet_balance' });
    }
    expect((await balanceOf(db, wallet('cus_race'))).amountMinor).toBe(0);
  });

  it('records one transfer when 10 workers post the same business event at once', async () => {
    const db = testDb.database.db;
    const input = cardTopUp('cus_same', 2500, 0, unique('same'));
    const results = await Promise.all(
      Array.from({ length: 10 }, () => db.transaction((tx) => postTransfer(tx, clock, input))),
    );
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(new Set(results.map((result) => result.transfer.id)).size).toBe(1);
    expect((await balanceOf(db, wallet('cus_same'))).amountMinor).toBe(2500);
  });
});
