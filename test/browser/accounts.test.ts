/// <reference lib="dom" />
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, runCli, startServer, type RunningServer } from '../helpers/cli.js';

/**
 * The account journey in Chromium against `simfill start`, in both languages: register, open the verification
 * email (received over SMTP by the embedded server, read in the console's dev mailbox), verify, log in, log
 * out, forget the password, reset it through the emailed link, log in again — and a staff member created
 * from the CLI sees that customer's events in the console's audit log.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = path.resolve('test-results');

const TEXT = {
  'zh-CN': {
    email: '邮箱',
    password: '密码',
    register: '创建账户',
    checkEmail: '请查收邮件',
    verifySubject: '请验证您的 SimFill 邮箱',
    verified: '邮箱已验证',
    login: '登录',
    loginTitle: '登录个人中心',
    profile: '个人资料',
    logout: '退出登录',
    forgot: '忘记密码？',
    sendReset: '发送重置链接',
    resetSubject: '重置您的 SimFill 密码',
    newPassword: '新密码',
    newPasswordAgain: '再次输入新密码',
    saveNewPassword: '保存新密码',
    passwordChanged: '密码已修改',
    wrongLogin: '邮箱或密码不正确。',
    customers: '客户',
    customerQuery: '邮箱、姓名、电话号码或客户 ID（可输入部分内容）',
    openCustomer: '打开客户页面',
    timeZone: '时区',
    likelyZones: '常用时区',
    losAngeles: /^洛杉矶（美西） — .*GMT-[78]$/,
    save: '保存',
    sessions: '登录中的会话',
    wallet: '钱包',
    actions: [
      '登录成功',
      '登录失败',
      '完成密码重置',
      '申请密码重置',
      '退出登录',
      '登录成功',
      '邮箱已验证',
      '注册账户',
    ],
    find: '查找',
    events: '审计事件',
    mailbox: '开发邮箱',
    audit: '审计日志',
  },
  en: {
    email: 'Email',
    password: 'Password',
    register: 'Create account',
    checkEmail: 'Check your email',
    verifySubject: 'Confirm your email for SimFill',
    verified: 'Email confirmed',
    login: 'Log in',
    loginTitle: 'Log in to your personal centre',
    profile: 'Profile',
    logout: 'Log out',
    forgot: 'Forgot your password?',
    sendReset: 'Send reset link',
    resetSubject: 'Reset your SimFill password',
    newPassword: 'New password',
    newPasswordAgain: 'New password again',
    saveNewPassword: 'Save new password',
    passwordChanged: 'Password changed',
    wrongLogin: 'The email or password is not correct.',
    customers: 'Customers',
    customerQuery: 'Email, name, phone number or customer ID (part of it is enough)',
    openCustomer: 'Open customer page',
    timeZone: 'Time zone',
    likelyZones: 'Common time zones',
    losAngeles: /^Los Angeles \(Pacific\) — Pacific Time · GMT-[78]$/,
    save: 'Save',
    sessions: 'Signed-in sessions',
    wallet: 'Wallet',
    actions: [
      'Logged in',
      'Login failed',
      'Password reset completed',
      'Password reset requested',
      'Logged out',
      'Logged in',
      'Email verified',
      'Registered',
    ],
    find: 'Find',
    events: 'Audit events',
    mailbox: 'Dev mailbox',
    audit: 'Audit log',
  },
} as const;

describe('accounts in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let dataDir: string;
  let base: string;
  let staffLink: string;
  const STAFF_PASSWORD = 'console owner 2026';

  beforeAll(async () => {
    if (!fs.existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: npm test installs it.`);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'simfill-accounts-'));
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    const port = await freePort();
    base = `http://localhost:${port}`;
    const env = { SIMFILL_DATA_DIR: dataDir, BASE_URL: base, SMTP_DEV_PORT: String(await freePort()) };
    server = await startServer('start', env, port);
    const created = await runCli(['staff', 'create', '--email', 'owner@simfill.test', '--role', 'owner'], {
      ...env,
      PORT: String(port),
    });
    expect(created.code).toBe(0);
    staffLink = /^ {2}(http\S+set-password\S+)$/m.exec(created.stdout)![1]!;
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

  async function newPage(locale: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      const text = message.text();
      // Failed API calls the page handles (401 on GET /v1/session, 401 for a wrong password) are expected.
      if (message.type() === 'error' && !text.includes('favicon') && !text.includes('status of 401'))
        errors.push(text);
    });
    return { context, page, errors };
  }

  /** The staff member's console, signed in (the first call sets the password through the CLI's link). */
  let staffPasswordSet = false;
  async function openConsole(locale: 'zh-CN' | 'en') {
    const t = TEXT[locale];
    const staff = await newPage(locale);
    if (!staffPasswordSet) {
      await staff.page.goto(staffLink);
      await staff.page.getByLabel(t.newPassword, { exact: true }).fill(STAFF_PASSWORD);
      await staff.page
        .getByRole('button', { name: locale === 'zh-CN' ? '设置密码' : 'Set password' })
        .click();
      await staff.page
        .getByRole('link', { name: locale === 'zh-CN' ? '控制台登录' : 'Console sign-in' })
        .click();
      staffPasswordSet = true;
    } else {
      await staff.page.goto(`${base}/console/login`);
    }
    await staff.page.getByLabel(t.email, { exact: true }).fill('owner@simfill.test');
    await staff.page.getByLabel(t.password, { exact: true }).fill(STAFF_PASSWORD);
    await staff.page.getByRole('button', { name: t.login, exact: true }).click();
    await staff.page.getByRole('heading', { name: t.audit, level: 1 }).waitFor();
    return staff;
  }

  /** Opens the newest message to `to` with `subject` in the console's dev mailbox and returns its link. */
  async function linkFromMailbox(
    staff: Page,
    locale: 'zh-CN' | 'en',
    to: string,
    subject: string,
    prefix: string,
  ) {
    await staff.getByRole('link', { name: TEXT[locale].mailbox }).click();
    const item = staff.getByRole('button').filter({ hasText: subject }).filter({ hasText: to }).first();
    await expect
      .poll(
        async () => {
          await staff.getByRole('button', { name: locale === 'zh-CN' ? '刷新' : 'Refresh' }).click();
          return item.count();
        },
        { timeout: 20_000, interval: 500 },
      )
      .toBeGreaterThan(0);
    await item.click();
    const link = staff.getByRole('article', { name: subject }).locator(`a[href^="${base}${prefix}"]`);
    return (await link.first().getAttribute('href'))!;
  }

  for (const locale of ['zh-CN', 'en'] as const) {
    it(
      `register → verify by email → log in → log out → reset by email → log in, in ${locale}; staff see it all`,
      { timeout: 120_000 },
      async () => {
        const t = TEXT[locale];
        const email = `journey.${locale.toLowerCase()}@example.com`;
        const customer = await newPage(locale);
        const staff = await openConsole(locale);
        const { page } = customer;
        try {
          await page.goto(`${base}/`);
          await page.getByRole('link', { name: locale === 'zh-CN' ? '注册' : 'Sign up' }).click();
          await page.getByLabel(t.email, { exact: true }).fill(email);
          await page.getByLabel(t.password, { exact: true }).fill('first password 123');
          await page.getByRole('button', { name: t.register }).click();
          await page.getByRole('heading', { name: t.checkEmail }).waitFor();
          await page.screenshot({ path: path.join(SCREENSHOTS, `register-sent-${locale}.png`) });

          const verifyLink = await linkFromMailbox(
            staff.page,
            locale,
            email,
            t.verifySubject,
            '/verify-email?token=',
          );
          await page.goto(verifyLink);
          await page.getByRole('heading', { name: t.verified }).waitFor();
          await page.getByRole('link', { name: t.login, exact: true }).last().click();

          await page.getByLabel(t.email, { exact: true }).fill(email);
          await page.getByLabel(t.password, { exact: true }).fill('first password 123');
          await page.getByRole('button', { name: t.login, exact: true }).click();
          await page.getByRole('heading', { name: t.profile, level: 1 }).waitFor();
          expect(new URL(page.url()).pathname).toBe('/account');
          await page.screenshot({ path: path.join(SCREENSHOTS, `account-${locale}.png`), fullPage: true });

          await page.getByRole('button', { name: t.logout }).click();
          await page.getByRole('link', { name: t.login, exact: true }).click();
          await page.getByRole('heading', { name: t.loginTitle }).waitFor();
          await page.getByRole('link', { name: t.forgot }).click();
          await page.getByLabel(t.email, { exact: true }).fill(email);
          await page.getByRole('button', { name: t.sendReset }).click();
          await page.getByRole('status').filter({ hasText: email }).waitFor();

          const resetLink = await linkFromMailbox(
            staff.page,
            locale,
            email,
            t.resetSubject,
            '/reset-password?token=',
          );
          await page.goto(resetLink);
          await page.getByLabel(t.newPassword, { exact: true }).fill('second password 456');
          await page.getByLabel(t.newPasswordAgain, { exact: true }).fill('second password 456');
          await page.getByRole('button', { name: t.saveNewPassword }).click();
          await page.getByRole('heading', { name: t.passwordChanged }).waitFor();
          await page.getByRole('link', { name: t.login, exact: true }).last().click();

          await page.getByLabel(t.email, { exact: true }).fill(email);
          await page.getByLabel(t.password, { exact: true }).fill('first password 123');
          await page.getByRole('button', { name: t.login, exact: true }).click();
          await page.getByRole('alert').filter({ hasText: t.wrongLogin }).waitFor();
          await page.getByLabel(t.password, { exact: true }).fill('second password 456');
          await page.getByRole('button', { name: t.login, exact: true }).click();
          await page.getByRole('heading', { name: t.profile, level: 1 }).waitFor();

          // Support looks the customer up by part of the email, opens the customer page, then the audit trail.
          await staff.page.getByRole('link', { name: t.customers }).click();
          await staff.page
            .getByLabel(t.customerQuery, { exact: true })
            .fill(email.slice(0, 12).toUpperCase());
          await staff.page.getByRole('button', { name: t.find }).click();
          await staff.page
            .getByRole('article', { name: email })
            .getByRole('link', { name: t.openCustomer })
            .click();
          await staff.page.getByRole('heading', { name: t.wallet, level: 2 }).waitFor();
          // The customer is signed in once: one row under the sessions heading.
          await expect
            .poll(() => staff.page.getByRole('table', { name: t.sessions }).locator('tbody tr').count())
            .toBe(1);
          await staff.page.screenshot({
            path: path.join(SCREENSHOTS, `console-customer-${locale}.png`),
            fullPage: true,
          });
          await staff.page
            .getByRole('article', { name: email })
            .getByRole('link', { name: t.events })
            .click();
          const table = staff.page.getByRole('table');
          await expect.poll(() => table.getByText(t.actions[2]).count()).toBe(1);
          // Actions read in the staff member's language (the code stays in the cell's title).
          const actions = await table.locator('tbody tr td:nth-child(2)').allTextContents();
          expect(actions).toEqual(t.actions);
          await expect
            .poll(() => table.locator('tbody tr td:nth-child(2)').first().getAttribute('title'))
            .toBe('customer.login_succeeded');
          await staff.page.screenshot({
            path: path.join(SCREENSHOTS, `console-audit-${locale}.png`),
            fullPage: true,
          });
          // The time-zone picker offers the likely zones first, with readable names.
          await page.getByRole('link', { name: t.profile }).first().click();
          const zone = page.getByLabel(t.timeZone, { exact: true });
          const likely = await zone.locator(`optgroup[label="${t.likelyZones}"] option`).allTextContents();
          expect(
            likely.some((text) => t.losAngeles.test(text)),
            likely.join(' | '),
          ).toBe(true);
          expect(
            await zone
              .locator(`optgroup[label="${t.likelyZones}"] option`)
              .evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value)),
          ).toEqual(expect.arrayContaining(['Asia/Shanghai', 'America/New_York', 'America/Los_Angeles']));
          await zone.selectOption('America/Los_Angeles');
          await page.getByRole('button', { name: t.save, exact: true }).click();
          await expect
            .poll(() =>
              page.evaluate(async () => {
                const body = (await (await fetch('/v1/session')).json()) as {
                  customer: { time_zone: string };
                };
                return body.customer.time_zone;
              }),
            )
            .toBe('America/Los_Angeles');
          await page.screenshot({ path: path.join(SCREENSHOTS, `profile-zones-${locale}.png`) });
          // The header's language switch is the account's language too (emails follow it).
          const other = locale === 'zh-CN' ? 'en' : 'zh-CN';
          await page.getByLabel('语言 / Language').first().selectOption(other);
          await expect
            .poll(() =>
              page.evaluate(async () => {
                const body = (await (await fetch('/v1/session')).json()) as { customer: { locale: string } };
                return body.customer.locale;
              }),
            )
            .toBe(other);
          expect(customer.errors).toEqual([]);
          expect(staff.errors).toEqual([]);
        } finally {
          await customer.context.close();
          await staff.context.close();
        }
      },
    );
  }
});
