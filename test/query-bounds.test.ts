import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ManualClock } from '../src/kernel/clock.js';
import { buildTestApp } from './helpers/app.js';
import type { TestClient } from './helpers/client.js';
import { describeEachDatabase } from './helpers/databases.js';
import { useMailWorld } from './helpers/mail.js';
import { aCustomer } from './helpers/people.js';
import { parameterRefusal } from './helpers/client.js';

/**
 * Integer query parameters that reach SQL (the wallet's `before` cursor; page sizes are 1–100 everywhere) take
 * plain decimal numbers the database can hold: anything else is a 400 naming the parameter, never a 500 and
 * never read as some other number.
 */
describeEachDatabase('integer query parameters', (testDb) => {
  const clock = new ManualClock('2026-11-24T08:00:00Z');
  const mail = useMailWorld(testDb, clock);
  let app: FastifyInstance;
  let customer: TestClient;

  beforeAll(async () => {
    app = await buildTestApp(testDb.database, { clock, jobs: mail.jobs });
    customer = (await aCustomer(app, mail, 'cursor@simfill.test')).browser;
  });
  afterAll(async () => {
    await app?.close();
  });

  const refusal = (url: string, locale?: string) => parameterRefusal(customer, url, locale);

  it('the wallet cursor: huge, hexadecimal, exponent, signed, zero or blank values are 400s naming `before`; page sizes stay 1–100', async () => {
    expect(await refusal('/v1/wallet?before=99999999999999999999')).toMatchObject({ param: 'before' });
    expect(await refusal('/v1/wallet?before=9223372036854775808')).toMatchObject({ param: 'before' });
    expect(await refusal('/v1/wallet?before=9007199254740992')).toMatchObject({
      param: 'before',
      message: 'The value of before is not valid: must be at most 9007199254740991',
    });
    for (const value of ['0x10', '1e3', '%205', '-1', '1.5', 'abc', ''])
      expect((await refusal(`/v1/wallet?before=${value}`)).param, value).toBe('before');
    expect(await refusal('/v1/wallet?before=0', 'zh-CN')).toEqual({
      type: 'invalid_request_error',
      code: 'parameter_invalid',
      param: 'before',
      message: '参数 before 的值无效：不能小于 1',
    });
    // The largest cursor the server could hand out is still a page (an empty one here).
    const page = await customer.get('/v1/wallet?before=9007199254740991&limit=100');
    expect(page.statusCode).toBe(200);
    expect(page.json<{ transactions: { data: unknown[] } }>().transactions.data).toEqual([]);
    // Page sizes stay 1–100.
    for (const value of ['0', '101', '99999999999999999999', '1e400'])
      expect((await refusal(`/v1/wallet?limit=${value}`)).param, value).toBe('limit');
    expect((await refusal('/v1/orders?limit=99999999999999999999')).param).toBe('limit');
  });
});
