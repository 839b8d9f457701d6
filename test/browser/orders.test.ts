/// <reference lib="dom" />
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startServer, type RunningServer } from '../helpers/cli.js';
import { devMailbox, launchChromium, registerVerifiedCustomer } from '../helpers/browser.js';

/**
 * The customer's orders in Chromium against `simfill start`, in zh-CN: a refill PIN is bought, stays masked until
 * the customer asks to see it, and comes with how to redeem it; a top-up the carrier keeps refusing says why, when
 * it is tried again and by when it is refunded (never "instant"); the orders list shows product, number, receipt
 * number, status and amount, and cancels an order not paid yet.
 */
const SCREENSHOTS = path.resolve('test-results');
const EMAIL = 'orders.journey@example.com';
const PASSWORD = 'orders journey 2026';

describe('my orders in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let dataDir: string;
  let base: string;
  let localToken: string;
  let reloadly: string;

  const mail = devMailbox(
    () => base,
    () => localToken,
  );

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'simfill-orders-'));
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    const port = await freePort();
    base = `http://localhost:${port}`;
    server = await startServer(
      'start',
      {
        SIMFILL_DATA_DIR: dataDir,
        BASE_URL: base,
        SMTP_DEV_PORT: String(await freePort()),
        PORT: String(port),
      },
      port,
    );
    reloadly = /Reloadly-compatible simulator at (\S+)/.exec(server.output())![1]!;
    localToken = fs.readFileSync(path.join(dataDir, 'local-operator.token'), 'utf8').trim();
    await registerVerifiedCustomer(base, mail, { email: EMAIL, password: PASSWORD });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function shootAtBothWidths(page: Page, name: string) {
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${width}.png`), fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  /** Chooses an offer and a method on the line page and gets the price; the caller pays (or not). */
  async function quote(page: Page, offer: RegExp) {
    await page.getByRole('radio', { name: offer }).check();
    await page.getByRole('radio', { name: '支付宝', exact: true }).check();
    await page.getByRole('button', { name: '查看准确价格' }).click();
    await page.getByRole('heading', { name: '您的价格' }).waitFor();
  }

  it(
    'reveals a refill PIN on request, tells the truth about a refused top-up, and lists and cancels orders',
    { timeout: 180_000 },
    async () => {
      const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${base}/login`);
      await page.getByLabel('邮箱', { exact: true }).fill(EMAIL);
      await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
      await page.getByRole('button', { name: '登录', exact: true }).click();
      await page.getByRole('heading', { name: '个人资料', level: 1 }).waitFor();

      await page.getByRole('link', { name: '我的号码' }).click();
      await page.getByLabel('手机号码').fill('+1 646 217 4520');
      await page.getByRole('button', { name: '查询号码' }).click();
      await page.getByRole('button', { name: '添加这个号码' }).click();
      await page.getByRole('heading', { name: '+1 646 217 4520', level: 1 }).waitFor();
      const linePage = page.url();

      // A refill PIN: masked on the order page until asked for, then whole with the steps in Chinese.
      await quote(page, /\$25 Refill Card/);
      await page.getByRole('button', { name: /^使用 ?支付宝 ?付款 / }).click();
      await page.getByRole('button', { name: '确认付款' }).click();
      await page.getByRole('status').filter({ hasText: '已完成' }).waitFor({ timeout: 30_000 });
      const reveal = page.getByRole('button', { name: '显示卡密' });
      await reveal.waitFor();
      await expect.poll(() => page.getByText(/卡密 •••• \d{4}/).count()).toBe(1);
      await reveal.click();
      const code = page.getByLabel('卡密', { exact: true });
      await expect.poll(() => code.textContent()).toMatch(/^\d{8,}$/);
      await page.getByRole('heading', { name: '使用方法' }).waitFor();
      await page.getByRole('listitem').filter({ hasText: '拨打 *233' }).waitFor();
      await shootAtBothWidths(page, 'order-pin-revealed');
      await page.getByRole('button', { name: '隐藏卡密' }).click();
      await reveal.waitFor();
      expect(await code.count()).toBe(0);

      // The carrier refuses: the order says why, counts down to the next attempt and says by when it refunds.
      const told = await fetch(`${reloadly}/_simulator/topup-faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refuse_next: 5, error_code: 'TRANSACTION_CANNOT_BE_PROCESSED_AT_THE_MOMENT' }),
      });
      expect(told.status).toBe(204);
      await page.goto(linePage);
      await quote(page, /10GB 30 Days/);
      await page.getByRole('button', { name: /^使用 ?支付宝 ?付款 / }).click();
      await page.getByRole('button', { name: '确认付款' }).click();
      await page
        // The number was topped up a minute ago (the PIN): the carrier's own two-minute rule may answer first.
        .getByText(/第 1\/\d+ 次尝试未成功：(运营商暂时无法受理充值|运营商规定同一号码几分钟内只能充值一次)/)
        .waitFor({ timeout: 30_000 })
        .catch(async (error: unknown) => {
          await page.screenshot({ path: path.join(SCREENSHOTS, 'orders-failure.png'), fullPage: true });
          throw error;
        });
      await page.getByText(/\d+ 秒后（.+）自动重试/).waitFor();
      await page.getByText(/如果仍不成功，最晚 .+ 自动退款。/).waitFor();
      expect(await page.getByText('通常一分钟内到账').count()).toBe(0);
      await shootAtBothWidths(page, 'order-waiting-retry');

      // The line's history: the PIN masked with a way to reveal it, the refused top-up waiting for its retry.
      await page.goto(linePage);
      const history = page.getByRole('table', { name: '充值记录' });
      await history.getByRole('cell', { name: '暂未成功，将自动重试（详见订单）' }).waitFor();
      await history.getByText(/卡密 •••• \d{4}/).waitFor();
      await shootAtBothWidths(page, 'line-history-pin');
      await history.getByRole('link', { name: '查看卡密' }).click();
      await page.getByRole('button', { name: '显示卡密' }).waitFor();

      // The same plan again moments later: the duplicate-payment warning names the first receipt, and the
      // customer leaves this order unpaid.
      await page.goto(linePage);
      await quote(page, /10GB 30 Days/);
      await page.getByRole('button', { name: /^使用 ?支付宝 ?付款 / }).click();
      await page.getByText(/您刚刚已支付过相同金额（凭证编号 SF-\d+）/).waitFor();
      await page.goto(`${base}/account/orders`);
      await page.getByRole('heading', { name: '我的订单', level: 1 }).waitFor();
      const table = page.getByRole('table', { name: '我的订单' });
      for (const column of ['日期', '商品', '号码', '凭证编号', '状态', '金额']) {
        await table.getByRole('columnheader', { name: column, exact: true }).waitFor();
      }
      const pinRow = table.getByRole('row').filter({ hasText: /充值卡密|Refill Card/ });
      await pinRow.getByRole('cell', { name: '+1 646 217 4520', exact: true }).waitFor();
      await pinRow.getByRole('cell', { name: /^SF-\d+$/ }).waitFor();
      await pinRow.getByRole('cell', { name: '已完成' }).waitFor();
      expect(await table.getByText(/ord_/).count()).toBe(0);
      const unpaid = table.getByRole('row').filter({ hasText: '尚未付款' });
      await unpaid.getByRole('cell', { name: '等待付款' }).waitFor();
      await shootAtBothWidths(page, 'orders-list');
      await unpaid.getByRole('button', { name: '取消订单' }).click();
      await page.getByRole('button', { name: '确定取消' }).click();
      await page.getByRole('status').filter({ hasText: '未扣任何款项' }).waitFor();
      await table.getByRole('cell', { name: '已取消' }).waitFor();
      expect(await table.getByRole('button', { name: '取消订单' }).count()).toBe(0);
      expect(errors).toEqual([]);
      await context.close();
    },
  );
});
