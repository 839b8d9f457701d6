import { describe, expect, it } from 'vitest';
import { ManualClock } from '../src/kernel/clock.js';
import { trialBalance } from '../src/modules/ledger/service.js';
import type { TestClient } from './helpers/client.js';
import { describeEachDatabase } from './helpers/databases.js';
import { decide } from './helpers/hosted.js';
import { usePaymentWorld } from './helpers/payments.js';
import { aCustomer } from './helpers/people.js';
import { until } from './helpers/wait.js';

/**
 * The operator's own eSIM, end to end against its SM-DP+ over ES2+: bought with WeChat Pay through the checkout,
 * a profile from SimFill's pool downloaded and confirmed at the SM-DP+, installed by a (simulated) phone that
 * scans the activation code — the SM-DP+'s HandleDownloadProgressInfo moving the eSIM to "installed" — then a
 * 1 GB data pack on the same ICCID growing the data it holds.
 */

interface OrderBody {
  id: string;
  status: string;
  product: string;
  esim: string | null;
}
interface EsimBody {
  id: string;
  iccid: string;
  source: string;
  install_state: string;
  install: { activation_code: string; matching_id: string };
  packages: { package_id: string; kind: string; data_mb: number | null }[];
  usage: { total_mb: number | null; remaining_mb: number | null; source: string } | null;
  top_up_allowed: boolean;
}

const OWN_ESIM_PLAN = 'simfill-us-data-esim-3gb-30d';
const EID = '89049032123451234512345678901235';

describeEachDatabase('the operator’s own eSIM through its SM-DP+ (ES2+)', (testDb) => {
  const clock = new ManualClock(new Date());
  const world = usePaymentWorld(testDb, clock, { esim: true, smdp: true });

  const orderOf = async (browser: TestClient, id: string) =>
    (await browser.get(`/v1/orders/${id}`)).json<OrderBody>();
  const esimOf = async (browser: TestClient, id: string) =>
    (await browser.get(`/v1/esims/${id}`)).json<EsimBody>();

  /** Quote → order → WeChat Pay approved on the provider's page; waits for the order to be fulfilled. */
  async function buy(browser: TestClient, product: object, key: string): Promise<OrderBody> {
    const quoted = await browser.post('/v1/quotes', { product, method: 'wechat_pay' });
    expect(quoted.statusCode, quoted.body).toBe(201);
    const order = (
      await browser.post('/v1/orders', { quote: quoted.json<{ id: string }>().id })
    ).json<OrderBody>();
    const payment = await browser.post(`/v1/orders/${order.id}/payments`, {}, { 'idempotency-key': key });
    expect(payment.statusCode, payment.body).toBe(201);
    // WeChat Pay shows a QR code; the customer's phone scans it (the provider's hosted instructions page).
    const action = payment.json<{ next_action: { hosted_instructions_url?: string } | null }>().next_action;
    await decide(action!.hosted_instructions_url!, 'approve');
    return until(
      () => orderOf(browser, order.id),
      (current) => current.status === 'fulfilled' || current.status === 'refunded',
      'order settled',
    );
  }

  it('buys it with WeChat Pay, installs it from its activation code, and tops the same ICCID up', async () => {
    const customer = await aCustomer(world.app, world.mail, 'own-esim@example.com', { locale: 'zh-CN' });
    const plans = (await world.app.inject({ method: 'GET', url: '/v1/plans?limit=100' })).json<{
      data: { id: string; slug: string; esim_purchasable: boolean }[];
    }>().data;
    const plan = plans.find((candidate) => candidate.slug === OWN_ESIM_PLAN)!;
    expect(plan.esim_purchasable).toBe(true);

    const order = await buy(customer.browser, { type: 'esim', plan: plan.id }, 'own-esim-1');
    expect(order).toMatchObject({ status: 'fulfilled', product: 'esim' });
    const esim = await esimOf(customer.browser, order.esim!);
    expect(esim).toMatchObject({
      source: 'smdp',
      install_state: 'not_installed',
      top_up_allowed: true,
      packages: [{ kind: 'new', data_mb: 3 * 1024 }],
    });
    // The SM-DP+ holds the profile released for exactly this activation code.
    const atSmdp = world.smdp.profile(esim.iccid)!;
    expect(atSmdp.state).toBe('Released');
    expect(esim.install.activation_code).toBe(`LPA:1$${world.smdp.smdpAddress}$${esim.install.matching_id}`);

    // A phone scans the code: the SM-DP+ tells SimFill "downloaded", then "installed".
    const scanned = await fetch(`${world.smdp.baseUrl}/_simulator/devices/download`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ activation_code: esim.install.activation_code, eid: EID, install: 'ok' }),
    });
    expect(scanned.status, await scanned.text()).toBe(200);
    const installed = await until(
      () => esimOf(customer.browser, esim.id),
      (current) => current.install_state === 'installed',
      'eSIM installed',
    );
    // SimFill is this network's charging system, but it meters no usage yet (issue 18): what is used is not
    // claimed to be known, only what the eSIM holds.
    expect(installed.usage).toMatchObject({ total_mb: 3 * 1024, remaining_mb: null, source: 'simfill' });

    const packs = (await customer.browser.get(`/v1/esims/${esim.id}/top-up-packages`)).json<{
      data: { package_id: string; data_mb: number | null }[];
    }>().data;
    const oneGb = packs.find((pack) => pack.data_mb === 1024)!;
    expect(oneGb).toBeDefined();
    const topUp = await buy(
      customer.browser,
      { type: 'esim_topup', esim: esim.id, package: oneGb.package_id },
      'own-esim-topup-1',
    );
    expect(topUp).toMatchObject({ status: 'fulfilled', product: 'esim_topup', esim: esim.id });
    const after = await esimOf(customer.browser, esim.id);
    expect(after.iccid).toBe(esim.iccid);
    expect(after.packages.map((pack) => pack.kind).sort()).toEqual(['new', 'topup']);
    expect(after.usage!.total_mb).toBe(4 * 1024);
    expect(after.install_state).toBe('installed');

    for (const row of await trialBalance(testDb.database.db)) expect(row.sumMinor, row.currency).toBe(0);
  });

  describe('a package the eSIM does not take', () => {
    it('is refused before any money moves', async () => {
      const customer = await aCustomer(world.app, world.mail, 'own-esim-2@example.com', { locale: 'en' });
      const plans = (await world.app.inject({ method: 'GET', url: '/v1/plans?limit=100' })).json<{
        data: { id: string; slug: string }[];
      }>().data;
      const plan = plans.find((candidate) => candidate.slug === OWN_ESIM_PLAN)!;
      const order = await buy(customer.browser, { type: 'esim', plan: plan.id }, 'own-esim-2');
      const refused = await customer.browser.post('/v1/quotes', {
        product: { type: 'esim_topup', esim: order.esim, package: 'change-7days-1gb-topup' },
        method: 'wechat_pay',
      });
      expect(refused.statusCode).toBe(422);
      expect(refused.json<{ error: { code: string; message: string } }>().error).toMatchObject({
        code: 'esim_package_not_available',
      });
    });
  });
});
