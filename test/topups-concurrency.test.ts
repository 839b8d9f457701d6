import { describe, expect, it } from 'vitest';
import { ManualClock } from '../src/kernel/clock.js';
import {
  deliveryOfOrder,
  PROVISIONING_JOBS,
  sweepDeliveries,
  type AirtimeProvider,
  type ProvisioningDeps,
} from '../src/modules/provisioning/service.js';
import type { TestClient } from './helpers/client.js';
import { useDatabase } from './helpers/databases.js';
import { payByCard } from './helpers/hosted.js';
import { usePaymentWorld } from './helpers/payments.js';
import { aCustomer } from './helpers/people.js';
import { until } from './helpers/wait.js';

interface OrderBody {
  id: string;
  status: string;
  delivery: { status: string } | null;
}

/** Several workers on one PostgreSQL: every top-up is sent once, and a dead worker's top-up is finished by another. */
describe('line top-ups on PostgreSQL with several workers', () => {
  const testDb = useDatabase('postgres');
  const clock = new ManualClock(new Date());
  const world = usePaymentWorld(testDb, clock, { airtime: true });

  const orderOf = async (browser: TestClient, id: string) =>
    (await browser.get(`/v1/orders/${id}`)).json<OrderBody>();

  async function fundedCustomer(email: string, phone: string) {
    const customer = await aCustomer(world.app, world.mail, email);
    const line = (await customer.browser.post('/v1/lines', { phone })).json<{ id: string }>();
    const quote = (
      await customer.browser.post('/v1/quotes', {
        product: { type: 'wallet_credit', amount_minor: 50_000 },
        method: 'card',
      })
    ).json<{ id: string }>();
    const order = (await customer.browser.post('/v1/orders', { quote: quote.id })).json<{ id: string }>();
    const pay = (
      await customer.browser.post(
        `/v1/orders/${order.id}/payments`,
        {},
        { 'idempotency-key': `${email}-fund` },
      )
    ).json<{ next_action: { url: string } }>();
    await payByCard(pay.next_action.url, { number: '4242424242424242' });
    await until(
      () => orderOf(customer.browser, order.id),
      (o) => o.status === 'fulfilled',
      'the wallet top-up',
    );
    const offers = (await customer.browser.get(`/v1/offers?line=${line.id}`)).json<{
      data: { id: string; kind: string }[];
    }>().data;
    return { customer, line, airtime: offers.find((offer) => offer.kind === 'airtime')! };
  }

  async function buyFromWallet(browser: TestClient, product: object, key: string) {
    const quote = (
      await browser.post('/v1/quotes', { product: { type: 'line_topup', ...product }, method: 'wallet' })
    ).json<{ id: string }>();
    const order = (await browser.post('/v1/orders', { quote: quote.id })).json<{ id: string }>();
    const paid = await browser.post(`/v1/orders/${order.id}/payments`, {}, { 'idempotency-key': key });
    expect(paid.statusCode, paid.body).toBe(201);
    return order.id;
  }

  it('sends each of 12 top-ups exactly once while the job worker and three sweepers race for them', async () => {
    const { customer, airtime } = await fundedCustomer('race@example.com', '+16462174600');
    // Twelve numbers: Reloadly refuses the same number again within 2 minutes, whatever the amount.
    const numbers = Array.from({ length: 12 }, (_, index) => `+1646217${4700 + index * 10}`);
    world.reloadly.faults.latencyMs = 150;
    const sentBefore = world.reloadly.topUpRequests();
    const orders: string[] = [];
    for (let index = 0; index < 12; index += 1) {
      orders.push(
        await buyFromWallet(
          customer.browser,
          { product: airtime.id, phone: numbers[index], amount_minor: 1000 + index * 100 },
          `race-${index}`,
        ),
      );
    }
    await Promise.all([
      sweepDeliveries(world.provisioning),
      sweepDeliveries(world.provisioning),
      sweepDeliveries(world.provisioning),
    ]);
    for (const id of orders) {
      await until(
        () => orderOf(customer.browser, id),
        (o) => o.status === 'fulfilled',
        `order ${id}`,
      );
    }
    world.reloadly.faults.latencyMs = 0;
    expect(world.reloadly.topUpRequests() - sentBefore).toBe(12);
    const successes = world.reloadly
      .transactions()
      .filter((t) => numbers.includes(t.phone) && t.status === 'SUCCESSFUL');
    expect(successes).toHaveLength(12);
  });

  it('lets another worker finish a top-up whose worker died mid-call, asking the provider instead of sending again', async () => {
    const { customer, line, airtime } = await fundedCustomer('killed@example.com', '+16462174601');
    const real = world.provisioning.provider!;
    // A worker that reaches the provider and then dies: its call never returns, whatever the provider answered,
    // and nothing is recorded after it.
    const never = () => new Promise<never>(() => undefined);
    const dying: AirtimeProvider = {
      ...real,
      name: real.name,
      topUp: (request) => real.topUp(request).then(never, never),
    };
    const deadWorker: ProvisioningDeps = { ...world.provisioning, provider: dying };
    world.reloadly.faults.latencyMs = 0;
    const balanceBefore = world.reloadly.line('+16462174601')!.balanceMinor;
    const sentBefore = world.reloadly.topUpRequests();
    // The first send gets a 500: the outcome is unknown, so the next step is to ask, 30 s later.
    world.reloadly.faults.failNextRequests(1);
    const orderId = await buyFromWallet(
      customer.browser,
      { product: airtime.id, line: line.id, amount_minor: 2000 },
      'killed-1',
    );
    // The 500 is recorded (a check 30 s on, the lease let go), and the send job of the order has ended: the
    // fast path after payment may have sent it, and a late job must not be the next worker instead of the dead one.
    await until(
      () => deliveryOfOrder(testDb.database.db, orderId),
      (d) => d?.status === 'sending' && d.lastErrorCode === 'INTERNAL_SERVER_ERROR' && d.leaseUntil === null,
      'the unknown outcome',
    );
    await until(
      () => world.mail.jobs.countJobs(PROVISIONING_JOBS.send),
      (waiting) => waiting === 0,
      'the send job',
    );
    // The worker that takes it next asks, hears "never received", sends — and dies before recording anything.
    clock.advance(31_000);
    void sweepDeliveries(deadWorker);
    await until(
      async () => world.reloadly.topUpRequests() - sentBefore,
      (sent) => sent >= 1,
      'the dead worker’s send',
    );
    // The dead worker holds the delivery (its lease): nothing moves until the lease runs out.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await orderOf(customer.browser, orderId)).delivery?.status).toBe('sending');
    clock.advance(2 * 60_000); // past the dead worker's lease
    await sweepDeliveries(world.provisioning);
    await until(
      () => orderOf(customer.browser, orderId),
      (o) => o.status === 'fulfilled',
      'the order',
    );
    expect(world.reloadly.topUpRequests() - sentBefore).toBe(1);
    expect(world.reloadly.line('+16462174601')!.balanceMinor).toBe(balanceBefore + 2000);
  });
});
