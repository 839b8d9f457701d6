import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReloadlyProvider } from '../../src/adapters/reloadly/provider.js';
import type { AirtimeProvider } from '../../src/ports/airtime.js';
import { startReloadlySimulator, type ReloadlySimulator } from '../../src/simulators/reloadly/server.js';
import { startRecordingProxy, type RecordingProxy } from './recorder.js';
import { ContractLedger, describeViolations, validatorFor } from './suite.js';

const CLIENT_ID = 'contract-client';
const CLIENT_SECRET = 'contract-secret';

describe('Reloadly contract: the real client and the simulator against Reloadly’s published OpenAPI', () => {
  let simulator: ReloadlySimulator;
  let proxy: RecordingProxy;
  let client: AirtimeProvider;
  const ledger = new ContractLedger(validatorFor('reloadly'));
  let sequence = 0;
  const identifier = () => `contract-${Date.now()}-${++sequence}`;
  const recorded = () => describeViolations(ledger.check(proxy.exchanges));

  beforeAll(async () => {
    simulator = await startReloadlySimulator({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      floatMinor: 50_000,
    });
    proxy = await startRecordingProxy(simulator.baseUrl);
    client = createReloadlyProvider({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      authUrl: proxy.url,
      apiBase: proxy.url,
      audience: 'https://topups.reloadly.com',
      timeoutMs: 5_000,
    });
  });
  afterAll(async () => {
    await proxy?.close();
    await simulator?.close();
  });

  it('token (good and refused credentials), operators of a country and auto-detect (found and not found) match the spec', async () => {
    expect((await client.listOperators('US')).length).toBeGreaterThan(5);
    expect(await client.detectOperator('+12025550123', 'US')).toBe('201');
    expect(await client.detectOperator('+4420794600', 'GB')).toBeUndefined();
    const stranger = createReloadlyProvider({
      clientId: CLIENT_ID,
      clientSecret: 'not-the-secret',
      authUrl: proxy.url,
      apiBase: proxy.url,
      audience: 'https://topups.reloadly.com',
      timeoutMs: 5_000,
    });
    await expect(stranger.balance()).rejects.toMatchObject({ kind: 'authentication' });
    expect(recorded()).toEqual([]);
  });

  it('airtime, bundle, PIN and China Mobile top-ups, and refusals (recently recharged, bad amount, failed, no float), match the spec', async () => {
    const airtime = await client.topUp({
      customIdentifier: identifier(),
      providerOperatorId: '211',
      amountMinor: 1500,
      recipientE164: '+12025550120',
      countryIso: 'US',
    });
    expect(airtime.status).toBe('successful');
    const bundle = await client.topUp({
      customIdentifier: identifier(),
      providerOperatorId: '212',
      amountMinor: 4000,
      recipientE164: '+12025550121',
      countryIso: 'US',
    });
    expect(bundle.status).toBe('successful');
    const pin = await client.topUp({
      customIdentifier: identifier(),
      providerOperatorId: '214',
      amountMinor: 2500,
      recipientE164: '+12025550122',
      countryIso: 'US',
    });
    expect(pin.pin?.code).toBeTruthy();
    const china = await client.topUp({
      customIdentifier: identifier(),
      providerOperatorId: '301',
      amountMinor: 1000,
      recipientE164: '+8613800138000',
      countryIso: 'CN',
    });
    expect(china.deliveredCurrency).toBe('CNY');
    // In the operator's currency (useLocalAmount): ¥50 delivered exactly, $7.04 requested from the account.
    const chinaLocal = await client.topUp({
      customIdentifier: identifier(),
      providerOperatorId: '301',
      amountMinor: 5000,
      localCurrency: 'CNY',
      recipientE164: '+8613800138001',
      countryIso: 'CN',
    });
    expect(chinaLocal).toMatchObject({
      deliveredAmountMinor: 5000,
      deliveredCurrency: 'CNY',
      requestedAmountMinor: 704,
      requestedCurrency: 'USD',
    });
    await expect(
      client.topUp({
        customIdentifier: identifier(),
        providerOperatorId: '211',
        amountMinor: 1500,
        recipientE164: '+12025550120',
        countryIso: 'US',
      }),
    ).rejects.toMatchObject({ providerCode: 'PHONE_RECENTLY_RECHARGED' });
    await expect(
      client.topUp({
        customIdentifier: identifier(),
        providerOperatorId: '211',
        amountMinor: 999_900,
        recipientE164: '+12025550129',
        countryIso: 'US',
      }),
    ).rejects.toMatchObject({ providerCode: 'INVALID_AMOUNT_FOR_OPERATOR' });
    simulator.faults.refuseNextTopUps(1, 'TOPUP_TRANSACTION_FAILED');
    await expect(
      client.topUp({
        customIdentifier: identifier(),
        providerOperatorId: '201',
        amountMinor: 2000,
        recipientE164: '+12025550124',
        countryIso: 'US',
      }),
    ).rejects.toMatchObject({ providerCode: 'TOPUP_TRANSACTION_FAILED' });
    simulator.setFloatMinor(100);
    await expect(
      client.topUp({
        customIdentifier: identifier(),
        providerOperatorId: '221',
        amountMinor: 5000,
        recipientE164: '+12025550126',
        countryIso: 'US',
      }),
    ).rejects.toMatchObject({ providerCode: 'INSUFFICIENT_BALANCE' });
    simulator.setFloatMinor(50_000);
    expect(recorded()).toEqual([]);
  });

  it('status of a processing top-up, the transactions report and the balance match the spec', async () => {
    simulator.faults.processNextTopUps(1, 60_000);
    const processing = await client.topUp({
      customIdentifier: identifier(),
      providerOperatorId: '241',
      amountMinor: 2000,
      recipientE164: '+12025550139',
      countryIso: 'US',
    });
    expect(processing.status).toBe('processing');
    expect((await client.transactionStatus(processing.providerTransactionId)).status).toBe('processing');
    await expect(client.transactionStatus('999999')).rejects.toMatchObject({ kind: 'not_found' });
    const found = await client.findTransaction(processing.customIdentifier, new Date());
    expect(found?.providerTransactionId).toBe(processing.providerTransactionId);
    const report = await client.transactions({
      from: new Date(Date.now() - 3_600_000),
      to: new Date(Date.now() + 3_600_000),
      page: 1,
      size: 50,
    });
    expect(report.transactions.length).toBeGreaterThan(3);
    expect((await client.balance()).currency).toBe('USD');
    expect(recorded()).toEqual([]);
  });

  it('every operation the client calls was exercised (errors too), and every allowed deviation was needed', () => {
    expect(ledger.unexercised()).toEqual([]);
    expect([...ledger.exercised]).toEqual(
      expect.arrayContaining([
        'POST /oauth/token 401',
        'POST /topups 400',
        'GET /operators/auto-detect/phone/{phone}/countries/{countryisocode} 404',
        'GET /topups/{transactionId}/status 404',
      ]),
    );
    expect(ledger.unusedDeviations('reloadly')).toEqual([]);
  });
});
