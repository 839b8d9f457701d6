import net from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildApp } from './app.js';
import { refuseSimulatedPaymentsForRealProviders, type Config } from './config.js';
import { migrateDatabase, openDatabase, type Database } from './db/index.js';
import { systemClock, type Clock } from './kernel/clock.js';
import { purgeExpiredIdempotencyKeys } from './kernel/idempotency/plugin.js';
import { JobQueue } from './kernel/jobs.js';
import {
  countPlans,
  countTopUpProducts,
  seedDemoCatalog,
  syncTopUpCatalog,
} from './modules/catalog/service.js';
import { startDevSmtpServer, type DevSmtpServer } from './modules/notifications/dev-smtp.js';
import { createSmtpMailer, createUnconfiguredMailer, type Mailer } from './modules/notifications/mailer.js';
import { emailSendJob, storeDevMessage } from './modules/notifications/service.js';
import { purgeDeletedCustomers } from './modules/identity/service.js';
import { purgeExpiredRateCounters } from './modules/identity/service.js';
import { writeLocalOperatorToken } from './local-operator.js';
import { loadSimulatorSecrets, type SimulatorSecrets } from './simulator-secrets.js';
import { createOpenExchangeRatesFeed } from './adapters/fx/open-exchange-rates.js';
import type { FxFeed } from './ports/fx.js';
import { startFxSimulator } from './simulators/fx/server.js';
import { startStripeSimulator } from './simulators/stripe/server.js';
import { createStripeProvider, STRIPE_WEBHOOK_EVENTS } from './adapters/stripe/provider.js';
import { createPayPalProvider } from './adapters/paypal/provider.js';
import { startPayPalSimulator } from './simulators/paypal/server.js';
import { paymentJobs, type PaymentProviders, type PaymentsDeps } from './modules/payments/service.js';
import { listFxPairs, refreshFxRates } from './modules/pricing/service.js';
import { createReloadlyProvider } from './adapters/reloadly/provider.js';
import { RELOADLY_AUDIENCE, startReloadlySimulator } from './simulators/reloadly/server.js';
import {
  provisioningJobs,
  registerLineTopUps,
  type AirtimeProvider,
  type ProvisioningSettings,
} from './modules/provisioning/service.js';
import { assertStillAsQuoted } from './flows/checkout/offers.js';

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
  payments?: PaymentsDeps,
): void {
  jobs.define(emailSendJob(database.db, mailer, clock));
  for (const job of payments ? paymentJobs(payments) : []) jobs.define(job);
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

/** Binds and releases host:port; rejects with the listen error (EADDRINUSE, EACCES) when it cannot. */
function assertPortFree(host: string, port: number): Promise<void> {
  if (port === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve()));
  });
}

interface SimulatedOutside {
  fxFeed: FxFeed | undefined;
  providers: PaymentProviders;
  airtime: AirtimeProvider | undefined;
  /** Lines for the start banner: which simulators run where. */
  banner: string[];
  close(): Promise<void>;
}

/**
 * The outside world's clients: configured ones (FX_FEED_URL, STRIPE_SECRET_KEY), or in embedded mode
 * (`simfill start`) the simulators on loopback, with the real clients pointed at them. The simulators' credentials
 * come only from the data dir's secrets file (read or created when the first simulator starts); `serve` and
 * `worker` never start one.
 */
async function startOutside(
  config: Config,
  role: StartOptions['role'],
  clock: Clock,
): Promise<SimulatedOutside> {
  const closers: (() => Promise<void>)[] = [];
  const banner: string[] = [];
  let loaded: SimulatorSecrets | undefined;
  const secrets = () => (loaded ??= loadSimulatorSecrets(config.dataDir));
  let fxFeed: FxFeed | undefined;
  if (config.fx.feedUrl) {
    fxFeed = createOpenExchangeRatesFeed({
      baseUrl: config.fx.feedUrl,
      appId: config.fx.appId,
      timeoutMs: 5_000,
    });
  } else if (role === 'all') {
    const { appId } = secrets().fx;
    const fx = await startFxSimulator({ appId, clock });
    closers.push(() => fx.close());
    fxFeed = createOpenExchangeRatesFeed({
      baseUrl: fx.baseUrl,
      appId,
      timeoutMs: 5_000,
      name: 'SimFill FX simulator',
    });
  }
  const providers: PaymentProviders = { stripe: undefined, paypal: undefined };
  if (config.stripe.secretKey && config.stripe.webhookSecret) {
    providers.stripe = createStripeProvider({
      secretKey: config.stripe.secretKey,
      webhookSecret: config.stripe.webhookSecret,
      apiBase: config.stripe.apiBase ?? 'https://api.stripe.com',
      hostedPagesBase: config.stripe.hostedPagesBase,
      timeoutMs: 10_000,
    });
  } else if (role === 'all') {
    const { secretKey, webhookSecret } = secrets().stripe;
    const stripe = await startStripeSimulator({
      secretKey,
      webhookSecret,
      webhookUrl: `${config.http.baseUrl}/v1/webhooks/stripe`,
      enabledEvents: STRIPE_WEBHOOK_EVENTS,
      // Stripe's schedule at a tenth: retries after 6 s, 12 s, 24 s, … (15 attempts over about 6.5 hours), so a
      // webhook refused while the database restarts for minutes still arrives, a little after it is back.
      webhookRetry: { scale: 0.1 },
    });
    closers.push(() => stripe.close());
    banner.push(
      `Payments     Stripe-compatible simulator at ${stripe.baseUrl} (test cards: 4242 4242 4242 4242)`,
    );
    providers.stripe = createStripeProvider({
      secretKey,
      webhookSecret,
      apiBase: stripe.baseUrl,
      timeoutMs: 10_000,
    });
  }
  if (config.paypal.clientId && config.paypal.clientSecret && config.paypal.webhookId) {
    providers.paypal = createPayPalProvider({
      clientId: config.paypal.clientId,
      clientSecret: config.paypal.clientSecret,
      webhookId: config.paypal.webhookId,
      apiBase: config.paypal.apiBase,
      timeoutMs: 10_000,
    });
  } else if (role === 'all') {
    const { clientId, clientSecret, webhookId } = secrets().paypal;
    const paypal = await startPayPalSimulator({
      clientId,
      clientSecret,
      webhookId,
      webhookUrl: `${config.http.baseUrl}/v1/webhooks/paypal`,
      clock,
    });
    closers.push(() => paypal.close());
    banner.push(`PayPal       PayPal Orders v2 simulator at ${paypal.baseUrl}`);
    providers.paypal = createPayPalProvider({
      clientId,
      clientSecret,
      webhookId,
      apiBase: paypal.baseUrl,
      timeoutMs: 10_000,
    });
  }
  const airtime = await airtimeProviderFor(config, role, clock, secrets, closers, banner);
  return {
    fxFeed,
    providers,
    airtime,
    banner,
    close: async () => {
      for (const close of closers) await close();
    },
  };
}

/** Reloadly with the configured credentials, or in embedded mode its simulator on loopback. */
async function airtimeProviderFor(
  config: Config,
  role: StartOptions['role'],
  clock: Clock,
  secrets: () => SimulatorSecrets,
  closers: (() => Promise<void>)[],
  banner: string[],
): Promise<AirtimeProvider | undefined> {
  const { reloadly } = config;
  if (reloadly.clientId && reloadly.clientSecret) {
    return createReloadlyProvider({
      clientId: reloadly.clientId,
      clientSecret: reloadly.clientSecret,
      authUrl: reloadly.authUrl,
      apiBase: reloadly.apiBase,
      audience: reloadly.audience,
      timeoutMs: 30_000,
    });
  }
  if (role !== 'all') return undefined;
  const credentials = secrets().reloadly;
  const simulator = await startReloadlySimulator({ ...credentials, clock });
  closers.push(() => simulator.close());
  banner.push(`Top-ups      Reloadly-compatible simulator at ${simulator.baseUrl} (float $10,000)`);
  return createReloadlyProvider({
    ...credentials,
    authUrl: simulator.baseUrl,
    apiBase: simulator.baseUrl,
    audience: RELOADLY_AUDIENCE,
    timeoutMs: 10_000,
  });
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

export async function startRuntime(options: StartOptions): Promise<Runtime> {
  const { config, logger, role } = options;
  const clock = options.clock ?? systemClock;
  refuseSimulatedPaymentsForRealProviders(config, role);
  // A busy port is found before the database is created or seeded, so the refusal is quick and leaves nothing behind.
  if (role !== 'worker') await assertPortFree(config.http.host, config.http.port);
  const database = await openDatabase(databaseTarget(config), { onProgress: options.onProgress });
  let jobs: JobQueue | undefined;
  let app: FastifyInstance | undefined;
  let devSmtp: DevSmtpServer | undefined;
  let mailer: Mailer | undefined;
  let simulated: SimulatedOutside | undefined;
  const stop = async () => {
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
    const embeddedMail = role === 'all' && !config.mail.smtpUrl;
    if (embeddedMail) {
      devSmtp = await startDevSmtpServer({
        host: '127.0.0.1',
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
    jobs = new JobQueue(database, { logger, supervise: role !== 'api' });
    const payments: PaymentsDeps = {
      db: database.db,
      clock,
      jobs,
      baseUrl: config.http.baseUrl,
      providers,
      operator: config.operator,
    };
    defineJobs(jobs, database, clock, mailer, config, fxFeed, payments);
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
    const provisioning = {
      ...payments,
      provider: airtime.provider,
      settings: airtime.provisioning,
      float: airtime.float,
    };
    registerLineTopUps(provisioning, assertStillAsQuoted);
    for (const job of provisioningJobs(provisioning)) jobs.define(job);
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
        devMailbox: embeddedMail,
        logger,
      });
      await app.listen({ host: config.http.host, port: config.http.port });
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
