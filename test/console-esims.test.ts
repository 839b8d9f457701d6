import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ManualClock } from '../src/kernel/clock.js';
import { newId } from '../src/kernel/ids.js';
import { buildTestApp } from './helpers/app.js';
import { describeEachDatabase } from './helpers/databases.js';
import { aPackage, anEsimEvent, anEsimOrder, anIssuedEsim } from './helpers/esim-rows.js';
import { useMailWorld } from './helpers/mail.js';
import { aCustomer, aStaffMember, browserFor } from './helpers/people.js';
import type { TestClient } from './helpers/client.js';

/**
 * The console's eSIM pages read the esim module's tables. The rows are written straight into those tables by a
 * test factory (test/helpers/esim-rows.ts): these routes only read, and buying an eSIM end to end is the
 * checkout's tests' business.
 */

interface ConsoleEsim {
  id: string;
  iccid: string;
  customer: string;
  source: string;
  install_state: string;
  packages_count: number;
}
interface Page<Item> {
  object: 'list';
  data: Item[];
  has_more: boolean;
}
interface ErrorBody {
  error: { type: string; code: string; message: string; param?: string };
}

describeEachDatabase('the console’s eSIMs: issued eSIMs, one eSIM’s story, failed eSIM orders', (testDb) => {
  const clock = new ManualClock('2026-12-02T08:00:00Z');
  const mail = useMailWorld(testDb, clock);
  let app: FastifyInstance;
  let staff: TestClient;
  let customer: { browser: TestClient; id: string };
  const someone = newId('customer');
  const day = (n: number) => new Date(Date.UTC(2026, 11, 1, 8, n));

  beforeAll(async () => {
    app = await buildTestApp(testDb.database, { clock, jobs: mail.jobs });
    staff = (
      await aStaffMember(
        app,
        { database: testDb.database, jobs: mail.jobs, clock },
        'support-esims@simfill.test',
        'support',
      )
    ).browser;
    customer = await aCustomer(app, mail, 'esim.traveller@example.com');
  });
  afterAll(async () => {
    await app?.close();
  });

  const list = async (query: string) => {
    const response = await staff.get(`/v1/admin/esims${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<Page<ConsoleEsim>>();
  };

  it('lists issued eSIMs newest first, by source, install state, customer and ICCID, page by page', async () => {
    const db = testDb.database.db;
    const made = [
      await anIssuedEsim(db, { customerId: customer.id, createdAt: day(1) }),
      await anIssuedEsim(db, { customerId: customer.id, createdAt: day(2), installState: 'installed' }),
      await anIssuedEsim(db, {
        customerId: customer.id,
        createdAt: day(3),
        source: 'smdp',
        installState: 'downloaded',
      }),
      await anIssuedEsim(db, { customerId: someone, createdAt: day(4), installState: 'installed' }),
      await anIssuedEsim(db, {
        customerId: someone,
        createdAt: day(5),
        source: 'smdp',
        installState: 'enabled',
      }),
    ];
    const newestFirst = made
      .map((row) => row.id)
      .sort()
      .reverse();

    const all = await list('');
    expect(all.has_more).toBe(false);
    expect(all.data.map((row) => row.id)).toEqual(newestFirst);
    expect(all.data[0]).toMatchObject({ object: 'esim', packages_count: 1, line: null });

    expect((await list('?source=smdp')).data.map((row) => row.install_state).sort()).toEqual([
      'downloaded',
      'enabled',
    ]);
    expect((await list('?install_state=installed')).data.map((row) => row.customer).sort()).toEqual(
      [customer.id, someone].sort(),
    );
    expect((await list('?source=airalo&install_state=installed')).data).toHaveLength(2);
    expect((await list(`?customer=${customer.id}`)).data.map((row) => row.id)).toEqual(
      newestFirst.filter((id) => made.find((row) => row.id === id)!.customerId === customer.id),
    );
    expect((await list(`?iccid=${made[2]!.iccid}`)).data.map((row) => row.id)).toEqual([made[2]!.id]);

    const seen: string[] = [];
    let cursor = '';
    for (let pages = 0; pages < 5; pages++) {
      const page = await list(`?limit=2${cursor ? `&starting_after=${cursor}` : ''}`);
      seen.push(...page.data.map((row) => row.id));
      if (!page.has_more) break;
      expect(page.data).toHaveLength(2);
      cursor = page.data.at(-1)!.id;
    }
    expect(seen).toEqual(newestFirst);

    const counts = await staff.get('/v1/admin/esims/counts');
    expect(counts.json()).toEqual({
      object: 'esim_counts',
      data: [
        { source: 'airalo', install_state: 'installed', count: 2 },
        { source: 'airalo', install_state: 'not_installed', count: 1 },
        { source: 'smdp', install_state: 'downloaded', count: 1 },
        { source: 'smdp', install_state: 'enabled', count: 1 },
      ],
      total: 5,
    });
  });

  it('refuses bad filters with a 400 in the one error shape and changes nothing', async () => {
    const cases: [string, string, string][] = [
      ['?limit=101', 'limit', 'parameter_invalid'],
      ['?limit=0', 'limit', 'parameter_invalid'],
      ['?install_state=lost', 'install_state', 'parameter_invalid'],
      ['?source=esimgo', 'source', 'parameter_invalid'],
      ['?starting_after=ord_01jz8x4e5qf0m8g4v3k2y1t9bc', 'starting_after', 'invalid_cursor'],
      ['?customer=wang', 'customer', 'parameter_invalid'],
      ['?iccid=123', 'iccid', 'parameter_invalid'],
    ];
    for (const [query, param, code] of cases) {
      const response = await staff.get(`/v1/admin/esims${query}`, { 'accept-language': 'zh-CN' });
      expect(response.statusCode, query).toBe(400);
      const body = response.json<ErrorBody>();
      expect(body.error, query).toMatchObject({ type: 'invalid_request_error', code, param });
      expect(body.error.message, query).toMatch(/[\u4e00-\u9fff]/);
    }
    const unknown = await staff.get('/v1/admin/esims?provider=airalo');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<ErrorBody>().error.code).toBe('parameter_unknown');
    const orders = await staff.get('/v1/admin/esim-orders?status=lost');
    expect(orders.statusCode).toBe(400);
    expect(orders.json<ErrorBody>().error).toMatchObject({ code: 'parameter_invalid', param: 'status' });
  });

  it('shows one eSIM with its packages, what was bought for it and every step in order', async () => {
    const db = testDb.database.db;
    const profile = await anIssuedEsim(db, {
      customerId: customer.id,
      createdAt: day(10),
      installState: 'installed',
      installStateAt: day(20),
      eid: '89049032123451234512345678901235',
    });
    const topUp = await anEsimOrder(db, {
      customerId: customer.id,
      kind: 'topup',
      profileId: profile.id,
      iccid: profile.iccid,
      packageId: 'change-7days-1gb-topup',
      createdAt: day(30),
    });
    await aPackage(db, profile, topUp, 'topup', day(31));
    await anEsimEvent(db, { profileId: profile.id, kind: 'downloaded', at: day(15) });
    await anEsimEvent(db, { profileId: profile.id, kind: 'installed', at: day(20) });
    await anEsimEvent(db, { esimOrderId: topUp.id, kind: 'sent', at: day(30) });
    await anEsimEvent(db, {
      esimOrderId: topUp.id,
      kind: 'answer_lost',
      providerCode: 'NO_RESPONSE',
      at: new Date(day(30).getTime() + 10_000),
    });
    await anEsimEvent(db, { esimOrderId: topUp.id, kind: 'found_by_reference', at: day(31) });

    const response = await staff.get(`/v1/admin/esims/${profile.id}`, { 'accept-language': 'zh-CN' });
    expect(response.statusCode, response.body).toBe(200);
    const story = response.json<
      ConsoleEsim & {
        eid: string;
        packages: { kind: string; name: string; data_mb: number; countries: string[] }[];
        orders: { id: string; kind: string }[];
        events: { kind: string; provider_code: string | null; provider_reason: string | null }[];
      }
    >();
    expect(story).toMatchObject({ id: profile.id, install_state: 'installed', packages_count: 2 });
    expect(story.packages.map((row) => [row.kind, row.name, row.data_mb])).toEqual([
      ['new', '美国旅行 eSIM 1GB（7天）', 1024],
      ['topup', '美国旅行 eSIM 1GB（7天）', 1024],
    ]);
    expect(story.orders.map((row) => row.kind)).toEqual(['new', 'topup']);
    expect(story.events.map((row) => row.kind)).toEqual([
      'issued',
      'downloaded',
      'installed',
      'sent',
      'answer_lost',
      'found_by_reference',
    ]);
    expect(story.events.find((row) => row.kind === 'answer_lost')?.provider_reason).toContain('超时');

    expect((await staff.get('/v1/admin/esims/esim_01jz8x4e5qf0m8g4v3k2y1t9bc')).statusCode).toBe(404);
    const malformed = await staff.get('/v1/admin/esims/not-an-id');
    expect(malformed.statusCode).toBe(404);
    expect(malformed.json<ErrorBody>().error.code).toBe('resource_missing');
  });

  it('lists failed eSIM orders with the source’s code in words, in the reader’s language', async () => {
    const db = testDb.database.db;
    const failed = (
      source: 'airalo' | 'smdp',
      providerCode: string,
      minute: number,
      kind: 'new' | 'topup' = 'new',
    ) =>
      anEsimOrder(db, {
        customerId: customer.id,
        source,
        kind,
        profileId: kind === 'topup' ? newId('esim') : null,
        status: 'failed',
        attempts: 3,
        providerCode,
        createdAt: day(minute),
        finishedAt: day(minute + 1),
      });
    const recycled = await failed('airalo', '73', 40, 'topup');
    const noCredit = await failed('airalo', '11', 41);
    const noStock = await failed('airalo', '33', 42);
    const emptyPool = await failed('smdp', '8.2.5/3.7', 43);
    const missingEid = await failed('smdp', '8.1.1/2.2', 44);
    const strange = await failed('smdp', '9.9/9.9', 45);
    await anEsimOrder(db, {
      customerId: customer.id,
      status: 'unknown',
      attempts: 1,
      providerCode: 'NO_RESPONSE',
      createdAt: day(46),
    });

    const read = async (query: string, locale: string) => {
      const response = await staff.get(`/v1/admin/esim-orders${query}`, { 'accept-language': locale });
      expect(response.statusCode, response.body).toBe(200);
      return response.json<
        Page<{
          id: string;
          order: string;
          status: string;
          provider_code: string;
          provider_reason: string | null;
        }>
      >();
    };
    const zh = await read('?status=failed', 'zh-CN');
    expect(zh.data.map((row) => row.id)).toEqual(
      [recycled, noCredit, noStock, emptyPool, missingEid, strange]
        .map((row) => row.id)
        .sort()
        .reverse(),
    );
    const reasonOf = (page: typeof zh, id: string) => page.data.find((row) => row.id === id)?.provider_reason;
    expect(reasonOf(zh, recycled.id)).toContain('已被回收');
    expect(reasonOf(zh, noCredit.id)).toContain('余额不足');
    expect(reasonOf(zh, noStock.id)).toContain('库存不足');
    expect(reasonOf(zh, emptyPool.id)).toContain('无可用库存');
    expect(reasonOf(zh, missingEid.id)).toBe('SM-DP+：EID：缺少必填项。');
    expect(reasonOf(zh, strange.id)).toBeNull();
    expect(zh.data.find((row) => row.id === recycled.id)).toMatchObject({
      object: 'esim_order',
      order: recycled.orderId,
      kind: 'topup',
      provider_code: '73',
      package_name: '美国旅行 eSIM 1GB（7天）',
    });

    const en = await read('?status=failed&source=airalo', 'en');
    expect(en.data.map((row) => row.provider_reason)).toEqual([
      expect.stringContaining('not enough stock'),
      expect.stringContaining('insufficient credit'),
      expect.stringContaining('recycled'),
    ]);
    const unknown = await read('?status=unknown', 'en');
    expect(unknown.data.map((row) => row.provider_reason)).toEqual([
      expect.stringContaining('did not answer'),
    ]);

    const first = await read('?status=failed&limit=4', 'en');
    expect(first.has_more).toBe(true);
    const rest = await read(`?status=failed&limit=4&starting_after=${first.data.at(-1)!.id}`, 'en');
    expect(rest.has_more).toBe(false);
    expect([...first.data, ...rest.data].map((row) => row.id)).toEqual(zh.data.map((row) => row.id));
    expect((await read('?kind=topup', 'en')).data.map((row) => row.id)).toContain(recycled.id);
  });

  it('is for staff only: a customer is refused (403) and nobody signed in is asked to sign in (401)', async () => {
    const paths = ['/v1/admin/esims', '/v1/admin/esims/counts', '/v1/admin/esim-orders?status=failed'];
    const profile = await anIssuedEsim(testDb.database.db, { customerId: customer.id, createdAt: day(50) });
    paths.push(`/v1/admin/esims/${profile.id}`);
    for (const path of paths) {
      const asCustomer = await customer.browser.get(path);
      expect(asCustomer.statusCode, path).toBe(403);
      expect(asCustomer.json<ErrorBody>().error.type).toBe('permission_error');
      const anonymous = await browserFor(app).get(path);
      expect(anonymous.statusCode, path).toBe(401);
      expect(anonymous.json<ErrorBody>().error.type).toBe('authentication_error');
    }
  });
});
