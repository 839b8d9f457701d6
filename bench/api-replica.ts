import readline from 'node:readline';
import pino from 'pino';
import { createStripeProvider } from '../src/adapters/stripe/provider.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/index.js';
import { createCheckout } from '../src/flows/checkout/checkout.js';
import { checkoutJobs } from '../src/flows/checkout/jobs.js';
import { startPayment } from '../src/flows/checkout/pay.js';
import { orderFromQuote } from '../src/flows/checkout/place-order.js';
import { systemClock } from '../src/kernel/clock.js';
import { JobQueue } from '../src/kernel/jobs.js';
import { createQuote } from '../src/modules/pricing/service.js';

/**
 * A second SimFill process for the top-ups bench: the customers' side of the API (quote → order → pay, as
 * `simfill serve` replicas answer it), while the first process receives the provider's webhooks and runs the
 * worker — the production shape of N serve replicas and a worker. Its outbox writes go to the same queue; it works
 * no job itself. stdin: `topup <index> <customerId>`; stdout: `ready`, then `paid <index> <orderId> <approvalUrl>`
 * or `failed <index> <why>`.
 */

const [databaseUrl, stripeBaseUrl, secretKey, webhookSecret] = process.argv.slice(2);
if (!databaseUrl || !stripeBaseUrl || !secretKey || !webhookSecret)
  throw new Error('usage: api-replica.ts …');

const database = await openDatabase({ kind: 'postgres', url: databaseUrl, poolMax: 20 });
const jobs = new JobQueue(database, { logger: pino({ level: 'warn' }), supervise: false });
const config = loadConfig({});
const clock = systemClock;
const checkout = createCheckout({
  db: database.db,
  clock,
  jobs,
  baseUrl: 'http://localhost:8080',
  providers: {
    stripe: createStripeProvider({ secretKey, webhookSecret, apiBase: stripeBaseUrl, timeoutMs: 10_000 }),
    paypal: undefined,
  },
  operator: config.operator,
});
for (const job of checkoutJobs(checkout, { lineTopUps: false })) if (!job.cron) jobs.define(job);
await jobs.start();

async function topUp(index: number, customerId: string): Promise<string> {
  const quote = await createQuote(database.db, clock, config.pricing, {
    customerId,
    product: { kind: 'wallet_credit', amountMinor: 1000 + (index % 1000), currency: 'USD' },
    method: 'alipay',
    firstTopUp: false,
  });
  const order = await database.db.transaction((tx) => orderFromQuote(tx, clock, quote, customerId));
  const payment = await startPayment(checkout, {
    customerId,
    orderId: order.id,
    locale: 'zh-CN',
    customerEmail: undefined,
    confirmDuplicate: true,
  });
  if (payment.nextAction?.type !== 'redirect') throw new Error(`no approval page for ${payment.id}`);
  return `${order.id} ${payment.nextAction.url}`;
}

const lines = readline.createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const [command, index, customerId] = line.trim().split(' ');
  if (command !== 'topup' || !index || !customerId) return;
  topUp(Number(index), customerId).then(
    (paid) => process.stdout.write(`paid ${index} ${paid}\n`),
    (error: unknown) => process.stdout.write(`failed ${index} ${String(error).replace(/\s+/g, ' ')}\n`),
  );
});
lines.on('close', () => {
  void jobs
    .stop()
    .then(() => database.close())
    .then(() => process.exit(0));
});
process.stdout.write('ready\n');
