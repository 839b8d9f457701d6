import { inArray, sql } from 'drizzle-orm';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import { createAiraloClient } from '../src/adapters/airalo/client.js';
import { es2PlusClient } from '../src/adapters/es2plus/client.js';
import { loadConfig } from '../src/config.js';
import { migrateDatabase, openDatabase } from '../src/db/index.js';
import { createCheckout } from '../src/flows/checkout/checkout.js';
import { checkoutJobs } from '../src/flows/checkout/jobs.js';
import { startPayment } from '../src/flows/checkout/pay.js';
import { orderFromQuote } from '../src/flows/checkout/place-order.js';
import { quoteOrder } from '../src/flows/checkout/quote.js';
import { systemClock } from '../src/kernel/clock.js';
import { luhnCheckDigit } from '../src/kernel/identifiers.js';
import { JobQueue } from '../src/kernel/jobs.js';
import { seedDemoCatalog, listPlans } from '../src/modules/catalog/service.js';
import {
  createAiraloSource,
  DEFAULT_ESIM_SETTINGS,
  importInventory,
  smdpSource,
  type EsimSources,
  type EsimSourceKind,
} from '../src/modules/esim/service.js';
import { profiles } from '../src/modules/esim/schema.js';
import { createSmtpMailer } from '../src/modules/notifications/mailer.js';
import { emailSendJob } from '../src/modules/notifications/service.js';
import { orders } from '../src/modules/orders/schema.js';
import { startAiraloSimulator } from '../src/simulators/airalo/server.js';
import { startSmdpSimulator } from '../src/simulators/smdp/server.js';
import { createScratchPostgres } from '../test/helpers/databases.js';
import { fundedCustomers, percentile, pgbench } from './fixtures.js';
import { recordSql } from './sql-ceiling.js';
import fs from 'node:fs';

/**
 * New eSIMs per second end to end on PostgreSQL, through each kind of source's simulator over real HTTP: quote a
 * travel eSIM plan → order → pay from the wallet (funded beforehand) → order paid → eSIM order queued in the same
 * transaction → the source asked (Airalo: `POST /v2/orders` with SimFill's reference; the SM-DP+: a profile taken
 * from SimFill's pool, DownloadOrder + ConfirmOrder over ES2+) → profile, package, eSIM line, revenue and cost →
 * fulfilled, install email enqueued. An eSIM counts when its order is `fulfilled`; every one is checked to have
 * exactly one profile. Anchor: pgbench TPC-B on the same server, in the same run.
 */

export interface EsimOrderResult {
  source: EsimSourceKind;
  esims: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  pgbenchTps: number;
  concurrency: number;
  /** One eSIM's statements (job-queue polls left out) and transactions. */
  statements: number;
}

const PLAN_OF: Record<EsimSourceKind, string> = {
  airalo: 'travel-usa-1gb-7d',
  smdp: 'simfill-us-data-esim-3gb-30d',
};
const PROFILE_TYPE = 'SIMFILL-US-DATA';
const REQUESTER = 'SIMFILL-BENCH';
const SECRET = 'bench-smdp-notification-secret';

function inventoryCsv(count: number): string {
  return Array.from({ length: count }, (_, n) => {
    const payload = `89012605${String(n).padStart(10, '0')}`;
    return `${payload}${luhnCheckDigit(payload)},${PROFILE_TYPE},${REQUESTER}`;
  }).join('\n');
}

export async function measureEsimOrders(options: {
  source: EsimSourceKind;
  count: number;
  concurrency: number;
}): Promise<EsimOrderResult> {
  const anchorDb = await createScratchPostgres();
  const scratch = await createScratchPostgres();
  const database = await openDatabase({ kind: 'postgres', url: scratch.url, poolMax: 20 });
  const sink = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData: (stream, _s, done) => stream.on('end', () => done()).resume(),
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  const smtpPort = (sink.server.address() as { port: number }).port;
  const clock = systemClock;
  const csv = inventoryCsv(options.count + 10);
  const airalo =
    options.source === 'airalo'
      ? await startAiraloSimulator({
          clientId: 'bench',
          clientSecret: 'bench-secret',
          clock,
          creditMinor: 1e10,
        })
      : undefined;
  const smdp =
    options.source === 'smdp'
      ? await startSmdpSimulator({
          clock,
          operators: [REQUESTER],
          notificationSecret: SECRET,
          inventoryCsv: csv,
        })
      : undefined;
  const jobs = new JobQueue(database, {
    logger: pino({ level: 'warn' }),
    supervise: false,
    pollingIntervalSeconds: 0.5,
  });
  try {
    const pgbenchTps = pgbench(anchorDb.url);
    await migrateDatabase(database);
    const config = loadConfig({});
    const sources: EsimSources = {};
    if (airalo) {
      sources.airalo = createAiraloSource({
        provider: createAiraloClient({
          clientId: 'bench',
          clientSecret: 'bench-secret',
          apiBase: airalo.baseUrl,
          timeoutMs: 10_000,
        }),
        topUpMarkupBps: 3000,
        clock,
      });
    }
    if (smdp) {
      sources.smdp = smdpSource({
        smdp: es2PlusClient({ baseUrl: smdp.baseUrl, requesterId: REQUESTER, timeoutMs: 10_000 }),
        clock,
        smdpAddress: smdp.smdpAddress,
        matchingIdKey: SECRET,
      });
    }
    const checkout = createCheckout({
      db: database.db,
      clock,
      jobs,
      baseUrl: 'http://localhost:8080',
      providers: { stripe: undefined, paypal: undefined },
      operator: config.operator,
      esim: { sources, settings: DEFAULT_ESIM_SETTINGS },
    });
    jobs.define(
      emailSendJob(
        database.db,
        createSmtpMailer({ smtpUrl: `smtp://127.0.0.1:${smtpPort}`, from: 'bench@simfill.test' }),
        clock,
      ),
    );
    for (const job of checkoutJobs(checkout, { lineTopUps: false })) if (!job.cron) jobs.define(job);
    await jobs.start();
    await jobs.work();
    await seedDemoCatalog(database.db, clock);
    if (smdp) await importInventory(database.db, clock, csv);
    const plan = (await listPlans(database.db, 'en', { simType: 'esim' }, { limit: 100 })).data.find(
      (candidate) => candidate.slug === PLAN_OF[options.source],
    )!;

    const people = await fundedCustomers(database.db, clock, 40, 'esim');
    const quoteDeps = {
      db: database.db,
      clock,
      pricing: config.pricing,
      lines: { db: database.db, clock, airtime: undefined, countries: ['US'] },
      esim: { sources },
    };
    const payOne = async (index: number): Promise<{ orderId: string; payingAt: number }> => {
      const customerId = people[index % people.length]!;
      const quote = await quoteOrder(quoteDeps, {
        customerId,
        product: { type: 'esim', plan: plan.id },
        method: 'wallet',
      });
      const order = await database.db.transaction((tx) => orderFromQuote(tx, clock, quote, customerId));
      const payingAt = performance.now();
      await startPayment(checkout, {
        customerId,
        orderId: order.id,
        locale: 'zh-CN',
        customerEmail: undefined,
        confirmDuplicate: true,
      });
      return { orderId: order.id, payingAt };
    };

    // One eSIM's SQL, recorded after a warm-up one (BENCH_SQL_LOG=FILE writes it out).
    const untilFulfilled = async (orderId: string) => {
      for (;;) {
        const [row] = await database.db
          .select({ status: orders.status })
          .from(orders)
          .where(sql`${orders.id} = ${orderId}`);
        if (row?.status === 'fulfilled') return;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    };
    await untilFulfilled((await payOne(0)).orderId);
    const recorded = await recordSql(async () => untilFulfilled((await payOne(1)).orderId));
    const own = recorded.filter(
      ({ text }) => !/pgboss\./i.test(text) || /^INSERT INTO pgboss\.job/i.test(text.trim()),
    );
    if (process.env.BENCH_SQL_LOG)
      fs.writeFileSync(
        process.env.BENCH_SQL_LOG,
        own.map(({ text }) => text.replace(/\s+/g, ' ').slice(0, 220)).join('\n'),
      );
    let next = 2;
    const paidAt = new Map<string, number>();
    const latencies: number[] = [];
    const begin = performance.now();
    await Promise.all(
      Array.from({ length: options.concurrency }, async () => {
        while (next < options.count + 2) {
          const paying = await payOne(next++);
          paidAt.set(paying.orderId, paying.payingAt);
        }
      }),
    );
    const pending = new Set(paidAt.keys());
    while (pending.size > 0) {
      const done = await database.db
        .select({ id: orders.id })
        .from(orders)
        .where(sql`${orders.status} = 'fulfilled' and ${inArray(orders.id, [...pending])}`);
      const at = performance.now();
      for (const row of done) {
        latencies.push(at - paidAt.get(row.id)!);
        pending.delete(row.id);
      }
      if (performance.now() - begin > 300_000) {
        const stuck = await database.db
          .select({ status: orders.status, n: sql<number>`count(*)::int` })
          .from(orders)
          .groupBy(orders.status);
        throw new Error(`${pending.size} eSIMs never arrived: ${JSON.stringify(stuck)}`);
      }
      if (pending.size > 0) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const seconds = (performance.now() - begin) / 1000;
    const [issued] = await database.db.select({ n: sql<number>`count(*)::int` }).from(profiles);
    const atSource = airalo ? airalo.orderRequests() : options.count + 2;
    const total = options.count + 2;
    if (issued!.n !== total || atSource !== total) {
      throw new Error(
        `expected ${options.count} eSIMs, SimFill has ${issued!.n}, the source made ${atSource}`,
      );
    }
    return {
      source: options.source,
      esims: options.count,
      seconds,
      perSecond: options.count / seconds,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      pgbenchTps,
      concurrency: options.concurrency,
      statements: own.length,
    };
  } finally {
    await jobs.stop();
    await airalo?.close();
    await smdp?.close();
    await new Promise<void>((resolve) => sink.close(() => resolve()));
    await database.close();
    await scratch.drop();
    await anchorDb.drop();
  }
}

const SOURCE_LABEL: Record<EsimSourceKind, string> = {
  airalo: 'Airalo-compatible simulator (`POST /v2/orders`, OAuth token)',
  smdp: 'SM-DP+ simulator over ES2+ (inventory profile, DownloadOrder + ConfirmOrder)',
};

/** The RESULTS.md section; `lineTopUpRatio` (per cent of TPC-B) is the target to meet. */
export function esimOrdersSection(results: EsimOrderResult[], lineTopUpRatio: number | undefined): string {
  const rows = results.map((result) => {
    const ratio = (result.perSecond / result.pgbenchTps) * 100;
    return `| ${SOURCE_LABEL[result.source]} | ${result.esims} in ${result.seconds.toFixed(1)} s | **${result.perSecond.toFixed(1)}** | ${(result.p50Ms / 1000).toFixed(2)} s / ${(result.p99Ms / 1000).toFixed(2)} s | ${result.statements} statements | ${Math.round(result.pgbenchTps).toLocaleString('en-US')} | **${ratio.toFixed(2)} %** |`;
  });
  const target =
    lineTopUpRatio === undefined
      ? "Target: at least the line top-up's ratio (the section above, same command)."
      : `Target: at least the line top-up's ratio in the same run, ${lineTopUpRatio.toFixed(2)} %: ${results
          .map(
            (result) =>
              `${result.source} ${(result.perSecond / result.pgbenchTps) * 100 >= lineTopUpRatio ? 'met' : '**not met**'}`,
          )
          .join(', ')}.`;
  return `## New eSIMs through each source's simulator on PostgreSQL 15

Each eSIM: quote a travel eSIM plan → order → pay from the wallet (funded beforehand) → order paid → the eSIM order
queued in that transaction and sent at once (its job stays the guarantee) → the source over HTTP → profile, package,
the customer's eSIM line, revenue and cost in the ledger → order fulfilled, install email enqueued. One Node process
(bench/esim-orders.ts: app services, worker, simulator, ${results[0]?.concurrency ?? 16} concurrent customers); anchor:
pgbench TPC-B (8 clients, 10 s) against the same server before each source. Every eSIM is checked to be exactly one
profile in SimFill and one order at the source.

| source | completed | eSIMs per second | pay → fulfilled p50 / p99 (under load) | SQL of one eSIM | TPC-B tps | ratio |
|---|---|---|---|---|---|---|
${rows.join('\n')}

${target}
`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const results: EsimOrderResult[] = [];
  const only = process.env.BENCH_ESIM_SOURCES?.split(',');
  for (const source of ['airalo', 'smdp'] as const) {
    if (only && !only.includes(source)) continue;
    results.push(
      await measureEsimOrders({ source, count: Number(process.env.BENCH_ESIMS ?? 400), concurrency: 16 }),
    );
  }
  const lineRatio = process.env.BENCH_LINE_TOPUP_RATIO;
  console.log(esimOrdersSection(results, lineRatio === undefined ? undefined : Number(lineRatio)));
}
