import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { createOpenExchangeRatesFeed } from '../../src/adapters/fx/open-exchange-rates.js';
import { createStripeProvider, STRIPE_WEBHOOK_EVENTS } from '../../src/adapters/stripe/provider.js';
import type { Clock } from '../../src/kernel/clock.js';
import type { JobQueue } from '../../src/kernel/jobs.js';
import type { PaymentProviders, PaymentsDeps } from '../../src/modules/payments/service.js';
import { createCheckout } from '../../src/flows/checkout/checkout.js';
import type { Checkout } from '../../src/flows/checkout/deps.js';
import { checkoutJobs } from '../../src/flows/checkout/jobs.js';
import { refreshFxRates, type PricingSettings } from '../../src/modules/pricing/service.js';
import { startFxSimulator, type FxSimulator } from '../../src/simulators/fx/server.js';
import { startStripeSimulator, type StripeSimulator } from '../../src/simulators/stripe/server.js';
import { startPayPalSimulator, type PayPalSimulator } from '../../src/simulators/paypal/server.js';
import { createPayPalProvider } from '../../src/adapters/paypal/provider.js';
import { buildTestApp } from './app.js';
import { createReloadlyProvider } from '../../src/adapters/reloadly/provider.js';
import {
  RELOADLY_AUDIENCE,
  startReloadlySimulator,
  type ReloadlySimulator,
} from '../../src/simulators/reloadly/server.js';
import {
  provisioningJobs,
  type AirtimeProvider,
  type ProvisioningDeps,
  type ProvisioningSettings,
} from '../../src/modules/provisioning/service.js';
import { seedDemoCatalog, syncTopUpCatalog } from '../../src/modules/catalog/service.js';
import type { TestDatabase } from './databases.js';
import { createAiraloClient } from '../../src/adapters/airalo/client.js';
import {
  createAiraloSource,
  importInventory,
  smdpSource,
  type EsimSettings,
  type EsimSources,
} from '../../src/modules/esim/service.js';
import { HANDLE_DOWNLOAD_PROGRESS_PATH } from '../../src/modules/esim/smdp-routes.js';
import { es2PlusClient } from '../../src/adapters/es2plus/client.js';
import { luhnCheckDigit } from '../../src/kernel/identifiers.js';
import { startSmdpSimulator, type SmdpSimulator } from '../../src/simulators/smdp/server.js';
import { startAiraloSimulator, type AiraloSimulator } from '../../src/simulators/airalo/server.js';
import { useMailWorld, type MailWorld } from './mail.js';

export const STRIPE_SECRET = 'sk_test_simfill_simulator';
export const STRIPE_WEBHOOK_SECRET = 'whsec_simfill_test';
export const TEST_BASE_URL = 'http://localhost:8080';

/**
 * The money path's real parts for a suite: the Stripe-compatible simulator (the official SDK talks to it), the
 * FX feed simulator, real SMTP, the job queue with the payment jobs, and the app listening on loopback so the
 * simulator's signed webhooks reach it over HTTP.
 */
export interface PaymentWorld {
  readonly app: FastifyInstance;
  /** With `{ airtime: true }`: the Reloadly simulator the line top-ups go to, and provisioning's parts. */
  readonly reloadly: ReloadlySimulator;
  readonly provisioning: ProvisioningDeps;
  readonly stripe: StripeSimulator;
  readonly paypal: PayPalSimulator;
  readonly fx: FxSimulator;
  readonly mail: MailWorld;
  /** Payments' dependencies, bound to the checkout flow (`checkout.payments`). */
  readonly deps: PaymentsDeps;
  /** The checkout flow the app and the jobs run (expire, pay, …). */
  readonly checkout: Checkout;
  /** With `{ esim: true }`: the Airalo simulator eSIMs are bought from. */
  readonly airalo: AiraloSimulator;
  /** With `{ smdp: true }`: the operator's own SM-DP+ (its profiles already in SimFill's pool). */
  readonly smdp: SmdpSimulator;
}

/** The test SM-DP+: who SimFill is to it, the secret of its notifications, its profiles. */
export const TEST_SMDP = {
  requesterId: 'SIMFILL-TEST-OPERATOR',
  smdpId: 'smdp.simfill.test',
  secret: 'smdp-notification-secret-for-tests',
  profileType: 'SIMFILL-US-DATA',
};

function smdpInventoryCsv(count: number, kind: string): string {
  const rows: string[] = [];
  for (let n = 0; n < count; n += 1) {
    // A distinct ICCID range per database, so a PostgreSQL run beside a PGlite one never shares a profile.
    const payload = `8901260${kind === 'postgres' ? '7' : '3'}${String(n).padStart(10, '0')}`;
    rows.push(`${payload}${luhnCheckDigit(payload)},${TEST_SMDP.profileType},${TEST_SMDP.requesterId}`);
  }
  return rows.join('\n');
}

export const TEST_ESIM: EsimSettings = {
  maxAttempts: 3,
  retryDelaysMs: [30_000, 120_000],
  leaseMs: 90_000,
  usageMaxAgeMs: 60_000,
};
export const AIRALO_CLIENT_ID = 'simfill-airalo-test';
export const AIRALO_CLIENT_SECRET = 'airalo-test-secret';

export const TEST_PROVISIONING: ProvisioningSettings = {
  maxAttempts: 3,
  retryDelaysMs: [30_000, 120_000],
  processingCheckMs: 60_000,
  leaseMs: 90_000,
  recentlyRechargedWaitMs: 125_000,
};
export const TEST_FLOAT = { alertBelowMinor: 20_000, staffEmail: 'ops@simfill.test' };

export function usePaymentWorld(
  testDb: TestDatabase,
  clock: Clock,
  options: { airtime?: boolean; esim?: boolean; smdp?: boolean; pricing?: Partial<PricingSettings> } = {},
): PaymentWorld {
  let airalo: AiraloSimulator | undefined;
  let smdp: SmdpSimulator | undefined;
  const inventoryCsv = smdpInventoryCsv(20, testDb.kind);
  // Filled in before the app starts; the checkout and the app read the same object.
  const esimSources: EsimSources = {};
  let stripe: StripeSimulator | undefined;
  let reloadly: ReloadlySimulator | undefined;
  let provisioning: ProvisioningDeps | undefined;
  let airtime: AirtimeProvider | undefined;
  const catalogSettings = { countries: ['US', 'CN'], defaultMarkupBps: 300, defaultEtaMinutes: 0 };
  let paypal: PayPalSimulator | undefined;
  let fx: FxSimulator | undefined;
  let app: FastifyInstance | undefined;
  let checkout: Checkout | undefined;
  const providers: PaymentProviders = { stripe: undefined, paypal: undefined };
  beforeAll(async () => {
    stripe = await startStripeSimulator({ secretKey: STRIPE_SECRET, webhookSecret: STRIPE_WEBHOOK_SECRET });
    providers.stripe = createStripeProvider({
      secretKey: STRIPE_SECRET,
      webhookSecret: STRIPE_WEBHOOK_SECRET,
      apiBase: stripe.baseUrl,
      timeoutMs: 2_000,
    });
    paypal = await startPayPalSimulator({
      clientId: 'test-client-id',
      clientSecret: 'test-client-secret',
      webhookId: '5TESTWEBHOOK0000',
    });
    providers.paypal = createPayPalProvider({
      clientId: 'test-client-id',
      clientSecret: 'test-client-secret',
      webhookId: '5TESTWEBHOOK0000',
      apiBase: paypal.baseUrl,
      timeoutMs: 2_000,
    });
    if (options.esim) {
      airalo = await startAiraloSimulator({
        clientId: AIRALO_CLIENT_ID,
        clientSecret: AIRALO_CLIENT_SECRET,
        clock,
      });
      esimSources.airalo = createAiraloSource({
        provider: createAiraloClient({
          clientId: AIRALO_CLIENT_ID,
          clientSecret: AIRALO_CLIENT_SECRET,
          apiBase: airalo.baseUrl,
          timeoutMs: 1_000,
        }),
        topUpMarkupBps: 3000,
        clock,
      });
    }
    if (options.smdp) {
      smdp = await startSmdpSimulator({
        clock,
        smdpId: TEST_SMDP.smdpId,
        operators: [TEST_SMDP.requesterId],
        notificationSecret: TEST_SMDP.secret,
        inventoryCsv,
      });
      esimSources.smdp = smdpSource({
        smdp: es2PlusClient({ baseUrl: smdp.baseUrl, requesterId: TEST_SMDP.requesterId, timeoutMs: 2_000 }),
        clock,
        smdpAddress: smdp.smdpAddress,
        matchingIdKey: TEST_SMDP.secret,
      });
    }
    fx = await startFxSimulator({ appId: 'test-app', clock });
    fx.setRate('CNY', 7.1234);
    if (options.airtime) {
      reloadly = await startReloadlySimulator({
        clientId: 'test-reloadly',
        clientSecret: 'test-reloadly-secret',
        clock,
      });
      airtime = createReloadlyProvider({
        clientId: 'test-reloadly',
        clientSecret: 'test-reloadly-secret',
        authUrl: reloadly.baseUrl,
        apiBase: reloadly.baseUrl,
        audience: RELOADLY_AUDIENCE,
        timeoutMs: 1_000,
      });
    }
  });
  const operator = {
    name: 'SimFill Test Reseller',
    email: 'support@simfill.test',
    address: '1 Main St, Flushing, NY',
  };
  const mail = useMailWorld(testDb, clock, (jobs: JobQueue) => {
    checkout = createCheckout({
      db: testDb.database.db,
      clock,
      jobs,
      baseUrl: TEST_BASE_URL,
      operator,
      providers,
      airtime: options.airtime
        ? {
            get provider() {
              return airtime;
            },
            settings: TEST_PROVISIONING,
            float: TEST_FLOAT,
          }
        : undefined,
      esim: options.esim ? { sources: esimSources, settings: TEST_ESIM } : undefined,
    });
    for (const job of checkoutJobs(checkout, { lineTopUps: false })) if (!job.cron) jobs.define(job);
    if (options.airtime) {
      provisioning = checkout.provisioning;
      // Every job, none on a schedule: tests move time and run sweeps themselves.
      for (const job of provisioningJobs(provisioning)) jobs.define({ ...job, cron: undefined });
    }
  });
  beforeAll(async () => {
    app = await buildTestApp(testDb.database, {
      clock,
      jobs: mail.jobs,
      baseUrl: TEST_BASE_URL,
      pricing: options.pricing,
      payments: { providers, operator },
      airtime: options.airtime
        ? {
            provider: airtime,
            catalog: catalogSettings,
            provisioning: TEST_PROVISIONING,
            float: TEST_FLOAT,
          }
        : undefined,
      esim: options.esim
        ? {
            sources: esimSources,
            settings: TEST_ESIM,
            smdpNotifications: options.smdp
              ? { smdpId: TEST_SMDP.smdpId, secret: TEST_SMDP.secret }
              : undefined,
          }
        : undefined,
    });
    if (options.esim && !airtime) await seedDemoCatalog(testDb.database.db, clock);
    if (options.smdp) await importInventory(testDb.database.db, clock, inventoryCsv);
    if (airtime) {
      await seedDemoCatalog(testDb.database.db, clock);
      await syncTopUpCatalog({ db: testDb.database.db, clock, provider: airtime, settings: catalogSettings });
    }
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address() as { port: number };
    stripe!.setWebhookUrl(`http://127.0.0.1:${address.port}/v1/webhooks/stripe`, STRIPE_WEBHOOK_EVENTS);
    paypal!.setWebhookUrl(`http://127.0.0.1:${address.port}/v1/webhooks/paypal`);
    smdp?.setNotificationUrl(`http://127.0.0.1:${address.port}${HANDLE_DOWNLOAD_PROGRESS_PATH}`);
    await refreshFxRates(
      testDb.database.db,
      clock,
      createOpenExchangeRatesFeed({ baseUrl: fx!.baseUrl, appId: 'test-app', timeoutMs: 2_000 }),
    );
  });
  afterAll(async () => {
    // Jobs first: a job still running must not find its provider gone (a payment SDK retries for seconds).
    if (app) await mail.jobs.stop();
    await app?.close();
    await stripe?.close();
    await paypal?.close();
    await fx?.close();
    await reloadly?.close();
    await airalo?.close();
    await smdp?.close();
  });
  return {
    get app() {
      return app!;
    },
    get stripe() {
      return stripe!;
    },
    get paypal() {
      return paypal!;
    },
    get fx() {
      return fx!;
    },
    get reloadly() {
      return reloadly!;
    },
    get provisioning() {
      return provisioning!;
    },
    mail,
    get deps() {
      return checkout!.payments;
    },
    get checkout() {
      return checkout!;
    },
    get airalo() {
      return airalo!;
    },
    get smdp() {
      return smdp!;
    },
  };
}
