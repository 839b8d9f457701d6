import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { es2PlusClient } from '../src/adapters/es2plus/client.js';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import type { Db } from '../src/db/index.js';
import { systemClock } from '../src/kernel/clock.js';
import { luhnCheckDigit } from '../src/kernel/identifiers.js';
import { newId } from '../src/kernel/ids.js';
import type { JobQueue } from '../src/kernel/jobs.js';
import { listAuditEvents } from '../src/modules/admin/service.js';
import { LOCAL_OPERATOR_HEADER } from '../src/modules/identity/service.js';
import { esimEvents, esimOrders, profiles } from '../src/modules/esim/schema.js';
import { importInventory, smdpSource } from '../src/modules/esim/service.js';
import { HANDLE_DOWNLOAD_PROGRESS_PATH } from '../src/modules/esim/smdp-routes.js';
import { startSmdpSimulator, type SmdpSimulator } from '../src/simulators/smdp/server.js';
import { describeEachDatabase } from './helpers/databases.js';

/**
 * SimFill's HTTP side of its own SM-DP+: HandleDownloadProgressInfo (a simulated phone downloads and installs →
 * the profile shows installed; forward only and de-duplicated; a 4th download attempt refused and recorded;
 * unknown profiles, requesters and secrets answered `Failed` in ES2+ terms), and the console's inventory pool
 * (counts by profile type and state, a CSV import with its bad lines named, audited).
 */

const OPERATOR = 'SIMFILL-OPERATOR';
const SMDP_ID = 'SMDP-SIMULATOR';
const SECRET = 'notification-secret-for-tests-0123';
const LOCAL_TOKEN = 'local-operator-token-for-tests-0123456789';
const TYPE = 'SIMFILL-DATA';
const EID = '89049032123451234512345678901235';
const iccidOf = (n: number) => {
  const payload = `894900000000002${String(n).padStart(3, '0')}`;
  return payload + String(luhnCheckDigit(payload));
};

const unusedJobs = new Proxy({} as JobQueue, {
  get() {
    throw new Error('no job queue in this test');
  },
});

describeEachDatabase('the SM-DP+ talking back to SimFill', (test) => {
  let smdp: SmdpSimulator;
  let app: FastifyInstance;
  const db = (): Db => test.database.db;
  const offset = test.kind === 'pglite' ? 0 : 50;

  beforeAll(async () => {
    const csv = Array.from({ length: 20 }, (_, n) => `${iccidOf(offset + n)},${TYPE},${OPERATOR}`).join('\n');
    smdp = await startSmdpSimulator({
      operators: [OPERATOR],
      smdpId: SMDP_ID,
      notificationSecret: SECRET,
      inventoryCsv: csv,
    });
    app = await buildApp({
      database: test.database,
      clock: systemClock,
      jobs: unusedJobs,
      http: { bodyLimitBytes: 16 * 1024, baseUrl: 'http://localhost:8080' },
      localOperatorToken: LOCAL_TOKEN,
      pricing: loadConfig({}).pricing,
      esim: { sources: {}, smdpNotifications: { smdpId: SMDP_ID, secret: SECRET } },
      logger: false,
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    smdp.setNotificationUrl(`http://127.0.0.1:${port}${HANDLE_DOWNLOAD_PROGRESS_PATH}`);
    expect((await importInventory(db(), systemClock, csv)).added).toBe(20);
  });
  afterAll(async () => {
    await smdp.close();
    await app.close();
  });

  /** What the esim runner does for a new SM-DP+ eSIM: reserve, issue, record the profile. */
  async function anIssuedProfile(): Promise<{ id: string; iccid: string; activationCode: string }> {
    const source = smdpSource({
      smdp: es2PlusClient({ baseUrl: smdp.baseUrl, requesterId: OPERATOR, timeoutMs: 2_000 }),
      clock: systemClock,
      smdpAddress: smdp.smdpAddress,
      matchingIdKey: 'matching-id-key-for-tests-0123456789',
    });
    const now = systemClock.now();
    const orderId = newId('order');
    const customerId = newId('customer');
    const order = await db().transaction(async (tx) => {
      const [row] = await tx
        .insert(esimOrders)
        .values({
          id: newId('esimOrder'),
          orderId,
          customerId,
          kind: 'new',
          source: 'smdp',
          packageId: TYPE,
          spec: {
            name: { 'zh-CN': '测试', en: 'Test' },
            dataMb: 1024,
            unlimited: false,
            validityDays: 7,
            countries: ['US'],
          },
          reference: orderId,
          status: 'sending',
          attempts: 1,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      const { iccid } = (await source.reserve!(tx, row!))!;
      return { ...row!, iccid };
    });
    const issued = await source.issue(order);
    const id = newId('esim');
    await db().insert(profiles).values({
      id,
      customerId,
      orderId,
      source: 'smdp',
      iccid: issued.iccid,
      activationCode: issued.activationCode,
      installState: 'not_installed',
      installStateAt: now,
      createdAt: now,
      updatedAt: now,
    });
    return { id, iccid: issued.iccid, activationCode: issued.activationCode };
  }

  async function phone(activationCode: string, install: 'ok' | 'fail' = 'ok') {
    const response = await fetch(`${smdp.baseUrl}/_simulator/devices/download`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ activation_code: activationCode, eid: EID, install }),
    });
    const body = (await response.json()) as {
      result: string;
      refusal?: { subjectCode: string; reasonCode: string };
    };
    await smdp.notificationsSettled();
    return body;
  }

  const profileRow = async (id: string) =>
    (await db().select().from(profiles).where(eq(profiles.id, id)))[0]!;
  const eventsOf = (id: string) => db().select().from(esimEvents).where(eq(esimEvents.profileId, id));

  async function notify(body: Record<string, unknown>, headers: Record<string, string> = {}) {
    const response = await app.inject({
      method: 'POST',
      url: HANDLE_DOWNLOAD_PROGRESS_PATH,
      headers: {
        'content-type': 'application/json',
        'x-admin-protocol': 'gsma/rsp/v2.1.0',
        authorization: `Bearer ${SECRET}`,
        ...headers,
      },
      payload: JSON.stringify({
        header: { functionRequesterIdentifier: SMDP_ID, functionCallIdentifier: `FCI-${newId('request')}` },
        profileType: TYPE,
        timestamp: '2026-12-04T10:00:00Z',
        notificationPointId: 3,
        notificationPointStatus: { status: 'Executed-Success' },
        ...body,
      }),
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-admin-protocol']).toMatch(/^gsma\/rsp\/v2\./);
    return (
      response.json() as {
        header: {
          functionExecutionStatus: {
            status: string;
            statusCodeData?: { subjectCode: string; reasonCode: string };
          };
        };
      }
    ).header.functionExecutionStatus;
  }

  it('shows the profile installed once the phone has downloaded and installed it', async () => {
    const profile = await anIssuedProfile();
    expect((await phone(profile.activationCode)).result).toBe('installed');
    const row = await profileRow(profile.id);
    expect(row).toMatchObject({ installState: 'installed', eid: EID });
    const events = await eventsOf(profile.id);
    expect(events.map((event) => event.detail.notification_point_id).sort()).toEqual([3, 4]);
  });

  it('moves only forward, and records a notification the SM-DP+ sends twice once', async () => {
    const profile = await anIssuedProfile();
    smdp.faults.duplicateWebhooks = true;
    try {
      expect((await phone(profile.activationCode)).result).toBe('installed');
    } finally {
      smdp.faults.duplicateWebhooks = false;
    }
    expect(await eventsOf(profile.id)).toHaveLength(2);
    // A late "downloaded" after "installed" changes nothing.
    expect(await notify({ iccid: profile.iccid, timestamp: '2030-01-01T00:00:00Z' })).toEqual({
      status: 'Executed-Success',
    });
    expect((await profileRow(profile.id)).installState).toBe('installed');
  });

  it('records failed installations and refuses a 4th download attempt, with the SM-DP+’s codes', async () => {
    const profile = await anIssuedProfile();
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      expect((await phone(profile.activationCode, 'fail')).result).toBe('install_failed');
    }
    const fourth = await phone(profile.activationCode);
    expect(fourth).toMatchObject({ result: 'refused', refusal: { subjectCode: '8.8.5', reasonCode: '6.4' } });
    // Downloaded three times, never installed: the state says so, and each failure is on record with its code.
    expect((await profileRow(profile.id)).installState).toBe('downloaded');
    const failures = (await eventsOf(profile.id)).filter((event) => event.kind === 'download_failed');
    expect(failures.map((event) => event.providerCode).sort()).toEqual([
      '8.1/4.2',
      '8.1/4.2',
      '8.1/4.2',
      '8.8.5/6.4',
    ]);
  });

  it('answers Failed for a profile it never issued, another requester, a wrong secret or a broken body', async () => {
    const unknown = await notify({ iccid: iccidOf(99) });
    expect(unknown).toMatchObject({
      status: 'Failed',
      statusCodeData: { subjectCode: '8.2.1', reasonCode: '3.9' },
    });
    // In the pool but never issued to a customer: just as unknown.
    expect((await notify({ iccid: iccidOf(offset + 19) })).statusCodeData).toMatchObject({
      subjectCode: '8.2.1',
      reasonCode: '3.9',
    });
    const stranger = await notify({
      iccid: iccidOf(offset),
      header: { functionRequesterIdentifier: 'SOMEONE', functionCallIdentifier: 'FCI-1' },
    });
    expect(stranger.statusCodeData).toMatchObject({ subjectCode: '1.1', reasonCode: '1.1' });
    const wrongSecret = await notify({ iccid: iccidOf(offset) }, { authorization: 'Bearer not-the-secret' });
    expect(wrongSecret.statusCodeData).toMatchObject({ subjectCode: '1.1', reasonCode: '1.2' });
    const noProtocol = await notify({ iccid: iccidOf(offset) }, { 'x-admin-protocol': '' });
    expect(noProtocol.statusCodeData).toMatchObject({ subjectCode: '1.2', reasonCode: '3.1' });
    const broken = await notify({ iccid: 'not an iccid' });
    expect(broken.statusCodeData).toMatchObject({ subjectCode: '1.6', reasonCode: '2.1' });
  });

  it('counts the pool by profile type and state, and imports a CSV (bad lines named, repeats ignored, audited)', async () => {
    const local = { [LOCAL_OPERATOR_HEADER]: LOCAL_TOKEN };
    const counts = async () => {
      const response = await app.inject({
        method: 'GET',
        url: '/v1/admin/esim-inventory',
        remoteAddress: '127.0.0.1',
        headers: local,
      });
      expect(response.statusCode).toBe(200);
      return response.json<{
        data: { profile_type: string; available: number; assigned: number; total: number }[];
      }>().data;
    };
    const before = (await counts()).find((count) => count.profile_type === TYPE)!;
    expect(before.total).toBe(20);
    expect(before.assigned).toBeGreaterThanOrEqual(3);

    const importCsv = (csv: string, locale = 'en') =>
      app.inject({
        method: 'POST',
        url: '/v1/admin/esim-inventory',
        remoteAddress: '127.0.0.1',
        headers: { ...local, 'content-type': 'text/csv', 'accept-language': locale },
        payload: csv,
      });
    const good = `${iccidOf(offset + 30)}, GOLD`;
    const bad = `iccid,profileType\n${good}\n8949000000000020001,GOLD\nonly-one-column\n`;
    const refused = await importCsv(bad);
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ error: { code: 'esim_inventory_invalid', param: 'body' } });
    expect(refused.json<{ error: { message: string } }>().error.message).toContain(
      'line 3 (not a valid ICCID); line 4 (two columns',
    );
    expect((await importCsv(bad, 'zh-CN')).json<{ error: { message: string } }>().error.message).toContain(
      '第 3',
    );
    expect((await counts()).find((count) => count.profile_type === 'GOLD')).toBeUndefined();

    const imported = await importCsv(`${good}\n${iccidOf(offset)},${TYPE}\n`);
    expect(imported.json()).toEqual({ object: 'esim_inventory_import', added: 1, duplicates: 1 });
    expect((await counts()).find((count) => count.profile_type === 'GOLD')).toMatchObject({
      available: 1,
      total: 1,
    });
    const audit = await listAuditEvents(db(), { action: 'esim_inventory.imported' }, { limit: 10 });
    expect(audit.data[0]).toMatchObject({ action: 'esim_inventory.imported' });

    const anonymous = await app.inject({ method: 'GET', url: '/v1/admin/esim-inventory' });
    expect(anonymous.statusCode).toBe(401);
  });
});
