import readline from 'node:readline';
import pino from 'pino';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/index.js';
import { checkoutJobs } from '../src/flows/checkout/jobs.js';
import { systemClock } from '../src/kernel/clock.js';
import { JobQueue } from '../src/kernel/jobs.js';
import { benchCheckout, customerTopUp } from './customer-topup.js';

/**
 * A second SimFill process for the top-ups bench: the customers' side of the API (quote → order → pay, as
 * `simfill serve` replicas answer it), while the first process receives the provider's webhooks and runs the
 * worker — the production shape of N serve replicas and a worker. Its outbox writes go to the same queue; it works
 * no job itself. stdin: `topup <index> <customerId>`; stdout: `ready`, then `paid <index> <orderId> <approvalUrl>`
 * or `failed <index> <why>`.
 */

const [databaseUrl, stripeBaseUrl] = process.argv.slice(2);
if (!databaseUrl || !stripeBaseUrl) throw new Error('usage: api-replica.ts <database url> <stripe base url>');

const database = await openDatabase({ kind: 'postgres', url: databaseUrl, poolMax: 20 });
const jobs = new JobQueue(database, { logger: pino({ level: 'warn' }), supervise: false });
const config = loadConfig({});
const checkout = benchCheckout(database, systemClock, jobs, config, stripeBaseUrl);
for (const job of checkoutJobs(checkout, { lineTopUps: false })) if (!job.cron) jobs.define(job);
await jobs.start();

const lines = readline.createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const [command, index, customerId] = line.trim().split(' ');
  if (command !== 'topup' || !index || !customerId) return;
  customerTopUp(checkout, config, Number(index), customerId).then(
    (paid) => process.stdout.write(`paid ${index} ${paid.orderId} ${paid.approvalUrl}\n`),
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
