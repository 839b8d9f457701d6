import { parseArgs } from 'node:util';
import fs from 'node:fs';
import {
  ConfigError,
  loadConfig,
  PortUnavailableError,
  refuseSimulatedPaymentsForRealProviders,
  type Config,
} from './config.js';
import { migrateDatabase, migrationStatus, openDatabase, type Database, type Db } from './db/index.js';
import type { AirtimeProvider } from './ports/airtime.js';
import { trialBalance } from './modules/ledger/service.js';
import { DataDirLockedError } from './db/lock.js';
import { systemClock } from './kernel/clock.js';
import { pastUtcDayRefusal } from './kernel/dates.js';
import { seedDemoCatalog } from './modules/catalog/service.js';
import { newId } from './kernel/ids.js';
import { createLogger, databaseTarget, installProcessErrorPolicy } from './process-setup.js';
import type { Runtime } from './runtime.js';
import { readLocalOperatorToken, readLocalServerAddress } from './local-operator.js';
import { LOCAL_OPERATOR_HEADER } from './modules/identity/service.js';
import { STAFF_ROLES, type StaffRole } from './modules/identity/service.js';
import { changeStaffAccess, createStaff, listStaff, type StaffView } from './modules/identity/service.js';
import { JobQueue } from './kernel/jobs.js';
import { createSmtpMailer, emailSendJob, renderEmail } from './modules/notifications/service.js';
import { SYSTEM_CONTEXT } from './modules/admin/service.js';
import type { Locale } from './kernel/i18n/index.js';
import { AppError } from './kernel/errors.js';
import { errorBody } from './http/errors.js';

const USAGE = `simfill — prepaid mobile data platform

Usage: simfill <command>

Commands:
  start     API + web portal + worker on the embedded database (./data), demo catalog on first run
  serve     API + web portal only (production; scale out behind a load balancer)
  worker    background jobs only (production; run one or more)
  migrate   apply database migrations and show their state
  seed      write the demo catalog (safe to repeat)
  doctor    check configuration, database reachability and migration state
  mail list                 messages in the dev mailbox of a running simfill start
  mail show <id>            one message, with the links in it
  mail test --to <address> [--locale zh-CN|en]
                            send a test email now through SMTP_URL (or the dev mailbox)
  staff create --email <address> --role owner|admin|support|finance [--locale zh-CN|en]
                            add a console user; prints a one-time set-password link (24 h)
  staff list                console users and their roles
  staff disable|enable|reset-totp --email <address>
                            end a member's access, restore it, or reset their two-factor (lost phone)
  catalog sync              pull the airtime provider's operators and amounts into the top-up catalog
  esim inventory import <file>
                            add the SM-DP+'s profiles (CSV of iccid,profileType) to the eSIM pool
  reconcile [--date YYYY-MM-DD]
                            compare a UTC day's top-ups with the provider's report (default: yesterday)

Configuration comes from environment variables; see README.md ("Configuration").`;

const progress = (message: string) => console.log(`• ${message}`);

async function runServer(role: 'all' | 'api' | 'worker', config: Config): Promise<void> {
  const startedAt = performance.now();
  const logger = createLogger(config);
  // Installed before start-up, so a rejection while starting is logged too; a fatal error stops what has started.
  let stopRuntime = async (): Promise<void> => undefined;
  installProcessErrorPolicy(logger, () => stopRuntime());
  // The runtime (adapters, simulators, the HTTP app) loads only for the commands that run it.
  const { startRuntime } = await import('./runtime.js');
  const runtime: Runtime = await startRuntime({ role, config, logger, onProgress: progress });
  stopRuntime = () => runtime.stop();
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  if (role === 'worker') {
    console.log(`SimFill worker running (${runtime.database.kind}), ready in ${seconds} s. Ctrl+C stops it.`);
  } else {
    const base = config.http.baseUrl;
    console.log(`\nSimFill is ready in ${seconds} s (${runtime.database.kind} database).`);
    console.log(`  Portal       ${base}/`);
    console.log(
      `  Console      ${base}/console (first user: npx simfill staff create --email … --role owner)`,
    );
    console.log(`  API docs     ${base}/docs`);
    console.log(`  OpenAPI      ${base}/v1/openapi.json`);
    console.log(`  Health       ${base}/readyz`);
    for (const line of runtime.banner) console.log(`  ${line}`);
    if (runtime.devSmtpPort !== undefined) {
      console.log(
        `  Dev mailbox  ${base}/console/mailbox (SMTP on 127.0.0.1:${runtime.devSmtpPort}; simfill mail list)`,
      );
    }
    console.log('Ctrl+C stops it.\n');
  }
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    runtime.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

async function migrate(config: Config): Promise<void> {
  const database = await openDatabase(databaseTarget(config), { onProgress: progress });
  try {
    await migrateDatabase(database);
    const status = await migrationStatus(database);
    console.log(`Migrations: ${status.applied} of ${status.known} applied (${database.kind}).`);
  } finally {
    await database.close();
  }
}

async function seed(config: Config): Promise<void> {
  const database = await openDatabase(databaseTarget(config), { onProgress: progress });
  try {
    await migrateDatabase(database);
    progress('Writing the demo catalog…');
    const result = await seedDemoCatalog(database.db, systemClock);
    console.log(`Demo catalog: ${result.carriers} carriers, ${result.plans} plans.`);
  } finally {
    await database.close();
  }
}

async function checkMail(config: Config, report: (ok: boolean, line: string) => void): Promise<void> {
  if (!config.mail.smtpUrl) {
    if (config.database.kind === 'pglite')
      report(true, 'mail: the embedded dev mailbox receives every email (simfill mail list)');
    else
      report(
        false,
        'mail: SMTP_URL is not set, so no email can leave (verification, receipts); set it to your SMTP server',
      );
    return;
  }
  const mailer = createSmtpMailer({ smtpUrl: config.mail.smtpUrl, from: config.mail.from });
  try {
    await mailer.verify();
    report(true, 'mail: the SMTP server at SMTP_URL accepts connections');
  } catch (error) {
    report(
      false,
      `mail: the SMTP server at SMTP_URL refuses: ${error instanceof Error ? error.message : String(error)}`,
    );
  } finally {
    mailer.close();
  }
}

/** The ledger invariant: debits minus credits is zero in every currency. */
async function checkLedger(db: Db, report: (ok: boolean, line: string) => void): Promise<void> {
  const rows = await trialBalance(db);
  const entries = rows.reduce((sum, row) => sum + row.entries, 0);
  const unbalanced = rows.filter((row) => row.sumMinor !== 0);
  report(
    unbalanced.length === 0,
    unbalanced.length === 0
      ? `ledger: balanced in every currency (${entries} entries${rows.length ? `; ${rows.map((row) => row.currency).join(', ')}` : ''})`
      : `ledger: OUT OF BALANCE in ${unbalanced.map((row) => `${row.currency} by ${row.sumMinor} minor units`).join(', ')}; stop payments and call an engineer`,
  );
}

/** Checks what a newcomer or an operator would check first; exits 1 when anything is wrong. */
async function doctor(env: NodeJS.ProcessEnv): Promise<boolean> {
  let healthy = true;
  const report = (ok: boolean, line: string) => {
    if (!ok) healthy = false;
    console.log(`${ok ? '✔' : '✘'} ${line}`);
  };
  let config: Config;
  try {
    config = loadConfig(env);
    report(true, 'configuration is valid');
  } catch (error) {
    report(false, error instanceof Error ? error.message : String(error));
    return false;
  }
  // Mixes where test or simulated payments could pay for real top-ups are refused when a server starts; say so
  // now. Some refuse every server role, the simulators' one only `simfill start` (the one that runs them).
  for (const [role, who] of [
    ['api', 'simfill start, serve and worker refuse'],
    ['all', 'simfill start refuses'],
  ] as const) {
    try {
      refuseSimulatedPaymentsForRealProviders(config, role);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      report(false, `${who} this configuration: ${error.message}`);
      break;
    }
  }
  report(
    fs.existsSync(`${config.webDistDir}/index.html`),
    `web portal built in ${config.webDistDir} (npm run build:web builds it)`,
  );
  await checkMail(config, report);
  const where =
    config.database.kind === 'postgres'
      ? 'PostgreSQL (DATABASE_URL)'
      : `embedded PGlite in ${config.database.dataDir}`;
  let database;
  try {
    database = await openDatabase(databaseTarget(config));
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      report(true, `${where}: in use by a running SimFill (pid ${error.ownerPid}); ask it at /readyz`);
      return healthy;
    }
    report(false, `${where} is not reachable: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
  try {
    try {
      await database.query('select 1');
      report(true, `${where} is reachable`);
    } catch (error) {
      report(false, `${where} is not reachable: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
    const status = await migrationStatus(database);
    report(
      status.pending.length === 0,
      status.pending.length === 0
        ? `migrations: all ${status.known} applied`
        : `migrations: ${status.pending.length} pending (${status.pending.join(', ')}); run simfill migrate`,
    );
    if (status.pending.length === 0) await checkLedger(database.db, report);
  } catch (error) {
    report(false, `${where}: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await database.close();
  }
  return healthy;
}

interface DevMessage {
  id: string;
  received: string;
  to: string;
  subject: string;
  from: string;
  text: string;
}

/** The running server on this machine; the local operator token is only ever sent to a loopback address. */
/** The server that holds the data dir (it says where it listens), else the configured address on loopback. */
function localServerUrl(config: Config): string {
  const running = readLocalServerAddress(config.dataDir).url;
  if (running) return running;
  const host = new URL(config.http.baseUrl).hostname;
  return ['localhost', '127.0.0.1', '[::1]'].includes(host)
    ? config.http.baseUrl
    : `http://127.0.0.1:${config.http.port}`;
}

/**
 * Asks the running embedded server (which holds the data dir) on behalf of the local operator. Used for the
 * dev mailbox, and for staff commands when the embedded database is in use by `simfill start`.
 */
async function localServerRequest(
  config: Config,
  path: string,
  init: { method?: string; body?: unknown; csv?: string } = {},
): Promise<unknown> {
  const token = readLocalOperatorToken(config.dataDir);
  if (!token)
    throw new CliError(`No running simfill start found for ${config.dataDir}; start it with npm start.`);
  const url = localServerUrl(config);
  let response: Response;
  try {
    response = await fetch(`${url}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        [LOCAL_OPERATOR_HEADER]: token,
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(init.csv === undefined ? {} : { 'content-type': 'text/csv' }),
      },
      body: init.csv ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
      signal: AbortSignal.timeout(10_000),
    });
  } catch {
    throw new CliError(`SimFill is not answering at ${url}; start it with npm start (or set BASE_URL).`);
  }
  const body = (await response.json()) as { error?: { code: string; message: string } };
  if (response.status === 404 && body.error?.code === 'route_not_found' && path.startsWith('/v1/dev/')) {
    throw new CliError('The dev mailbox exists only in embedded mode (simfill start without SMTP_URL).');
  }
  if (!response.ok) throw new CliError(body.error?.message ?? `HTTP ${response.status}`);
  return body;
}

async function mail(
  config: Config,
  args: string[],
  options: { to?: string; locale?: string },
): Promise<number> {
  const [action, id] = args;
  if (action === 'list') {
    const page = (await localServerRequest(config, '/v1/dev/mailbox?limit=100')) as { data: DevMessage[] };
    if (page.data.length === 0) console.log('The dev mailbox is empty.');
    for (const message of page.data) {
      console.log(
        `${message.id}  ${message.received.slice(0, 19).replace('T', ' ')}  ${message.to}  ${message.subject}`,
      );
    }
    return 0;
  }
  if (action === 'show' && id) {
    const message = (await localServerRequest(
      config,
      `/v1/dev/mailbox/${encodeURIComponent(id)}`,
    )) as DevMessage;
    console.log(
      `From:    ${message.from}\nTo:      ${message.to}\nSubject: ${message.subject}\n\n${message.text}`,
    );
    const links = message.text.match(/https?:\/\/\S+/g) ?? [];
    if (links.length > 0) console.log(`Links:\n${links.map((link) => `  ${link}`).join('\n')}`);
    return 0;
  }
  if (action === 'test' && options.to) {
    const locale = options.locale === 'zh-CN' ? 'zh-CN' : 'en';
    // To the dev mailbox: the running simfill start says where its SMTP listens and which BASE_URL it serves.
    const running = config.mail.smtpUrl ? {} : readLocalServerAddress(config.dataDir);
    const rendered = renderEmail('smtp_test', locale, { baseUrl: running.baseUrl ?? config.http.baseUrl });
    const mailer = createSmtpMailer({
      smtpUrl: config.mail.smtpUrl ?? `smtp://127.0.0.1:${running.devSmtpPort ?? config.mail.devSmtpPort}`,
      from: config.mail.from,
    });
    try {
      await mailer.send({ to: options.to, ...rendered, messageId: `<${newId('email')}@simfill>` });
    } catch (error) {
      throw new CliError(`Sending failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      mailer.close();
    }
    console.log(
      `Sent "${rendered.subject}" to ${options.to} via ${config.mail.smtpUrl ? 'SMTP_URL' : 'the dev mailbox'}.`,
    );
    return 0;
  }
  console.error('Usage: simfill mail list | mail show <id> | mail test --to <address> [--locale zh-CN|en]');
  return 1;
}

class CliError extends Error {}

/**
 * One progress line on stderr: a bar redrawn in place on a terminal (only when it changes), ended by `finish`;
 * elsewhere (a log, a cron job) the label alone, once, so the output stays one line however long it runs.
 */
function progressLine(label: string): {
  update(done: number, total: number | undefined): void;
  finish(): void;
} {
  let drawn: string | undefined;
  const draw = (done: number, total: number | undefined) => {
    const width = 30;
    const bar =
      total && total > 0
        ? `[${'#'.repeat(Math.min(width, Math.round((width * done) / total))).padEnd(width, '.')}] ${done}/${total}`
        : `${done}…`;
    if (!process.stderr.isTTY) {
      if (drawn === undefined) process.stderr.write(`${label}…\n`);
      drawn = '';
      return;
    }
    if (bar === drawn) return;
    process.stderr.write(`\r${label} ${bar}`);
    drawn = bar;
  };
  return {
    update: draw,
    finish: () => {
      if (!process.stderr.isTTY) return draw(1, 1);
      draw(1, 1);
      process.stderr.write('\n');
    },
  };
}

interface CatalogSyncView {
  operators: number;
  products: number;
  delisted: number;
}

/**
 * Runs `work` with the database and the configured Reloadly client (production: RELOADLY_* set and the database
 * not held by a running simfill start); undefined otherwise, and the caller goes through the running server.
 */
async function withDirectAirtime<T>(
  config: Config,
  work: (deps: { db: Database['db']; provider: AirtimeProvider }) => Promise<T>,
): Promise<T | undefined> {
  if (!config.reloadly.clientId || !config.reloadly.clientSecret) return undefined;
  const database = await openUnlessHeld(config);
  if (!database) return undefined;
  try {
    await migrateDatabase(database);
    const { createReloadlyProvider } = await import('./adapters/reloadly/provider.js');
    const provider = createReloadlyProvider({
      clientId: config.reloadly.clientId,
      clientSecret: config.reloadly.clientSecret,
      authUrl: config.reloadly.authUrl,
      apiBase: config.reloadly.apiBase,
      audience: config.reloadly.audience,
      timeoutMs: 30_000,
    });
    return await work({ db: database.db, provider });
  } finally {
    await database.close();
  }
}

async function catalogCommand(config: Config, args: string[]): Promise<number> {
  if (args[0] !== 'sync') {
    console.error('Usage: simfill catalog sync');
    return 1;
  }
  const progress = progressLine('Syncing the top-up catalog');
  progress.update(0, undefined);
  const result =
    (await withDirectAirtime(config, async ({ db, provider }) => {
      const { syncTopUpCatalog } = await import('./modules/catalog/service.js');
      const settings = {
        countries: config.topUps.countries,
        defaultMarkupBps: config.topUps.defaultMarkupBps,
        defaultEtaMinutes: config.topUps.defaultEtaMinutes,
      };
      return syncTopUpCatalog({ db, clock: systemClock, provider, settings }, (done, total) =>
        progress.update(done, total),
      );
    })) ??
    ((await localServerRequest(config, '/v1/admin/catalog/sync', { method: 'POST' })) as CatalogSyncView);
  progress.finish();
  console.log(
    `Synced ${result.operators} operators and ${result.products} products (${result.delisted} no longer listed).`,
  );
  return 0;
}

interface ReconciliationView {
  id: string;
  date: string;
  status: 'running' | 'done' | 'failed';
  provider_transactions: number;
  simfill_deliveries: number;
  matched: number;
  mismatches: number;
  progress: { pages_read: number; pages_total: number | null };
  failure: string | null;
  mismatch_list?: {
    kind: string;
    custom_identifier: string;
    delivery: string | null;
    order: string | null;
  }[];
}

async function reconcileCommand(config: Config, options: { date?: string }): Promise<number> {
  const date = options.date ?? new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  // The day a reconciliation through the API would accept (kernel/dates.ts), before anything is opened.
  const refusal = pastUtcDayRefusal(date, systemClock);
  if (refusal) throw new CliError(`--date ${refusal} (got "${date}"; a UTC day as YYYY-MM-DD).`);
  const progress = progressLine(`Reconciling ${date}`);
  const direct = await withDirectAirtime(config, async ({ db, provider }) => {
    const { startReconciliation, runReconciliation, getReconciliation } =
      await import('./modules/provisioning/service.js');
    const deps = { db, clock: systemClock, provider };
    const started = await startReconciliation({ ...deps, jobs: undefined }, { day: date, startedBy: 'cli' });
    const running = runReconciliation(deps, started.id);
    let done = false;
    void running.finally(() => (done = true));
    while (!done) {
      const { reconciliation } = await getReconciliation(db, started.id);
      progress.update(reconciliation.pagesRead, reconciliation.pagesTotal ?? undefined);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const { reconciliation, mismatches } = await getReconciliation(db, (await running).id);
    return { reconciliation, mismatches };
  });
  if (direct) return reportReconciliation(direct.reconciliation, direct.mismatches, progress);
  let run = (await localServerRequest(config, '/v1/admin/reconciliations', {
    method: 'POST',
    body: { date },
  })) as ReconciliationView;
  while (run.status === 'running') {
    progress.update(run.progress.pages_read, run.progress.pages_total ?? undefined);
    await new Promise((resolve) => setTimeout(resolve, 250));
    run = (await localServerRequest(config, `/v1/admin/reconciliations/${run.id}`)) as ReconciliationView;
  }
  return reportReconciliation(
    {
      id: run.id,
      day: run.date,
      status: run.status,
      providerTransactions: run.provider_transactions,
      simfillDeliveries: run.simfill_deliveries,
      matched: run.matched,
      mismatches: run.mismatches,
      failure: run.failure,
    },
    (run.mismatch_list ?? []).map((mismatch) => ({
      kind: mismatch.kind,
      customIdentifier: mismatch.custom_identifier,
      deliveryId: mismatch.delivery,
      orderId: mismatch.order,
    })),
    progress,
  );
}

/**
 * The outcome on stdout, in counts that add up: SimFill's deliveries of the day are matched, have a mismatch or
 * are still open; the provider's transactions that day include those unknown to SimFill. Exit 2 when mismatches
 * remain, so a scheduled run can alert.
 */
function reportReconciliation(
  run: {
    id: string;
    day: string;
    status: string;
    providerTransactions: number;
    simfillDeliveries: number;
    matched: number;
    mismatches: number;
    failure: string | null;
  },
  mismatches: { kind: string; customIdentifier: string; deliveryId: string | null; orderId: string | null }[],
  progress: { finish(): void },
): number {
  progress.finish();
  if (run.status === 'failed')
    throw new CliError(`Reconciliation ${run.id} failed: ${run.failure ?? 'unknown'}`);
  const unknown = mismatches.filter((mismatch) => mismatch.kind === 'missing_in_simfill').length;
  const withMismatch = new Set(
    mismatches
      .filter((mismatch) => mismatch.kind !== 'missing_in_simfill')
      .map((m) => m.deliveryId ?? m.customIdentifier),
  ).size;
  const open = run.simfillDeliveries - run.matched - withMismatch;
  const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
  console.log(`${run.id} (${run.day}):`);
  console.log(
    `  SimFill   ${plural(run.simfillDeliveries, 'delivery', 'deliveries')}: ${run.matched} matched, ` +
      `${withMismatch} with a mismatch, ${open} still open`,
  );
  console.log(
    `  Provider  ${plural(run.providerTransactions, 'transaction', 'transactions')}: ` +
      `${unknown} unknown to SimFill`,
  );
  console.log(
    `  ${plural(run.mismatches, 'mismatch', 'mismatches')} to look at${run.mismatches ? ':' : '.'}`,
  );
  for (const mismatch of mismatches) {
    console.log(`    ${mismatch.kind}  ${mismatch.customIdentifier}  ${mismatch.orderId ?? ''}`);
  }
  return run.mismatches === 0 ? 0 : 2;
}

/** The database, or undefined when a running simfill start holds the embedded one (go through it instead). */
async function openUnlessHeld(config: Config): Promise<Database | undefined> {
  try {
    return await openDatabase(databaseTarget(config));
  } catch (error) {
    if (error instanceof DataDirLockedError) return undefined;
    throw error;
  }
}

/** Runs `work` on the database directly, or returns undefined when a running simfill start holds it. */
async function withDirectIdentity<T>(
  config: Config,
  work: (deps: Parameters<typeof listStaff>[0]) => Promise<T>,
): Promise<T | undefined> {
  const database = await openUnlessHeld(config);
  if (!database) return undefined;
  const jobs = new JobQueue(database, {
    logger: createLogger({ ...config, logLevel: 'warn' }),
    supervise: false,
  });
  const mailer = createSmtpMailer({
    smtpUrl: config.mail.smtpUrl ?? 'smtp://127.0.0.1:25',
    from: config.mail.from,
  });
  try {
    await migrateDatabase(database);
    jobs.define(emailSendJob(database.db, mailer, systemClock));
    await jobs.start();
    return await work({
      db: database.db,
      jobs,
      clock: systemClock,
      baseUrl: config.http.baseUrl,
      staffTotpRequired: config.staffTotpRequired,
    });
  } finally {
    await jobs.stop();
    mailer.close();
    await database.close();
  }
}

interface InventoryImportView {
  added: number;
  duplicates: number;
}

/**
 * `simfill esim inventory import FILE`: straight into the database, or through the running `simfill start` that
 * holds it (as the local operator). Either way a bad line refuses the whole file, each bad line named.
 */
async function esimCommand(config: Config, args: string[]): Promise<number> {
  const [noun, verb, file] = args;
  if (noun !== 'inventory' || verb !== 'import' || !file) {
    console.error('Usage: simfill esim inventory import <file.csv>');
    return 1;
  }
  let csv: string;
  try {
    csv = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(`Cannot read ${file}: ${(error as Error).message}`);
  }
  const database = await openUnlessHeld(config);
  let result: InventoryImportView;
  if (database) {
    try {
      await migrateDatabase(database);
      const { importInventory, describeInventoryErrors } = await import('./modules/esim/service.js');
      const imported = await importInventory(database.db, systemClock, csv);
      if (imported.errors.length > 0) {
        throw new CliError(
          `Nothing was imported; fix ${file}: ${describeInventoryErrors(imported.errors).en}`,
        );
      }
      const { recordAuditEvent } = await import('./modules/admin/service.js');
      await recordAuditEvent(database.db, systemClock, SYSTEM_CONTEXT, {
        action: 'esim_inventory.imported',
        actor: { type: 'system' },
        target: { type: 'esim_inventory', id: 'smdp' },
        details: { added: imported.added, duplicates: imported.duplicates, via: 'cli' },
      });
      result = imported;
    } finally {
      await database.close();
    }
  } else {
    result = (await localServerRequest(config, '/v1/admin/esim-inventory', {
      method: 'POST',
      csv,
    })) as InventoryImportView;
  }
  console.log(
    `Imported ${result.added} profiles into the eSIM pool (${result.duplicates} already there, left as they were).`,
  );
  return 0;
}

async function staffCommand(
  config: Config,
  args: string[],
  options: { email?: string; role?: string; locale?: string },
): Promise<number> {
  const [action] = args;
  if (action === 'list') {
    const members =
      (await withDirectIdentity(config, (deps) => listStaff(deps))) ??
      ((await localServerRequest(config, '/v1/staff')) as { data: StaffView[] }).data;
    if (members.length === 0) console.log('No staff yet: simfill staff create --email … --role owner');
    for (const member of members) {
      console.log(
        `${member.id}  ${member.role.padEnd(7)}  ${member.email}${member.totp_enabled ? '  (TOTP)' : ''}`,
      );
    }
    return 0;
  }
  if (action === 'create' && options.email && options.role) {
    if (!STAFF_ROLES.includes(options.role as StaffRole)) {
      throw new CliError(`--role must be one of ${STAFF_ROLES.join(', ')} (got "${options.role}")`);
    }
    const role = options.role as StaffRole;
    const locale: Locale = options.locale === 'zh-CN' ? 'zh-CN' : 'en';
    const created =
      (await withDirectIdentity(config, async (deps) => {
        const result = await createStaff(
          deps,
          SYSTEM_CONTEXT,
          { type: 'system' },
          { email: options.email!, role, locale },
        );
        return { ...result.staff, set_password_url: result.setPasswordUrl };
      })) ??
      ((await localServerRequest(config, '/v1/staff', {
        method: 'POST',
        body: { email: options.email, role, locale },
      })) as StaffView & { set_password_url: string });
    console.log(`Created ${created.role} ${created.email} (${created.id}).`);
    console.log(`Set-password link (one use, valid 24 hours; also emailed):\n  ${created.set_password_url}`);
    return 0;
  }
  const changes = { disable: 'disable', enable: 'enable', 'reset-totp': 'reset_totp' } as const;
  if (action && action in changes && options.email) {
    const change = changes[action as keyof typeof changes];
    const wanted = options.email.trim().toLowerCase();
    const find = (members: StaffView[]) => {
      const member = members.find((candidate) => candidate.email.toLowerCase() === wanted);
      if (!member) throw new CliError(`No staff member with the email ${options.email}.`);
      return member;
    };
    const updated =
      (await withDirectIdentity(config, async (deps) =>
        changeStaffAccess(deps, SYSTEM_CONTEXT, { type: 'system' }, find(await listStaff(deps)).id, change),
      )) ??
      ((await localServerRequest(
        config,
        `/v1/staff/${find(((await localServerRequest(config, '/v1/staff')) as { data: StaffView[] }).data).id}/${action}`,
        { method: 'POST' },
      )) as StaffView);
    console.log(`${updated.email}: ${updated.status}, two-factor ${updated.totp_enabled ? 'on' : 'off'}.`);
    return 0;
  }
  console.error(
    'Usage: simfill staff create --email <address> --role owner|admin|support|finance | staff list\n' +
      '       simfill staff disable|enable|reset-totp --email <address>',
  );
  return 1;
}

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      to: { type: 'string' },
      locale: { type: 'string' },
      email: { type: 'string' },
      role: { type: 'string' },
      date: { type: 'string' },
    },
  });
  const command = positionals[0];
  if (values.help || !command || command === 'help') {
    console.log(USAGE);
    return command || values.help ? 0 : 1;
  }
  if (command === 'doctor') return (await doctor(process.env)) ? 0 : 1;
  const config = loadConfig(process.env);
  switch (command) {
    case 'start':
      await runServer('all', config);
      return -1;
    case 'serve':
      await runServer('api', config);
      return -1;
    case 'worker':
      await runServer('worker', config);
      return -1;
    case 'migrate':
      await migrate(config);
      return 0;
    case 'seed':
      await seed(config);
      return 0;
    case 'mail':
      return mail(config, positionals.slice(1), values);
    case 'staff':
      return staffCommand(config, positionals.slice(1), values);
    case 'catalog':
      return catalogCommand(config, positionals.slice(1));
    case 'esim':
      return esimCommand(config, positionals.slice(1));
    case 'reconcile':
      return reconcileCommand(config, values);
    default:
      console.error(`Unknown command "${command}".\n\n${USAGE}`);
      return 1;
  }
}

try {
  const code = await main(process.argv.slice(2));
  // -1: a server is running and exits on a signal.
  if (code >= 0) process.exit(code);
} catch (error) {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (
    error instanceof ConfigError ||
    error instanceof PortUnavailableError ||
    error instanceof DataDirLockedError ||
    error instanceof CliError
  ) {
    console.error(`simfill: ${error.message}`);
  } else if (error instanceof AppError) {
    console.error(`simfill: ${errorBody(error, 'en').error.message}`);
  } else if (code === 'EADDRINUSE' || code === 'EACCES') {
    // Taken between the start-up check and the listen: name the setting whose port it was.
    const config = loadConfig(process.env);
    const port = (error as { port?: number }).port;
    const address = (error as { address?: string }).address ?? config.http.host;
    const variable =
      port === config.mail.devSmtpPort
        ? 'SMTP_DEV_PORT'
        : port === config.http.port
          ? 'PORT'
          : 'METRICS_PORT';
    console.error(
      `simfill: ${new PortUnavailableError(variable, { host: address, port: port ?? 0 }, code).message}`,
    );
  } else {
    console.error(
      'simfill: failed to start:',
      error instanceof Error ? (error.stack ?? error.message) : error,
    );
  }
  process.exit(1);
}
