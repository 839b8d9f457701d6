import { z } from 'zod';
import type { Db } from '../db/index.js';
import { moneySchema, moneyView } from '../http/openapi.js';
import { dailyPaymentTotals } from '../modules/payments/service.js';

/**
 * The console's daily totals, read so they reconcile to the ledger: money counts once, when it crosses the
 * operator's edge. A card top-up of the wallet is money in; spending that balance later on a line is not new
 * money, so payments from the wallet are a separate list (`wallet`), never added into `data` or `totals`.
 * Likewise a refund into the wallet keeps the money with the operator: it is shown beside the method
 * (`refunded_to_wallet`) but is not money out. So per currency, `totals.net` over a period equals what the
 * ledger's provider clearing accounts moved in it.
 */
export const dailyTotalsSchema = z.object({
  object: z.literal('list'),
  data: z
    .array(
      z.object({
        day: z.string(),
        method: z.string(),
        currency: z.string(),
        payments: z.number().int(),
        charged: moneySchema,
        refunded: moneySchema.meta({ description: 'Refunded to the payment method: money that left.' }),
        refunded_to_wallet: moneySchema.meta({
          description: 'Refunded into the customer’s wallet instead: the money stayed, so it is not in net.',
        }),
        net: moneySchema,
      }),
    )
    .meta({
      description: 'Money paid from outside (cards, PayPal, Alipay, WeChat Pay…), per day and method.',
    }),
  totals: z
    .array(z.object({ currency: z.string(), charged: moneySchema, refunded: moneySchema, net: moneySchema }))
    .meta({ description: 'The sum of `data` per currency over the whole range: what the ledger received.' }),
  wallet: z
    .array(
      z.object({
        day: z.string(),
        currency: z.string(),
        payments: z.number().int(),
        spent: moneySchema,
        refunded: moneySchema,
      }),
    )
    .meta({
      description:
        'Orders paid from wallet balance, per day: money already counted when the wallet was topped up.',
    }),
});

type DailyTotals = z.infer<typeof dailyTotalsSchema>;

const WALLET_METHOD = 'wallet';

/** Newest day first; within a day by method (or currency) name. */
const byDayThenName = (a: { day: string; name: string }, b: { day: string; name: string }) =>
  a.day === b.day ? a.name.localeCompare(b.name) : a.day < b.day ? 1 : -1;

export async function dailyTotals(db: Db, from: Date, to: Date): Promise<DailyTotals> {
  const { charged, refunded } = await dailyPaymentTotals(db, from, to);
  const outside = new Map<
    string,
    { day: string; method: string; currency: string; payments: number; in: number; out: number; kept: number }
  >();
  const wallet = new Map<
    string,
    { day: string; currency: string; payments: number; spent: number; back: number }
  >();
  const outsideRow = (key: { day: string; method: string; currency: string }) => {
    const id = `${key.day}|${key.method}|${key.currency}`;
    let entry = outside.get(id);
    if (!entry) {
      entry = {
        day: key.day,
        method: key.method,
        currency: key.currency,
        payments: 0,
        in: 0,
        out: 0,
        kept: 0,
      };
      outside.set(id, entry);
    }
    return entry;
  };
  const walletRow = (key: { day: string; currency: string }) => {
    const id = `${key.day}|${key.currency}`;
    let entry = wallet.get(id);
    if (!entry) {
      entry = { day: key.day, currency: key.currency, payments: 0, spent: 0, back: 0 };
      wallet.set(id, entry);
    }
    return entry;
  };
  for (const item of charged) {
    if (item.method === WALLET_METHOD) {
      const entry = walletRow(item);
      entry.payments += Number(item.count);
      entry.spent += Number(item.amount);
    } else {
      const entry = outsideRow(item);
      entry.payments += Number(item.count);
      entry.in += Number(item.amount);
    }
  }
  for (const item of refunded) {
    if (item.method === WALLET_METHOD) walletRow(item).back += Number(item.amount);
    else if (item.destination === 'wallet') outsideRow(item).kept += Number(item.amount);
    else outsideRow(item).out += Number(item.amount);
  }
  const totals = new Map<string, { in: number; out: number }>();
  for (const entry of outside.values()) {
    const total = totals.get(entry.currency) ?? { in: 0, out: 0 };
    total.in += entry.in;
    total.out += entry.out;
    totals.set(entry.currency, total);
  }
  return {
    object: 'list',
    data: [...outside.values()]
      .sort((a, b) =>
        byDayThenName(
          { day: a.day, name: a.method + a.currency },
          { day: b.day, name: b.method + b.currency },
        ),
      )
      .map((entry) => ({
        day: entry.day,
        method: entry.method,
        currency: entry.currency,
        payments: entry.payments,
        charged: moneyView(entry.in, entry.currency),
        refunded: moneyView(entry.out, entry.currency),
        refunded_to_wallet: moneyView(entry.kept, entry.currency),
        net: moneyView(entry.in - entry.out, entry.currency),
      })),
    totals: [...totals.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, total]) => ({
        currency,
        charged: moneyView(total.in, currency),
        refunded: moneyView(total.out, currency),
        net: moneyView(total.in - total.out, currency),
      })),
    wallet: [...wallet.values()]
      .sort((a, b) => byDayThenName({ day: a.day, name: a.currency }, { day: b.day, name: b.currency }))
      .map((entry) => ({
        day: entry.day,
        currency: entry.currency,
        payments: entry.payments,
        spent: moneyView(entry.spent, entry.currency),
        refunded: moneyView(entry.back, entry.currency),
      })),
  };
}
