import { describe, expect, it } from 'vitest';
import { ManualClock } from '../src/kernel/clock.js';
import { trialBalance } from '../src/modules/ledger/service.js';
import { createOrder } from '../src/modules/orders/service.js';
import { getQuote } from '../src/modules/pricing/service.js';
import type { TestClient } from './helpers/client.js';
import { describeEachDatabase, useDatabase } from './helpers/databases.js';
import { decide, payByCard } from './helpers/hosted.js';
import { linkIn } from './helpers/mail.js';
import { STRIPE_SECRET, usePaymentWorld } from './helpers/payments.js';
import { aCustomer, aStaffMember } from './helpers/people.js';
import { until } from './helpers/wait.js';

interface PaymentBody {
  id: string;
  status: string;
  next_action: {
    type: string;
    url?: string;
    image_url_png?: string;
    hosted_instructions_url?: string;
  } | null;
  payment_method: { kind: string; brand: string | null; last4: string | null; wallet: string | null } | null;
  failure: { code: string; decline_code: string | null } | null;
}

describeEachDatabase('payments: wallet top-ups through the Stripe-compatible provider', (testDb) => {
  const clock = new ManualClock(new Date());
  // Top-ups from 10¢, so the provider's own minimum is what a small top-up meets first.
  const world = usePaymentWorld(testDb, clock, { pricing: { walletTopUpMinMinor: 10 } });

  const orderOf = (browser: TestClient, id: string) =>
    browser
      .get(`/v1/orders/${id}`)
      .then((response) => response.json<{ status: string; payments: PaymentBody[] }>());

  async function placeOrder(browser: TestClient, method: string, amountMinor: number) {
    const quote = (
      await browser.post('/v1/quotes', {
        product: { type: 'wallet_credit', amount_minor: amountMinor },
        method,
      })
    ).json<{
      id: string;
      charge: { amount_minor: number; currency: string };
    }>();
    const order = (await browser.post('/v1/orders', { quote: quote.id })).json<{ id: string }>();
    return { quote, order };
  }

  async function pay(browser: TestClient, orderId: string, key: string, body: object = {}) {
    return browser.post(`/v1/orders/${orderId}/payments`, body, { 'idempotency-key': key });
  }

  async function ledgerBalanced() {
    for (const row of await trialBalance(testDb.database.db)) expect(row.sumMinor, row.currency).toBe(0);
  }

  it('tops up by card on the hosted page: the webhook pays the order, the wallet grows, the receipt is emailed', async () => {
    const customer = await aCustomer(world.app, world.mail, 'card@example.com', { locale: 'zh-CN' });
    const { order } = await placeOrder(customer.browser, 'card', 2000);
    const started = await pay(customer.browser, order.id, 'pay-card-1');
    expect(started.statusCode).toBe(201);
    const payment = started.json<PaymentBody>();
    expect(payment).toMatchObject({ status: 'requires_action', next_action: { type: 'redirect' } });
    expect(payment.next_action!.url).toContain('locale=zh-CN');

    const back = await payByCard(payment.next_action!.url!, { number: '4242424242424242' });
    expect(back.location).toContain(`/account/orders/${order.id}?payment=${payment.id}`);
    const done = await until(
      () => orderOf(customer.browser, order.id),
      (o) => o.status === 'fulfilled',
      'fulfilment',
    );
    expect(done.payments[0]).toMatchObject({
      status: 'succeeded',
      payment_method: { kind: 'card', brand: 'visa', last4: '4242' },
    });
    const wallet = (await customer.browser.get('/v1/wallet')).json<{
      balance: { amount_minor: number };
      transactions: { data: { type: string }[] };
    }>();
    expect(wallet.balance).toEqual({ amount_minor: 2000, currency: 'USD' });
    expect(wallet.transactions.data[0]).toMatchObject({
      type: 'wallet_credit',
      amount: { amount_minor: 2000 },
      order: order.id,
    });

    const email = await world.mail.nextMessageTo('card@example.com');
    expect(email.subject).toContain('已存入您的 SimFill 钱包');
    expect(email.text).toContain('凭证编号：SF-');
    expect(linkIn(email, 'http://localhost:8080/account/orders/')).toBe(
      `http://localhost:8080/account/orders/${order.id}/receipt`,
    );
    const receipt = (await customer.browser.get(`/v1/orders/${order.id}/receipt`)).json<
      Record<string, unknown>
    >();
    expect(receipt).toMatchObject({
      object: 'receipt',
      receipt_number: expect.stringMatching(/^SF-\d{6}$/),
      total: { amount_minor: 2000, currency: 'USD' },
      fee: { amount_minor: 0 },
      fee_waived: { amount_minor: 88 },
      charged: { amount_minor: 2000, currency: 'USD' },
      payment: { payment_method: { brand: 'visa', last4: '4242' } },
      operator: { name: 'SimFill Test Reseller' },
    });
    await ledgerBalanced();
  });

  it('charges Alipay in CNY at the locked rate and credits the USD wallet through the FX accounts', async () => {
    const customer = await aCustomer(world.app, world.mail, 'alipay@example.com');
    const { quote, order } = await placeOrder(customer.browser, 'alipay', 5000);
    expect(quote.charge.currency).toBe('CNY');
    const payment = (await pay(customer.browser, order.id, 'pay-alipay')).json<PaymentBody>();
    expect(payment.next_action?.url).toContain('/alipay/');
    await decide(payment.next_action!.url!, 'approve');
    // The customer comes back before the webhook: the return page asks the provider directly.
    const refreshed = (await customer.browser.post(`/v1/payments/${payment.id}/refresh`)).json<PaymentBody>();
    expect(refreshed.status).toBe('succeeded');
    await until(
      () => orderOf(customer.browser, order.id),
      (o) => o.status === 'fulfilled',
      'fulfilment',
    );
    const wallet = (await customer.browser.get('/v1/wallet')).json<{ balance: { amount_minor: number } }>();
    expect(wallet.balance.amount_minor).toBe(5000);
    const receipt = (await customer.browser.get(`/v1/orders/${order.id}/receipt`)).json<
      Record<string, unknown>
    >();
    expect(receipt).toMatchObject({
      charged: quote.charge,
      fx: { locked: true },
      payment: { payment_method: { kind: 'alipay' } },
    });
    await ledgerBalanced();
  });

  it('shows WeChat Pay as a QR code; a declined scan charges nothing and a new attempt can pay', async () => {
    const customer = await aCustomer(world.app, world.mail, 'wechat@example.com');
    const { order } = await placeOrder(customer.browser, 'wechat_pay', 1000);
    const payment = (await pay(customer.browser, order.id, 'pay-wechat-1')).json<PaymentBody>();
    expect(payment.next_action).toMatchObject({
      type: 'display_qr',
      image_url_png: expect.stringContaining('/qr/'),
    });
    await decide(payment.next_action!.hosted_instructions_url!, 'decline');
    const failed = await until(
      () => orderOf(customer.browser, order.id),
      (o) => o.payments[0]?.status === 'failed',
      'failure',
    );
    expect(failed.status).toBe('awaiting_payment');
    const retry = (await pay(customer.browser, order.id, 'pay-wechat-2')).json<PaymentBody>();
    expect(retry.id).not.toBe(payment.id);
    await decide(retry.next_action!.hosted_instructions_url!, 'approve');
    await until(
      () => orderOf(customer.browser, order.id),
      (o) => o.status === 'fulfilled',
      'fulfilment',
    );
    expect(
      (await customer.browser.get('/v1/wallet')).json<{ balance: { amount_minor: number } }>().balance
        .amount_minor,
    ).toBe(1000);
    await ledgerBalanced();
  });

  it('pays with PayPal: approve on PayPal, come back, SimFill captures once, webhooks verified by PayPal', async () => {
    const customer = await aCustomer(world.app, world.mail, 'paypal@example.com');
    const { quote, order } = await placeOrder(customer.browser, 'paypal', 4000);
    expect(quote.charge.currency).toBe('USD');
    const payment = (await pay(customer.browser, order.id, 'pay-paypal')).json<PaymentBody>();
    expect(payment).toMatchObject({ status: 'requires_action', next_action: { type: 'redirect' } });
    const back = await decide(payment.next_action!.url!, 'approve');
    expect(back.location).toContain(`/account/orders/${order.id}?payment=${payment.id}`);
    await customer.browser.post(`/v1/payments/${payment.id}/refresh`);
    const done = await until(
      () => orderOf(customer.browser, order.id),
      (o) => o.status === 'fulfilled',
      'fulfilment',
    );
    expect(done.payments[0]).toMatchObject({ status: 'succeeded', payment_method: { kind: 'paypal' } });
    await world.paypal.webhooksSettled();
    const forged = await world.app.inject({
      method: 'POST',
      url: '/v1/webhooks/paypal',
      headers: {
        'content-type': 'application/json',
        'paypal-auth-algo': 'SHA256withRSA',
        'paypal-cert-url': 'https://api.paypal.com/cert',
        'paypal-transmission-id': 'x',
        'paypal-transmission-sig': 'forged',
        'paypal-transmission-time': new Date().toISOString(),
      },
      payload: JSON.stringify({
        id: 'WH-FORGED',
        event_type: 'PAYMENT.CAPTURE.COMPLETED',
        create_time: new Date().toISOString(),
        resource: {},
      }),
    });
    expect(forged.statusCode).toBe(400);
    expect(
      (await customer.browser.get('/v1/wallet')).json<{ balance: { amount_minor: number } }>().balance
        .amount_minor,
    ).toBe(4000);
    const receipt = (await customer.browser.get(`/v1/orders/${order.id}/receipt`)).json<
      Record<string, unknown>
    >();
    expect(receipt).toMatchObject({
      payment: { payment_method: { kind: 'paypal', payer_email: 'buyer@example.com' } },
    });
    await ledgerBalanced();
  });

  it('tells the customer why a card was declined, in their language, and charges nothing', async () => {
    const customer = await aCustomer(world.app, world.mail, 'declined@example.com', { locale: 'zh-CN' });
    const { order } = await placeOrder(customer.browser, 'card', 1000);
    const payment = (await pay(customer.browser, order.id, 'pay-declined')).json<PaymentBody>();
    await payByCard(payment.next_action!.url!, { number: '4000000000009995' });
    const failed = await until(
      () => orderOf(customer.browser, order.id),
      (o) => o.payments[0]?.status === 'failed',
      'decline',
    );
    expect(failed.payments[0]!.failure).toEqual({
      code: 'card_declined',
      decline_code: 'insufficient_funds',
    });
    expect(failed.status).toBe('awaiting_payment');
    expect(
      (await customer.browser.get('/v1/wallet')).json<{ balance: { amount_minor: number } }>().balance
        .amount_minor,
    ).toBe(0);
    const abandoned = (await pay(customer.browser, order.id, 'pay-3ds')).json<PaymentBody>();
    await payByCard(abandoned.next_action!.url!, { number: '4000002500003155', threeDs: 'fail' });
    const again = await until(
      () => orderOf(customer.browser, order.id),
      (o) => o.payments[1]?.status === 'failed',
      '3ds failure',
    );
    expect(again.payments[1]!.failure?.code).toBe('payment_intent_authentication_failure');
    await ledgerBalanced();
  });

  it('reaches the provider once for a double click, a replay and a retried request', async () => {
    const customer = await aCustomer(world.app, world.mail, 'double@example.com');
    const { order } = await placeOrder(customer.browser, 'card', 1500);
    const [first, second] = await Promise.all([
      pay(customer.browser, order.id, 'click-1'),
      pay(customer.browser, order.id, 'click-2'),
    ]);
    expect(first.json<PaymentBody>().id).toBe(second.json<PaymentBody>().id);
    const replay = await pay(customer.browser, order.id, 'click-1');
    expect(replay.json<PaymentBody>().id).toBe(first.json<PaymentBody>().id);
    const order2 = await orderOf(customer.browser, order.id);
    expect(order2.payments).toHaveLength(1);
  });

  it('asks before charging the same amount twice within two minutes', async () => {
    const customer = await aCustomer(world.app, world.mail, 'twice@example.com', { locale: 'zh-CN' });
    const first = await placeOrder(customer.browser, 'alipay', 3000);
    const payment = (await pay(customer.browser, first.order.id, 'twice-1')).json<PaymentBody>();
    await decide(payment.next_action!.url!, 'approve');
    await customer.browser.post(`/v1/payments/${payment.id}/refresh`);
    const second = await placeOrder(customer.browser, 'alipay', 3000);
    const warned = await pay(customer.browser, second.order.id, 'twice-2');
    expect(warned.statusCode).toBe(409);
    // The warning names the first order by the receipt number the customer has (SF-…), not its internal id.
    const paidFirst = (await customer.browser.get(`/v1/orders/${first.order.id}`)).json<{
      receipt_number: string;
    }>();
    expect(paidFirst.receipt_number).toMatch(/^SF-\d+$/);
    const warning = warned.json<{ error: { code: string; message: string } }>().error;
    expect(warning).toMatchObject({
      code: 'possible_duplicate_payment',
      message: expect.stringContaining(`凭证编号 ${paidFirst.receipt_number}`),
    });
    expect(warning.message).not.toContain(first.order.id);
    const confirmed = await pay(customer.browser, second.order.id, 'twice-3', { confirm_duplicate: true });
    expect(confirmed.statusCode).toBe(201);
  });

  it('refuses a bad webhook signature, ignores duplicates and survives reordered delivery', async () => {
    const forged = await world.app.inject({
      method: 'POST',
      url: '/v1/webhooks/stripe',
      headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=00' },
      payload: JSON.stringify({
        id: 'evt_forged',
        type: 'payment_intent.succeeded',
        data: { object: { id: 'pi_x' } },
      }),
    });
    expect(forged.statusCode).toBe(400);
    expect(forged.json<{ error: { code: string } }>().error.code).toBe('webhook_signature_invalid');

    world.stripe.faults.duplicateWebhooks = true;
    world.stripe.faults.reorderWebhooks = true;
    try {
      const customer = await aCustomer(world.app, world.mail, 'webhooks@example.com');
      const { order } = await placeOrder(customer.browser, 'alipay', 1200);
      const payment = (await pay(customer.browser, order.id, 'pay-webhooks')).json<PaymentBody>();
      await decide(payment.next_action!.url!, 'approve');
      await world.stripe.webhooksSettled();
      const done = await until(
        () => orderOf(customer.browser, order.id),
        (o) => o.status === 'fulfilled',
        'fulfilment',
      );
      expect(done.payments).toHaveLength(1);
      expect(
        (await customer.browser.get('/v1/wallet')).json<{ balance: { amount_minor: number } }>().balance
          .amount_minor,
      ).toBe(1200);
    } finally {
      world.stripe.faults.reset();
    }
    await ledgerBalanced();
  });

  it('keeps the attempt when the provider fails mid-call and finishes it with the same key later', async () => {
    const customer = await aCustomer(world.app, world.mail, 'flaky@example.com');
    const { order } = await placeOrder(customer.browser, 'alipay', 800);
    world.stripe.faults.failNextRequests(1, 500);
    const unknown = (await pay(customer.browser, order.id, 'pay-flaky')).json<PaymentBody>();
    expect(unknown.status).toBe('creating');
    const recovered = (await customer.browser.post(`/v1/payments/${unknown.id}/refresh`)).json<PaymentBody>();
    expect(recovered).toMatchObject({ id: unknown.id, status: 'requires_action' });
    await decide(recovered.next_action!.url!, 'approve');
    await until(
      () => orderOf(customer.browser, order.id),
      (o) => o.status === 'fulfilled',
      'fulfilment',
    );
    await ledgerBalanced();
  });

  it('lets finance refund part and then the rest to the original method; support cannot; never above what was paid', async () => {
    const customer = await aCustomer(world.app, world.mail, 'refund@example.com');
    const { order } = await placeOrder(customer.browser, 'alipay', 2000);
    const payment = (await pay(customer.browser, order.id, 'pay-refund')).json<PaymentBody>();
    await decide(payment.next_action!.url!, 'approve');
    await until(
      () => orderOf(customer.browser, order.id),
      (o) => o.status === 'fulfilled',
      'fulfilment',
    );
    await world.mail.nextMessageTo('refund@example.com'); // the receipt
    const charged = (await orderOf(customer.browser, order.id)) as unknown as {
      charge: { amount_minor: number };
    };
    const context = { database: testDb.database, jobs: world.mail.jobs, clock };
    const finance = await aStaffMember(world.app, context, 'finance-refunds@simfill.test', 'finance');
    const support = await aStaffMember(world.app, context, 'support-refunds@simfill.test', 'support');
    expect(
      (await support.browser.post(`/v1/admin/orders/${order.id}/refunds`, { amount_minor: 100 })).statusCode,
    ).toBe(403);

    const part = await finance.browser.post(
      `/v1/admin/orders/${order.id}/refunds`,
      { amount_minor: 1000 },
      { 'idempotency-key': 'r-1' },
    );
    expect(part.statusCode).toBe(201);
    const tooMuch = await finance.browser.post(`/v1/admin/orders/${order.id}/refunds`, {
      amount_minor: charged.charge.amount_minor,
    });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json<{ error: { code: string } }>().error.code).toBe('refund_exceeds_payment');
    const rest = await finance.browser.post(
      `/v1/admin/orders/${order.id}/refunds`,
      {},
      { 'idempotency-key': 'r-2' },
    );
    expect(rest.json<{ amount: { amount_minor: number } }>().amount.amount_minor).toBe(
      charged.charge.amount_minor - 1000,
    );
    const refunded = await until(
      () => orderOf(customer.browser, order.id),
      (o) => o.status === 'refunded',
      'refund',
    );
    expect(refunded.status).toBe('refunded');
    expect(
      (await customer.browser.get('/v1/wallet')).json<{ balance: { amount_minor: number } }>().balance
        .amount_minor,
    ).toBe(0);
    const email = await world.mail.nextMessageTo('refund@example.com');
    expect(email.subject).toContain('Refund of');
    await ledgerBalanced();

    // The console: find the order by the customer's email, read its whole story, see the day's totals.
    const found = await support.browser.get('/v1/admin/orders?query=REFUND@example.com');
    expect(found.json<{ data: { id: string }[] }>().data.map((row) => row.id)).toEqual([order.id]);
    const story = (await finance.browser.get(`/v1/admin/orders/${order.id}`)).json<{
      order: { timeline: { to: string }[] };
      provider_events: { type: string; outcome: string | null }[];
      ledger: { kind: string }[];
      refunds: { status: string }[];
      emails: { subject: string }[];
    }>();
    expect(story.order.timeline.map((step) => step.to)).toEqual([
      'awaiting_payment',
      'paid',
      'fulfilling',
      'fulfilled',
      'refunding',
      'refunded',
    ]);
    expect(story.provider_events.some((event) => event.type === 'payment_intent.succeeded')).toBe(true);
    expect(story.ledger.map((transfer) => transfer.kind)).toEqual([
      'payment_captured',
      'wallet_credit',
      'refund',
      'refund',
    ]);
    expect(story.refunds.map((refund) => refund.status)).toEqual(['succeeded', 'succeeded']);
    // The test clock stands still, so the three emails share a timestamp: compare them as a set.
    const subjects = story.emails.map((sent) => sent.subject);
    expect(subjects.filter((subject) => subject.includes('added to your SimFill wallet'))).toHaveLength(1);
    expect(subjects.filter((subject) => subject.startsWith('Refund of'))).toHaveLength(2);
    const today = new Date().toISOString().slice(0, 10);
    expect(
      (await support.browser.get(`/v1/admin/reports/daily-totals?from=${today}&to=${today}`)).statusCode,
    ).toBe(403);
    const totals = (
      await finance.browser.get(`/v1/admin/reports/daily-totals?from=${today}&to=${today}`)
    ).json<{
      data: {
        method: string;
        currency: string;
        charged: { amount_minor: number };
        refunded: { amount_minor: number };
      }[];
    }>();
    const alipay = totals.data.find((row) => row.method === 'alipay' && row.currency === 'CNY')!;
    expect(alipay.refunded.amount_minor).toBeGreaterThanOrEqual(charged.charge.amount_minor);
    expect(alipay.charged.amount_minor).toBeGreaterThanOrEqual(alipay.refunded.amount_minor);
  });

  it('refunds automatically, and tells the customer, when delivery fails for good', async () => {
    const customer = await aCustomer(world.app, world.mail, 'undeliverable@example.com');
    const quoted = (
      await customer.browser.post('/v1/quotes', {
        product: { type: 'wallet_credit', amount_minor: 1800 },
        method: 'alipay',
      })
    ).json<{ id: string }>();
    // The same checkout, for a product this version cannot deliver: its delivery fails for good.
    const order = await testDb.database.db.transaction(async (tx) => {
      const quoteRow = await getQuote(tx, customer.id, quoted.id);
      return createOrder(
        tx,
        clock,
        {
          customerId: customer.id,
          quoteId: quoteRow.id,
          product: 'test_undeliverable',
          delivery: { line: '+12125550100' },
          method: 'alipay',
          currency: 'USD',
          totalMinor: quoteRow.totalMinor,
          chargeCurrency: quoteRow.chargeCurrency,
          chargeAmountMinor: quoteRow.chargeAmountMinor,
          expiresAt: quoteRow.expiresAt,
        },
        customer.id,
      );
    });
    const payment = (await pay(customer.browser, order.id, 'pay-undeliverable')).json<PaymentBody>();
    await decide(payment.next_action!.url!, 'approve');
    const refunded = await until(
      () => orderOf(customer.browser, order.id),
      (o) => o.status === 'refunded',
      'refund',
    );
    expect(refunded.status).toBe('refunded');
    const email = await world.mail.nextMessageTo('undeliverable@example.com');
    expect(email.text).toContain('We could not deliver your order.');
    expect(
      (await customer.browser.get('/v1/wallet')).json<{ balance: { amount_minor: number } }>().balance
        .amount_minor,
    ).toBe(0);
    await ledgerBalanced();
  });

  it('saves a card on the provider page, lists it (brand and last 4 only) and removes it; strangers cannot', async () => {
    const customer = await aCustomer(world.app, world.mail, 'saver@example.com');
    expect((await customer.browser.get('/v1/payment-methods')).json<{ data: unknown[] }>().data).toEqual([]);
    const setup = await customer.browser.post('/v1/payment-methods/setups', undefined, {
      'idempotency-key': 'save-1',
    });
    expect(setup.statusCode).toBe(201);
    const url = setup.json<{ next_action: { url: string } }>().next_action.url;
    const back = await payByCard(url, { number: '5555555555554444' });
    expect(back.location).toContain('/account/payment-methods');
    const saved = (await customer.browser.get('/v1/payment-methods')).json<{
      data: { id: string; brand: string; last4: string }[];
    }>();
    expect(saved.data).toEqual([
      {
        id: expect.stringMatching(/^pm_/),
        object: 'payment_method',
        brand: 'mastercard',
        last4: '4444',
        wallet: null,
      },
    ]);
    const stranger = await aCustomer(world.app, world.mail, 'not-the-saver@example.com');
    expect((await stranger.browser.delete(`/v1/payment-methods/${saved.data[0]!.id}`)).statusCode).toBe(404);
    expect((await customer.browser.delete(`/v1/payment-methods/${saved.data[0]!.id}`)).statusCode).toBe(204);
    expect((await customer.browser.get('/v1/payment-methods')).json<{ data: unknown[] }>().data).toEqual([]);
  });

  it('never quotes a card or wallet payment under Stripe’s $0.50 minimum: the quote names it, in the customer’s language', async () => {
    const customer = await aCustomer(world.app, world.mail, 'tiny@example.com');
    const quote = (method: string, amountMinor: number, locale = 'en') =>
      customer.browser.post(
        '/v1/quotes',
        { product: { type: 'wallet_credit', amount_minor: amountMinor }, method },
        { 'accept-language': locale },
      );
    for (const method of ['card', 'apple_pay']) {
      const refused = await quote(method, 49);
      expect(refused.statusCode).toBe(400);
      expect(refused.json()).toEqual({
        error: {
          type: 'invalid_request_error',
          code: 'amount_too_small',
          param: 'product',
          message:
            'This payment method takes payments of at least 0.50 USD; this one is 0.49 USD. Choose a larger amount or another payment method.',
        },
      });
    }
    // A CNY charge is converted by Stripe at its own rate: it must clear the minimum with a margin.
    for (const method of ['alipay', 'wechat_pay']) {
      const refused = await quote(method, 52, 'zh-CN');
      expect(refused.json()).toMatchObject({ error: { code: 'amount_too_small', param: 'product' } });
      expect(refused.json<{ error: { message: string } }>().error.message).toBe(
        '该支付方式单笔最低 0.53 USD，本次为 0.52 USD。请选择更大的金额或其他支付方式。',
      );
      expect((await quote(method, 53)).statusCode).toBe(201);
    }
    // PayPal states no minimum of its own.
    expect((await quote('paypal', 49)).statusCode).toBe(201);

    // At the minimum the provider takes the payment the quote promised.
    const { order } = await placeOrder(customer.browser, 'card', 50);
    const started = await pay(customer.browser, order.id, 'pay-minimum');
    expect(started.statusCode).toBe(201);
    expect(started.json<PaymentBody>()).toMatchObject({ status: 'requires_action' });
    const wechat = await placeOrder(customer.browser, 'wechat_pay', 53);
    const scanned = await pay(customer.browser, wechat.order.id, 'pay-minimum-wechat');
    expect(scanned.json<PaymentBody>()).toMatchObject({
      status: 'requires_action',
      next_action: { type: 'display_qr' },
    });
  });

  it('derives the provider key from any Idempotency-Key the API accepts, never one Stripe refuses', async () => {
    const customer = await aCustomer(world.app, world.mail, 'long-key@example.com');
    const key = 'k'.repeat(255);
    const first = await customer.browser.post('/v1/payment-methods/setups', undefined, {
      'idempotency-key': key,
    });
    expect(first.statusCode).toBe(201);
    const again = await customer.browser.post('/v1/payment-methods/setups', undefined, {
      'idempotency-key': key,
    });
    expect(again.json()).toEqual(first.json());
  });

  it('expires an unpaid order once its quote lock runs out, and refuses to start paying it', async () => {
    const customer = await aCustomer(world.app, world.mail, 'late@example.com');
    const { order } = await placeOrder(customer.browser, 'card', 1000);
    clock.advance(16 * 60_000);
    const late = await pay(customer.browser, order.id, 'pay-late');
    expect(late.statusCode).toBe(409);
    expect(late.json<{ error: { code: string } }>().error.code).toBe('quote_expired');
    expect((await orderOf(customer.browser, order.id)).status).toBe('expired');
  });
});

describe('payments on PostgreSQL under concurrency', () => {
  const testDb = useDatabase('postgres');
  const clock = new ManualClock(new Date());
  const world = usePaymentWorld(testDb, clock);

  it('charges once when 50 identical pay requests arrive together', async () => {
    const customer = await aCustomer(world.app, world.mail, 'fifty@example.com');
    const quote = (
      await customer.browser.post('/v1/quotes', {
        product: { type: 'wallet_credit', amount_minor: 2500 },
        method: 'alipay',
      })
    ).json<{ id: string }>();
    const order = (await customer.browser.post('/v1/orders', { quote: quote.id })).json<{ id: string }>();
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        customer.browser.post(
          `/v1/orders/${order.id}/payments`,
          {},
          { 'idempotency-key': `fifty-${index % 5}` },
        ),
      ),
    );
    // Each request either starts/returns the one attempt, or is told its key is still in flight (409).
    for (const response of responses) {
      if (response.statusCode !== 201) {
        expect(response.statusCode).toBe(409);
        expect(response.json<{ error: { code: string } }>().error.code).toBe('idempotency_key_in_flight');
      }
    }
    const retried = await Promise.all(
      Array.from({ length: 5 }, (_, index) =>
        customer.browser.post(`/v1/orders/${order.id}/payments`, {}, { 'idempotency-key': `fifty-${index}` }),
      ),
    );
    const ids = new Set(
      [...responses, ...retried]
        .filter((response) => response.statusCode === 201)
        .map((response) => response.json<{ id: string }>().id),
    );
    expect(ids.size).toBe(1);
    const [paymentId] = [...ids];
    const payment = (await customer.browser.get(`/v1/payments/${paymentId}`)).json<{
      next_action: { url: string };
    }>();
    await decide(payment.next_action.url, 'approve');
    await world.stripe.webhooksSettled();
    // The provider's own list: one PaymentIntent was ever created for this order, and one charge taken.
    const listed = await fetch(`${world.stripe.baseUrl}/v1/payment_intents?limit=100`, {
      headers: { authorization: `Bearer ${STRIPE_SECRET}` },
    });
    const intents = ((await listed.json()) as { data: { metadata: { order_id?: string } }[] }).data.filter(
      (intent) => intent.metadata.order_id === order.id,
    );
    expect(intents).toHaveLength(1);
    expect(
      world.stripe.succeededIntents().filter((intent) => intent.metadata.order_id === order.id),
    ).toHaveLength(1);
    const deadline = Date.now() + 15_000;
    while (
      (await customer.browser.get('/v1/wallet')).json<{ balance: { amount_minor: number } }>().balance
        .amount_minor !== 2500
    ) {
      if (Date.now() > deadline) throw new Error('wallet never credited');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    for (const row of await trialBalance(testDb.database.db)) expect(row.sumMinor).toBe(0);
  });
});
