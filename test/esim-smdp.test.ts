import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { es2PlusClient } from '../src/adapters/es2plus/client.js';
import type { Db } from '../src/db/index.js';
import { systemClock } from '../src/kernel/clock.js';
import { luhnCheckDigit } from '../src/kernel/identifiers.js';
import { newId } from '../src/kernel/ids.js';
import { importInventory, returnInventoryProfile } from '../src/modules/esim/inventory.js';
import { esimOrders, inventory, type EsimOrderRow, type ProfileRow } from '../src/modules/esim/schema.js';
import { EsimSourceError, parseActivationCode, type EsimSource } from '../src/modules/esim/service.js';
import { matchingIdFor, OWN_DATA_PACKS, smdpSource } from '../src/modules/esim/sources/smdp.js';
import { startSmdpSimulator, type SmdpSimulator } from '../src/simulators/smdp/server.js';
import { describeEachDatabase, useDatabase } from './helpers/databases.js';

/**
 * The operator's own SM-DP+ as an eSIM source, against the SM-DP+ simulator over the real ES2+ client: a profile
 * reserved from SimFill's inventory (never the same one twice, an empty pool refused), issued with DownloadOrder +
 * ConfirmOrder into an activation code a phone installs, an answer lost and found again by driving the same calls
 * for the same profile (no second profile), the SM-DP+'s refusals as refused or retry, and the operator's own
 * top-ups (no SM-DP+ call).
 */

const OPERATOR = 'SIMFILL-OPERATOR';
const TYPE = 'SIMFILL-DATA';
const KEY = 'matching-id-key-for-tests-0123456789';
const iccidOf = (n: number) => {
  const payload = `894900000000001${String(n).padStart(3, '0')}`;
  return payload + String(luhnCheckDigit(payload));
};

let smdp: SmdpSimulator;

beforeAll(async () => {
  const csv = Array.from({ length: 40 }, (_, n) => `${iccidOf(n)},${TYPE},${OPERATOR}`).join('\n');
  smdp = await startSmdpSimulator({ operators: [OPERATOR], inventoryCsv: csv });
});
afterAll(async () => {
  await smdp.close();
});

const sourceWith = (timeoutMs = 2_000): EsimSource =>
  smdpSource({
    smdp: es2PlusClient({ baseUrl: smdp.baseUrl, requesterId: OPERATOR, timeoutMs }),
    clock: systemClock,
    smdpAddress: smdp.smdpAddress,
    matchingIdKey: KEY,
  });

async function anEsimOrder(db: Db, packageId = TYPE): Promise<EsimOrderRow> {
  const now = systemClock.now();
  const orderId = newId('order');
  const [row] = await db
    .insert(esimOrders)
    .values({
      id: newId('esimOrder'),
      orderId,
      customerId: newId('customer'),
      kind: 'new',
      source: 'smdp',
      packageId,
      spec: {
        name: { 'zh-CN': '测试', en: 'Test' },
        dataMb: 1024,
        unlimited: false,
        validityDays: 7,
        countries: ['US'],
      },
      reference: orderId,
      status: 'queued',
      attempts: 0,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return row!;
}

/** The runner's claim: reserve inside a transaction and store the ICCID on the order. */
async function reserved(db: Db, source: EsimSource, order: EsimOrderRow): Promise<EsimOrderRow> {
  return db.transaction(async (tx) => {
    const reservation = await source.reserve!(tx, order);
    const [row] = await tx
      .update(esimOrders)
      .set({ iccid: reservation!.iccid })
      .where(eq(esimOrders.id, order.id))
      .returning();
    return row!;
  });
}

async function sourceErrorOf(promise: Promise<unknown>): Promise<EsimSourceError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(EsimSourceError);
  return error as EsimSourceError;
}

async function device(activationCode: string) {
  const response = await fetch(`${smdp.baseUrl}/_simulator/devices/download`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ activation_code: activationCode, eid: '89049032123451234512345678901235' }),
  });
  return (await response.json()) as { result: string };
}

describeEachDatabase('the SM-DP+ source', (test) => {
  const db = () => test.database.db;
  let offset = 0;

  beforeAll(async () => {
    // Each database gets its own half of the simulator's pool.
    offset = test.kind === 'pglite' ? 0 : 20;
    const csv = Array.from({ length: 20 }, (_, n) => `${iccidOf(offset + n)},${TYPE}`).join('\n');
    expect((await importInventory(db(), systemClock, csv)).added).toBe(20);
  });

  it('issues a profile from the inventory as an activation code a phone installs', async () => {
    const source = sourceWith();
    const order = await reserved(db(), source, await anEsimOrder(db()));
    expect(order.iccid).toBe(iccidOf(offset));
    const [row] = await db().select().from(inventory).where(eq(inventory.iccid, order.iccid!));
    expect(row).toMatchObject({ state: 'assigned', esimOrderId: order.id });

    const issued = await source.issue(order);
    const matchingId = matchingIdFor(KEY, order.reference);
    expect(issued).toMatchObject({ iccid: order.iccid, costMinor: 0, costCurrency: 'USD' });
    expect(issued.activationCode).toBe(`LPA:1$${smdp.smdpAddress}$${matchingId}`);
    const parsed = parseActivationCode(issued.activationCode);
    expect(parsed.ok && parsed.code.matchingId).toBe(matchingId);
    expect(smdp.profile(order.iccid!)).toMatchObject({ state: 'Released', matchingId });
    expect((await device(issued.activationCode)).result).toBe('installed');
  });

  it('reserves the same profile again for the same order, and never one profile for two orders', async () => {
    const source = sourceWith();
    const first = await anEsimOrder(db());
    const once = await reserved(db(), source, first);
    const twice = await reserved(db(), source, first);
    expect(twice.iccid).toBe(once.iccid);
    const other = await reserved(db(), source, await anEsimOrder(db()));
    expect(other.iccid).not.toBe(once.iccid);
  });

  it('refuses an order when no profile of its type is left, and takes none', async () => {
    const error = await sourceErrorOf(reserved(db(), sourceWith(), await anEsimOrder(db(), 'GOLD')));
    expect(error).toMatchObject({ kind: 'refused', providerCode: 'inventory_empty' });
  });

  it('finds an eSIM whose ConfirmOrder answer was lost by confirming the same profile again', async () => {
    const order = await reserved(db(), sourceWith(), await anEsimOrder(db()));
    const client = es2PlusClient({ baseUrl: smdp.baseUrl, requesterId: OPERATOR, timeoutMs: 200 });
    // The SM-DP+ carries ConfirmOrder out and its answer never comes back.
    const lossy = smdpSource({
      smdp: {
        ...client,
        confirmOrder: (input) => {
          smdp.faults.timeoutNextRequests(1, { afterProcessing: true });
          return client.confirmOrder(input);
        },
      },
      clock: systemClock,
      smdpAddress: smdp.smdpAddress,
      matchingIdKey: KEY,
    });
    const lost = await sourceErrorOf(lossy.issue(order));
    expect(lost).toMatchObject({ kind: 'unknown', providerCode: 'NO_RESPONSE' });

    expect(smdp.profile(order.iccid!)?.state).toBe('Released');
    const found = await sourceWith().findIssued(order);
    expect(found?.iccid).toBe(order.iccid);
    expect(found?.activationCode).toBe(`LPA:1$${smdp.smdpAddress}$${matchingIdFor(KEY, order.reference)}`);
    const [assigned] = await db().select().from(inventory).where(eq(inventory.esimOrderId, order.id));
    expect(assigned?.iccid).toBe(order.iccid);
  });

  it('finds an eSIM whose DownloadOrder answer was lost, and one never sent, the same way', async () => {
    const allocatedOnly = await reserved(db(), sourceWith(), await anEsimOrder(db()));
    smdp.faults.timeoutNextRequests(1, { afterProcessing: true });
    await sourceErrorOf(sourceWith(200).issue(allocatedOnly));
    expect(smdp.profile(allocatedOnly.iccid!)?.state).toBe('Allocated');
    expect((await sourceWith().findIssued(allocatedOnly))?.iccid).toBe(allocatedOnly.iccid);
    expect(smdp.profile(allocatedOnly.iccid!)?.state).toBe('Released');

    const neverArrived = await reserved(db(), sourceWith(), await anEsimOrder(db()));
    smdp.faults.timeoutNextRequests(1);
    await sourceErrorOf(sourceWith(200).issue(neverArrived));
    expect(smdp.profile(neverArrived.iccid!)?.state).toBe('Available');
    expect((await sourceWith().findIssued(neverArrived))?.iccid).toBe(neverArrived.iccid);
  });

  it('retries a busy SM-DP+ and refuses a profile the operator took back', async () => {
    const order = await reserved(db(), sourceWith(), await anEsimOrder(db()));
    smdp.faults.failNextRequests(1);
    expect(await sourceErrorOf(sourceWith().issue(order))).toMatchObject({
      kind: 'retry',
      providerCode: '1.2/4.4',
    });
    await sourceWith().issue(order);
    const client = es2PlusClient({ baseUrl: smdp.baseUrl, requesterId: OPERATOR, timeoutMs: 2_000 });
    await client.cancelOrder({ iccid: order.iccid!, finalProfileStatusIndicator: 'Unavailable' });
    expect(await sourceErrorOf(sourceWith().findIssued(order))).toMatchObject({
      kind: 'refused',
      providerCode: '8.2.1/3.5',
    });
  });

  it('gives a failed order’s profile back to both pools, or takes it out when that is not certain', async () => {
    const source = sourceWith();
    const order = await reserved(db(), source, await anEsimOrder(db()));
    await source.issue(order);
    expect(await source.release!(order)).toBe('available');
    expect(smdp.profile(order.iccid!)).toMatchObject({ state: 'Available', matchingId: undefined });
    await db().transaction((tx) =>
      returnInventoryProfile(tx, systemClock, { esimOrderId: order.id, state: 'available' }),
    );
    const [row] = await db().select().from(inventory).where(eq(inventory.iccid, order.iccid!));
    expect(row).toMatchObject({ state: 'available', esimOrderId: null });
    // The next order takes it again.
    expect((await reserved(db(), source, await anEsimOrder(db()))).iccid).toBe(order.iccid);

    // Never ordered at the SM-DP+ (still Available there): cancelling is refused, so it leaves SimFill's pool.
    const neverSent = await reserved(db(), source, await anEsimOrder(db()));
    expect(await source.release!(neverSent)).toBe('unavailable');
  });

  it('tops up the operator’s own eSIM itself, with its own data packs', async () => {
    const source = sourceWith();
    const profile = { source: 'smdp' } as ProfileRow;
    const packages = await source.topUpPackages(profile);
    expect(packages.map((pack) => pack.packageId)).toEqual(OWN_DATA_PACKS.map((pack) => pack.packageId));
    expect(packages[0]).toMatchObject({ dataMb: 1024, validityDays: 7, priceMinor: 500, currency: 'USD' });
    const order = { ...(await anEsimOrder(db(), 'own-1gb-7days')), kind: 'topup' as const };
    expect(await source.topUp(order, profile)).toEqual({
      providerOrderId: undefined,
      costMinor: 0,
      costCurrency: 'USD',
    });
    expect(await source.findTopUp(order, profile)).toEqual(await source.topUp(order, profile));
    expect(await source.usage(profile)).toBeUndefined();
    const unknownPack = { ...order, packageId: 'own-99gb' };
    expect(await sourceErrorOf(source.topUp(unknownPack, profile))).toMatchObject({ kind: 'refused' });
  });
});

describe('two workers reserving SM-DP+ profiles at once [postgres]', () => {
  const test = useDatabase('postgres');
  it('take two different profiles (FOR UPDATE SKIP LOCKED)', async () => {
    const db = test.database.db;
    const csv = [`${iccidOf(60)},RACE`, `${iccidOf(61)},RACE`].join('\n');
    await importInventory(db, systemClock, csv);
    const source = sourceWith();
    const [a, b] = [await anEsimOrder(db, 'RACE'), await anEsimOrder(db, 'RACE')];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = db.transaction(async (tx) => {
      const reservation = await source.reserve!(tx, a);
      await held;
      return reservation!.iccid;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const second = await db.transaction(async (tx) => (await source.reserve!(tx, b))!.iccid);
    release();
    expect(new Set([await first, second])).toEqual(new Set([iccidOf(60), iccidOf(61)]));
  });
});
