/// <reference lib="dom" />
/**
 * The personal centre as a customer sees it, for people to look at: starts `simfill start` on a temporary data
 * directory, registers and verifies a customer, adds a T-Mobile line, renews its plan once (so the line has a
 * plan, an expiry and history), and writes the lines list and the line page at 390 px and 1280 px in zh-CN to
 * docs/screenshots/. Build first: `npm run build:web && npm run build:server`; then
 * `node --import tsx scripts/screenshots.ts`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { freePort, startServer } from '../test/helpers/cli.js';
import { until } from '../test/helpers/wait.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const OUT = path.resolve('docs/screenshots');
const EMAIL = 'screenshots@example.com';
const PASSWORD = 'screenshots 2026';
const WIDTHS = [390, 1280] as const;

interface DevMessage {
  envelope_to: string[];
  text: string;
}

async function verifiedCustomer(base: string, localToken: string) {
  const registered = await fetch(`${base}/v1/registrations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: EMAIL, password: PASSWORD, locale: 'zh-CN' }),
  });
  if (registered.status !== 202) throw new Error(`registration answered ${registered.status}`);
  const mailbox = async () => {
    const response = await fetch(`${base}/v1/dev/mailbox?limit=100`, {
      headers: { 'x-simfill-local-token': localToken },
    });
    return ((await response.json()) as { data: DevMessage[] }).data;
  };
  const messages = await until(
    mailbox,
    (list) => list.some((m) => m.envelope_to.includes(EMAIL)),
    'the verification email',
    20_000,
  );
  const verification = messages.find((m) => m.envelope_to.includes(EMAIL))!;
  const link = /https?:\/\/\S+verify-email\S+/.exec(verification.text)![0];
  const verified = await fetch(`${base}/v1/email-verifications`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: new URL(link).searchParams.get('token') }),
  });
  if (!verified.ok) throw new Error(`verification answered ${verified.status}`);
}

async function shoot(page: Page, name: string) {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: width < 600 ? 844 : 900 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(OUT, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function main() {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}.`);
  fs.mkdirSync(OUT, { recursive: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'simfill-screenshots-'));
  const port = await freePort();
  const base = `http://localhost:${port}`;
  const env = {
    SIMFILL_DATA_DIR: dataDir,
    BASE_URL: base,
    SMTP_DEV_PORT: String(await freePort()),
    PORT: String(port),
  };
  const server = await startServer('start', env, port);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
  });
  try {
    const localToken = fs.readFileSync(path.join(dataDir, 'local-operator.token'), 'utf8').trim();
    await verifiedCustomer(base, localToken);
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    await page.getByLabel('邮箱', { exact: true }).fill(EMAIL);
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByRole('heading', { name: '个人资料', level: 1 }).waitFor();

    await page.getByRole('link', { name: '我的号码' }).click();
    await page.getByLabel('手机号码').fill('+1 646 217 4510');
    await page.getByLabel(/备注名/).fill('我的手机');
    await page.getByRole('button', { name: '查询号码' }).click();
    await page.getByRole('button', { name: '添加这个号码' }).click();
    await page.getByRole('heading', { name: '我的手机', level: 1 }).waitFor();
    const linePage = page.url();

    await page.getByRole('radio', { name: /10GB 30 Days/ }).check();
    await page.getByRole('radio', { name: '支付宝', exact: true }).check();
    await page.getByRole('button', { name: '查看准确价格' }).click();
    await page.getByRole('heading', { name: '您的价格' }).waitFor();
    await page.getByRole('button', { name: /^使用 ?支付宝 ?付款 / }).click();
    await page.getByRole('button', { name: '确认付款' }).click();
    await page.getByRole('status').filter({ hasText: '已完成' }).waitFor({ timeout: 30_000 });

    await page.goto(`${base}/account/lines`);
    await page.getByRole('heading', { name: '我的号码', level: 1 }).waitFor();
    await page
      .getByText(/有效期至/)
      .first()
      .waitFor();
    await shoot(page, 'personal-centre');

    await page.goto(linePage);
    await page.getByRole('cell', { name: '已到账' }).first().waitFor();
    await shoot(page, 'line');
    process.stdout.write(`Screenshots in ${OUT}\n`);
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
