import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createScratchPostgres } from '../test/helpers/databases.js';
import { freePort, runCli } from '../test/helpers/cli.js';
import { measureTopUps } from './topups.js';
import { measureLineTopUps } from './line-topups.js';
import { machineDescription, measureSlowLink, slowLinkSection } from './slow-link.js';
import { esimQrSection, measureEsimQr } from './esim-qr.js';
import { esimOrdersSection, measureEsimOrders } from './esim-orders.js';

/**
 * `npm run bench`: measures SimFill against an anchor run in the same script on the same machine, and writes
 * bench/RESULTS.md. Ratios, not absolute numbers, are what to compare across machines.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'bin/simfill.js');
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 5);
const ROUNDS = 3;
const CONNECTIONS = 32;

function cleanEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base = { ...process.env };
  for (const name of ['DATABASE_URL', 'PORT', 'HOST', 'SIMFILL_DATA_DIR', 'LOG_LEVEL', 'SMTP_URL'])
    delete base[name];
  return { ...base, SMTP_DEV_PORT: '0', ...env };
}

async function waitFor(url: string, child: ChildProcess, timeoutMs: number): Promise<number> {
  const started = performance.now();
  let exited = false;
  child.once('exit', () => (exited = true));
  while (performance.now() - started < timeoutMs && !exited) {
    try {
      if ((await fetch(url)).status === 200) return performance.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`${url} not ready`);
}

function launch(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, args, { env: cleanEnv(env), stdio: ['ignore', 'ignore', 'inherit'] });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** One wrk run (C load generator: cheap enough per request that the server, not the client, is measured). */
function wrk(url: string, durationS: number) {
  const output = execFileSync(
    'wrk',
    ['-t1', `-c${CONNECTIONS}`, `-d${durationS}s`, '--latency', '-H', 'Accept-Language: zh-CN', url],
    {
      encoding: 'utf8',
    },
  );
  const rate = /Requests\/sec:\s+([\d.]+)/.exec(output);
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(output);
  if (!rate || non2xx) throw new Error(`wrk ${url} failed:\n${output}`);
  const latencyMs = (percent: string) => {
    const match = new RegExp(`^\\s+${percent}%\\s+([\\d.]+)(us|ms|s)`, 'm').exec(output);
    if (!match) return NaN;
    const value = Number(match[1]);
    return match[2] === 'us' ? value / 1000 : match[2] === 's' ? value * 1000 : value;
  };
  return { requestsPerSecond: Number(rate[1]), p50Ms: latencyMs('50'), p99Ms: latencyMs('99') };
}

type Load = ReturnType<typeof wrk>;

/** Runs the targets in turns (A B C A B C …) so drifting machine load hits them alike; median of each. */
function loadInTurns(urls: string[], rounds: number): Load[] {
  for (const url of urls) wrk(url, 2); // warm-up: JIT, connection pools, caches
  const runs = urls.map(() => [] as Load[]);
  for (let round = 0; round < rounds; round += 1) {
    urls.forEach((url, index) => runs[index]!.push(wrk(url, DURATION_S)));
  }
  return runs.map((results) => {
    const sorted = [...results].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond);
    return sorted[Math.floor(sorted.length / 2)]!;
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function measurePlans() {
  const scratch = await createScratchPostgres();
  const env = { DATABASE_URL: scratch.url, LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info' };
  const children: ChildProcess[] = [];
  try {
    await runCli(['seed'], env);
    const serve = async (cacheTtlMs: number) => {
      const port = await freePort();
      const child = launch([CLI, 'serve'], {
        ...env,
        PORT: String(port),
        HOST: '127.0.0.1',
        CATALOG_CACHE_TTL_MS: String(cacheTtlMs),
      });
      children.push(child);
      await waitFor(`http://127.0.0.1:${port}/readyz`, child, 60_000);
      return `http://127.0.0.1:${port}/v1/plans`;
    };
    const cached = await serve(5_000);
    const uncached = await serve(0);
    const anchorPort = await freePort();
    const anchor = launch(['--import', 'tsx', path.join(ROOT, 'bench/bare-fastify.ts')], {
      PORT: String(anchorPort),
      BODY_URL: cached,
    });
    children.push(anchor);
    await waitFor(`http://127.0.0.1:${anchorPort}/`, anchor, 30_000);
    const anchorBase = `http://127.0.0.1:${anchorPort}`;
    const [tiny, sameBody, plans, plansUncached] = loadInTurns(
      [`${anchorBase}/`, `${anchorBase}/same-body`, cached, uncached],
      ROUNDS,
    ) as [Load, Load, Load, Load];
    return { tiny, sameBody, plans, plansUncached, logLevel: env.LOG_LEVEL };
  } finally {
    for (const child of children) await stop(child);
    await scratch.drop();
  }
}

async function measureStart() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'simfill-bench-'));
  const run = async () => {
    const port = await freePort();
    const child = launch([CLI, 'start'], {
      SIMFILL_DATA_DIR: dataDir,
      PORT: String(port),
      LOG_LEVEL: 'warn',
    });
    try {
      return await waitFor(`http://127.0.0.1:${port}/readyz`, child, 120_000);
    } finally {
      await stop(child);
    }
  };
  try {
    const firstRunMs = await run();
    const existingMs = [await run(), await run(), await run()];
    return { firstRunMs, existingMs: median(existingMs) };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

const plans = await measurePlans();
const start = await measureStart();
const topUps = await measureTopUps({
  count: Number(process.env.BENCH_TOPUPS ?? 1000),
  concurrency: 32,
  sqlCeiling: 3000,
});
const ceiling = topUps.sqlCeiling!;
const lineTopUps = await measureLineTopUps({
  count: Number(process.env.BENCH_LINE_TOPUPS ?? 400),
  concurrency: 16,
  latencySamples: 50,
});
const esimOrders = [];
for (const source of ['airalo', 'smdp'] as const)
  esimOrders.push(
    await measureEsimOrders({ source, count: Number(process.env.BENCH_ESIMS ?? 400), concurrency: 16 }),
  );
const esimQr = await measureEsimQr({ durationS: DURATION_S });
const slowLink = await measureSlowLink();
const machine = machineDescription();
const date = new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC';

const row = (label: string, load: Load, anchor?: Load) =>
  `| ${label} | ${fmt(load.requestsPerSecond)} | ${load.p50Ms.toFixed(2)} / ${load.p99Ms.toFixed(2)} | ${
    anchor ? `${((load.requestsPerSecond / anchor.requestsPerSecond) * 100).toFixed(0)} %` : '—'
  } |`;

const report = `# Benchmark results

Written by \`npm run bench\` (bench/run.ts) on ${date}.
Machine: ${machine}.
Load: wrk, 1 thread, ${CONNECTIONS} connections, ${DURATION_S} s per run, targets measured in turns for ${ROUNDS} rounds
after a warm-up; each figure is the median round. Every server is a child process on this machine, sharing its
cores with wrk, so compare the ratios, not the absolute numbers.

## GET /v1/plans (20 plans, zh-CN) on PostgreSQL 15

| target | req/s | latency p50 / p99 (ms) | of same-body anchor |
|---|---|---|---|
${row('anchor: bare Fastify answering the same bytes from memory', plans.sameBody)}
${row(`**SimFill \`GET /v1/plans\`** (simfill serve, LOG_LEVEL=${plans.logLevel}, 5 s catalog cache)`, plans.plans, plans.sameBody)}
${row('SimFill `GET /v1/plans` with the cache off (`CATALOG_CACHE_TTL_MS=0`)', plans.plansUncached, plans.sameBody)}
${row('reference: bare Fastify answering a 17-byte JSON', plans.tiny)}

Target: ≥ 40 % of bare Fastify. **${((plans.plans.requestsPerSecond / plans.sameBody.requestsPerSecond) * 100).toFixed(0)} %** of bare Fastify serving the
same response (the fair anchor: both move the same ${'~15 kB'} per request); ${(
  (plans.plans.requestsPerSecond / plans.tiny.requestsPerSecond) *
  100
).toFixed(0)} % of a bare route answering 17 bytes.

## Completed wallet top-ups on PostgreSQL 15, simulators in the loop

Each top-up: quote → order → PaymentIntent through the official \`stripe\` SDK (HTTP to the Stripe-compatible
simulator) → the customer approves on the hosted Alipay page → signed webhook over HTTP → in one transaction:
the attempt applied, ledger capture, order paid → fulfilling → fulfilled, wallet credit, receipt email enqueued,
the inbox row stored processed; it counts once its order is \`fulfilled\`.
Three processes, in production's shape: two SimFill processes — an API replica taking the ${topUps.concurrency} concurrent
customers' quote, order and pay calls (as direct service calls: bench/api-replica.ts), and one receiving the
provider's webhooks and running the job worker (bench/topups.ts) — and the world outside them (the Stripe-compatible
simulator, the customers' browsers approving on its hosted pages, and an SMTP server: bench/outside-world.ts). The
SQL below is recorded with everything in one process, before the run. The anchor is pgbench TPC-B (8 clients, 10 s,
simple protocol) against the same server.

| figure | value |
|---|---|
| completed top-ups | ${topUps.topUps} in ${topUps.seconds.toFixed(1)} s |
| **top-ups per second** | **${topUps.perSecond.toFixed(1)}** |
| time from quote to fulfilled, p50 / p99 (under this load) | ${(topUps.p50Ms / 1000).toFixed(2)} s / ${(topUps.p99Ms / 1000).toFixed(2)} s |
| anchor: pgbench TPC-B transactions per second, the mean of just before / just after the top-ups | ${fmt(topUps.pgbenchTps)} (${fmt(topUps.pgbenchTpsEach[0])} / ${fmt(topUps.pgbenchTpsEach[1])}) |
| ratio top-ups / TPC-B transactions | ${((topUps.perSecond / topUps.pgbenchTps) * 100).toFixed(2)} % |
| SQL of one top-up (recorded at the driver, job-queue polls left out) | ${ceiling.statements} statements, ${ceiling.transactions} transactions |
| **ceiling: that SQL alone**, replayed ${fmt(ceiling.replays)} times over 8 connections with fresh ids — no application code, no HTTP, no simulator | **${ceiling.perSecond.toFixed(1)} top-ups/s** |

Target: top-ups ≥ 3 % of TPC-B transactions. **${(topUps.perSecond / topUps.pgbenchTps) * 100 >= 3 ? 'Met' : 'Not met'} in this run** (${((topUps.perSecond / topUps.pgbenchTps) * 100).toFixed(2)} %); runs on this machine
swing by ±15 % with the anchor, and the anchor by machine: on 2026-12-03's machine TPC-B ran at 2,000–2,650 tps
and the ratio at 2.5–3.3 %; on 2026-12-04's at ~4,200 tps, where PostgreSQL is faster but SimFill's JavaScript
is not: 2.45 % with one SimFill process (101.7/s), 2.5–2.7 % with the API replica (106–117/s) across the day's runs.

Earlier target: ≥ 300 completed top-ups/s. **Not met, and not reachable on this machine.** The ceiling row is the database
doing nothing but a top-up's own statements (prepared, through node-postgres, as SimFill sends them): it reaches
${ceiling.perSecond.toFixed(0)}/s with both cores. So even if everything outside PostgreSQL cost nothing, 300/s would need a top-up
of at most ~${Math.round((ceiling.statements * ceiling.perSecond) / 300)} statements, while it writes about twenty rows (quote, order, payment attempt, webhook inbox row, two
ledger transfers and their entries, four order transitions, two outbox jobs, the receipt email, status updates) —
and the application, the SDK, HTTP and the simulator do cost CPU on the same two cores. SimFill itself
reaches ${((topUps.perSecond / ceiling.perSecond) * 100).toFixed(0)} % of that ceiling with the SDK, the hosted page, the signed webhook and the worker in the loop.
How it got here (was 17.7/s, 90 statements, one process): ledger transfers in three statements whatever their entries,
order transitions reusing the locked row, no read-backs after writes, one conditional UPDATE for payment moves that pay
nothing, the Stripe endpoint subscribed only to the events SimFill acts on, a final \`succeeded\` snapshot applied
without asking again, statements prepared once per connection, the simulator in its own process; then (issue 15,
was 52 statements in 6 transactions) the checkout flow delivering an instant product inside the paying transaction
(no delivery job, the order's three moves in one UPDATE and one INSERT) and a webhook applied in the transaction that
stores it; then (2026-12-04, 36 → 32 statements) a ledger transfer and its entries in one statement, the quote's FX
pair and rate in one join, an email's attempt counted as it is read, and the customers' calls in their own SimFill
process. What is left is SimFill's JavaScript, now on both cores with PostgreSQL: a CPU profile of this bench (\`node
--cpu-prof\`) shows it busy the whole run, a quarter of its time in drizzle building queries and a sixth in socket
writes, about 0.35 ms of that thread per statement.

## Paid line top-ups through the Reloadly simulator on PostgreSQL 15

Each top-up: price it for the customer's T-Mobile line (number checked, operator matched) → quote → order → pay
from the wallet (funded beforehand, locked, never overdrawn) → order paid → the delivery is sent at once (the job
stays the guarantee) → Reloadly over HTTP (OAuth token, operator and amount checks, the carrier's balance) →
revenue and cost in the ledger → order fulfilled, receipt email enqueued. One Node process (bench/line-topups.ts:
app services, worker, simulator, ${lineTopUps.concurrency} concurrent customers); anchor: pgbench TPC-B (8 clients,
10 s) in the same run. Every top-up is checked to have reached Reloadly exactly once.

| figure | value |
|---|---|
| completed paid top-ups | ${lineTopUps.topUps} in ${lineTopUps.seconds.toFixed(1)} s |
| **paid top-ups per second** | **${lineTopUps.perSecond.toFixed(1)}** |
| delivery latency, pay → delivered, one at a time, p50 / p99 | ${lineTopUps.deliveryP50Ms.toFixed(0)} ms / ${lineTopUps.deliveryP99Ms.toFixed(0)} ms |
| pay → delivered under the throughput run's backlog, p50 / p99 | ${(lineTopUps.busyP50Ms / 1000).toFixed(1)} s / ${(lineTopUps.busyP99Ms / 1000).toFixed(1)} s |
| anchor: pgbench TPC-B transactions per second | ${fmt(lineTopUps.pgbenchTps)} |
| ratio top-ups / TPC-B transactions | ${((lineTopUps.perSecond / lineTopUps.pgbenchTps) * 100).toFixed(2)} % |

${esimOrdersSection(esimOrders, (lineTopUps.perSecond / lineTopUps.pgbenchTps) * 100)}
${esimQrSection(esimQr, machine, date)}
${slowLinkSection(slowLink, machine, date)}
## Start-up (embedded PGlite)

| figure | value | target |
|---|---|---|
| \`simfill start\` → \`/readyz\` 200 on an existing data dir (median of 3) | ${(start.existingMs / 1000).toFixed(2)} s | < 3 s |
| \`simfill start\` → \`/readyz\` 200 on a first run (initdb + migrations + demo seed) | ${(start.firstRunMs / 1000).toFixed(2)} s | stated |

Command: \`npm run bench\` (\`BENCH_DURATION_S\` sets the run length; \`BENCH_TOPUPS\`, \`BENCH_LINE_TOPUPS\`, \`BENCH_ESIMS\`, \`BENCH_SLOW_LINK_RUNS\` the counts). Needs \`wrk\` and \`chromium\` (Debian packages; \`scripts/ensure-system-packages.sh\` installs them).
`;
fs.writeFileSync(path.join(ROOT, 'bench/RESULTS.md'), report);
console.log(report);
