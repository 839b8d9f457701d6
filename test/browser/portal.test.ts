/// <reference lib="dom" />
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startServer, type RunningServer } from '../helpers/cli.js';

/**
 * The newcomer's first look: `simfill start` on a fresh data dir, then the portal in Chromium, in Chinese for
 * a browser that prefers Chinese and in English otherwise.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = path.resolve('test-results');

describe('web portal in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let dataDir: string;

  beforeAll(async () => {
    if (!fs.existsSync(CHROMIUM)) {
      throw new Error(
        `No Chromium at ${CHROMIUM}: run "sh scripts/ensure-system-packages.sh chromium" (npm test does).`,
      );
    }
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'simfill-browser-'));
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    server = await startServer('start', { SIMFILL_DATA_DIR: dataDir }, await freePort());
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

  async function openPortal(
    locale: string,
  ): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().includes('favicon')) errors.push(message.text());
    });
    await page.goto(`${server.baseUrl}/`);
    return { context, page, errors };
  }

  it('shows the demo plans in Chinese to a browser that prefers Chinese, and filters them', async () => {
    const { context, page, errors } = await openPortal('zh-CN');
    try {
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('zh-CN');
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('选择套餐');
      const count = page.locator('p[aria-live="polite"]');
      await expect.poll(() => count.textContent()).toBe('共 23 个套餐');

      const att = page.getByRole('article', { name: 'AT&T 预付费 5GB（30天）' });
      await att.waitFor();
      const card = await att.innerText();
      expect(card).toContain('US$30.90 起'); // the $30 renewal with the operator's 3 % markup, as its offer and quote price it
      expect(card).toContain('5 GB');
      expect(card).toContain('128 kbps');
      expect(card).toContain('30 天');
      await page.screenshot({ path: path.join(SCREENSHOTS, 'portal-zh-CN.png'), fullPage: true });

      await page.getByRole('combobox', { name: '运营商', exact: true }).selectOption('t-mobile');
      await expect.poll(() => count.textContent()).toBe('共 3 个套餐');
      const names = await page.getByRole('article').locator('h3').allTextContents();
      expect(names.every((name) => name.startsWith('T-Mobile'))).toBe(true);
      expect(page.url()).toContain('carrier=t-mobile');

      await page.getByRole('combobox', { name: '流量', exact: true }).selectOption('unlimited');
      await expect.poll(() => count.textContent()).toBe('共 1 个套餐');
      await page.getByRole('article', { name: 'T-Mobile 无限流量月套餐' }).waitFor();

      await page.reload();
      await expect.poll(() => count.textContent()).toBe('共 1 个套餐');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('switches to English, remembers the choice, and prices plans in English', async () => {
    const { context, page, errors } = await openPortal('zh-CN');
    try {
      await page.getByRole('combobox', { name: '语言 / Language' }).selectOption('en');
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Choose a plan');
      const plan = page.getByRole('article', { name: 'T-Mobile Prepaid 10GB (30 days)' });
      await plan.waitFor();
      expect(await plan.innerText()).toContain('from $41.20');

      await page.reload();
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
      await page.getByRole('article', { name: 'Verizon Unlimited Monthly' }).waitFor();
      await page.screenshot({ path: path.join(SCREENSHOTS, 'portal-en.png'), fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows English to an English browser, and a clear message when nothing matches', async () => {
    const { context, page, errors } = await openPortal('en-US');
    try {
      await page.getByRole('combobox', { name: 'Carrier', exact: true }).selectOption('att');
      await page.getByRole('combobox', { name: 'Data', exact: true }).selectOption('unlimited');
      await page.getByRole('combobox', { name: 'Country/region', exact: true }).selectOption('GB');
      await expect.poll(() => page.locator('p[aria-live="polite"]').textContent()).toBe('0 plans');
      expect(await page.getByRole('main').innerText()).toContain(
        'No plans match these filters; try fewer filters',
      );
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('fits a phone screen in one column', async () => {
    const context = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 390, height: 844 },
      isMobile: true,
    });
    try {
      const page = await context.newPage();
      await page.goto(`${server.baseUrl}/`);
      const cards = page.getByRole('article');
      await cards.first().waitFor();
      const [first, second] = [await cards.nth(0).boundingBox(), await cards.nth(1).boundingBox()];
      expect(second!.y).toBeGreaterThan(first!.y + first!.height - 1);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'portal-phone.png') });
    } finally {
      await context.close();
    }
  });
  it(
    'checks before an eSIM is bought: an iPhone 15 takes one, an iPhone X does not, a mistyped EID is caught',
    { timeout: 90_000 },
    async () => {
      const { context, page, errors } = await openPortal('zh-CN');
      try {
        await page.setViewportSize({ width: 390, height: 844 });
        // Every eSIM card offers the check before the purchase page asks for it.
        const esimCard = page.getByRole('article', { name: '美国旅行 eSIM 1GB（7天）' });
        await esimCard.getByRole('link', { name: '检查我的手机是否支持 eSIM' }).click();
        await page.getByRole('heading', { name: '检查手机是否支持 eSIM', level: 1 }).waitFor();

        await page.getByLabel('手机型号').fill('iPhone 15');
        await page.getByRole('button', { name: '检查', exact: true }).first().click();
        const verdict = page.getByRole('status');
        await verdict.filter({ hasText: '支持 eSIM' }).filter({ hasText: 'Apple iPhone 15' }).waitFor();
        expect(await verdict.innerText()).toContain('已解锁');
        await page.screenshot({ path: path.join(SCREENSHOTS, 'esim-compatibility-390.png'), fullPage: true });

        await page.getByLabel('手机型号').fill('iPhone X');
        await page.getByRole('button', { name: '检查', exact: true }).first().click();
        await verdict.filter({ hasText: '不支持 eSIM' }).waitFor();

        await page.getByLabel('EID（32 位数字）').fill('89049032123451234512345678901234');
        await page.getByRole('button', { name: '检查', exact: true }).last().click();
        await page.getByRole('alert').filter({ hasText: 'EID 无效' }).waitFor();
        await page.getByLabel('EID（32 位数字）').fill('89049032123451234512345678901235');
        await page.getByRole('button', { name: '检查', exact: true }).last().click();
        await verdict.filter({ hasText: '有效的 EID' }).waitFor();
        // The one 400 is the mistyped EID (the browser logs every 4xx answer).
        expect(errors).toEqual([
          'Failed to load resource: the server responded with a status of 400 (Bad Request)',
        ]);
      } finally {
        await context.close();
      }
    },
  );
});
