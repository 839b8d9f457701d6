import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/index.js';
import { trialBalance } from '../src/modules/ledger/service.js';
import { freePort, startServer, type RunningServer } from './helpers/cli.js';
import { payByCard } from './helpers/hosted.js';
import {
  signUpOverHttp,
  startWalletTopUp,
  type HttpBrowser,
  type StartedTopUp,
} from './helpers/http-browser.js';
import { startPrivateCluster, type PrivateCluster } from './helpers/private-postgres.js';
import { startSmtpSink, type SmtpSink } from './helpers/smtp-sink.js';

/**
 * `simfill start` on a PostgreSQL of the test's own, which the test restarts and whose connections it kills while
 * top-ups are in flight. Only real PostgreSQL can be restarted under a running process; PGlite lives inside it.
 */

interface OrderBody {
  status: string;
  payments: { status: string }[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const SETTLED = ['fulfilled', 'failed', 'refunded', 'cancelled', 'expired'];

describe('simfill start through a PostgreSQL restart and killed connections [postgres]', () => {
  let cluster: PrivateCluster | undefined;
  let sink: SmtpSink | undefined;
  let server: RunningServer | undefined;
  let dataDir: string | undefined;
  let customer: HttpBrowser;
  /** Every top-up the customer paid, over all tests: the wallet must hold exactly their sum. */
  const paid: StartedTopUp[] = [];
  let nextAmountMinor = 1_000;

  beforeAll(async () => {
    cluster = await startPrivateCluster();
    // A mail server that takes a while to accept each message: email jobs are mid-send when the database goes.
    sink = await startSmtpSink({ acceptAfterMs: 1_500 });
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'simfill-restart-'));
    server = await startServer(
      'start',
      { DATABASE_URL: cluster.url, SIMFILL_DATA_DIR: dataDir, SMTP_URL: sink.url, LOG_LEVEL: 'info' },
      await freePort(),
    );
    customer = await signUpOverHttp(server.baseUrl, sink, 'restart@example.com');
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await sink?.close();
    await cluster?.destroy();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  /**
   * /readyz and the customer's wallet every 100 ms until stopped: each answer's status (0 when nothing answered),
   * and the error codes the wallet answered with.
   */
  function watchReadiness() {
    const seen: number[] = [];
    const walletErrors: string[] = [];
    let watching = true;
    const loop = (async () => {
      while (watching) {
        const status = await fetch(`${server!.baseUrl}/readyz`, { signal: AbortSignal.timeout(10_000) }).then(
          (response) => response.status,
          () => 0,
        );
        seen.push(status);
        const wallet = await customer.get('/v1/wallet').catch(() => undefined);
        if (wallet && wallet.status !== 200) {
          walletErrors.push(`${wallet.status} ${wallet.json<{ error: { code: string } }>()?.error.code}`);
        }
        await sleep(100);
      }
    })();
    return {
      seen,
      walletErrors,
      stop: async () => {
        watching = false;
        await loop;
      },
    };
  }

  async function placeTopUps(count: number): Promise<StartedTopUp[]> {
    const topUps: StartedTopUp[] = [];
    // Different amounts: the same amount twice within two minutes asks the customer first.
    for (let index = 0; index < count; index += 1) {
      topUps.push(await startWalletTopUp(customer, nextAmountMinor));
      nextAmountMinor += 100;
    }
    paid.push(...topUps);
    return topUps;
  }

  const payOnHostedPage = (topUp: StartedTopUp) => payByCard(topUp.payUrl, { number: '4242424242424242' });

  /** The customer back from the provider: the order page asks SimFill to check the attempt, then watches it. */
  async function settle(topUp: StartedTopUp, timeoutMs = 45_000): Promise<OrderBody> {
    const deadline = Date.now() + timeoutMs;
    let checked = false;
    let last = '';
    for (;;) {
      try {
        if (!checked)
          checked = (await customer.post(`/v1/payments/${topUp.paymentId}/refresh`)).status === 200;
        const order = await customer.get(`/v1/orders/${topUp.orderId}`);
        last = `${order.status} ${order.body.slice(0, 200)}`;
        if (order.status === 200 && SETTLED.includes(order.json<OrderBody>().status))
          return order.json<OrderBody>();
      } catch (error) {
        last = String(error); // not answering yet: the page tries again
      }
      if (Date.now() > deadline) throw new Error(`order ${topUp.orderId} did not settle: ${last}`);
      await sleep(250);
    }
  }

  /** What the customer and the operator check: one charge and one credit per top-up, one receipt, books balanced. */
  async function expectEachPaidOnce(orders: OrderBody[]): Promise<void> {
    for (const order of orders) {
      expect(order.status).toBe('fulfilled');
      expect(order.payments.map((payment) => payment.status)).toEqual(['succeeded']);
    }
    const wallet = (await customer.get('/v1/wallet?limit=100')).json<{
      balance: { amount_minor: number };
      transactions: { data: { type: string; order: string }[] };
    }>();
    expect(wallet.balance.amount_minor).toBe(paid.reduce((sum, topUp) => sum + topUp.amountMinor, 0));
    const credits = wallet.transactions.data.filter((entry) => entry.type === 'wallet_credit');
    expect(credits.map((entry) => entry.order).sort()).toEqual(paid.map((topUp) => topUp.orderId).sort());
    const receiptsOf = (orderId: string) =>
      sink!.delivered.filter((message) => message.text.includes(`/account/orders/${orderId}/receipt`));
    await expect
      .poll(() => paid.filter((topUp) => receiptsOf(topUp.orderId).length === 0).length, { timeout: 30_000 })
      .toBe(0);
    await sleep(1_000); // a receipt sent twice would arrive now
    for (const topUp of paid) expect(receiptsOf(topUp.orderId), topUp.orderId).toHaveLength(1);
    const database = await openDatabase({ kind: 'postgres', url: cluster!.url, poolMax: 2 });
    try {
      for (const row of await trialBalance(database.db)) expect(row.sumMinor, row.currency).toBe(0);
    } finally {
      await database.close();
    }
  }

  async function expectNewTopUpWorks(): Promise<void> {
    const [topUp] = await placeTopUps(1);
    await payOnHostedPage(topUp!);
    expect((await settle(topUp!, 20_000)).status).toBe('fulfilled');
  }

  it('answers 503 while PostgreSQL is down for 3 s, then carries on by itself: every top-up paid and credited once', async () => {
    const readiness = watchReadiness();
    const topUps = await placeTopUps(6);
    // Half are paid just before the database goes away, which happens while their receipts are being sent;
    // half while it is away (the hosted page is the provider's; its webhooks meet a SimFill without a database).
    const sending = sink!.nextArrival();
    const paying = topUps.slice(0, 3).map(payOnHostedPage);
    await sending;
    const restart = cluster!.restart(3_000);
    await sleep(500);
    paying.push(...topUps.slice(3).map(payOnHostedPage));
    await Promise.all([...paying, restart]);
    const orders = await Promise.all(topUps.map((topUp) => settle(topUp)));
    await expect
      .poll(async () => (await fetch(`${server!.baseUrl}/readyz`)).status, { timeout: 15_000 })
      .toBe(200);
    await readiness.stop();

    expect(server!.child.exitCode, server!.output()).toBeNull();
    const firstDown = readiness.seen.findIndex((status) => status !== 200);
    expect(firstDown, 'readiness never dropped').toBeGreaterThan(0);
    expect(readiness.seen.slice(firstDown)).toContain(503);
    expect(readiness.seen.at(-1)).toBe(200);
    // The API says "unavailable, retry" meanwhile, never an internal error.
    expect(readiness.walletErrors.length).toBeGreaterThan(0);
    expect(new Set(readiness.walletErrors)).toEqual(new Set(['503 service_unavailable']));
    await expectEachPaidOnce(orders);
    await expectNewTopUpWorks();
  }, 90_000);

  it('carries on by itself when every database connection is killed, again and again, mid top-up', async () => {
    const topUps = await placeTopUps(6);
    const sending = sink!.nextArrival();
    const paying = topUps.slice(0, 3).map(payOnHostedPage);
    await sending;
    let killed = 0;
    const killing = (async () => {
      for (let round = 0; round < 8; round += 1) {
        killed += await cluster!.terminateConnections();
        await sleep(250);
      }
    })();
    await sleep(600);
    paying.push(...topUps.slice(3).map(payOnHostedPage));
    await Promise.all([...paying, killing]);
    expect(killed).toBeGreaterThan(0);
    const orders = await Promise.all(topUps.map((topUp) => settle(topUp)));

    expect(server!.child.exitCode, server!.output()).toBeNull();
    expect((await fetch(`${server!.baseUrl}/readyz`)).status).toBe(200);
    await expectEachPaidOnce(orders);
    await expectNewTopUpWorks();
  }, 90_000);
});
