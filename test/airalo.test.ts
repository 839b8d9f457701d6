import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAiraloClient, type AiraloClient } from '../src/adapters/airalo/client.js';
import { answerAiraloWebhook, verifyAiraloSignature } from '../src/adapters/airalo/webhooks.js';
import { ManualClock } from '../src/kernel/clock.js';
import { hasValidLuhn } from '../src/kernel/identifiers.js';
import { appleInstallLink, parseActivationCode } from '../src/modules/esim/service.js';
import { EsimProviderError, type EsimErrorKind, type EsimUsageNotification } from '../src/ports/esim.js';
import { startAiraloSimulator, type AiraloSimulator } from '../src/simulators/airalo/server.js';

/**
 * The Airalo Partner API v2 client against the Airalo simulator: the token, the catalog, an order's eSIMs and how
 * they install, a top-up on the same ICCID, usage after the phone used data, the low-data webhooks (HEAD probe,
 * `airalo-signature`), each 422 code as SimFill's error, the rate limits, and an order whose answer was lost
 * found again by its reference instead of being placed twice.
 */

const CLIENT_ID = 'simfill-airalo';
const CLIENT_SECRET = 'airalo-secret-for-tests';
const MB = 1024 * 1024;

let clock: ManualClock;
let airalo: AiraloSimulator;
let client: AiraloClient;
let receiver: http.Server;
let receiverUrl: string;
const notifications: EsimUsageNotification[] = [];
const received: { method: string; status: number; rawBody: string; signature: string | undefined }[] = [];

/** SimFill's side of the webhook, as the app will host it: the adapter's answer over plain HTTP. */
async function startReceiver(): Promise<void> {
  receiver = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const answer = answerAiraloWebhook(
        { method: request.method ?? 'GET', headers: request.headers, rawBody },
        CLIENT_SECRET,
      );
      if (answer.notification) notifications.push(answer.notification);
      const signature = request.headers['airalo-signature'];
      received.push({
        method: request.method ?? '',
        status: answer.status,
        rawBody,
        signature: typeof signature === 'string' ? signature : undefined,
      });
      response.writeHead(answer.status).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/airalo`;
}

const control = (path: string, body?: unknown) =>
  fetch(`${airalo.baseUrl}/_simulator${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    body: body === undefined ? undefined : JSON.stringify(body),
  });

async function refusal(promise: Promise<unknown>): Promise<EsimProviderError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(EsimProviderError);
  return error as EsimProviderError;
}

const anOrder = (packageId: string, reference: string, quantity = 1) =>
  client.createOrder({ providerPackageId: packageId, quantity, reference });

beforeAll(async () => {
  clock = new ManualClock('2026-12-04T03:00:00Z');
  airalo = await startAiraloSimulator({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, clock });
  client = createAiraloClient({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    apiBase: airalo.baseUrl,
    timeoutMs: 2_000,
  });
  await startReceiver();
});

afterAll(async () => {
  await airalo.close();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

describe('Airalo Partner API v2 client against the simulator', () => {
  it('gets one token and keeps it, and a fresh one once the old one is refused', async () => {
    await client.listPackages('US');
    await client.listPackages('JP');
    expect(airalo.tokenRequests()).toBe(1);
    expect((await control('/tokens/revoke', {})).status).toBe(204);
    expect((await client.listPackages('US')).length).toBeGreaterThan(0);
    expect(airalo.tokenRequests()).toBe(2);
  });

  it('asks for one token however many calls start together (Airalo allows 3 a minute)', async () => {
    const other = await startAiraloSimulator({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
    try {
      const fresh = createAiraloClient({
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        apiBase: other.baseUrl,
        timeoutMs: 2_000,
      });
      const answers = await Promise.all(Array.from({ length: 8 }, () => fresh.listPackages('US')));
      expect(answers.every((packages) => packages.length > 0)).toBe(true);
      expect(other.tokenRequests()).toBe(1);
    } finally {
      await other.close();
    }
  });

  it('refuses wrong credentials, and a fourth token request within a minute with 429', async () => {
    const other = await startAiraloSimulator({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
    try {
      const wrong = createAiraloClient({
        clientId: CLIENT_ID,
        clientSecret: 'not-the-secret',
        apiBase: other.baseUrl,
        timeoutMs: 2_000,
      });
      expect((await refusal(wrong.listPackages('US'))).kind).toBe('authentication');
      await refusal(wrong.listPackages('US'));
      await refusal(wrong.listPackages('US'));
      const limited = await refusal(wrong.listPackages('US'));
      expect(limited.kind).toBe('rate_limited');
      expect(limited.rateLimit).toMatchObject({ limit: 3, remaining: 0 });
      expect(limited.rateLimit?.retryAfterSeconds).toBeGreaterThan(0);
    } finally {
      await other.close();
    }
  });

  it('lists a country’s packages with net price, data, days and unlimited, top-ups included', async () => {
    const us = await client.listPackages('US');
    expect(us.find((pkg) => pkg.providerPackageId === 'change-7days-1gb')).toEqual({
      providerPackageId: 'change-7days-1gb',
      kind: 'sim',
      title: '1 GB - 7 Days',
      amountMb: 1024,
      isUnlimited: false,
      validityDays: 7,
      netPriceMinor: 450,
      retailPriceMinor: 600,
      currency: 'USD',
      operatorName: 'Change',
      countries: ['US'],
      coverage: 'local',
      rechargeable: true,
    });
    expect(us.find((pkg) => pkg.providerPackageId === 'change-1day-unlimited')).toMatchObject({
      amountMb: undefined,
      isUnlimited: true,
      validityDays: 1,
    });
    expect(us.filter((pkg) => pkg.kind === 'topup').map((pkg) => pkg.providerPackageId)).toContain(
      'change-7days-1gb-topup',
    );
    expect((await client.listPackages('JP')).map((pkg) => pkg.validityDays)).toContain(30);
    const all = await client.listPackages();
    const asia = all.find((pkg) => pkg.providerPackageId === 'asialink-7days-1gb');
    expect(asia?.coverage).toBe('regional');
    expect(asia?.countries).toEqual(expect.arrayContaining(['JP', 'CN', 'HK']));
    expect(all.some((pkg) => pkg.countries.includes('CN') && pkg.coverage === 'local')).toBe(true);
    expect(all.some((pkg) => pkg.countries.includes('HK') && pkg.coverage === 'local')).toBe(true);
  });

  it('orders an eSIM that installs by QR code (SGP.22 LPA string), QR image or Apple’s one-tap link', async () => {
    const creditBefore = airalo.creditMinor();
    const order = await anOrder('change-7days-1gb', 'ord_install_1');
    expect(order).toMatchObject({
      reference: 'ord_install_1',
      providerPackageId: 'change-7days-1gb',
      quantity: 1,
      priceMinor: 450,
      currency: 'USD',
    });
    expect(order.providerOrderCode).toMatch(/^20261204-\d{6}$/);
    expect(airalo.creditMinor()).toBe(creditBefore - 450);
    const [sim] = order.sims;
    expect(order.sims).toHaveLength(1);
    expect(sim!.iccid).toMatch(/^89\d{17}$/);
    expect(hasValidLuhn(sim!.iccid)).toBe(true);
    const parsed = parseActivationCode(sim!.activationCode);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.code).toMatchObject({ smdpAddress: sim!.smdpAddress, matchingId: sim!.matchingId });
    expect(sim!.appleInstallUrl).toBe(appleInstallLink(parsed.code));
    expect(sim!.qrCodeUrl).toMatch(/^https:\/\//);
  });

  it('tops up the same eSIM: same ICCID, the top-up listed first in its packages, no new eSIM', async () => {
    const { sims } = await anOrder('change-7days-1gb', 'ord_topup_1');
    const iccid = sims[0]!.iccid;
    const ordersBefore = airalo.orders().length;
    const topUp = await client.topUp(iccid, 'change-7days-1gb-topup');
    expect(topUp).toMatchObject({ iccid, providerPackageId: 'change-7days-1gb-topup', priceMinor: 450 });
    expect(airalo.orders()).toHaveLength(ordersBefore + 1);
    expect(airalo.orders().at(-1)!.iccids).toEqual([iccid]);
    const history = await client.simPackages(iccid);
    expect(history.map((pkg) => [pkg.providerPackageId, pkg.kind, pkg.status])).toEqual([
      ['change-7days-1gb-topup', 'topup', 'not_active'],
      ['change-7days-1gb', 'sim', 'not_active'],
    ]);
    expect((await client.simUsage(iccid)).totalMb).toBe(2048);
  });

  it('reports usage after the phone used data, and the validity counted from first use', async () => {
    const { sims } = await anOrder('change-30days-5gb', 'ord_usage_1');
    const iccid = sims[0]!.iccid;
    expect(await client.simUsage(iccid)).toEqual({
      status: 'not_active',
      totalMb: 5120,
      remainingMb: 5120,
      isUnlimited: false,
      expiresAt: undefined,
    });
    expect((await control(`/sims/${iccid}/consume`, { bytes: 1200 * MB })).status).toBe(204);
    expect(await client.simUsage(iccid)).toEqual({
      status: 'active',
      totalMb: 5120,
      remainingMb: 3920,
      isUnlimited: false,
      expiresAt: new Date(clock.now().getTime() + 30 * 86_400_000),
    });
    const unlimited = (await anOrder('change-1day-unlimited', 'ord_usage_2')).sims[0]!.iccid;
    airalo.consume(unlimited, 9000 * MB);
    expect(await client.simUsage(unlimited)).toMatchObject({
      status: 'active',
      isUnlimited: true,
      totalMb: undefined,
      remainingMb: undefined,
    });
  });

  it('opts in after answering the HEAD probe, and refuses a URL that does not answer it', async () => {
    const refused = await refusal(client.optInLowDataNotifications('http://127.0.0.1:9/nothing'));
    expect(refused.kind).toBe('invalid_request');
    await client.optInLowDataNotifications(receiverUrl);
    expect(received.filter((request) => request.method === 'HEAD')).toEqual([
      { method: 'HEAD', status: 200, rawBody: '', signature: undefined },
    ]);
  });

  it('sends signed low-data webhooks at 75 % and 90 % used and 3 days and 1 day before expiry', async () => {
    const iccid = (await anOrder('moshi-moshi-7days-1gb', 'ord_lowdata_1')).sims[0]!.iccid;
    notifications.length = 0;
    airalo.consume(iccid, 700 * MB);
    await airalo.webhooksSettled();
    expect(notifications).toEqual([]);
    airalo.consume(iccid, 100 * MB);
    await airalo.webhooksSettled();
    expect(notifications).toEqual([
      { iccid, kind: 'data_75', providerPackageName: '1 GB - 7 Days', remainingPercentage: 22 },
    ]);
    airalo.consume(iccid, 150 * MB);
    clock.advance(4.5 * 86_400_000);
    airalo.checkNotifications();
    await airalo.webhooksSettled();
    clock.advance(2 * 86_400_000);
    airalo.checkNotifications();
    await airalo.webhooksSettled();
    expect(notifications.map((notification) => notification.kind)).toEqual([
      'data_75',
      'data_90',
      'expire_3',
      'expire_1',
    ]);
    const posts = received.filter((request) => request.method === 'POST');
    expect(posts.every((post) => post.status === 200)).toBe(true);
    for (const post of posts)
      expect(verifyAiraloSignature(post.rawBody, post.signature, CLIENT_SECRET)).toBe(true);
    expect(airalo.webhookDeliveries().filter((delivery) => delivery.iccid === iccid)).toHaveLength(4);
  });

  it('refuses a webhook whose body was changed after signing, and one signed with another secret', async () => {
    const original = received.find((request) => request.method === 'POST')!;
    const tampered = original.rawBody.replace('"data_75"', '"data_90"');
    expect(tampered).not.toBe(original.rawBody);
    const before = notifications.length;
    const post = (body: string, signature: string) =>
      fetch(receiverUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'airalo-signature': signature },
        body,
      });
    expect((await post(tampered, original.signature!)).status).toBe(401);
    expect((await post(original.rawBody, 'ab'.repeat(64))).status).toBe(401);
    expect((await post(original.rawBody, 'not-hex')).status).toBe(401);
    expect(notifications).toHaveLength(before);
    expect((await post(original.rawBody, original.signature!)).status).toBe(200);
  });

  it('surfaces each of Airalo’s 422 codes as SimFill’s own error', async () => {
    const expectRefusal = async (promise: Promise<unknown>, kind: EsimErrorKind, code: string) => {
      const error = await refusal(promise);
      expect([error.kind, error.providerCode]).toEqual([kind, code]);
    };
    const credit = airalo.creditMinor();
    airalo.setCreditMinor(100);
    await expectRefusal(anOrder('change-7days-1gb', 'ord_err_11'), 'insufficient_credit', '11');
    airalo.setCreditMinor(credit);

    airalo.setOperatorMaintenance(201, true);
    await expectRefusal(anOrder('moshi-moshi-7days-1gb', 'ord_err_13'), 'maintenance', '13');
    airalo.setOperatorMaintenance(201, false);

    const chinese = (await anOrder('chinacom-7days-3gb', 'ord_err_23')).sims[0]!.iccid;
    await expectRefusal(client.topUp(chinese, 'chinacom-7days-3gb-topup'), 'topup_disabled', '23');
    await expectRefusal(anOrder('chinacom-7days-3gb', 'ord_err_33', 3), 'out_of_stock', '33');
    airalo.setStock('hkmobile-7days-2gb', 0);
    await expectRefusal(anOrder('hkmobile-7days-2gb', 'ord_err_34'), 'out_of_stock', '34');

    const recycled = (await anOrder('change-7days-1gb', 'ord_err_73')).sims[0]!.iccid;
    airalo.recycle(recycled);
    await expectRefusal(client.topUp(recycled, 'change-7days-1gb-topup'), 'recycled', '73');
    expect((await client.simUsage(recycled)).status).toBe('recycled');
    expect(airalo.orders().filter((order) => order.description?.startsWith('ord_err_'))).toHaveLength(2);
  });

  it('reads the rate-limit headers, and answers 429 as rate_limited past 10 usage reads a minute', async () => {
    await client.listPackages('US');
    const first = client.lastRateLimit();
    await client.listPackages('US');
    expect(first?.limit).toBe(80);
    expect(client.lastRateLimit()?.remaining).toBe(first!.remaining! - 1);
    const iccid = (await anOrder('asialink-7days-1gb', 'ord_limits_1')).sims[0]!.iccid;
    for (let read = 1; read <= 10; read += 1) await client.simUsage(iccid);
    expect(client.lastRateLimit()).toMatchObject({ limit: 10, remaining: 0 });
    const limited = await refusal(client.simUsage(iccid));
    expect(limited.kind).toBe('rate_limited');
    expect(limited.rateLimit?.retryAfterSeconds).toBeGreaterThan(0);
    clock.advance(60_000);
    expect((await client.simUsage(iccid)).status).toBe('not_active');
  });

  it('finds an order whose answer timed out by its reference, so a retry never makes a second eSIM', async () => {
    const slow = createAiraloClient({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      apiBase: airalo.baseUrl,
      timeoutMs: 300,
    });
    await slow.listPackages('US');
    const requestsBefore = airalo.orderRequests();
    const esimsBefore = airalo.orders().flatMap((order) => order.iccids).length;
    airalo.faults.timeoutNextRequests(1, { afterProcessing: true });
    const lost = await refusal(
      slow.createOrder({ providerPackageId: 'change-7days-1gb', quantity: 1, reference: 'ord_lost_1' }),
    );
    expect(lost.kind).toBe('unknown');
    const found = await slow.findOrderByReference('ord_lost_1', clock.now());
    expect(found).toMatchObject({
      reference: 'ord_lost_1',
      providerPackageId: 'change-7days-1gb',
      quantity: 1,
    });
    expect(found!.sims).toHaveLength(1);
    expect(parseActivationCode(found!.sims[0]!.activationCode).ok).toBe(true);
    expect(await slow.findOrderByReference('ord_lost', clock.now())).toBeUndefined();
    expect(await slow.findOrderByReference('ord_never_sent', clock.now())).toBeUndefined();
    expect(airalo.orderRequests()).toBe(requestsBefore + 1);
    expect(airalo.orders().flatMap((order) => order.iccids)).toHaveLength(esimsBefore + 1);
  });

  it('lists only the eSIM’s own operator’s top-ups with their retail price, and finds a top-up whose answer was lost by its reference', async () => {
    const order = await anOrder('change-30days-5gb', 'ord_topup_ref_1');
    const iccid = order.sims[0]!.iccid;
    const offers = await client.simTopUpPackages(iccid);
    expect(offers.map((offer) => offer.providerPackageId)).toEqual([
      'change-7days-1gb-topup',
      'change-30days-5gb-topup',
      'change-1day-unlimited-topup',
    ]);
    expect(offers[0]).toMatchObject({
      amountMb: 1024,
      validityDays: 7,
      retailPriceMinor: 600,
      currency: 'USD',
    });
    airalo.setStock('hkmobile-7days-2gb', undefined); // an earlier test sold it out
    const hkOrder = await anOrder('hkmobile-7days-2gb', 'ord_topup_ref_hk');
    expect(await client.simTopUpPackages(hkOrder.sims[0]!.iccid)).toEqual([]); // not rechargeable

    const slow = createAiraloClient({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      apiBase: airalo.baseUrl,
      timeoutMs: 300,
    });
    await slow.listPackages('US');
    airalo.faults.timeoutNextRequests(1, { afterProcessing: true });
    const lost = await refusal(slow.topUp(iccid, 'change-7days-1gb-topup', 'ord_topup_ref_2'));
    expect(lost.kind).toBe('unknown');
    const found = await client.findTopUpByReference('ord_topup_ref_2', iccid, clock.now());
    expect(found).toMatchObject({ iccid, providerPackageId: 'change-7days-1gb-topup', priceMinor: 450 });
    expect(await client.findTopUpByReference('ord_topup_ref_never', iccid, clock.now())).toBeUndefined();
    // An eSIM order with the same reference is not a top-up, and a top-up is not an eSIM order.
    expect(await client.findTopUpByReference('ord_topup_ref_1', iccid, clock.now())).toBeUndefined();
    expect(await client.findOrderByReference('ord_topup_ref_2', clock.now())).toBeUndefined();
    expect(airalo.esim(iccid)!.packages).toHaveLength(2);
  });

  it('takes an order as JSON too (what Airalo’s own Node SDK sends), besides the docs’ multipart form', async () => {
    const token = await fetch(`${airalo.baseUrl}/v2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        grant_type: 'client_credentials',
      }),
    });
    const { data } = (await token.json()) as { data: { access_token: string; token_type: string } };
    expect(data.token_type).toBe('Bearer');
    const order = await fetch(`${airalo.baseUrl}/v2/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${data.access_token}` },
      body: JSON.stringify({
        package_id: 'asialink-7days-1gb',
        quantity: 2,
        type: 'sim',
        description: 'ord_json_1',
      }),
    });
    expect(order.status).toBe(200);
    const found = await client.findOrderByReference('ord_json_1', clock.now());
    expect(found?.sims.map((sim) => sim.iccid)).toHaveLength(2);
    expect(new Set(found?.sims.map((sim) => sim.matchingId)).size).toBe(2);
  });

  it('counts a lost answer to a top-up or an order as unknown, and a read that got no answer as unavailable', async () => {
    airalo.faults.failNextRequests(1, 502);
    expect((await refusal(anOrder('change-7days-1gb', 'ord_502'))).kind).toBe('unknown');
    airalo.faults.failNextRequests(1, 503);
    expect((await refusal(client.listPackages('US'))).kind).toBe('unavailable');
  });
});
