import { createHash, timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { AppError } from '../kernel/errors.js';
import { registerErrorHandler, sendError } from './errors.js';
import { registerRouteFallbacks } from './routing.js';

/**
 * Prometheus metrics at `/metrics`: request counts and latency by method, route pattern and status. Each app
 * has its own registry, so tests and embedded servers in one process never mix their numbers.
 *
 * In production the endpoint can be closed to the public: `token` (METRICS_TOKEN) makes it answer only
 * `Authorization: Bearer <token>`, and `listen` (METRICS_HOST/METRICS_PORT) moves it off the public listener
 * onto its own (`app.metricsServer`, started by the caller after `app.listen`). Without either it is open on
 * the app's own port, as embedded mode wants.
 */
export interface MetricsOptions {
  token?: string;
  listen?: { host: string; port: number };
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The separate metrics listener, when `metrics.listen` is set; not listening until the caller says so. */
    metricsServer: FastifyInstance | undefined;
  }
}

const sha256 = (text: string) => createHash('sha256').update(text).digest();

function metricsRoute(target: FastifyInstance, registry: Registry, token: string | undefined): void {
  const expected = token === undefined ? undefined : sha256(token);
  const authorized = (request: FastifyRequest) => {
    if (!expected) return true;
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    // Hashes of equal length: the comparison time says nothing about the token.
    return match !== null && timingSafeEqual(sha256(match[1]!), expected);
  };
  target.get(
    '/metrics',
    { schema: { tags: ['operations'], summary: 'Prometheus metrics (text exposition format)' } },
    async (request: FastifyRequest, reply: FastifyReply) => {
      if (!authorized(request)) {
        return sendError(
          reply,
          new AppError('metrics_token_invalid', {
            headers: { 'www-authenticate': 'Bearer realm="metrics"' },
          }),
        );
      }
      return reply.type(registry.contentType).send(await registry.metrics());
    },
  );
}

/** A listener of its own that serves `/metrics` and nothing else (404 in the one error shape). */
async function buildMetricsServer(registry: Registry, token: string | undefined): Promise<FastifyInstance> {
  const server = Fastify({ logger: false });
  server.decorateRequest('locale', 'en');
  registerErrorHandler(server, { bodyLimitBytes: 1024 });
  registerRouteFallbacks(server, { webDistDir: undefined });
  metricsRoute(server, registry, token);
  await server.ready();
  return server;
}

export async function registerMetrics(app: FastifyInstance, options: MetricsOptions = {}): Promise<Registry> {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'simfill_' });
  const labelNames = ['method', 'route', 'status_code'] as const;
  const requests = new Counter({
    name: 'simfill_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status code.',
    labelNames,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'simfill_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route pattern and status code.',
    labelNames,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });

  app.addHook('onResponse', (request, reply, done) => {
    // The route pattern, never the raw URL: raw URLs would explode label cardinality.
    const route = request.routeOptions.url ?? 'unmatched';
    const labels = { method: request.method, route, status_code: String(reply.statusCode) };
    requests.inc(labels);
    duration.observe(labels, reply.elapsedTime / 1000);
    done();
  });

  if (options.listen) {
    const server = await buildMetricsServer(registry, options.token);
    app.decorate('metricsServer', server);
    app.addHook('onClose', async () => {
      await server.close();
    });
  } else {
    app.decorate('metricsServer', undefined);
    metricsRoute(app, registry, options.token);
  }
  return registry;
}
