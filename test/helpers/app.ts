import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { buildApp, type AppOptions } from '../../src/app.js';
import type { Database } from '../../src/db/index.js';
import type { MetricsOptions } from '../../src/http/metrics.js';
import { ManualClock, type Clock } from '../../src/kernel/clock.js';
import { JobQueue } from '../../src/kernel/jobs.js';
import { loadConfig } from '../../src/config.js';
import type { PricingSettings } from '../../src/modules/pricing/service.js';

export const TEST_BODY_LIMIT_BYTES = 16 * 1024;

export interface TestAppOptions {
  clock?: Clock;
  /** Routes a test adds to exercise kernel behaviour (error shape, idempotency) through real HTTP handling. */
  routes?: (app: FastifyInstance) => void;
  webDistDir?: string;
  devMailbox?: boolean;
  /** The outbox; a started queue with the email job defined. Tests that send no email may omit it. */
  jobs?: JobQueue;
  baseUrl?: string;
  /** METRICS_TOKEN / METRICS_HOST+PORT as the configuration gives them; unset: /metrics open. */
  metrics?: MetricsOptions;
  staffTotpRequired?: boolean;
  localOperatorToken?: string;
  /** Defaults: the configuration's defaults (15-minute lock, no tax, $5–$500 top-ups). */
  pricing?: Partial<PricingSettings>;
  payments?: AppOptions['payments'];
  airtime?: AppOptions['airtime'];
  esim?: AppOptions['esim'];
}

/** For apps whose tests never reach a route that sends email: any enqueue fails loudly. */
const unusedJobs = new Proxy({} as JobQueue, {
  get() {
    throw new Error('this test app has no job queue: pass options.jobs');
  },
});

export async function buildTestApp(
  database: Database,
  options: TestAppOptions = {},
): Promise<FastifyInstance> {
  const app = await buildApp({
    database,
    clock: options.clock ?? new ManualClock('2026-11-24T08:00:00Z'),
    jobs: options.jobs ?? unusedJobs,
    http: {
      bodyLimitBytes: TEST_BODY_LIMIT_BYTES,
      baseUrl: options.baseUrl ?? 'http://localhost:8080',
      metrics: options.metrics,
    },
    staffTotpRequired: options.staffTotpRequired,
    localOperatorToken: options.localOperatorToken,
    webDistDir: options.webDistDir,
    devMailbox: options.devMailbox,
    pricing: { ...loadConfig({}).pricing, ...options.pricing },
    payments: options.payments,
    airtime: options.airtime,
    esim: options.esim,
    // TEST_LOG=debug shows the app's log (500s name their cause there).
    logger: process.env.TEST_LOG ? pino({ level: process.env.TEST_LOG }) : false,
  });
  options.routes?.(app);
  await app.ready();
  return app;
}
