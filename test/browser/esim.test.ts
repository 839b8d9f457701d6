/// <reference lib="dom" />
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startServer, type RunningServer } from '../helpers/cli.js';
import { devMailbox, launchChromium, registerVerifiedCustomer } from '../helpers/browser.js';
import { until } from '../helpers/wait.js';

/**
 * Issue 17's journey in Chromium against `simfill start`, in zh-CN on a phone: check an iPhone 15 (compatible),
 * buy a 7-day US travel eSIM with WeChat Pay from its plan card, open the install page — its QR code, read off
 * the screen by zbar, is the exact activation code, and the one-tap link carries it to Apple's installer — the
 * phone installs it (the Airalo simulator's first data use; the SM-DP+ simulator's download), the eSIM shows it,
 * and a 1 GB top-up lands on the same ICCID with more data left. The same from the operator's own SM-DP+.
 */
const SCREENSHOTS = path.resolve('test-results');
const EMAIL = 'esim.journey@example.com';
const PASSWORD = 'esim journey 2026';
const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
const EID = '89049032123451234512345678901235';

describe('an eSIM in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let dataDir: string;
  let base: string;
  let localToken: string;
  let airalo: string;
  let smdp: string;

  const mail = devMailbox(
    () => base,
    () => localToken,
  );

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'simfill-esim-'));
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
    airalo = /Airalo-compatible simulator at (\S+)/.exec(server.output())![1]!;
    smdp = /SM-DP\+ simulator at (\S+)/.exec(server.output())![1]!;
    localToken = fs.readFileSync(path.join(dataDir, 'local-operator.token'), 'utf8').trim();
    await registerVerifiedCustomer(base, mail, { email: EMAIL, password: PASSWORD });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function signedInPhone(): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({
      locale: 'zh-CN',
      userAgent: IPHONE,
      viewport: { width: 390, height: 844 },
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
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

  /** The page as a phone (390 px) and a laptop (1280 px) show it, for a person to look at; back to the phone after. */
  async function shootAtBothWidths(page: Page, name: string) {
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${width}.png`), fullPage: true });
    }
  }

  /** Method → exact price → WeChat Pay's QR, approved on the "phone" that scans it → the order page. */
  async function payWithWeChat(page: Page) {
    await page.getByRole('radio', { name: '微信支付', exact: true }).check();
    await page.getByRole('button', { name: '查看准确价格' }).click();
    await page.getByRole('heading', { name: '您的价格' }).waitFor();
    await page.getByRole('button', { name: /^微信支付 / }).click();
    await page.getByRole('img', { name: '微信支付二维码' }).waitFor();
    const instructions = await page.getByRole('link', { name: '支付说明' }).getAttribute('href');
    const phone = await page.context().newPage();
    await phone.goto(instructions!);
    await phone.getByRole('button', { name: '在微信中确认付款' }).click();
    await phone.close();
    await page.bringToFront();
  }

  /** The install page's QR as a camera would read it off the screen. */
  async function scannedQr(page: Page, name: string): Promise<string> {
    const qr = page.getByRole('img', { name: 'eSIM 安装二维码' });
    await qr.waitFor();
    await expect
      .poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBeTruthy();
    const file = path.join(SCREENSHOTS, `${name}.png`);
    await qr.screenshot({ path: file });
    return execFileSync('zbarimg', ['-q', '--raw', file], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  }

  async function esimOf(page: Page, id: string) {
    const response = await page.request.get(`${base}/v1/esims/${id}`);
    return (await response.json()) as {
      iccid: string;
      install: { activation_code: string; smdp_address: string; matching_id: string };
      usage: { total_mb: number | null; remaining_mb: number | null } | null;
    };
  }

  /** From a plan card: the device check (an iPhone 15), WeChat Pay, the install page. Returns the eSIM's id. */
  async function buyFromCard(page: Page, plan: string, shots: string): Promise<{ id: string; lpa: string }> {
    await page.goto(`${base}/?sim_type=esim`);
    const card = page.getByRole('article', { name: plan });
    await card.getByRole('link', { name: /^购买 eSIM/ }).click();
    await page.getByLabel('手机型号').fill('iPhone 15');
    await page.getByRole('button', { name: '检查', exact: true }).first().click();
    await page.getByText('您的手机支持 eSIM，可以在下方付款。').waitFor();
    await page.getByText('付款前请了解：一张 eSIM，只安装一次').waitFor();
    await shootAtBothWidths(page, `${shots}-buy`);
    await payWithWeChat(page);
    await page.getByText('您的 eSIM 已开通，可以安装了。').waitFor({ timeout: 30_000 });
    await page.getByRole('link', { name: '安装 eSIM' }).click();
    await page.getByRole('heading', { name: '安装 eSIM', level: 1 }).waitFor();
    const id = /\/esims\/(esim_[0-9a-z]+)\/install/.exec(page.url())![1]!;
    const { install } = await esimOf(page, id);
    // Warning first, then the ways to install: the QR decodes to the exact code, the one-tap link carries it.
    await page.getByText('请先阅读：只扫描一次，不要删除').waitFor();
    expect(await scannedQr(page, `${shots}-qr`)).toBe(install.activation_code);
    const oneTap = await page.getByRole('link', { name: '一键安装 eSIM' }).getAttribute('href');
    expect(oneTap).toBe(
      `https://esimsetup.apple.com/esim_qrcode_provisioning?carddata=${encodeURIComponent(install.activation_code)}`,
    );
    // Manual entry: the two fields a phone asks for, each copied with one tap.
    expect(await page.getByLabel('SM-DP+ 地址').inputValue()).toBe(install.smdp_address);
    expect(await page.getByLabel('激活码', { exact: true }).inputValue()).toBe(install.matching_id);
    const smdpField = page.locator('.copy-field').filter({ has: page.getByLabel('SM-DP+ 地址') });
    await smdpField.getByRole('button', { name: '复制' }).click();
    await smdpField.getByText('已复制').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(install.smdp_address);
    await shootAtBothWidths(page, `${shots}-install`);
    return { id, lpa: install.activation_code };
  }

  /** The eSIM page's top-up: the 1 GB package, WeChat Pay; back on the eSIM page with more data. */
  async function topUpOneGb(page: Page, id: string) {
    await page.goto(`${base}/esims/${id}`);
    await page.getByRole('link', { name: '加流量' }).click();
    await page.getByRole('heading', { name: '为 eSIM 加流量', level: 1 }).waitFor();
    await page.getByRole('radio', { name: /流量加油包（1 GB · 7 天）/ }).check();
    await payWithWeChat(page);
    await page.getByText('流量已加到您的 eSIM 上。').waitFor({ timeout: 30_000 });
  }

  it(
    'checks an iPhone 15, buys a 7-day US eSIM with WeChat Pay, installs it, and adds 1 GB to the same ICCID',
    { timeout: 240_000 },
    async () => {
      const { page, errors } = await signedInPhone();
      await page.goto(`${base}/esim/compatibility`);
      await page.getByLabel('手机型号').fill('iPhone 15');
      await page.getByRole('button', { name: '检查', exact: true }).first().click();
      await page
        .getByText(/iPhone 15.*支持 eSIM/)
        .first()
        .waitFor();

      const { id } = await buyFromCard(page, '美国旅行 eSIM 1GB（7天）', 'esim-airalo');
      const before = await esimOf(page, id);
      // The phone installs it and starts using data: the provider reports the eSIM in use.
      const used = await fetch(`${airalo}/_simulator/sims/${before.iccid}/consume`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ bytes: 100 * 1024 * 1024 }),
      });
      expect(used.status).toBe(204);
      await page.getByText('安装完成：eSIM 已在您的手机上。').waitFor({ timeout: 40_000 });
      await page.goto(`${base}/esims/${id}`);
      await page.getByText('已安装并启用').first().waitFor();
      const installed = await until(
        () => esimOf(page, id),
        (esim) => esim.usage?.remaining_mb === 1024 - 100,
        'the usage read after the first use',
        40_000,
      );

      await topUpOneGb(page, id);
      const after = await until(
        () => esimOf(page, id),
        (esim) => (esim.usage?.remaining_mb ?? 0) > installed.usage!.remaining_mb!,
        'more data left after the top-up',
        40_000,
      );
      expect(after.iccid).toBe(before.iccid);
      expect(after.usage!.remaining_mb).toBe(2 * 1024 - 100);
      await page.goto(`${base}/esims/${id}`);
      await page
        .getByText(/剩余 1\.9 GB|剩余 1,948 MB|剩余 1948 MB/)
        .first()
        .waitFor();
      await shootAtBothWidths(page, 'esim-airalo-line');
      expect(errors).toEqual([]);
    },
  );

  it(
    'buys the operator’s own eSIM from its SM-DP+ the same way: the phone downloads it and the page says installed',
    { timeout: 240_000 },
    async () => {
      const { page, errors } = await signedInPhone();
      const { id, lpa } = await buyFromCard(page, 'SimFill 美国数据 eSIM 3GB（30天）', 'esim-smdp');
      // The phone scans the code: the SM-DP+ reports the download and the installation to SimFill.
      const scanned = await fetch(`${smdp}/_simulator/devices/download`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ activation_code: lpa, eid: EID, install: 'ok' }),
      });
      expect(scanned.status, await scanned.text()).toBe(200);
      await page.getByText('安装完成：eSIM 已在您的手机上。').waitFor({ timeout: 30_000 });
      const before = await esimOf(page, id);
      await topUpOneGb(page, id);
      const after = await esimOf(page, id);
      expect(after.iccid).toBe(before.iccid);
      expect(after.usage!.total_mb).toBe(before.usage!.total_mb! + 1024);
      await page.goto(`${base}/esims/${id}`);
      await page.getByText('已安装', { exact: true }).first().waitFor();
      await shootAtBothWidths(page, 'esim-smdp-line');
      expect(errors).toEqual([]);
    },
  );
});
