import { inArray, sql } from 'drizzle-orm';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import { createReloadlyProvider } from '../src/adapters/reloadly/provider.js';
import { loadConfig } from '../src/config.js';
import { migrateDatabase, openDatabase } from '../src/db/index.js';
import { systemClock } from '../src/kernel/clock.js';
import { JobQueue } from '../src/kernel/jobs.js';
import { seedDemoCatalog, syncTopUpCatalog } from '../src/modules/catalog/service.js';
import { addLine } from '../src/modules/lines/service.js';
import { createSmtpMailer } from '../src/modules/notifications/mailer.js';
import { emailSendJob } from '../src/modules/notifications/service.js';
import { orders } from '../src/modules/orders/schema.js';
import { createCheckout } from '../src/flows/checkout/checkout.js';
import { checkoutJobs } from '../src/flows/checkout/jobs.js';
import { startPayment } from '../src/flows/checkout/pay.js';
import { orderFromQuote } from '../src/flows/checkout/place-order.js';
import { createQuote } from '../src/modules/pricing/service.js';
import { deliveries } from '../src/modules/provisioning/schema.js';
import { priceLineTopUp } from '../src/flows/checkout/offers.js';
import { RELOADLY_AUDIENCE, startReloadlySimulator } from '../src/simulators/reloadly/server.js';
import { createScratchPostgres } from '../test/helpers/databases.js';
import { fundedCustomers, percentile, pgbench } from './fixtures.js';

/**
 * Paid line top-ups per second through the Reloadly simulator on PostgreSQL: price the top-up for a line →
 * quote → order → pay from the wallet (funded beforehand) → order paid → delivery job → Reloadly top-up over HTTP
 * (OAuth token, operator checks, carrier balance) → revenue and cost booked → order fulfilled, receipt email
 * enqueued. A top-up counts when its order is `fulfilled`. Delivery latency: paid → fulfilled, with the
 * simulator answering at once. Anchor: pgbench TPC-B on the same server, in the same run.
 */

export interface LineTopUpResult {
  topUps: number;
  seconds: number;
  perSecond: number;
  /** Pay request → fulfilled, one top-up at a time (nothing queued). */
  deliveryP50Ms: number;
  deliveryP99Ms: number;
  /** Pay request → fulfilled under the throughput run's backlog. */
  busyP50Ms: number;
  busyP99Ms: number;
  pgbenchTps: number;
  concurrency: number;
}

export async function measureLineTopUps(options: {
  count: number;
  concurrency: number;
  latencySamples: number;
}): Promise<LineTopUpResult> {
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
  const reloadly = await startReloadlySimulator({
    clientId: 'bench',
    clientSecret: 'bench-secret',
    clock,
    floatMinor: 100_000_000,
    // 40 numbers take hundreds of top-ups in seconds; Reloadly's 2-minute rule per number is not what is measured.
    recentRechargeMs: 0,
  });
  const jobs = new JobQueue(database, {
    logger: pino({ level: 'warn' }),
    supervise: false,
    pollingIntervalSeconds: 0.5,
  });
  try {
    const pgbenchTps = pgbench(anchorDb.url);
    await migrateDatabase(database);
    const config = loadConfig({});
    const provider = createReloadlyProvider({
      clientId: 'bench',
      clientSecret: 'bench-secret',
      authUrl: reloadly.baseUrl,
      apiBase: reloadly.baseUrl,
      audience: RELOADLY_AUDIENCE,
      timeoutMs: 10_000,
    });
    const checkout = createCheckout({
      db: database.db,
      clock,
      jobs,
      baseUrl: 'http://localhost:8080',
      providers: { stripe: undefined, paypal: undefined },
      operator: config.operator,
      airtime: {
        provider,
        settings: {
          maxAttempts: 3,
          retryDelaysMs: [30_000],
          processingCheckMs: 60_000,
          leaseMs: 90_000,
          recentlyRechargedWaitMs: 125_000,
        },
        float: { alertBelowMinor: 0, staffEmail: 'ops@simfill.test' },
      },
    });
    jobs.define(
      emailSendJob(
        database.db,
        createSmtpMailer({ smtpUrl: `smtp://127.0.0.1:${smtpPort}`, from: 'bench@simfill.test' }),
        clock,
      ),
    );
    for (const job of checkoutJobs(checkout, { lineTopUps: true })) if (!job.cron) jobs.define(job);
    await jobs.start();
    await jobs.work();
    await seedDemoCatalog(database.db, clock);
    await syncTopUpCatalog({
      db: database.db,
      clock,
      provider,
      settings: { countries: ['US'], defaultMarkupBps: 300, defaultEtaMinutes: 0 },
    });

    // Fixture: customers with a funded wallet and one T-Mobile line each (numbers ending in 0–2).
    const linesDeps = { db: database.db, clock, airtime: provider, countries: ['US'] };
    const people: { customerId: string; lineId: string; productId: string }[] = [];
    const funded = await fundedCustomers(database.db, clock, 40, 'line');
    for (const [index, customerId] of funded.entries()) {
      const line = await addLine(linesDeps, customerId, {
        phone: `+1646217${String(4000 + index * 10).padStart(4, '0')}`,
      });
      const offers = await (
        await import('../src/modules/catalog/service.js')
      ).offersForOperator(database.db, line.operatorId!);
      people.push({
        customerId,
        lineId: line.id,
        productId: offers.find((offer) => offer.product.kind === 'airtime')!.product.id,
      });
    }

    let next = 0;
    /** `count` top-ups by `concurrency` customers at once; the time of each from paid to fulfilled. */
    const phase = async (count: number, concurrency: number) => {
      const paidAt = new Map<string, number>();
      const latencies: number[] = [];
      const begin = performance.now();
      const last = next + count;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < last) {
            const index = next++;
            const paying = await payOne(index);
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
        if (performance.now() - begin > 300_000) throw new Error(`${pending.size} top-ups never completed`);
        if (pending.size > 0) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return { seconds: (performance.now() - begin) / 1000, latencies };
    };
    const payOne = async (index: number): Promise<{ orderId: string; payingAt: number }> => {
      const person = people[index % people.length]!;
      const amountMinor = 1000 + index;
      const priced = await priceLineTopUp(linesDeps, person.customerId, {
        product: person.productId,
        line: person.lineId,
        amountMinor,
      });
      const quote = await createQuote(database.db, clock, config.pricing, {
        customerId: person.customerId,
        product: {
          kind: 'line_topup',
          amountMinor: priced.priceMinor,
          currency: 'USD',
          name: priced.name,
          delivery: { ...priced.delivery },
        },
        method: 'wallet',
        firstTopUp: false,
      });
      const order = await database.db.transaction((tx) =>
        orderFromQuote(tx, clock, quote, person.customerId),
      );
      const payingAt = performance.now();
      await startPayment(checkout, {
        customerId: person.customerId,
        orderId: order.id,
        locale: 'zh-CN',
        customerEmail: undefined,
        confirmDuplicate: true,
      });
      return { orderId: order.id, payingAt };
    };
    // Latency first, one top-up at a time with nothing queued: each is followed until it is fulfilled.
    const quiet: number[] = [];
    for (let sample = 0; sample < options.latencySamples; sample += 1) {
      const { orderId, payingAt } = await payOne(next++);
      for (;;) {
        const [row] = await database.db
          .select({ status: orders.status })
          .from(orders)
          .where(sql`${orders.id} = ${orderId}`);
        if (row?.status === 'fulfilled') break;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      quiet.push(performance.now() - payingAt);
    }
    const busy = await phase(options.count, options.concurrency);
    const total = options.count + options.latencySamples;
    const [sent] = await database.db.select({ n: sql<number>`count(*)::int` }).from(deliveries);
    if (sent!.n !== total || reloadly.topUpRequests() !== total) {
      throw new Error(
        `expected ${total} top-ups, SimFill has ${sent!.n}, Reloadly got ${reloadly.topUpRequests()}`,
      );
    }
    return {
      topUps: options.count,
      seconds: busy.seconds,
      perSecond: options.count / busy.seconds,
      deliveryP50Ms: percentile(quiet, 50),
      deliveryP99Ms: percentile(quiet, 99),
      busyP50Ms: percentile(busy.latencies, 50),
      busyP99Ms: percentile(busy.latencies, 99),
      pgbenchTps,
      concurrency: options.concurrency,
    };
  } finally {
    await jobs.stop();
    await reloadly.close();
    await new Promise<void>((resolve) => sink.close(() => resolve()));
    await database.close();
    await scratch.drop();
    await anchorDb.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(
    await measureLineTopUps({
      count: Number(process.env.BENCH_LINE_TOPUPS ?? 300),
      concurrency: 16,
      latencySamples: 40,
    }),
  );
}
