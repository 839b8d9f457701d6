import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/kernel/clock.js';
import { trialBalance } from '../src/modules/ledger/service.js';
import { sweepDeliveries } from '../src/modules/provisioning/service.js';
import type { TestClient } from './helpers/client.js';
import { describeEachDatabase } from './helpers/databases.js';
import { decide } from './helpers/hosted.js';
import { STRIPE_SECRET, TEST_FLOAT, TEST_PROVISIONING, usePaymentWorld } from './helpers/payments.js';
import { aCustomer, aStaffMember } from './helpers/people.js';
import { until } from './helpers/wait.js';

interface Offer {
  id: string;
  kind: string;
  name: string;
  face: { amount_minor: number } | null;
  price: { amount_minor: number } | null;
  range: { minimum: { amount_minor: number }; maximum: { amount_minor: number } } | null;
  validity_days: number | null;
  plan: string | null;
}
interface OrderBody {
  id: string;
  status: string;
  recipient: string | null;
  item_name: string | null;
  delivery: { status: string; eta_minutes: number } | null;
  payments: { next_action: { url?: string } | null }[];
}
interface Summary {
  plan: { name: string; expires_at: string | null } | null;
  balance: { reported: boolean; amount: { amount_minor: number } | null };
  data: { reported: boolean };
  history: { status: string; product: string; pin: string | null }[];
  actions: string[];
}

/** T-Mobile numbers end in 0–2 in the simulator's detection (AT&T 3–5, Verizon 6–7, Mint 8, Cricket 9). */
const TMOBILE = '+16462174510';

describeEachDatabase('line top-ups through the Reloadly-compatible provider', (testDb) => {
  const clock = new ManualClock(new Date());
  const world = usePaymentWorld(testDb, clock, { airtime: true });
  afterEach(() => world.reloadly.faults.reset());

  const orderOf = async (browser: TestClient, id: string) =>
    (await browser.get(`/v1/orders/${id}`)).json<OrderBody>();
  const settled = (browser: TestClient, id: string, status: string) =>
    until(
      () => orderOf(browser, id),
      (order) => order.status === status,
      `order ${status}`,
    );

  async function addLine(browser: TestClient, phone: string) {
    const added = await browser.post('/v1/lines', { phone, nickname: '我的 T-Mobile' });
    expect(added.statusCode).toBe(201);
    return added.json<{ id: string; operator: { name: string; carrier: { slug: string } | null } | null }>();
  }

  async function offersFor(browser: TestClient, lineId: string) {
    return (await browser.get(`/v1/offers?line=${lineId}`)).json<{ data: Offer[] }>().data;
  }

  /** Quote → order → pay; Alipay is approved on the provider's page. Returns the order id. */
  async function buy(browser: TestClient, product: object, method: string, key: string) {
    const quote = await browser.post('/v1/quotes', { product: { type: 'line_topup', ...product }, method });
    expect(quote.statusCode, quote.body).toBe(201);
    const order = (
      await browser.post('/v1/orders', { quote: quote.json<{ id: string }>().id })
    ).json<OrderBody>();
    const payment = await browser.post(`/v1/orders/${order.id}/payments`, {}, { 'idempotency-key': key });
    expect(payment.statusCode, payment.body).toBe(201);
    const action = payment.json<{ next_action: { url?: string } | null }>().next_action;
    if (action?.url) await decide(action.url, 'approve');
    return order.id;
  }

  async function ledgerBalanced() {
    for (const row of await trialBalance(testDb.database.db)) expect(row.sumMinor, row.currency).toBe(0);
  }

  it('finds the carrier of a number, renews its 30-day plan with Alipay, and the personal centre shows the new expiry', async () => {
    const customer = await aCustomer(world.app, world.mail, 'renew@example.com', { locale: 'zh-CN' });
    const line = await addLine(customer.browser, TMOBILE);
    // Named as its customers call it, not as the provider lists it ("T-Mobile United States").
    expect(line.operator).toMatchObject({ name: 'T-Mobile', carrier: { slug: 't-mobile' } });
    const offers = await offersFor(customer.browser, line.id);
    expect(new Set(offers.map((offer) => offer.kind))).toEqual(new Set(['airtime', 'bundle', 'data', 'pin']));
    const renewal = offers.find((offer) => offer.kind === 'bundle' && offer.face?.amount_minor === 4000)!;
    expect(renewal).toMatchObject({ validity_days: 30, price: { amount_minor: 4120 } });
    expect(renewal.plan).toMatch(/^plan_/);

    const orderId = await buy(customer.browser, { product: renewal.id, line: line.id }, 'alipay', 'renew-1');
    const done = await settled(customer.browser, orderId, 'fulfilled');
    expect(done).toMatchObject({ recipient: TMOBILE, delivery: { status: 'succeeded', eta_minutes: 0 } });
    expect(done.item_name).toMatch(/^T-Mobile 套餐续费（10 GB · 30 天）：\+1 \d{3} \d{3} \d{4}$/);

    const summary = (await customer.browser.get(`/v1/lines/${line.id}/summary`)).json<Summary>();
    expect(summary.plan?.name).toContain('T-Mobile Prepaid 10GB 30 Days');
    const expires = new Date(summary.plan!.expires_at!).getTime();
    expect(expires - clock.now().getTime()).toBe(30 * 86_400_000);
    expect(summary.data.reported).toBe(false);
    expect(summary.history[0]).toMatchObject({ status: 'succeeded' });
    expect(world.reloadly.line(TMOBILE)?.plan?.name).toBe('T-Mobile Prepaid 10GB 30 Days');

    const email = await world.mail.nextMessageTo('renew@example.com');
    const receipt = email.subject.includes('充值成功')
      ? email
      : await world.mail.nextMessageTo('renew@example.com');
    expect(receipt.subject).toContain('充值成功');
    expect(receipt.text).toContain('套餐有效期至');
    await ledgerBalanced();
  });

  it('tops up any amount in the operator’s range from the wallet, and never shows the reseller’s float as the line’s balance', async () => {
    const customer = await aCustomer(world.app, world.mail, 'airtime@example.com');
    const wallet = await buy(customer.browser, {}, 'card', 'never').catch(() => undefined);
    expect(wallet).toBeUndefined(); // a line top-up needs a product
    const line = await addLine(customer.browser, '+16462174511');
    const airtime = (await offersFor(customer.browser, line.id)).find((offer) => offer.kind === 'airtime')!;
    expect(airtime.range).toMatchObject({
      minimum: { amount_minor: 1000 },
      maximum: { amount_minor: 10000 },
    });
    const tooSmall = await customer.browser.post('/v1/quotes', {
      product: { type: 'line_topup', product: airtime.id, line: line.id, amount_minor: 500 },
      method: 'card',
    });
    expect(tooSmall.statusCode).toBe(400);
    expect(tooSmall.json<{ error: { code: string } }>().error.code).toBe('amount_out_of_range');

    // Money in the wallet first (a card top-up), then the line is paid from it.
    const quote = (
      await customer.browser.post('/v1/quotes', {
        product: { type: 'wallet_credit', amount_minor: 5000 },
        method: 'card',
      })
    ).json<{ id: string }>();
    const topUp = (await customer.browser.post('/v1/orders', { quote: quote.id })).json<{ id: string }>();
    const card = (
      await customer.browser.post(`/v1/orders/${topUp.id}/payments`, {}, { 'idempotency-key': 'wallet-in' })
    ).json<{ next_action: { url: string } }>();
    const { payByCard } = await import('./helpers/hosted.js');
    await payByCard(card.next_action.url, { number: '4242424242424242' });
    await settled(customer.browser, topUp.id, 'fulfilled');

    const before = world.reloadly.line('+16462174511')?.balanceMinor ?? 0;
    const orderId = await buy(
      customer.browser,
      { product: airtime.id, line: line.id, amount_minor: 2500 },
      'wallet',
      'airtime-1',
    );
    const done = await settled(customer.browser, orderId, 'fulfilled');
    const after = world.reloadly.line('+16462174511')!.balanceMinor;
    expect(after).toBe(before + 2500);
    // Reloadly's balanceInfo is SimFill's own account there: no customer-facing view may carry it.
    const float = world.reloadly.floatMinor();
    const floatText = `${Math.floor(float / 100)}.${String(float % 100).padStart(2, '0')}`;
    expect(done.delivery).toEqual({
      status: 'succeeded',
      eta_minutes: 0,
      finished_at: expect.any(String),
      phase: 'delivered',
      attempts: 1,
      max_attempts: 3,
      reason: null,
      next_attempt_at: null,
      refund_by: null,
      pin: null,
    });
    const summary = (await customer.browser.get(`/v1/lines/${line.id}/summary`)).json<Summary>();
    expect(summary.balance).toEqual({ reported: false, amount: null, as_of: null });
    const receipt = await customer.browser.get(`/v1/orders/${orderId}/receipt`);
    const pdf = await customer.browser.get(`/v1/orders/${orderId}/receipt.pdf`);
    const pdfText = spawnSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], {
      input: pdf.rawPayload,
      encoding: 'utf8',
    }).stdout.replace(/\s+/g, ' ');
    expect(pdfText).toContain('Line balance Not reported by the carrier');
    for (const body of [JSON.stringify(done), JSON.stringify(summary), receipt.body, pdfText]) {
      expect(body).not.toContain(String(float));
      expect(body).not.toContain(floatText);
    }
    const emails = async () => (await world.mail.messages()).filter((m) => m.to === 'airtime@example.com');
    const delivered = await until(
      emails,
      (list) => list.some((m) => m.subject.startsWith('Done')),
      'the top-up email',
    );
    const email = delivered.find((m) => m.subject.startsWith('Done'))!;
    expect(email.text).toContain("the carrier doesn't report it to us");
    expect(email.text).not.toContain(floatText);
    // Staff see it for what it is: the float after this top-up, also recorded as a float reading.
    const staff = await aStaffMember(
      world.app,
      { database: testDb.database, jobs: world.mail.jobs, clock },
      'float-reader@simfill.test',
      'owner',
    );
    const story = (await staff.browser.get(`/v1/admin/orders/${orderId}`)).json<{ delivery_id: string }>();
    const delivery = (await staff.browser.get(`/v1/admin/deliveries/${story.delivery_id}`)).json<{
      provider_balance_after: { amount_minor: number } | null;
    }>();
    expect(delivery.provider_balance_after?.amount_minor).toBe(float);
    const provider = (await staff.browser.get('/v1/admin/provider')).json<{
      float: { balance: { amount_minor: number } }[];
    }>();
    expect(provider.float[0]?.balance.amount_minor).toBe(float);
    const walletBody = (await customer.browser.get('/v1/wallet')).json<{
      balance: { amount_minor: number };
    }>();
    expect(walletBody.balance.amount_minor).toBe(5000 - 2575);
    await ledgerBalanced();
  });

  it('refunds automatically and tells the customer when the provider refuses for good', async () => {
    const customer = await aCustomer(world.app, world.mail, 'refused@example.com');
    const line = await addLine(customer.browser, '+16462174512');
    const pin = (await offersFor(customer.browser, line.id)).find((offer) => offer.kind === 'pin')!;
    world.reloadly.faults.refuseNextTopUps(1, 'INVALID_RECIPIENT_PHONE');
    const orderId = await buy(customer.browser, { product: pin.id, line: line.id }, 'alipay', 'refused-1');
    const refunded = await settled(customer.browser, orderId, 'refunded');
    expect(refunded.delivery?.status).toBe('failed');
    const messages = async () => (await world.mail.messages()).filter((m) => m.to === 'refused@example.com');
    await until(
      messages,
      (list) => list.some((m) => m.text.includes('We could not deliver your order.')),
      'refund email',
    );
    await ledgerBalanced();
  });

  it('charges nothing when the line’s carrier changed or the product went off sale after the price was given', async () => {
    const customer = await aCustomer(world.app, world.mail, 'changed@example.com');
    const line = await addLine(customer.browser, '+16462174533');
    const bundle = (await offersFor(customer.browser, line.id)).find((offer) => offer.kind === 'bundle')!;
    const quote = await customer.browser.post('/v1/quotes', {
      product: { type: 'line_topup', product: bundle.id, line: line.id },
      method: 'alipay',
    });
    const order = (
      await customer.browser.post('/v1/orders', { quote: quote.json<{ id: string }>().id })
    ).json<OrderBody>();
    const operators = (await customer.browser.get('/v1/operators?country=US')).json<{
      data: { id: string; name: string; carrier: { slug: string } | null }[];
    }>().data;
    const att = operators.find((operator) => operator.name === 'AT&T')!;
    const tMobile = operators.find((operator) => operator.name === 'T-Mobile')!;
    // The customer tells SimFill the number moved to T-Mobile before paying for an AT&T plan.
    expect((await customer.browser.patch(`/v1/lines/${line.id}`, { operator: tMobile.id })).statusCode).toBe(
      200,
    );
    const refused = await customer.browser.post(
      `/v1/orders/${order.id}/payments`,
      {},
      { 'idempotency-key': 'changed-1', 'accept-language': 'zh-CN' },
    );
    expect(refused.statusCode).toBe(409);
    expect(refused.json<{ error: { code: string; message: string } }>().error).toMatchObject({
      code: 'recipient_changed',
      message: expect.stringContaining('这个号码现在属于 T-Mobile，'),
    });
    expect(refused.json<{ error: { message: string } }>().error.message).toContain('未扣任何款项');

    // Back with AT&T, but staff took the plan off sale meanwhile.
    expect((await customer.browser.patch(`/v1/lines/${line.id}`, { operator: att.id })).statusCode).toBe(200);
    const owner = await aStaffMember(
      world.app,
      { database: testDb.database, jobs: world.mail.jobs, clock },
      'catalog@simfill.test',
      'owner',
    );
    const offSale = await owner.browser.patch(`/v1/admin/topup-products/${bundle.id}`, { active: false });
    expect(offSale.statusCode, offSale.body).toBe(200);
    const notOnSale = await customer.browser.post(
      `/v1/orders/${order.id}/payments`,
      {},
      { 'idempotency-key': 'changed-2' },
    );
    expect(notOnSale.json<{ error: { code: string } }>().error.code).toBe('product_not_available');
    const untouched = (await customer.browser.get(`/v1/orders/${order.id}`)).json<OrderBody>();
    expect(untouched.status).toBe('awaiting_payment');
    expect(untouched.payments).toEqual([]);

    await owner.browser.patch(`/v1/admin/topup-products/${bundle.id}`, { active: true });
    const paid = await customer.browser.post(
      `/v1/orders/${order.id}/payments`,
      {},
      { 'idempotency-key': 'changed-3' },
    );
    expect(paid.statusCode, paid.body).toBe(201);
    await decide(paid.json<{ next_action: { url: string } }>().next_action.url, 'approve');
    await settled(customer.browser, order.id, 'fulfilled');
    await ledgerBalanced();
  });

  it('tells PayPal and Stripe what the payment is for, in the customer’s language: the product, never “wallet top-up”', async () => {
    const customer = await aCustomer(world.app, world.mail, 'described@example.com', { locale: 'zh-CN' });
    const line = await addLine(customer.browser, '+16462174512');
    const airtime = (await offersFor(customer.browser, line.id)).find((offer) => offer.kind === 'airtime')!;
    const expected = 'SimFill：T-Mobile 话费充值 US$25.00：+1 646 217 4512';
    const quote = await customer.browser.post(
      '/v1/quotes',
      {
        product: { type: 'line_topup', product: airtime.id, line: line.id, amount_minor: 2500 },
        method: 'paypal',
      },
      { 'accept-language': 'zh-CN' },
    );
    expect(quote.json<{ items: { name: string }[] }>().items[0]!.name).toBe(
      expected.slice('SimFill：'.length),
    );
    const order = (
      await customer.browser.post('/v1/orders', { quote: quote.json<{ id: string }>().id })
    ).json<OrderBody>();
    const payment = await customer.browser.post(
      `/v1/orders/${order.id}/payments`,
      {},
      { 'idempotency-key': 'described-paypal', 'accept-language': 'zh-CN' },
    );
    const approval = await (
      await fetch(payment.json<{ next_action: { url: string } }>().next_action.url)
    ).text();
    expect(approval).toContain(expected);
    expect(approval).not.toContain('wallet top-up');

    const alipay = await buy(
      customer.browser,
      { product: airtime.id, line: line.id, amount_minor: 2500 },
      'alipay',
      'described-2',
    );
    await settled(customer.browser, alipay, 'fulfilled');
    const intents = (await (
      await fetch(`${world.stripe.baseUrl}/v1/payment_intents?limit=100`, {
        headers: { authorization: `Bearer ${STRIPE_SECRET}` },
      })
    ).json()) as { data: { description: string | null; metadata: Record<string, string> }[] };
    const described = intents.data.find((intent) => intent.metadata.order_id === alipay)!;
    expect(described.description).toBe(expected);
  });

  it('sells a refill PIN: whole on the receipt, its PDF and the email, masked everywhere else', async () => {
    const customer = await aCustomer(world.app, world.mail, 'pin@example.com');
    const line = await addLine(customer.browser, '+16462174502');
    const pin = (await offersFor(customer.browser, line.id)).find((offer) => offer.kind === 'pin')!;
    const orderId = await buy(customer.browser, { product: pin.id, line: line.id }, 'alipay', 'pin-1');
    await settled(customer.browser, orderId, 'fulfilled');
    const receipt = (await customer.browser.get(`/v1/orders/${orderId}/receipt`)).json<{
      items: { name: string | null }[];
      line_topup: { recipient: string; pin: { code: string; serial: string | null } | null };
    }>();
    const code = receipt.line_topup.pin!.code;
    expect(code).toMatch(/^\d{12}$/);
    expect(receipt.line_topup.recipient).toBe('+16462174502');
    expect(receipt.items[0]!.name).toBe('T-Mobile refill PIN of $25.00 for +1 646 217 4502');
    const summary = (await customer.browser.get(`/v1/lines/${line.id}/summary`)).json<Summary>();
    expect(summary.history[0]!.pin).toBe(`•••• ${code.slice(-4)}`);
    expect(JSON.stringify(summary)).not.toContain(code);
    const emails = async () => (await world.mail.messages()).filter((m) => m.to === 'pin@example.com');
    const delivered = await until(emails, (list) => list.some((m) => m.text.includes(code)), 'the PIN email');
    expect(delivered.find((m) => m.text.includes(code))!.text).toContain('Your refill PIN');
    const pdf = await customer.browser.get(`/v1/orders/${orderId}/receipt.pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
  });

  it('asks the provider before resending when an answer is lost, so a timeout never tops up twice', async () => {
    const customer = await aCustomer(world.app, world.mail, 'timeout@example.com');
    const line = await addLine(customer.browser, '+16462174520');
    const data = (await offersFor(customer.browser, line.id)).find((offer) => offer.kind === 'data')!;
    world.reloadly.faults.timeoutNextTopUps(1, { afterProcessing: true });
    const sentBefore = world.reloadly.topUpRequests();
    const orderId = await buy(customer.browser, { product: data.id, line: line.id }, 'alipay', 'timeout-1');
    await until(
      () => orderOf(customer.browser, orderId),
      (order) => order.delivery?.status === 'sending',
      'an unknown outcome',
    );
    clock.advance(5 * 60_000);
    await sweepDeliveries(world.provisioning);
    const done = await settled(customer.browser, orderId, 'fulfilled');
    expect(done.delivery?.status).toBe('succeeded');
    expect(world.reloadly.topUpRequests() - sentBefore).toBe(1);
    await ledgerBalanced();
  });

  it('follows a top-up the provider reports as processing until it succeeds', async () => {
    const customer = await aCustomer(world.app, world.mail, 'processing@example.com');
    const line = await addLine(customer.browser, '+16462174521');
    const bundle = (await offersFor(customer.browser, line.id)).find((offer) => offer.kind === 'bundle')!;
    world.reloadly.faults.processNextTopUps(1, 10 * 60_000);
    const orderId = await buy(
      customer.browser,
      { product: bundle.id, line: line.id },
      'alipay',
      'processing-1',
    );
    await until(
      () => orderOf(customer.browser, orderId),
      (o) => o.delivery?.status === 'processing',
      'processing',
    );
    clock.advance(2 * 60_000);
    await sweepDeliveries(world.provisioning);
    expect((await orderOf(customer.browser, orderId)).status).toBe('fulfilling');
    clock.advance(10 * 60_000);
    await sweepDeliveries(world.provisioning);
    expect((await orderOf(customer.browser, orderId)).status).toBe('fulfilled');
  });

  it('waits out PHONE_RECENTLY_RECHARGED and retries with a new identifier; an unavailable operator is refunded after the last attempt', async () => {
    const customer = await aCustomer(world.app, world.mail, 'retry@example.com');
    const line = await addLine(customer.browser, '+16462174530');
    const airtime = (await offersFor(customer.browser, line.id)).find((offer) => offer.kind === 'airtime')!;
    world.reloadly.faults.refuseNextTopUps(1, 'PHONE_RECENTLY_RECHARGED');
    const first = await buy(
      customer.browser,
      { product: airtime.id, line: line.id, amount_minor: 1500 },
      'alipay',
      'r-1',
    );
    const refusals = () =>
      world.reloadly.transactions().filter((t) => t.phone === '+16462174530' && t.status === 'FAILED').length;
    await until(
      async () => refusals(),
      (count) => count === 1,
      'the refusal',
    );
    await until(
      () => orderOf(customer.browser, first),
      (o) => o.delivery?.status === 'queued',
      'the retry',
    );
    clock.advance(60_000);
    await sweepDeliveries(world.provisioning);
    expect((await orderOf(customer.browser, first)).status).toBe('fulfilling');
    clock.advance(70_000);
    await sweepDeliveries(world.provisioning);
    // The sweep or the delivery job (whichever leased it first) sends the retry; either way it arrives.
    await until(
      () => orderOf(customer.browser, first),
      (o) => o.status === 'fulfilled',
      'the retried top-up delivered',
    );

    clock.advance(2 * 60_000); // the number was just topped up: Reloadly would refuse it for 2 minutes
    world.reloadly.faults.refuseNextTopUps(3, 'OPERATOR_UNAVAILABLE_OR_CURRENTLY_INACTIVE');
    const unavailable = () =>
      world.reloadly.transactions().filter((t) => t.phone === '+16462174530' && t.status === 'FAILED').length;
    const second = await buy(
      customer.browser,
      { product: airtime.id, line: line.id, amount_minor: 1600 },
      'alipay',
      'r-2',
    );
    for (let refused = 2; refused <= 4; refused += 1) {
      await until(
        async () => unavailable(),
        (count) => count === refused,
        `refusal ${refused}`,
      );
      if (refused === 4) break; // the last attempt: refunded, nothing more to send
      // The provider has answered; wait for SimFill to record it before moving time on.
      await until(
        () => orderOf(customer.browser, second),
        (o) => o.delivery?.status === 'queued',
        `retry ${refused} scheduled`,
      );
      clock.advance(3 * 60_000);
      await sweepDeliveries(world.provisioning);
    }
    await settled(customer.browser, second, 'refunded');
    // The operator was taken off sale on the last refusal; staff put it back.
    const owner = await aStaffMember(
      world.app,
      { database: testDb.database, jobs: world.mail.jobs, clock },
      'retry-owner@simfill.test',
      'owner',
    );
    expect((await offersFor(customer.browser, line.id)).map((offer) => offer.id)).not.toContain(airtime.id);
    const back = await owner.browser.patch(`/v1/admin/topup-products/${airtime.id}`, { active: true });
    expect(back.statusCode, back.body).toBe(200);
    await ledgerBalanced();
  });

  it('refunds a top-up to an operator that is down, tells the customer why, takes the operator off sale and tells staff', async () => {
    const customer = await aCustomer(world.app, world.mail, 'operator-down@example.com');
    const line = await addLine(customer.browser, '+16462174544'); // AT&T
    const airtime = (await offersFor(customer.browser, line.id)).find((offer) => offer.kind === 'airtime')!;
    const owner = await aStaffMember(
      world.app,
      { database: testDb.database, jobs: world.mail.jobs, clock },
      'operator-down@simfill.test',
      'owner',
    );
    // Reloadly lists the operator as usual (it has no status); its top-ups are refused at send time.
    world.reloadly.setOperatorActive(201, false);
    try {
      const sentBefore = world.reloadly.topUpRequests();
      const orderId = await buy(
        customer.browser,
        { product: airtime.id, line: line.id, amount_minor: 1500 },
        'alipay',
        'operator-down-1',
      );
      for (let attempt = 1; attempt <= TEST_PROVISIONING.maxAttempts; attempt += 1) {
        await until(
          async () => world.reloadly.topUpRequests() - sentBefore,
          (sent) => sent === attempt,
          `attempt ${attempt}`,
        );
        if (attempt === TEST_PROVISIONING.maxAttempts) break;
        await until(
          () => orderOf(customer.browser, orderId),
          (o) => o.delivery?.status === 'queued',
          `retry ${attempt} scheduled`,
        );
        clock.advance(3 * 60_000);
        await sweepDeliveries(world.provisioning);
      }
      const refunded = await settled(customer.browser, orderId, 'refunded');
      expect(refunded.delivery?.status).toBe('failed');
      const mine = async () =>
        (await world.mail.messages()).filter((m) => m.to === 'operator-down@example.com');
      await until(
        mine,
        (list) => list.some((m) => m.text.includes('The carrier is not accepting top-ups at the moment')),
        'the refund email saying why',
      );
      const toStaff = async () =>
        (await world.mail.messages()).filter((m) =>
          m.subject.startsWith('AT&T United States taken off sale'),
        );
      const alerts = await until(toStaff, (list) => list.length > 0, 'the staff alert');
      expect(alerts).toHaveLength(1);
      expect(alerts[0]).toMatchObject({ to: 'ops@simfill.test' });
      expect(alerts[0]!.text).toContain('OPERATOR_UNAVAILABLE_OR_CURRENTLY_INACTIVE');
      // No one else pays for a top-up that cannot be delivered.
      expect((await offersFor(customer.browser, line.id)).map((offer) => offer.id)).not.toContain(airtime.id);
      const refused = await customer.browser.post('/v1/quotes', {
        product: { type: 'line_topup', product: airtime.id, line: line.id, amount_minor: 1500 },
        method: 'alipay',
      });
      expect(refused.statusCode).toBe(409);
      expect(refused.json<{ error: { code: string } }>().error.code).toBe('product_not_available');
    } finally {
      world.reloadly.setOperatorActive(201, true);
      const back = await owner.browser.patch(`/v1/admin/topup-products/${airtime.id}`, { active: true });
      expect(back.statusCode, back.body).toBe(200);
    }
    await ledgerBalanced();
  });

  it('lets finance refund a delivered top-up into the wallet; support places a hotline top-up paid by link', async () => {
    const customer = await aCustomer(world.app, world.mail, 'goodwill@example.com');
    const line = await addLine(customer.browser, '+16462174540');
    const bundle = (await offersFor(customer.browser, line.id)).find((offer) => offer.kind === 'bundle')!;
    const orderId = await buy(
      customer.browser,
      { product: bundle.id, line: line.id },
      'alipay',
      'goodwill-1',
    );
    await settled(customer.browser, orderId, 'fulfilled');
    const finance = await aStaffMember(
      world.app,
      { database: testDb.database, jobs: world.mail.jobs, clock },
      'fin@simfill.test',
      'finance',
    );
    const refund = await finance.browser.post(
      `/v1/admin/orders/${orderId}/refunds`,
      { destination: 'wallet', reason: 'operator_goodwill' },
      { 'idempotency-key': 'goodwill-refund' },
    );
    expect(refund.statusCode, refund.body).toBe(201);
    expect(refund.json<{ status: string }>().status).toBe('succeeded');
    await settled(customer.browser, orderId, 'refunded');
    const wallet = (await customer.browser.get('/v1/wallet')).json<{ balance: { amount_minor: number } }>();
    expect(wallet.balance.amount_minor).toBe(bundle.price!.amount_minor);

    const support = await aStaffMember(
      world.app,
      { database: testDb.database, jobs: world.mail.jobs, clock },
      'help@simfill.test',
      'support',
    );
    // The hotline sees what the caller could buy, for their line or a number they name, priced as in the portal.
    const staffOffers = await support.browser.get(
      `/v1/admin/offers?customer=${customer.id}&phone=${encodeURIComponent('+1 646 217 4503')}`,
    );
    expect(staffOffers.statusCode, staffOffers.body).toBe(200);
    const named = staffOffers.json<{ operator: { name: string }; data: { id: string; name: string }[] }>();
    expect(named.operator.name).toMatch(/^AT&T/);
    expect(named.data.some((offer) => offer.name.endsWith('AT&T Prepaid 5GB 30 Days'))).toBe(true);
    const forLine = await support.browser.get(`/v1/admin/offers?customer=${customer.id}&line=${line.id}`);
    expect(forLine.json<{ data: { id: string }[] }>().data.map((offer) => offer.id)).toContain(bundle.id);
    // Another customer's line is not this caller's.
    expect(
      (await support.browser.get(`/v1/admin/offers?customer=cus_${'0'.repeat(26)}&line=${line.id}`))
        .statusCode,
    ).toBe(404);
    expect(
      (await finance.browser.get(`/v1/admin/offers?customer=${customer.id}&line=${line.id}`)).statusCode,
    ).toBe(403);
    // The order's story in the console names the number, the plan and its delivery.
    const story = (await support.browser.get(`/v1/admin/orders/${orderId}`)).json<{
      delivery_id: string;
      order: { recipient: string; item_name: string; delivery: { status: string } };
    }>();
    expect(story.order).toMatchObject({ recipient: '+16462174540', delivery: { status: 'succeeded' } });
    expect(story.order.item_name).toBe('T-Mobile plan renewal (10 GB, 30 days) for +1 646 217 4540');
    const delivery = await support.browser.get(`/v1/admin/deliveries/${story.delivery_id}`);
    expect(delivery.json<{ order: string; status: string }>()).toMatchObject({
      order: orderId,
      status: 'succeeded',
    });

    const placed = await support.browser.post(
      '/v1/admin/assisted-top-ups',
      { customer: customer.id, line: line.id, product: bundle.id, method: 'wechat_pay' },
      { 'idempotency-key': 'hotline-1' },
    );
    expect(placed.statusCode, placed.body).toBe(201);
    const link = placed.json<{ order: string; payment_link: string }>();
    expect(link.payment_link).toContain(`/account/orders/${link.order}`);
    const messages = async () => (await world.mail.messages()).filter((m) => m.to === 'goodwill@example.com');
    await until(
      messages,
      (list) => list.some((m) => m.subject.includes('ready to pay')),
      'payment link email',
    );
    // The same plan again within two minutes: the provider refuses (PHONE_RECENTLY_RECHARGED), SimFill waits.
    const requestsBefore = world.reloadly.topUpRequests();
    const fromWallet = await support.browser.post(
      '/v1/admin/assisted-top-ups',
      { customer: customer.id, line: line.id, product: bundle.id, method: 'wallet' },
      { 'idempotency-key': 'hotline-2' },
    );
    expect(fromWallet.statusCode, fromWallet.body).toBe(201);
    const hotline = fromWallet.json<{ order: string }>().order;
    await until(
      () => orderOf(customer.browser, hotline),
      (o) => o.status === 'fulfilling',
      'delivery started',
    );
    await until(
      async () => world.reloadly.topUpRequests() - requestsBefore,
      (sent) => sent === 1,
      'the refused send',
    );
    clock.advance(3 * 60_000);
    await sweepDeliveries(world.provisioning);
    await settled(customer.browser, hotline, 'fulfilled');
    await ledgerBalanced();
  });

  it('reconciles the day with the provider: every top-up matched, and a stranger’s success shows up as a mismatch', async () => {
    const owner = await aStaffMember(
      world.app,
      { database: testDb.database, jobs: world.mail.jobs, clock },
      'owner@simfill.test',
      'owner',
    );
    const day = clock.now().toISOString().slice(0, 10);
    const reconcile = async (key: string) => {
      const start = await owner.browser.post(
        '/v1/admin/reconciliations',
        { date: day },
        { 'idempotency-key': key },
      );
      expect(start.statusCode, start.body).toBe(202);
      const id = start.json<{ id: string }>().id;
      return until(
        async () =>
          (await owner.browser.get(`/v1/admin/reconciliations/${id}`)).json<{
            status: string;
            mismatches: number;
            matched: number;
            simfill_deliveries: number;
            mismatch_list: { id: string; kind: string; custom_identifier: string }[];
          }>(),
        (body) => body.status !== 'running',
        'the reconciliation',
      );
    };
    // The provider's report lists every success twice: still one match each, no mismatch.
    world.reloadly.faults.reportSuccessesTwice = true;
    const clean = await reconcile('rec-1');
    world.reloadly.faults.reportSuccessesTwice = false;
    expect(clean).toMatchObject({ status: 'done', mismatches: 0 });
    expect(clean.matched).toBeGreaterThan(3);
    // Counted per delivery: one retried after a failed attempt is one match, so the counts add up.
    expect(clean.matched).toBe(clean.simfill_deliveries);

    // Someone used the operator's Reloadly account outside SimFill.
    await world.provisioning.provider!.topUp({
      customIdentifier: 'outside-simfill-1',
      providerOperatorId: '211',
      amountMinor: 2000,
      recipientE164: '+16462174599',
      countryIso: 'US',
    });
    const found = await reconcile('rec-2');
    expect(found.mismatch_list).toEqual([
      expect.objectContaining({ kind: 'missing_in_simfill', custom_identifier: 'outside-simfill-1' }),
    ]);
    const mismatch = found.mismatch_list[0]!.id;
    const resolve = (key: string) =>
      owner.browser.post(
        `/v1/admin/mismatches/${mismatch}/resolve`,
        { resolution: 'A test call from our API console.' },
        { 'idempotency-key': key },
      );
    expect((await resolve('resolve-1')).statusCode).toBe(200);
    const again = await resolve('resolve-2');
    expect(again.statusCode).toBe(409);
    expect(again.json<{ error: { code: string } }>().error.code).toBe('mismatch_already_resolved');
  });

  it('emails staff once when the float at the provider falls below the alert level', async () => {
    const owner = await aStaffMember(
      world.app,
      { database: testDb.database, jobs: world.mail.jobs, clock },
      'float-owner@simfill.test',
      'owner',
    );
    world.reloadly.setFloatMinor(15_000);
    expect((await owner.browser.post('/v1/admin/provider/float-readings')).statusCode).toBe(204);
    expect((await owner.browser.post('/v1/admin/provider/float-readings')).statusCode).toBe(204);
    const lowAlerts = async () =>
      (await world.mail.messages()).filter(
        (message) => message.to === 'ops@simfill.test' && message.subject.startsWith('Low balance'),
      );
    await until(lowAlerts, (list) => list.length > 0, 'the low float alert');
    const provider = (await owner.browser.get('/v1/admin/provider')).json<{ float: { low: boolean }[] }>();
    expect(provider.float.slice(0, 2).map((reading) => reading.low)).toEqual([true, true]);
    expect((await lowAlerts()).map((message) => message.subject)).toEqual([
      'Low balance at reloadly: $150.00',
    ]);
    world.reloadly.setFloatMinor(1_000_000);
  });

  it('reads the float from every top-up’s answer, so staff hear at once when a top-up takes it below the alert level', async () => {
    const customer = await aCustomer(world.app, world.mail, 'float-crossing@example.com');
    const line = await addLine(customer.browser, '+16462174532');
    const airtime = (await offersFor(customer.browser, line.id)).find((offer) => offer.kind === 'airtime')!;
    const owner = await aStaffMember(
      world.app,
      { database: testDb.database, jobs: world.mail.jobs, clock },
      'float-crossing@simfill.test',
      'owner',
    );
    world.reloadly.setFloatMinor(21_000); // $10 above the alert level
    expect((await owner.browser.post('/v1/admin/provider/float-readings')).statusCode).toBe(204);
    const orderId = await buy(
      customer.browser,
      { product: airtime.id, line: line.id, amount_minor: 2000 },
      'alipay',
      'float-crossing-1',
    );
    await settled(customer.browser, orderId, 'fulfilled');
    const after = world.reloadly.floatMinor();
    expect(after).toBeLessThan(TEST_FLOAT.alertBelowMinor);
    const dollars = `$${(after / 100).toFixed(2)}`;
    // No poll, no staff click: the top-up's own answer carried the new float.
    await until(
      () => world.mail.messages(),
      (list) =>
        list.some((m) => m.to === 'ops@simfill.test' && m.subject === `Low balance at reloadly: ${dollars}`),
      'the low float alert',
    );
    const provider = (await owner.browser.get('/v1/admin/provider')).json<{
      float: { balance: { amount_minor: number }; low: boolean }[];
    }>();
    expect(provider.float[0]).toMatchObject({ balance: { amount_minor: after }, low: true });
    world.reloadly.setFloatMinor(1_000_000);
  });

  it('holds a top-up while the float is exhausted, tells staff at once, and sends it once the float is funded', async () => {
    const customer = await aCustomer(world.app, world.mail, 'empty-float@example.com');
    const line = await addLine(customer.browser, '+16462174531');
    const airtime = (await offersFor(customer.browser, line.id)).find((offer) => offer.kind === 'airtime')!;
    const owner = await aStaffMember(
      world.app,
      { database: testDb.database, jobs: world.mail.jobs, clock },
      'float-watch@simfill.test',
      'owner',
    );
    // A healthy reading first: the alert is for the fall below the alert level.
    expect((await owner.browser.post('/v1/admin/provider/float-readings')).statusCode).toBe(204);
    world.reloadly.setFloatMinor(500);
    const orderId = await buy(
      customer.browser,
      { product: airtime.id, line: line.id, amount_minor: 2000 },
      'alipay',
      'empty-float-1',
    );
    await until(
      () => orderOf(customer.browser, orderId),
      (o) => o.delivery?.status === 'queued' && o.status === 'fulfilling',
      'the held top-up',
    );
    await until(
      () => world.mail.messages(),
      (list) =>
        list.some((m) => m.to === 'ops@simfill.test' && m.subject === 'Low balance at reloadly: $5.00'),
      'the low float alert',
    );
    const toLine = () => world.reloadly.transactions().filter((t) => t.phone === '+16462174531');
    expect(toLine()).toEqual([]);
    world.reloadly.setFloatMinor(1_000_000);
    clock.advance(10 * 60_000);
    await sweepDeliveries(world.provisioning);
    await settled(customer.browser, orderId, 'fulfilled');
    expect(toLine().map((t) => t.status)).toEqual(['SUCCESSFUL']);
    await ledgerBalanced();
  });
});

describe('the top-up catalog', () => {
  it('maps provider bundle descriptions onto validity and data', async () => {
    const { describeBundle, carrierSlugFor } = await import('../src/modules/catalog/service.js');
    expect(describeBundle('T-Mobile Prepaid 10GB 30 Days')).toEqual({
      validityDays: 30,
      dataQuotaMb: 10240,
      unlimitedData: false,
    });
    expect(describeBundle('AT&T Unlimited 30 Days')).toMatchObject({ validityDays: 30, unlimitedData: true });
    expect(carrierSlugFor('Metro by T-Mobile United States')).toBeUndefined();
    expect(carrierSlugFor('Mint Mobile United States')).toBe('mint');
  });
});
