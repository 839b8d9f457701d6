import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import readline from 'node:readline';
import { setTimeout } from 'node:timers/promises';
import { inArray, sql } from 'drizzle-orm';
import pino from 'pino';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { migrateDatabase, openDatabase } from '../src/db/index.js';
import { systemClock } from '../src/kernel/clock.js';
import { newId } from '../src/kernel/ids.js';
import { JobQueue } from '../src/kernel/jobs.js';
import { customers } from '../src/modules/identity/schema.js';
import { createSmtpMailer } from '../src/modules/notifications/mailer.js';
import { emailSendJob } from '../src/modules/notifications/service.js';
import { orders } from '../src/modules/orders/schema.js';
import { checkoutJobs } from '../src/flows/checkout/jobs.js';
import { fxRates } from '../src/modules/pricing/schema.js';
import { percentile, pgbench } from './fixtures.js';
import { createScratchPostgres } from '../test/helpers/databases.js';
import { BENCH_STRIPE, benchCheckout, customerTopUp } from './customer-topup.js';
import { recordSql, replayTopUpSql, type SqlCeiling } from './sql-ceiling.js';

/**
 * Completed wallet top-ups per second on PostgreSQL with the Stripe-compatible simulator in the loop: quote →
 * order → PaymentIntent (official SDK over HTTP) → the customer approves on the hosted Alipay page → signed
 * webhook over HTTP → inbox → job → ledger capture → delivery job → wallet credit, receipt email enqueued. A
 * top-up counts when its order is `fulfilled`. Anchor: pgbench TPC-B on the same server, in the same run.
 */

export interface TopUpResult {
  topUps: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** The mean of the anchor measured just before and just after the top-ups (`pgbenchTpsEach`). */
  pgbenchTps: number;
  pgbenchTpsEach: readonly [number, number];
  concurrency: number;
  sqlCeiling: SqlCeiling | undefined;
}

/**
 * Starts bench/outside-world.ts (simulator + SMTP sink + the customers' browsers) as a child process on its own
 * core. Lines on its stdout: the addresses, `ready`, then `approved <n>` / `failed <n> <why>` for each approval.
 */
export async function startOutsideWorld(secretKey: string, webhookSecret: string) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', new URL('./outside-world.ts', import.meta.url).pathname, secretKey, webhookSecret],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines = readline.createInterface({ input: child.stdout });
  const iterator = lines[Symbol.asyncIterator]();
  const nextLine = async () => {
    const line: IteratorResult<string> = await iterator.next();
    if (line.done) throw new Error('the outside world ended before it was ready');
    return line.value;
  };
  const addresses = JSON.parse(await nextLine()) as { stripeBaseUrl: string; smtpPort: number };
  const approvals = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  let nextApproval = 0;
  const answerApprovals = async () => {
    for (;;) {
      const line: IteratorResult<string> = await iterator.next();
      if (line.done) break;
      const [verdict, id, ...why] = line.value.split(' ');
      const waiting = approvals.get(Number(id));
      approvals.delete(Number(id));
      if (verdict === 'approved') waiting?.resolve();
      else waiting?.reject(new Error(`the approval failed: ${why.join(' ')}`));
    }
  };
  return {
    ...addresses,
    async setWebhookUrl(url: string) {
      child.stdin.write(`${url}\n`);
      if ((await nextLine()) !== 'ready') throw new Error('the outside world did not take the webhook URL');
      void answerApprovals();
    },
    /** The customer approves on the provider's hosted page, in their own browser (the outside world). */
    approve(url: string): Promise<void> {
      const id = nextApproval++;
      return new Promise<void>((resolve, reject) => {
        approvals.set(id, { resolve, reject });
        child.stdin.write(`approve ${id} ${url}\n`);
      });
    },
    async close() {
      const ended = new Promise((resolve) => child.once('exit', resolve));
      child.stdin.end();
      await ended;
    },
  };
}

/**
 * Starts bench/api-replica.ts: a second SimFill process taking the customers' quote, order and pay calls, so the
 * throughput run has the production shape (API replicas and a webhook receiver + worker), not one event loop.
 */
async function startApiReplica(databaseUrl: string, stripeBaseUrl: string) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', new URL('./api-replica.ts', import.meta.url).pathname, databaseUrl, stripeBaseUrl],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines = readline.createInterface({ input: child.stdout });
  const waiting = new Map<
    number,
    { resolve: (paid: { orderId: string; approvalUrl: string }) => void; reject: (error: Error) => void }
  >();
  let ready: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (ready = resolve));
  lines.on('line', (line) => {
    const [verdict, index, ...rest] = line.split(' ');
    if (verdict === 'ready') return ready();
    const pending = waiting.get(Number(index));
    waiting.delete(Number(index));
    if (verdict === 'paid') pending?.resolve({ orderId: rest[0]!, approvalUrl: rest[1]! });
    else pending?.reject(new Error(`the replica failed: ${rest.join(' ')}`));
  });
  await started;
  return {
    topUp(index: number, customerId: string): Promise<{ orderId: string; approvalUrl: string }> {
      return new Promise((resolve, reject) => {
        waiting.set(index, { resolve, reject });
        child.stdin.write(`topup ${index} ${customerId}\n`);
      });
    },
    async close() {
      const ended = new Promise((resolve) => child.once('exit', resolve));
      child.stdin.end();
      await ended;
    },
  };
}

export async function measureTopUps(options: {
  count: number;
  concurrency: number;
  /** Also replay one top-up's SQL on its own this many times (8 connections): the database's ceiling. */
  sqlCeiling?: number;
}): Promise<TopUpResult> {
  const anchorDb = await createScratchPostgres();
  const scratch = await createScratchPostgres();
  const database = await openDatabase({ kind: 'postgres', url: scratch.url, poolMax: 20 });
  const outside = await startOutsideWorld(BENCH_STRIPE.secretKey, BENCH_STRIPE.webhookSecret);
  const logger = pino({ level: 'warn' });
  const jobs = new JobQueue(database, { logger, supervise: false, pollingIntervalSeconds: 0.5 });
  const clock = systemClock;
  try {
    const pgbenchBefore = pgbench(anchorDb.url, { initialize: true });
    await migrateDatabase(database);
    const config = loadConfig({});
    const checkout = benchCheckout(database, clock, jobs, config, outside.stripeBaseUrl);
    const deps = checkout.payments;
    jobs.define(
      emailSendJob(
        database.db,
        createSmtpMailer({ smtpUrl: `smtp://127.0.0.1:${outside.smtpPort}`, from: 'bench@simfill.test' }),
        clock,
      ),
    );
    for (const job of checkoutJobs(checkout, { lineTopUps: false })) if (!job.cron) jobs.define(job);
    await jobs.start();
    await jobs.work();
    const app = await buildApp({
      database,
      clock,
      jobs,
      http: { bodyLimitBytes: 65_536, baseUrl: deps.baseUrl },
      pricing: config.pricing,
      payments: { providers: deps.providers, operator: deps.operator },
      logger: false,
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    await outside.setWebhookUrl(
      `http://127.0.0.1:${(app.server.address() as { port: number }).port}/v1/webhooks/stripe`,
    );

    // Fixture: customers (rows as registration would leave them) and a fresh USD→CNY rate.
    const now = clock.now();
    const customerIds = Array.from({ length: 50 }, () => newId('customer'));
    await database.db.insert(customers).values(
      customerIds.map((id, index) => ({
        id,
        email: `bench${index}@example.com`,
        emailNormalized: `bench${index}@example.com`,
        emailVerifiedAt: now,
        passwordHash: null,
        passwordChangedAt: now,
        locale: 'zh-CN' as const,
        displayCurrency: 'CNY' as const,
        timeZone: 'Asia/Shanghai',
        status: 'active' as const,
        createdAt: now,
        updatedAt: now,
      })),
    );
    await database.db.insert(fxRates).values({
      id: newId('fxRate'),
      base: 'USD',
      quote: 'CNY',
      rate: '7.1234',
      source: 'feed',
      sourceName: 'bench',
      asOf: now,
      createdAt: now,
    });

    /** One customer's top-up up to the approval on the hosted page; the rest happens in SimFill. */
    const topUp = async (index: number): Promise<string> => {
      const paid = await customerTopUp(checkout, config, index, customerIds[index % customerIds.length]!);
      await outside.approve(paid.approvalUrl);
      return paid.orderId;
    };
    const fulfilled = async (orderIds: string[]) =>
      database.db
        .select({ id: orders.id })
        .from(orders)
        .where(sql`${orders.status} = 'fulfilled' and ${inArray(orders.id, orderIds)}`);

    // The SQL of one top-up, on its own (a few first to warm up): what the ceiling below replays.
    let sqlCeiling: SqlCeiling | undefined;
    if (options.sqlCeiling) {
      const warmUps: string[] = [];
      for (let index = 0; index < 3; index += 1) warmUps.push(await topUp(1_000_000 + index));
      while ((await fulfilled(warmUps)).length < warmUps.length) await setTimeout(20);
      await setTimeout(2_000);
      const recorded = await recordSql(async () => {
        const orderId = await topUp(2_000_000);
        while ((await fulfilled([orderId])).length === 0) await setTimeout(20);
        // The jobs that follow (the receipt email is sent, the queued duplicates find nothing to do).
        await setTimeout(2_000);
      });
      // BENCH_SQL_LOG=FILE: the recorded statements, one per line, to see where a top-up's SQL goes.
      if (process.env.BENCH_SQL_LOG) {
        const lines = recorded.map(({ text }) => text.replace(/\s+/g, ' ').slice(0, 200));
        writeFileSync(process.env.BENCH_SQL_LOG, `${lines.join('\n')}\n`);
      }
      sqlCeiling = await replayTopUpSql(scratch.url, recorded, options.sqlCeiling);
    }

    const countFulfilled = async () =>
      Number(
        (
          await database.db
            .select({ count: sql<string>`count(*)` })
            .from(orders)
            .where(sql`${orders.status} = 'fulfilled'`)
        )[0]?.count ?? 0,
      );
    const before = await countFulfilled();
    const replica = await startApiReplica(scratch.url, outside.stripeBaseUrl);
    const started = new Map<string, number>();
    const begin = performance.now();
    let next = 0;
    try {
      await Promise.all(
        Array.from({ length: options.concurrency }, async () => {
          while (next < options.count) {
            const index = next++;
            const t0 = Date.now();
            const paid = await replica.topUp(index, customerIds[index % customerIds.length]!);
            await outside.approve(paid.approvalUrl);
            started.set(paid.orderId, t0);
          }
        }),
      );
    } finally {
      await replica.close();
    }
    if (process.env.BENCH_TRACE)
      console.log('created and approved in', ((performance.now() - begin) / 1000).toFixed(1), 's');
    // Wait until every order is fulfilled: a count every 100 ms (cheap, so the bench does not load the database
    // it measures); each order's latency is then read from when it was marked fulfilled.
    while ((await countFulfilled()) - before < options.count) {
      if (performance.now() - begin > 300_000) throw new Error('top-ups never completed');
      await setTimeout(100);
    }
    const seconds = (performance.now() - begin) / 1000;
    const latencies: number[] = [];
    const ids = [...started.keys()];
    for (let from = 0; from < ids.length; from += 1000) {
      const rows = await database.db
        .select({ id: orders.id, status: orders.status, at: orders.updatedAt })
        .from(orders)
        .where(inArray(orders.id, ids.slice(from, from + 1000)));
      for (const row of rows) {
        if (row.status !== 'fulfilled') throw new Error(`${row.id} ended ${row.status}`);
        latencies.push(row.at.getTime() - started.get(row.id)!);
      }
    }
    await app.close();
    // The anchor again, right after: the machine's speed drifts over a run, and the ratio should not ride on it.
    const pgbenchAfter = pgbench(anchorDb.url, { initialize: false });
    return {
      pgbenchTps: (pgbenchBefore + pgbenchAfter) / 2,
      pgbenchTpsEach: [pgbenchBefore, pgbenchAfter] as const,
      topUps: options.count,
      seconds,
      perSecond: options.count / seconds,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      concurrency: options.concurrency,
      sqlCeiling,
    };
  } finally {
    await jobs.stop();
    await outside.close();
    await database.close();
    await scratch.drop();
    await anchorDb.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(
    await measureTopUps({
      count: Number(process.env.BENCH_TOPUPS ?? 1000),
      concurrency: 32,
      sqlCeiling: Number(process.env.BENCH_CEILING ?? 0) || undefined,
    }),
  );
}
