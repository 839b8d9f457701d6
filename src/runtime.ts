import fs from 'node:fs';
import net from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildApp } from './app.js';
import {
  ConfigError,
  PortUnavailableError,
  refuseSimulatedPaymentsForRealProviders,
  type Config,
} from './config.js';
import { migrateDatabase, openDatabase, type Database } from './db/index.js';
import { systemClock, type Clock } from './kernel/clock.js';
import { purgeExpiredIdempotencyKeys } from './kernel/idempotency/plugin.js';
import { JobQueue } from './kernel/jobs.js';
import {
  countPlans,
  linkDemoEsimSources,
  countTopUpProducts,
  seedDemoCatalog,
  syncTopUpCatalog,
} from './modules/catalog/service.js';
import {
  createSmtpMailer,
  createUnconfiguredMailer,
  emailSendJob,
  startDevSmtpServer,
  storeDevMessage,
  type DevSmtpServer,
  type Mailer,
} from './modules/notifications/service.js';
import { purgeDeletedCustomers } from './modules/identity/service.js';
import { purgeExpiredRateCounters } from './modules/identity/service.js';
import {
  removeLocalServerAddress,
  writeLocalOperatorToken,
  writeLocalServerAddress,
} from './local-operator.js';
import { createOpenExchangeRatesFeed } from './adapters/fx/open-exchange-rates.js';
import type { FxFeed } from './ports/fx.js';
import { createStripeProvider } from './adapters/stripe/provider.js';
import { createPayPalProvider } from './adapters/paypal/provider.js';
import type { PaymentProviders } from './modules/payments/service.js';
import { createCheckout } from './flows/checkout/checkout.js';
import type { Checkout } from './flows/checkout/deps.js';
import { checkoutJobs } from './flows/checkout/jobs.js';
import { listFxPairs, refreshFxRates } from './modules/pricing/service.js';
import { createReloadlyProvider } from './adapters/reloadly/provider.js';
import type { AirtimeProvider, ProvisioningSettings } from './modules/provisioning/service.js';
import { createAiraloClient } from './adapters/airalo/client.js';
import { es2PlusClient } from './adapters/es2plus/client.js';
import type { EsimProvider } from './ports/esim.js';
import type { SmdpPlus } from './ports/smdp.js';
import {
  createAiraloSource,
  DEFAULT_TOP_UP_MARKUP_BPS,
  importInventory,
  smdpSource,
  type EsimSources,
} from './modules/esim/service.js';

/**
 * Wires the parts for each role: `all` (simfill start: API + web + worker, demo data on first run), `api`
 * (simfill serve) and `worker`. The CLI only parses arguments and calls these.
 */

import { databaseTarget } from './process-setup.js';

export { createLogger, databaseTarget, LOG_REDACT } from './process-setup.js';

export function defineJobs(
  jobs: JobQueue,
  database: Database,
  clock: Clock,
  mailer: Mailer,
  config: Pick<Config, 'http' | 'staffTotpRequired'>,
  fxFeed?: FxFeed,
  checkout?: Checkout,
): void {
  jobs.define(emailSendJob(database.db, mailer, clock));
  for (const job of checkout ? checkoutJobs(checkout, { lineTopUps: true }) : []) jobs.define(job);
  if (fxFeed) {
    jobs.define({
      queue: 'pricing-fx-refresh',
      cron: '*/10 * * * *',
      retryLimit: 2,
      run: async () => {
        await refreshFxRates(database.db, clock, fxFeed);
      },
    });
  }
  jobs.define({
    queue: 'identity-rate-counters-purge',
    cron: '*/15 * * * *',
    run: async () => {
      await purgeExpiredRateCounters(database.db, clock);
    },
  });
  jobs.define({
    queue: 'identity-deleted-customers-purge',
    cron: '7 * * * *',
    run: async () => {
      await purgeDeletedCustomers({
        db: database.db,
        jobs,
        clock,
        baseUrl: config.http.baseUrl,
        staffTotpRequired: config.staffTotpRequired,
      });
    },
  });
  jobs.define({
    queue: 'idempotency-keys-purge',
    cron: '*/10 * * * *',
    run: async () => {
      await purgeExpiredIdempotencyKeys(database.db, clock);
    },
  });
}

export interface Runtime {
  database: Database;
  jobs: JobQueue;
  app?: FastifyInstance;
  /** The embedded SMTP server's port, when it runs (simfill start without SMTP_URL). */
  devSmtpPort?: number;
  /** Simulators running in-process, for the start banner. */
  banner: string[];
  stop(): Promise<void>;
}

export interface StartOptions {
  role: 'all' | 'api' | 'worker';
  config: Config;
  logger: Logger;
  /** Human progress lines for slow steps (first initdb, seeding). */
  onProgress?: (message: string) => void;
  clock?: Clock;
}

/**
 * Binds and releases host:port; when it cannot (EADDRINUSE, EACCES) rejects naming `variable`, the setting that
 * chose the port, so the operator knows which one to change.
 */
function assertPortFree(
  variable: PortUnavailableError['variable'],
  host: string,
  port: number,
): Promise<void> {
  if (port === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE' || error.code === 'EACCES'
          ? new PortUnavailableError(variable, { host, port }, error.code)
          : error,
      ),
    );
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve()));
  });
}

/** The outside world's clients; a system left unset is undefined (`serve` and `worker` then go without it). */
export interface Outside {
  fxFeed: FxFeed | undefined;
  providers: PaymentProviders;
  airtime: AirtimeProvider | undefined;
  /** Travel eSIMs: the Airalo-compatible provider's client. */
  esimProvider: EsimProvider | undefined;
  /** The operator's own SM-DP+: its ES2+ client, and what SimFill issues from it and hears back with. */
  smdp: SmdpConnection | undefined;
}

export interface SmdpConnection {
  client: SmdpPlus;
  /** The SM-DP+'s requester identifier on its HandleDownloadProgressInfo calls. */
  smdpId: string;
  /** The host name in activation codes when its ConfirmOrder answer names none. */
  smdpAddress: string;
  /** What it sends as `Authorization: Bearer …`; also the key of SimFill's matching ids. */
  notificationSecret: string;
}

export interface SimulatedOutside extends Outside {
  /** Lines for the start banner: which simulators run where. */
  banner: string[];
  /** The embedded SM-DP+'s profiles (`iccid,profileType,owner`), imported into SimFill's pool on start. */
  smdpInventoryCsv?: string;
  close(): Promise<void>;
}

/**
 * The outside world's clients: configured ones (FX_FEED_URL, STRIPE_SECRET_KEY, …), or in embedded mode
 * (`simfill start`) the simulators on loopback, with the real clients pointed at them. The simulators' code loads
 * only here, with `import()`, so `serve` and `worker` never load it (nor start one).
 */
async function startOutside(
  config: Config,
  role: StartOptions['role'],
  clock: Clock,
): Promise<SimulatedOutside> {
  const configured = configuredOutside(config);
  const complete =
    configured.fxFeed &&
    configured.providers.stripe &&
    configured.providers.paypal &&
    configured.airtime &&
    configured.esimProvider &&
    configured.smdp;
  if (role !== 'all' || complete) return { ...configured, banner: [], close: async () => undefined };
  const { startEmbeddedSimulators } = await import('./embedded-simulators.js');
  return startEmbeddedSimulators(config, clock, configured);
}

function configuredOutside(config: Config): Outside {
  const { fx, stripe, paypal, reloadly } = config;
  const providers: PaymentProviders = { stripe: undefined, paypal: undefined };
  if (stripe.secretKey && stripe.webhookSecret) {
    providers.stripe = createStripeProvider({
      secretKey: stripe.secretKey,
      webhookSecret: stripe.webhookSecret,
      apiBase: stripe.apiBase ?? 'https://api.stripe.com',
      hostedPagesBase: stripe.hostedPagesBase,
      timeoutMs: 10_000,
    });
  }
  if (paypal.clientId && paypal.clientSecret && paypal.webhookId) {
    providers.paypal = createPayPalProvider({
      clientId: paypal.clientId,
      clientSecret: paypal.clientSecret,
      webhookId: paypal.webhookId,
      apiBase: paypal.apiBase,
      timeoutMs: 10_000,
    });
  }
  const fxFeed = fx.feedUrl
    ? createOpenExchangeRatesFeed({ baseUrl: fx.feedUrl, appId: fx.appId, timeoutMs: 5_000 })
    : undefined;
  const airtime =
    reloadly.clientId && reloadly.clientSecret
      ? createReloadlyProvider({
          clientId: reloadly.clientId,
          clientSecret: reloadly.clientSecret,
          authUrl: reloadly.authUrl,
          apiBase: reloadly.apiBase,
          audience: reloadly.audience,
          timeoutMs: 30_000,
        })
      : undefined;
  return {
    fxFeed,
    providers,
    airtime,
    esimProvider: configuredEsimProvider(config),
    smdp: configuredSmdp(config),
  };
}

function configuredEsimProvider({ airalo }: Config): EsimProvider | undefined {
  if (!airalo.clientId || !airalo.clientSecret) return undefined;
  return createAiraloClient({
    clientId: airalo.clientId,
    clientSecret: airalo.clientSecret,
    apiBase: airalo.apiBase,
    timeoutMs: 30_000,
  });
}

function configuredSmdp({ smdp }: Config): SmdpConnection | undefined {
  if (!smdp.es2Url || !smdp.requesterId || !smdp.notificationSecret) return undefined;
  const tls = smdp.tls && {
    cert: readPemFile('SMDP_TLS_CERT_FILE', smdp.tls.certFile),
    key: readPemFile('SMDP_TLS_KEY_FILE', smdp.tls.keyFile),
    ca: smdp.tls.caFile === undefined ? undefined : readPemFile('SMDP_TLS_CA_FILE', smdp.tls.caFile),
  };
  return {
    client: es2PlusClient({ baseUrl: smdp.es2Url, requesterId: smdp.requesterId, timeoutMs: 30_000, tls }),
    smdpId: smdp.smdpId!,
    smdpAddress: smdp.smdpAddress!,
    notificationSecret: smdp.notificationSecret,
  };
}

/** A PEM file the configuration names, read at start; a missing or non-PEM file stops it naming the variable. */
function readPemFile(variable: string, file: string): string {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(
      variable,
      `names ${file}, which cannot be read (${(error as NodeJS.ErrnoException).code})`,
    );
  }
  if (!text.includes('-----BEGIN '))
    throw new ConfigError(variable, `names ${file}, which is not a PEM file`);
  return text;
}

/**
 * Where eSIMs come from: the Airalo-compatible provider (travel eSIMs) and the operator's own SM-DP+, each when
 * there is one.
 */
export function esimSourcesOf(outside: Outside, clock: Clock): EsimSources {
  const sources: EsimSources = {};
  if (outside.esimProvider) {
    sources.airalo = createAiraloSource({
      provider: outside.esimProvider,
      topUpMarkupBps: DEFAULT_TOP_UP_MARKUP_BPS,
      clock,
    });
  }
  if (outside.smdp) {
    sources.smdp = smdpSource({
      smdp: outside.smdp.client,
      clock,
      smdpAddress: outside.smdp.smdpAddress,
      matchingIdKey: outside.smdp.notificationSecret,
    });
  }
  return sources;
}

/** What the provisioning module needs, from the configuration. */
export function provisioningSettingsOf(config: Config): ProvisioningSettings {
  return {
    maxAttempts: config.topUps.maxAttempts,
    retryDelaysMs: [30_000, 120_000, 600_000, 1_800_000],
    processingCheckMs: 60_000,
    leaseMs: 90_000,
    recentlyRechargedWaitMs: 2 * 60_000 + 5_000,
  };
}

/** The embedded dev SMTP server listens on loopback only. */
const DEV_SMTP_HOST = '127.0.0.1';

export async function startRuntime(options: StartOptions): Promise<Runtime> {
  const { config, logger, role } = options;
  const clock = options.clock ?? systemClock;
  refuseSimulatedPaymentsForRealProviders(config, role);
  // A busy port is found before the database is created or seeded, so the refusal is quick and leaves nothing behind.
  if (role !== 'worker') await assertPortFree('PORT', config.http.host, config.http.port);
  if (role === 'all' && !config.mail.smtpUrl)
    await assertPortFree('SMTP_DEV_PORT', DEV_SMTP_HOST, config.mail.devSmtpPort);
  const database = await openDatabase(databaseTarget(config), { onProgress: options.onProgress });
  let jobs: JobQueue | undefined;
  let app: FastifyInstance | undefined;
  let devSmtp: DevSmtpServer | undefined;
  let mailer: Mailer | undefined;
  let simulated: SimulatedOutside | undefined;
  let wroteLocalServer = false;
  const stop = async () => {
    if (wroteLocalServer) removeLocalServerAddress(config.dataDir);
    await app?.close();
    await jobs?.stop();
    mailer?.close();
    await devSmtp?.close();
    await simulated?.close();
    await database.close();
  };
  try {
    await migrateDatabase(database);
    if (role === 'all' && (await countPlans(database.db)) === 0) {
      options.onProgress?.('Seeding the demo catalog (first run)…');
      const seeded = await seedDemoCatalog(database.db, clock);
      options.onProgress?.(`Seeded ${seeded.carriers} carriers and ${seeded.plans} plans.`);
    }
    // A data dir seeded before travel eSIMs had a source gets them (only where none is set).
    if (role === 'all') await linkDemoEsimSources(database.db);
    const embeddedMail = role === 'all' && !config.mail.smtpUrl;
    if (embeddedMail) {
      devSmtp = await startDevSmtpServer({
        host: DEV_SMTP_HOST,
        port: config.mail.devSmtpPort,
        onMessage: async (message) => {
          await storeDevMessage(database.db, clock, message);
        },
        onError: (error) => logger.error({ err: error }, 'dev SMTP server error'),
      });
    } else if (!config.mail.smtpUrl && role === 'worker') {
      logger.warn('SMTP_URL is not set: emails stay queued until it points at an SMTP server');
    }
    const smtpUrl = config.mail.smtpUrl ?? (devSmtp ? `smtp://127.0.0.1:${devSmtp.port}` : undefined);
    mailer = smtpUrl ? createSmtpMailer({ smtpUrl, from: config.mail.from }) : createUnconfiguredMailer();
    simulated = await startOutside(config, role, clock);
    const { fxFeed, providers } = simulated;
    if (simulated.smdpInventoryCsv) {
      // The embedded SM-DP+'s profiles, into SimFill's pool; those already there stay as they are.
      const imported = await importInventory(database.db, clock, simulated.smdpInventoryCsv);
      if (imported.errors.length > 0) throw new Error('the embedded SM-DP+ inventory does not import');
    }
    const esimSources = esimSourcesOf(simulated, clock);
    jobs = new JobQueue(database, { logger, supervise: role !== 'api' });
    const airtime = {
      provider: simulated.airtime,
      catalog: {
        countries: config.topUps.countries,
        defaultMarkupBps: config.topUps.defaultMarkupBps,
        defaultEtaMinutes: config.topUps.defaultEtaMinutes,
      },
      provisioning: provisioningSettingsOf(config),
      float: { alertBelowMinor: config.topUps.floatAlertBelowMinor, staffEmail: config.operator.email },
    };
    const checkout = createCheckout({
      db: database.db,
      clock,
      jobs,
      baseUrl: config.http.baseUrl,
      operator: config.operator,
      providers,
      airtime: { provider: airtime.provider, settings: airtime.provisioning, float: airtime.float },
      // The same sources as the app's: the worker's eSIM jobs send what the API's quotes priced.
      esim: { sources: esimSources },
    });
    defineJobs(jobs, database, clock, mailer, config, fxFeed, checkout);
    await jobs.start();
    if (role === 'all' && airtime.provider && (await countTopUpProducts(database.db)) === 0) {
      options.onProgress?.('Syncing the top-up catalog from the airtime provider (first run)…');
      const synced = await syncTopUpCatalog({
        db: database.db,
        clock,
        provider: airtime.provider,
        settings: airtime.catalog,
      });
      options.onProgress?.(`Synced ${synced.operators} operators and ${synced.products} top-up products.`);
    }
    if (role !== 'api') {
      await jobs.work();
      // A rate at once rather than at the first cron tick. Only a start without a fresh rate (the first run, or
      // after a long stop) waits for it, so CNY quotes work from the first request; otherwise it runs alongside.
      if (fxFeed) {
        const refreshing = refreshFxRates(database.db, clock, fxFeed).catch((error: unknown) =>
          logger.warn({ err: error }, 'FX feed refresh failed; quotes in CNY wait for the next refresh'),
        );
        const pairs = await listFxPairs(database.db, clock, config.pricing.fxRateMaxAgeMs);
        if (!pairs.every((pair) => pair.effective)) await refreshing;
      }
    }
    if (role !== 'worker') {
      app = await buildApp({
        database,
        clock,
        jobs,
        http: config.http,
        staffTotpRequired: config.staffTotpRequired,
        localOperatorToken: embeddedMail ? writeLocalOperatorToken(config.dataDir) : undefined,
        webDistDir: config.webDistDir,
        catalogCacheTtlMs: config.catalogCacheTtlMs,
        pricing: config.pricing,
        payments: { providers, operator: config.operator },
        airtime,
        esim: {
          sources: esimSources,
          smdpNotifications: simulated.smdp && {
            smdpId: simulated.smdp.smdpId,
            secret: simulated.smdp.notificationSecret,
          },
        },
        devMailbox: embeddedMail,
        logger,
      });
      await app.listen({ host: config.http.host, port: config.http.port });
      if (embeddedMail) {
        const address = app.server.address();
        if (address && typeof address === 'object') {
          writeLocalServerAddress(config.dataDir, {
            port: address.port,
            baseUrl: config.http.baseUrl,
            devSmtpPort: devSmtp?.port,
          });
          wroteLocalServer = true;
        }
      }
      // METRICS_PORT: /metrics on its own listener (an internal interface), not on the public one.
      if (app.metricsServer && config.http.metrics.listen)
        await app.metricsServer.listen(config.http.metrics.listen);
    }
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
  return { database, jobs, app, devSmtpPort: devSmtp?.port, banner: simulated?.banner ?? [], stop };
}
