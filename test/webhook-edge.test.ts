import { createHmac, randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { ManualClock } from '../src/kernel/clock.js';
import { describeEachDatabase } from './helpers/databases.js';
import { STRIPE_WEBHOOK_SECRET, usePaymentWorld } from './helpers/payments.js';

/**
 * The webhook edge: a body whose signature holds but which is not an event SimFill can read is refused with a
 * 400 in the one error shape and leaves nothing behind (no inbox row, no job); a signature dated in the future
 * beyond the tolerance is no signature.
 */
describeEachDatabase('webhooks: signed but malformed or future-dated events', (testDb) => {
  const clock = new ManualClock(new Date());
  const world = usePaymentWorld(testDb, clock);

  const kept = async () => {
    const count = async (sql: string) => (await testDb.database.query<{ n: number }>(sql)).rows[0]!.n;
    return {
      inbox: await count('select count(*)::int as n from payments_provider_events'),
      jobs: await count(`select count(*)::int as n from pgboss.job where name = 'payments-apply-event'`),
    };
  };

  const nowSeconds = () => Math.floor(Date.now() / 1000);
  const stripeSignature = (body: string, t = nowSeconds()) =>
    `t=${t},v1=${createHmac('sha256', STRIPE_WEBHOOK_SECRET).update(`${t}.${body}`).digest('hex')}`;
  const postStripe = (body: string, signature = stripeSignature(body), locale = 'en') =>
    world.app.inject({
      method: 'POST',
      url: '/v1/webhooks/stripe',
      headers: {
        'content-type': 'application/json',
        'stripe-signature': signature,
        'accept-language': locale,
      },
      payload: body,
    });
  const postPayPal = (body: string, transmissionTime?: string, locale = 'en') =>
    world.app.inject({
      method: 'POST',
      url: '/v1/webhooks/paypal',
      headers: {
        'content-type': 'application/json',
        'accept-language': locale,
        ...world.paypal.signWebhook(body, transmissionTime),
      },
      payload: body,
    });

  const intent = {
    id: 'pi_malformed',
    object: 'payment_intent',
    status: 'succeeded',
    amount: 1200,
    currency: 'usd',
    payment_method_types: ['alipay'],
  };
  const stripeEvent = (type: string, object: unknown, extra: object = {}) =>
    JSON.stringify({
      id: `evt_${type}_${Math.random()}`,
      object: 'event',
      type,
      created: nowSeconds(),
      data: { object },
      ...extra,
    });

  it('refuses signed Stripe bodies that are not readable events with 400 webhook_event_invalid and keeps nothing', async () => {
    const before = await kept();
    const bodies = [
      'not json',
      '[]',
      '{"id":1}',
      '{"id":"evt_no_object","type":"payment_intent.succeeded","created":1764748800,"data":{}}',
      stripeEvent('payment_intent.succeeded', { ...intent, amount: '1200' }),
      stripeEvent('payment_intent.succeeded', { ...intent, currency: 12 }),
      stripeEvent('payment_intent.payment_failed', { ...intent, id: undefined }),
      stripeEvent('refund.updated', {
        id: 're_1',
        status: 'succeeded',
        currency: 'usd',
        payment_intent: 'pi_1',
      }),
      stripeEvent('customer.created', { id: 'cus_1' }, { created: 'yesterday' }),
      stripeEvent('customer.created', { id: 'cus_1' }, { created: 1e15 }),
      stripeEvent('customer.created', 'cus_1'),
    ];
    for (const body of bodies) {
      const response = await postStripe(body);
      expect(response.statusCode, body).toBe(400);
      expect(response.json(), body).toEqual({
        error: {
          type: 'invalid_request_error',
          code: 'webhook_event_invalid',
          message: expect.stringMatching(/^The webhook event is malformed \(.+\); nothing was recorded\.$/),
        },
      });
    }
    const translated = await postStripe('[]', undefined, 'zh-CN');
    expect(translated.json<{ error: { message: string } }>().error.message).toBe(
      'Webhook 事件格式不正确（body），未做任何记录。',
    );
    expect(await kept()).toEqual(before);
  });

  it('refuses a signed Stripe thin event (v2.core.event) as malformed, yet the same body badly signed as a bad signature', async () => {
    const before = await kept();
    // The shape of a v2 event notification ("thin" event): no data, a related object to fetch.
    const thin = JSON.stringify({
      id: 'evt_test_65R9Ijk8cPMcIrqdGWb16RM7WVSQCKU1jy2yHTBzZs0Zf',
      object: 'v2.core.event',
      type: 'v1.billing.meter.error_report_triggered',
      livemode: false,
      created: new Date().toISOString(),
      related_object: { id: 'mtr_test_1', type: 'billing.meter', url: '/v1/billing/meters/mtr_test_1' },
    });
    const signed = await postStripe(thin);
    expect(signed.statusCode).toBe(400);
    expect(signed.json()).toEqual({
      error: {
        type: 'invalid_request_error',
        code: 'webhook_event_invalid',
        message: 'The webhook event is malformed (body); nothing was recorded.',
      },
    });
    const t = nowSeconds();
    const forged = `t=${t},v1=${createHmac('sha256', 'whsec_not_ours').update(`${t}.${thin}`).digest('hex')}`;
    for (const signature of [
      forged,
      'garbage',
      `t=${t - 3600},${stripeSignature(thin, t - 3600).split(',')[1]}`,
    ]) {
      const refused = await postStripe(thin, signature);
      expect(refused.statusCode, signature).toBe(400);
      expect(refused.json<{ error: { code: string } }>().error.code, signature).toBe(
        'webhook_signature_invalid',
      );
    }
    expect(await kept()).toEqual(before);
  });

  it('still takes a well-formed signed Stripe event it does not act on, once', async () => {
    const before = await kept();
    const body = stripeEvent('customer.created', { id: 'cus_1', object: 'customer' });
    const first = await postStripe(body);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ received: true, duplicate: false });
    expect((await postStripe(body)).json()).toEqual({ received: true, duplicate: true });
    expect(await kept()).toEqual({ inbox: before.inbox + 1, jobs: before.jobs });
  });

  it('refuses a Stripe signature dated beyond the tolerance in the future; clock skew within it passes', async () => {
    const before = await kept();
    const future = stripeEvent('customer.created', { id: 'cus_2', object: 'customer' });
    const refused = await postStripe(future, stripeSignature(future, nowSeconds() + 3_600));
    expect(refused.statusCode).toBe(400);
    expect(refused.json<{ error: { code: string } }>().error.code).toBe('webhook_signature_invalid');
    expect(await kept()).toEqual(before);
    const skewed = stripeEvent('customer.created', { id: 'cus_3', object: 'customer' });
    expect((await postStripe(skewed, stripeSignature(skewed, nowSeconds() + 60))).statusCode).toBe(200);
  });

  it('refuses signed PayPal bodies that are not readable events with 400 webhook_event_invalid and keeps nothing', async () => {
    const before = await kept();
    const paypalEvent = (type: string, resource: unknown, extra: object = {}) =>
      JSON.stringify({
        id: `WH-${randomBytes(8).toString('hex').toUpperCase()}-${randomBytes(8).toString('hex').toUpperCase()}`,
        event_type: type,
        create_time: new Date().toISOString(),
        resource,
        ...extra,
      });
    const bodies = [
      '[]',
      '{"id":1}',
      paypalEvent('CHECKOUT.ORDER.APPROVED', undefined),
      paypalEvent('CHECKOUT.ORDER.APPROVED', { id: 42 }),
      paypalEvent('PAYMENT.CAPTURE.COMPLETED', { id: '3C679366HH908993F', supplementary_data: 'order' }),
      paypalEvent('PAYMENT.CAPTURE.REFUNDED', {
        id: '1JU08902781691411',
        status: 'COMPLETED',
        amount: { currency_code: 'USD', value: '10.001' },
      }),
      paypalEvent('PAYMENT.CAPTURE.REFUNDED', { id: '1JU08902781691411' }),
      paypalEvent('CUSTOMER.DISPUTE.CREATED', {}, { create_time: 'last tuesday' }),
    ];
    for (const body of bodies) {
      const response = await postPayPal(body);
      expect(response.statusCode, body).toBe(400);
      expect(response.json<{ error: { code: string } }>().error.code, body).toBe('webhook_event_invalid');
    }
    expect(await kept()).toEqual(before);
    const readable = paypalEvent('CUSTOMER.DISPUTE.CREATED', { id: 'PP-D-1' });
    expect((await postPayPal(readable)).json()).toEqual({ received: true, duplicate: false });
  });

  it('refuses a PayPal transmission time in the future beyond the tolerance', async () => {
    const before = await kept();
    const body = JSON.stringify({
      id: 'WH-FUTURE',
      event_type: 'CUSTOMER.DISPUTE.CREATED',
      resource: { id: 'PP-D-2' },
    });
    const later = new Date(Date.now() + 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const refused = await postPayPal(body, later);
    expect(refused.statusCode).toBe(400);
    expect(refused.json<{ error: { code: string } }>().error.code).toBe('webhook_signature_invalid');
    expect(await kept()).toEqual(before);
  });
});
