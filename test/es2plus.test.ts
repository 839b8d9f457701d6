import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { es2PlusClient, parseDownloadProgressInfo } from '../src/adapters/es2plus/client.js';
import { luhnCheckDigit } from '../src/kernel/identifiers.js';
import {
  Es2PlusFailure,
  Es2PlusTransportError,
  type DownloadProgress,
  type SmdpPlus,
} from '../src/ports/smdp.js';
import {
  hashConfirmationCode,
  sha256,
  startSmdpSimulator,
  type SmdpSimulator,
} from '../src/simulators/smdp/server.js';

/**
 * The ES2+ client against the SM-DP+ simulator: SGP.22's profile state machine, its status codes for each illegal
 * step, EID binding, confirmation codes, the download attempt limit, and the download progress the SM-DP+ reports
 * back to the operator (telecom.md §1).
 */

const OPERATOR = 'SIMFILL-OPERATOR';
const EID = '89049032123451234512345678901235';
const OTHER_EID = '89086030202200000022000023022943';
const iccidOf = (n: number) => {
  const payload = `890126000000000${String(n).padStart(3, '0')}`;
  return payload + String(luhnCheckDigit(payload));
};
const INVENTORY = [
  'iccid,profileType,owner',
  ...Array.from({ length: 12 }, (_, n) => `${iccidOf(n)},Test,${OPERATOR}`),
]
  .concat([`${iccidOf(99)},Test,SOMEONE-ELSE`])
  .join('\n');

interface Es2Answer {
  header: {
    functionExecutionStatus: { status: string; statusCodeData?: { subjectCode: string; reasonCode: string } };
  };
}

let smdp: SmdpSimulator;
let client: SmdpPlus;
let operator: http.Server;
const received: DownloadProgress[] = [];

/** What SimFill's own endpoint will do: parse the notification and answer 204. */
async function startOperator(): Promise<string> {
  operator = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const parsed = parseDownloadProgressInfo(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      if (!parsed) {
        response.writeHead(400).end();
        return;
      }
      received.push(parsed.progress);
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => operator.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(operator.address() as AddressInfo).port}/gsma/rsp2/es2plus/handleDownloadProgressInfo`;
}

async function device(input: Record<string, unknown>) {
  const response = await fetch(`${smdp.baseUrl}/_simulator/devices/download`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  return (await response.json()) as { result: string; refusal?: { subjectCode: string; reasonCode: string } };
}

async function failureOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(Es2PlusFailure);
  const failure = error as Es2PlusFailure;
  return `${failure.code.subjectCode}/${failure.code.reasonCode}`;
}

describe('ES2+ between SimFill and an SM-DP+', () => {
  beforeAll(async () => {
    smdp = await startSmdpSimulator({ operators: [OPERATOR], inventoryCsv: INVENTORY });
    smdp.setNotificationUrl(await startOperator());
    client = es2PlusClient({ baseUrl: smdp.baseUrl, requesterId: OPERATOR, timeoutMs: 2_000 });
  });
  afterEach(async () => {
    await fetch(`${smdp.baseUrl}/_simulator/reset`, { method: 'POST' });
  });
  afterAll(async () => {
    await smdp.close();
    await new Promise((resolve) => operator.close(resolve));
  });

  it('reserves, confirms and releases a profile; a phone downloads and installs it; the operator hears each step', async () => {
    const { iccid } = await client.downloadOrder({ eid: EID, profileType: 'Test' });
    expect(iccid).toBe(iccidOf(0));
    expect(smdp.profile(iccid)?.state).toBe('Linked');
    const confirmed = await client.confirmOrder({ iccid, eid: EID, releaseFlag: true });
    expect(confirmed.matchingId).toMatch(/^[-0-9A-Z]+$/);
    expect(confirmed.smdpAddress).toBe(smdp.smdpAddress);
    expect(smdp.profile(iccid)?.state).toBe('Released');

    const installed = await device({
      activation_code: `LPA:1$${smdp.smdpAddress}$${confirmed.matchingId}`,
      eid: EID,
    });
    expect(installed.result).toBe('installed');
    expect(smdp.profile(iccid)?.state).toBe('Installed');
    await smdp.notificationsSettled();
    const mine = received.filter((progress) => progress.iccid === iccid);
    expect(mine.map((progress) => [progress.notificationPointId, progress.status])).toEqual([
      [3, 'Executed-Success'],
      [4, 'Executed-Success'],
    ]);
    expect(mine[0]).toMatchObject({ profileType: 'Test', eid: EID });
  });

  it('refuses each illegal step with its SGP.22 status code, and changes nothing', async () => {
    const iccid = iccidOf(1);
    await client.downloadOrder({ iccid });
    expect(await failureOf(client.downloadOrder({ iccid }))).toBe('8.2.1/3.3');
    expect(await failureOf(client.releaseProfile({ iccid }))).toBe('8.2.1/3.5');
    expect(smdp.profile(iccid)?.state).toBe('Allocated');
    expect(
      await failureOf(client.confirmOrder({ iccid, releaseFlag: true, smdsAddress: 'SMDS.GSMA.COM' })),
    ).toBe('8.1.1/2.2');
    expect(smdp.profile(iccid)?.state).toBe('Allocated');

    await client.confirmOrder({ iccid, releaseFlag: false, matchingId: 'ABC-123' });
    expect(smdp.profile(iccid)?.state).toBe('Confirmed');
    await client.releaseProfile({ iccid });
    expect((await device({ matching_id: 'ABC-123', eid: OTHER_EID })).result).toBe('installed');
    expect(await failureOf(client.cancelOrder({ iccid, finalProfileStatusIndicator: 'Available' }))).toBe(
      '8.2.1/3.3',
    );
    expect(await failureOf(client.downloadOrder({ iccid: iccidOf(99) }))).toBe('8.2.1/1.2');
    expect(await failureOf(client.downloadOrder({ iccid: iccidOf(500) }))).toBe('8.2.1/3.9');
    expect(await failureOf(client.downloadOrder({ eid: EID.slice(0, -1) + '4', profileType: 'Test' }))).toBe(
      '8.1.1/2.1',
    );
    expect(await failureOf(client.downloadOrder({ profileType: 'Gold' }))).toBe('8.2.5/3.9');
  });

  it('gives a cancelled profile back to the pool, or never again', async () => {
    const first = await client.downloadOrder({ iccid: iccidOf(2) });
    await client.confirmOrder({ iccid: first.iccid, releaseFlag: true });
    await client.cancelOrder({ iccid: first.iccid, finalProfileStatusIndicator: 'Available' });
    expect(smdp.profile(first.iccid)).toMatchObject({
      state: 'Available',
      matchingId: undefined,
      eid: undefined,
    });
    await client.downloadOrder({ iccid: iccidOf(3) });
    await client.cancelOrder({ iccid: iccidOf(3), finalProfileStatusIndicator: 'Unavailable' });
    expect(await failureOf(client.downloadOrder({ iccid: iccidOf(3) }))).toBe('8.2.1/3.3');
  });

  it('binds the profile to its EID and refuses a download on another phone', async () => {
    const { iccid } = await client.downloadOrder({ iccid: iccidOf(4), eid: EID });
    expect(await failureOf(client.confirmOrder({ iccid, eid: OTHER_EID, releaseFlag: true }))).toBe(
      '8.1.1/3.10',
    );
    const { matchingId } = await client.confirmOrder({ iccid, releaseFlag: true });
    const refused = await device({ matching_id: matchingId, eid: OTHER_EID });
    expect(refused).toMatchObject({
      result: 'refused',
      refusal: { subjectCode: '8.1.1', reasonCode: '3.8' },
    });
    expect(smdp.profile(iccid)?.state).toBe('Released');
    await smdp.notificationsSettled();
    expect(received.find((progress) => progress.iccid === iccid)).toMatchObject({
      notificationPointId: 1,
      status: 'Failed',
      code: { subjectCode: '8.1.1', reasonCode: '3.8' },
    });
  });

  it('asks for the confirmation code, checks its SGP.22 hash, and allows three downloads at most', async () => {
    expect(hashConfirmationCode(sha256('12345678'), '0123456789ABCDEF0123456789ABCDEF').toString('hex')).toBe(
      'a1370440a38ba522a1518b10200ec765da6a7b2e5afd2a696de8592fd4a0928f',
    );
    const { iccid } = await client.downloadOrder({ iccid: iccidOf(5) });
    const { matchingId } = await client.confirmOrder({
      iccid,
      releaseFlag: true,
      confirmationCode: '12345678',
    });
    expect((await device({ matching_id: matchingId, eid: EID })).refusal).toMatchObject({
      subjectCode: '8.2.7',
      reasonCode: '2.2',
    });
    expect(
      (await device({ matching_id: matchingId, eid: EID, confirmation_code: '87654321' })).refusal,
    ).toMatchObject({
      subjectCode: '8.2.7',
      reasonCode: '3.8',
    });
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      const tried = await device({
        matching_id: matchingId,
        eid: EID,
        confirmation_code: '12345678',
        install: 'fail',
      });
      expect(tried.result).toBe('install_failed');
    }
    expect(smdp.profile(iccid)).toMatchObject({ state: 'Released', downloadAttempts: 3 });
    const fourth = await device({ matching_id: matchingId, eid: EID, confirmation_code: '12345678' });
    expect(fourth.refusal).toMatchObject({ subjectCode: '8.8.5', reasonCode: '6.4' });
  });

  it('answers a retried ConfirmOrder as the first, and refuses a matching id already taken', async () => {
    const { iccid } = await client.downloadOrder({ iccid: iccidOf(6) });
    const first = await client.confirmOrder({ iccid, releaseFlag: true, matchingId: 'SAME-ID' });
    expect(await client.confirmOrder({ iccid, releaseFlag: true, matchingId: 'SAME-ID' })).toEqual(first);
    const other = await client.downloadOrder({ iccid: iccidOf(7) });
    expect(
      await failureOf(client.confirmOrder({ iccid: other.iccid, releaseFlag: true, matchingId: 'SAME-ID' })),
    ).toBe('8.2.6/3.3');
  });

  it('refuses calls without the ES2+ envelope, and from an operator it does not know', async () => {
    const raw = (headers: Record<string, string>, body: unknown) =>
      fetch(`${smdp.baseUrl}/gsma/rsp2/es2plus/downloadOrder`, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
      }).then(async (response) => ({ status: response.status, body: (await response.json()) as Es2Answer }));
    const header = { functionRequesterIdentifier: OPERATOR, functionCallIdentifier: 'FCI-1' };
    const noProtocol = await raw({ 'content-type': 'application/json' }, { header, profileType: 'Test' });
    expect(noProtocol.status).toBe(200);
    expect(noProtocol.body.header.functionExecutionStatus).toMatchObject({
      status: 'Failed',
      statusCodeData: { subjectCode: '1.2', reasonCode: '3.1' },
    });
    const json = { 'content-type': 'application/json', 'x-admin-protocol': 'gsma/rsp/v2.5.0' };
    const noHeader = await raw(json, { profileType: 'Test' });
    expect(noHeader.body.header.functionExecutionStatus.statusCodeData).toMatchObject({
      subjectCode: '1.1',
      reasonCode: '2.2',
    });
    const stranger = es2PlusClient({ baseUrl: smdp.baseUrl, requesterId: 'STRANGER', timeoutMs: 2_000 });
    expect(await failureOf(stranger.downloadOrder({ profileType: 'Test' }))).toBe('1.1/1.1');
    expect(smdp.profile(iccidOf(8))?.state).toBe('Available');
  });

  it('tells a busy SM-DP+ from one that never answers', async () => {
    await fetch(`${smdp.baseUrl}/_simulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ failNextRequests: 1 }),
    });
    expect(await failureOf(client.downloadOrder({ iccid: iccidOf(9) }))).toBe('1.2/4.4');
    smdp.faults.timeoutNextRequests(1);
    const quick = es2PlusClient({ baseUrl: smdp.baseUrl, requesterId: OPERATOR, timeoutMs: 200 });
    await expect(quick.downloadOrder({ iccid: iccidOf(9) })).rejects.toBeInstanceOf(Es2PlusTransportError);
    expect(smdp.profile(iccidOf(9))?.state).toBe('Available');
  });
});
