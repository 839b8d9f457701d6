import { expect, it } from 'vitest';
import { ManualClock } from '../src/kernel/clock.js';
import { accountHistory, balancesByKind, walletAccount } from '../src/modules/ledger/service.js';
import type { TestClient } from './helpers/client.js';
import { describeEachDatabase } from './helpers/databases.js';
import { decide, payByCard } from './helpers/hosted.js';
import { usePaymentWorld } from './helpers/payments.js';
import { aCustomer, aStaffMember } from './helpers/people.js';
import { until } from './helpers/wait.js';

interface Money {
  amount_minor: number;
  currency: string;
}
interface Totals {
  data: {
    method: string;
    currency: string;
    payments: number;
    charged: Money;
    refunded: Money;
    refunded_to_wallet: Money;
    net: Money;
  }[];
  totals: { currency: string; charged: Money; refunded: Money; net: Money }[];
  wallet: { currency: string; payments: number; spent: Money; refunded: Money }[];
}

describeEachDatabase('daily totals count each payment once and reconcile to the ledger', (testDb) => {
  const clock = new ManualClock(new Date());
  const world = usePaymentWorld(testDb, clock, { airtime: true });

  const orderStatus = async (browser: TestClient, id: string) =>
    (await browser.get(`/v1/orders/${id}`)).json<{ status: string }>().status;
  const settled = (browser: TestClient, id: string, status: string) =>
    until(
      () => orderStatus(browser, id),
      (now) => now === status,
      `order ${status}`,
    );

  /** Quote → order → pay; returns the order id and the payment's next action. */
  async function buy(browser: TestClient, product: object, method: string, key: string) {
    const quote = await browser.post('/v1/quotes', { product, method });
    expect(quote.statusCode, quote.body).toBe(201);
    const order = (await browser.post('/v1/orders', { quote: quote.json<{ id: string }>().id })).json<{
      id: string;
    }>();
    const payment = await browser.post(`/v1/orders/${order.id}/payments`, {}, { 'idempotency-key': key });
    expect(payment.statusCode, payment.body).toBe(201);
    return {
      id: order.id,
      totalMinor: quote.json<{ total: Money }>().total.amount_minor,
      url: payment.json<{ next_action: { url?: string } | null }>().next_action?.url,
    };
  }

  it('shows a card top-up once, wallet spending apart, and sums to what provider clearing received', async () => {
    const customer = await aCustomer(world.app, world.mail, 'totals@example.com');
    const context = { database: testDb.database, jobs: world.mail.jobs, clock };
    const finance = await aStaffMember(world.app, context, 'totals-finance@simfill.test', 'finance');

    // $50 into the wallet by card, then $25 of airtime paid from that balance: $50 came in, not $75.
    const topUp = await buy(customer.browser, { type: 'wallet_credit', amount_minor: 5000 }, 'card', 't-1');
    await payByCard(topUp.url!, { number: '4242424242424242' });
    await settled(customer.browser, topUp.id, 'fulfilled');
    const line = (await customer.browser.post('/v1/lines', { phone: '+16462174512' })).json<{ id: string }>();
    const offers = (await customer.browser.get(`/v1/offers?line=${line.id}`)).json<{
      data: { id: string; kind: string; price: Money | null }[];
    }>().data;
    const airtime = offers.find((offer) => offer.kind === 'airtime')!;
    const fromWallet = await buy(
      customer.browser,
      { type: 'line_topup', product: airtime.id, line: line.id, amount_minor: 2500 },
      'wallet',
      't-2',
    );
    await settled(customer.browser, fromWallet.id, 'fulfilled');

    // A plan paid with Alipay (CNY) for another line (the provider holds a second top-up of one number for a
    // while), then refunded into the wallet: the yuan stay with the operator.
    const other = (await customer.browser.post('/v1/lines', { phone: '+16462174502' })).json<{
      id: string;
    }>();
    const bundle = (await customer.browser.get(`/v1/offers?line=${other.id}`))
      .json<{ data: { id: string; kind: string }[] }>()
      .data.find((offer) => offer.kind === 'bundle')!;
    const alipay = await buy(
      customer.browser,
      { type: 'line_topup', product: bundle.id, line: other.id },
      'alipay',
      't-3',
    );
    await decide(alipay.url!, 'approve');
    await settled(customer.browser, alipay.id, 'fulfilled');
    const goodwill = await finance.browser.post(
      `/v1/admin/orders/${alipay.id}/refunds`,
      { destination: 'wallet', reason: 'operator_goodwill' },
      { 'idempotency-key': 't-4' },
    );
    expect(goodwill.statusCode, goodwill.body).toBe(201);

    // $10 of the card top-up goes back to the card: money that left.
    const back = await finance.browser.post(
      `/v1/admin/orders/${topUp.id}/refunds`,
      { amount_minor: 1000 },
      { 'idempotency-key': 't-5' },
    );
    expect(back.statusCode, back.body).toBe(201);
    await until(
      async () =>
        (await finance.browser.get(`/v1/admin/orders/${topUp.id}`)).json<{ refunds: { status: string }[] }>(),
      (story) => story.refunds.every((refund) => refund.status === 'succeeded'),
      'the card refund',
    );

    const today = clock.now().toISOString().slice(0, 10);
    const report = await finance.browser.get(`/v1/admin/reports/daily-totals?from=${today}&to=${today}`);
    expect(report.statusCode, report.body).toBe(200);
    const totals = report.json<Totals>();
    expect(totals.data.map((row) => row.method).sort()).toEqual(['alipay', 'card']);
    const card = totals.data.find((row) => row.method === 'card')!;
    expect(card).toMatchObject({
      payments: 1,
      charged: { amount_minor: 5000, currency: 'USD' },
      refunded: { amount_minor: 1000 },
      net: { amount_minor: 4000 },
    });
    const yuan = totals.data.find((row) => row.method === 'alipay')!;
    expect(yuan.currency).toBe('CNY');
    expect(yuan.refunded.amount_minor).toBe(0);
    expect(yuan.refunded_to_wallet.amount_minor).toBe(yuan.charged.amount_minor);
    expect(totals.wallet).toEqual([
      {
        day: today,
        currency: 'USD',
        payments: 1,
        spent: { amount_minor: fromWallet.totalMinor, currency: 'USD' },
        refunded: { amount_minor: 0, currency: 'USD' },
      },
    ]);

    // The totals are the rows summed per currency…
    for (const total of totals.totals) {
      const rows = totals.data.filter((row) => row.currency === total.currency);
      const sum = (pick: (row: Totals['data'][number]) => Money) =>
        rows.reduce((acc, row) => acc + pick(row).amount_minor, 0);
      expect(total.charged.amount_minor).toBe(sum((row) => row.charged));
      expect(total.refunded.amount_minor).toBe(sum((row) => row.refunded));
      expect(total.net.amount_minor).toBe(sum((row) => row.net));
    }
    // …and each currency's net is what the ledger's provider clearing accounts hold (this suite's only day).
    const clearing = await balancesByKind(testDb.database.db, 'provider_clearing');
    const ledgerNet = (currency: string) =>
      clearing
        .filter((account) => account.balance.currency === currency)
        .reduce((acc, account) => acc + account.balance.amountMinor, 0);
    expect(totals.totals.map((total) => total.currency)).toEqual(['CNY', 'USD']);
    for (const total of totals.totals) expect(total.net.amount_minor).toBe(ledgerNet(total.currency));
    expect(totals.totals.find((total) => total.currency === 'USD')!.charged.amount_minor).toBe(5000);
    // The wallet list is what the wallet account paid out for orders.
    const history = await accountHistory(testDb.database.db, walletAccount(customer.id), { limit: 100 });
    const walletSpent = history.entries
      .filter((entry) => entry.kind === 'wallet_payment')
      .reduce((acc, entry) => acc - entry.amountMinor, 0);
    expect(totals.wallet[0]!.spent.amount_minor).toBe(walletSpent);
  });
});
