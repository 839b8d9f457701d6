import { spawnSync } from 'node:child_process';
import { afterEach, expect, it } from 'vitest';
import { ManualClock } from '../src/kernel/clock.js';
import { trialBalance } from '../src/modules/ledger/service.js';
import type { TestClient } from './helpers/client.js';
import { describeEachDatabase } from './helpers/databases.js';
import { payByCard } from './helpers/hosted.js';
import { usePaymentWorld } from './helpers/payments.js';
import { aCustomer } from './helpers/people.js';
import { until } from './helpers/wait.js';

interface MoneyBody {
  amount_minor: number;
  currency: string;
}
interface Rate {
  base: string;
  quote: string;
  rate: string;
}
interface Offer {
  id: string;
  kind: string;
  name: string;
  range: { minimum: MoneyBody; maximum: MoneyBody } | null;
  fx: Rate | null;
}
interface QuoteBody {
  id: string;
  items: { amount: MoneyBody; name: string; face: MoneyBody | null; face_fx: Rate | null }[];
  total: MoneyBody;
  charge: MoneyBody;
}
interface ErrorBody {
  error: { type: string; code: string; message: string; param?: string };
}

/** A parent's China Mobile number: +86, detected as China Mobile by the Reloadly simulator. */
const PARENT = '+86 138 1234 5678';
const PARENT_E164 = '+8613812345678';

describeEachDatabase('top-ups to a line in another currency (China Mobile, CNY)', (testDb) => {
  const clock = new ManualClock(new Date());
  const world = usePaymentWorld(testDb, clock, { airtime: true });
  afterEach(() => world.reloadly.faults.reset());

  async function chinaMobileOffer(browser: TestClient, query: string) {
    const offers = (await browser.get(`/v1/offers?${query}`)).json<{ data: Offer[] }>().data;
    return offers.find((offer) => offer.kind === 'airtime')!;
  }

  const quoteFor = (browser: TestClient, product: object, method = 'card') =>
    browser.post('/v1/quotes', { product: { type: 'line_topup', ...product }, method });

  it('quotes ¥50.00 at the provider’s rate, charges the USD price by card and delivers exactly ¥50 to the number', async () => {
    const customer = await aCustomer(world.app, world.mail, 'parent-topup@example.com', { locale: 'zh-CN' });
    const added = await customer.browser.post('/v1/lines', { phone: PARENT, nickname: '妈妈' });
    expect(added.statusCode, added.body).toBe(201);
    const line = added.json<{ id: string; operator: { name: string } | null }>();
    expect(line.operator?.name).toBe('中国移动');
    const balanceBefore = world.reloadly.line(PARENT_E164)?.balanceMinor ?? 0;

    const offer = await chinaMobileOffer(customer.browser, `line=${line.id}`);
    // The range is stated in the offer's own currency, and so is the rate its USD price comes from.
    expect(offer.range).toMatchObject({
      minimum: { amount_minor: 1000, currency: 'CNY' },
      maximum: { amount_minor: 50_000, currency: 'CNY' },
    });
    expect(offer.fx).toMatchObject({ base: 'USD', quote: 'CNY', rate: '7.1' });

    const quoted = await quoteFor(customer.browser, {
      product: offer.id,
      line: line.id,
      amount: '50',
      currency: 'CNY',
    });
    expect(quoted.statusCode, quoted.body).toBe(201);
    const quote = quoted.json<QuoteBody>();
    // ¥50.00 ÷ 7.1 = $7.0422… → $7.04 (half even), + 3 % markup $0.2112 → $0.21: $7.25; the first fee is waived.
    expect(quote.items[0]).toMatchObject({
      face: { amount_minor: 5000, currency: 'CNY' },
      face_fx: { base: 'USD', quote: 'CNY', rate: '7.1' },
      amount: { amount_minor: 725, currency: 'USD' },
    });
    expect(quote.items[0]!.name).toContain('¥50.00');
    expect(quote.total).toEqual({ amount_minor: 725, currency: 'USD' });
    expect(quote.charge).toEqual({ amount_minor: 725, currency: 'USD' });

    const order = (await customer.browser.post('/v1/orders', { quote: quote.id })).json<{ id: string }>();
    const payment = await customer.browser.post(
      `/v1/orders/${order.id}/payments`,
      {},
      { 'idempotency-key': 'parent-cny-1' },
    );
    expect(payment.statusCode, payment.body).toBe(201);
    await payByCard(payment.json<{ next_action: { url: string } }>().next_action.url, {
      number: '4242424242424242',
    });
    const done = await until(
      async () =>
        (await customer.browser.get(`/v1/orders/${order.id}`)).json<{
          status: string;
          face: MoneyBody | null;
          face_fx: Rate | null;
          total: MoneyBody;
        }>(),
      (body) => body.status === 'fulfilled',
      'the order fulfilled',
    );
    expect(done).toMatchObject({
      face: { amount_minor: 5000, currency: 'CNY' },
      face_fx: { rate: '7.1' },
      total: { amount_minor: 725, currency: 'USD' },
    });

    // The provider was asked for ¥50 in CNY (useLocalAmount) and delivered exactly that.
    const sent = world.reloadly.transactions().filter((t) => t.phone === PARENT_E164);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      status: 'SUCCESSFUL',
      useLocalAmount: true,
      deliveredAmount: 50,
      requestedAmount: 7.04,
    });
    expect(world.reloadly.line(PARENT_E164)?.balanceMinor).toBe(balanceBefore + 5000);

    const receipt = (await customer.browser.get(`/v1/orders/${order.id}/receipt`)).json<{
      total: MoneyBody;
      line_topup: { face: MoneyBody | null; face_fx: Rate | null };
    }>();
    expect(receipt.total).toEqual({ amount_minor: 725, currency: 'USD' });
    expect(receipt.line_topup).toMatchObject({ face: { amount_minor: 5000, currency: 'CNY' } });
    const pdf = await customer.browser.get(`/v1/orders/${order.id}/receipt.pdf`);
    const pdfText = spawnSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], {
      input: pdf.rawPayload,
      encoding: 'utf8',
    }).stdout.replace(/\s+/g, ' ');
    expect(pdfText).toContain('到账面值 ¥50.00');
    expect(pdfText).toContain('1 USD = 7.1 CNY');
    for (const row of await trialBalance(testDb.database.db)) expect(row.sumMinor, row.currency).toBe(0);
  });

  it('refuses an amount outside the range, in another currency or with too many decimals, in the customer’s language, and changes nothing', async () => {
    const customer = await aCustomer(world.app, world.mail, 'parent-bad@example.com', { locale: 'zh-CN' });
    const offer = await chinaMobileOffer(customer.browser, `phone=${encodeURIComponent(PARENT)}`);
    const sentBefore = world.reloadly.topUpRequests();
    const cases: [object, string, string, RegExp][] = [
      [{ amount_minor: 500 }, 'amount_out_of_range', 'amount_minor', /10\.00.*500\.00 CNY/],
      [{ amount: '600' }, 'amount_out_of_range', 'amount', /10\.00.*500\.00 CNY/],
      [{ amount: '50.005', currency: 'CNY' }, 'amount_too_precise', 'amount', /CNY.*2 位小数/],
      [{ amount: '50', currency: 'USD' }, 'amount_currency_mismatch', 'currency', /CNY.*USD/],
      [{ amount: '五十' }, 'amount_invalid', 'amount', /50\.00/],
      [{}, 'amount_out_of_range', 'amount_minor', /CNY/],
    ];
    for (const method of ['card', 'alipay', 'wallet']) {
      for (const [amount, code, param, message] of cases) {
        const refused = await quoteFor(
          customer.browser,
          { product: offer.id, phone: PARENT, ...amount },
          method,
        );
        expect(refused.statusCode, `${method} ${JSON.stringify(amount)}`).toBe(400);
        const { error } = refused.json<ErrorBody>();
        expect(error).toMatchObject({ type: 'invalid_request_error', code, param });
        expect(error.message).toMatch(message);
        expect(error.message).toMatch(/[\u4e00-\u9fff]/);
      }
    }
    const english = await customer.browser.post(
      '/v1/quotes',
      { product: { type: 'line_topup', product: offer.id, phone: PARENT, amount: '5' }, method: 'card' },
      { 'accept-language': 'en' },
    );
    expect(english.json<ErrorBody>().error.message).toBe('Choose an amount from 10.00 to 500.00 CNY.');
    // A gift to the same number is quotable with the API's minor units too.
    const gift = await quoteFor(customer.browser, { product: offer.id, phone: PARENT, amount_minor: 10_000 });
    expect(gift.json<QuoteBody>().items[0]).toMatchObject({
      face: { amount_minor: 10_000, currency: 'CNY' },
      amount: { amount_minor: 1450, currency: 'USD' }, // ¥100 ÷ 7.1 = $14.08; + 3 % = $14.50
    });
    expect((await customer.browser.get('/v1/orders')).json<{ data: unknown[] }>().data).toEqual([]);
    expect(world.reloadly.topUpRequests()).toBe(sentBefore);
  });
});
