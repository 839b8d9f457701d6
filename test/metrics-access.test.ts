import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { MetricsOptions } from '../src/http/metrics.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from './helpers/app.js';
import { useDatabase } from './helpers/databases.js';

/**
 * `/metrics` is open on the app's port by default (embedded mode), and in production can require a bearer token
 * (METRICS_TOKEN) and/or move to a listener of its own (METRICS_HOST/METRICS_PORT). /metrics reads no
 * database, so one kind is enough here.
 */
describe('who can read /metrics', () => {
  const testDb = useDatabase('pglite');
  const TOKEN = 'metrics-token-0123456789abcdef0123456789abcdef';
  const apps: FastifyInstance[] = [];
  const appWith = async (metrics?: MetricsOptions) => {
    const app = await buildTestApp(testDb.database, { metrics });
    apps.push(app);
    return app;
  };
  afterAll(async () => {
    for (const app of apps) await app.close();
  });

  it('is open on the app port when nothing is configured', async () => {
    const app = await appWith();
    const response = await app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('simfill_http_requests_total');
  });

  it('with METRICS_TOKEN answers only the bearer of that token', async () => {
    const app = await appWith({ token: TOKEN });
    for (const authorization of [undefined, 'Bearer wrong-token', `Basic ${TOKEN}`, `Bearer ${TOKEN}x`]) {
      const response = await app.inject({
        method: 'GET',
        url: '/metrics',
        headers: { ...(authorization ? { authorization } : {}), 'accept-language': 'zh-CN' },
      });
      expect(response.statusCode, authorization).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Bearer realm="metrics"');
      expect(response.json()).toEqual({
        error: {
          type: 'authentication_error',
          code: 'metrics_token_invalid',
          message: '需要有效的指标令牌（Authorization: Bearer …）。',
        },
      });
      expect(response.body).not.toContain('simfill_');
    }
    const allowed = await app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(allowed.statusCode).toBe(200);
    expect(allowed.body).toContain('simfill_http_requests_total');
  });

  describe('with METRICS_PORT', () => {
    let app: FastifyInstance;
    let metricsUrl: string;
    beforeAll(async () => {
      app = await appWith({ token: TOKEN, listen: { host: '127.0.0.1', port: 0 } });
      await app.metricsServer!.listen({ host: '127.0.0.1', port: 0 });
      metricsUrl = `http://127.0.0.1:${(app.metricsServer!.server.address() as AddressInfo).port}`;
    });

    it('serves /metrics on its own listener only, still behind the token, counting the public app', async () => {
      const onPublicPort = await app.inject({ method: 'GET', url: '/metrics' });
      expect(onPublicPort.statusCode).toBe(404);
      expect(onPublicPort.json<{ error: { code: string } }>().error.code).toBe('route_not_found');
      expect((await fetch(`${metricsUrl}/metrics`)).status).toBe(401);
      const scraped = await fetch(`${metricsUrl}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(scraped.status).toBe(200);
      // The public app's own requests are what it counts (here the refused /metrics on the public port).
      expect(await scraped.text()).toMatch(
        /simfill_http_requests_total\{method="GET",route="[^"]+",status_code="404"\} 1/,
      );
      const elsewhere = await fetch(`${metricsUrl}/v1/carriers`);
      expect(elsewhere.status).toBe(404);
    });

    it('closes with the app', async () => {
      await app.close();
      await expect(fetch(`${metricsUrl}/metrics`)).rejects.toThrow();
    });
  });
});
