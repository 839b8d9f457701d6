import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ManualClock } from '../src/kernel/clock.js';
import { buildTestApp } from './helpers/app.js';
import { TestClient } from './helpers/client.js';
import { describeEachDatabase } from './helpers/databases.js';
import { linkIn, useMailWorld } from './helpers/mail.js';
import { aStaffMember } from './helpers/people.js';

/**
 * Session cookies behind https (BASE_URL https://…): both cookies are `Secure`, and clearing them repeats the
 * attributes they were set with, or the browser keeps a `__Host-` cookie that logout meant to delete. Every
 * response about a signed-in caller says `Cache-Control: no-store`.
 */
describeEachDatabase('session cookies under https and caching of authenticated responses', (testDb) => {
  const clock = new ManualClock('2026-11-24T08:00:00Z');
  const mail = useMailWorld(testDb, clock);
  const BASE_URL = 'https://simfill.example';
  let app: FastifyInstance;

  beforeAll(async () => {
    app = await buildTestApp(testDb.database, { clock, jobs: mail.jobs, baseUrl: BASE_URL });
  });
  afterAll(async () => {
    await app?.close();
  });

  /** Set-Cookie lines by cookie name, attributes lower-cased (what a browser parses). */
  const setCookies = (response: LightMyRequestResponse) => {
    const header = response.headers['set-cookie'];
    const lines = header === undefined ? [] : Array.isArray(header) ? header : [header];
    return new Map(
      lines.map((line) => {
        const [pair, ...attributes] = line.split(';').map((part) => part.trim());
        const name = pair!.slice(0, pair!.indexOf('='));
        return [
          name,
          { value: pair!.slice(name.length + 1), attributes: attributes.map((a) => a.toLowerCase()) },
        ];
      }),
    );
  };

  const expectCleared = (response: LightMyRequestResponse, names: string[]) => {
    const cookies = setCookies(response);
    for (const name of names) {
      const cookie = cookies.get(name);
      expect(cookie, name).toBeDefined();
      expect(cookie!.value, name).toBe('');
      expect(cookie!.attributes, name).toEqual(
        expect.arrayContaining(['secure', 'path=/', 'samesite=lax', 'expires=thu, 01 jan 1970 00:00:00 gmt']),
      );
    }
    expect(setCookies(response).get(names[0]!)!.attributes).toContain('httponly');
    expect(setCookies(response).get(names[1]!)!.attributes).not.toContain('httponly');
  };

  async function signedInCustomer(email: string) {
    const browser = new TestClient(app, { ip: '198.51.100.77' });
    expect(
      (await browser.post('/v1/registrations', { email, password: 'cookie password 12' })).statusCode,
    ).toBe(202);
    const token = new URL(
      linkIn(await mail.nextMessageTo(email), `${BASE_URL}/verify-email`),
    ).searchParams.get('token')!;
    await browser.post('/v1/email-verifications', { token });
    const login = await browser.post('/v1/sessions', { email, password: 'cookie password 12' });
    expect(login.statusCode).toBe(201);
    return { browser, login };
  }

  it('sets both customer cookies Secure and clears them at logout with the attributes they were set with', async () => {
    const { browser, login } = await signedInCustomer('cookies@example.com');
    const set = setCookies(login);
    expect(set.get('__Host-simfill_session')!.attributes).toEqual(
      expect.arrayContaining(['secure', 'httponly', 'path=/', 'samesite=lax']),
    );
    expect(set.get('simfill_signed_in')!.attributes).toEqual(
      expect.arrayContaining(['secure', 'path=/', 'samesite=lax']),
    );

    const logout = await browser.delete('/v1/session');
    expect(logout.statusCode).toBe(204);
    expectCleared(logout, ['__Host-simfill_session', 'simfill_signed_in']);
  });

  it('clears an unknown session cookie the same way', async () => {
    const stranger = new TestClient(app);
    stranger.cookies.set('__Host-simfill_session', 'not-a-session');
    const response = await stranger.get('/v1/session');
    expect(response.statusCode).toBe(401);
    expectCleared(response, ['__Host-simfill_session', 'simfill_signed_in']);
  });

  it('sets and clears the staff cookies Secure too', async () => {
    const { browser } = await aStaffMember(
      app,
      { database: testDb.database, jobs: mail.jobs, clock },
      'cookies@simfill.test',
      'support',
    );
    expect(browser.cookies.has('__Host-simfill_staff_session')).toBe(true);
    const logout = await browser.delete('/v1/staff/session');
    expect(logout.statusCode).toBe(204);
    expectCleared(logout, ['__Host-simfill_staff_session', 'simfill_staff_signed_in']);
  });

  it('answers every authenticated route and every response that sets a session with Cache-Control: no-store', async () => {
    const { browser, login } = await signedInCustomer('no-store@example.com');
    expect(login.headers['cache-control']).toBe('no-store');
    for (const url of [
      '/v1/session',
      '/v1/account',
      '/v1/account/sessions',
      '/v1/wallet',
      '/v1/orders',
      '/v1/lines',
    ]) {
      const response = await browser.get(url);
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['cache-control'], url).toBe('no-store');
    }
    // Refusals of authenticated routes too: they say who is (not) signed in.
    const anonymous = await new TestClient(app).get('/v1/account');
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['cache-control']).toBe('no-store');
    const staff = await aStaffMember(
      app,
      { database: testDb.database, jobs: mail.jobs, clock },
      'no-store@simfill.test',
      'owner',
    );
    for (const url of ['/v1/staff/session', '/v1/audit-events', '/v1/admin/orders']) {
      const response = await staff.browser.get(url);
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['cache-control'], url).toBe('no-store');
    }
    // Public, cacheable data keeps its own caching.
    expect((await browser.get('/v1/carriers')).headers['cache-control']).not.toBe('no-store');
  });
});
