import { describe, expect, it } from 'vitest';
import { ManualClock } from '../src/kernel/clock.js';
import { browserFor, aCustomer, aStaffMember } from './helpers/people.js';
import { describeEachDatabase } from './helpers/databases.js';
import { usePaymentWorld } from './helpers/payments.js';

/**
 * One price from the catalog card to the quote: a plan sold through a line shows what its offer costs (face +
 * markup), the line's offer shows the same, and the quote's subtotal is that figure with the method fee added on
 * top — the fee rule is public before any quote. Travel eSIMs say they are not on sale yet.
 */

interface PlanBody {
  id: string;
  slug: string;
  category: string;
  price: { amount_minor: number; currency: string };
  purchase: string;
  esim_purchasable: boolean;
}
interface MethodFee {
  object: string;
  method: string;
  fee_percent_bps: number;
  fee_fixed: { amount_minor: number; currency: string };
  charge_currency: string;
}

/** T-Mobile numbers end in 0–2 in the simulator's detection. */
const TMOBILE = '+16462174512';

describeEachDatabase('one price for a plan: card, line page and quote', (testDb) => {
  const clock = new ManualClock(new Date());
  const world = usePaymentWorld(testDb, clock, { airtime: true });

  const plans = async () =>
    (await browserFor(world.app).get('/v1/plans?limit=100')).json<{ data: PlanBody[] }>().data;

  it('prices a carrier plan at its offer’s price, the same on the line page and as the quote’s subtotal', async () => {
    const listed = await plans();
    const tenGb = listed.find((plan) => plan.slug === 't-mobile-prepaid-10gb-30d')!;
    // The catalog's list price is $40; the operator's 3 % markup makes the customer's price $41.20.
    expect(tenGb).toMatchObject({ purchase: 'line', price: { amount_minor: 4120, currency: 'USD' } });
    const weekly = listed.find((plan) => plan.slug === 't-mobile-data-1gb-7d')!;
    expect(weekly).toMatchObject({ purchase: 'line', price: { amount_minor: 1030 } });
    const single = (await browserFor(world.app).get(`/v1/plans/${tenGb.id}`)).json<PlanBody>();
    expect(single.price).toEqual(tenGb.price);

    const customer = await aCustomer(world.app, world.mail, 'one.price@example.com');
    const line = (await customer.browser.post('/v1/lines', { phone: TMOBILE })).json<{ id: string }>();
    const offers = (await customer.browser.get(`/v1/offers?line=${line.id}`)).json<{
      data: { id: string; plan: string | null; price: { amount_minor: number } | null }[];
    }>().data;
    const offer = offers.find((candidate) => candidate.plan === tenGb.id)!;
    expect(offer.price?.amount_minor).toBe(4120);

    const quote = await customer.browser.post('/v1/quotes', {
      product: { type: 'line_topup', product: offer.id, line: line.id },
      method: 'card',
    });
    expect(quote.statusCode, quote.body).toBe(201);
    const body = quote.json<{
      subtotal: { amount_minor: number };
      fee: { amount_minor: number };
      fee_waived: { amount_minor: number } | null;
      total: { amount_minor: number };
    }>();
    expect(body.subtotal.amount_minor).toBe(4120);
    // A first order pays no fee: the fee the rule states is what was waived, on top of the same subtotal.
    const card = (await browserFor(world.app).get('/v1/method-fees')).json<{ data: MethodFee[] }>().data;
    const cardFee = card.find((fee) => fee.method === 'card')!;
    const stated = Math.round((4120 * cardFee.fee_percent_bps) / 10_000) + cardFee.fee_fixed.amount_minor;
    expect((body.fee_waived?.amount_minor ?? 0) + body.fee.amount_minor).toBe(stated);
    expect(body.total.amount_minor).toBe(4120 + body.fee.amount_minor);
  });

  it('follows the operator’s markup and stops offering a plan no product sells', async () => {
    const owner = await aStaffMember(
      world.app,
      { database: testDb.database, jobs: world.mail.jobs, clock },
      'markup@simfill.test',
      'owner',
    );
    const customer = await aCustomer(world.app, world.mail, 'markup.customer@example.com');
    const line = (await customer.browser.post('/v1/lines', { phone: '+16462174500' })).json<{ id: string }>();
    const unlimited = (await plans()).find((plan) => plan.slug === 't-mobile-unlimited-monthly')!;
    const offer = (await customer.browser.get(`/v1/offers?line=${line.id}`))
      .json<{ data: { id: string; plan: string | null }[] }>()
      .data.find((candidate) => candidate.plan === unlimited.id)!;

    expect(
      (await owner.browser.patch(`/v1/admin/topup-products/${offer.id}`, { markup_bps: 500 })).statusCode,
    ).toBe(200);
    clock.advance(10_000); // past the catalog's response cache
    const repriced = (await plans()).find((plan) => plan.id === unlimited.id)!;
    expect(repriced).toMatchObject({ purchase: 'line', price: { amount_minor: 5250 } });

    expect(
      (await owner.browser.patch(`/v1/admin/topup-products/${offer.id}`, { active: false })).statusCode,
    ).toBe(200);
    clock.advance(10_000);
    const offSale = (await plans()).find((plan) => plan.id === unlimited.id)!;
    expect(offSale).toMatchObject({ purchase: 'not_sold', price: { amount_minor: 5000 } });
    await owner.browser.patch(`/v1/admin/topup-products/${offer.id}`, { active: true, markup_bps: 300 });
  });

  it('says every demo travel eSIM can be bought as a new eSIM (it has an eSIM source), at its list price', async () => {
    const esims = (await plans()).filter((plan) => plan.category === 'travel_esim');
    expect(esims.length).toBeGreaterThan(0);
    for (const plan of esims) {
      expect(plan).toMatchObject({ purchase: 'esim', esim_purchasable: true });
    }
    const carrierPlans = (await plans()).filter((plan) => plan.category === 'carrier_plan');
    for (const plan of carrierPlans) expect(plan.esim_purchasable).toBe(false);
    expect(esims.find((plan) => plan.slug === 'travel-usa-10gb-30d')?.price.amount_minor).toBe(2000);
  });

  describe('GET /v1/method-fees', () => {
    it('states every method’s fee to anyone, before a quote: cards and PayPal charge USD, Alipay and WeChat Pay CNY, the wallet is free', async () => {
      const response = await browserFor(world.app).get('/v1/method-fees');
      expect(response.statusCode).toBe(200);
      const fees = response.json<{ object: string; data: MethodFee[] }>();
      expect(fees.object).toBe('list');
      expect(fees.data.map((fee) => fee.method)).toEqual(
        expect.arrayContaining(['card', 'alipay', 'wechat_pay', 'paypal', 'wallet']),
      );
      const by = new Map(fees.data.map((fee) => [fee.method, fee]));
      expect(by.get('wallet')).toMatchObject({ fee_percent_bps: 0, fee_fixed: { amount_minor: 0 } });
      expect(by.get('alipay')).toMatchObject({ object: 'method_fee', charge_currency: 'CNY' });
      expect(by.get('card')).toMatchObject({ charge_currency: 'USD' });
      expect(by.get('card')!.fee_percent_bps).toBeGreaterThan(0);
    });
  });
});
