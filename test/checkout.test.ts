import type { FastifyInstance } from 'fastify';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenExchangeRatesFeed } from '../src/adapters/fx/open-exchange-rates.js';
import { ManualClock } from '../src/kernel/clock.js';
import { convertMoney, money } from '../src/kernel/money.js';
import { listAuditEvents } from '../src/modules/admin/service.js';
import {
  canTransition,
  createOrder,
  orderTimeline,
  ORDER_STATUSES,
  transitionOrder,
  type OrderStatus,
} from '../src/modules/orders/service.js';
import { priceQuote, refreshFxRates } from '../src/modules/pricing/service.js';
import { startFxSimulator, type FxSimulator } from '../src/simulators/fx/server.js';
import { buildTestApp } from './helpers/app.js';
import { describeEachDatabase } from './helpers/databases.js';
import { useMailWorld } from './helpers/mail.js';
import { aCustomer, aStaffMember } from './helpers/people.js';

describe('quote arithmetic', () => {
  const fee = fc.record({
    percentBps: fc.integer({ min: 0, max: 1000 }),
    fixedMinor: fc.integer({ min: 0, max: 200 }),
  });
  const rate = fc.integer({ min: 60_000, max: 80_000 }).map((units) => (units / 10_000).toFixed(4));

  it('lines always add up to the total, the CNY charge is the total at the locked rate, and a waiver removes exactly the fee (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fee,
        fc.boolean(),
        fc.integer({ min: 0, max: 2000 }),
        rate,
        fc.boolean(),
        (subtotal, schedule, waiveFee, taxRateBps, fxRate, lockedToCny) => {
          const priced = priceQuote({
            subtotal: money(subtotal, 'USD'),
            discount: money(0, 'USD'),
            fee: schedule,
            waiveFee,
            taxRateBps,
            rate: fxRate,
            lockedToCny,
          });
          const { amountMinor: total } = priced.total;
          expect(total).toBe(
            priced.subtotal.amountMinor -
              priced.discount.amountMinor +
              priced.fee.amountMinor +
              priced.tax.amountMinor,
          );
          expect(priced.fee.amountMinor).toBeGreaterThanOrEqual(0);
          if (waiveFee) expect(priced.fee.amountMinor).toBe(0);
          else expect(priced.feeWaived.amountMinor).toBe(0);
          const cny = convertMoney(priced.total, fxRate, 'CNY');
          if (lockedToCny) {
            expect(priced.charge).toEqual(cny);
            expect(priced.estimate).toBeUndefined();
          } else {
            expect(priced.charge).toEqual(priced.total);
            expect(priced.estimate).toEqual(cny);
          }
        },
      ),
    );
  });

  it('rounds the card fee half to even: 2.9 % of $10.50 is 30.45¢ → 30¢, plus 30¢', () => {
    const priced = priceQuote({
      subtotal: money(1050, 'USD'),
      discount: money(0, 'USD'),
      fee: { percentBps: 290, fixedMinor: 30 },
      waiveFee: false,
      taxRateBps: 0,
      rate: undefined,
      lockedToCny: false,
    });
    expect(priced.fee.amountMinor).toBe(60);
    expect(priced.total.amountMinor).toBe(1110);
    expect(priced.estimate).toBeUndefined();
  });
});

describe('order state machine', () => {
  it('allows exactly the moves in the table and nothing leaves refunded', () => {
    for (const from of ORDER_STATUSES) {
      for (const to of ORDER_STATUSES) {
        const allowed: Record<OrderStatus, OrderStatus[]> = {
          awaiting_payment: ['paid', 'expired', 'cancelled'],
          paid: ['fulfilling', 'refunding'],
          fulfilling: ['fulfilled', 'failed'],
          fulfilled: ['refunding'],
          failed: ['refunding'],
          refunding: ['refunded'],
          refunded: [],
          expired: ['paid'],
          cancelled: ['paid'],
        };
        const expected = allowed[from].includes(to);
        expect(canTransition(from, to), `${from} → ${to}`).toBe(expected);
      }
    }
  });
});

describeEachDatabase('checkout: FX rates, quotes and orders', (testDb) => {
  const clock = new ManualClock('2026-11-24T08:00:00Z');
  const mail = useMailWorld(testDb, clock);
  let app: FastifyInstance;
  let fx: FxSimulator;
  const refresh = () =>
    refreshFxRates(
      testDb.database.db,
      clock,
      createOpenExchangeRatesFeed({
        baseUrl: fx.baseUrl,
        appId: 'test-app',
        timeoutMs: 2_000,
        name: 'Test feed',
      }),
    );

  beforeAll(async () => {
    fx = await startFxSimulator({ appId: 'test-app', clock });
    fx.setRate('CNY', 7.1234);
    app = await buildTestApp(testDb.database, { clock, jobs: mail.jobs });
    await refresh();
  });
  afterAll(async () => {
    await app?.close();
    await fx?.close();
  });

  it('publishes the rate quotes use: the feed rate plus the operator’s 1 % markup, with its source and time', async () => {
    const response = await app.inject({ method: 'GET', url: '/v1/fx-rates' });
    expect(response.statusCode).toBe(200);
    expect(response.json().data).toEqual([
      {
        object: 'fx_rate',
        base: 'USD',
        quote: 'CNY',
        rate: '7.194634',
        source: 'feed',
        as_of: '2026-11-24T08:00:00.000Z',
      },
    ]);
  });

  it('quotes a first card top-up with the fee waived, USD charged and an estimated CNY; Alipay charged in CNY at a locked rate', async () => {
    const { browser } = await aCustomer(app, mail, 'quote-first@example.com');
    const options = await browser.get('/v1/checkout/options');
    expect(options.json()).toMatchObject({ first_top_up_fee_waived: true, quote_lock_minutes: 15 });
    expect(options.json().methods.map((method: { method: string }) => method.method)).toEqual([
      'card',
      'apple_pay',
      'alipay',
      'wechat_pay',
      'paypal',
    ]);

    const card = await browser.post('/v1/quotes', {
      product: { type: 'wallet_credit', amount_minor: 2000, currency: 'USD' },
      method: 'card',
    });
    expect(card.statusCode).toBe(201);
    expect(card.json()).toMatchObject({
      object: 'quote',
      subtotal: { amount_minor: 2000, currency: 'USD' },
      fee: { amount_minor: 0, currency: 'USD' },
      fee_waived: { amount_minor: 88, currency: 'USD' },
      total: { amount_minor: 2000, currency: 'USD' },
      charge: { amount_minor: 2000, currency: 'USD' },
      estimate: { amount_minor: 14389, currency: 'CNY' }, // 20.00 × 7.194634 = 143.89268
      fx: { rate: '7.194634', source: 'feed', locked: false },
      rounding: 'half_even',
      expires_at: '2026-11-24T08:15:00.000Z',
      expired: false,
    });

    const alipay = await browser.post('/v1/quotes', {
      product: { type: 'wallet_credit', amount_minor: 2000 },
      method: 'alipay',
    });
    expect(alipay.json()).toMatchObject({
      total: { amount_minor: 2000, currency: 'USD' },
      charge: { amount_minor: 14389, currency: 'CNY' },
      estimate: null,
      fx: { rate: '7.194634', locked: true, as_of: '2026-11-24T08:00:00.000Z' },
    });
  });

  it('charges the method fee once the customer has paid before', async () => {
    const customer = await aCustomer(app, mail, 'quote-second@example.com');
    // A paid order in the history (the payment path itself is tested with the providers).
    await testDb.database.db.transaction(async (tx) => {
      const order = await createOrder(
        tx,
        clock,
        {
          customerId: customer.id,
          quoteId: `quo_history_${customer.id}`,
          product: 'wallet_credit',
          delivery: {},
          method: 'card',
          currency: 'USD',
          totalMinor: 1000,
          chargeCurrency: 'USD',
          chargeAmountMinor: 1000,
          expiresAt: clock.now(),
        },
        customer.id,
      );
      await transitionOrder(tx, clock, order.id, 'paid', { cause: 'payment_succeeded', actor: 'test' });
    });
    const paypal = await customer.browser.post('/v1/quotes', {
      product: { type: 'wallet_credit', amount_minor: 5000 },
      method: 'paypal',
    });
    // 3.49 % of $50 = 174.5¢ → 174¢ (half to even) + 49¢.
    expect(paypal.json()).toMatchObject({
      fee: { amount_minor: 223 },
      fee_waived: null,
      total: { amount_minor: 5223 },
      charge: { amount_minor: 5223, currency: 'USD' },
    });
  });

  it('places an order from an open quote, refuses it after the lock runs out, and never places two from one quote', async () => {
    const { browser } = await aCustomer(app, mail, 'orders@example.com', { locale: 'zh-CN' });
    const first = (
      await browser.post('/v1/quotes', {
        product: { type: 'wallet_credit', amount_minor: 1000 },
        method: 'wechat_pay',
      })
    ).json();
    const order = await browser.post('/v1/orders', { quote: first.id }, { 'idempotency-key': 'order-1' });
    expect(order.statusCode).toBe(201);
    expect(order.json()).toMatchObject({
      object: 'order',
      status: 'awaiting_payment',
      charge: first.charge,
      total: first.total,
      timeline: [{ from: null, to: 'awaiting_payment', cause: 'order_created' }],
    });
    const replay = await browser.post('/v1/orders', { quote: first.id }, { 'idempotency-key': 'order-1' });
    expect(replay.json().id).toBe(order.json().id);
    const second = await browser.post('/v1/orders', { quote: first.id }, { 'idempotency-key': 'order-2' });
    expect(second.statusCode).toBe(409);
    expect(second.json().error).toMatchObject({
      code: 'quote_already_used',
      message: '此报价已经下过订单。',
    });

    const late = (
      await browser.post('/v1/quotes', {
        product: { type: 'wallet_credit', amount_minor: 1000 },
        method: 'card',
      })
    ).json();
    clock.advance(15 * 60_000);
    const expired = await browser.post('/v1/orders', { quote: late.id });
    expect(expired.statusCode).toBe(409);
    expect(expired.json().error).toMatchObject({ code: 'quote_expired', param: 'quote' });
    expect(expired.json().error.message).toContain('重新获取报价');
    expect((await browser.get(`/v1/quotes/${late.id}`)).json().expired).toBe(true);
    const list = await browser.get('/v1/orders');
    expect(list.json().data).toHaveLength(1);
  });

  it('refuses bad amounts, currencies, methods and smuggled prices with one error shape, creating nothing', async () => {
    const { browser } = await aCustomer(app, mail, 'bad-quotes@example.com', { locale: 'zh-CN' });
    const cases: [object, number, string][] = [
      [{ product: { type: 'wallet_credit', amount_minor: 499 }, method: 'card' }, 400, 'amount_out_of_range'],
      [
        { product: { type: 'wallet_credit', amount_minor: 50_001 }, method: 'card' },
        400,
        'amount_out_of_range',
      ],
      [
        { product: { type: 'wallet_credit', amount_minor: 1000, currency: 'CNY' }, method: 'card' },
        400,
        'parameter_invalid',
      ],
      [{ product: { type: 'wallet_credit', amount_minor: 10.5 }, method: 'card' }, 400, 'parameter_invalid'],
      [
        { product: { type: 'wallet_credit', amount_minor: 1000 }, method: 'bitcoin' },
        400,
        'parameter_invalid',
      ],
      [
        { product: { type: 'wallet_credit', amount_minor: 1000 }, method: 'wallet' },
        400,
        'method_not_available',
      ],
      [
        { product: { type: 'wallet_credit', amount_minor: 1000, price: 1 }, method: 'card' },
        400,
        'parameter_unknown',
      ],
    ];
    for (const [body, status, code] of cases) {
      const response = await browser.post('/v1/quotes', body);
      expect(response.statusCode, JSON.stringify(body)).toBe(status);
      expect(response.json().error.code).toBe(code);
      expect(response.json().error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    const quote = (
      await browser.post('/v1/quotes', {
        product: { type: 'wallet_credit', amount_minor: 1000 },
        method: 'card',
      })
    ).json();
    const tampered = await browser.post('/v1/orders', { quote: quote.id, amount_minor: 1 });
    expect(tampered.statusCode).toBe(400);
    const unknown = await browser.post('/v1/orders', { quote: 'quo_01jz8x4e5qf0m8g4v3k2y1t9bc' });
    expect(unknown.statusCode).toBe(404);
    expect((await browser.get('/v1/orders')).json().data).toHaveLength(0);
    const anonymous = await app.inject({ method: 'POST', url: '/v1/quotes', payload: {} });
    expect(anonymous.statusCode).toBe(401);
  });

  it('will not quote in CNY on a stale rate, but still quotes a card in USD without an estimate', async () => {
    const { browser } = await aCustomer(app, mail, 'stale@example.com');
    clock.advance(25 * 3_600_000);
    const alipay = await browser.post('/v1/quotes', {
      product: { type: 'wallet_credit', amount_minor: 1000 },
      method: 'alipay',
    });
    expect(alipay.statusCode).toBe(503);
    expect(alipay.headers['retry-after']).toBe('60');
    expect(alipay.json().error.code).toBe('fx_rate_unavailable');
    const card = await browser.post('/v1/quotes', {
      product: { type: 'wallet_credit', amount_minor: 1000 },
      method: 'card',
    });
    expect(card.statusCode).toBe(201);
    expect(card.json()).toMatchObject({ estimate: null, fx: null });
    // The feed recovers: a refresh makes CNY quotes possible again.
    fx.failNextRequests(1);
    await expect(refresh()).rejects.toThrow(/503/);
    await refresh();
    expect(
      (
        await browser.post('/v1/quotes', {
          product: { type: 'wallet_credit', amount_minor: 1000 },
          method: 'alipay',
        })
      ).statusCode,
    ).toBe(201);
  });

  it('lets finance staff set the operator’s own rate (audited); support may only look; quotes then use it', async () => {
    const finance = await aStaffMember(
      app,
      { database: testDb.database, jobs: mail.jobs, clock },
      'fin@simfill.test',
      'finance',
    );
    const support = await aStaffMember(
      app,
      { database: testDb.database, jobs: mail.jobs, clock },
      'sup@simfill.test',
      'support',
    );
    expect((await support.browser.get('/v1/fx-pairs')).statusCode).toBe(200);
    const denied = await support.browser.patch('/v1/fx-pairs/USD-CNY', {
      mode: 'operator',
      markup_bps: 0,
      rate: '7.3',
    });
    expect(denied.statusCode).toBe(403);
    const badRate = await finance.browser.patch('/v1/fx-pairs/USD-CNY', {
      mode: 'operator',
      markup_bps: 0,
      rate: '7,3',
    });
    expect(badRate.statusCode).toBe(400);
    const set = await finance.browser.patch('/v1/fx-pairs/USD-CNY', {
      mode: 'operator',
      markup_bps: 0,
      rate: '7.3',
    });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({
      mode: 'operator',
      latest_operator: { rate: '7.3', set_by: finance.id },
      latest_feed: { rate: '7.1234', source_name: 'Test feed' },
      effective: { rate: '7.3', source: 'operator' },
    });
    const { browser } = await aCustomer(app, mail, 'operator-rate@example.com');
    const quote = await browser.post('/v1/quotes', {
      product: { type: 'wallet_credit', amount_minor: 1000 },
      method: 'alipay',
    });
    expect(quote.json()).toMatchObject({
      charge: { amount_minor: 7300, currency: 'CNY' },
      fx: { rate: '7.3', source: 'operator' },
    });
    const audit = await listAuditEvents(testDb.database.db, { action: 'fx_pair.updated' }, { limit: 10 });
    expect(audit.data).toHaveLength(1);
    expect(audit.data[0]).toMatchObject({ actor: { id: finance.id }, target: { id: 'USD-CNY' } });
    // Back to the feed for the other tests.
    await finance.browser.patch('/v1/fx-pairs/USD-CNY', { mode: 'feed', markup_bps: 100 });
  });

  it('lets a customer cancel an unpaid order once; the timeline records it and a second cancel changes nothing', async () => {
    const { browser } = await aCustomer(app, mail, 'cancel@example.com');
    const quote = (
      await browser.post('/v1/quotes', {
        product: { type: 'wallet_credit', amount_minor: 1000 },
        method: 'card',
      })
    ).json();
    const order = (await browser.post('/v1/orders', { quote: quote.id })).json();
    const cancelled = await browser.post(`/v1/orders/${order.id}/cancel`);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled' });
    expect(cancelled.json().timeline.map((step: { to: string }) => step.to)).toEqual([
      'awaiting_payment',
      'cancelled',
    ]);
    // Cancelling is idempotent (a retried click): the cancelled order comes back as it is, cancelled once.
    const again = await browser.post(`/v1/orders/${order.id}/cancel`);
    expect(again.statusCode).toBe(200);
    expect(again.json().timeline.map((step: { to: string }) => step.to)).toEqual([
      'awaiting_payment',
      'cancelled',
    ]);
    const stranger = await aCustomer(app, mail, 'stranger@example.com');
    expect((await stranger.browser.get(`/v1/orders/${order.id}`)).statusCode).toBe(404);
  });

  it('property: any sequence of attempted moves follows the table, and the timeline records exactly the accepted ones', async () => {
    const customerId = 'cus_machine';
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...ORDER_STATUSES), { maxLength: 10 }), async (targets) => {
        const order = await testDb.database.db.transaction((tx) =>
          createOrder(
            tx,
            clock,
            {
              customerId,
              quoteId: `quo_machine_${Math.random()}`,
              product: 'wallet_credit',
              delivery: {},
              method: 'card',
              currency: 'USD',
              totalMinor: 1000,
              chargeCurrency: 'USD',
              chargeAmountMinor: 1000,
              expiresAt: clock.now(),
            },
            customerId,
          ),
        );
        let status: OrderStatus = 'awaiting_payment';
        const accepted: OrderStatus[] = ['awaiting_payment'];
        for (const target of targets) {
          const attempt = testDb.database.db.transaction((tx) =>
            transitionOrder(tx, clock, order.id, target, { cause: 'property', actor: 'test' }),
          );
          if (canTransition(status, target)) {
            expect((await attempt).status).toBe(target);
            status = target;
            accepted.push(target);
          } else {
            await expect(attempt).rejects.toMatchObject({ code: 'order_state_invalid', status: 409 });
          }
        }
        const timeline = await orderTimeline(testDb.database.db, order.id);
        expect(timeline.map((step) => step.toStatus)).toEqual(accepted);
      }),
      { numRuns: 30 },
    );
  });
});
