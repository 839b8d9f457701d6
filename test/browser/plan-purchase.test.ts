/// <reference lib="dom" />
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startServer, type RunningServer } from '../helpers/cli.js';
import { until } from '../helpers/wait.js';

/**
 * From a catalog card to a paid plan in Chromium against `simfill start`, in zh-CN: the card's price is the
 * line page's and the quote's subtotal, the fee rule is stated before any quote, a signed-out visitor signs in and
 * comes back to choose or add the line, and a CNY estimate (rate, time) stands beside USD only for a customer whose
 * display currency is CNY.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = path.resolve('test-results');
const PASSWORD = 'plan journey 2026';
const PLAN = 'T-Mobile 预付费 10GB（30天）';
/** The $40 renewal with the operator's 3 % markup. */
const PRICE = 'US$41.20';

interface DevMessage {
  envelope_to: string[];
  text: string;
}

describe('buying a plan from its catalog card in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let dataDir: string;
  let base: string;
  let localToken: string;

  const mailbox = async (): Promise<DevMessage[]> => {
    const response = await fetch(`${base}/v1/dev/mailbox?limit=100`, {
      headers: { 'x-simfill-local-token': localToken },
    });
    return ((await response.json()) as { data: DevMessage[] }).data;
  };

  /** A verified customer whose profile starts as a zh-CN registration does: display currency CNY. */
  async function aVerifiedCustomer(email: string) {
    const registered = await fetch(`${base}/v1/registrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD, locale: 'zh-CN' }),
    });
    expect(registered.status).toBe(202);
    const verification = (await until(
      async () => (await mailbox()).find((message) => message.envelope_to.includes(email)),
      Boolean,
      'the verification email',
      20_000,
    )) as DevMessage;
    const token = new URL(/https?:\/\/\S+verify-email\S+/.exec(verification.text)![0]).searchParams.get(
      'token',
    );
    await fetch(`${base}/v1/email-verifications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });
  }

  beforeAll(async () => {
    if (!fs.existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: npm test installs it.`);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'simfill-plan-purchase-'));
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
    localToken = fs.readFileSync(path.join(dataDir, 'local-operator.token'), 'utf8').trim();
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

  async function aPage(): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      const text = message.text();
      if (message.type() === 'error' && !text.includes('favicon') && !text.includes('status of 401'))
        errors.push(text);
    });
    return { page, errors };
  }

  async function signIn(page: Page, email: string) {
    await page.getByLabel('邮箱', { exact: true }).fill(email);
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: '登录', exact: true }).click();
  }

  async function shootAtBothWidths(page: Page, name: string) {
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${width}.png`), fullPage: true });
    }
  }

  it(
    'keeps the chosen plan through registration and the emailed link: a new customer lands on choosing its line',
    { timeout: 120_000 },
    async () => {
      const email = 'new.card.buyer@example.com';
      const { page, errors } = await aPage();
      await page.goto(base);
      const card = page.getByRole('article', { name: PLAN });
      await card.getByRole('link', { name: /^购买/ }).click();
      await page.getByRole('heading', { name: '登录', level: 1 }).waitFor();
      await page.getByRole('main').getByRole('link', { name: '注册', exact: true }).click();
      await page.getByRole('heading', { name: '注册 SimFill 账户', level: 1 }).waitFor();
      await page.getByLabel('邮箱', { exact: true }).fill(email);
      await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
      await page.getByRole('button', { name: '创建账户' }).click();
      await page.getByRole('heading', { name: '请查收邮件' }).waitFor();
      const verification = (await until(
        async () => (await mailbox()).find((message) => message.envelope_to.includes(email)),
        Boolean,
        'the verification email',
        20_000,
      )) as DevMessage;
      // The emailed link, opened in the same browser.
      await page.goto(/https?:\/\/\S+verify-email\S+/.exec(verification.text)![0]);
      await page.getByRole('heading', { name: '邮箱已验证' }).waitFor();
      await page.getByRole('main').getByRole('link', { name: '登录', exact: true }).click();
      await page.getByRole('heading', { name: '登录', level: 1 }).waitFor();
      await signIn(page, email);
      await page.getByRole('heading', { name: '我的号码', level: 1 }).waitFor();
      await page.getByText(`购买「${PLAN}」（${PRICE} 起）`).waitFor();
      expect(errors).toEqual([]);
    },
  );

  it(
    'leads a signed-out visitor from a plan card through sign-in and adding the number to its checkout, at one price',
    { timeout: 120_000 },
    async () => {
      const email = 'card.buyer@example.com';
      await aVerifiedCustomer(email);
      const { page, errors } = await aPage();
      await page.goto(base);
      const card = page.getByRole('article', { name: PLAN });
      await card.waitFor();
      await expect.poll(() => card.innerText()).toContain(`${PRICE} 起`);
      // The fee rule stands above the cards, before any quote.
      const rule = page.getByText(/^价格不含支付手续费，按支付方式另计：/);
      await rule.waitFor();
      expect(await rule.innerText()).toMatch(/支付宝\/微信支付 \+2\.2 %.*SimFill 钱包余额免手续费/);
      // A travel eSIM is bought from its card, on a page that checks the phone first.
      const esim = page.getByRole('article', { name: '美国旅行 eSIM 10GB（30天）' });
      expect(await esim.getByRole('link', { name: /^购买 eSIM/ }).getAttribute('href')).toBe(
        '/esim/buy/travel-usa-10gb-30d',
      );

      await card.getByRole('link', { name: /^购买/ }).click();
      await page.getByRole('heading', { name: '登录', level: 1 }).waitFor();
      await signIn(page, email);
      await page.getByRole('heading', { name: '我的号码', level: 1 }).waitFor();
      await page.getByText(`购买「${PLAN}」（${PRICE} 起）`).waitFor();
      await page.getByLabel('手机号码').fill('+1 646 217 4510');
      await page.getByRole('button', { name: '查询号码' }).click();
      await page.getByRole('button', { name: '添加这个号码' }).click();
      await page.getByRole('heading', { name: '+1 646 217 4510', level: 1 }).waitFor();

      // The plan's offer is chosen already, at the card's price; the fee rule is on the page before the quote.
      const offer = page.getByRole('radio', { name: /10GB 30 Days/ });
      await expect.poll(() => offer.isChecked()).toBe(true);
      const buy = page.getByRole('region', { name: '充值 · 续费 · 加流量' });
      expect(await buy.innerText()).toContain(`已为您选中「${PLAN}」`);
      expect(await offer.locator('xpath=..').innerText()).toContain(PRICE);
      expect(await buy.getByText(/^价格不含支付手续费/).innerText()).toContain('您的首笔订单免手续费。');
      expect(await page.getByRole('heading', { name: '您的价格' }).count()).toBe(0);
      await shootAtBothWidths(page, 'plan-purchase-line');

      await page.getByRole('radio', { name: '支付宝', exact: true }).check();
      await page.getByRole('button', { name: '查看准确价格' }).click();
      const quote = page.getByRole('region', { name: '您的价格' });
      await quote.waitFor();
      expect(await quote.innerText()).toMatch(
        new RegExp(`T-Mobile 套餐续费（10 GB · 30 天）：\\+1 646 217 4510\\s+${PRICE.replace('$', '\\$')}`),
      );
      await page.getByRole('button', { name: /^使用 ?支付宝 ?付款 / }).click();
      await page.getByRole('button', { name: '确认付款' }).click();
      await page.getByRole('status').filter({ hasText: '已完成' }).waitFor({ timeout: 20_000 });

      // Signed in, a second plan goes straight to choosing among the customer's lines; a line of another
      // carrier says why it cannot take an AT&T plan instead of offering a checkout that would refuse.
      await page.goto(base);
      await page
        .getByRole('article', { name: 'T-Mobile 无限流量月套餐' })
        .getByRole('link', { name: /^购买/ })
        .click();
      await page.getByRole('link', { name: /^为这个号码购买/ }).click();
      await expect.poll(() => page.getByRole('radio', { name: /Unlimited 30 Days/ }).isChecked()).toBe(true);
      await page.goto(base);
      await page
        .getByRole('article', { name: 'AT&T 预付费 5GB（30天）' })
        .getByRole('link', { name: /^购买/ })
        .click();
      await page.getByText('不适用：此套餐仅限 AT&T 号码').waitFor();
      expect(await page.getByRole('link', { name: /^为这个号码购买/ }).count()).toBe(0);
      expect(errors).toEqual([]);
    },
  );

  it(
    'shows a CNY estimate with its rate and time beside USD for a CNY profile, and none once it says USD',
    {
      timeout: 90_000,
    },
    async () => {
      const email = 'display.currency@example.com';
      await aVerifiedCustomer(email);
      const { page, errors } = await aPage();
      await page.goto(`${base}/login`);
      await signIn(page, email);
      await page.getByRole('heading', { name: '个人资料', level: 1 }).waitFor();
      expect(await page.getByLabel('价格显示币种').inputValue()).toBe('CNY');

      await page.goto(base);
      const card = page.getByRole('article', { name: PLAN });
      await card.waitFor();
      // The rate quotes lock now, applied to the card's price, with the rate and when it was seen.
      const rates = (await (await fetch(`${base}/v1/fx-rates`)).json()) as { data: { rate: string }[] };
      const rate = rates.data[0]!.rate;
      await expect
        .poll(() => card.innerText())
        .toMatch(/约 ¥[\d,]+\.\d\d · 汇率 7\.\d{4,6} · \d{2}:\d{2} 更新/);
      const yuan = Number(/约 ¥([\d,.]+)/.exec(await card.innerText())![1]!.replace(/,/g, ''));
      expect(Math.abs(yuan - 41.2 * Number(rate))).toBeLessThan(0.006);
      expect(await page.locator('footer').innerText()).toContain('人民币金额按当前汇率估算');
      await shootAtBothWidths(page, 'plan-purchase-home-cny');

      await page.goto(`${base}/account`);
      await page.getByLabel('价格显示币种').selectOption('USD');
      await page.getByRole('button', { name: '保存' }).click();
      await page.getByText('已保存。').waitFor();
      await page.goto(base);
      await card.waitFor();
      await page.getByRole('button', { name: '退出登录' }).waitFor(); // the session, so the profile, is loaded
      await expect.poll(() => card.innerText()).toContain(`${PRICE} 起`);
      expect(await card.innerText()).not.toContain('¥');
      expect(await page.locator('footer').innerText()).toContain('价格均以美元计。');
      expect(errors).toEqual([]);
    },
  );
});
