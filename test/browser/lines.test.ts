/// <reference lib="dom" />
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, runCli, startServer, type RunningServer } from '../helpers/cli.js';
import { devMailbox, launchChromium, registerVerifiedCustomer } from '../helpers/browser.js';
import { SIMULATOR_SECRETS_FILE, type SimulatorSecrets } from '../../src/simulator-secrets.js';

/**
 * A customer's line in Chromium against `simfill start` (its Reloadly and Stripe simulators, dev mailbox), in
 * zh-CN: add a T-Mobile number → its personal centre → renew the 30-day plan with Alipay → the order goes from
 * paid to done → the new plan and expiry on the line page and in the email; then a top-up the provider refuses is
 * refunded and the customer is told.
 */
const SCREENSHOTS = path.resolve('test-results');
const EMAIL = 'lines.journey@example.com';
const PASSWORD = 'lines journey 2026';

describe('a line in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let dataDir: string;
  let base: string;
  let localToken: string;
  let reloadly: string;
  let env: Record<string, string>;

  const mail = devMailbox(
    () => base,
    () => localToken,
  );
  const mailTo = mail.to;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'simfill-lines-'));
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

  async function signedIn(): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
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

  /** The page as a phone (390 px) and a laptop (1280 px) show it, for a person to look at. */
  async function shootAtBothWidths(page: Page, name: string) {
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${width}.png`), fullPage: true });
    }
  }

  /** "微信支付 ¥72.40", "使用支付宝付款 US$41.20", "使用 PayPal 付款 …": the brand is the verb only for WeChat Pay. */
  const payButton = (method: string) =>
    new RegExp(method === '微信支付' ? '^微信支付 ' : `^使用 ?${method} ?付款 `);

  async function buy(page: Page, offer: RegExp, method: string) {
    await page.getByRole('radio', { name: offer }).check();
    await page.getByRole('radio', { name: method, exact: true }).check();
    await page.getByRole('button', { name: '查看准确价格' }).click();
    await page.getByRole('heading', { name: '您的价格' }).waitFor();
    // The quote names what is bought, for which number (a renewal was once called "钱包充值" here).
    await page
      .getByRole('term')
      .filter({ hasText: /套餐续费|加流量|话费充值/ })
      .waitFor();
    await shootAtBothWidths(page, 'quote-line-topup');
    await page.getByRole('button', { name: payButton(method) }).click();
  }

  it(
    'adds a T-Mobile number, renews its 30-day plan with Alipay, and sees the new expiry; a refused top-up is refunded',
    { timeout: 180_000 },
    async () => {
      const { page, errors } = await signedIn();
      await page.getByRole('link', { name: '我的号码' }).click();
      await page.getByRole('heading', { name: '我的号码', level: 1 }).waitFor();
      await page.getByLabel('手机号码').fill('+1 646 217 4510');
      await page.getByRole('button', { name: '查询号码' }).click();
      await page.getByText('+1 646 217 4510 是 T-Mobile 的号码。').waitFor();
      await page.getByRole('button', { name: '添加这个号码' }).click();
      await page.getByRole('heading', { name: '+1 646 217 4510', level: 1 }).waitFor();
      await page.getByText('还没有通过 SimFill 续费过套餐。').waitFor();
      await page.screenshot({ path: path.join(SCREENSHOTS, 'line-personal-centre.png'), fullPage: true });

      await buy(page, /10GB 30 Days/, '支付宝');
      await page.getByRole('button', { name: '确认付款' }).click();
      await page.getByRole('status').filter({ hasText: '已完成' }).waitFor({ timeout: 20_000 });
      // The carrier does not report the line's balance (Reloadly's balanceInfo is SimFill's own account there):
      // the customer is told where to look instead of being shown a number.
      await page.getByText('运营商不向我们提供余额，请在运营商的 App 或网上账户中查看。').waitFor();
      // Named for what it is, the number formatted for reading (never "钱包充值", never "+16462174510").
      await page.getByText('T-Mobile 套餐续费（10 GB · 30 天）：+1 646 217 4510', { exact: true }).waitFor();
      await page.getByText('+1 646 217 4510', { exact: true }).waitFor();
      await page
        .getByRole('term')
        .filter({ hasText: /^实付金额$/ })
        .waitFor();
      await shootAtBothWidths(page, 'order-delivered');
      await page.goBack();
      await page.goto(`${base}/account/lines`);
      await page
        .getByRole('link', { name: /\+1 646 217 4510/ })
        .first()
        .click();
      await page.getByText('T-Mobile Prepaid 10GB 30 Days', { exact: false }).first().waitFor();
      await expect
        .poll(() =>
          page
            .getByText(/有效期至/)
            .first()
            .textContent(),
        )
        .toMatch(/有效期至 \d{4}年/);
      await page.getByRole('cell', { name: '已到账' }).first().waitFor();
      await page.getByText('运营商不向我们提供该号码的余额', { exact: false }).waitFor();
      await page.screenshot({ path: path.join(SCREENSHOTS, 'line-renewed.png'), fullPage: true });
      await shootAtBothWidths(page, 'line-balance-not-reported');
      const receipt = await mailTo(
        (m) => m.envelope_to.includes(EMAIL) && m.subject.startsWith('充值成功'),
        'the receipt',
      );
      expect(receipt.text).toContain('套餐有效期至');

      // A gift to another T-Mobile number (this one was just topped up: Reloadly refuses it again for two
      // minutes), which the provider is told to refuse for good: the customer is refunded and told.
      await page.getByRole('link', { name: '我的号码' }).click();
      await page.getByRole('link', { name: '给其他号码充值' }).click();
      await page.getByLabel('手机号码').fill('+1 646 217 4512');
      await page.getByRole('button', { name: '查询号码' }).click();
      await page.getByText('+1 646 217 4512 是 T-Mobile 的号码。').waitFor();
      const told = await fetch(`${reloadly}/_simulator/topup-faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refuse_next: 1, error_code: 'INVALID_RECIPIENT_PHONE' }),
      });
      expect(told.status).toBe(204);
      await buy(page, /1GB Data 7 Days/, '支付宝');
      await page.getByRole('button', { name: '确认付款' }).click();
      await page.getByRole('status').filter({ hasText: '已退款' }).waitFor({ timeout: 30_000 });
      await page.getByRole('alert').filter({ hasText: '本次充值未能到账，款项原路退回。' }).waitFor();
      const refund = await mailTo(
        (m) => m.envelope_to.includes(EMAIL) && m.subject.includes('已退款'),
        'the refund',
      );
      expect(refund.text).toContain('很抱歉，您的订单未能完成交付。');
      await page.screenshot({ path: path.join(SCREENSHOTS, 'line-refunded.png'), fullPage: true });
      // A gift: any number, checked and its carrier found before anything is paid.
      await page.getByRole('link', { name: '我的号码' }).click();
      await page.getByRole('link', { name: '给其他号码充值' }).click();
      await page.getByLabel('手机号码').fill('+1 646 217 4503');
      await page.getByRole('button', { name: '查询号码' }).click();
      await page.getByText('+1 646 217 4503 是 AT&T 的号码。').waitFor();
      await page.getByRole('radio', { name: /AT&T Prepaid 5GB 30 Days/ }).waitFor();
      expect(errors).toEqual([]);
    },
  );
  it(
    'tops up a parent’s China Mobile number by face value in CNY: ¥50 entered in 金额（人民币）, quoted with its US dollar price and rate, paid by card, delivered',
    { timeout: 120_000 },
    async () => {
      const { page, errors } = await signedIn();
      await page.getByRole('link', { name: '我的号码' }).click();
      await page.getByRole('heading', { name: '我的号码', level: 1 }).waitFor();
      await page.getByLabel('手机号码').fill('+86 138 1234 5678');
      await page.getByRole('button', { name: '查询号码' }).click();
      await page.getByText('+86 138 1234 5678 是 中国移动 的号码。').waitFor();
      await page.getByRole('button', { name: '添加这个号码' }).click();
      await page.getByRole('heading', { name: '138 1234 5678', level: 1 }).waitFor();
      const carrierLine = async () =>
        (await (await fetch(`${reloadly}/_simulator/lines/+8613812345678`)).json()) as {
          balanceMinor: number;
        };
      const before = (await carrierLine()).balanceMinor;

      const offer = page.getByRole('radio', { name: /中国移动 ?话费充值/ });
      await offer.check();
      await page.getByText('可充 ¥10.00 至 ¥500.00 之间任意金额').waitFor();
      await page.getByRole('radio', { name: '信用卡或借记卡', exact: true }).check();
      // Too many decimals for yuan: refused with the reason, nothing priced.
      await page.getByLabel('金额（人民币）').fill('50.005');
      await page.getByRole('button', { name: '查看准确价格' }).click();
      await page.getByRole('alert').filter({ hasText: 'CNY 金额最多保留 2 位小数。' }).waitFor();
      await page.getByLabel('金额（人民币）').fill('50');
      await page.getByRole('button', { name: '查看准确价格' }).click();
      await page.getByRole('heading', { name: '您的价格' }).waitFor();
      const quote = page.getByRole('region', { name: '您的价格' });
      await expect.poll(() => page.getByTestId('quote-face').textContent()).toBe('¥50.00');
      // ¥50.00 ÷ 7.1 = US$7.04, plus the operator's 3 % markup: US$7.25.
      await expect.poll(() => quote.textContent()).toContain('充值价格US$7.25');
      await expect.poll(() => quote.textContent()).toContain('1 USD = 7.1 CNY');
      await shootAtBothWidths(page, 'line-cny-quote');

      await page.getByRole('button', { name: /^使用 ?信用卡或借记卡 ?付款 US\$/ }).click();
      await page.getByLabel('卡号').fill('4242 4242 4242 4242');
      await page.getByLabel('有效期（月/年）').fill('12/34');
      await page.getByLabel('安全码').fill('123');
      await page.getByRole('button', { name: /^支付/ }).click();
      await page.getByRole('status').filter({ hasText: '已完成' }).waitFor({ timeout: 20_000 });
      await expect.poll(() => page.locator('.order-facts').textContent()).toContain('到账面值¥50.00');
      await shootAtBothWidths(page, 'line-cny-delivered');
      expect((await carrierLine()).balanceMinor).toBe(before + 5000);
      // The one 400 is the refused ¥50.005 above (the browser logs every 4xx answer).
      expect(errors).toEqual([
        'Failed to load resource: the server responded with a status of 400 (Bad Request)',
      ]);
    },
  );

  it(
    'renames a line in its personal centre and removes it from the account',
    { timeout: 90_000 },
    async () => {
      const { page, errors } = await signedIn();
      await page.getByRole('link', { name: '我的号码' }).click();
      await page.getByLabel('手机号码').fill('+1 646 217 4557');
      await page.getByRole('button', { name: '查询号码' }).click();
      await page.getByRole('button', { name: '添加这个号码' }).click();
      await page.getByRole('heading', { name: '+1 646 217 4557', level: 1 }).waitFor();
      // The headline's one action takes the customer to the purchase steps.
      await page.getByRole('button', { name: '充值 / 续费' }).click();
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.textContent))
        .toBe('充值 · 续费 · 加流量');
      const settings = page.getByRole('region', { name: '号码设置' });
      await settings.getByLabel('备注名（可选，例如“妈妈的手机”）').fill('妈妈的手机');
      await settings.getByRole('button', { name: '保存名称' }).click();
      await settings.getByRole('status').filter({ hasText: '名称已保存。' }).waitFor();
      await page.getByRole('heading', { name: '妈妈的手机', level: 1 }).waitFor();
      await shootAtBothWidths(page, 'line-settings');
      page.once('dialog', (dialog) => void dialog.accept());
      await settings.getByRole('button', { name: '从账户移除此号码' }).click();
      await page.getByRole('heading', { name: '我的号码', level: 1 }).waitFor();
      await expect
        .poll(() => page.getByRole('link', { name: /妈妈的手机|\+1 646 217 4557/ }).count())
        .toBe(0);
      expect(errors).toEqual([]);
    },
  );

  async function staffSignedIn(email: string, role: string): Promise<Page> {
    const created = await runCli(['staff', 'create', '--email', email, '--role', role], env);
    expect(created.code, created.stderr).toBe(0);
    const link = /^ {2}(http\S+set-password\S+)$/m.exec(created.stdout)![1]!;
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(link);
    await page.getByLabel('新密码', { exact: true }).fill(`${role} password 2026`);
    await page.getByRole('button', { name: '设置密码' }).click();
    await page.getByRole('link', { name: '控制台登录' }).click();
    await page.getByLabel('邮箱', { exact: true }).fill(email);
    await page.getByLabel('密码', { exact: true }).fill(`${role} password 2026`);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByRole('navigation', { name: '控制台' }).waitFor();
    return page;
  }

  it(
    'lets support top up a caller’s line by payment link and follow the delivery; finance reconciles the day to zero mismatches and resolves a stranger’s top-up',
    { timeout: 240_000 },
    async () => {
      const support = await staffSignedIn('support@simfill.test', 'support');
      try {
        await support.getByRole('link', { name: '号码与电话代充' }).click();
        await support.getByLabel('手机号、邮箱或客户 ID').fill(EMAIL);
        await support.getByRole('button', { name: '查找' }).click();
        await support.getByRole('button', { name: '为 +1 646 217 4510 充值' }).waitFor();
        // The caller asks for their mother's number, not one of their saved lines (that one was topped up
        // minutes ago: the carrier would refuse another top-up of it within two minutes).
        await support.getByLabel('手机号码').fill('+1 646 217 4511');
        await support.getByRole('button', { name: '查看可购买的商品' }).click();
        await support.getByText('运营商：T-Mobile').waitFor();
        await support.getByRole('radio', { name: /10GB 30 Days/ }).check();
        await support.getByLabel('付款方式').selectOption('alipay');
        await support.getByRole('button', { name: '下单充值' }).click();
        await support.getByRole('status').filter({ hasText: '付款链接发送到客户邮箱' }).waitFor();
        await support.screenshot({ path: path.join(SCREENSHOTS, 'console-hotline.png'), fullPage: true });
      } catch (error) {
        await support.screenshot({ path: path.join(SCREENSHOTS, 'console-failure.png'), fullPage: true });
        throw error;
      }

      // The caller pays from the link in the email, on the order page, with the method agreed on the phone.
      const email = await mailTo(
        (m) => m.envelope_to.includes(EMAIL) && m.subject.includes('的充值订单已备好，请付款'),
        'the payment link',
      );
      const payLink = /https?:\/\/\S+\/account\/orders\/ord_\w+/.exec(email.text)![0];
      const { page, errors } = await signedIn();
      await page.goto(payLink);
      await page.getByText('+1 646 217 4511', { exact: true }).waitFor();
      await page.getByRole('button', { name: payButton('支付宝') }).click();
      await page.getByRole('button', { name: '确认付款' }).click();
      await page.getByRole('status').filter({ hasText: '已完成' }).waitFor({ timeout: 30_000 });
      await page.getByText('查看我的号码').waitFor();
      expect(errors).toEqual([]);

      // Support follows it in the deliveries and reads the float at the provider.
      try {
        await support.getByRole('link', { name: '充值到账' }).click();
        await support.getByRole('link', { name: '重试过' }).click();
        await support.getByRole('link', { name: '全部' }).click();
        await support.getByRole('cell', { name: '+1 646 217 4511', exact: true }).first().waitFor();
        await support.locator('.data-table tbody tr').first().getByRole('link').click();
        await support.getByRole('heading', { name: '处理步骤' }).waitFor();
        await support.getByRole('cell', { name: 'sent' }).first().waitFor();
        await support.getByRole('link', { name: '充值渠道与商品' }).click();
        await support.getByRole('button', { name: '立即读取余额' }).click();
        await support.getByRole('status', { name: '当前备付金' }).filter({ hasText: '截至' }).waitFor();
        expect(await support.getByRole('button', { name: '立即与渠道同步' }).count()).toBe(0);
        await support.screenshot({ path: path.join(SCREENSHOTS, 'console-provider.png'), fullPage: true });
      } catch (error) {
        await support.screenshot({ path: path.join(SCREENSHOTS, 'console-failure.png'), fullPage: true });
        throw error;
      }

      const finance = await staffSignedIn('finance@simfill.test', 'finance');
      const today = new Date().toISOString().slice(0, 10);
      const reconcile = async () => {
        await finance.getByRole('link', { name: '对账', exact: true }).click();
        await finance.getByLabel('日期（UTC）').fill(today);
        await finance.getByRole('button', { name: '对这一天对账' }).click();
        return finance
          .getByRole('status')
          .filter({ hasText: /笔一致/ })
          .textContent({ timeout: 30_000 });
      };
      try {
        expect(await reconcile()).toMatch(/^\d+ 笔一致，0 处差异（0 处待处理）。$/);
        // Someone used the operator's provider account outside SimFill.
        const simulatorSecrets = JSON.parse(
          fs.readFileSync(path.join(dataDir, SIMULATOR_SECRETS_FILE), 'utf8'),
        ) as SimulatorSecrets;
        const tokenResponse = await fetch(`${reloadly}/oauth/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            // The simulator's credentials are generated per data dir.
            client_id: simulatorSecrets.reloadly.clientId,
            client_secret: simulatorSecrets.reloadly.clientSecret,
            grant_type: 'client_credentials',
            audience: 'https://topups.reloadly.com',
          }),
        });
        const { access_token: accessToken } = (await tokenResponse.json()) as { access_token: string };
        const outside = await fetch(`${reloadly}/topups`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${accessToken}`,
            accept: 'application/com.reloadly.topups-v1+json',
            'content-type': 'application/json',
          },
          body: JSON.stringify({
            operatorId: 211,
            amount: 20,
            useLocalAmount: false,
            customIdentifier: 'outside-simfill-1',
            recipientPhone: { countryCode: 'US', number: '+16462174599' },
          }),
        });
        expect(outside.status, await outside.text()).toBe(200);
        expect(await reconcile()).toMatch(/^\d+ 笔一致，1 处差异（1 处待处理）。$/);
        const card = finance.getByRole('article', { name: 'outside-simfill-1' });
        await card.getByText('渠道已充值，SimFill 无记录').waitFor();
        await card.getByLabel('处理说明').fill('Staff test top-up at the provider, not a customer order');
        await card.getByRole('button', { name: '标记为已处理' }).click();
        await card.getByText(/finance@simfill\.test|stf_/).waitFor();
        await finance.screenshot({
          path: path.join(SCREENSHOTS, 'console-reconciliation.png'),
          fullPage: true,
        });
      } catch (error) {
        await finance.screenshot({ path: path.join(SCREENSHOTS, 'console-failure.png'), fullPage: true });
        throw error;
      }
    },
  );
});
