import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ManualClock } from '../src/kernel/clock.js';
import { buildTestApp } from './helpers/app.js';
import type { TestClient } from './helpers/client.js';
import { describeEachDatabase } from './helpers/databases.js';
import { useMailWorld } from './helpers/mail.js';
import { TEST_FLOAT, TEST_PROVISIONING } from './helpers/payments.js';
import { aStaffMember } from './helpers/people.js';
import { parameterRefusal } from './helpers/client.js';

/**
 * Every route that takes dates takes real calendar dates in SimFill's years (2000–2099), ranges that run
 * forwards, and reports of at most a year: anything else is a 400 naming the parameter, never a 500.
 */
describeEachDatabase('date parameters and ranges', (testDb) => {
  const clock = new ManualClock('2026-11-24T08:00:00Z');
  const mail = useMailWorld(testDb, clock);
  let app: FastifyInstance;
  let owner: TestClient;

  beforeAll(async () => {
    app = await buildTestApp(testDb.database, {
      clock,
      jobs: mail.jobs,
      airtime: {
        provider: undefined,
        catalog: { countries: ['US'], defaultMarkupBps: 300, defaultEtaMinutes: 0 },
        provisioning: TEST_PROVISIONING,
        float: TEST_FLOAT,
      },
    });
    owner = (
      await aStaffMember(
        app,
        { database: testDb.database, jobs: mail.jobs, clock },
        'dates@simfill.test',
        'owner',
      )
    ).browser;
  });
  afterAll(async () => {
    await app?.close();
  });

  const refusal = (url: string, locale?: string) => parameterRefusal(owner, url, locale);

  it('daily totals: a far-future or ancient day, an impossible date, a reversed or over-long range are 400s', async () => {
    const totals = (query: string) => `/v1/admin/reports/daily-totals?${query}`;
    expect(await refusal(totals('from=2026-11-01&to=9999-12-31'))).toEqual({
      type: 'invalid_request_error',
      code: 'parameter_invalid',
      param: 'to',
      message: 'The value of to is not valid: must be a date from 2000-01-01 to 2099-12-31',
    });
    expect((await refusal(totals('from=0000-01-01&to=2026-11-01'))).param).toBe('from');
    expect((await refusal(totals('from=1999-12-31&to=2026-11-01'))).param).toBe('from');
    expect((await refusal(totals('from=2026-02-30&to=2026-03-01'))).param).toBe('from');
    expect(await refusal(totals('from=2026-11-02&to=2026-11-01'))).toMatchObject({
      param: 'from',
      message: 'The value of from is not valid: must not be after to',
    });
    expect(await refusal(totals('from=2025-01-01&to=2026-01-02'), 'zh-CN')).toMatchObject({
      param: 'to',
      message: '参数 to 的值无效：与 from 相距不能超过 366 天（含首尾两天）',
    });
    // A leap year's every day, and a single day, are reports.
    expect((await owner.get(totals('from=2024-01-01&to=2024-12-31'))).statusCode).toBe(200);
    expect((await owner.get(totals('from=2099-12-31&to=2099-12-31'))).statusCode).toBe(200);
  });

  it('order search: dates out of the calendar or a reversed range are 400s; one bound alone is fine', async () => {
    expect((await refusal('/v1/admin/orders?to=9999-12-31')).param).toBe('to');
    expect((await refusal('/v1/admin/orders?from=0001-01-01')).param).toBe('from');
    expect((await refusal('/v1/admin/orders?from=2026-11-24&to=2026-11-23')).param).toBe('from');
    expect((await owner.get('/v1/admin/orders?from=2000-01-01')).statusCode).toBe(200);
    expect((await owner.get('/v1/admin/orders?from=2001-01-01&to=2099-12-31')).statusCode).toBe(200);
  });

  it('audit log: times whose UTC instant leaves 2000–2099, or a reversed range, are 400s', async () => {
    const audit = (query: string) => `/v1/audit-events?${query}`;
    expect((await refusal(audit('created_lt=9999-12-31T23:59:59-14:00'))).param).toBe('created_lt');
    expect(
      (await refusal(audit(`created_gte=${encodeURIComponent('0000-01-01T00:00:00+14:00')}`))).param,
    ).toBe('created_gte');
    expect(
      (await refusal(audit('created_gte=2026-11-24T09:00:00Z&created_lt=2026-11-24T08:00:00Z'))).param,
    ).toBe('created_gte');
    expect(
      (await owner.get(audit('created_gte=2026-11-24T00:00:00Z&created_lt=2026-11-25T00:00:00Z'))).statusCode,
    ).toBe(200);
  });

  it('reconciliation: a day out of the calendar or still to come is refused before anything starts', async () => {
    const reconcile = (date: string) =>
      owner.post('/v1/admin/reconciliations', { date }, { 'idempotency-key': `reconcile-${date}` });
    for (const [date, message] of [
      ['9999-12-31', 'The value of date is not valid: must be a date from 2000-01-01 to 2099-12-31'],
      ['2026-11-25', 'The value of date is not valid: must be today or earlier (UTC)'],
    ] as const) {
      const response = await reconcile(date);
      expect(response.statusCode, date).toBe(400);
      expect(response.json<{ error: object }>().error, date).toMatchObject({ param: 'date', message });
    }
    const count = await testDb.database.query<{ n: number }>(
      'select count(*)::int as n from provisioning_reconciliations',
    );
    expect(count.rows[0]!.n).toBe(0);
  });
});
