import { spawnSync } from 'node:child_process';
import type { LightMyRequestResponse } from 'fastify';
import { expect, it } from 'vitest';
import { ManualClock } from '../src/kernel/clock.js';
import type { TestClient } from './helpers/client.js';
import { describeEachDatabase } from './helpers/databases.js';
import { decide, payByCard } from './helpers/hosted.js';
import { usePaymentWorld } from './helpers/payments.js';
import { aCustomer } from './helpers/people.js';

/** Poppler's text extraction (Debian poppler-utils; `npm test` installs it): what a reader copies out. */
function pdfText(pdf: Buffer): string {
  const result = spawnSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`pdftotext failed: ${result.stderr || String(result.error)}`);
  return result.stdout;
}

function pdfInfo(pdf: Buffer): string {
  const result = spawnSync('pdfinfo', ['-enc', 'UTF-8', '-'], { input: pdf, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`pdfinfo failed: ${result.stderr || String(result.error)}`);
  return result.stdout;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** The wall-clock date and time at a fixed UTC offset (zones without daylight saving time). */
function wallClock(at: Date, offsetHours: number) {
  const shifted = new Date(at.getTime() + offsetHours * 3_600_000);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
  };
}

const twoDigits = (value: number) => String(value).padStart(2, '0');

/** A CNY amount in yuan as written on the receipt, without the sign: 35617 → "356.17". */
function yuan(amountMinor: number): string {
  return `${Math.trunc(amountMinor / 100)}.${String(amountMinor % 100).padStart(2, '0')}`;
}

describeEachDatabase('receipt PDF download', (testDb) => {
  // Today at 16:30 UTC: already tomorrow in Shanghai, still morning in Phoenix.
  const paidAt = new Date();
  paidAt.setUTCHours(16, 30, 0, 0);
  const clock = new ManualClock(paidAt);
  const world = usePaymentWorld(testDb, clock);

  const until = async (read: () => Promise<boolean>, what: string): Promise<void> => {
    const deadline = Date.now() + 15_000;
    while (!(await read())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  async function placeOrder(browser: TestClient, method: string, amountMinor: number) {
    const quote = (
      await browser.post('/v1/quotes', {
        product: { type: 'wallet_credit', amount_minor: amountMinor },
        method,
      })
    ).json<{ id: string; charge: { amount_minor: number; currency: string }; fx: { rate: string } | null }>();
    const order = (await browser.post('/v1/orders', { quote: quote.id })).json<{ id: string }>();
    return { quote, order };
  }

  async function startPayment(browser: TestClient, orderId: string) {
    const payment = await browser.post(
      `/v1/orders/${orderId}/payments`,
      {},
      { 'idempotency-key': `pay-${orderId}` },
    );
    expect(payment.statusCode).toBe(201);
    return payment.json<{ id: string; next_action: { url?: string; hosted_instructions_url?: string } }>();
  }

  async function receiptNumberOf(browser: TestClient, orderId: string): Promise<string> {
    return (await browser.get(`/v1/orders/${orderId}/receipt`)).json<{ receipt_number: string }>()
      .receipt_number;
  }

  async function fulfilled(browser: TestClient, orderId: string): Promise<void> {
    await until(
      async () =>
        (await browser.get(`/v1/orders/${orderId}`)).json<{ status: string }>().status === 'fulfilled',
      `order ${orderId} fulfilled`,
    );
  }

  function expectPdfDownload(response: LightMyRequestResponse, receiptNumber: string): Buffer {
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="${receiptNumber}.pdf"`);
    expect(response.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    return response.rawPayload;
  }

  it('downloads an Alipay receipt in Chinese: receipt number, CNY charged at the locked rate, Shanghai time', async () => {
    const customer = await aCustomer(world.app, world.mail, 'pdf-alipay@example.com', { locale: 'zh-CN' });
    expect(
      (await customer.browser.patch('/v1/account', { name: '王喆', time_zone: 'Asia/Shanghai' })).statusCode,
    ).toBe(200);
    const { quote, order } = await placeOrder(customer.browser, 'alipay', 5000);
    await decide((await startPayment(customer.browser, order.id)).next_action.url!, 'approve');
    await fulfilled(customer.browser, order.id);
    const receiptNumber = await receiptNumberOf(customer.browser, order.id);

    const pdf = expectPdfDownload(
      await customer.browser.get(`/v1/orders/${order.id}/receipt.pdf`),
      receiptNumber,
    );
    const text = pdfText(pdf);
    const shanghai = wallClock(paidAt, 8);
    expect(text).toContain('凭证');
    expect(text).toContain('凭证编号');
    expect(text).toContain(receiptNumber);
    expect(text).toContain(order.id);
    expect(text).toContain('已完成');
    expect(text).toContain('付款人');
    expect(text).toContain('王喆');
    expect(text).toContain('pdf-alipay@example.com');
    expect(quote.charge.currency).toBe('CNY');
    expect(text).toMatch(new RegExp(`实付\\s+¥${yuan(quote.charge.amount_minor).replace('.', '\\.')}`));
    expect(text).toContain('支付方式');
    expect(text).toContain('支付宝');
    expect(text).toContain(`按锁定汇率 1 美元 = ${quote.fx!.rate} 人民币以人民币支付`);
    expect(text).toContain('市场汇率（含我们的加价）');
    expect(text).toContain('首次充值已免除：US$');
    expect(text).toContain('付款时间');
    expect(text).toContain(
      `${shanghai.year}年${shanghai.month}月${shanghai.day}日 GMT+8 ${twoDigits(shanghai.hour)}:${twoDigits(shanghai.minute)}`,
    );
    expect(text).toContain('SimFill Test Reseller');
    expect(text).toContain('1 Main St, Flushing, NY');
    expect(text).toContain('support@simfill.test');
    const info = pdfInfo(pdf);
    expect(info).toMatch(new RegExp(`Title:\\s+${receiptNumber}`));
    expect(info).toMatch(/Author:\s+SimFill Test Reseller/);
    expect(info).toMatch(/Page size:\s+612 x 792 pts \(letter\)/);
  });

  it('downloads a card receipt in English with the card brand and last four digits, in Phoenix time', async () => {
    const customer = await aCustomer(world.app, world.mail, 'pdf-card@example.com', { locale: 'en' });
    expect((await customer.browser.patch('/v1/account', { time_zone: 'America/Phoenix' })).statusCode).toBe(
      200,
    );
    const { quote, order } = await placeOrder(customer.browser, 'card', 2000);
    await payByCard((await startPayment(customer.browser, order.id)).next_action.url!, {
      number: '4242424242424242',
    });
    await fulfilled(customer.browser, order.id);
    const receiptNumber = await receiptNumberOf(customer.browser, order.id);

    const pdf = expectPdfDownload(
      await customer.browser.get(`/v1/orders/${order.id}/receipt.pdf`),
      receiptNumber,
    );
    const text = pdfText(pdf);
    const phoenix = wallClock(paidAt, -7);
    expect(text).toContain('Receipt number');
    expect(text).toContain(receiptNumber);
    expect(text).toContain('Paid with');
    expect(text).toContain('VISA •••• 4242');
    expect(quote.charge).toEqual({ amount_minor: 2000, currency: 'USD' });
    expect(text).toMatch(/Charged\s+\$20\.00/);
    expect(text).toMatch(/Total\s+\$20\.00/);
    expect(text).toContain('Waived on your first top-up: $');
    expect(text).toMatch(/CNY estimate at 1 USD = [\d.]+ CNY/);
    const hour12 = twoDigits(phoenix.hour % 12 || 12);
    expect(text).toMatch(
      new RegExp(
        `${MONTHS[phoenix.month - 1]} ${phoenix.day}, ${phoenix.year} at ${hour12}:${twoDigits(phoenix.minute)}\\s(AM|PM) MST`,
      ),
    );
    expect(text).not.toMatch(/[凭证实付]/u);
  });

  it('names WeChat Pay in Chinese and PayPal with the payer’s email in English', async () => {
    const wechat = await aCustomer(world.app, world.mail, 'pdf-wechat@example.com', { locale: 'zh-CN' });
    const { order: wechatOrder } = await placeOrder(wechat.browser, 'wechat_pay', 1000);
    const qr = await startPayment(wechat.browser, wechatOrder.id);
    await decide(qr.next_action.hosted_instructions_url!, 'approve');
    await fulfilled(wechat.browser, wechatOrder.id);
    const wechatPdf = expectPdfDownload(
      await wechat.browser.get(`/v1/orders/${wechatOrder.id}/receipt.pdf`),
      await receiptNumberOf(wechat.browser, wechatOrder.id),
    );
    expect(pdfText(wechatPdf)).toMatch(/支付方式\s+微信支付/);

    const paypal = await aCustomer(world.app, world.mail, 'pdf-paypal@example.com', { locale: 'en' });
    const { order: paypalOrder } = await placeOrder(paypal.browser, 'paypal', 1000);
    const approval = await startPayment(paypal.browser, paypalOrder.id);
    await decide(approval.next_action.url!, 'approve');
    await paypal.browser.post(`/v1/payments/${approval.id}/refresh`);
    await fulfilled(paypal.browser, paypalOrder.id);
    const paypalPdf = expectPdfDownload(
      await paypal.browser.get(`/v1/orders/${paypalOrder.id}/receipt.pdf`),
      await receiptNumberOf(paypal.browser, paypalOrder.id),
    );
    expect(pdfText(paypalPdf)).toMatch(/Paid with\s+PayPal \(buyer@example\.com\)/);
  });

  it('answers 404 for another customer’s order and 409 order_not_paid before payment, in the one error shape', async () => {
    const owner = await aCustomer(world.app, world.mail, 'pdf-owner@example.com');
    const { order } = await placeOrder(owner.browser, 'card', 1000);

    const unpaid = await owner.browser.get(`/v1/orders/${order.id}/receipt.pdf`);
    expect(unpaid.statusCode).toBe(409);
    expect(unpaid.headers['content-type']).toContain('application/json');
    expect(unpaid.json()).toEqual({
      error: {
        type: 'invalid_request_error',
        code: 'order_not_paid',
        message: 'This order has not been paid.',
        param: 'order',
      },
    });

    const stranger = await aCustomer(world.app, world.mail, 'pdf-stranger@example.com');
    const foreign = await stranger.browser.get(`/v1/orders/${order.id}/receipt.pdf`);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toMatchObject({
      error: { type: 'invalid_request_error', code: 'resource_missing' },
    });

    const anonymous = await world.app.inject({ method: 'GET', url: `/v1/orders/${order.id}/receipt.pdf` });
    expect(anonymous.statusCode).toBe(401);
  });

  it('is in the OpenAPI document as a PDF download', async () => {
    const document = (await world.app.inject({ method: 'GET', url: '/v1/openapi.json' })).json();
    const operation = document.paths['/v1/orders/{id}/receipt.pdf'].get;
    expect(operation.responses['200'].content).toEqual({
      'application/pdf': { schema: { type: 'string', format: 'binary' } },
    });
    expect(Object.keys(operation.responses)).toEqual(['200', '401', '404', '409', '500']);
  });
});
