import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/kernel/clock.js';
import {
  advanceEsimOrder,
  esimOrderEvents,
  esimOrderOfOrder,
  sweepEsimOrders,
} from '../src/modules/esim/service.js';
import { trialBalance } from '../src/modules/ledger/service.js';
import type { TestClient } from './helpers/client.js';
import { describeEachDatabase } from './helpers/databases.js';
import { decide } from './helpers/hosted.js';
import { usePaymentWorld } from './helpers/payments.js';
import { aCustomer } from './helpers/people.js';
import { until } from './helpers/wait.js';

/**
 * Buying a travel eSIM and topping it up through the checkout, against the Airalo simulator over real HTTP:
 * the order fulfilled with an eSIM line, the install QR code decoding to the exact activation code, a top-up on
 * the same ICCID growing the data left, a package meant for another eSIM refused before any money moves, every
 * refusal the provider gives (stock, credit, maintenance, recycled) ending in the right place, and an answer lost
 * after the provider made the eSIM found by its reference instead of a second eSIM.
 */

interface OrderBody {
  id: string;
  status: string;
  product: string;
  esim: string | null;
  item_name: string | null;
}
interface EsimBody {
  id: string;
  iccid: string;
  line: string | null;
  order: string;
  source: string;
  name: string;
  install_state: string;
  install: {
    activation_code: string;
    smdp_address: string;
    matching_id: string;
    confirmation_code_required: boolean;
    apple_install_url: string;
    qr_png_url: string;
    qr_svg_url: string;
  };
  packages: { package_id: string; kind: string; data_mb: number | null; countries: string[] }[];
  usage: {
    total_mb: number | null;
    remaining_mb: number | null;
    source: string;
    status: string | null;
  } | null;
  top_up_allowed: boolean;
}
interface TopUpPackageBody {
  package_id: string;
  name: string;
  data_mb: number | null;
  price: { amount_minor: number; currency: string };
}
interface ErrorBody {
  error: { code: string; message: string };
}

const MB = 1024 * 1024;
/** The simulator's US operator (Change) and its packages, mapped from the demo catalog's USA travel eSIMs. */
const CHANGE_OPERATOR = 101;
const US_1GB_7D = 'change-7days-1gb';

describeEachDatabase(
  'eSIMs bought and topped up through the checkout (Airalo-compatible source)',
  (testDb) => {
    const clock = new ManualClock(new Date());
    const world = usePaymentWorld(testDb, clock, { esim: true });
    afterEach(() => {
      world.airalo.faults.reset();
      world.airalo.setStock(US_1GB_7D, undefined);
      world.airalo.setOperatorMaintenance(CHANGE_OPERATOR, false);
      world.airalo.setCreditMinor(100_000);
    });

    const orderOf = async (browser: TestClient, id: string) =>
      (await browser.get(`/v1/orders/${id}`)).json<OrderBody>();
    const settled = (browser: TestClient, id: string, status: string) =>
      until(
        () => orderOf(browser, id),
        (order) => order.status === status,
        `order ${status}`,
      );
    const sweep = () => sweepEsimOrders(world.checkout.esim);

    async function planId(slug: string): Promise<string> {
      const plans = (await world.app.inject({ method: 'GET', url: '/v1/plans?limit=100' })).json<{
        data: { id: string; slug: string; esim_purchasable: boolean }[];
      }>().data;
      const plan = plans.find((candidate) => candidate.slug === slug)!;
      expect(plan.esim_purchasable).toBe(true);
      return plan.id;
    }

    async function quote(browser: TestClient, product: object) {
      return browser.post('/v1/quotes', { product, method: 'alipay' });
    }

    /** Quote → order → Alipay approved on the provider's page. Returns the order id. */
    async function buy(browser: TestClient, product: object, key: string): Promise<string> {
      const quoted = await quote(browser, product);
      expect(quoted.statusCode, quoted.body).toBe(201);
      return payFor(browser, quoted.json<{ id: string }>().id, key);
    }

    async function payFor(browser: TestClient, quoteId: string, key: string): Promise<string> {
      const order = (await browser.post('/v1/orders', { quote: quoteId })).json<OrderBody>();
      const payment = await browser.post(`/v1/orders/${order.id}/payments`, {}, { 'idempotency-key': key });
      expect(payment.statusCode, payment.body).toBe(201);
      const action = payment.json<{ next_action: { url?: string } | null }>().next_action;
      if (action?.url) await decide(action.url, 'approve');
      return order.id;
    }

    async function ledgerBalanced() {
      for (const row of await trialBalance(testDb.database.db)) expect(row.sumMinor, row.currency).toBe(0);
    }

    async function boughtEsim(email: string, key: string) {
      const customer = await aCustomer(world.app, world.mail, email, { locale: 'zh-CN' });
      const orderId = await buy(
        customer.browser,
        { type: 'esim', plan: await planId('travel-usa-1gb-7d') },
        key,
      );
      const order = await settled(customer.browser, orderId, 'fulfilled');
      const esim = (await customer.browser.get(`/v1/esims/${order.esim}`)).json<EsimBody>();
      return { customer, order, esim };
    }

    it('buys a 7-day US eSIM: fulfilled, installable by a QR code that decodes to the exact activation code, and a data-only line', async () => {
      const requestsBefore = world.airalo.orderRequests();
      const { customer, order, esim } = await boughtEsim('traveller@example.com', 'esim-1');
      expect(order).toMatchObject({ product: 'esim', esim: expect.stringMatching(/^esim_/) });
      expect(order.item_name).toBe('美国旅行 eSIM 1GB（7天）');
      expect(world.airalo.orderRequests()).toBe(requestsBefore + 1);

      const atProvider = world.airalo.esim(esim.iccid)!;
      expect(esim).toMatchObject({
        source: 'airalo',
        name: '美国旅行 eSIM 1GB（7天）',
        install_state: 'not_installed',
        order: order.id,
        line: expect.stringMatching(/^line_/),
        top_up_allowed: true,
        packages: [{ package_id: US_1GB_7D, kind: 'new', data_mb: 1024, countries: ['US'] }],
      });
      expect(esim.install).toMatchObject({
        activation_code: `LPA:1$${atProvider.smdpAddress}$${atProvider.matchingId}`,
        smdp_address: atProvider.smdpAddress,
        matching_id: atProvider.matchingId,
        confirmation_code_required: false,
        qr_png_url: `/v1/esims/${esim.id}/qr.png`,
      });
      expect(esim.install.apple_install_url).toMatch(/^https:\/\/esimsetup\.apple\.com\//);
      // Read from the provider on this first look: nothing used yet.
      expect(esim.usage).toMatchObject({ total_mb: 1024, remaining_mb: 1024, source: 'provider' });

      const png = await customer.browser.get(esim.install.qr_png_url);
      expect(png.statusCode).toBe(200);
      expect(png.headers['content-type']).toBe('image/png');
      expect(png.headers['cache-control']).toContain('private');
      const dir = mkdtempSync(join(tmpdir(), 'esim-qr-'));
      try {
        writeFileSync(join(dir, 'qr.png'), png.rawPayload);
        const decoded = spawnSync('zbarimg', ['-q', '--raw', join(dir, 'qr.png')], { encoding: 'utf8' });
        expect(decoded.stdout.trim()).toBe(esim.install.activation_code);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      const again = await customer.browser.get(esim.install.qr_png_url, {
        'if-none-match': String(png.headers.etag),
      });
      expect(again.statusCode).toBe(304);
      const svg = await customer.browser.get(esim.install.qr_svg_url);
      expect(svg.headers['content-type']).toContain('image/svg+xml');

      const lines = (await customer.browser.get('/v1/lines')).json<{
        data: { id: string; kind: string; phone: string | null; iccid: string | null; esim: string | null }[];
      }>().data;
      expect(lines).toContainEqual(
        expect.objectContaining({
          id: esim.line,
          kind: 'esim',
          phone: null,
          iccid: esim.iccid,
          esim: esim.id,
        }),
      );
      // A data-only eSIM line has no number: no airtime offers for it.
      const offers = (await customer.browser.get(`/v1/offers?line=${esim.line}`)).json<{ data: unknown[] }>();
      expect(offers.data).toEqual([]);
      const receiptJson = (await customer.browser.get(`/v1/orders/${order.id}/receipt`)).json<{
        items: { type: string; name: string }[];
      }>();
      expect(receiptJson.items).toEqual([
        expect.objectContaining({ type: 'esim', name: '美国旅行 eSIM 1GB（7天）' }),
      ]);
      const list = (await customer.browser.get('/v1/esims')).json<{ data: EsimBody[]; has_more: boolean }>();
      expect(list.data.map((row) => row.id)).toEqual([esim.id]);

      const email = await world.mail.nextMessageTo('traveller@example.com');
      const receipt = email.subject.includes('eSIM')
        ? email
        : await world.mail.nextMessageTo('traveller@example.com');
      expect(receipt.subject).toContain('您的 eSIM 已开通');
      expect(receipt.text).toContain(`/esims/${esim.id}/install`);
      expect(receipt.text).toContain(esim.install.matching_id);
      expect(receipt.text).toContain(esim.install.smdp_address);
      expect(receipt.text).toContain('esimsetup.apple.com');

      // Another customer cannot see it.
      const stranger = await aCustomer(world.app, world.mail, 'stranger@example.com');
      expect((await stranger.browser.get(`/v1/esims/${esim.id}`)).statusCode).toBe(404);
      expect((await stranger.browser.get(esim.install.qr_png_url)).statusCode).toBe(404);
      await ledgerBalanced();
    });

    it('tops up 1 GB on the same ICCID: only this eSIM’s top-ups are offered, and the data left grows', async () => {
      const { customer, esim } = await boughtEsim('topup@example.com', 'esim-2');
      world.airalo.consume(esim.iccid, 512 * MB);
      const packages = (await customer.browser.get(`/v1/esims/${esim.id}/top-up-packages`)).json<{
        data: TopUpPackageBody[];
      }>().data;
      expect(packages.map((pkg) => pkg.package_id)).toContain('change-7days-1gb-topup');
      expect(packages.every((pkg) => pkg.package_id.startsWith('change-'))).toBe(true);
      const oneGb = packages.find((pkg) => pkg.package_id === 'change-7days-1gb-topup')!;
      // The retail price Airalo states for it ($6.00).
      expect(oneGb).toMatchObject({ data_mb: 1024, price: { amount_minor: 600, currency: 'USD' } });
      expect(oneGb.name).toBe('eSIM 流量加油包（1 GB · 7 天）');

      const orderId = await buy(
        customer.browser,
        { type: 'esim_topup', esim: esim.id, package: oneGb.package_id },
        'esim-2-topup',
      );
      const done = await settled(customer.browser, orderId, 'fulfilled');
      expect(done).toMatchObject({ product: 'esim_topup', esim: esim.id });
      expect(world.airalo.esim(esim.iccid)!.packages).toHaveLength(2);

      clock.advance(61_000); // past the stored reading's minute
      const after = (await customer.browser.get(`/v1/esims/${esim.id}`)).json<EsimBody>();
      expect(after.usage).toMatchObject({ total_mb: 2048, remaining_mb: 1536, status: 'active' });
      // In use at the provider: the profile is enabled on a phone.
      expect(after.install_state).toBe('enabled');
      expect(after.packages.map((pkg) => pkg.kind)).toEqual(['new', 'topup']);
      await ledgerBalanced();
    });

    it('refuses a top-up package that is not for this eSIM with 422, before anything is charged', async () => {
      const { customer, esim } = await boughtEsim('wrong-package@example.com', 'esim-3');
      const ordersBefore = world.airalo.orders().length;
      const refused = await quote(customer.browser, {
        type: 'esim_topup',
        esim: esim.id,
        package: 'asialink-7days-1gb-topup',
      });
      expect(refused.statusCode).toBe(422);
      expect(refused.json<ErrorBody>().error.code).toBe('esim_package_not_available');
      const notEsim = await quote(customer.browser, { type: 'esim', plan: await carrierPlanId() });
      expect(notEsim.statusCode).toBe(422);
      expect(notEsim.json<ErrorBody>().error.code).toBe('plan_not_esim');
      const orders = (await customer.browser.get('/v1/orders')).json<{ data: OrderBody[] }>().data;
      expect(orders).toHaveLength(1);
      expect(world.airalo.orders()).toHaveLength(ordersBefore);
    });

    async function carrierPlanId(): Promise<string> {
      const plans = (await world.app.inject({ method: 'GET', url: '/v1/plans?limit=100' })).json<{
        data: { id: string; category: string }[];
      }>().data;
      return plans.find((plan) => plan.category === 'carrier_plan')!.id;
    }

    it('fails and refunds an eSIM the provider has none of (34)', async () => {
      const customer = await aCustomer(world.app, world.mail, 'no-stock@example.com');
      const plan = await planId('travel-usa-1gb-7d');
      world.airalo.setStock(US_1GB_7D, 0);
      const orderId = await buy(customer.browser, { type: 'esim', plan }, 'stock-1');
      const refunded = await settled(customer.browser, orderId, 'refunded');
      expect(refunded.esim).toBeNull();
      const row = (await esimOrderOfOrder(testDb.database.db, orderId))!;
      expect(row).toMatchObject({ status: 'failed', providerCode: '34', attempts: 1 });
      await ledgerBalanced();
    });

    it('retries an order refused for the reseller’s credit (11), then fails and refunds it after the last attempt', async () => {
      const customer = await aCustomer(world.app, world.mail, 'credit@example.com');
      const plan = await planId('travel-usa-1gb-7d');
      world.airalo.setCreditMinor(0);
      const orderId = await buy(customer.browser, { type: 'esim', plan }, 'credit-1');
      await until(
        () => esimOrderOfOrder(testDb.database.db, orderId),
        (row) => row?.attempts === 1 && row.status === 'queued',
        'first refusal',
      );
      expect((await orderOf(customer.browser, orderId)).status).toBe('fulfilling');
      clock.advance(31_000);
      await sweep();
      expect((await esimOrderOfOrder(testDb.database.db, orderId))!).toMatchObject({
        status: 'queued',
        attempts: 2,
        providerCode: '11',
      });
      clock.advance(121_000);
      await sweep();
      await settled(customer.browser, orderId, 'refunded');
      const row = (await esimOrderOfOrder(testDb.database.db, orderId))!;
      expect(row).toMatchObject({ status: 'failed', attempts: 3, providerCode: '11' });
      const kinds = (await esimOrderEvents(testDb.database.db, row.id)).map((event) => event.kind);
      expect(kinds.filter((kind) => kind === 'retry_scheduled')).toHaveLength(2);
      await ledgerBalanced();
    });

    it('waits out the operator’s maintenance (13) and issues the eSIM once it is over', async () => {
      const customer = await aCustomer(world.app, world.mail, 'maintenance@example.com');
      const plan = await planId('travel-usa-1gb-7d');
      world.airalo.setOperatorMaintenance(CHANGE_OPERATOR, true);
      const orderId = await buy(customer.browser, { type: 'esim', plan }, 'maintenance-1');
      await until(
        () => esimOrderOfOrder(testDb.database.db, orderId),
        (row) => row?.providerCode === '13',
        'maintenance refusal',
      );
      world.airalo.setOperatorMaintenance(CHANGE_OPERATOR, false);
      clock.advance(31_000);
      await sweep();
      const done = await settled(customer.browser, orderId, 'fulfilled');
      expect(done.esim).toMatch(/^esim_/);
    });

    it('gives a data dir seeded before travel eSIMs had a source their sources at start, and keeps an operator’s own choice', async () => {
      const { linkDemoEsimSources } = await import('../src/modules/catalog/service.js');
      const { plans } = await import('../src/modules/catalog/schema.js');
      const { eq } = await import('drizzle-orm');
      const db = testDb.database.db;
      await db
        .update(plans)
        .set({ esimSource: null, esimPackageId: null })
        .where(eq(plans.slug, 'travel-asia-5gb-30d'));
      await db
        .update(plans)
        .set({ esimSource: 'smdp', esimPackageId: 'operator-profile' })
        .where(eq(plans.slug, 'travel-europe-5gb-30d'));
      expect(await linkDemoEsimSources(db)).toBe(1);
      const [asia] = await db.select().from(plans).where(eq(plans.slug, 'travel-asia-5gb-30d'));
      expect(asia).toMatchObject({ esimSource: 'airalo', esimPackageId: 'asialink-30days-5gb' });
      const [europe] = await db.select().from(plans).where(eq(plans.slug, 'travel-europe-5gb-30d'));
      expect(europe).toMatchObject({ esimSource: 'smdp', esimPackageId: 'operator-profile' });
      await db
        .update(plans)
        .set({ esimSource: 'airalo', esimPackageId: 'eurolink-30days-5gb' })
        .where(eq(plans.slug, 'travel-europe-5gb-30d'));
    });

    it('after a worker died mid-send (lease run out), asks the provider first, and sends only what it never got', async () => {
      const { esimOrders } = await import('../src/modules/esim/schema.js');
      const { eq } = await import('drizzle-orm');
      const customer = await aCustomer(world.app, world.mail, 'crashed@example.com');
      const plan = await planId('travel-usa-1gb-7d');
      world.airalo.setOperatorMaintenance(CHANGE_OPERATOR, true);
      const orderId = await buy(customer.browser, { type: 'esim', plan }, 'crashed-1');
      const row = await until(
        () => esimOrderOfOrder(testDb.database.db, orderId),
        (found) => found?.providerCode === '13' && found.status === 'queued',
        'maintenance refusal',
      );
      world.airalo.setOperatorMaintenance(CHANGE_OPERATOR, false);
      // As a worker leaves it when it is killed between marking the send and the provider receiving it.
      await testDb.database.db
        .update(esimOrders)
        .set({ status: 'sending', leaseUntil: new Date(clock.now().getTime() + 90_000) })
        .where(eq(esimOrders.id, row!.id));
      const before = world.airalo.orderRequests();
      clock.advance(31_000);
      await sweep();
      expect(world.airalo.orderRequests()).toBe(before); // its lease still holds it
      clock.advance(90_000);
      await sweep();
      await settled(customer.browser, orderId, 'fulfilled');
      expect(world.airalo.orderRequests()).toBe(before + 1);
      const kinds = (await esimOrderEvents(testDb.database.db, row!.id)).map((event) => event.kind);
      expect(kinds.slice(-2)).toEqual(['resent', 'issued']);
    });

    it('lets one worker of several racing for a due eSIM order send it (lease, FOR UPDATE SKIP LOCKED)', async () => {
      const customer = await aCustomer(world.app, world.mail, 'race@example.com');
      const plan = await planId('travel-usa-1gb-7d');
      world.airalo.setOperatorMaintenance(CHANGE_OPERATOR, true);
      const orderId = await buy(customer.browser, { type: 'esim', plan }, 'race-1');
      const row = await until(
        () => esimOrderOfOrder(testDb.database.db, orderId),
        (found) => found?.providerCode === '13' && found.status === 'queued',
        'maintenance refusal',
      );
      world.airalo.setOperatorMaintenance(CHANGE_OPERATOR, false);
      world.airalo.faults.latencyMs = 300;
      clock.advance(31_000);
      const before = world.airalo.orderRequests();
      await Promise.all([
        advanceEsimOrder(world.checkout.esim, row!.id),
        advanceEsimOrder(world.checkout.esim, row!.id),
        sweep(),
      ]);
      await settled(customer.browser, orderId, 'fulfilled');
      expect(world.airalo.orderRequests()).toBe(before + 1);
    });

    it('refunds a top-up of an eSIM the provider recycled (73) after it was quoted', async () => {
      const { customer, esim } = await boughtEsim('recycled@example.com', 'esim-4');
      const quoted = await quote(customer.browser, {
        type: 'esim_topup',
        esim: esim.id,
        package: 'change-7days-1gb-topup',
      });
      expect(quoted.statusCode).toBe(201);
      world.airalo.recycle(esim.iccid);
      const orderId = await payFor(customer.browser, quoted.json<{ id: string }>().id, 'recycled-1');
      await settled(customer.browser, orderId, 'refunded');
      expect((await esimOrderOfOrder(testDb.database.db, orderId))!).toMatchObject({
        status: 'failed',
        providerCode: '73',
      });
      expect(world.airalo.esim(esim.iccid)!.packages).toHaveLength(1);
      await ledgerBalanced();
    });

    it('finds an eSIM whose answer was lost after the provider made it by its reference: never a second eSIM', async () => {
      const customer = await aCustomer(world.app, world.mail, 'lost-answer@example.com');
      const plan = await planId('travel-usa-1gb-7d');
      const requestsBefore = world.airalo.orderRequests();
      world.airalo.faults.timeoutNextRequests(1, { afterProcessing: true });
      const orderId = await buy(customer.browser, { type: 'esim', plan }, 'lost-1');
      await until(
        () => esimOrderOfOrder(testDb.database.db, orderId),
        (row) => row?.status === 'unknown',
        'answer lost',
      );
      expect(world.airalo.orderRequests()).toBe(requestsBefore + 1);
      clock.advance(31_000);
      await sweep();
      const done = await settled(customer.browser, orderId, 'fulfilled');
      expect(world.airalo.orderRequests()).toBe(requestsBefore + 1);
      const atProvider = world.airalo.orders().filter((order) => order.description === orderId);
      expect(atProvider).toHaveLength(1);
      const esim = (await customer.browser.get(`/v1/esims/${done.esim}`)).json<EsimBody>();
      expect(esim.iccid).toBe(atProvider[0]!.iccids[0]);
      const row = (await esimOrderOfOrder(testDb.database.db, orderId))!;
      const kinds = (await esimOrderEvents(testDb.database.db, row.id)).map((event) => event.kind);
      expect(kinds).toEqual(['queued', 'sent', 'answer_lost', 'issued']);
      await ledgerBalanced();
    });
  },
);

describe('the Airalo source’s error kinds', () => {
  it('refuses for good on stock (33, 34), recycled (73), top-up disabled (23), an invalid or unknown package; retries credit (11), maintenance (13) and rate limits; a lost answer is unknown', async () => {
    const { sourceErrorOf } = await import('../src/modules/esim/service.js');
    const { EsimProviderError } = await import('../src/ports/esim.js');
    const kindOf = (kind: ConstructorParameters<typeof EsimProviderError>[0], code: string) =>
      sourceErrorOf(new EsimProviderError(kind, code, 'x')).kind;
    expect(kindOf('out_of_stock', '33')).toBe('refused');
    expect(kindOf('out_of_stock', '34')).toBe('refused');
    expect(kindOf('recycled', '73')).toBe('refused');
    expect(kindOf('topup_disabled', '23')).toBe('refused');
    expect(kindOf('invalid_request', '14')).toBe('refused');
    expect(kindOf('not_found', 'HTTP_404')).toBe('refused');
    expect(kindOf('insufficient_credit', '11')).toBe('retry');
    expect(kindOf('maintenance', '13')).toBe('retry');
    expect(kindOf('rate_limited', 'HTTP_429')).toBe('retry');
    expect(kindOf('unknown', 'NO_RESPONSE')).toBe('unknown');
    expect(kindOf('unavailable', 'NO_RESPONSE')).toBe('unknown');
    expect(sourceErrorOf(new Error('crash')).kind).toBe('unknown');
    const limited = sourceErrorOf(
      new EsimProviderError('rate_limited', 'HTTP_429', 'slow down', {
        limit: 10,
        remaining: 0,
        retryAfterSeconds: 42,
      }),
    );
    expect(limited.retryAfterMs).toBe(42_000);
  });
});

describe('eSIM top-up prices', () => {
  it('is the retail price when the provider states one, else the net price plus the markup rounded half to even', async () => {
    const { topUpPriceMinor } = await import('../src/modules/esim/service.js');
    expect(topUpPriceMinor({ retailPriceMinor: 600, netPriceMinor: 450 }, 3000)).toBe(600);
    expect(topUpPriceMinor({ retailPriceMinor: undefined, netPriceMinor: 450 }, 3000)).toBe(585);
    // 0.5 cent: to even (4.5 × 10 % = 0.45 → 0; 15 × 10 % = 1.5 → 2).
    expect(topUpPriceMinor({ retailPriceMinor: undefined, netPriceMinor: 5 }, 1000)).toBe(5);
    expect(topUpPriceMinor({ retailPriceMinor: undefined, netPriceMinor: 15 }, 1000)).toBe(17);
    expect(topUpPriceMinor({ retailPriceMinor: undefined, netPriceMinor: undefined }, 3000)).toBeUndefined();
  });
});
