import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ManualClock } from '../src/kernel/clock.js';
import { buildTestApp } from './helpers/app.js';
import { describeEachDatabase } from './helpers/databases.js';
import { useMailWorld, type MailWorld } from './helpers/mail.js';
import { aCustomer } from './helpers/people.js';

interface ErrorBody {
  error: { type: string; code: string; message: string; param?: string };
}
interface LineBody {
  id: string;
  phone: string;
  phone_national: string;
  nickname: string | null;
  operator: unknown;
  operator_source: string;
  iccid: string | null;
}

/** Lines without an airtime provider: every number check happens before anything is stored or paid. */
describeEachDatabase('lines: numbers are checked before anything is paid', (testDb) => {
  const clock = new ManualClock('2026-11-25T08:00:00Z');
  const mail: MailWorld = useMailWorld(testDb, clock);
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp(testDb.database, { clock, jobs: mail.jobs });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('adds a US number as it is typed, shows it nationally, and lists it; the operator is unknown without a provider', async () => {
    const customer = await aCustomer(app, mail, 'lines-basic@example.com');
    const added = await customer.browser.post(
      '/v1/lines',
      { phone: ' +1 (646) 217-4512 ', nickname: '妈妈的手机', iccid: '8901 2600 0000 0001 236' },
      { 'idempotency-key': 'add-mum' },
    );
    expect(added.statusCode).toBe(201);
    const line = added.json<LineBody>();
    expect(line).toMatchObject({
      phone: '+16462174512',
      phone_national: '(646) 217-4512',
      nickname: '妈妈的手机',
      operator: null,
      operator_source: 'unknown',
      iccid: '8901260000000001236',
    });
    const listed = (await customer.browser.get('/v1/lines')).json<{ data: LineBody[] }>();
    expect(listed.data.map((entry) => entry.id)).toEqual([line.id]);
  });

  it('refuses wrong numbers with a reason a person can act on, in their language, and stores nothing', async () => {
    const customer = await aCustomer(app, mail, 'lines-bad@example.com', { locale: 'zh-CN' });
    const cases: [string, string][] = [
      ['646 217 4512', 'phone_country_code_missing'],
      ['+1 123 456 7890', 'phone_invalid'],
      ['+1 800 555 1234', 'phone_not_rechargeable'],
      ['+1 212 555 0123', 'phone_fictional'],
      ['+86 138 1234 5678', 'phone_country_unsupported'],
    ];
    for (const [phone, code] of cases) {
      const response = await customer.browser.post('/v1/lines', { phone });
      expect(response.statusCode, phone).toBe(400);
      const body = response.json<ErrorBody>();
      expect(body.error).toMatchObject({ type: 'invalid_request_error', code, param: 'phone' });
      expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    const lookup = await customer.browser.post('/v1/phone-numbers/lookup', { phone: '+1 212 555 0123' });
    expect(lookup.json<ErrorBody>().error.message).toContain('555-01XX');
    const badIccid = await customer.browser.post('/v1/lines', {
      phone: '+1 646 217 4512',
      iccid: '8901260000000001237',
    });
    expect(badIccid.json<ErrorBody>().error).toMatchObject({ code: 'iccid_invalid', param: 'iccid' });
    expect((await customer.browser.get('/v1/lines')).json<{ data: unknown[] }>().data).toEqual([]);
  });

  it('keeps one line per number, at most ten, and frees a number once its line is removed', async () => {
    const customer = await aCustomer(app, mail, 'lines-household@example.com');
    const first = (await customer.browser.post('/v1/lines', { phone: '+1 646 217 4512' })).json<LineBody>();
    const again = await customer.browser.post('/v1/lines', { phone: '+16462174512' });
    expect(again.statusCode).toBe(409);
    expect(again.json<ErrorBody>().error.code).toBe('line_exists');
    for (let index = 1; index < 10; index += 1) {
      const added = await customer.browser.post('/v1/lines', { phone: `+1 646 217 45${20 + index}` });
      expect(added.statusCode).toBe(201);
    }
    const eleventh = await customer.browser.post('/v1/lines', { phone: '+1 646 217 4599' });
    expect(eleventh.statusCode).toBe(409);
    expect(eleventh.json<ErrorBody>().error.code).toBe('line_limit_reached');
    expect((await customer.browser.delete(`/v1/lines/${first.id}`)).statusCode).toBe(204);
    expect((await customer.browser.get(`/v1/lines/${first.id}`)).statusCode).toBe(404);
    expect((await customer.browser.post('/v1/lines', { phone: '+1 646 217 4512' })).statusCode).toBe(201);
  });

  it('renames a line and adds its ICCID; another customer cannot see, change or remove it', async () => {
    const owner = await aCustomer(app, mail, 'lines-owner@example.com');
    const stranger = await aCustomer(app, mail, 'lines-stranger@example.com');
    const line = (await owner.browser.post('/v1/lines', { phone: '+1 646 217 4512' })).json<LineBody>();
    const renamed = await owner.browser.patch(`/v1/lines/${line.id}`, {
      nickname: '  iPad  ',
      iccid: '8988211000000530082',
    });
    expect(renamed.json<LineBody>()).toMatchObject({ nickname: 'iPad', iccid: '8988211000000530082' });
    const tooLong = await owner.browser.patch(`/v1/lines/${line.id}`, { nickname: 'x'.repeat(41) });
    expect(tooLong.json<ErrorBody>().error).toMatchObject({ code: 'parameter_invalid', param: 'nickname' });
    expect((await stranger.browser.get(`/v1/lines/${line.id}`)).statusCode).toBe(404);
    expect((await stranger.browser.patch(`/v1/lines/${line.id}`, { nickname: 'mine' })).statusCode).toBe(404);
    expect((await stranger.browser.delete(`/v1/lines/${line.id}`)).statusCode).toBe(404);
    expect((await owner.browser.get(`/v1/lines/${line.id}`)).json<LineBody>().nickname).toBe('iPad');
  });
});
