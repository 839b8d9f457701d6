import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStripeProvider } from '../../src/adapters/stripe/provider.js';
import type { CreatePaymentInput, NextAction } from '../../src/ports/payments.js';
import { startStripeSimulator, type StripeSimulator } from '../../src/simulators/stripe/server.js';
import {
  startRecordingProxy,
  startWebhookReceiver,
  type RecordingProxy,
  type WebhookReceiver,
} from './recorder.js';
import { ContractLedger, describeViolations, validatorFor } from './suite.js';
import { aPaymentInput } from '../helpers/payment-input.js';

const SECRET = 'sk_test_contract_suite';
const WEBHOOK_SECRET = 'whsec_contract_suite';

/** The Stripe objects SimFill receives inside events: `data.object.object` → component schema. */
const EVENT_OBJECTS = new Set(['payment_intent', 'setup_intent', 'refund', 'charge']);

const urlOf = (action: NextAction | undefined): string => {
  if (action?.type !== 'redirect') throw new Error(`expected a redirect, got ${JSON.stringify(action)}`);
  return action.url;
};

const unescape = (value: string) =>
  value.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code))).replace(/&amp;/g, '&');

/** Submits the form on a hosted page whose hidden fields include `match` (plain HTTP, as a customer would). */
async function submit(
  url: string,
  match: (fields: Record<string, string>) => boolean,
  typed: Record<string, string> = {},
) {
  const html = await (await fetch(url)).text();
  const form = [...html.matchAll(/<form method="post" action="([^"]+)">([\s\S]*?)<\/form>/g)]
    .map((found) => ({
      action: unescape(found[1]!),
      fields: Object.fromEntries(
        [...found[2]!.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((input) => [
          input[1]!,
          unescape(input[2]!),
        ]),
      ),
    }))
    .find((candidate) => match(candidate.fields));
  if (!form) throw new Error(`no such form on ${url}`);
  const response = await fetch(new URL(form.action, url), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...form.fields, ...typed }).toString(),
    redirect: 'manual',
  });
  await response.text();
  return new URL(response.headers.get('location') ?? '/', url).toString();
}

const typeCard = (url: string, number: string) =>
  submit(url, (fields) => fields.wallet !== 'apple_pay', {
    number,
    expiry: '12/34',
    cvc: '123',
    name: 'Li Wei',
  });
const decide = (url: string, decision: 'approve' | 'decline') =>
  submit(url, (fields) => fields.decision === decision);

describe('Stripe contract: the official SDK and the simulator against Stripe’s published OpenAPI', () => {
  let simulator: StripeSimulator;
  let proxy: RecordingProxy;
  let receiver: WebhookReceiver;
  let client: ReturnType<typeof createStripeProvider>;
  let withOwnPages: ReturnType<typeof createStripeProvider>;
  const ledger = new ContractLedger(validatorFor('stripe'));
  const eventTypes = new Set<string>();
  let sequence = 0;

  const input = (overrides: Partial<CreatePaymentInput> = {}): CreatePaymentInput => {
    sequence += 1;
    return aPaymentInput(sequence, `contract-${sequence}-${Date.now()}`, overrides);
  };

  /** Validates the recorded exchanges and every webhook since: the event, and its data.object by type. */
  const recorded = async () => {
    await simulator.webhooksSettled();
    const found = describeViolations(ledger.check(proxy.exchanges));
    for (const delivery of receiver.deliveries.splice(0)) {
      const event = JSON.parse(delivery.body) as { type: string; data: { object: { object: string } } };
      eventTypes.add(event.type);
      found.push(...describeViolations(ledger.webhook('stripe', 'event', event, event.type)));
      const kind = event.data.object.object;
      if (!EVENT_OBJECTS.has(kind))
        found.push(`${event.type}: data.object of type ${kind} has no schema here`);
      else found.push(...describeViolations(ledger.webhook('stripe', kind, event.data.object, event.type)));
    }
    return found;
  };

  beforeAll(async () => {
    receiver = await startWebhookReceiver(async (delivery) => {
      // What SimFill's endpoint does first: verify the signature and map the event.
      await client.parseWebhook(Buffer.from(delivery.body), {
        'stripe-signature': delivery.headers['stripe-signature'],
      });
    });
    simulator = await startStripeSimulator({
      secretKey: SECRET,
      webhookSecret: WEBHOOK_SECRET,
      webhookUrl: receiver.url,
    });
    proxy = await startRecordingProxy(simulator.baseUrl);
    const options = {
      secretKey: SECRET,
      webhookSecret: WEBHOOK_SECRET,
      apiBase: proxy.url,
      timeoutMs: 5_000,
    };
    client = createStripeProvider(options);
    withOwnPages = createStripeProvider({ ...options, hostedPagesBase: 'http://localhost:8080/stripe' });
  });
  afterAll(async () => {
    await proxy?.close();
    await simulator?.close();
    await receiver?.close();
  });

  it('a card paid on the hosted page, retrieved, refunded in part and in full, matches the spec', async () => {
    const created = await client.createPayment(input());
    const back = new URL(await typeCard(urlOf(created.nextAction), '4242424242424242'));
    expect(back.searchParams.get('redirect_status')).toBe('succeeded');
    expect((await client.retrievePayment(created.providerPaymentId)).status).toBe('succeeded');
    const refund = {
      providerPaymentId: created.providerPaymentId,
      currency: 'USD',
      metadata: { refund_id: 're_1' },
    };
    await client.refund({ ...refund, amountMinor: 500, idempotencyKey: `refund-${sequence}-a` });
    await client.refund({ ...refund, amountMinor: 1588, idempotencyKey: `refund-${sequence}-b` });
    await expect(
      client.refund({ ...refund, amountMinor: 1, idempotencyKey: `refund-${sequence}-c` }),
    ).rejects.toMatchObject({
      kind: 'invalid',
    });
    expect((await client.retrievePayment(created.providerPaymentId)).amountRefundedMinor).toBe(2088);
    expect(await recorded()).toEqual([]);
  });

  it('declines, 3-D Secure, Apple Pay, cancels and an unknown PaymentIntent match the spec', async () => {
    const declined = await client.createPayment(input());
    await typeCard(urlOf(declined.nextAction), '4000000000009995');
    expect((await client.retrievePayment(declined.providerPaymentId)).status).toBe('failed');
    const challenged = await client.createPayment(input());
    const challenge = await typeCard(urlOf(challenged.nextAction), '4000002500003155');
    expect((await client.retrievePayment(challenged.providerPaymentId)).status).toBe('requires_action');
    await decide(challenge, 'decline');
    expect((await client.retrievePayment(challenged.providerPaymentId)).failure?.code).toBe(
      'payment_intent_authentication_failure',
    );
    const applePay = await client.createPayment(input({ method: 'apple_pay' }));
    await submit(urlOf(applePay.nextAction), (fields) => fields.wallet === 'apple_pay');
    expect((await client.retrievePayment(applePay.providerPaymentId)).paymentMethod?.wallet).toBe(
      'apple_pay',
    );
    const open = await client.createPayment(input());
    expect((await client.cancelPayment(open.providerPaymentId, `cancel-${sequence}`)).status).toBe(
      'canceled',
    );
    await expect(
      client.cancelPayment(applePay.providerPaymentId, `cancel-${sequence}-paid`),
    ).rejects.toMatchObject({
      providerCode: 'payment_intent_unexpected_state',
    });
    await expect(client.retrievePayment('pi_unknown')).rejects.toMatchObject({
      providerCode: 'resource_missing',
    });
    expect(await recorded()).toEqual([]);
  });

  it('Alipay and WeChat Pay, approved and declined, match the spec', async () => {
    const alipay = await client.createPayment(
      input({ method: 'alipay', currency: 'CNY', amountMinor: 15000 }),
    );
    await decide(urlOf(alipay.nextAction), 'approve');
    expect((await client.retrievePayment(alipay.providerPaymentId)).status).toBe('succeeded');
    const wechat = await client.createPayment(
      input({ method: 'wechat_pay', currency: 'CNY', amountMinor: 15000 }),
    );
    if (wechat.nextAction?.type !== 'display_qr') throw new Error('expected a QR code');
    await decide(wechat.nextAction.hostedInstructionsUrl!, 'decline');
    expect((await client.retrievePayment(wechat.providerPaymentId)).status).toBe('failed');
    expect(await recorded()).toEqual([]);
  });

  it('a saved card: customer, SetupIntent, listing, an off-session charge and its refusal, detaching, match the spec', async () => {
    const customerId = await client.ensureCustomer({
      idempotencyKey: `customer-${Date.now()}`,
      email: 'li@example.com',
      simfillCustomerId: 'cus_simfill_li',
    });
    const setup = await client.createSetup({
      idempotencyKey: `setup-${Date.now()}`,
      providerCustomerId: customerId,
      returnUrl: 'http://localhost:8080/account/payment-methods',
      locale: 'en',
    });
    await typeCard(urlOf(setup.nextAction), '5555555555554444');
    const done = await client.retrieveSetup(setup.providerSetupId);
    expect(done.status).toBe('succeeded');
    const insisting = await client.createSetup({
      idempotencyKey: `setup-3ds-${Date.now()}`,
      providerCustomerId: customerId,
      returnUrl: 'http://localhost:8080/account/payment-methods',
      locale: 'en',
    });
    await typeCard(urlOf(insisting.nextAction), '4000000000003220');
    const methods = await client.listMethods(customerId);
    expect(methods).toHaveLength(2);
    const charged = await client.createPayment(
      input({
        saved: { providerCustomerId: customerId, providerMethodId: done.paymentMethod!.providerMethodId! },
      }),
    );
    expect(charged.status).toBe('succeeded');
    const needs3ds = methods.find((method) => method.last4 === '3220')!;
    await expect(
      client.createPayment(
        input({ saved: { providerCustomerId: customerId, providerMethodId: needs3ds.providerMethodId! } }),
      ),
    ).rejects.toMatchObject({ kind: 'declined', providerCode: 'authentication_required' });
    await client.detachMethod(done.paymentMethod!.providerMethodId!);
    expect(await client.listMethods(customerId)).toHaveLength(1);
    expect(await recorded()).toEqual([]);
  });

  it('with SimFill’s own card page (hostedPagesBase): unconfirmed PaymentIntents and SetupIntents match the spec', async () => {
    const created = await withOwnPages.createPayment(input());
    expect(urlOf(created.nextAction)).toContain('http://localhost:8080/stripe/pay/');
    const customerId = await withOwnPages.ensureCustomer({
      idempotencyKey: `customer-own-${Date.now()}`,
      email: 'wang@example.com',
      simfillCustomerId: 'cus_simfill_wang',
    });
    const setup = await withOwnPages.createSetup({
      idempotencyKey: `setup-own-${Date.now()}`,
      providerCustomerId: customerId,
      returnUrl: 'http://localhost:8080/account/payment-methods',
      locale: 'zh-CN',
    });
    expect(setup.status).toBe('requires_action');
    expect(await recorded()).toEqual([]);
  });

  it('every operation the client calls was exercised, every event kind SimFill subscribes to was seen, and every allowed deviation was needed', () => {
    expect(ledger.unexercised()).toEqual([]);
    expect([...ledger.exercised]).toEqual(
      expect.arrayContaining([
        'POST /v1/payment_intents 402',
        'POST /v1/refunds 400',
        'GET /v1/payment_intents/{intent} 404',
        'POST /v1/payment_intents/{intent}/cancel 400',
      ]),
    );
    for (const type of [
      'payment_intent.succeeded',
      'payment_intent.payment_failed',
      'payment_intent.canceled',
      'refund.created',
      'setup_intent.succeeded',
    ]) {
      expect(eventTypes).toContain(type);
    }
    expect(ledger.unusedDeviations('stripe')).toEqual([]);
  });
});
