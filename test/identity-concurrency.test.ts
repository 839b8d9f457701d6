import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/kernel/clock.js';
import { buildTestApp } from './helpers/app.js';
import { TestClient } from './helpers/client.js';
import { useDatabase } from './helpers/databases.js';
import { linkIn, useMailWorld } from './helpers/mail.js';

/** Races that PGlite (one session) cannot stage: real PostgreSQL with a pool of connections. */
describe('identity under concurrent requests [postgres]', () => {
  const testDb = useDatabase('postgres');
  const clock = new ManualClock('2026-11-24T08:00:00Z');
  const mail = useMailWorld(testDb, clock);
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp(testDb.database, { clock, jobs: mail.jobs });
  });
  afterAll(async () => {
    await app?.close();
  });
  const count = async (sql: string, values: unknown[] = []) =>
    (await testDb.database.query<{ n: number }>(sql, values)).rows[0]!.n;

  it('creates one account when the same email registers ten times at once', async () => {
    const attempts = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        new TestClient(app, { ip: `10.0.0.${i + 1}` }).post('/v1/registrations', {
          email: 'race@example.com',
          password: `race password ${i}`,
        }),
      ),
    );
    // Five registration emails per address per hour: the rest are told to wait, none fails.
    const statuses = attempts.map((response) => response.statusCode).sort();
    expect(statuses).toEqual([...Array(5).fill(202), ...Array(5).fill(429)]);
    expect(
      await count(
        "select count(*)::int as n from identity_customers where email_normalized = 'race@example.com'",
      ),
    ).toBe(1);
  });

  it('lets a reset link work exactly once when it is submitted five times at once', async () => {
    const client = new TestClient(app, { ip: '10.0.1.1' });
    await client.post('/v1/registrations', { email: 'once@example.com', password: 'once password 1' });
    await mail.nextMessageTo('once@example.com');
    await client.post('/v1/password-resets', { email: 'once@example.com' });
    const message = await mail.nextMessageTo('once@example.com');
    const token = new URL(linkIn(message, 'http://localhost:8080/reset-password')).searchParams.get('token');
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        new TestClient(app, { ip: `10.0.2.${i + 1}` }).post('/v1/password-resets/confirm', {
          token,
          new_password: `new password number ${i}`,
        }),
      ),
    );
    const statuses = results.map((response) => response.statusCode).sort();
    expect(statuses).toEqual([200, 400, 400, 400, 400]);
    expect(
      await count(
        "select count(*)::int as n from admin_audit_events where action = 'customer.password_reset_completed'",
      ),
    ).toBe(1);
  });

  it('counts every one of 20 simultaneous wrong passwords', async () => {
    const owner = new TestClient(app, { ip: '10.0.3.1' });
    await owner.post('/v1/registrations', { email: 'stormed@example.com', password: 'stormed password' });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        new TestClient(app, { ip: `10.0.4.${i + 1}` }).post('/v1/sessions', {
          email: 'stormed@example.com',
          password: `wrong ${i}`,
        }),
      ),
    );
    expect(results.every((response) => [401, 429].includes(response.statusCode))).toBe(true);
    const failures = await count(
      "select count(*)::int as n from admin_audit_events where action = 'customer.login_failed' and details->>'reason' = 'wrong_password'",
    );
    const counter = await testDb.database.query<{ count: number }>(
      "select count from identity_rate_counters where bucket like 'login_fail:account:%'",
    );
    expect(counter.rows[0]!.count).toBe(failures);
    const right = await owner.post('/v1/sessions', {
      email: 'stormed@example.com',
      password: 'stormed password',
    });
    expect(right.statusCode).toBe(429);
  });
});
