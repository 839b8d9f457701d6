import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createStripeProvider, STRIPE_WEBHOOK_EVENTS } from '../src/adapters/stripe/provider.js';
import {
  PaymentProviderError,
  WebhookVerificationError,
  type CreatePaymentInput,
  type NextAction,
} from '../src/ports/payments.js';
import { DECLINING_CARDS } from '../src/simulators/stripe/cards.js';
import { parseStripeForm } from '../src/simulators/stripe/form.js';
import { startStripeSimulator, type StripeSimulator } from '../src/simulators/stripe/server.js';
import { aPaymentInput, RETURN_URL } from './helpers/payment-input.js';

const SECRET = 'sk_test_simfill_provider_suite';
const PUBLISHABLE = 'pk_test_simfill_provider_suite';
const WEBHOOK_SECRET = 'whsec_simfill_provider_suite';

/** A customer on the simulator's hosted pages, with plain HTTP: read the forms, post one, see where it sends us. */
interface PageForm {
  action: string;
  fields: Record<string, string>;
  button: string;
}

const unescape = (value: string) =>
  value.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code))).replace(/&amp;/g, '&');

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

async function post(pageUrl: string, form: PageForm, extra: Record<string, string> = {}) {
  const response = await fetch(new URL(form.action, pageUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...form.fields, ...extra }).toString(),
    redirect: 'manual',
  });
  await response.text();
  return { status: response.status, location: response.headers.get('location') ?? undefined };
}

const urlOf = (action: NextAction | undefined): string => {
  if (action?.type !== 'redirect') throw new Error(`expected a redirect, got ${JSON.stringify(action)}`);
  return action.url;
};

/** Types a card (or presses Apple Pay) on the card page; passes or fails 3-D Secure when the bank asks. */
async function payOnPage(
  url: string,
  card: { number?: string; applePay?: boolean; threeDs?: 'pass' | 'fail' },
) {
  const forms = formsOf(await (await fetch(url)).text());
  const form = forms.find(
    (candidate) => (candidate.fields.wallet === 'apple_pay') === Boolean(card.applePay),
  );
  if (!form) throw new Error(`no form on ${url}`);
  const typed: Record<string, string> = card.applePay
    ? {}
    : { number: card.number ?? '', expiry: '12/34', cvc: '123', name: 'Li Wei' };
  const result = await post(url, form, typed);
  if (!result.location?.includes('/3ds/')) return { ...result, challenged: false };
  const challenge = new URL(result.location, url).toString();
  return { ...(await decide(challenge, card.threeDs === 'pass' ? 'approve' : 'decline')), challenged: true };
}

/** Presses approve or decline on a 3-D Secure, Alipay or WeChat Pay page. */
async function decide(url: string, decision: 'approve' | 'decline') {
  const form = formsOf(await (await fetch(url)).text()).find(
    (candidate) => candidate.fields.decision === decision,
  );
  if (!form) throw new Error(`no ${decision} button on ${url}`);
  return post(url, form);
}

const query = (location: string | undefined) => new URL(location ?? 'http://invalid/').searchParams;

describe('Stripe-compatible provider: the official SDK (adapter) against the simulator', () => {
  let simulator: StripeSimulator;
  let provider: ReturnType<typeof createStripeProvider>;
  let raw: Stripe;
  let receiver: http.Server;
  let received: { id: string; type: string; body: string; signature: string }[] = [];
  let refuseNext = 0;
  let sequence = 0;

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
        const event = JSON.parse(body) as { id: string; type: string };
        received.push({
          id: event.id,
          type: event.type,
          body,
          signature: String(request.headers['stripe-signature']),
        });
        response.end('{}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    simulator = await startStripeSimulator({
      host: '127.0.0.1',
      port: 0,
      secretKey: SECRET,
      publishableKey: PUBLISHABLE,
      webhookSecret: WEBHOOK_SECRET,
      webhookUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/stripe`,
    });
    provider = createStripeProvider({
      secretKey: SECRET,
      webhookSecret: WEBHOOK_SECRET,
      apiBase: simulator.baseUrl,
      timeoutMs: 2_000,
      maxNetworkRetries: 0,
    });
    raw = new Stripe(SECRET, {
      host: '127.0.0.1',
      port: simulator.port,
      protocol: 'http',
      maxNetworkRetries: 0,
      telemetry: false,
    });
  });
  afterAll(async () => {
    await simulator?.close();
    await new Promise((resolve) => receiver?.close(resolve));
  });
  beforeEach(() => {
    received = [];
    refuseNext = 0;
  });
  afterEach(async () => {
    simulator.faults.reset();
    await simulator.webhooksSettled();
  });

  const input = (overrides: Partial<CreatePaymentInput> = {}): CreatePaymentInput => {
    sequence += 1;
    return aPaymentInput(sequence, `attempt-${sequence}`, overrides);
  };

  const eventsFor = async (paymentId: string) => {
    await simulator.webhooksSettled();
    return received.filter((entry) => entry.body.includes(`"id": "${paymentId}"`)).map((entry) => entry.type);
  };

  describe('cards on the hosted page', () => {
    it('4242 4242 4242 4242 pays: redirect_to_url to the card page, labelled fields, back with redirect_status=succeeded', async () => {
      const created = await provider.createPayment(input({ locale: 'zh-CN' }));
      expect(created).toMatchObject({
        status: 'requires_action',
        amountMinor: 2088,
        currency: 'USD',
        amountRefundedMinor: 0,
        failure: undefined,
      });
      const url = urlOf(created.nextAction);
      expect(url.startsWith(`${simulator.baseUrl}/pay/${created.providerPaymentId}?`)).toBe(true);
      expect(url).toContain('locale=zh-CN');
      // The PaymentIntent itself carries Stripe's next_action.
      const intent = await raw.paymentIntents.retrieve(created.providerPaymentId);
      expect(intent).toMatchObject({
        status: 'requires_action',
        payment_method_types: ['card'],
        metadata: { order_id: `ord_${sequence}` },
        next_action: { type: 'redirect_to_url', redirect_to_url: { return_url: RETURN_URL } },
      });
      const zh = await (await fetch(url)).text();
      expect(zh).toContain('<label for="number">卡号</label>');
      expect(zh).toContain('使用 Apple Pay 支付');
      const en = await (await fetch(url.replace('locale=zh-CN', 'locale=en'))).text();
      for (const label of ['Card number', 'Expiry (MM/YY)', 'CVC']) expect(en).toContain(`>${label}</label>`);
      expect(en).toContain('$20.88');

      const result = await payOnPage(url, { number: '4242 4242 4242 4242' });
      expect(result.status).toBe(303);
      const back = query(result.location);
      expect(result.location!.startsWith('http://localhost:8080/account/orders/ord_x?')).toBe(true);
      expect(back.get('payment')).toBe('pay_x');
      expect(back.get('payment_intent')).toBe(created.providerPaymentId);
      expect(back.get('payment_intent_client_secret')).toBe(intent.client_secret);
      expect(back.get('redirect_status')).toBe('succeeded');
      expect(await provider.retrievePayment(created.providerPaymentId)).toMatchObject({
        status: 'succeeded',
        nextAction: undefined,
        paymentMethod: {
          kind: 'card',
          brand: 'visa',
          last4: '4242',
          wallet: undefined,
          providerMethodId: undefined,
        },
      });
      expect(await eventsFor(created.providerPaymentId)).toEqual([
        'payment_intent.created',
        'payment_intent.requires_action',
        'payment_intent.succeeded',
      ]);
    });

    it('the declining-card table holds every declining card of docs.stripe.com/testing', () => {
      expect(DECLINING_CARDS.map((card) => card.number).sort()).toEqual(
        [
          // Declined payments
          '4000000000000002',
          '4000000000009995',
          '4000000000009987',
          '4000000000009979',
          '4000000000000069',
          '4000000000000127',
          '4000000000000119',
          '4242424242424241',
          '4000000000006975',
          '4000000000000341',
          // Fraud prevention (blocked by Radar's default rules)
          '4100000000000019',
          '4000000000004954',
          // 3D Secure authentication: declined after the customer authenticates
          '4000008260003178',
          '4000008400001629',
          '4000008400001280',
        ].sort(),
      );
    });

    it.each(DECLINING_CARDS.map((card) => [card.number, card.description, card] as const))(
      '%s (%s) declines through the real client with its documented code, decline code and message',
      async (number, _description, card) => {
        const created = await provider.createPayment(input());
        const result = await payOnPage(urlOf(created.nextAction), { number, threeDs: 'pass' });
        expect(result.challenged).toBe(card.afterAuthentication);
        expect(query(result.location).get('redirect_status')).toBe('failed');
        const failed = await provider.retrievePayment(created.providerPaymentId);
        expect(failed).toMatchObject({ status: 'failed', nextAction: undefined });
        expect(failed.failure).toEqual({
          code: card.code,
          declineCode: card.declineCode,
          message: card.message,
        });
        const intent = await raw.paymentIntents.retrieve(created.providerPaymentId);
        expect(intent.status).toBe('requires_payment_method');
        expect(intent.last_payment_error).toMatchObject({
          type: 'card_error',
          code: card.code,
          message: card.message,
          doc_url: `https://stripe.com/docs/error-codes/${card.code.replace(/_/g, '-')}`,
        });
        expect(intent.last_payment_error?.decline_code).toBe(card.declineCode);
        expect(await eventsFor(created.providerPaymentId)).toContain('payment_intent.payment_failed');
      },
    );

    it.each(['4000002500003155', '4000000000003220'])(
      '%s asks for 3-D Secure: completing the challenge pays, failing it is payment_intent_authentication_failure',
      async (number) => {
        const passed = await provider.createPayment(input());
        const page = await fetch(urlOf(passed.nextAction));
        const form = formsOf(await page.text()).find((candidate) => !candidate.fields.wallet)!;
        const toChallenge = await post(urlOf(passed.nextAction), form, {
          number,
          expiry: '12/34',
          cvc: '123',
        });
        expect(toChallenge.location).toContain(`/3ds/${passed.providerPaymentId}`);
        const waiting = await provider.retrievePayment(passed.providerPaymentId);
        expect(waiting.status).toBe('requires_action');
        expect(urlOf(waiting.nextAction)).toContain('/3ds/');
        const challenge = await (await fetch(new URL(toChallenge.location!, simulator.baseUrl))).text();
        expect(challenge).toContain('>Complete authentication</button>');
        expect(challenge).toContain('>Fail authentication</button>');
        const completed = await decide(
          new URL(toChallenge.location!, simulator.baseUrl).toString(),
          'approve',
        );
        expect(query(completed.location).get('redirect_status')).toBe('succeeded');
        expect((await provider.retrievePayment(passed.providerPaymentId)).status).toBe('succeeded');

        const failedAuth = await provider.createPayment(input());
        const result = await payOnPage(urlOf(failedAuth.nextAction), { number, threeDs: 'fail' });
        expect(result.challenged).toBe(true);
        expect(query(result.location).get('redirect_status')).toBe('failed');
        const failed = await provider.retrievePayment(failedAuth.providerPaymentId);
        expect(failed).toMatchObject({
          status: 'failed',
          failure: { code: 'payment_intent_authentication_failure', declineCode: undefined },
        });
        const intent = await raw.paymentIntents.retrieve(failedAuth.providerPaymentId);
        expect(intent.status).toBe('requires_payment_method');
        expect(intent.last_payment_error?.code).toBe('payment_intent_authentication_failure');
      },
    );

    it('Apple Pay is a card payment whose method is a Visa from the apple_pay wallet', async () => {
      const created = await provider.createPayment(input({ method: 'apple_pay' }));
      expect((await raw.paymentIntents.retrieve(created.providerPaymentId)).payment_method_types).toEqual([
        'card',
      ]);
      const result = await payOnPage(urlOf(created.nextAction), { applePay: true });
      expect(query(result.location).get('redirect_status')).toBe('succeeded');
      expect((await provider.retrievePayment(created.providerPaymentId)).paymentMethod).toEqual({
        kind: 'card',
        brand: 'visa',
        last4: '4242',
        wallet: 'apple_pay',
        providerMethodId: undefined,
        payerEmail: undefined,
      });
    });

    it('cancels an unpaid payment; a paid one cannot be canceled (invalid)', async () => {
      const open = await provider.createPayment(input());
      const canceled = await provider.cancelPayment(open.providerPaymentId, `cancel-${sequence}`);
      expect(canceled).toMatchObject({ status: 'canceled', nextAction: undefined });
      expect(await eventsFor(open.providerPaymentId)).toContain('payment_intent.canceled');
      const page = await fetch(urlOf(open.nextAction), { redirect: 'manual' });
      expect(query(page.headers.get('location') ?? undefined).get('redirect_status')).toBe('failed');

      const paid = await provider.createPayment(input());
      await payOnPage(urlOf(paid.nextAction), { number: '4242424242424242' });
      await expect(
        provider.cancelPayment(paid.providerPaymentId, `cancel-${sequence}`),
      ).rejects.toMatchObject({
        kind: 'invalid',
        providerCode: 'payment_intent_unexpected_state',
      });
    });
  });

  describe('Alipay and WeChat Pay', () => {
    it('Alipay: alipay_handle_redirect in CNY; approving pays, declining fails the payment', async () => {
      const approved = await provider.createPayment(
        input({ method: 'alipay', currency: 'CNY', amountMinor: 14389 }),
      );
      expect(approved).toMatchObject({ status: 'requires_action', currency: 'CNY', amountMinor: 14389 });
      const intent = await raw.paymentIntents.retrieve(approved.providerPaymentId);
      expect(intent.payment_method_types).toEqual(['alipay']);
      expect(intent.next_action?.type).toBe('alipay_handle_redirect');
      expect(intent.next_action?.alipay_handle_redirect?.return_url).toBe(RETURN_URL);
      expect(urlOf(approved.nextAction)).toContain(intent.next_action!.alipay_handle_redirect!.url!);
      const page = await (await fetch(urlOf(approved.nextAction))).text();
      expect(page).toContain('¥143.89');
      expect(page).toContain('>Approve payment</button>');
      const back = await decide(urlOf(approved.nextAction), 'approve');
      expect(query(back.location).get('redirect_status')).toBe('succeeded');
      expect(await provider.retrievePayment(approved.providerPaymentId)).toMatchObject({
        status: 'succeeded',
        paymentMethod: { kind: 'alipay', brand: undefined, last4: undefined },
      });

      const declined = await provider.createPayment(
        input({ method: 'alipay', currency: 'CNY', amountMinor: 2000, locale: 'zh-CN' }),
      );
      expect(await (await fetch(urlOf(declined.nextAction))).text()).toContain('>拒绝</button>');
      const refused = await decide(urlOf(declined.nextAction), 'decline');
      expect(query(refused.location).get('redirect_status')).toBe('failed');
      expect(await provider.retrievePayment(declined.providerPaymentId)).toMatchObject({
        status: 'failed',
        failure: { code: 'payment_method_provider_decline' },
      });
    });

    it('WeChat Pay: wechat_pay_display_qr_code with data, PNG/SVG images and instructions; scan then approve or decline', async () => {
      const approved = await provider.createPayment(
        input({ method: 'wechat_pay', currency: 'CNY', amountMinor: 7200 }),
      );
      const action = approved.nextAction;
      if (action?.type !== 'display_qr') throw new Error('expected a QR code');
      expect(action.data).toMatch(/^weixin:\/\/wxpay\/bizpayurl\?pr=/);
      const png = await fetch(action.imageUrlPng);
      expect(png.headers.get('content-type')).toBe('image/png');
      expect(
        Buffer.from(await png.arrayBuffer())
          .subarray(1, 4)
          .toString(),
      ).toBe('PNG');
      expect(await (await fetch(action.imageUrlSvg!)).text()).toContain('<svg');
      const intent = await raw.paymentIntents.retrieve(approved.providerPaymentId);
      const qr = intent.next_action?.wechat_pay_display_qr_code as unknown as Record<string, unknown>;
      expect(intent.next_action?.type).toBe('wechat_pay_display_qr_code');
      // Exactly the fields of Stripe's PaymentIntentNextActionWechatPayDisplayQrCode (it has no expiry).
      expect(Object.keys(qr).sort()).toEqual(
        ['data', 'hosted_instructions_url', 'image_data_url', 'image_url_png', 'image_url_svg'].sort(),
      );
      expect(Object.keys(action).sort()).toEqual(
        ['type', 'data', 'imageUrlPng', 'imageUrlSvg', 'hostedInstructionsUrl'].sort(),
      );
      expect(qr.image_data_url).toMatch(/^data:image\/png;base64,/);
      const instructions = await (await fetch(action.hostedInstructionsUrl!)).text();
      expect(instructions).toContain('alt="WeChat Pay QR code"');
      expect(instructions).toContain('>Confirm payment in WeChat</button>');
      const back = await decide(action.hostedInstructionsUrl!, 'approve');
      expect(query(back.location).get('redirect_status')).toBe('succeeded');
      expect(await provider.retrievePayment(approved.providerPaymentId)).toMatchObject({
        status: 'succeeded',
        nextAction: undefined,
        paymentMethod: { kind: 'wechat_pay' },
      });

      const declined = await provider.createPayment(
        input({ method: 'wechat_pay', currency: 'CNY', amountMinor: 7200 }),
      );
      await decide(
        (declined.nextAction as { hostedInstructionsUrl: string }).hostedInstructionsUrl,
        'decline',
      );
      expect(await provider.retrievePayment(declined.providerPaymentId)).toMatchObject({
        status: 'failed',
        failure: { code: 'payment_method_provider_decline' },
      });
      expect(await eventsFor(declined.providerPaymentId)).toEqual([
        'payment_intent.created',
        'payment_intent.requires_action',
        'payment_intent.payment_failed',
      ]);
    });

    it('a currency the method does not take is invalid', async () => {
      await expect(
        provider.createPayment(input({ method: 'alipay', currency: 'CAD' })),
      ).rejects.toMatchObject({
        kind: 'invalid',
      });
    });
  });

  describe('idempotency', () => {
    const intentsOf = async (orderId: string) =>
      (await raw.paymentIntents.list({ limit: 100 })).data.filter(
        (intent) => intent.metadata.order_id === orderId,
      );

    it('the same key twice is one PaymentIntent (the answer replayed); other parameters are idempotency_error', async () => {
      const request = input({ idempotencyKey: 'same-key' });
      const first = await provider.createPayment(request);
      const again = await provider.createPayment(request);
      expect(again.providerPaymentId).toBe(first.providerPaymentId);
      expect(await intentsOf(request.metadata.order_id!)).toHaveLength(1);
      const error = await provider
        .createPayment({ ...request, amountMinor: 1 })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(PaymentProviderError);
      expect(error).toMatchObject({ kind: 'invalid', providerCode: 'idempotency_error' });

      const replay = await fetch(`${simulator.baseUrl}/v1/customers`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${SECRET}`,
          'idempotency-key': 'raw-key',
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: 'email=a%40example.com&metadata[simfill_customer]=cus_1',
      });
      const replayed = await fetch(`${simulator.baseUrl}/v1/customers`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${SECRET}`,
          'idempotency-key': 'raw-key',
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: 'email=a%40example.com&metadata[simfill_customer]=cus_1',
      });
      expect(replayed.headers.get('idempotent-replayed')).toBe('true');
      expect(await replayed.json()).toEqual(await replay.json());
    });

    it('concurrent requests with one key create one PaymentIntent; the losers are told to ask again (unavailable)', async () => {
      const request = input({ method: 'wechat_pay', currency: 'CNY', idempotencyKey: 'concurrent-key' });
      const results = await Promise.allSettled(
        Array.from({ length: 5 }, () => provider.createPayment(request)),
      );
      const ids = new Set(
        results.flatMap((result) => (result.status === 'fulfilled' ? [result.value.providerPaymentId] : [])),
      );
      expect(ids.size).toBe(1);
      for (const result of results) {
        if (result.status === 'rejected') expect(result.reason).toMatchObject({ kind: 'unavailable' });
      }
      expect(await intentsOf(request.metadata.order_id!)).toHaveLength(1);
      expect((await provider.createPayment(request)).providerPaymentId).toBe([...ids][0]);
    });

    it('a request that failed validation saves nothing: corrected, the same key creates the PaymentIntent', async () => {
      const request = input({ idempotencyKey: 'corrected-key', amountMinor: 10 });
      await expect(provider.createPayment(request)).rejects.toMatchObject({
        kind: 'invalid',
        providerCode: 'amount_too_small',
      });
      const created = await provider.createPayment({ ...request, amountMinor: 2088 });
      expect(created).toMatchObject({ status: 'requires_action', amountMinor: 2088 });
      expect(await intentsOf(request.metadata.order_id!)).toHaveLength(1);
      // Once the endpoint ran, the key is bound to that request as before.
      const replayed = await provider.createPayment({ ...request, amountMinor: 2088 });
      expect(replayed.providerPaymentId).toBe(created.providerPaymentId);
    });

    it('refuses a key over 255 characters as Stripe does; SimFill’s client shortens its long keys itself', async () => {
      const createWith = (key: string) =>
        fetch(`${simulator.baseUrl}/v1/customers`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${SECRET}`,
            'idempotency-key': key,
            'content-type': 'application/x-www-form-urlencoded',
          },
          body: 'email=long%40example.com',
        });
      const refused = await createWith('k'.repeat(256));
      expect(refused.status).toBe(400);
      expect(await refused.json()).toEqual({
        error: {
          type: 'idempotency_error',
          message:
            "Idempotent key length is 256 characters long, which is outside accepted lengths. Idempotent Keys must be 1-255 characters long. If you're looking for a decent generator, try using a UUID defined by IETF RFC 4122.",
        },
      });
      expect((await createWith('k'.repeat(255))).status).toBe(200);
      expect(await (await createWith('')).json()).toMatchObject({
        error: { type: 'idempotency_error', message: expect.stringMatching(/^Idempotent key length is 0 /) },
      });

      const long = input({ idempotencyKey: `simfill_setup_cus_x_${'y'.repeat(300)}` });
      const created = await provider.createPayment(long);
      expect((await provider.createPayment(long)).providerPaymentId).toBe(created.providerPaymentId);
      expect(await intentsOf(long.metadata.order_id!)).toHaveLength(1);
    });

    it('a 500 is not remembered: retrying the key after it creates the PaymentIntent once', async () => {
      const request = input();
      simulator.faults.failNextRequests(1);
      await expect(provider.createPayment(request)).rejects.toMatchObject({ kind: 'unavailable' });
      const created = await provider.createPayment(request);
      expect((await provider.createPayment(request)).providerPaymentId).toBe(created.providerPaymentId);
      expect(await intentsOf(request.metadata.order_id!)).toHaveLength(1);
    });
  });

  describe('minimum charge amounts', () => {
    const refusal = (amount: number, currency: string) =>
      raw.paymentIntents.create({ amount, currency, allowed_payment_method_types: ['card'] }).then(
        () => undefined,
        (error: Stripe.errors.StripeError) => ({
          status: error.statusCode,
          ...(error.raw as Record<string, unknown>),
        }),
      );

    it('under $0.50 a USD charge is 400 amount_too_small, as Stripe words it; $0.50 is charged', async () => {
      expect(await refusal(49, 'usd')).toMatchObject({
        status: 400,
        type: 'invalid_request_error',
        code: 'amount_too_small',
        param: 'amount',
        message: 'Amount must be at least $0.50 usd',
        doc_url: 'https://stripe.com/docs/error-codes/amount-too-small',
      });
      expect(await refusal(10, 'usd')).toMatchObject({ code: 'amount_too_small' });
      expect(await refusal(50, 'usd')).toBeUndefined();
    });

    it('a CNY charge (Alipay, WeChat Pay) must convert to at least the USD minimum', async () => {
      expect(await refusal(300, 'cny')).toMatchObject({
        status: 400,
        code: 'amount_too_small',
        param: 'amount',
        message: 'Amount must convert to at least 50 cents. CN¥3.00 converts to approximately $0.42.',
      });
      await expect(
        provider.createPayment(input({ method: 'wechat_pay', currency: 'CNY', amountMinor: 300 })),
      ).rejects.toMatchObject({ kind: 'invalid', providerCode: 'amount_too_small' });
      expect(await refusal(400, 'cny')).toBeUndefined();
    });

    it('the client states the minimum it will be held to: $0.50 for every card and wallet method', () => {
      for (const method of provider.methods) {
        expect(provider.minimumCharge?.(method)).toEqual({ amountMinor: 50, currency: 'USD' });
      }
    });
  });

  describe('refunds', () => {
    it('refunds part, then the rest; never more than what is left; a replayed key is the same refund', async () => {
      const paid = await provider.createPayment(
        input({ method: 'alipay', currency: 'CNY', amountMinor: 10000 }),
      );
      await decide(urlOf(paid.nextAction), 'approve');
      const refund = (amountMinor: number, idempotencyKey: string) =>
        provider.refund({
          providerPaymentId: paid.providerPaymentId,
          amountMinor,
          currency: 'CNY',
          idempotencyKey,
          metadata: { refund_id: idempotencyKey },
        });
      const part = await refund(3000, `refund-a-${sequence}`);
      expect(part).toMatchObject({
        providerRefundId: expect.stringMatching(/^re_/),
        providerPaymentId: paid.providerPaymentId,
        status: 'succeeded',
        amountMinor: 3000,
        currency: 'CNY',
      });
      expect((await provider.retrievePayment(paid.providerPaymentId)).amountRefundedMinor).toBe(3000);
      await expect(refund(7001, `refund-b-${sequence}`)).rejects.toMatchObject({
        kind: 'invalid',
        providerCode: 'amount_too_large',
      });
      const rest = await refund(7000, `refund-c-${sequence}`);
      expect(rest).toMatchObject({ status: 'succeeded', amountMinor: 7000 });
      expect(await provider.retrievePayment(paid.providerPaymentId)).toMatchObject({
        status: 'succeeded',
        amountRefundedMinor: 10000,
      });
      await expect(refund(1, `refund-d-${sequence}`)).rejects.toMatchObject({
        kind: 'invalid',
        providerCode: 'charge_already_refunded',
      });
      expect((await refund(3000, `refund-a-${sequence}`)).providerRefundId).toBe(part.providerRefundId);
      expect(await raw.refunds.retrieve(part.providerRefundId)).toMatchObject({
        amount: 3000,
        payment_intent: paid.providerPaymentId,
        metadata: { refund_id: `refund-a-${sequence}` },
      });

      await simulator.webhooksSettled();
      const refundEvents = received.filter((entry) => entry.type === 'refund.created');
      expect(refundEvents).toHaveLength(2);
      const mapped = await provider.parseWebhook(Buffer.from(refundEvents[0]!.body), {
        'stripe-signature': refundEvents[0]!.signature,
      });
      expect(mapped).toMatchObject({
        type: 'refund.succeeded',
        providerPaymentId: paid.providerPaymentId,
        refund: { providerRefundId: part.providerRefundId, amountMinor: 3000, status: 'succeeded' },
      });
      const charges = received.filter((entry) => entry.type === 'charge.refunded');
      expect(charges.map((entry) => (JSON.parse(entry.body) as Stripe.Event).data.object)).toMatchObject([
        { amount_refunded: 3000, refunded: false },
        { amount_refunded: 10000, refunded: true },
      ]);
    });

    it('an unpaid payment has nothing to refund', async () => {
      const open = await provider.createPayment(input());
      await expect(
        provider.refund({
          providerPaymentId: open.providerPaymentId,
          amountMinor: 100,
          currency: 'USD',
          idempotencyKey: `refund-open-${sequence}`,
          metadata: {},
        }),
      ).rejects.toMatchObject({ kind: 'invalid', providerCode: 'charge_not_refundable' });
    });
  });

  describe('webhooks', () => {
    const paidByAlipay = async (amountMinor = 500) => {
      const created = await provider.createPayment(input({ method: 'alipay', currency: 'CNY', amountMinor }));
      await decide(urlOf(created.nextAction), 'approve');
      await simulator.webhooksSettled();
      return created;
    };

    it('signs like Stripe (t=…,v1=HMAC-SHA256 of "t.body"); the adapter verifies and maps the event', async () => {
      const created = await paidByAlipay();
      const succeeded = received.find((entry) => entry.type === 'payment_intent.succeeded')!;
      const [t, v1] = succeeded.signature.split(',').map((part) => part.split('=')[1]!);
      expect(Math.abs(Number(t) - Date.now() / 1000)).toBeLessThan(30);
      expect(v1).toBe(createHmac('sha256', WEBHOOK_SECRET).update(`${t}.${succeeded.body}`).digest('hex'));
      const event = await provider.parseWebhook(Buffer.from(succeeded.body), {
        'stripe-signature': succeeded.signature,
      });
      expect(event).toMatchObject({
        id: succeeded.id,
        providerType: 'payment_intent.succeeded',
        type: 'payment.succeeded',
        providerPaymentId: created.providerPaymentId,
      });
      expect(event.occurredAt).toBeInstanceOf(Date);
      // A succeeded PaymentIntent is final at Stripe: its Alipay snapshot is the answer, no need to ask.
      expect(event.payment).toMatchObject({
        status: 'succeeded',
        amountMinor: 500,
        currency: 'CNY',
        paymentMethod: { kind: 'alipay' },
      });
      const requiresAction = received.find((entry) => entry.type === 'payment_intent.requires_action')!;
      const pending = await provider.parseWebhook(Buffer.from(requiresAction.body), {
        'stripe-signature': [requiresAction.signature],
      });
      expect(pending).toMatchObject({ type: 'payment.requires_action' });
      // Not final: SimFill asks for the current state when it applies it.
      expect(pending.payment).toBeUndefined();
      const createdEvent = received.find((entry) => entry.type === 'payment_intent.created')!;
      expect(
        (
          await provider.parseWebhook(Buffer.from(createdEvent.body), {
            'stripe-signature': createdEvent.signature,
          })
        ).type,
      ).toBe('ignored');
      // The same event through the Events API.
      expect((await raw.events.retrieve(succeeded.id)).type).toBe('payment_intent.succeeded');
      const listed = await raw.events.list({ type: 'payment_intent.succeeded', limit: 100 });
      expect(listed.data.map((entry) => entry.id)).toContain(succeeded.id);
      expect(listed.data.every((entry) => entry.type === 'payment_intent.succeeded')).toBe(true);
    });

    it('a card payment that succeeded names no card in its event, so SimFill asks Stripe for brand and last 4', async () => {
      const created = await provider.createPayment(input({ amountMinor: 2500 }));
      await payOnPage(urlOf(created.nextAction), { number: '4242424242424242' });
      await simulator.webhooksSettled();
      const succeeded = received.find(
        (entry) =>
          entry.type === 'payment_intent.succeeded' && entry.body.includes(created.providerPaymentId),
      )!;
      const event = await provider.parseWebhook(Buffer.from(succeeded.body), {
        'stripe-signature': succeeded.signature,
      });
      expect(event).toMatchObject({
        type: 'payment.succeeded',
        providerPaymentId: created.providerPaymentId,
      });
      expect(event.payment).toBeUndefined();
      expect(await provider.retrievePayment(created.providerPaymentId)).toMatchObject({
        status: 'succeeded',
        paymentMethod: { kind: 'card', brand: 'visa', last4: '4242' },
      });
    });

    it('sends only the events the endpoint enables (SimFill’s list); the Events API still lists the others', async () => {
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/stripe`;
      simulator.setWebhookUrl(url, STRIPE_WEBHOOK_EVENTS);
      try {
        const created = await paidByAlipay(777);
        const sent = await eventsFor(created.providerPaymentId);
        expect(sent).toEqual(['payment_intent.succeeded']);
        const listed = await raw.events.list({ limit: 100 });
        const types = listed.data
          .filter((entry) => (entry.data.object as { id?: string }).id === created.providerPaymentId)
          .map((entry) => entry.type);
        expect(types).toEqual(
          expect.arrayContaining([
            'payment_intent.created',
            'payment_intent.requires_action',
            'payment_intent.succeeded',
          ]),
        );
      } finally {
        simulator.setWebhookUrl(url);
      }
    });

    it('refuses a tampered body, a timestamp older than 300 s, another secret, and no signature', async () => {
      await paidByAlipay(501);
      const { body, signature } = received.find((entry) => entry.type === 'payment_intent.succeeded')!;
      const sign = (secret: string, at: number, payload = body) =>
        `t=${at},v1=${createHmac('sha256', secret).update(`${at}.${payload}`).digest('hex')}`;
      const now = Math.floor(Date.now() / 1000);
      const attempts: [string, Record<string, string | undefined>][] = [
        [body.replace('"amount": 501', '"amount": 1'), { 'stripe-signature': signature }],
        [body, { 'stripe-signature': sign(WEBHOOK_SECRET, now - 301) }],
        [body, { 'stripe-signature': sign('whsec_someone_else', now) }],
        [body, {}],
        [body, { 'stripe-signature': 'garbage' }],
      ];
      expect(body).toContain('"amount": 501');
      for (const [payload, headers] of attempts) {
        await expect(provider.parseWebhook(Buffer.from(payload), headers)).rejects.toBeInstanceOf(
          WebhookVerificationError,
        );
      }
      // Within the tolerance a fresh signature of the same body is fine.
      expect(
        (
          await provider.parseWebhook(Buffer.from(body), {
            'stripe-signature': sign(WEBHOOK_SECRET, now - 250),
          })
        ).type,
      ).toBe('payment.succeeded');
    });

    it('duplicateWebhooks delivers each event twice with the same id', async () => {
      simulator.faults.duplicateWebhooks = true;
      await paidByAlipay(600);
      const ids = received
        .filter((entry) => entry.type === 'payment_intent.succeeded')
        .map((entry) => entry.id);
      expect(ids).toHaveLength(2);
      expect(ids[0]).toBe(ids[1]);
      const first = await provider.parseWebhook(Buffer.from(received[0]!.body), {
        'stripe-signature': received[0]!.signature,
      });
      const second = received.filter((entry) => entry.id === first.id);
      expect(second).toHaveLength(2);
    });

    it('delayWebhooksMs + reorderWebhooks holds a batch and sends it newest first', async () => {
      simulator.faults.delayWebhooksMs = 500;
      simulator.faults.reorderWebhooks = true;
      const startedAt = Date.now();
      const created = await provider.createPayment(
        input({ method: 'alipay', currency: 'CNY', amountMinor: 700 }),
      );
      expect(received).toHaveLength(0);
      await decide(urlOf(created.nextAction), 'approve');
      expect(await eventsFor(created.providerPaymentId)).toEqual([
        'payment_intent.succeeded',
        'payment_intent.requires_action',
        'payment_intent.created',
      ]);
      expect(Date.now() - startedAt).toBeGreaterThanOrEqual(490);
    });

    it('retries a refused delivery with backoff until it is accepted', async () => {
      refuseNext = 2;
      const created = await provider.createPayment(
        input({ method: 'alipay', currency: 'CNY', amountMinor: 800 }),
      );
      expect(await eventsFor(created.providerPaymentId)).toEqual([
        'payment_intent.created',
        'payment_intent.requires_action',
      ]);
      const createdEvent = received[0]!;
      const attempts = simulator.deliveredEvents().filter((entry) => entry.id === createdEvent.id);
      expect(attempts.map((entry) => entry.status)).toEqual([500, 500, 200]);
    });

    it('processing: an approved payment can report processing before succeeded, with both events', async () => {
      simulator.faults.processingMs = 400;
      const created = await provider.createPayment(
        input({ method: 'alipay', currency: 'CNY', amountMinor: 900 }),
      );
      const back = await decide(urlOf(created.nextAction), 'approve');
      expect(query(back.location).get('redirect_status')).toBe('processing');
      expect((await provider.retrievePayment(created.providerPaymentId)).status).toBe('processing');
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect((await provider.retrievePayment(created.providerPaymentId)).status).toBe('succeeded');
      expect(await eventsFor(created.providerPaymentId)).toEqual([
        'payment_intent.created',
        'payment_intent.requires_action',
        'payment_intent.processing',
        'payment_intent.succeeded',
      ]);
      const processing = received.find((entry) => entry.type === 'payment_intent.processing')!;
      expect(
        (
          await provider.parseWebhook(Buffer.from(processing.body), {
            'stripe-signature': processing.signature,
          })
        ).type,
      ).toBe('payment.processing');
    });
  });

  describe('faults and errors', () => {
    it('500s and timeouts are "unavailable"; a wrong key is "authentication"', async () => {
      simulator.faults.failNextRequests(1, 500);
      await expect(provider.createPayment(input())).rejects.toMatchObject({
        name: 'PaymentProviderError',
        kind: 'unavailable',
        providerCode: 'api_error',
      });
      simulator.faults.failNextRequests(1, 503);
      await expect(provider.retrievePayment('pi_whatever')).rejects.toMatchObject({ kind: 'unavailable' });

      const impatient = createStripeProvider({
        secretKey: SECRET,
        webhookSecret: WEBHOOK_SECRET,
        apiBase: simulator.baseUrl,
        timeoutMs: 300,
        maxNetworkRetries: 0,
      });
      simulator.faults.timeoutNextRequests(1);
      const startedAt = Date.now();
      const timedOut = await impatient.createPayment(input()).catch((caught: unknown) => caught);
      expect(timedOut).toBeInstanceOf(PaymentProviderError);
      expect(timedOut).toMatchObject({ kind: 'unavailable' });
      expect(Date.now() - startedAt).toBeLessThan(2_000);

      const wrong = createStripeProvider({
        secretKey: 'sk_test_wrong_key_0000',
        webhookSecret: WEBHOOK_SECRET,
        apiBase: simulator.baseUrl,
        timeoutMs: 2_000,
      });
      await expect(wrong.createPayment(input())).rejects.toMatchObject({ kind: 'authentication' });
      await expect(provider.retrievePayment('pi_missing')).rejects.toMatchObject({
        kind: 'invalid',
        providerCode: 'resource_missing',
      });
    });

    it('a timeout after Stripe did the work is "unavailable"; the same key then returns that PaymentIntent', async () => {
      const impatient = createStripeProvider({
        secretKey: SECRET,
        webhookSecret: WEBHOOK_SECRET,
        apiBase: simulator.baseUrl,
        timeoutMs: 300,
        maxNetworkRetries: 0,
      });
      const request = input();
      simulator.faults.timeoutNextRequests(1, { afterProcessing: true });
      await expect(impatient.createPayment(request)).rejects.toMatchObject({ kind: 'unavailable' });
      const [made, ...others] = (await raw.paymentIntents.list({ limit: 100 })).data.filter(
        (intent) => intent.metadata.order_id === request.metadata.order_id,
      );
      expect(others).toHaveLength(0);
      expect((await impatient.createPayment(request)).providerPaymentId).toBe(made!.id);
    });

    it('latencyMs slows every answer', async () => {
      simulator.faults.latencyMs = 120;
      const startedAt = Date.now();
      await provider.createPayment(input());
      expect(Date.now() - startedAt).toBeGreaterThanOrEqual(110);
    });

    it('declineAll declines the success card and Alipay approvals', async () => {
      simulator.faults.declineAll = true;
      const card = await provider.createPayment(input());
      await payOnPage(urlOf(card.nextAction), { number: '4242424242424242' });
      expect((await provider.retrievePayment(card.providerPaymentId)).failure).toMatchObject({
        code: 'card_declined',
        declineCode: 'generic_decline',
      });
      const alipay = await provider.createPayment(input({ method: 'alipay', currency: 'CNY' }));
      await decide(urlOf(alipay.nextAction), 'approve');
      expect((await provider.retrievePayment(alipay.providerPaymentId)).status).toBe('failed');
    });

    it('has a control API for browser tests and Stripe error objects on the wire', async () => {
      const set = await fetch(`${simulator.baseUrl}/_simulator/faults`, {
        method: 'POST',
        body: JSON.stringify({ declineAll: true, latencyMs: 5, failNextRequests: 1, failStatus: 502 }),
      });
      expect(await set.json()).toMatchObject({
        declineAll: true,
        latencyMs: 5,
        failNextRequests: 1,
        failStatus: 502,
      });
      expect(simulator.faults.declineAll).toBe(true);
      const failing = await fetch(`${simulator.baseUrl}/v1/customers/cus_x`, {
        headers: { authorization: `Bearer ${SECRET}` },
      });
      expect(failing.status).toBe(502);
      expect(await failing.json()).toEqual({ error: { type: 'api_error', message: expect.any(String) } });
      await fetch(`${simulator.baseUrl}/_simulator/reset`, { method: 'POST' });
      expect(simulator.faults.declineAll).toBe(false);

      const missing = await fetch(`${simulator.baseUrl}/v1/customers/cus_x`, {
        headers: { authorization: `Bearer ${SECRET}` },
      });
      expect(missing.status).toBe(404);
      expect(await missing.json()).toEqual({
        error: {
          type: 'invalid_request_error',
          code: 'resource_missing',
          param: 'id',
          message: "No such customer: 'cus_x'",
        },
      });
      const anonymous = await fetch(`${simulator.baseUrl}/v1/customers/cus_x`);
      expect(anonymous.status).toBe(401);

      // A publishable key reads an intent with its client secret (as Stripe.js does) and nothing else.
      const created = await provider.createPayment(input());
      const intent = await raw.paymentIntents.retrieve(created.providerPaymentId);
      const withSecret = await fetch(
        `${simulator.baseUrl}/v1/payment_intents/${intent.id}?client_secret=${intent.client_secret}`,
        { headers: { authorization: `Bearer ${PUBLISHABLE}` } },
      );
      expect(((await withSecret.json()) as { status: string }).status).toBe('requires_action');
      const withoutSecret = await fetch(`${simulator.baseUrl}/v1/payment_intents/${intent.id}`, {
        headers: { authorization: `Bearer ${PUBLISHABLE}` },
      });
      expect(withoutSecret.status).toBe(401);
    });

    it('parses the form encoding the SDK writes (nested objects and arrays)', () => {
      expect(
        parseStripeForm(
          'amount=100&metadata[order_id]=o_1&allowed_payment_method_types[0]=card&expand[0]=a&expand[1]=b&payment_method_options[wechat_pay][client]=web',
        ),
      ).toEqual({
        amount: '100',
        metadata: { order_id: 'o_1' },
        allowed_payment_method_types: ['card'],
        expand: ['a', 'b'],
        payment_method_options: { wechat_pay: { client: 'web' } },
      });
    });
  });

  describe('saved cards', () => {
    it('saves a card through a SetupIntent, lists it, charges it off session without a page, and detaches it', async () => {
      const customerId = await provider.ensureCustomer({
        idempotencyKey: 'customer-li',
        email: 'li@example.com',
        simfillCustomerId: 'cus_simfill_li',
      });
      expect(customerId).toMatch(/^cus_/);
      expect(
        await provider.ensureCustomer({
          idempotencyKey: 'customer-li',
          email: 'li@example.com',
          simfillCustomerId: 'cus_simfill_li',
        }),
      ).toBe(customerId);
      expect(await raw.customers.retrieve(customerId)).toMatchObject({
        email: 'li@example.com',
        metadata: { simfill_customer: 'cus_simfill_li' },
      });

      const setup = await provider.createSetup({
        idempotencyKey: 'setup-li-1',
        providerCustomerId: customerId,
        returnUrl: 'http://localhost:8080/account/payment-methods',
        locale: 'zh-CN',
      });
      expect(setup).toMatchObject({
        status: 'requires_action',
        providerCustomerId: customerId,
        paymentMethod: undefined,
      });
      const setupUrl = urlOf(setup.nextAction);
      expect(setupUrl.startsWith(`${simulator.baseUrl}/setup/${setup.providerSetupId}?`)).toBe(true);
      const page = await (await fetch(setupUrl)).text();
      expect(page).toContain('>保存银行卡</button>');
      expect(page).not.toContain('Apple Pay');
      const saved = await payOnPage(setupUrl, { number: '5555555555554444' });
      const back = query(saved.location);
      expect(back.get('setup_intent')).toBe(setup.providerSetupId);
      expect(back.get('redirect_status')).toBe('succeeded');
      const done = await provider.retrieveSetup(setup.providerSetupId);
      expect(done).toMatchObject({
        status: 'succeeded',
        nextAction: undefined,
        paymentMethod: {
          kind: 'card',
          brand: 'mastercard',
          last4: '4444',
          providerMethodId: expect.stringMatching(/^pm_/),
        },
      });
      await simulator.webhooksSettled();
      const setupEvent = received.find((entry) => entry.type === 'setup_intent.succeeded')!;
      expect(
        (
          await provider.parseWebhook(Buffer.from(setupEvent.body), {
            'stripe-signature': setupEvent.signature,
          })
        ).type,
      ).toBe('setup.succeeded');

      const methods = await provider.listMethods(customerId);
      expect(methods).toEqual([done.paymentMethod]);
      const methodId = methods[0]!.providerMethodId!;
      const charged = await provider.createPayment(
        input({ amountMinor: 5000, saved: { providerCustomerId: customerId, providerMethodId: methodId } }),
      );
      expect(charged).toMatchObject({
        status: 'succeeded',
        nextAction: undefined,
        providerCustomerId: customerId,
        paymentMethod: { kind: 'card', last4: '4444', providerMethodId: methodId },
      });
      expect(await raw.paymentIntents.retrieve(charged.providerPaymentId)).toMatchObject({
        customer: customerId,
        payment_method: methodId,
        status: 'succeeded',
      });

      await provider.detachMethod(methodId);
      expect(await provider.listMethods(customerId)).toEqual([]);
      await expect(
        provider.createPayment(
          input({ saved: { providerCustomerId: customerId, providerMethodId: 'pm_gone' } }),
        ),
      ).rejects.toMatchObject({ kind: 'invalid', providerCode: 'resource_missing' });
    });

    it('off session a card that always needs 3-D Secure, or one declined after attaching, is declined', async () => {
      const customerId = await provider.ensureCustomer({
        idempotencyKey: 'customer-wang',
        email: 'wang@example.com',
        simfillCustomerId: 'cus_simfill_wang',
      });
      const saveCard = async (number: string, key: string) => {
        const setup = await provider.createSetup({
          idempotencyKey: key,
          providerCustomerId: customerId,
          returnUrl: 'http://localhost:8080/account/payment-methods',
          locale: 'en',
        });
        await payOnPage(urlOf(setup.nextAction), { number });
        return (await provider.retrieveSetup(setup.providerSetupId)).paymentMethod!.providerMethodId!;
      };
      const always3ds = await saveCard('4000002760003184', 'setup-wang-1');
      const afterAttach = await saveCard('4000000000000341', 'setup-wang-2');
      expect(await provider.listMethods(customerId)).toHaveLength(2);
      const charge = (providerMethodId: string) =>
        provider
          .createPayment(input({ saved: { providerCustomerId: customerId, providerMethodId } }))
          .catch((caught: unknown) => caught);
      expect(await charge(always3ds)).toMatchObject({
        kind: 'declined',
        providerCode: 'authentication_required',
        declineCode: 'authentication_required',
      });
      expect(await charge(afterAttach)).toMatchObject({
        kind: 'declined',
        providerCode: 'card_declined',
        declineCode: 'generic_decline',
      });

      const refused = await provider.createSetup({
        idempotencyKey: 'setup-wang-3',
        providerCustomerId: customerId,
        returnUrl: 'http://localhost:8080/account/payment-methods',
        locale: 'en',
      });
      const result = await payOnPage(urlOf(refused.nextAction), { number: '4000000000000002' });
      expect(query(result.location).get('redirect_status')).toBe('failed');
      expect((await provider.retrieveSetup(refused.providerSetupId)).status).toBe('failed');
    });
  });
});
