import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPayPalProvider, type PayPalProvider } from '../../src/adapters/paypal/provider.js';
import type { CreatePaymentInput, NextAction } from '../../src/ports/payments.js';
import { startPayPalSimulator, type PayPalSimulator } from '../../src/simulators/paypal/server.js';
import {
  startRecordingProxy,
  startWebhookReceiver,
  type RecordingProxy,
  type WebhookReceiver,
} from './recorder.js';
import { ContractLedger, describeViolations, validatorFor } from './suite.js';

const CLIENT_ID = 'contract-paypal-client';
const CLIENT_SECRET = 'contract-paypal-secret';
const WEBHOOK_ID = '8PT597110X687430LKGECATA';

/** Where each webhook resource is described: `resource_type` → [document, schema]. */
const RESOURCE_SCHEMAS: Record<string, [string, string]> = {
  'checkout-order': ['checkout_orders_v2', 'order'],
  capture: ['payments_payment_v2', 'capture-2'],
  refund: ['payments_payment_v2', 'refund'],
};

const urlOf = (action: NextAction | undefined): string => {
  if (action?.type !== 'redirect') throw new Error(`expected a redirect, got ${JSON.stringify(action)}`);
  return action.url;
};

/** The payer presses "Pay now" on the simulator's approval page (plain HTTP, as in paypal-provider.test.ts). */
async function approve(url: string) {
  const html = await (await fetch(url)).text();
  const form = [...html.matchAll(/<form method="post" action="([^"]+)">([\s\S]*?)<\/form>/g)].find((match) =>
    match[2]!.includes('value="approve"'),
  );
  if (!form) throw new Error(`no approve button on ${url}`);
  const fields = Object.fromEntries(
    [...form[2]!.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((input) => [
      input[1]!,
      input[2]!.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code))),
    ]),
  );
  const response = await fetch(
    new URL(
      form[1]!.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code))),
      url,
    ),
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...fields, email: 'li.wei@example.com' }).toString(),
      redirect: 'manual',
    },
  );
  await response.text();
  expect(response.status).toBe(302);
}

describe('PayPal contract: the real client and the simulator against PayPal’s published OpenAPI', () => {
  let simulator: PayPalSimulator;
  let proxy: RecordingProxy;
  let receiver: WebhookReceiver;
  let client: PayPalProvider;
  const ledger = new ContractLedger(validatorFor('paypal'));
  const parsed: string[] = [];
  let sequence = 0;

  const input = (overrides: Partial<CreatePaymentInput> = {}): CreatePaymentInput => {
    sequence += 1;
    return {
      idempotencyKey: `simfill_pay_contract_${sequence}_${Date.now()}`,
      amountMinor: 1030,
      currency: 'USD',
      method: 'paypal',
      description: 'SimFill top-up 10 GB',
      metadata: { order_id: `ord_${sequence}`, payment_id: `pay_${sequence}` },
      returnUrl: 'http://localhost:8080/account/orders/ord_x?payment=pay_x',
      cancelUrl: 'http://localhost:8080/account/orders/ord_x?payment=pay_x&cancelled=1',
      locale: sequence % 2 ? 'en' : 'zh-CN',
      customerEmail: sequence % 2 ? 'li.wei@example.com' : undefined,
      saved: undefined,
      ...overrides,
    };
  };

  /** Validates every delivery (the event, and its resource by type) and what the exchanges since recorded. */
  const recorded = async () => {
    await simulator.webhooksSettled();
    const found = describeViolations(ledger.check(proxy.exchanges));
    for (const delivery of receiver.deliveries.splice(0)) {
      const event = JSON.parse(delivery.body) as {
        event_type: string;
        resource_type: string;
        resource: unknown;
      };
      found.push(
        ...describeViolations(ledger.webhook('notifications_webhooks_v1', 'event', event, event.event_type)),
      );
      const [document, schema] = RESOURCE_SCHEMAS[event.resource_type] ?? [];
      if (!document)
        found.push(`${event.event_type}: resource_type ${event.resource_type} has no schema here`);
      else
        found.push(
          ...describeViolations(ledger.webhook(document, schema!, event.resource, event.event_type)),
        );
    }
    found.push(...describeViolations(ledger.check(proxy.exchanges)));
    return found;
  };

  beforeAll(async () => {
    receiver = await startWebhookReceiver(async (delivery) => {
      // SimFill's own check: verify-webhook-signature through the proxy, so that exchange is validated too.
      const event = await client.parseWebhook(Buffer.from(delivery.body), delivery.headers);
      parsed.push(event.providerType);
    });
    simulator = await startPayPalSimulator({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      webhookId: WEBHOOK_ID,
      webhookUrl: receiver.url,
    });
    proxy = await startRecordingProxy(simulator.baseUrl);
    client = createPayPalProvider({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      webhookId: WEBHOOK_ID,
      apiBase: proxy.url,
      timeoutMs: 5_000,
      brandName: 'SimFill',
    });
  });
  afterAll(async () => {
    await proxy?.close();
    await simulator?.close();
    await receiver?.close();
  });

  it('create (and its replay), approve, capture (and its replay), show, refund in part and in full, and their webhooks match the spec', async () => {
    const first = input();
    const created = await client.createPayment(first);
    expect(created.status).toBe('requires_action');
    // The same PayPal-Request-Id again: the same order, answered 200 as Orders v2 says of idempotent requests.
    expect((await client.createPayment(first)).providerPaymentId).toBe(created.providerPaymentId);
    await approve(urlOf(created.nextAction));
    const captured = await client.capturePayment(
      created.providerPaymentId,
      `capture_${created.providerPaymentId}`,
    );
    expect(captured.status).toBe('succeeded');
    await client.capturePayment(created.providerPaymentId, `capture_${created.providerPaymentId}`);
    expect((await client.retrievePayment(created.providerPaymentId)).status).toBe('succeeded');
    const part = await client.refund({
      providerPaymentId: created.providerPaymentId,
      amountMinor: 330,
      currency: 'USD',
      idempotencyKey: `refund_${sequence}_a`,
      metadata: { refund_id: `re_${sequence}_a` },
    });
    expect(part.status).toBe('succeeded');
    await client.refund({
      providerPaymentId: created.providerPaymentId,
      amountMinor: 700,
      currency: 'USD',
      idempotencyKey: `refund_${sequence}_b`,
      metadata: { refund_id: `re_${sequence}_b` },
    });
    expect(await recorded()).toEqual([]);
    expect(parsed).toEqual(
      expect.arrayContaining([
        'CHECKOUT.ORDER.APPROVED',
        'PAYMENT.CAPTURE.COMPLETED',
        'PAYMENT.CAPTURE.REFUNDED',
      ]),
    );
  });

  it('refusals match the spec: capture before approval, declined captures, an unknown order, a refund too large', async () => {
    const unapproved = await client.createPayment(input({ currency: 'JPY', amountMinor: 500 }));
    await expect(
      client.capturePayment(unapproved.providerPaymentId, `capture_${unapproved.providerPaymentId}`),
    ).rejects.toMatchObject({ providerCode: 'ORDER_NOT_APPROVED' });
    expect((await client.cancelPayment(unapproved.providerPaymentId, 'cancel')).status).toBe('canceled');

    const instrument = await client.createPayment(input());
    await approve(urlOf(instrument.nextAction));
    simulator.faults.denyNextCapture(1, 'INSTRUMENT_DECLINED');
    await expect(
      client.capturePayment(instrument.providerPaymentId, `capture_${instrument.providerPaymentId}`),
    ).rejects.toMatchObject({ kind: 'declined', providerCode: 'INSTRUMENT_DECLINED' });

    const denied = await client.createPayment(input());
    await approve(urlOf(denied.nextAction));
    simulator.faults.denyNextCapture(1, 'DECLINED');
    expect(
      (await client.capturePayment(denied.providerPaymentId, `capture_${denied.providerPaymentId}`)).status,
    ).toBe('failed');

    await expect(client.retrievePayment('5O190127TN364715T')).rejects.toMatchObject({
      providerCode: 'resource_missing',
    });

    const paid = await client.createPayment(input());
    await approve(urlOf(paid.nextAction));
    await client.capturePayment(paid.providerPaymentId, `capture_${paid.providerPaymentId}`);
    await expect(
      client.refund({
        providerPaymentId: paid.providerPaymentId,
        amountMinor: 5000,
        currency: 'USD',
        idempotencyKey: `refund_${sequence}_big`,
        metadata: {},
      }),
    ).rejects.toMatchObject({ providerCode: 'REFUND_AMOUNT_EXCEEDED' });
    expect(await recorded()).toEqual([]);
  });

  it('every operation the client calls was exercised (errors too), and every allowed deviation was needed', () => {
    expect(ledger.unexercised()).toEqual([]);
    expect([...ledger.exercised]).toEqual(
      expect.arrayContaining([
        'POST /v2/checkout/orders 200',
        'POST /v2/checkout/orders/{id}/capture 200',
        'POST /v2/checkout/orders/{id}/capture 422',
        'GET /v2/checkout/orders/{id} 404',
        'POST /v2/payments/captures/{capture_id}/refund 422',
      ]),
    );
    expect(ledger.unusedDeviations('paypal')).toEqual([]);
  });
});
