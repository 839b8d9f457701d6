import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from './helpers/app.js';
import { describeEachDatabase } from './helpers/databases.js';

/** Before buying an eSIM: does this phone take one? By model, by EID, by the browser's user agent. */

interface Check {
  verdict: string;
  reason: string;
  message: string;
  caveats: string[];
  device: { model: string; esim: boolean; note: string | null } | null;
}

const IPHONE_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const OLD_IPHONE_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 11_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/11.0 Mobile/15E148 Safari/604.1';
const PIXEL_UA =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8 Pro) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36';
const REDUCED_UA =
  'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36';

describeEachDatabase('eSIM compatibility', (testDb) => {
  let app: FastifyInstance;
  const check = async (body: Record<string, string>, headers: Record<string, string> = {}) => {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/device-checks',
      headers: { 'accept-language': 'zh-CN', ...headers },
      payload: body,
    });
    return {
      status: response.statusCode,
      body: response.json<Check & { error?: { code: string; message: string; param: string } }>(),
    };
  };

  beforeAll(async () => {
    app = await buildTestApp(testDb.database);
  });
  afterAll(async () => {
    await app.close();
  });

  it('lists the phones that take an eSIM and those that do not, with the caveats in the reader’s language', async () => {
    const response = await app.inject({
      url: '/v1/compatible-devices',
      headers: { 'accept-language': 'zh-CN' },
    });
    expect(response.statusCode).toBe(200);
    const list = response.json<{
      data: { model: string; esim: boolean; note: string | null }[];
      version: string;
    }>();
    expect(list.version).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(list.data.find((device) => device.model === 'iPhone 15')).toMatchObject({ esim: true });
    expect(list.data.find((device) => device.model === 'iPhone X')).toMatchObject({ esim: false });
    expect(list.data.find((device) => device.model === 'iPhone XS')?.note).toContain('中国大陆版');
  });

  it('answers compatible for an iPhone 15 Pro by name or model identifier, and says it must be unlocked', async () => {
    for (const model of ['iPhone 15 Pro', 'iphone15pro', 'Apple iPhone 15 Pro', 'iPhone16,1']) {
      const { status, body } = await check({ model });
      expect(status).toBe(200);
      expect(body).toMatchObject({
        verdict: 'compatible',
        reason: 'model_listed',
        device: { model: 'iPhone 15' },
      });
    }
    const { body } = await check({ model: 'iPhone 15' });
    expect(body.message).toBe('该机型支持 eSIM。');
    expect(body.caveats.some((caveat) => caveat.includes('解锁'))).toBe(true);
  });

  it('answers not compatible for an iPhone X and unknown for a model it has never heard of', async () => {
    expect((await check({ model: 'iPhone X' })).body).toMatchObject({
      verdict: 'not_compatible',
      reason: 'model_without_esim',
    });
    expect((await check({ model: 'Nokia 3310' })).body).toMatchObject({
      verdict: 'unknown',
      reason: 'model_not_listed',
    });
  });

  it('says why a listed phone takes no eSIM in the list’s own words: a mainland-China iPhone, an iPhone X', async () => {
    const mainland = await check({ model: 'A3092' });
    expect(mainland.body).toMatchObject({
      verdict: 'not_compatible',
      reason: 'model_without_esim',
      device: { model: 'iPhone (mainland China models)', esim: false },
    });
    expect(mainland.body.message).toBe(mainland.body.device?.note);
    expect(mainland.body.message).toContain('中国大陆版');
    expect((await check({ model: 'iPhone X' })).body.message).toBe(
      'iPhone XS / XR 之前的机型没有 eSIM 芯片。',
    );
    const english = await check({ model: 'Redmi' }, { 'accept-language': 'en' });
    expect(english.body.message).toContain('sold in mainland China have no eSIM');
    // A phone that takes one keeps the plain reason, its note among the caveats.
    const compatible = await check({ model: 'iPhone 15' });
    expect(compatible.body.message).toBe('该机型支持 eSIM。');
    expect(compatible.body.caveats.some((caveat) => caveat.includes('中国大陆版'))).toBe(true);
  });

  it('takes a valid EID as proof, and refuses a mistyped one with a clear 400', async () => {
    expect((await check({ eid: '8904 9032 1234 5123 4512 3456 7890 1235' })).body).toMatchObject({
      verdict: 'compatible',
      reason: 'eid_valid',
    });
    const wrong = await check({ eid: '89049032123451234512345678901234' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toMatchObject({ code: 'eid_invalid', param: 'eid' });
    expect(wrong.body.error?.message).toContain('EID 无效');
  });

  it('reads the browser: an iPhone hides its model, an old iOS cannot, Android names its model unless reduced', async () => {
    expect((await check({}, { 'user-agent': IPHONE_UA })).body).toMatchObject({
      verdict: 'unknown',
      reason: 'ios_model_hidden',
    });
    expect((await check({ user_agent: OLD_IPHONE_UA })).body).toMatchObject({
      verdict: 'not_compatible',
      reason: 'ios_too_old',
    });
    expect((await check({ user_agent: PIXEL_UA })).body).toMatchObject({
      verdict: 'compatible',
      device: { model: 'Pixel 8' },
    });
    expect((await check({ user_agent: REDUCED_UA })).body).toMatchObject({
      verdict: 'unknown',
      reason: 'android_model_hidden',
    });
    expect((await check({ user_agent: 'curl/8.0' })).body).toMatchObject({
      verdict: 'unknown',
      reason: 'not_a_phone',
    });
  });

  it('refuses a field it does not know', async () => {
    const { status, body } = await check({ imei: '490154203237518' });
    expect(status).toBe(400);
    expect(body.error?.code).toBe('parameter_unknown');
  });
});
