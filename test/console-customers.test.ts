import { expect, it } from 'vitest';
import { ManualClock } from '../src/kernel/clock.js';
import { describeEachDatabase } from './helpers/databases.js';
import { payByCard } from './helpers/hosted.js';
import { usePaymentWorld } from './helpers/payments.js';
import { aCustomer, aStaffMember } from './helpers/people.js';
import { until } from './helpers/wait.js';

interface Found {
  data: { id: string; email: string }[];
  has_more: boolean;
}

describeEachDatabase('the console’s customer search and customer page', (testDb) => {
  const clock = new ManualClock(new Date());
  const world = usePaymentWorld(testDb, clock, { airtime: true });

  it('finds a customer by part of an email, a name or a number, and shows their lines, orders, wallet and sessions', async () => {
    const customer = await aCustomer(world.app, world.mail, 'wang.xiaoming@example.com', { locale: 'zh-CN' });
    const profile = await customer.browser.patch('/v1/account', { name: '王小明', phone: '+16462174513' });
    expect(profile.statusCode, profile.body).toBe(200);
    await aCustomer(world.app, world.mail, 'someone.else@example.com');
    const line = await customer.browser.post('/v1/lines', { phone: '+16462174513', nickname: '我的手机' });
    expect(line.statusCode, line.body).toBe(201);
    const quote = (
      await customer.browser.post('/v1/quotes', {
        product: { type: 'wallet_credit', amount_minor: 3000 },
        method: 'card',
      })
    ).json<{ id: string }>();
    const order = (await customer.browser.post('/v1/orders', { quote: quote.id })).json<{ id: string }>();
    const payment = (
      await customer.browser.post(`/v1/orders/${order.id}/payments`, {}, { 'idempotency-key': 'cust-page' })
    ).json<{ next_action: { url: string } }>();
    await payByCard(payment.next_action.url, { number: '4242424242424242' });
    await until(
      async () => (await customer.browser.get(`/v1/orders/${order.id}`)).json<{ status: string }>().status,
      (status) => status === 'fulfilled',
      'the top-up',
    );

    const support = await aStaffMember(
      world.app,
      { database: testDb.database, jobs: world.mail.jobs, clock },
      'support-customers@simfill.test',
      'support',
    );
    const search = async (query: string) =>
      (await support.browser.get(`/v1/customers?${new URLSearchParams({ query }).toString()}`)).json<Found>();
    for (const query of ['XIAOMING', 'wang.xiao', '小明', '646 217 4513', '(646) 217-45', customer.id]) {
      expect(
        (await search(query)).data.map((found) => found.email),
        query,
      ).toEqual(['wang.xiaoming@example.com']);
    }
    expect((await search('@example.com')).data).toHaveLength(2);
    // A number that is only one of their lines (not the profile's) finds them too.
    expect((await customer.browser.post('/v1/lines', { phone: '+16462174524' })).statusCode).toBe(201);
    expect((await search('217-4524')).data.map((found) => found.email)).toEqual([
      'wang.xiaoming@example.com',
    ]);
    // LIKE wildcards typed by staff are plain characters.
    expect((await search('%')).data).toEqual([]);
    expect((await search('_')).data).toEqual([]);

    const page = await support.browser.get(`/v1/admin/customers/${customer.id}`);
    expect(page.statusCode, page.body).toBe(200);
    const overview = page.json<{
      customer: { email: string; name: string };
      lines: { phone: string; nickname: string | null }[];
      orders: { data: { id: string; status: string }[] };
      wallet: { balance: { amount_minor: number }; transactions: { type: string; order: string | null }[] };
      sessions: { id: string; last_seen_at: string }[];
    }>();
    expect(overview.customer).toMatchObject({ email: 'wang.xiaoming@example.com', name: '王小明' });
    expect(overview.lines.map((row) => [row.phone, row.nickname])).toEqual([
      ['+16462174513', '我的手机'],
      ['+16462174524', null],
    ]);
    expect(overview.orders.data).toEqual([expect.objectContaining({ id: order.id, status: 'fulfilled' })]);
    expect(overview.wallet.balance.amount_minor).toBe(3000);
    expect(overview.wallet.transactions).toEqual([
      expect.objectContaining({ type: 'wallet_credit', order: order.id }),
    ]);
    expect(overview.sessions).toHaveLength(1);
    expect(JSON.stringify(overview.sessions)).not.toMatch(/csrf|token/i);

    expect((await support.browser.get('/v1/admin/customers/cus_01jz8x4e5qf0m8g4v3k2y1t9bc')).statusCode).toBe(
      404,
    );
    expect((await customer.browser.get(`/v1/admin/customers/${customer.id}`)).statusCode).toBe(403);

    // The customer's own data export holds the same: lines, orders, wallet history and saved methods too.
    const exported = (await customer.browser.get('/v1/account/export')).json<{
      customer: { id: string };
      sessions: unknown[];
      lines: { phone: string }[];
      orders: { id: string }[];
      wallet_transactions: { type: string; amount: { amount_minor: number } }[];
      saved_payment_methods: unknown[] | null;
    }>();
    expect(exported.customer.id).toBe(customer.id);
    expect(exported.sessions.length).toBeGreaterThanOrEqual(1);
    expect(exported.lines.map((row) => row.phone)).toEqual(['+16462174513', '+16462174524']);
    expect(exported.orders.map((row) => row.id)).toEqual([order.id]);
    expect(exported.wallet_transactions).toEqual([
      expect.objectContaining({ type: 'wallet_credit', amount: { amount_minor: 3000, currency: 'USD' } }),
    ]);
    expect(exported.saved_payment_methods).toEqual([]);
  });
});
