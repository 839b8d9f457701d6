import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/kernel/clock.js';
import { purgeExpiredIdempotencyKeys } from '../src/kernel/idempotency/plugin.js';
import { newId } from '../src/kernel/ids.js';
import { buildTestApp } from './helpers/app.js';
import { describeEachDatabase, useDatabase } from './helpers/databases.js';

/**
 * A creating POST (`config.idempotent`) that counts how often its handler really runs; `/slow` waits for the
 * test to release it so a second request can arrive while the first is in flight.
 */
describeEachDatabase('Idempotency-Key on creating POSTs', (testDb) => {
  const clock = new ManualClock('2026-11-24T08:00:00Z');
  let app: FastifyInstance;
  let created = 0;
  let failNext = false;
  let releaseSlow: (() => void) | undefined;

  beforeAll(async () => {
    app = await buildTestApp(testDb.database, {
      clock,
      routes: (instance) => {
        const body = z.object({ amount_minor: z.number().int(), note: z.string().optional() });
        instance.post(
          '/v1/test/top-ups',
          { schema: { body }, config: { idempotent: true } },
          async (_request, reply) => {
            if (failNext) {
              failNext = false;
              throw new Error('provider timed out');
            }
            created += 1;
            return reply
              .code(201)
              .header('location', `/v1/test/top-ups/${created}`)
              .send({ id: newId('job'), n: created });
          },
        );
        instance.post('/v1/test/slow', { schema: { body }, config: { idempotent: true } }, async () => {
          await new Promise<void>((resolve) => {
            releaseSlow = resolve;
          });
          created += 1;
          return { n: created };
        });
      },
    });
  });
  afterAll(async () => app?.close());

  const post = (key: string | undefined, payload: object, url = '/v1/test/top-ups') =>
    app.inject({
      method: 'POST',
      url,
      payload,
      headers: key === undefined ? {} : { 'idempotency-key': key },
    });

  it('replays the first response for the same key and body, without running the handler again', async () => {
    const before = created;
    const first = await post('key-replay', { amount_minor: 1000 });
    expect(first.statusCode).toBe(201);
    const second = await post('key-replay', { amount_minor: 1000 });
    expect(second.statusCode).toBe(201);
    expect(second.json()).toEqual(first.json());
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.headers.location).toBe(first.headers.location);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(created).toBe(before + 1);
  });

  it('refuses the same key with a different body (422) and changes nothing', async () => {
    await post('key-reused', { amount_minor: 1000 });
    const before = created;
    const other = await post('key-reused', { amount_minor: 2000 });
    expect(other.statusCode).toBe(422);
    expect(other.json()).toMatchObject({
      error: { type: 'idempotency_error', code: 'idempotency_key_reused', param: 'Idempotency-Key' },
    });
    expect(created).toBe(before);
  });

  it('answers 409 while the first request with the key is still running', async () => {
    const before = created;
    const first = post('key-slow', { amount_minor: 1 }, '/v1/test/slow');
    await expect.poll(() => releaseSlow !== undefined).toBe(true);
    const second = await post('key-slow', { amount_minor: 1 }, '/v1/test/slow');
    expect(second.statusCode).toBe(409);
    expect((second.json() as { error: { code: string } }).error.code).toBe('idempotency_key_in_flight');
    releaseSlow!();
    expect((await first).statusCode).toBe(200);
    const third = await post('key-slow', { amount_minor: 1 }, '/v1/test/slow');
    expect(third.headers['idempotent-replayed']).toBe('true');
    expect(created).toBe(before + 1);
  });

  it('releases the key after a server error so the client can retry', async () => {
    const before = created;
    failNext = true;
    const failed = await post('key-500', { amount_minor: 5 });
    expect(failed.statusCode).toBe(500);
    const retried = await post('key-500', { amount_minor: 5 });
    expect(retried.statusCode).toBe(201);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    expect(created).toBe(before + 1);
  });

  it('keeps keys 24 hours, then treats the key as new and purges it', async () => {
    const first = await post('key-expiry', { amount_minor: 7 });
    clock.advance(23 * 60 * 60 * 1000);
    expect((await post('key-expiry', { amount_minor: 7 })).headers['idempotent-replayed']).toBe('true');
    clock.advance(60 * 60 * 1000 + 1);
    const later = await post('key-expiry', { amount_minor: 7 });
    expect(later.headers['idempotent-replayed']).toBeUndefined();
    expect(later.json()).not.toEqual(first.json());
    clock.advance(24 * 60 * 60 * 1000 + 1);
    expect(await purgeExpiredIdempotencyKeys(testDb.database.db, clock)).toBeGreaterThanOrEqual(1);
    const rows = await testDb.database.query<{ count: number }>(
      'select count(*)::int as count from kernel_idempotency_keys where expires_at <= $1',
      [clock.now()],
    );
    expect(rows.rows[0]!.count).toBe(0);
  });

  it('rejects malformed keys with 400 naming the header', async () => {
    for (const key of ['x'.repeat(256), 'has space', 'ключ']) {
      const response = await post(key, { amount_minor: 1 });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({
        error: { code: 'idempotency_key_invalid', param: 'Idempotency-Key' },
      });
    }
  });

  it('runs the handler every time when no key is sent', async () => {
    const before = created;
    await post(undefined, { amount_minor: 1 });
    await post(undefined, { amount_minor: 1 });
    expect(created).toBe(before + 2);
  });
});

describe('Idempotency-Key under concurrency [postgres]', () => {
  // PGlite has one session; only the real server shows that simultaneous requests never both run.
  const testDb = useDatabase('postgres');
  let app: FastifyInstance;
  let runs = 0;

  beforeAll(async () => {
    app = await buildTestApp(testDb.database, {
      routes: (instance) => {
        instance.post('/v1/test/charges', { config: { idempotent: true } }, async (_request, reply) => {
          runs += 1;
          await new Promise((resolve) => setTimeout(resolve, 50));
          return reply.code(201).send({ charged: true });
        });
      },
    });
  });
  afterAll(async () => app?.close());

  it('runs the handler once when 20 requests with one key arrive together', async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        app.inject({
          method: 'POST',
          url: '/v1/test/charges',
          payload: { amount_minor: 100 },
          headers: { 'idempotency-key': 'same-key' },
        }),
      ),
    );
    expect(runs).toBe(1);
    const statuses = responses.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(statuses.filter((s) => s !== 409).length);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
  });
});
