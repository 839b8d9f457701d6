import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ManualClock } from '../src/kernel/clock.js';
import { buildTestApp } from './helpers/app.js';
import { TestClient } from './helpers/client.js';
import { describeEachDatabase } from './helpers/databases.js';
import { linkIn, useMailWorld } from './helpers/mail.js';

/**
 * Hostile input on every identity field: 10 kB strings and SQL metacharacters get the one error shape with the
 * field named, in the user's language, and change nothing.
 */
describeEachDatabase('identity endpoints under hostile input', (testDb) => {
  const clock = new ManualClock('2026-11-24T08:00:00Z');
  const mail = useMailWorld(testDb, clock);
  let app: FastifyInstance;
  let customer: TestClient;
  let ip = 0;
  beforeAll(async () => {
    app = await buildTestApp(testDb.database, { clock, jobs: mail.jobs });
    customer = new TestClient(app, { ip: '198.18.0.1' });
    await customer.post('/v1/registrations', {
      email: 'hostile@example.com',
      password: 'hostile test password',
    });
    const message = await mail.nextMessageTo('hostile@example.com');
    const token = new URL(linkIn(message, 'http://localhost:8080/verify-email')).searchParams.get('token');
    await customer.post('/v1/email-verifications', { token });
    await customer.post('/v1/sessions', { email: 'hostile@example.com', password: 'hostile test password' });
  });
  afterAll(async () => {
    await app?.close();
  });

  const LONG = 'x'.repeat(10_240);
  const SQL = "' OR '1'='1'; DROP TABLE identity_customers; --";

  /** Everything a request could have changed, as one comparable snapshot. */
  async function snapshot() {
    const tables = [
      'identity_customers',
      'identity_sessions',
      'identity_tokens',
      'identity_api_keys',
      'identity_staff',
    ];
    const counts: Record<string, number> = {};
    for (const table of tables) {
      counts[table] = (
        await testDb.database.query<{ n: number }>(`select count(*)::int as n from ${table}`)
      ).rows[0]!.n;
    }
    const row = await testDb.database.query(
      'select email, password_hash, phone, name, locale, display_currency, time_zone, status from identity_customers',
    );
    return { counts, customers: row.rows };
  }

  type Case = { method: 'POST' | 'PATCH'; path: string; body: Record<string, unknown>; signedIn?: boolean };
  const CASES: Case[] = [
    {
      method: 'POST',
      path: '/v1/registrations',
      body: {
        email: 'new@example.com',
        password: 'new password 123',
        phone: '+16462174599',
        name: 'N',
        time_zone: 'UTC',
      },
    },
    {
      method: 'POST',
      path: '/v1/sessions',
      body: { email: 'hostile@example.com', password: 'hostile test password' },
    },
    { method: 'POST', path: '/v1/email-verifications', body: { token: 'abc' } },
    { method: 'POST', path: '/v1/email-verifications/resend', body: { email: 'hostile@example.com' } },
    { method: 'POST', path: '/v1/password-resets', body: { email: 'hostile@example.com' } },
    {
      method: 'POST',
      path: '/v1/password-resets/confirm',
      body: { token: 'abc', new_password: 'another password 1' },
    },
    {
      method: 'POST',
      path: '/v1/staff/sessions',
      body: { email: 'staff@example.com', password: 'staff password 1' },
    },
    {
      method: 'POST',
      path: '/v1/staff/password-setups',
      body: { token: 'abc', password: 'staff password 1' },
    },
    {
      method: 'PATCH',
      path: '/v1/account',
      body: { name: 'N', phone: '+16462174599', time_zone: 'UTC', locale: 'en', display_currency: 'USD' },
      signedIn: true,
    },
    {
      method: 'POST',
      path: '/v1/account/password',
      body: { current_password: 'hostile test password', new_password: 'x new password 9' },
      signedIn: true,
    },
    {
      method: 'POST',
      path: '/v1/account/api-keys',
      body: { name: 'Key', mode: 'test', scopes: ['account:read'] },
      signedIn: true,
    },
    {
      method: 'POST',
      path: '/v1/account/deletion',
      body: { password: 'hostile test password' },
      signedIn: true,
    },
  ];

  it('answers a 10 kB value in any field with 400 naming that field, in Chinese when asked, and changes nothing', async () => {
    const before = await snapshot();
    for (const testCase of CASES) {
      for (const field of Object.keys(testCase.body)) {
        const client = testCase.signedIn ? customer : new TestClient(app, { ip: `198.18.1.${++ip}` });
        const body = { ...testCase.body, [field]: LONG };
        const response = await client.request(testCase.method, testCase.path, body, {
          'accept-language': 'zh-CN',
        });
        const label = `${testCase.method} ${testCase.path} ${field}`;
        expect(response.statusCode, label).toBe(400);
        const error = response.json().error;
        expect(error.param, label).toBe(field);
        expect(error.type, label).toBe('invalid_request_error');
        expect(error.message, label).toMatch(/[\u4e00-\u9fff]/);
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  it('never lets SQL metacharacters reach SQL as code: each gets a 4xx and nothing changes', async () => {
    const before = await snapshot();
    for (const testCase of CASES) {
      for (const field of Object.keys(testCase.body)) {
        // Free text (a name) may legitimately contain quotes; it is stored as text (tested elsewhere).
        if (field === 'name') continue;
        // …and so may a new password (it is only ever hashed): accepting it is right, not a leak.
        const setsPassword =
          (testCase.path === '/v1/registrations' && field === 'password') ||
          (testCase.path === '/v1/account/password' && field === 'new_password');
        if (setsPassword) continue;
        const client = testCase.signedIn ? customer : new TestClient(app, { ip: `198.18.2.${++ip}` });
        const response = await client.request(testCase.method, testCase.path, {
          ...testCase.body,
          [field]: SQL,
        });
        const label = `${testCase.method} ${testCase.path} ${field}: ${response.body.slice(0, 120)}`;
        expect(response.statusCode, label).toBeGreaterThanOrEqual(400);
        expect(response.statusCode, label).toBeLessThan(500);
        expect(Object.keys(response.json().error).sort(), label).toEqual(
          response.json().error.param ? ['code', 'message', 'param', 'type'] : ['code', 'message', 'type'],
        );
      }
    }
    const after = await snapshot();
    expect(after.counts.identity_customers).toBe(before.counts.identity_customers);
    expect(after.customers).toEqual(before.customers);
    expect((await customer.get('/v1/session')).statusCode).toBe(200);
  });
});
