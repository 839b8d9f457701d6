import type { Db } from '../../db/index.js';
import type { Clock } from '../../kernel/clock.js';
import type { JobQueue } from '../../kernel/jobs.js';
import type { EsimDeps, EsimSettings, EsimSources } from '../../modules/esim/service.js';
import type { PaymentProviders, PaymentsDeps } from '../../modules/payments/service.js';
import type {
  AirtimeProvider,
  FloatSettings,
  ProvisioningDeps,
  ProvisioningSettings,
} from '../../modules/provisioning/service.js';

/**
 * What the checkout flow runs on. `payments` and `provisioning` are those modules' dependencies with their
 * outcome ports bound to this flow (`createCheckout`), so whatever calls a module — an HTTP route, a job, a
 * test — reaches the same flow when money or a delivery moves.
 */
export interface Checkout {
  db: Db;
  clock: Clock;
  jobs: JobQueue;
  /** The portal's address, for links in emails and provider pages. */
  baseUrl: string;
  operator: { name: string; email: string; address: string };
  payments: PaymentsDeps;
  provisioning: ProvisioningDeps;
  /** eSIMs (new and top-ups), its outcome port bound to this flow; no sources = none can be sold. */
  esim: EsimDeps;
}

/** The parts a checkout is made of (configuration, clients), before the flow binds the modules' ports. */
export interface CheckoutParts {
  db: Db;
  clock: Clock;
  jobs: JobQueue;
  baseUrl: string;
  operator: { name: string; email: string; address: string };
  providers: PaymentProviders;
  /** Line top-ups; without them, the airtime provider is absent and line orders cannot be delivered. */
  airtime?: {
    provider: AirtimeProvider | undefined;
    settings: ProvisioningSettings;
    float: FloatSettings;
  };
  /** eSIMs: the sources by kind (`airalo`, `smdp`) and the eSIM order settings; without, none are sold. */
  esim?: { sources: EsimSources; settings?: EsimSettings };
}

/** Used when line top-ups are not configured: nothing is sent (advanceDelivery needs a provider). */
export const NO_AIRTIME = {
  provider: undefined,
  settings: {
    maxAttempts: 1,
    retryDelaysMs: [60_000],
    processingCheckMs: 60_000,
    leaseMs: 60_000,
    recentlyRechargedWaitMs: 0,
  },
  float: { alertBelowMinor: 0, staffEmail: '' },
} satisfies CheckoutParts['airtime'];
