import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createStripeProvider } from '../src/adapters/stripe/provider.js';
import {
  PaymentProviderError,
  WebhookVerificationError,
  type CreatePaymentInput,
} from '../src/modules/payments/provider.js';
import { startStripeSimulator, type StripeSimulator } from '../src/simulators/stripe/server.js';
import { decide, payByCard } from './helpers/hosted.js';

const SECRET = 'sk_test_simfill_simulator';
const WEBHOOK_SECRET = 'whsec_simfill_test';

describe('Stripe-compatible provider: the official SDK against the simulator', () => {
  let simulator: StripeSimulator;
  let received: { body: string; signature: string }[] = [];
  let receiver: http.Server;
  let provider: ReturnType<typeof createStripeProvider>;
  let sequence = 0;

  beforeAll(async () => {
    receiver = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({
          body: Buffer.concat(chunks).toString(),
          signature: String(request.headers['stripe-signature']),
        });
        response.end('{}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    simulator = await startStripeSimulator({
      secretKey: SECRET,
      webhookSecret: WEBHOOK_SECRET,
      webhookUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`,
    });
    provider = createStripeProvider({
      secretKey: SECRET,
      webhookSecret: WEBHOOK_SECRET,
      apiBase: simulator.baseUrl,
      timeoutMs: 1_000,
    });
  });
  afterAll(async () => {
    await simulator?.close();
    await new Promise((resolve) => receiver?.close(resolve));
  });
  afterEach(() => simulator.faults.reset());

  const input = (overrides: Partial<CreatePaymentInput> = {}): CreatePaymentInput => ({
    idempotencyKey: `key-${++sequence}`,
    amountMinor: 2088,
    currency: 'USD',
    method: 'card',
    description: 'SimFill wallet top-up',
    metadata: { order_id: `ord_${sequence}` },
    returnUrl: 'http://localhost:8080/account/orders/ord_x?payment=pay_x',
    cancelUrl: 'http://localhost:8080/account/orders/ord_x',
    locale: 'zh-CN',
    customerEmail: 'li@example.com',
    saved: undefined,
    ...overrides,
  });

  it('sends the customer to a hosted card page; the success card pays and returns with redirect_status=succeeded', async () => {
    const created = await provider.createPayment(input());
    expect(created).toMatchObject({ status: 'requires_action', amountMinor: 2088, currency: 'USD' });
    expect(created.nextAction?.type).toBe('redirect');
    const url = (created.nextAction as { url: string }).url;
    expect(url).toContain('locale=zh-CN');
    expect(await (await fetch(url)).text()).toContain('卡号');
    const result = await payByCard(url, { number: '4242424242424242' });
    expect(result.status).toBe(303);
    const back = new URL(result.location!);
    expect(back.searchParams.get('payment')).toBe('pay_x');
    expect(back.searchParams.get('redirect_status')).toBe('succeeded');
    const paid = await provider.retrievePayment(created.providerPaymentId);
    expect(paid).toMatchObject({
      status: 'succeeded',
      paymentMethod: { kind: 'card', brand: 'visa', last4: '4242', wallet: undefined },
    });
  });

  it('declines the documented test cards with their codes and keeps the payment failed', async () => {
    for (const [number, code, declineCode] of [
      ['4000000000000002', 'card_declined', 'generic_decline'],
      ['4000000000009995', 'card_declined', 'insufficient_funds'],
      ['4000000000000069', 'expired_card', undefined],
    ] as const) {
      const created = await provider.createPayment(input());
      const result = await payByCard((created.nextAction as { url: string }).url, { number });
      expect(new URL(result.location!).searchParams.get('redirect_status')).toBe('failed');
      const failed = await provider.retrievePayment(created.providerPaymentId);
      expect(failed.status).toBe('failed');
      expect(failed.failure).toMatchObject({ code, declineCode });
    }
  });

  it('asks for 3-D Secure on 4000002500003155: completing pays, failing does not', async () => {
    const passed = await provider.createPayment(input());
    await payByCard((passed.nextAction as { url: string }).url, {
      number: '4000002500003155',
      threeDs: 'complete',
    });
    expect((await provider.retrievePayment(passed.providerPaymentId)).status).toBe('succeeded');
    const abandoned = await provider.createPayment(input());
    await payByCard((abandoned.nextAction as { url: string }).url, {
      number: '4000002500003155',
      threeDs: 'fail',
    });
    expect((await provider.retrievePayment(abandoned.providerPaymentId)).failure?.code).toBe(
      'payment_intent_authentication_failure',
    );
  });

  it('pays with Apple Pay as a card from a wallet', async () => {
    const created = await provider.createPayment(input({ method: 'apple_pay' }));
    await payByCard((created.nextAction as { url: string }).url, { number: '', applePay: true });
    expect((await provider.retrievePayment(created.providerPaymentId)).paymentMethod).toMatchObject({
      kind: 'apple_pay',
      wallet: 'apple_pay',
      brand: 'visa',
    });
  });

  it('redirects to Alipay in CNY and shows WeChat Pay as a QR code; approving pays, declining does not', async () => {
    const alipay = await provider.createPayment(
      input({ method: 'alipay', currency: 'CNY', amountMinor: 14389 }),
    );
    expect(alipay).toMatchObject({
      status: 'requires_action',
      currency: 'CNY',
      nextAction: { type: 'redirect' },
    });
    await decide((alipay.nextAction as { url: string }).url, 'approve');
    expect(await provider.retrievePayment(alipay.providerPaymentId)).toMatchObject({
      status: 'succeeded',
      paymentMethod: { kind: 'alipay' },
    });

    const wechat = await provider.createPayment(
      input({ method: 'wechat_pay', currency: 'CNY', amountMinor: 7200 }),
    );
    expect(wechat.nextAction).toMatchObject({
      type: 'display_qr',
      data: expect.stringMatching(/^weixin:\/\//),
    });
    const qr = wechat.nextAction as { imageUrlPng: string; hostedInstructionsUrl: string };
    const png = await fetch(qr.imageUrlPng);
    expect(png.headers.get('content-type')).toBe('image/png');
    await decide(qr.hostedInstructionsUrl, 'decline');
    expect((await provider.retrievePayment(wechat.providerPaymentId)).status).toBe('failed');
  });

  it('creates one PaymentIntent for one idempotency key, and refuses the key with other parameters', async () => {
    const request = input({ idempotencyKey: 'same-key' });
    const first = await provider.createPayment(request);
    const again = await provider.createPayment(request);
    expect(again.providerPaymentId).toBe(first.providerPaymentId);
    await expect(provider.createPayment({ ...request, amountMinor: 1 })).rejects.toMatchObject({
      kind: 'invalid',
    });
  });

  it('refunds in parts up to what was paid, never more', async () => {
    const created = await provider.createPayment(
      input({ method: 'alipay', currency: 'CNY', amountMinor: 10000 }),
    );
    await decide((created.nextAction as { url: string }).url, 'approve');
    const refund = (amountMinor: number, key: string) =>
      provider.refund({
        providerPaymentId: created.providerPaymentId,
        amountMinor,
        currency: 'CNY',
        idempotencyKey: key,
        metadata: {},
      });
    expect(await refund(3000, 'r1')).toMatchObject({
      status: 'succeeded',
      amountMinor: 3000,
      currency: 'CNY',
    });
    await expect(refund(7001, 'r2')).rejects.toMatchObject({
      kind: 'invalid',
      providerCode: 'amount_too_large',
    });
    expect(await refund(7000, 'r3')).toMatchObject({ status: 'succeeded', amountMinor: 7000 });
    expect((await refund(3000, 'r1')).amountMinor).toBe(3000); // a replay, not a new refund
  });

  it('signs webhooks the way Stripe does; the adapter refuses tampered, stale or foreign-signed bodies', async () => {
    received = [];
    const created = await provider.createPayment(
      input({ method: 'alipay', currency: 'CNY', amountMinor: 500 }),
    );
    await decide((created.nextAction as { url: string }).url, 'approve');
    await simulator.webhooksSettled();
    const succeeded = received.find((entry) => entry.body.includes('"payment_intent.succeeded"'))!;
    const event = await provider.parseWebhook(Buffer.from(succeeded.body), {
      'stripe-signature': succeeded.signature,
    });
    expect(event).toMatchObject({ type: 'payment.succeeded', providerPaymentId: created.providerPaymentId });

    const tampered = succeeded.body.replace('"amount": 500', '"amount": 1');
    await expect(
      provider.parseWebhook(Buffer.from(tampered), { 'stripe-signature': succeeded.signature }),
    ).rejects.toBeInstanceOf(WebhookVerificationError);
    const old = Math.floor(Date.now() / 1000) - 301;
    const oldSignature = `t=${old},v1=${createHmac('sha256', WEBHOOK_SECRET).update(`${old}.${succeeded.body}`).digest('hex')}`;
    await expect(
      provider.parseWebhook(Buffer.from(succeeded.body), { 'stripe-signature': oldSignature }),
    ).rejects.toBeInstanceOf(WebhookVerificationError);
    const now = Math.floor(Date.now() / 1000);
    const foreign = `t=${now},v1=${createHmac('sha256', 'whsec_other').update(`${now}.${succeeded.body}`).digest('hex')}`;
    await expect(
      provider.parseWebhook(Buffer.from(succeeded.body), { 'stripe-signature': foreign }),
    ).rejects.toBeInstanceOf(WebhookVerificationError);
    await expect(provider.parseWebhook(Buffer.from(succeeded.body), {})).rejects.toBeInstanceOf(
      WebhookVerificationError,
    );
  });

  it('delivers duplicates with the same event id when told to', async () => {
    received = [];
    simulator.faults.duplicateWebhooks = true;
    const created = await provider.createPayment(
      input({ method: 'alipay', currency: 'CNY', amountMinor: 600 }),
    );
    await decide((created.nextAction as { url: string }).url, 'approve');
    await simulator.webhooksSettled();
    const ids = received
      .filter((entry) => entry.body.includes('"payment_intent.succeeded"'))
      .map((entry) => (JSON.parse(entry.body) as { id: string }).id);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe(ids[1]);
  });

  it('reports 500s and timeouts as "unavailable" (outcome unknown), and a wrong key as "authentication"', async () => {
    simulator.faults.failNextRequests(1, 500);
    await expect(provider.createPayment(input())).rejects.toMatchObject({ kind: 'unavailable' });
    simulator.faults.timeoutNextRequests(1);
    const timedOut = provider.createPayment(input());
    await expect(timedOut).rejects.toBeInstanceOf(PaymentProviderError);
    await expect(timedOut).rejects.toMatchObject({ kind: 'unavailable' });
    const wrong = createStripeProvider({
      secretKey: 'sk_test_wrong',
      webhookSecret: WEBHOOK_SECRET,
      apiBase: simulator.baseUrl,
      timeoutMs: 1_000,
    });
    await expect(wrong.createPayment(input())).rejects.toMatchObject({ kind: 'authentication' });
  });

  it('saves a card through a SetupIntent, lists it, charges it off session, and detaches it', async () => {
    const customerId = await provider.ensureCustomer({
      idempotencyKey: 'cust-1',
      email: 'li@example.com',
      simfillCustomerId: 'cus_1',
    });
    const setup = await provider.createSetup({
      idempotencyKey: 'setup-1',
      providerCustomerId: customerId,
      returnUrl: 'http://localhost:8080/account/payment-methods',
      locale: 'en',
    });
    expect(setup.status).toBe('requires_action');
    const saved = await payByCard((setup.nextAction as { url: string }).url, { number: '5555555555554444' });
    expect(new URL(saved.location!).searchParams.get('redirect_status')).toBe('succeeded');
    const done = await provider.retrieveSetup(setup.providerSetupId);
    expect(done).toMatchObject({
      status: 'succeeded',
      paymentMethod: { brand: 'mastercard', last4: '4444' },
    });
    const methods = await provider.listMethods(customerId);
    expect(methods).toHaveLength(1);
    const charged = await provider.createPayment(
      input({ saved: { providerCustomerId: customerId, providerMethodId: methods[0]!.providerMethodId! } }),
    );
    expect(charged.status).toBe('succeeded');
    await provider.detachMethod(methods[0]!.providerMethodId!);
    expect(await provider.listMethods(customerId)).toHaveLength(0);
  });
});
