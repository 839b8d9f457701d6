import { execFileSync } from 'node:child_process';
import type { Db } from '../src/db/index.js';
import type { Clock } from '../src/kernel/clock.js';
import { newId } from '../src/kernel/ids.js';
import { customers } from '../src/modules/identity/schema.js';
import { postTransfer } from '../src/modules/ledger/service.js';

/** What the throughput benches share: the anchor, a percentile, and customers with money in their wallet. */

export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

/** pgbench TPC-B, 8 clients for 10 s, against `url` (initialised at scale 10 first unless told not to). */
export function pgbench(url: string, options: { initialize: boolean } = { initialize: true }): number {
  if (options.initialize) execFileSync('pgbench', ['-i', '-s', '10', '-q', url], { stdio: 'ignore' });
  const output = execFileSync('pgbench', ['-c', '8', '-j', '2', '-T', '10', url], { encoding: 'utf8' });
  const tps = /tps = ([\d.]+)/.exec(output);
  if (!tps) throw new Error(`pgbench said:\n${output}`);
  return Number(tps[1]);
}

/** `count` verified zh-CN customers (`<prefix><n>@example.com`), each with US$100,000 in the wallet. */
export async function fundedCustomers(
  db: Db,
  clock: Clock,
  count: number,
  prefix: string,
): Promise<string[]> {
  const now = clock.now();
  const people: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const customerId = newId('customer');
    const email = `${prefix}${index}@example.com`;
    await db.insert(customers).values({
      id: customerId,
      email,
      emailNormalized: email,
      emailVerifiedAt: now,
      passwordHash: null,
      passwordChangedAt: now,
      locale: 'zh-CN',
      displayCurrency: 'CNY',
      timeZone: 'Asia/Shanghai',
      status: 'active',
      createdAt: now,
      updatedAt: now,
    });
    await db.transaction((tx) =>
      postTransfer(tx, clock, {
        idempotencyKey: `bench-fund-${customerId}`,
        kind: 'bench_funding',
        description: 'Bench wallet funding',
        reference: { type: 'customer', id: customerId },
        entries: [
          {
            account: { kind: 'customer_prepayments', ownerId: customerId, currency: 'USD' },
            amountMinor: 10_000_000,
          },
          {
            account: { kind: 'customer_wallet', ownerId: customerId, currency: 'USD' },
            amountMinor: -10_000_000,
          },
        ],
      }),
    );
    people.push(customerId);
  }
  return people;
}
