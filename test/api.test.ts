import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/index.js';
import { systemClock } from '../src/kernel/clock.js';
import { seedDemoCatalog } from '../src/modules/catalog/service.js';
import { carrierSchema, planSchema } from '../src/modules/catalog/routes.js';
import { listEnvelopeSchema } from '../src/kernel/pagination.js';
import { buildTestApp, TEST_BODY_LIMIT_BYTES } from './helpers/app.js';
import { describeEachDatabase } from './helpers/databases.js';

interface ErrorBody {
  error: { type: string; code: string; message: string; param?: string };
}

function expectError(
  response: { statusCode: number; json(): unknown },
  status: number,
  code: string,
  param?: string,
) {
  expect(response.statusCode).toBe(status);
  const body = response.json() as ErrorBody;
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(5);
  if (param !== undefined) expect(body.error.param).toBe(param);
  expect(Object.keys(body)).toEqual(['error']);
  return body.error;
}

describeEachDatabase('HTTP API', (testDb) => {
  let app: FastifyInstance;
  let postBodies = 0;

  beforeAll(async () => {
    await seedDemoCatalog(testDb.database.db, systemClock);
    app = await buildTestApp(testDb.database, {
      routes: (instance) => {
        instance.post(
          '/v1/test/echo',
          {
            schema: {
              body: z.object({ amount_minor: z.number().int().min(1), currency: z.enum(['USD', 'CNY']) }),
            },
          },
          async (request) => {
            postBodies += 1;
            return { received: request.body };
          },
        );
        instance.get('/v1/test/boom', async () => {
          throw new Error('connection to postgres://admin:hunter2@db failed at /srv/app/secret.ts:42');
        });
      },
    });
  });
  afterAll(async () => app?.close());

  describe('operations', () => {
    it('answers /healthz and /readyz when the database is migrated', async () => {
      expect((await app.inject('/healthz')).json()).toEqual({ status: 'ok' });
      const ready = await app.inject('/readyz');
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toEqual({ status: 'ready', database: testDb.kind });
    });

    it('puts a request id on every response, errors included', async () => {
      const ok = await app.inject('/healthz');
      const missing = await app.inject('/nope');
      expect(ok.headers['request-id']).toMatch(/^req_[0-9a-z]{26}$/);
      expect(missing.headers['request-id']).toMatch(/^req_[0-9a-z]{26}$/);
      expect(ok.headers['request-id']).not.toBe(missing.headers['request-id']);
    });

    it('sends security headers on every response, and lets Swagger UI style itself', async () => {
      for (const url of ['/v1/plans?limit=1', '/nope', '/healthz']) {
        const response = await app.inject(url);
        expect(response.headers['x-content-type-options']).toBe('nosniff');
        expect(response.headers['content-security-policy']).toContain("script-src 'self'");
        expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
        expect(response.headers['strict-transport-security']).toBeUndefined(); // plain http here
      }
      const docs = await app.inject('/docs');
      expect(docs.headers['content-security-policy']).toContain("'unsafe-inline'");
    });

    it('counts requests by route pattern and status in /metrics', async () => {
      await app.inject('/v1/plans?limit=1');
      await app.inject('/v1/plans/plan_nope');
      const metrics = await app.inject('/metrics');
      expect(metrics.headers['content-type']).toContain('text/plain');
      expect(metrics.body).toMatch(
        /simfill_http_requests_total\{method="GET",route="\/v1\/plans",status_code="200"\} \d+/,
      );
      expect(metrics.body).toContain('route="/v1/plans/:id",status_code="404"');
      expect(metrics.body).toContain('simfill_http_request_duration_seconds_bucket');
    });

    it('publishes an OpenAPI 3.1 document with every route and the error shape, and Swagger UI', async () => {
      const response = await app.inject('/v1/openapi.json');
      const document = response.json() as {
        openapi: string;
        paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
        components: { schemas: Record<string, unknown> };
      };
      expect(document.openapi).toBe('3.1.0');
      for (const path of ['/v1/carriers', '/v1/plans', '/v1/plans/{id}', '/healthz', '/readyz', '/metrics']) {
        expect(Object.keys(document.paths)).toContain(path);
      }
      expect(document.paths['/v1/plans']?.get?.responses['400']).toBeDefined();
      expect(Object.keys(document.components.schemas)).toEqual(
        expect.arrayContaining(['Plan', 'Carrier', 'Error']),
      );
      const docs = await app.inject('/docs');
      expect(docs.statusCode).toBe(200);
      expect(docs.body).toContain('<title>Swagger UI</title>');
      const initializer = await app.inject('/docs/static/swagger-initializer.js');
      expect(initializer.body).toContain('/v1/openapi.json');
    });
  });

  describe('catalog', () => {
    it('lists the carriers: three networks and two MVNOs on them', async () => {
      const body = (await app.inject('/v1/carriers')).json() as {
        data: { id: string; slug: string; kind: string; host_carrier: string | null }[];
      };
      expect(body.data.map((c) => c.slug).sort()).toEqual(['att', 'cricket', 'mint', 't-mobile', 'verizon']);
      const bySlug = new Map(body.data.map((c) => [c.slug, c]));
      expect(bySlug.get('mint')?.host_carrier).toBe(bySlug.get('t-mobile')?.id);
      expect(bySlug.get('cricket')?.host_carrier).toBe(bySlug.get('att')?.id);
      expect(bySlug.get('verizon')?.kind).toBe('mno');
    });

    it('pages through every plan with limit and starting_after, without gaps or repeats', async () => {
      const first = (await app.inject('/v1/plans')).json() as { data: { id: string }[]; has_more: boolean };
      expect(first.data).toHaveLength(20);
      expect(first.has_more).toBe(true);
      const seen = first.data.map((p) => p.id);
      let cursor = seen.at(-1)!;
      for (;;) {
        const page = (await app.inject(`/v1/plans?limit=7&starting_after=${cursor}`)).json() as {
          data: { id: string }[];
          has_more: boolean;
        };
        seen.push(...page.data.map((p) => p.id));
        if (!page.has_more) break;
        cursor = page.data.at(-1)!.id;
      }
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toHaveLength(23);
      expect([...seen].sort()).toEqual(seen);
    });

    it('describes what a plan gives: quota, speed after it, validity, voice, SMS, coverage, devices, price', async () => {
      const list = (await app.inject('/v1/plans?carrier=att&unlimited=true')).json() as {
        data: { id: string }[];
      };
      expect(list.data).toHaveLength(1);
      const plan: unknown = (await app.inject(`/v1/plans/${list.data[0]!.id}`)).json();
      expect(plan).toMatchObject({
        object: 'plan',
        slug: 'att-unlimited-monthly',
        carrier: { slug: 'att', name: 'AT&T' },
        sim_types: ['psim', 'esim'],
        data: { quota_mb: 16384, unlimited: true, speed_after_quota_kbps: 1536 },
        validity: { period: 'monthly', days: 30 },
        voice: { included: true, unlimited: true },
        sms: { included: true, unlimited: true },
        coverage: { region: 'north_america', countries: ['US', 'CA', 'MX'] },
        shareable_devices: 5,
        price: { amount_minor: 6500, currency: 'USD' },
      });
    });

    it('answers exactly the documented schema, cached or not', async () => {
      const list = (await app.inject('/v1/plans?limit=100')).json() as { data: { id: string }[] };
      expect(listEnvelopeSchema(planSchema).strict().parse(list).data).toHaveLength(23);
      const again = await app.inject('/v1/plans?limit=100');
      expect(again.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(again.json()).toEqual(list);
      planSchema.strict().parse((await app.inject(`/v1/plans/${list.data[3]!.id}`)).json());
      listEnvelopeSchema(carrierSchema).parse((await app.inject('/v1/carriers')).json());
    });

    it('covers 1 GB, 5 GB, 10 GB and unlimited, every validity, physical SIMs and eSIMs', async () => {
      const plans = (await app.inject('/v1/plans?limit=100')).json() as {
        data: {
          data: { quota_mb: number; unlimited: boolean };
          validity: { period: string };
          sim_types: string[];
        }[];
      };
      const quotas = new Set(plans.data.filter((p) => !p.data.unlimited).map((p) => p.data.quota_mb));
      for (const mb of [1024, 5120, 10240]) expect(quotas).toContain(mb);
      expect(plans.data.some((p) => p.data.unlimited)).toBe(true);
      expect(new Set(plans.data.map((p) => p.validity.period))).toEqual(
        new Set(['daily', '7_days', '30_days', 'monthly', 'quarterly']),
      );
      expect(plans.data.some((p) => p.sim_types.includes('psim'))).toBe(true);
      expect(plans.data.some((p) => p.sim_types.includes('esim'))).toBe(true);
    });

    it('filters by carrier (slug or id), SIM type, data, validity and country', async () => {
      type Plan = {
        id: string;
        carrier: { slug: string; id: string } | null;
        sim_types: string[];
        data: { quota_mb: number; unlimited: boolean };
        validity: { period: string };
        coverage: { countries: string[] };
      };
      const get = async (query: string) =>
        ((await app.inject(`/v1/plans?limit=100&${query}`)).json() as { data: Plan[] }).data;

      const tmobile = await get('carrier=t-mobile');
      expect(tmobile.length).toBeGreaterThan(0);
      expect(tmobile.every((p) => p.carrier?.slug === 't-mobile')).toBe(true);
      expect(await get(`carrier=${tmobile[0]!.carrier!.id}`)).toEqual(tmobile);

      const physical = await get('sim_type=psim');
      expect(physical.every((p) => p.sim_types.includes('psim'))).toBe(true);
      expect(physical.length).toBeLessThan((await get('')).length);

      const big = await get('min_data_mb=10240');
      expect(big.every((p) => p.data.unlimited || p.data.quota_mb >= 10240)).toBe(true);
      expect(big.some((p) => p.data.unlimited)).toBe(true);
      expect((await get('unlimited=true')).every((p) => p.data.unlimited)).toBe(true);
      expect((await get('unlimited=false')).every((p) => !p.data.unlimited)).toBe(true);

      const quarterly = await get('validity=quarterly');
      expect(quarterly.length).toBeGreaterThanOrEqual(2);
      expect(quarterly.every((p) => p.validity.period === 'quarterly')).toBe(true);

      const china = await get('country=cn');
      expect(china.length).toBeGreaterThan(0);
      expect(china.every((p) => p.coverage.countries.includes('CN'))).toBe(true);

      const combined = await get('sim_type=esim&country=MX&min_data_mb=5120&validity=30_days');
      expect(combined.length).toBeGreaterThan(0);
      for (const p of combined) {
        expect(p.sim_types).toContain('esim');
        expect(p.coverage.countries).toContain('MX');
        expect(p.validity.period).toBe('30_days');
      }
      expect(await get('carrier=verizon&validity=daily')).toEqual([]);
    });

    it('names plans in the language the user chose, else the browser language', async () => {
      const url = '/v1/plans?carrier=att&limit=1';
      const zh = await app.inject({ url, headers: { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' } });
      expect(zh.headers['content-language']).toBe('zh-CN');
      expect((zh.json() as { data: { name: string }[] }).data[0]!.name).toBe('AT&T 预付费 5GB（30天）');
      const chosen = await app.inject({
        url,
        headers: { 'accept-language': 'zh-CN', cookie: 'simfill_locale=en' },
      });
      expect(chosen.headers['content-language']).toBe('en');
      expect((chosen.json() as { data: { name: string }[] }).data[0]!.name).toBe(
        'AT&T Prepaid 5GB (30 days)',
      );
    });
  });

  describe('bad input gets the one error shape, in the request language', () => {
    it('rejects invalid query values naming the parameter', async () => {
      expectError(await app.inject('/v1/plans?limit=0'), 400, 'parameter_invalid', 'limit');
      expectError(await app.inject('/v1/plans?limit=101'), 400, 'parameter_invalid', 'limit');
      expectError(await app.inject('/v1/plans?limit=ten'), 400, 'parameter_invalid', 'limit');
      const simType = expectError(
        await app.inject('/v1/plans?sim_type=nano'),
        400,
        'parameter_invalid',
        'sim_type',
      );
      expect(simType.message).toContain('psim, esim');
      expectError(await app.inject('/v1/plans?country=USA'), 400, 'parameter_invalid', 'country');
      expectError(await app.inject('/v1/plans?min_data_mb=-1'), 400, 'parameter_invalid', 'min_data_mb');
      expectError(await app.inject('/v1/plans?unlimited=yes'), 400, 'parameter_invalid', 'unlimited');
      expectError(await app.inject('/v1/plans?validity=weekly'), 400, 'parameter_invalid', 'validity');
      expectError(await app.inject('/v1/plans?colour=red'), 400, 'parameter_unknown', 'colour');
    });

    it('rejects a bad cursor and an unknown carrier', async () => {
      expectError(
        await app.inject('/v1/plans?starting_after=plan_nope'),
        400,
        'invalid_cursor',
        'starting_after',
      );
      expectError(
        await app.inject("/v1/plans?starting_after=1'%20or%201=1"),
        400,
        'invalid_cursor',
        'starting_after',
      );
      const carrier = expectError(
        await app.inject({ url: '/v1/plans?carrier=sprint', headers: { 'accept-language': 'zh-CN' } }),
        400,
        'parameter_invalid',
        'carrier',
      );
      expect(carrier.message).toContain('sprint');
      expect(carrier.message).toContain('运营商');
    });

    it('refuses NUL characters anywhere in the input instead of failing inside the database', async () => {
      const zh = { 'accept-language': 'zh-CN' };
      const query = expectError(
        await app.inject({ url: '/v1/plans?carrier=%00', headers: zh }),
        400,
        'parameter_invalid',
        'carrier',
      );
      expect(query.message).toContain('空字符');
      expectError(await app.inject('/v1/plans/plan_%00'), 400, 'parameter_invalid', 'id');
      const before = postBodies;
      const body = await app.inject({
        method: 'POST',
        url: '/v1/test/echo',
        payload: '{"amount_minor":1,"currency":"USD","note":["ok","a\\u0000b"]}',
        headers: { 'content-type': 'application/json' },
      });
      expectError(body, 400, 'parameter_invalid', 'note[1]');
      expect(postBodies).toBe(before);
    });

    it('answers 404 for an unknown plan, in Chinese for a Chinese browser', async () => {
      const error = expectError(
        await app.inject({
          url: '/v1/plans/plan_01jz8x4e5qf0m8g4v3k2y1t9bc',
          headers: { 'accept-language': 'zh-CN' },
        }),
        404,
        'resource_missing',
        'id',
      );
      expect(error.message).toBe('找不到套餐：plan_01jz8x4e5qf0m8g4v3k2y1t9bc。');
      expectError(await app.inject('/v1/plans/not-an-id'), 404, 'resource_missing', 'id');
    });

    it('answers unknown routes with 404 and wrong methods with 405 and Allow', async () => {
      expectError(await app.inject('/v1/nothing-here'), 404, 'route_not_found');
      const wrong = await app.inject({ method: 'DELETE', url: '/v1/plans' });
      expectError(wrong, 405, 'method_not_allowed');
      expect(wrong.headers.allow).toBe('GET, HEAD');
    });

    it('rejects malformed JSON, wrong types, missing fields and non-JSON bodies, changing nothing', async () => {
      const before = postBodies;
      const post = (payload: string, contentType = 'application/json') =>
        app.inject({
          method: 'POST',
          url: '/v1/test/echo',
          payload,
          headers: { 'content-type': contentType },
        });
      expectError(await post('{"amount_minor": 100,'), 400, 'invalid_json');
      expectError(await post(''), 400, 'invalid_json');
      expectError(
        await post('{"amount_minor":"100","currency":"USD"}'),
        400,
        'parameter_invalid',
        'amount_minor',
      );
      expectError(
        await post('{"amount_minor":1.5,"currency":"USD"}'),
        400,
        'parameter_invalid',
        'amount_minor',
      );
      expectError(await post('{"currency":"USD"}'), 400, 'parameter_missing', 'amount_minor');
      expectError(
        await post('amount_minor=1', 'application/x-www-form-urlencoded'),
        415,
        'unsupported_media_type',
      );
      expect(postBodies).toBe(before);
      expect((await post('{"amount_minor":100,"currency":"CNY"}')).statusCode).toBe(200);
      expect(postBodies).toBe(before + 1);
    });

    it('rejects an oversized body with 413', async () => {
      const payload = JSON.stringify({
        amount_minor: 1,
        currency: 'USD',
        padding: 'x'.repeat(TEST_BODY_LIMIT_BYTES),
      });
      const response = await app.inject({
        method: 'POST',
        url: '/v1/test/echo',
        payload,
        headers: { 'content-type': 'application/json' },
      });
      const error = expectError(response, 413, 'body_too_large');
      expect(error.message).toContain(String(TEST_BODY_LIMIT_BYTES));
    });

    it('hides internal errors behind a 500 that quotes only the request id', async () => {
      const response = await app.inject({ url: '/v1/test/boom', headers: { 'accept-language': 'zh-CN' } });
      const error = expectError(response, 500, 'internal_error');
      expect(error.message).toContain(String(response.headers['request-id']));
      expect(response.body).not.toMatch(/hunter2|postgres|secret|\.ts/);
      expect(error.message).toContain('请求编号');
    });
  });
});

describe('readiness', () => {
  it('is 503 until the migrations are applied', async () => {
    const database = await openDatabase({ kind: 'pglite' });
    const app = await buildTestApp(database);
    try {
      const response = await app.inject('/readyz');
      expectError(response, 503, 'service_unavailable');
      expect(response.headers['retry-after']).toBe('5');
    } finally {
      await app.close();
      await database.close();
    }
  });
});
