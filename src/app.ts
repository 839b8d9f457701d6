import fs from 'node:fs';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import './http/types.js';
import type { Database } from './db/index.js';
import { migrationStatus } from './db/index.js';
import { registerErrorHandler, sendError } from './http/errors.js';
import { registerMetrics, type MetricsOptions } from './http/metrics.js';
import { errorResponses } from './http/openapi.js';
import { registerNulGuard } from './http/nul-guard.js';
import { registerRouteFallbacks } from './http/routing.js';
import { registerCompression } from './http/compression.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import type { Clock } from './kernel/clock.js';
import { serviceUnavailable } from './kernel/errors.js';
import { LOCALE_COOKIE, resolveLocale } from './kernel/i18n/index.js';
import { newId } from './kernel/ids.js';
import { registerIdempotency } from './kernel/idempotency/plugin.js';
import { ResponseCache } from './kernel/response-cache.js';
import { catalogRoutes } from './modules/catalog/routes.js';
import { esimRoutes } from './modules/esim/routes.js';
import { esimConsoleRoutes } from './modules/esim/console-routes.js';
import { esimAdminRoutes } from './modules/esim/admin-routes.js';
import { smdpNotificationRoutes } from './modules/esim/smdp-routes.js';
import { parseDownloadProgressInfo } from './adapters/es2plus/client.js';
import { devMailboxRoutes } from './modules/notifications/routes.js';
import type { JobQueue } from './kernel/jobs.js';
import { auditRoutes } from './modules/admin/routes.js';
import { authSubject, registerAuth } from './modules/identity/service.js';
import type { IdentityDeps } from './modules/identity/service.js';
import { identityRoutes } from './modules/identity/routes.js';
import { staffRoutes } from './modules/identity/staff-routes.js';
// The OpenAPI document lists its components in the order their schemas are declared, that is the order these
// modules are first evaluated: Order, Quote, Operator and Line, Offer, LineSummary, Delivery, TopUpProduct,
// Reconciliation and Mismatch, Receipt…
import { ordersRoutes } from './flows/checkout/routes/orders.js';
import { quoteRoutes } from './flows/checkout/routes/quotes.js';
import { pricingRoutes } from './modules/pricing/routes.js';
import { linesRoutes } from './modules/lines/routes.js';
import type { LinesDeps } from './modules/lines/service.js';
import { offerRoutes } from './flows/checkout/routes/offers.js';
import { lineSummaryRoutes } from './read/routes/line-summary.js';
import { lineSearchRoutes } from './read/routes/line-search.js';
import type { AirtimeProvider, FloatSettings, ProvisioningSettings } from './modules/provisioning/service.js';
import { deliveryAdminRoutes, provisioningAdminRoutes } from './modules/provisioning/admin-routes.js';
import { catalogAdminRoutes } from './modules/catalog/admin-routes.js';
import { reconciliationAdminRoutes } from './modules/provisioning/reconciliation-routes.js';
import type { TopUpCatalogSettings } from './modules/catalog/service.js';
import type { PricingSettings } from './modules/pricing/service.js';
import { paymentsRoutes, paymentWebhookRoutes } from './modules/payments/routes.js';
import { minimumChargesOf, type PaymentProviders } from './modules/payments/service.js';
import { createCheckout } from './flows/checkout/checkout.js';
import { assistedTopUpRoutes } from './flows/checkout/routes/assisted.js';
import { payRoutes, refundRoutes } from './flows/checkout/routes/payments.js';
import { consoleOrderRoutes } from './read/console-orders.js';
import { customerOverviewRoutes } from './read/customer-overview.js';
import { accountExportRoutes } from './read/account-export.js';
import { receiptAndWalletRoutes } from './read/receipt-routes.js';
import { esimProfileRoutes } from './read/routes/esims.js';
import type { EsimSettings, EsimSources } from './modules/esim/service.js';

export interface AppOptions {
  database: Database;
  clock: Clock;
  /** The outbox: emails and other effects are enqueued in the transaction of the change. */
  jobs: JobQueue;
  http: {
    bodyLimitBytes: number;
    baseUrl: string;
    trustProxy?: boolean | number | string[];
    /** METRICS_TOKEN / METRICS_HOST+PORT; unset: /metrics open on the app's port (embedded mode). */
    metrics?: MetricsOptions;
  };
  /** Owners and admins must use TOTP (`STAFF_TOTP_REQUIRED`). */
  staffTotpRequired?: boolean;
  /** Embedded mode: the token that lets `simfill mail` on this machine read the dev mailbox. */
  localOperatorToken?: string;
  /** The built portal (`web/dist`); absent in API-only tests. */
  webDistDir?: string;
  /** How long catalog responses are served from memory; 0 reads the database every time. */
  catalogCacheTtlMs?: number;
  /** Serve the development mailbox (embedded mode, where the in-process SMTP server receives all mail). */
  devMailbox?: boolean;
  /** Quote lock, tax, FX freshness, wallet top-up limits (config.pricing). */
  pricing: PricingSettings;
  /** The payment providers' clients (pointed at the simulators in embedded mode and in tests). */
  payments?: { providers: PaymentProviders; operator: { name: string; email: string; address: string } };
  /** Line top-ups: the airtime provider's client, the catalog's countries and defaults, delivery settings. */
  airtime?: {
    provider: AirtimeProvider | undefined;
    catalog: TopUpCatalogSettings;
    provisioning: ProvisioningSettings;
    float: FloatSettings;
  };
  /**
   * eSIMs: where they come from (the Airalo-compatible provider, the operator's SM-DP+), the eSIM order settings
   * and, with an SM-DP+, who may send SimFill its HandleDownloadProgressInfo (its requester id and shared secret).
   * Without, no eSIM is sold.
   */
  esim?: {
    sources: EsimSources;
    settings?: EsimSettings;
    smdpNotifications?: { smdpId: string; secret: string };
  };
  /** A pino logger, or false for no logs (tests). */
  logger: FastifyBaseLogger | false;
  version?: string;
}

const DEFAULT_OPERATOR = { name: 'SimFill', email: 'support@simfill.localhost', address: '' };

/** Builds the HTTP app from its parts. No side effects on import; nothing listens until the caller says so. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    bodyLimit: options.http.bodyLimitBytes,
    genReqId: () => newId('request'),
    requestIdHeader: false,
    // One log line per request, written when it completes (method, route, status, time), instead of two.
    logController: new LogController({ requestIdLogLabel: 'request_id', disableRequestLogging: true }),
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    trustProxy: trustProxySetting(options.http.trustProxy),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('locale', 'en');

  await app.register(fastifyCookie);
  app.addHook('onRequest', (request, reply, done) => {
    request.locale = resolveLocale(request.cookies[LOCALE_COOKIE], request.headers['accept-language']);
    void reply.header('request-id', request.id).header('content-language', request.locale);
    done();
  });

  app.addHook('onResponse', (request, reply, done) => {
    request.log.info(
      {
        method: request.method,
        url: request.url.slice(0, 500),
        route: request.routeOptions.url,
        status_code: reply.statusCode,
        response_time_ms: Math.round(reply.elapsedTime * 10) / 10,
      },
      'request completed',
    );
    done();
  });
  registerErrorHandler(app, { bodyLimitBytes: options.http.bodyLimitBytes });
  registerNulGuard(app);
  const webDistDir = options.webDistDir && fs.existsSync(options.webDistDir) ? options.webDistDir : undefined;
  registerRouteFallbacks(app, { webDistDir });

  registerSecurityHeaders(app, { https: options.http.baseUrl.startsWith('https://') });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'SimFill API',
        version: options.version ?? '0.1.0',
        description:
          'Prepaid mobile data: US carrier plans and travel eSIMs. Errors always have the shape ' +
          '`{ "error": { "type", "code", "message", "param"? } }`; messages follow `Accept-Language` (zh-CN, en).',
      },
      servers: [{ url: options.http.baseUrl }],
      tags: [
        { name: 'catalog', description: 'Carriers and plans' },
        { name: 'esim', description: 'eSIMs: which phones take one' },
        {
          name: 'Lines',
          description: 'Your numbers, their personal centre, and what can be bought for them',
        },
        { name: 'accounts', description: 'Customer registration, sessions, profile, API keys' },
        { name: 'staff', description: 'Console sign-in, staff members and the audit log' },
        { name: 'operations', description: 'Health, readiness and metrics' },
        { name: 'development', description: 'Embedded mode only: the development mailbox' },
      ],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/docs',
    staticCSP: true,
    // Swagger UI sets inline styles when it expands operations; allow them on /docs only.
    transformStaticCSP: (header) =>
      header.replace("style-src 'self' https:", "style-src 'self' https: 'unsafe-inline'"),
    uiConfig: { url: '/v1/openapi.json', docExpansion: 'list', deepLinking: true },
  });
  await registerMetrics(app, options.http.metrics);
  const secureCookies = options.http.baseUrl.startsWith('https://');
  const identity: IdentityDeps = {
    db: options.database.db,
    jobs: options.jobs,
    clock: options.clock,
    baseUrl: options.http.baseUrl,
    staffTotpRequired: options.staffTotpRequired ?? false,
  };
  registerAuth(app, identity, { secureCookies, localOperatorToken: options.localOperatorToken });
  registerIdempotency(app, { db: options.database.db, clock: options.clock, scopeOf: authSubject });
  // After idempotency: it stores the JSON a route wrote, so compression must come after it in onSend.
  registerCompression(app);

  registerOperations(app, options.database);
  const catalogCache = new ResponseCache(options.clock, options.catalogCacheTtlMs ?? 5_000);
  await app.register(catalogRoutes({ db: options.database.db, cache: catalogCache }), { prefix: '/v1' });
  await app.register(esimRoutes(), { prefix: '/v1' });
  await app.register(esimAdminRoutes({ db: options.database.db, clock: options.clock }), { prefix: '/v1' });
  if (options.esim?.smdpNotifications) {
    const { smdpId, secret } = options.esim.smdpNotifications;
    await app.register(
      smdpNotificationRoutes({
        db: options.database.db,
        clock: options.clock,
        smdpId,
        secret,
        parse: parseDownloadProgressInfo,
      }),
    );
  }
  await app.register(identityRoutes({ deps: identity, secureCookies }), { prefix: '/v1' });
  await app.register(staffRoutes({ deps: identity, secureCookies }), { prefix: '/v1' });
  await app.register(auditRoutes(options.database.db), { prefix: '/v1' });
  const checkout = { db: options.database.db, clock: options.clock };
  const lines: LinesDeps = {
    ...checkout,
    airtime: options.airtime?.provider,
    countries: options.airtime?.catalog.countries ?? ['US'],
  };
  await app.register(linesRoutes(lines), { prefix: '/v1' });
  await app.register(offerRoutes(lines), { prefix: '/v1' });
  await app.register(lineSummaryRoutes(options.database.db), { prefix: '/v1' });
  const providers = options.payments?.providers ?? { stripe: undefined, paypal: undefined };
  // Quotes refuse what the configured providers would refuse (Stripe's minimum charge).
  const pricing: PricingSettings = { ...options.pricing, minimumCharges: minimumChargesOf(providers) };
  const esimSources = options.esim?.sources ?? {};
  await app.register(quoteRoutes({ ...checkout, pricing, lines, esim: { sources: esimSources } }), {
    prefix: '/v1',
  });
  await app.register(pricingRoutes({ ...checkout, settings: pricing }), { prefix: '/v1' });
  const operator = options.payments?.operator ?? DEFAULT_OPERATOR;
  const flow = createCheckout({
    db: options.database.db,
    clock: options.clock,
    jobs: options.jobs,
    baseUrl: options.http.baseUrl,
    operator,
    providers,
    airtime: options.airtime && {
      provider: options.airtime.provider,
      settings: options.airtime.provisioning,
      float: options.airtime.float,
    },
    esim: options.esim,
  });
  await app.register(ordersRoutes(flow), { prefix: '/v1' });
  await app.register(esimProfileRoutes(flow.esim), { prefix: '/v1' });
  await app.register(payRoutes(flow), { prefix: '/v1' });
  await app.register(paymentsRoutes(flow.payments), { prefix: '/v1' });
  await app.register(accountExportRoutes({ db: options.database.db, identity, payments: flow.payments }), {
    prefix: '/v1',
  });
  await app.register(receiptAndWalletRoutes({ db: options.database.db, operator }), { prefix: '/v1' });
  await app.register(refundRoutes(flow), { prefix: '/v1' });
  await app.register(paymentWebhookRoutes(flow.payments), { prefix: '/v1' });
  await app.register(consoleOrderRoutes({ db: options.database.db }), { prefix: '/v1' });
  await app.register(customerOverviewRoutes({ db: options.database.db, clock: options.clock, identity }), {
    prefix: '/v1',
  });
  await app.register(esimConsoleRoutes({ db: options.database.db }), { prefix: '/v1' });
  if (options.airtime) {
    const provisioning = flow.provisioning;
    const catalog = { ...checkout, provider: options.airtime.provider, settings: options.airtime.catalog };
    await app.register(deliveryAdminRoutes(provisioning), { prefix: '/v1' });
    await app.register(lineSearchRoutes(options.database.db), { prefix: '/v1' });
    await app.register(assistedTopUpRoutes({ checkout: flow, lines, pricing }), { prefix: '/v1' });
    await app.register(provisioningAdminRoutes(provisioning), { prefix: '/v1' });
    await app.register(catalogAdminRoutes(catalog), { prefix: '/v1' });
    await app.register(reconciliationAdminRoutes(provisioning), { prefix: '/v1' });
  }
  if (options.devMailbox) await app.register(devMailboxRoutes(options.database.db), { prefix: '/v1' });
  app.get('/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  if (webDistDir) {
    await app.register(fastifyStatic, {
      root: webDistDir,
      wildcard: false,
      // web/build/precompress.ts writes .br and .gz beside each file; sent by Accept-Encoding, with Vary.
      preCompressed: true,
      index: ['index.html'],
      setHeaders: (reply, filePath) => {
        // Vite fingerprints everything under assets/; index.html must always be revalidated.
        void reply.header(
          'cache-control',
          filePath.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }
  return app;
}

/** A number of hops becomes proxy-addr's "trust the n nearest hops"; the rest Fastify takes as they are. */
function trustProxySetting(value: boolean | number | string[] | undefined) {
  if (typeof value === 'number') return (_address: string, hop: number) => hop < value;
  return value ?? false;
}

function registerOperations(app: FastifyInstance, database: Database): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get(
    '/healthz',
    {
      schema: {
        tags: ['operations'],
        summary: 'The process is up',
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );
  typed.get(
    '/readyz',
    {
      schema: {
        tags: ['operations'],
        summary: 'The database is reachable and every migration is applied',
        response: {
          200: z.object({ status: z.literal('ready'), database: z.enum(['postgres', 'pglite']) }),
          ...errorResponses(503),
        },
      },
    },
    async (request, reply) => {
      try {
        const status = await migrationStatus(database);
        if (status.pending.length === 0) return { status: 'ready' as const, database: database.kind };
        request.log.warn({ pending: status.pending }, 'migrations pending');
      } catch (error) {
        request.log.warn({ err: error }, 'database not reachable');
      }
      return sendError(reply, serviceUnavailable());
    },
  );
}
