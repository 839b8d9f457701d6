import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createPayPalProvider } from '../src/adapters/paypal/provider.js';
import { ManualClock } from '../src/kernel/clock.js';
import {
  PaymentProviderError,
  WebhookEventInvalidError,
  WebhookVerificationError,
  type CreatePaymentInput,
  type NextAction,
} from '../src/ports/payments.js';
import { startPayPalSimulator, type PayPalSimulator } from '../src/simulators/paypal/server.js';
import { RETURN_URL } from './helpers/payment-input.js';

const CLIENT_ID = 'simfill-paypal-suite-client';
const CLIENT_SECRET = 'simfill-paypal-suite-secret';
const WEBHOOK_ID = '4JH86294D6297924G';
/** `account_id` in Orders v2 and Payments v2: payer and merchant ids. */
const ACCOUNT_ID = /^[2-9A-HJ-NP-Z]{13}$/;
const CANCEL_URL = 'http://localhost:8080/account/orders/ord_x?payment=pay_x&cancelled=1';

/** The payer on the simulator's approval page, with plain HTTP: read the forms, post one, see where it sends us. */
interface PageForm {
  action: string;
  fields: Record<string, string>;
  button: string;
}

const unescape = (value: string) =>
  value.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));

function formsOf(html: string): PageForm[] {
  return [...html.matchAll(/<form method="post" action="([^"]+)">([\s\S]*?)<\/form>/g)].map((match) => ({
    action: unescape(match[1]!),
    fields: Object.fromEntries(
      [...match[2]!.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((input) => [
        input[1]!,
        unescape(input[2]!),
      ]),
    ),
    button: unescape(/<button[^>]*>([^<]*)<\/button>/.exec(match[2]!)?.[1] ?? ''),
  }));
}

const urlOf = (action: NextAction | undefined): string => {
  if (action?.type !== 'redirect') throw new Error(`expected a redirect, got ${JSON.stringify(action)}`);
  return action.url;
};

/** Opens the approval page and presses "Pay now" (typing `email`) or "Cancel"; returns where PayPal sends us. */
async function onPayPal(url: string, choice: 'approve' | 'decline', email?: string) {
  const html = await (await fetch(url)).text();
  const form = formsOf(html).find((candidate) => candidate.fields.decision === choice);
  if (!form) throw new Error(`no ${choice} button on ${url}`);
  const response = await fetch(new URL(form.action, url), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...form.fields, ...(email ? { email } : {}) }).toString(),
    redirect: 'manual',
  });
  await response.text();
  return { status: response.status, location: response.headers.get('location') ?? undefined, html };
}

describe('PayPal Orders v2: the fetch adapter against the simulator', () => {
  let simulator: PayPalSimulator;
  let provider: ReturnType<typeof createPayPalProvider>;
  let receiver: http.Server;
  let received: { id: string; type: string; body: string; headers: Record<string, string> }[] = [];
  let refuseNext = 0;
  let sequence = 0;

  const providerWith = (overrides: Partial<Parameters<typeof createPayPalProvider>[0]> = {}) =>
    createPayPalProvider({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      webhookId: WEBHOOK_ID,
      apiBase: simulator.baseUrl,
      timeoutMs: 2_000,
      ...overrides,
    });

  const input = (overrides: Partial<CreatePaymentInput> = {}): CreatePaymentInput => {
    sequence += 1;
    return {
      idempotencyKey: `simfill_pay_${sequence}_${Date.now()}`,
      amountMinor: 1030,
      currency: 'USD',
      method: 'paypal',
      description: 'SimFill top-up 10 GB',
      metadata: { order_id: `ord_${sequence}`, payment_id: `pay_${sequence}` },
      returnUrl: RETURN_URL,
      cancelUrl: CANCEL_URL,
      locale: 'en',
      customerEmail: undefined,
      saved: undefined,
      ...overrides,
    };
  };

  /** A paid order: created, approved on the page as `email`, captured. */
  const paidOrder = async (overrides: Partial<CreatePaymentInput> = {}, email = 'li.wei@example.com') => {
    const created = await provider.createPayment(input(overrides));
    await onPayPal(urlOf(created.nextAction), 'approve', email);
    const captured = await provider.capturePayment(
      created.providerPaymentId,
      `capture_${created.providerPaymentId}`,
    );
    return { created, captured };
  };

  const parse = (delivery: { body: string; headers: Record<string, string> }) =>
    provider.parseWebhook(Buffer.from(delivery.body), delivery.headers);

  beforeAll(async () => {
    receiver = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        if (refuseNext > 0) {
          refuseNext -= 1;
          response.statusCode = 500;
          return response.end('not now');
        }
        const body = Buffer.concat(chunks).toString();
        const event = JSON.parse(body) as { id: string; event_type: string };
        const headers = Object.fromEntries(
          Object.entries(request.headers).filter(
            (entry): entry is [string, string] => typeof entry[1] === 'string',
          ),
        );
        received.push({ id: event.id, type: event.event_type, body, headers });
        response.end('');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    simulator = await startPayPalSimulator({
      host: '127.0.0.1',
      port: 0,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      webhookId: WEBHOOK_ID,
      webhookUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/v1/webhooks/paypal`,
    });
    provider = providerWith();
  });

  afterEach(async () => {
    simulator.faults.reset();
    refuseNext = 0;
    await simulator.webhooksSettled();
    received = [];
  });

  afterAll(async () => {
    await simulator?.close();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  it('pays: create, approve on the hosted page, capture; succeeded with the payer email; webhooks verified', async () => {
    const created = await provider.createPayment(input());
    expect(created).toMatchObject({
      status: 'requires_action',
      amountMinor: 1030,
      currency: 'USD',
      amountRefundedMinor: 0,
      paymentMethod: { kind: 'paypal', payerEmail: undefined },
      failure: undefined,
    });
    const approveUrl = urlOf(created.nextAction);
    expect(approveUrl).toBe(`${simulator.baseUrl}/checkoutnow?token=${created.providerPaymentId}`);
    expect(created.providerPaymentId).toMatch(/^[A-Z0-9]{17}$/);

    const back = await onPayPal(approveUrl, 'approve', 'li.wei@example.com');
    expect(back.html).toContain('<html lang="en">');
    expect(formsOf(back.html).map((form) => form.button)).toEqual(['Pay now', 'Cancel']);
    expect(back.html).toContain('10.30 USD');
    expect(back.status).toBe(302);
    const location = new URL(back.location!);
    expect(`${location.origin}${location.pathname}`).toBe('http://localhost:8080/account/orders/ord_x');
    expect(location.searchParams.get('payment')).toBe('pay_x');
    expect(location.searchParams.get('token')).toBe(created.providerPaymentId);
    expect(location.searchParams.get('PayerID')).toMatch(ACCOUNT_ID);

    expect(await provider.retrievePayment(created.providerPaymentId)).toMatchObject({
      status: 'processing',
      nextAction: undefined,
      paymentMethod: { kind: 'paypal', payerEmail: 'li.wei@example.com' },
    });
    const captured = await provider.capturePayment(created.providerPaymentId, 'capture_1');
    expect(captured).toMatchObject({
      providerPaymentId: created.providerPaymentId,
      status: 'succeeded',
      amountMinor: 1030,
      currency: 'USD',
      paymentMethod: { kind: 'paypal', payerEmail: 'li.wei@example.com' },
    });
    expect(simulator.completedCaptures().filter((c) => c.orderId === created.providerPaymentId)).toHaveLength(
      1,
    );

    await simulator.webhooksSettled();
    expect(received.map((delivery) => delivery.type)).toEqual([
      'CHECKOUT.ORDER.APPROVED',
      'PAYMENT.CAPTURE.COMPLETED',
    ]);
    const [approved, completed] = await Promise.all(received.map(parse));
    expect(approved).toMatchObject({
      providerType: 'CHECKOUT.ORDER.APPROVED',
      type: 'payment.processing',
      providerPaymentId: created.providerPaymentId,
    });
    expect(completed).toMatchObject({
      type: 'payment.succeeded',
      providerPaymentId: created.providerPaymentId,
      payment: undefined,
    });
    expect(completed!.id).toMatch(/^WH-[A-Z0-9]{17}-[A-Z0-9]{17}$/);
    expect(completed!.occurredAt).toBeInstanceOf(Date);
  });

  it('cancel: the Chinese page sends the payer to cancel_url with the token; nothing is approved or charged', async () => {
    const created = await provider.createPayment(input({ locale: 'zh-CN' }));
    const back = await onPayPal(urlOf(created.nextAction), 'decline');
    expect(back.html).toContain('<html lang="zh-CN">');
    expect(formsOf(back.html).map((form) => form.button)).toEqual(['立即付款', '取消']);
    expect(back.status).toBe(302);
    expect(back.location).toBe(`${CANCEL_URL}&token=${created.providerPaymentId}`);
    expect((await provider.retrievePayment(created.providerPaymentId)).status).toBe('requires_action');
    await expect(
      provider.capturePayment(created.providerPaymentId, 'capture_cancelled'),
    ).rejects.toMatchObject({
      kind: 'invalid',
      providerCode: 'ORDER_NOT_APPROVED',
    });
    expect(await provider.cancelPayment(created.providerPaymentId, 'cancel_1')).toMatchObject({
      status: 'canceled',
      nextAction: undefined,
    });
    await simulator.webhooksSettled();
    expect(received).toEqual([]);
    expect(simulator.completedCaptures().some((c) => c.orderId === created.providerPaymentId)).toBe(false);
  });

  it('capture before approval is invalid (ORDER_NOT_APPROVED); a captured order cannot be cancelled', async () => {
    const created = await provider.createPayment(input());
    const error = await provider
      .capturePayment(created.providerPaymentId, 'capture_early')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaymentProviderError);
    expect(error).toMatchObject({ kind: 'invalid', providerCode: 'ORDER_NOT_APPROVED' });
    const { captured } = await paidOrder();
    await expect(provider.cancelPayment(captured.providerPaymentId, 'cancel_paid')).rejects.toMatchObject({
      kind: 'invalid',
      providerCode: 'ORDER_ALREADY_CAPTURED',
    });
  });

  it('is idempotent: the same key gives the same order and the same capture; the payer is charged once', async () => {
    const request = input();
    const first = await provider.createPayment(request);
    const again = await Promise.all([1, 2, 3].map(() => provider.createPayment(request)));
    expect(again.map((payment) => payment.providerPaymentId)).toEqual(Array(3).fill(first.providerPaymentId));
    const other = await provider.createPayment({ ...request, idempotencyKey: `${request.idempotencyKey}_b` });
    expect(other.providerPaymentId).not.toBe(first.providerPaymentId);

    await onPayPal(urlOf(first.nextAction), 'approve');
    const captures = await Promise.all(
      [1, 2, 3].map(() => provider.capturePayment(first.providerPaymentId, 'cap_k')),
    );
    expect(captures.map((payment) => payment.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    // Another key finds the order captured (ORDER_ALREADY_CAPTURED) and reports it: still one capture.
    expect((await provider.capturePayment(first.providerPaymentId, 'cap_other')).status).toBe('succeeded');
    const charges = simulator
      .completedCaptures()
      .filter((capture) => capture.orderId === first.providerPaymentId);
    expect(charges).toEqual([
      expect.objectContaining({
        amountMinor: 1030,
        currency: 'USD',
        invoiceId: request.idempotencyKey,
        customId: `order_id=ord_${sequence}&payment_id=pay_${sequence}`,
      }),
    ]);
    // The payer's email on the form is optional: without it, PayPal's default sandbox buyer logged in.
    expect(captures[0]!.paymentMethod?.payerEmail).toBe('buyer@example.com');
  });

  it('refunds: partial then the rest, nothing above what is left, same key same refund; webhooks name the order', async () => {
    const { created } = await paidOrder();
    const refund = (amountMinor: number, idempotencyKey: string) =>
      provider.refund({
        providerPaymentId: created.providerPaymentId,
        amountMinor,
        currency: 'USD',
        idempotencyKey,
        metadata: { refund_id: idempotencyKey },
      });
    const partial = await refund(300, 'refund_a');
    expect(partial).toMatchObject({
      providerPaymentId: created.providerPaymentId,
      status: 'succeeded',
      amountMinor: 300,
      currency: 'USD',
    });
    expect((await refund(300, 'refund_a')).providerRefundId).toBe(partial.providerRefundId);
    await expect(refund(731, 'refund_b')).rejects.toMatchObject({
      kind: 'invalid',
      providerCode: 'REFUND_AMOUNT_EXCEEDED',
    });
    expect((await provider.retrievePayment(created.providerPaymentId)).amountRefundedMinor).toBe(300);
    const rest = await refund(730, 'refund_c');
    expect(rest).toMatchObject({ status: 'succeeded', amountMinor: 730 });
    expect(await provider.retrievePayment(created.providerPaymentId)).toMatchObject({
      status: 'succeeded',
      amountRefundedMinor: 1030,
    });
    await expect(refund(1, 'refund_d')).rejects.toMatchObject({
      kind: 'invalid',
      providerCode: 'CAPTURE_FULLY_REFUNDED',
    });
    const unpaid = await provider.createPayment(input());
    await expect(
      provider.refund({
        providerPaymentId: unpaid.providerPaymentId,
        amountMinor: 100,
        currency: 'USD',
        idempotencyKey: 'refund_unpaid',
        metadata: {},
      }),
    ).rejects.toMatchObject({ kind: 'invalid', providerCode: 'payment_not_captured' });

    await simulator.webhooksSettled();
    const refunds = await Promise.all(
      received.filter((delivery) => delivery.type === 'PAYMENT.CAPTURE.REFUNDED').map(parse),
    );
    expect(refunds.map((event) => [event.type, event.providerPaymentId, event.refund?.amountMinor])).toEqual([
      ['refund.succeeded', created.providerPaymentId, 300],
      ['refund.succeeded', created.providerPaymentId, 730],
    ]);
    expect(refunds[0]!.refund).toMatchObject({
      providerRefundId: partial.providerRefundId,
      status: 'succeeded',
    });
  });

  it('verifies webhooks with PayPal: a tampered body, missing headers, a forged signature or another webhook fail', async () => {
    await paidOrder();
    await simulator.webhooksSettled();
    const genuine = received.find((delivery) => delivery.type === 'PAYMENT.CAPTURE.COMPLETED')!;
    expect(genuine.headers).toMatchObject({
      'paypal-auth-algo': 'SHA256withRSA',
      'paypal-cert-url': expect.stringContaining('/v1/notifications/certs/') as unknown,
      'paypal-transmission-id': expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown,
      'paypal-transmission-time': expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/) as unknown,
    });
    expect((await parse(genuine)).type).toBe('payment.succeeded');

    const tampered = genuine.body.replace('"10.30"', '"1030.00"');
    expect(tampered).not.toBe(genuine.body);
    await expect(provider.parseWebhook(Buffer.from(tampered), genuine.headers)).rejects.toBeInstanceOf(
      WebhookVerificationError,
    );
    for (const header of ['paypal-transmission-sig', 'paypal-transmission-id', 'paypal-cert-url']) {
      const headers = { ...genuine.headers };
      delete headers[header];
      await expect(provider.parseWebhook(Buffer.from(genuine.body), headers)).rejects.toThrow(
        new WebhookVerificationError(`missing ${header} header`),
      );
    }
    const forged = { ...genuine.headers, 'paypal-transmission-sig': Buffer.alloc(32, 1).toString('base64') };
    await expect(provider.parseWebhook(Buffer.from(genuine.body), forged)).rejects.toBeInstanceOf(
      WebhookVerificationError,
    );
    const otherWebhook = providerWith({ webhookId: '1JE4291016473214C' });
    await expect(
      otherWebhook.parseWebhook(Buffer.from(genuine.body), genuine.headers),
    ).rejects.toBeInstanceOf(WebhookVerificationError);
    await expect(provider.parseWebhook(Buffer.from('not json'), genuine.headers)).rejects.toBeInstanceOf(
      WebhookVerificationError,
    );
  });

  it('ids follow PayPal’s patterns: payer and merchant ids are account ids, orders, captures and refunds [A-Z0-9], events WH-…', async () => {
    const { created } = await paidOrder();
    await provider.refund({
      providerPaymentId: created.providerPaymentId,
      amountMinor: 100,
      currency: 'USD',
      idempotencyKey: `refund_ids_${created.providerPaymentId}`,
      metadata: {},
    });
    const token = (await (
      await fetch(`${simulator.baseUrl}/v1/oauth2/token`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`,
        },
        body: 'grant_type=client_credentials',
      })
    ).json()) as { access_token: string };
    const order = (await (
      await fetch(`${simulator.baseUrl}/v2/checkout/orders/${created.providerPaymentId}`, {
        headers: { authorization: `Bearer ${token.access_token}` },
      })
    ).json()) as {
      id: string;
      payer: { payer_id: string };
      payment_source: { paypal: { account_id: string } };
      purchase_units: {
        payee: { merchant_id: string };
        payments: { captures: { id: string }[]; refunds: { id: string }[] };
      }[];
    };
    expect(order.payer.payer_id).toMatch(ACCOUNT_ID);
    expect(order.payment_source.paypal.account_id).toBe(order.payer.payer_id);
    const [unit] = order.purchase_units;
    expect(unit!.payee.merchant_id).toMatch(ACCOUNT_ID);
    // Orders v2 / Payments v2 give `^[A-Z0-9]+$`; PayPal's examples are 17 characters (5O190127TN364715T).
    for (const id of [order.id, unit!.payments.captures[0]!.id, unit!.payments.refunds[0]!.id]) {
      expect(id).toMatch(/^[A-Z0-9]{17}$/);
    }
    await simulator.webhooksSettled();
    expect(received.length).toBeGreaterThan(0);
    for (const delivery of received) expect(delivery.id).toMatch(/^WH-[A-Z0-9]{17}-[A-Z0-9]{17}$/);
  });

  it('a webhook id is letters and digits (the spec’s ^[a-zA-Z0-9]+$): neither the client nor PayPal takes another', async () => {
    expect(() => providerWith({ webhookId: 'WH-SIMFILL-EMBEDDED' })).toThrow(/PayPal webhook id/);
    await expect(
      startPayPalSimulator({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, webhookId: 'WH-TEST' }),
    ).rejects.toThrow(/not a PayPal webhook id/);
    const token = (await (
      await fetch(`${simulator.baseUrl}/v1/oauth2/token`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`,
        },
        body: 'grant_type=client_credentials',
      })
    ).json()) as { access_token: string };
    const verify = await fetch(`${simulator.baseUrl}/v1/notifications/verify-webhook-signature`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token.access_token}` },
      body: JSON.stringify({
        auth_algo: 'SHA256withRSA',
        cert_url: `${simulator.baseUrl}/v1/notifications/certs/x`,
        transmission_id: 'a1b2c3',
        transmission_sig: 'c2ln',
        transmission_time: '2026-11-24T08:00:00Z',
        webhook_id: 'WH-SIMFILL-EMBEDDED',
        webhook_event: { id: 'WH-1-2', event_type: 'PAYMENT.CAPTURE.COMPLETED' },
      }),
    });
    expect(verify.status).toBe(400);
    expect(await verify.json()).toMatchObject({
      name: 'VALIDATION_ERROR',
      details: [{ field: 'webhook_id', issue: 'INVALID_PARAMETER_SYNTAX' }],
    });
  });

  it('refuses, unverified, a webhook whose event id is not a PayPal event id (the inbox keys on it)', async () => {
    await paidOrder();
    await simulator.webhooksSettled();
    const genuine = received.find((delivery) => delivery.type === 'PAYMENT.CAPTURE.COMPLETED')!;
    const event = JSON.parse(genuine.body) as { id: string };
    const renamed = genuine.body.replace(event.id, 'WH-1/../../x');
    await expect(provider.parseWebhook(Buffer.from(renamed), genuine.headers)).rejects.toThrow(
      new WebhookEventInvalidError('id'),
    );
  });

  it('does not take an order whose id is not a PayPal order id (it becomes a path and the payment id)', async () => {
    const impostor = http.createServer((request, response) => {
      response.setHeader('content-type', 'application/json');
      if (request.url === '/v1/oauth2/token') {
        return response.end(
          JSON.stringify({ access_token: 'A21AAtoken', token_type: 'Bearer', expires_in: 32_400 }),
        );
      }
      response.end(
        JSON.stringify({
          id: '../../v2/payments/captures/X',
          status: 'COMPLETED',
          purchase_units: [{ amount: { currency_code: 'USD', value: '10.30' } }],
        }),
      );
    });
    await new Promise<void>((resolve) => impostor.listen(0, '127.0.0.1', resolve));
    try {
      const client = providerWith({
        apiBase: `http://127.0.0.1:${(impostor.address() as AddressInfo).port}`,
      });
      await expect(client.retrievePayment('5O190127TN364715T')).rejects.toMatchObject({
        kind: 'unavailable',
        providerCode: 'unexpected_response',
      });
    } finally {
      await new Promise((resolve) => impostor.close(resolve));
    }
  });

  it('duplicate webhooks carry the same event id (each a new, verifiable transmission)', async () => {
    simulator.faults.duplicateWebhooks = true;
    const created = await provider.createPayment(input());
    await onPayPal(urlOf(created.nextAction), 'approve');
    await simulator.webhooksSettled();
    expect(received).toHaveLength(2);
    expect(received[0]!.id).toBe(received[1]!.id);
    expect(received[0]!.headers['paypal-transmission-id']).not.toBe(
      received[1]!.headers['paypal-transmission-id'],
    );
    const events = await Promise.all(received.map(parse));
    expect(events.map((event) => [event.id, event.type, event.providerPaymentId])).toEqual([
      [received[0]!.id, 'payment.processing', created.providerPaymentId],
      [received[0]!.id, 'payment.processing', created.providerPaymentId],
    ]);
  });

  it('delays and reorders webhooks on request, and retries a refused delivery with backoff', async () => {
    simulator.faults.delayWebhooksMs = 100;
    simulator.faults.reorderWebhooks = true;
    const { created } = await paidOrder();
    expect(received).toEqual([]);
    await simulator.webhooksSettled();
    expect(received.map((delivery) => delivery.type)).toEqual([
      'PAYMENT.CAPTURE.COMPLETED',
      'CHECKOUT.ORDER.APPROVED',
    ]);
    expect((await Promise.all(received.map(parse))).map((event) => event.providerPaymentId)).toEqual([
      created.providerPaymentId,
      created.providerPaymentId,
    ]);

    simulator.faults.reset();
    received = [];
    refuseNext = 2;
    const retried = await provider.createPayment(input());
    await onPayPal(urlOf(retried.nextAction), 'approve');
    await simulator.webhooksSettled();
    expect(received).toHaveLength(1);
    const attempts = simulator.deliveredEvents().filter((delivery) => delivery.id === received[0]!.id);
    expect(attempts.map((attempt) => attempt.status)).toEqual([500, 500, 200]);
    expect((await parse(received[0]!)).providerPaymentId).toBe(retried.providerPaymentId);
  });

  it('a denied capture fails the payment (PAYMENT.CAPTURE.DENIED); INSTRUMENT_DECLINED is a decline', async () => {
    const created = await provider.createPayment(input());
    await onPayPal(urlOf(created.nextAction), 'approve');
    simulator.faults.denyNextCapture();
    const denied = await provider.capturePayment(created.providerPaymentId, 'capture_denied');
    expect(denied).toMatchObject({
      status: 'failed',
      failure: { code: 'CAPTURE_DECLINED' },
      paymentMethod: { kind: 'paypal' },
    });
    expect(simulator.completedCaptures().some((c) => c.orderId === created.providerPaymentId)).toBe(false);
    await simulator.webhooksSettled();
    const deniedEvent = received.find((delivery) => delivery.type === 'PAYMENT.CAPTURE.DENIED');
    expect(await parse(deniedEvent!)).toMatchObject({
      type: 'payment.failed',
      providerPaymentId: created.providerPaymentId,
    });

    const second = await provider.createPayment(input());
    await onPayPal(urlOf(second.nextAction), 'approve');
    simulator.faults.denyNextCapture(1, 'INSTRUMENT_DECLINED');
    await expect(
      provider.capturePayment(second.providerPaymentId, 'capture_instrument'),
    ).rejects.toMatchObject({
      kind: 'declined',
      providerCode: 'INSTRUMENT_DECLINED',
    });
    // PayPal sends the payer back to choose another way to pay.
    expect((await provider.retrievePayment(second.providerPaymentId)).status).toBe('requires_action');
  });

  it('wrong credentials are an authentication error; 500s, timeouts and network errors are unavailable', async () => {
    const wrong = providerWith({ clientSecret: 'not-the-secret' });
    await expect(wrong.createPayment(input())).rejects.toMatchObject({
      kind: 'authentication',
      providerCode: 'invalid_client',
    });

    await provider.retrievePayment((await provider.createPayment(input())).providerPaymentId);
    simulator.faults.failNextRequests(1);
    await expect(provider.createPayment(input())).rejects.toMatchObject({
      kind: 'unavailable',
      providerCode: 'INTERNAL_SERVER_ERROR',
    });
    simulator.faults.failNextRequests(1, 503);
    await expect(provider.createPayment(input())).rejects.toMatchObject({
      kind: 'unavailable',
      providerCode: 'SERVICE_UNAVAILABLE',
    });

    // PayPal created the order but the answer never came: the same key afterwards returns that order.
    const impatient = providerWith({ timeoutMs: 300 });
    const request = input();
    await impatient.retrievePayment((await impatient.createPayment(input())).providerPaymentId);
    simulator.faults.timeoutNextRequests(1, { afterProcessing: true });
    await expect(impatient.createPayment(request)).rejects.toMatchObject({
      kind: 'unavailable',
      providerCode: 'timeout',
    });
    const recovered = await impatient.createPayment(request);
    expect(await impatient.createPayment(request)).toMatchObject({
      providerPaymentId: recovered.providerPaymentId,
    });

    const nowhere = providerWith({ apiBase: 'http://127.0.0.1:1' });
    await expect(nowhere.retrievePayment('5O190127TN364715T')).rejects.toMatchObject({
      kind: 'unavailable',
      providerCode: 'network_error',
    });
    await expect(provider.retrievePayment('NOSUCHORDER000000')).rejects.toMatchObject({
      kind: 'invalid',
      providerCode: 'resource_missing',
    });
  });

  it('reuses its OAuth token across calls, fetches one at a time, renews it before expiry and after a 401', async () => {
    const fresh = providerWith();
    const before = simulator.tokenRequests();
    const created = await Promise.all([1, 2, 3].map(() => fresh.createPayment(input())));
    await fresh.retrievePayment(created[0]!.providerPaymentId);
    await fresh.cancelPayment(created[1]!.providerPaymentId, 'cancel_token');
    expect(simulator.tokenRequests()).toBe(before + 1);

    const clock = new ManualClock('2026-03-01T00:00:00Z');
    const timed = await startPayPalSimulator({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      webhookId: WEBHOOK_ID,
      tokenTtlSeconds: 600,
      clock,
    });
    try {
      const sameClock = providerWith({ apiBase: timed.baseUrl, clock });
      const order = (await sameClock.createPayment(input())).providerPaymentId;
      clock.advance(299_000);
      await sameClock.retrievePayment(order);
      expect(timed.tokenRequests()).toBe(1);
      clock.advance(2_000); // 5 minutes before the token expires: renewed first.
      await sameClock.retrievePayment(order);
      expect(timed.tokenRequests()).toBe(2);

      // A token PayPal no longer honours (its clock and ours disagree): one 401, a new token, the same call.
      const ownClock = providerWith({ apiBase: timed.baseUrl });
      await ownClock.retrievePayment(order);
      expect(timed.tokenRequests()).toBe(3);
      clock.advance(601_000);
      expect((await ownClock.retrievePayment(order)).providerPaymentId).toBe(order);
      expect(timed.tokenRequests()).toBe(4);
    } finally {
      await timed.close();
    }
  });

  it('charges in PayPal currencies (JPY without decimals), refuses CNY and methods other than PayPal', async () => {
    await expect(provider.createPayment(input({ currency: 'CNY', amountMinor: 7300 }))).rejects.toMatchObject(
      {
        kind: 'invalid',
        providerCode: 'CURRENCY_NOT_SUPPORTED',
      },
    );
    const yen = await provider.createPayment(input({ currency: 'JPY', amountMinor: 1500 }));
    expect(yen).toMatchObject({ amountMinor: 1500, currency: 'JPY', status: 'requires_action' });
    expect(await (await fetch(urlOf(yen.nextAction))).text()).toContain('1500 JPY');
    const euro = await paidOrder({ currency: 'EUR', amountMinor: 1999 });
    expect(euro.captured).toMatchObject({ status: 'succeeded', amountMinor: 1999, currency: 'EUR' });
    await expect(provider.createPayment(input({ method: 'card' }))).rejects.toMatchObject({
      kind: 'invalid',
      providerCode: 'payment_method_not_supported',
    });
  });

  it("speaks PayPal's REST: token grant, minimal order with HATEOAS links, error objects", async () => {
    const api = (path: string, init: RequestInit = {}) => fetch(`${simulator.baseUrl}${path}`, init);
    const basic = (secret: string) => `Basic ${Buffer.from(`${CLIENT_ID}:${secret}`).toString('base64')}`;
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const refused = await api('/v1/oauth2/token', {
      method: 'POST',
      headers: { ...form, authorization: basic('wrong') },
      body: 'grant_type=client_credentials',
    });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ error: 'invalid_client', error_description: expect.any(String) });
    const granted = await api('/v1/oauth2/token', {
      method: 'POST',
      headers: { ...form, authorization: basic(CLIENT_SECRET) },
      body: 'grant_type=client_credentials',
    });
    const token = (await granted.json()) as Record<string, unknown>;
    expect(token).toMatchObject({
      token_type: 'Bearer',
      expires_in: 32_400,
      app_id: expect.stringMatching(/^APP-/) as unknown,
      access_token: expect.any(String) as unknown,
      nonce: expect.any(String) as unknown,
      scope: expect.stringContaining('https://uri.paypal.com/services/payments/payment') as unknown,
    });
    const json = {
      'content-type': 'application/json',
      authorization: `Bearer ${String(token.access_token)}`,
    };
    const orderBody = (extra: Record<string, unknown>) =>
      JSON.stringify({
        intent: 'CAPTURE',
        purchase_units: [{ reference_id: 'r1', amount: { currency_code: 'USD', value: '10.30' } }],
        ...extra,
      });

    const minimal = await api('/v2/checkout/orders', {
      method: 'POST',
      headers: { ...json, 'paypal-request-id': `raw_${Date.now()}` },
      body: orderBody({
        payment_source: {
          paypal: { experience_context: { return_url: RETURN_URL, cancel_url: CANCEL_URL } },
        },
      }),
    });
    expect(minimal.status).toBe(201);
    const order = (await minimal.json()) as { id: string; links: { rel: string; method: string }[] };
    expect(order).toMatchObject({ status: 'PAYER_ACTION_REQUIRED', payment_source: { paypal: {} } });
    expect(Object.keys(order).sort()).toEqual(['id', 'links', 'payment_source', 'status']);
    expect(order.links.map((link) => `${link.method} ${link.rel}`)).toEqual(['GET self', 'GET payer-action']);

    const legacy = await api('/v2/checkout/orders', {
      method: 'POST',
      headers: json,
      body: orderBody({ application_context: { return_url: RETURN_URL } }),
    });
    const legacyOrder = (await legacy.json()) as { status: string; links: { rel: string }[] };
    expect(legacyOrder.status).toBe('CREATED');
    expect(legacyOrder.links.map((link) => link.rel)).toEqual(['self', 'approve', 'update', 'capture']);

    const noRequestId = await api('/v2/checkout/orders', {
      method: 'POST',
      headers: json,
      body: orderBody({ payment_source: { paypal: {} } }),
    });
    expect(noRequestId.status).toBe(400);
    expect(await noRequestId.json()).toMatchObject({ details: [{ issue: 'PAYPAL_REQUEST_ID_REQUIRED' }] });

    const early = await api(`/v2/checkout/orders/${order.id}/capture`, {
      method: 'POST',
      headers: json,
      body: '{}',
    });
    expect(early.status).toBe(422);
    expect(await early.json()).toEqual({
      name: 'UNPROCESSABLE_ENTITY',
      message: expect.any(String),
      debug_id: expect.stringMatching(/^[0-9a-f]{13}$/),
      details: [{ issue: 'ORDER_NOT_APPROVED', description: expect.any(String) }],
      links: [
        {
          href: 'https://developer.paypal.com/docs/api/orders/v2/#error-ORDER_NOT_APPROVED',
          rel: 'information_link',
          method: 'GET',
        },
      ],
    });
    expect(early.headers.get('paypal-debug-id')).toMatch(/^[0-9a-f]{13}$/);

    const precise = await api('/v2/checkout/orders', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({
        intent: 'CAPTURE',
        purchase_units: [{ amount: { currency_code: 'USD', value: '10.305' } }],
      }),
    });
    expect(precise.status).toBe(422);
    expect(await precise.json()).toMatchObject({ details: [{ issue: 'DECIMAL_PRECISION' }] });
    const missing = await api('/v2/checkout/orders/NOSUCHORDER000000', { headers: json });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({
      name: 'RESOURCE_NOT_FOUND',
      details: [{ issue: 'INVALID_RESOURCE_ID' }],
    });
    const anonymous = await api(`/v2/checkout/orders/${order.id}`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ name: 'AUTHENTICATION_FAILURE' });
  });
});
