import { afterEach, expect, it } from 'vitest';
import { ManualClock } from '../src/kernel/clock.js';
import { expireOrders } from '../src/flows/checkout/expire.js';
import { sweepDeliveries } from '../src/modules/provisioning/service.js';
import type { TestClient } from './helpers/client.js';
import { describeEachDatabase } from './helpers/databases.js';
import { decide } from './helpers/hosted.js';
import { usePaymentWorld } from './helpers/payments.js';
import { aCustomer } from './helpers/people.js';
import { until } from './helpers/wait.js';

interface Delivery {
  status: string;
  phase: string;
  attempts: number;
  max_attempts: number;
  reason: string | null;
  next_attempt_at: string | null;
  refund_by: string | null;
  pin: { masked: string } | null;
}
interface OrderBody {
  id: string;
  status: string;
  receipt_number: string | null;
  recipient_display: string | null;
  item_name: string | null;
  delivery: Delivery | null;
  payments: { next_action: { url?: string } | null }[];
}
interface Refusal {
  error: { code: string; message: string };
}

/** T-Mobile numbers end in 0–2 in the simulator's detection. */
const TMOBILE = '+16462174511';

describeEachDatabase(
  'the customer’s orders: PINs, honest delivery state, the list and cancelling',
  (testDb) => {
    const clock = new ManualClock(new Date());
    const world = usePaymentWorld(testDb, clock, { airtime: true });
    afterEach(() => world.reloadly.faults.reset());

    const orderOf = async (browser: TestClient, id: string) =>
      (await browser.get(`/v1/orders/${id}`)).json<OrderBody>();

    async function offerFor(browser: TestClient, phone: string, kind: string) {
      const added = await browser.post('/v1/lines', { phone });
      expect(added.statusCode, added.body).toBe(201);
      const line = added.json<{ id: string }>().id;
      const offers = (await browser.get(`/v1/offers?line=${line}`)).json<{
        data: { id: string; kind: string }[];
      }>().data;
      return { line, product: offers.find((offer) => offer.kind === kind)!.id };
    }

    async function placeOrder(browser: TestClient, product: object, method = 'alipay') {
      const quote = await browser.post('/v1/quotes', { product: { type: 'line_topup', ...product }, method });
      expect(quote.statusCode, quote.body).toBe(201);
      const order = await browser.post('/v1/orders', { quote: quote.json<{ id: string }>().id });
      expect(order.statusCode, order.body).toBe(201);
      return order.json<OrderBody>();
    }

    async function pay(browser: TestClient, orderId: string, key: string) {
      const payment = await browser.post(`/v1/orders/${orderId}/payments`, {}, { 'idempotency-key': key });
      expect(payment.statusCode, payment.body).toBe(201);
      const action = payment.json<{ next_action: { url?: string } | null }>().next_action;
      if (action?.url) await decide(action.url, 'approve');
    }

    it('reveals a delivered refill PIN only to its owner, with redemption steps in the customer’s language', async () => {
      const owner = await aCustomer(world.app, world.mail, 'pin-owner@example.com', { locale: 'zh-CN' });
      const stranger = await aCustomer(world.app, world.mail, 'pin-stranger@example.com', {
        locale: 'zh-CN',
      });
      const { line, product } = await offerFor(owner.browser, TMOBILE, 'pin');
      const order = await placeOrder(owner.browser, { product, line });
      await pay(owner.browser, order.id, 'pin-pay');
      const done = await until(
        () => orderOf(owner.browser, order.id),
        (o) => o.status === 'fulfilled',
        'the PIN delivered',
      );

      const revealed = await owner.browser.get(`/v1/orders/${order.id}/pin`);
      expect(revealed.statusCode, revealed.body).toBe(200);
      expect(revealed.headers['cache-control']).toContain('no-store');
      const pin = revealed.json<{
        code: string;
        serial: string | null;
        steps: string[];
        carrier_note: string[];
      }>();
      expect(pin.code).toMatch(/^\d{8,}$/);
      expect(pin.steps.join(' ')).toContain('拨打 *233');
      expect(pin.carrier_note.join(' ')).toContain('*233'); // the provider's own words, kept as given

      // Everywhere else the PIN is masked: the order, the orders list, the line's history.
      expect(done.delivery?.pin?.masked).toBe(`•••• ${pin.code.slice(-4)}`);
      const list = await owner.browser.get('/v1/orders');
      expect(list.body).not.toContain(pin.code);
      const summary = await owner.browser.get(`/v1/lines/${line}/summary`);
      expect(summary.body).not.toContain(pin.code);

      // Anyone else, and an order without a PIN, get a plain 404.
      const theirs = await stranger.browser.get(`/v1/orders/${order.id}/pin`);
      expect(theirs.statusCode).toBe(404);
      expect(theirs.body).not.toContain(pin.code);
      const unpaid = await placeOrder(owner.browser, { product, line });
      expect((await owner.browser.get(`/v1/orders/${unpaid.id}/pin`)).statusCode).toBe(404);

      // The email carries the same steps in Chinese.
      const email = await until(
        async () =>
          (await world.mail.messages()).find(
            (m) => m.to === 'pin-owner@example.com' && m.text.includes(pin.code),
          ),
        (found) => found !== undefined,
        'the PIN email',
      );
      expect(email!.text).toContain('使用方法');
      expect(email!.text).toContain('拨打 *233');
    });

    it('says why a refused top-up waits, when it is tried again and by when it is refunded if it keeps failing', async () => {
      const customer = await aCustomer(world.app, world.mail, 'waiting@example.com', { locale: 'zh-CN' });
      const { line, product } = await offerFor(customer.browser, '+16462174520', 'airtime');
      world.reloadly.faults.refuseNextTopUps(3, 'TRANSACTION_CANNOT_BE_PROCESSED_AT_THE_MOMENT');
      const order = await placeOrder(customer.browser, { product, line, amount_minor: 1500 });
      await pay(customer.browser, order.id, 'wait-pay');

      const refusedAt = clock.now().getTime();
      const first = await until(
        () => orderOf(customer.browser, order.id),
        (o) => o.delivery?.phase === 'waiting_retry',
        'the first refusal',
      );
      // Test settings: 3 attempts, 30 s before the 2nd, 120 s before the 3rd.
      expect(first.delivery).toMatchObject({ attempts: 1, max_attempts: 3, reason: 'carrier_unavailable' });
      const next = Date.parse(first.delivery!.next_attempt_at!);
      expect(next - refusedAt).toBe(30_000);
      expect(Date.parse(first.delivery!.refund_by!) - next).toBe(120_000);

      clock.advance(30_000);
      await sweepDeliveries(world.provisioning);
      const second = await until(
        () => orderOf(customer.browser, order.id),
        (o) => o.delivery?.attempts === 2 && o.delivery.phase === 'waiting_retry',
        'the second refusal',
      );
      // The last attempt is next: if it fails too, the refund starts then.
      expect(second.delivery!.refund_by).toBe(second.delivery!.next_attempt_at);
      expect(Date.parse(second.delivery!.next_attempt_at!) - clock.now().getTime()).toBe(120_000);

      clock.advance(120_000);
      await sweepDeliveries(world.provisioning);
      const given = await until(
        () => orderOf(customer.browser, order.id),
        (o) => o.status === 'refunded',
        'refunded after the last attempt',
      );
      expect(given.delivery).toMatchObject({
        phase: 'failed',
        attempts: 3,
        next_attempt_at: null,
        refund_by: null,
      });
    });

    it('says it is confirming a top-up whose answer was lost, with no refund time, and never sends it twice', async () => {
      const customer = await aCustomer(world.app, world.mail, 'confirming@example.com', { locale: 'zh-CN' });
      const { line, product } = await offerFor(customer.browser, '+16462174522', 'data');
      world.reloadly.faults.timeoutNextTopUps(1, { afterProcessing: true });
      const sentBefore = world.reloadly.topUpRequests();
      const order = await placeOrder(customer.browser, { product, line });
      await pay(customer.browser, order.id, 'confirm-pay');
      const lost = await until(
        () => orderOf(customer.browser, order.id),
        (o) => o.delivery?.phase === 'confirming',
        'the lost answer',
      );
      expect(lost.delivery).toMatchObject({ attempts: 1, reason: null, refund_by: null });
      expect(Date.parse(lost.delivery!.next_attempt_at!)).toBeGreaterThan(clock.now().getTime());
      clock.advance(5 * 60_000);
      await sweepDeliveries(world.provisioning);
      const done = await until(
        () => orderOf(customer.browser, order.id),
        (o) => o.status === 'fulfilled',
        'delivered once',
      );
      expect(done.delivery).toMatchObject({ phase: 'delivered', attempts: 1, next_attempt_at: null });
      expect(world.reloadly.topUpRequests() - sentBefore).toBe(1);
    });

    it('cancels an unpaid order once (same key or not), refuses after payment, and lists orders without abandoned ones', async () => {
      const customer = await aCustomer(world.app, world.mail, 'cancel@example.com', { locale: 'zh-CN' });
      const stranger = await aCustomer(world.app, world.mail, 'cancel-stranger@example.com');
      const { line, product } = await offerFor(customer.browser, '+16462174521', 'airtime');
      const unpaid = await placeOrder(customer.browser, { product, line, amount_minor: 1000 });

      expect(
        (await stranger.browser.post(`/v1/orders/${unpaid.id}/cancel`, {}, { 'idempotency-key': 'x' }))
          .statusCode,
      ).toBe(404);
      const cancelled = await customer.browser.post(
        `/v1/orders/${unpaid.id}/cancel`,
        {},
        { 'idempotency-key': 'c-1' },
      );
      expect(cancelled.statusCode, cancelled.body).toBe(200);
      expect(cancelled.json<OrderBody>().status).toBe('cancelled');
      const replayed = await customer.browser.post(
        `/v1/orders/${unpaid.id}/cancel`,
        {},
        { 'idempotency-key': 'c-1' },
      );
      expect(replayed.headers['idempotent-replayed']).toBe('true');
      expect(replayed.json<OrderBody>().status).toBe('cancelled');
      const again = await customer.browser.post(
        `/v1/orders/${unpaid.id}/cancel`,
        {},
        { 'idempotency-key': 'c-2' },
      );
      expect(again.statusCode).toBe(200);
      const timeline = (await customer.browser.get(`/v1/orders/${unpaid.id}`)).json<{
        timeline: { to: string }[];
      }>().timeline;
      expect(timeline.filter((step) => step.to === 'cancelled')).toHaveLength(1);

      const paid = await placeOrder(customer.browser, { product, line, amount_minor: 1100 });
      await pay(customer.browser, paid.id, 'c-pay');
      await until(
        () => orderOf(customer.browser, paid.id),
        (o) => o.status === 'fulfilled',
        'the paid order delivered',
      );
      const refused = await customer.browser.post(
        `/v1/orders/${paid.id}/cancel`,
        {},
        { 'idempotency-key': 'c-3' },
      );
      expect(refused.statusCode).toBe(409);
      expect(refused.json<Refusal>().error.code).toBe('order_not_cancellable');
      expect(refused.json<Refusal>().error.message).toContain('只有未付款的订单可以取消');
      expect((await orderOf(customer.browser, paid.id)).status).toBe('fulfilled');

      // A price looked at and never paid expires: it is not an order in the list (unless asked for by status).
      const abandoned = await placeOrder(customer.browser, { product, line, amount_minor: 1200 });
      clock.advance(60 * 60_000);
      await expireOrders(world.checkout);
      const listed = (await customer.browser.get('/v1/orders')).json<{ data: OrderBody[] }>().data;
      expect(listed.map((o) => o.id)).toEqual([paid.id, unpaid.id]);
      expect(listed[0]).toMatchObject({
        receipt_number: expect.stringMatching(/^SF-\d+$/),
        recipient_display: '+1 646 217 4521',
        item_name: expect.any(String),
      });
      const expired = (await customer.browser.get('/v1/orders?status=expired')).json<{ data: OrderBody[] }>();
      expect(expired.data.map((o) => o.id)).toEqual([abandoned.id]);
    });
  },
);
