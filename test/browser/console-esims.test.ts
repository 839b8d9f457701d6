/// <reference lib="dom" />
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/index.js';
import { newId } from '../../src/kernel/ids.js';
import { freePort, runCli, startServer, type RunningServer } from '../helpers/cli.js';
import { createScratchPostgres, type ScratchPostgres } from '../helpers/databases.js';
import { anEsimEvent, anEsimOrder, anIssuedEsim } from '../helpers/esim-rows.js';

/**
 * Support staff in Chromium, zh-CN, on `simfill serve` over PostgreSQL: the console's eSIM entry → the counts by
 * provider and install state → only the SM-DP+ ones → one eSIM's steps in words → the failed eSIM orders with
 * the provider's reason and the order where its refund is. The eSIM rows are written straight into the esim
 * module's tables by the read-route factory (test/helpers/esim-rows.ts): these pages only read them.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = path.resolve('test-results');
const STAFF_EMAIL = 'support.esims@simfill.test';
const STAFF_PASSWORD = 'support esims 2026';

describe('the console’s eSIM pages in Chromium', () => {
  let scratch: ScratchPostgres;
  let server: RunningServer;
  let browser: Browser;
  let base: string;
  let setPasswordUrl: string;
  let story: { id: string; iccid: string };
  let recycledOrderId: string;

  beforeAll(async () => {
    if (!fs.existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: npm test installs it.`);
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    scratch = await createScratchPostgres();
    const port = await freePort();
    base = `http://localhost:${port}`;
    const env = { DATABASE_URL: scratch.url, BASE_URL: base };
    expect((await runCli(['migrate'], env)).code).toBe(0);
    const database = await openDatabase({ kind: 'postgres', url: scratch.url, poolMax: 2 });
    try {
      const db = database.db;
      const customer = newId('customer');
      const at = (hours: number) => new Date(Date.UTC(2026, 11, 1, hours));
      await anIssuedEsim(db, { customerId: customer, createdAt: at(1) });
      const enabled = await anIssuedEsim(db, {
        customerId: customer,
        createdAt: at(2),
        installState: 'enabled',
      });
      await anIssuedEsim(db, {
        customerId: customer,
        source: 'smdp',
        createdAt: at(3),
        installState: 'downloaded',
      });
      const installed = await anIssuedEsim(db, {
        customerId: customer,
        source: 'smdp',
        createdAt: at(4),
        installState: 'installed',
      });
      await anEsimEvent(db, { profileId: installed.id, kind: 'installed', at: at(5) });
      story = { id: installed.id, iccid: installed.iccid };
      const recycled = await anEsimOrder(db, {
        customerId: customer,
        kind: 'topup',
        profileId: enabled.id,
        iccid: enabled.iccid,
        status: 'failed',
        providerCode: '73',
        createdAt: at(6),
        finishedAt: at(6),
      });
      recycledOrderId = recycled.orderId;
    } finally {
      await database.close();
    }
    const created = await runCli(
      ['staff', 'create', '--email', STAFF_EMAIL, '--role', 'support', '--locale', 'zh-CN'],
      env,
    );
    expect(created.code, created.stderr).toBe(0);
    setPasswordUrl = /^ {2}(http\S+set-password\S+)$/m.exec(created.stdout)![1]!;
    server = await startServer('serve', env, port);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await scratch?.drop();
  });

  it(
    'shows support the eSIMs by provider and state, one eSIM’s steps, and why failed eSIM orders failed',
    { timeout: 120_000 },
    async () => {
      const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => {
        const text = message.text();
        // 401 before signing in; 404 from the SM-DP+ pool where its route is not served (the page shows nothing).
        if (message.type() === 'error' && !/favicon|status of 40[14]/.test(text)) errors.push(text);
      });
      await page.goto(setPasswordUrl);
      await page.getByLabel('新密码', { exact: true }).fill(STAFF_PASSWORD);
      await page.getByRole('button', { name: '设置密码' }).click();
      await page.getByRole('link', { name: '控制台登录' }).click();
      await page.getByLabel('邮箱', { exact: true }).fill(STAFF_EMAIL);
      await page.getByLabel('密码', { exact: true }).fill(STAFF_PASSWORD);
      await page.getByRole('button', { name: '登录', exact: true }).click();

      await page.getByRole('navigation', { name: '控制台' }).getByRole('link', { name: 'eSIM' }).click();
      await page.getByRole('heading', { name: '安装状态（共 4 张 eSIM）' }).waitFor();
      const rows = page.getByRole('table').getByRole('row');
      await expect.poll(() => rows.count()).toBe(5); // the header and four eSIMs
      // Each count is a link to those eSIMs.
      await page
        .getByRole('link', { name: /^1\s*已启用$/ })
        .first()
        .click();
      await expect.poll(() => rows.count()).toBe(2);

      await page.getByLabel('供应商').selectOption({ label: '自有 SM-DP+' });
      await page.getByLabel('安装状态', { exact: true }).selectOption('');
      await page.getByRole('button', { name: '筛选' }).click();
      await expect.poll(() => rows.count()).toBe(3);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'console-esims-1280.png'), fullPage: true });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({ path: path.join(SCREENSHOTS, 'console-esims-390.png'), fullPage: true });
      await page.setViewportSize({ width: 1280, height: 900 });

      await page.getByRole('link', { name: story.iccid }).click();
      await page.getByRole('heading', { name: `eSIM ${story.iccid}` }).waitFor();
      await page.getByRole('cell', { name: /手机已安装/ }).waitFor();
      await page.getByRole('cell', { name: 'eSIM 本身' }).waitFor();

      await page.getByRole('link', { name: '← 已发放的 eSIM' }).click();
      await page.getByRole('link', { name: 'eSIM 订单' }).click();
      await page.getByText('供应商拒绝或重试次数用尽的 eSIM 订单').waitFor();
      await page.getByText(/Airalo：这张 eSIM 已被回收，不能再充值/).waitFor();
      expect(await page.getByRole('link', { name: '订单与退款' }).getAttribute('href')).toBe(
        `/console/orders/${recycledOrderId}`,
      );
      await page.screenshot({ path: path.join(SCREENSHOTS, 'console-esim-orders-1280.png'), fullPage: true });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({ path: path.join(SCREENSHOTS, 'console-esim-orders-390.png'), fullPage: true });
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.getByRole('link', { name: '应答丢失', exact: true }).click();
      await page.getByText('没有等待查询丢失应答的 eSIM 订单。').waitFor();
      expect(errors).toEqual([]);
      await context.close();
    },
  );
});
