/// <reference lib="dom" />
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, runCli, startServer, type RunningServer } from '../helpers/cli.js';

/**
 * The wallet top-up in Chromium against `simfill start` (its embedded Stripe-compatible simulator and dev
 * mailbox), in zh-CN: card, Apple Pay, Alipay, WeChat Pay and PayPal each take the customer through the provider's
 * page and back to a live order page, then the receipt; every payment's confirmation email arrives over SMTP.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = path.resolve('test-results');
const EMAIL = 'wallet.journey@example.com';
const PASSWORD = 'wallet journey 2026';

interface DevMessage {
  id: string;
  subject: string;
  envelope_to: string[];
  text: string;
}

describe('wallet top-up in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let dataDir: string;
  let base: string;
  let localToken: string;
  let env: Record<string, string> = {};

  const mailbox = async (): Promise<DevMessage[]> => {
    const response = await fetch(`${base}/v1/dev/mailbox?limit=100`, {
      headers: { 'x-simfill-local-token': localToken },
    });
    return ((await response.json()) as { data: DevMessage[] }).data;
  };

  const waitForMail = async (match: (message: DevMessage) => boolean): Promise<DevMessage> => {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const found = (await mailbox()).find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error('no such email within 20 s');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };

  beforeAll(async () => {
    if (!fs.existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: npm test installs it.`);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'simfill-checkout-'));
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    const port = await freePort();
    base = `http://localhost:${port}`;
    env = {
      SIMFILL_DATA_DIR: dataDir,
      BASE_URL: base,
      SMTP_DEV_PORT: String(await freePort()),
      PORT: String(port),
    };
    server = await startServer('start', env, port);
    localToken = fs.readFileSync(path.join(dataDir, 'local-operator.token'), 'utf8').trim();
    // A verified customer, through the API and the emailed link.
    const registered = await fetch(`${base}/v1/registrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'zh-CN' },
      body: JSON.stringify({ email: EMAIL, password: PASSWORD, locale: 'zh-CN' }),
    });
    expect(registered.status).toBe(202);
    const verification = await waitForMail((message) => message.envelope_to.includes(EMAIL));
    const token = new URL(/https?:\/\/\S+verify-email\S+/.exec(verification.text)![0]).searchParams.get(
      'token',
    );
    expect(
      (
        await fetch(`${base}/v1/email-verifications`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ token }),
        })
      ).status,
    ).toBe(200);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function signedIn(): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('response', (response) => {
      if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`);
    });
    page.on('console', (message) => {
      const text = message.text();
      if (message.type() === 'error' && !text.includes('favicon') && !text.includes('status of 401'))
        errors.push(text);
    });
    await page.goto(`${base}/login`);
    await page.getByLabel('邮箱', { exact: true }).fill(EMAIL);
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByRole('heading', { name: '个人资料', level: 1 }).waitFor();
    return { page, errors };
  }

  /** Wallet → top up: amount, method, the locked quote; then the pay button. */
  async function quoteAndPay(page: Page, amount: string, method: string) {
    await page.getByRole('link', { name: '个人中心' }).click();
    await page.getByRole('link', { name: '我的钱包' }).click();
    await page.getByRole('link', { name: '立即充值' }).click();
    await page.getByRole('radio', { name: '其他金额' }).check();
    await page.getByLabel('金额（美元）').fill(amount);
    await page.getByRole('radio', { name: new RegExp(method) }).check();
    await page.getByRole('button', { name: '查看准确价格' }).click();
    await page.getByRole('heading', { name: '您的价格' }).waitFor();
    await expect.poll(() => page.getByRole('timer').textContent()).toMatch(/价格锁定剩余 1[45]:\d\d/);
    // "微信支付 ¥…" (the brand is the verb), "使用支付宝付款 ¥…", "使用 PayPal 付款 …".
    const payButton = method === '微信支付' ? /^微信支付 / : new RegExp(`^使用 ?${method} ?付款 `);
    await page.getByRole('button', { name: payButton }).click();
  }

  async function expectDone(page: Page, label: string, methodText: RegExp) {
    await page.getByRole('status').filter({ hasText: '已完成' }).waitFor({ timeout: 20_000 });
    await page.getByRole('link', { name: '查看凭证' }).click();
    await page.getByRole('heading', { name: '凭证', level: 1 }).waitFor();
    await expect.poll(() => page.locator('.receipt').textContent()).toMatch(methodText);
    await page.screenshot({ path: path.join(SCREENSHOTS, `receipt-${label}.png`), fullPage: true });
  }

  it(
    'tops up with card, Apple Pay, Alipay, WeChat Pay and PayPal, each ending with a receipt and an email',
    { timeout: 180_000 },
    async () => {
      const { page, errors } = await signedIn();
      try {
        await quoteAndPay(page, '20', '信用卡或借记卡');
        await page.getByLabel('卡号').fill('4242 4242 4242 4242');
        await page.getByLabel('有效期（月/年）').fill('12/34');
        await page.getByLabel('安全码').fill('123');
        await page.getByRole('button', { name: /^支付/ }).click();
        await expectDone(page, 'card', /VISA •••• 4242/);

        await quoteAndPay(page, '25', 'Apple Pay');
        await page.getByRole('button', { name: '使用 Apple Pay 支付' }).click();
        await expectDone(page, 'apple-pay', /Apple Pay \(VISA •••• 4242\)/);

        await quoteAndPay(page, '30', '支付宝');
        await page.getByRole('button', { name: '确认付款' }).click();
        await expectDone(page, 'alipay', /支付宝/);
        await page.getByRole('cell', { name: '钱包充值', exact: true }).waitFor();
        await expect.poll(() => page.getByTestId('receipt-charged').textContent()).toMatch(/¥/);
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('link', { name: '下载 PDF' }).click(),
        ]);
        expect(download.suggestedFilename()).toMatch(/^SF-\d{6}\.pdf$/);
        const pdf = fs.readFileSync(await download.path());
        expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');

        await quoteAndPay(page, '35', '微信支付');
        const qr = page.getByRole('img', { name: '微信支付二维码' });
        await qr.waitFor();
        // Not paid yet: the amount is what is to pay, not what was charged.
        await page
          .getByRole('term')
          .filter({ hasText: /^应付金额$/ })
          .waitFor();
        await page.screenshot({ path: path.join(SCREENSHOTS, 'wechat-qr.png') });
        // What a phone's camera would read off the screen: the QR as drawn, decoded by zbar.
        const qrPng = path.join(SCREENSHOTS, 'wechat-qr-code.png');
        await qr.screenshot({ path: qrPng });
        const scanned = execFileSync('zbarimg', ['-q', '--raw', qrPng], {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'ignore'],
        }).trim();
        expect(scanned).toMatch(/^weixin:\/\/wxpay\/bizpayurl\?pr=[A-Za-z0-9]+$/);
        const instructions = await page.getByRole('link', { name: '支付说明' }).getAttribute('href');
        const phone = await page.context().newPage();
        await phone.goto(instructions!);
        await phone.getByRole('button', { name: '在微信中确认付款' }).click();
        await phone.close();
        await page.bringToFront();
        await expectDone(page, 'wechat', /微信支付/);

        await quoteAndPay(page, '40', 'PayPal');
        await page.getByRole('button', { name: '立即付款' }).click();
        await expectDone(page, 'paypal', /PayPal/);

        // Save a card for later (auto-recharge): typed on the provider's page, listed by brand and last 4.
        await page.getByRole('link', { name: '个人中心' }).click();
        await page.getByRole('link', { name: '支付方式' }).click();
        await page.getByRole('button', { name: '保存银行卡' }).click();
        await page.getByLabel('卡号').fill('5555 5555 5555 4444');
        await page.getByLabel('有效期（月/年）').fill('12/34');
        await page.getByLabel('安全码').fill('123');
        await page.getByRole('button', { name: /保存/ }).click();
        await page.getByText('MASTERCARD •••• 4444').waitFor();

        await page.getByRole('link', { name: '个人中心' }).click();
        await page.getByRole('link', { name: '我的钱包' }).click();
        await expect
          .poll(() => page.locator('.wallet-balance__amount').textContent(), { timeout: 20_000 })
          .toBe('US$150.00');
        await page.screenshot({ path: path.join(SCREENSHOTS, 'wallet.png'), fullPage: true });
        const receipts = async () =>
          (await mailbox()).filter(
            (message) =>
              message.envelope_to.includes(EMAIL) && message.subject.includes('已存入您的 SimFill 钱包'),
          ).length;
        await expect.poll(receipts, { timeout: 20_000 }).toBe(5);
        expect(errors).toEqual([]);
      } catch (error) {
        await page.screenshot({ path: path.join(SCREENSHOTS, 'checkout-failure.png'), fullPage: true });
        throw error;
      }
    },
  );

  it(
    'lets finance find the order in the console, read its story and refund part of it',
    { timeout: 120_000 },
    async () => {
      const created = await runCli(
        ['staff', 'create', '--email', 'finance@simfill.test', '--role', 'finance'],
        env,
      );
      expect(created.code).toBe(0);
      const link = /^ {2}(http\S+set-password\S+)$/m.exec(created.stdout)![1]!;
      const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      try {
        await page.goto(link);
        await page.getByLabel('新密码', { exact: true }).fill('finance password 2026');
        await page.getByRole('button', { name: '设置密码' }).click();
        await page.getByRole('link', { name: '控制台登录' }).click();
        await page.getByLabel('邮箱', { exact: true }).fill('finance@simfill.test');
        await page.getByLabel('密码', { exact: true }).fill('finance password 2026');
        await page.getByRole('button', { name: '登录', exact: true }).click();
        await page.getByRole('link', { name: '订单' }).click();
        await page.getByLabel('订单号、凭证编号或客户邮箱').fill(EMAIL);
        await page.getByRole('button', { name: '查找' }).click();
        await page.getByRole('link', { name: 'SF-000001' }).click();
        await page.getByRole('heading', { name: '账本' }).waitFor();
        await page.getByLabel('金额（USD）').fill('5');
        page.once('dialog', (dialog) => void dialog.accept());
        await page.getByRole('button', { name: '退款', exact: true }).click();
        await expect
          .poll(() => page.locator('.order-facts').textContent(), { timeout: 20_000 })
          .toContain('US$5.00');
        await expect
          .poll(() => page.getByRole('heading', { name: '退款', level: 2 }).count())
          .toBeGreaterThan(0);
        await page.screenshot({ path: path.join(SCREENSHOTS, 'console-order.png'), fullPage: true });
        await page.getByRole('link', { name: '汇率' }).click();
        await page.getByRole('status').filter({ hasText: '当前向客户收取的汇率' }).waitFor();
        await page.getByRole('link', { name: '每日汇总' }).click();
        await page.getByRole('cell', { name: '支付宝' }).first().waitFor();
        // One total per currency under the money paid in, the figure the ledger holds.
        await page.getByRole('rowheader', { name: '合计 CNY' }).waitFor();
        await page.screenshot({ path: path.join(SCREENSHOTS, 'console-totals.png'), fullPage: true });
      } catch (error) {
        await page.screenshot({ path: path.join(SCREENSHOTS, 'console-failure.png'), fullPage: true });
        throw error;
      } finally {
        await context.close();
      }
    },
  );
});
