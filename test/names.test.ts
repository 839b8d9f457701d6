import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ManualClock } from '../src/kernel/clock.js';
import { buildTestApp } from './helpers/app.js';
import { describeEachDatabase } from './helpers/databases.js';
import { useMailWorld, type MailWorld } from './helpers/mail.js';
import { aCustomer, browserFor } from './helpers/people.js';

interface ErrorBody {
  error: { type: string; code: string; message: string; param?: string };
}

/** What a Chinese-speaking customer reads: products, numbers, fields and states in their words. */
describeEachDatabase('names and messages in the reader’s words', (testDb) => {
  const clock = new ManualClock('2026-11-25T08:00:00Z');
  const mail: MailWorld = useMailWorld(testDb, clock);
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp(testDb.database, { clock, jobs: mail.jobs });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('names a wallet top-up in Chinese on the quote and on the order POST /v1/orders returns, under Accept-Language zh-CN', async () => {
    const customer = await aCustomer(app, mail, 'names-wallet@example.com', { locale: 'zh-CN' });
    const zh = { 'accept-language': 'zh-CN' };
    const quote = await customer.browser.post(
      '/v1/quotes',
      { product: { type: 'wallet_credit', amount_minor: 2000, currency: 'USD' }, method: 'card' },
      zh,
    );
    expect(quote.statusCode, quote.body).toBe(201);
    expect(quote.json<{ items: { name: string }[] }>().items[0]!.name).toBe('钱包充值');
    const order = await customer.browser.post('/v1/orders', { quote: quote.json<{ id: string }>().id }, zh);
    expect(order.statusCode, order.body).toBe(201);
    expect(order.json<{ item_name: string }>().item_name).toBe('钱包充值');
    const english = await customer.browser.get(`/v1/orders/${order.json<{ id: string }>().id}`, {
      'accept-language': 'en',
    });
    expect(english.json<{ item_name: string }>().item_name).toBe('Wallet top-up');
  });

  it('says an order’s state in the customer’s words, never its internal name', async () => {
    const customer = await aCustomer(app, mail, 'names-states@example.com', { locale: 'zh-CN' });
    const zh = { 'accept-language': 'zh-CN' };
    const quote = await customer.browser.post(
      '/v1/quotes',
      { product: { type: 'wallet_credit', amount_minor: 2000, currency: 'USD' }, method: 'card' },
      zh,
    );
    const order = (
      await customer.browser.post('/v1/orders', { quote: quote.json<{ id: string }>().id }, zh)
    ).json<{ id: string }>();
    expect((await customer.browser.post(`/v1/orders/${order.id}/cancel`, {}, zh)).statusCode).toBe(200);
    const pay = await customer.browser.post(
      `/v1/orders/${order.id}/payments`,
      {},
      { ...zh, 'idempotency-key': 'names-pay-cancelled' },
    );
    expect(pay.statusCode).toBe(409);
    const { error } = pay.json<ErrorBody>();
    expect(error.code).toBe('order_state_invalid');
    expect(error.message).toBe('订单当前状态为“已取消”，不能变为“已付款”。');
    expect(error.message).not.toMatch(/cancelled|paid/);
  });

  it('refuses the same fictional number at registration and at a line lookup, with the same answer', async () => {
    const fictional = '+1 212 555 0123';
    const registration = await browserFor(app, 'zh-CN').post('/v1/registrations', {
      email: 'names-fictional@example.com',
      password: 'customer password 1',
      phone: fictional,
    });
    expect(registration.statusCode).toBe(400);
    const customer = await aCustomer(app, mail, 'names-lookup@example.com', { locale: 'zh-CN' });
    const lookup = await customer.browser.post('/v1/phone-numbers/lookup', { phone: fictional });
    expect(lookup.statusCode).toBe(400);
    expect(registration.json<ErrorBody>().error).toEqual(lookup.json<ErrorBody>().error);
    expect(lookup.json<ErrorBody>().error).toMatchObject({ code: 'phone_fictional', param: 'phone' });
    expect(lookup.json<ErrorBody>().error.message).toContain('+1 212 555 0123 是虚构号码');
    // Nothing was registered: the address is still free.
    const again = await browserFor(app, 'zh-CN').post('/v1/registrations', {
      email: 'names-fictional@example.com',
      password: 'customer password 1',
      phone: '+1 646 217 4512',
    });
    expect(again.statusCode).toBe(202);
    expect((await mail.nextMessageTo('names-fictional@example.com')).subject).toMatch(/验证|邮箱/);
  });

  it('names the field at fault in Chinese, and a Beijing landline a landline', async () => {
    const registration = await browserFor(app, 'zh-CN').post('/v1/registrations', {
      email: 'names-field@example.com',
      password: 'customer password 1',
      phone: '+1 123 456 7890',
    });
    expect(registration.json<ErrorBody>().error).toMatchObject({ code: 'phone_invalid', param: 'phone' });
    expect(registration.json<ErrorBody>().error.message).toMatch(/^电话号码无效，请带上国家代码/);
    expect(registration.json<ErrorBody>().error.message).not.toMatch(/phone/);

    const customer = await aCustomer(app, mail, 'names-landline@example.com', { locale: 'zh-CN' });
    const landline = await customer.browser.post('/v1/phone-numbers/lookup', { phone: '+86 10 6552 9988' });
    expect(landline.json<ErrorBody>().error).toMatchObject({
      code: 'phone_not_rechargeable',
      param: 'phone',
    });
    expect(landline.json<ErrorBody>().error.message).toBe(
      '+86 10 6552 9988 是固定电话号码，不能充值，请输入手机号码。',
    );
    const tollFree = await customer.browser.post('/v1/phone-numbers/lookup', { phone: '+1 800 555 1234' });
    expect(tollFree.json<ErrorBody>().error.message).toContain('是免费电话号码');
  });
});
