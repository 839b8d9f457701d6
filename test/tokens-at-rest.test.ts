import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, type Database } from '../src/db/index.js';
import { ManualClock, systemClock } from '../src/kernel/clock.js';
import { loadConfig } from '../src/config.js';
import { startRuntime } from '../src/runtime.js';
import { SIMULATOR_SECRETS_FILE } from '../src/simulator-secrets.js';
import { JobQueue } from '../src/kernel/jobs.js';
import { startDevSmtpServer, type DevSmtpServer } from '../src/modules/notifications/dev-smtp.js';
import { createSmtpMailer, type Mailer } from '../src/modules/notifications/mailer.js';
import { emailSendJob, emailStatus, queueEmail } from '../src/modules/notifications/service.js';
import { emails } from '../src/modules/notifications/schema.js';
import { renderEmail } from '../src/modules/notifications/templates.js';
import { buildTestApp } from './helpers/app.js';
import { createScratchPostgres, DATABASE_KINDS, describeEachDatabase } from './helpers/databases.js';
import { freePort } from './helpers/cli.js';
import { aStaffMember, browserFor } from './helpers/people.js';
import { until } from './helpers/wait.js';

/** Every row of every table in the database (SimFill's, pg-boss's, the migrations'), as text. */
async function everyRowAsText(database: Database): Promise<string> {
  const tables = await database.query<{ table_schema: string; table_name: string }>(
    `select table_schema, table_name from information_schema.tables
      where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`,
  );
  expect(tables.rows.map((table) => table.table_name)).toEqual(
    expect.arrayContaining(['notifications_emails', 'notifications_dev_mailbox', 'job', 'identity_tokens']),
  );
  const parts: string[] = [];
  for (const { table_schema: schema, table_name: name } of tables.rows) {
    const rows = await database.query<{ row: string }>(
      `select t::text as row from "${schema}"."${name}" as t`,
    );
    parts.push(...rows.rows.map((row) => `${schema}.${name} ${row.row}`));
  }
  return parts.join('\n');
}

/**
 * A production-shaped mail path: the worker hands each email to an SMTP server outside the database (here one on
 * loopback that keeps what it receives in memory, like the recipient's inbox), so the database holds only
 * SimFill's own copy.
 */
describeEachDatabase('one-time tokens at rest', (testDb) => {
  const clock = new ManualClock('2026-11-24T08:00:00Z');
  const inbox: { to: string[]; text: string }[] = [];
  let smtp: DevSmtpServer;
  let mailer: Mailer;
  let jobs: JobQueue;
  let app: FastifyInstance;

  beforeAll(async () => {
    smtp = await startDevSmtpServer({
      host: '127.0.0.1',
      port: 0,
      onMessage: (message) => {
        inbox.push({ to: message.envelopeTo, text: message.parsed.text ?? '' });
        return Promise.resolve();
      },
    });
    mailer = createSmtpMailer({
      smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
      from: 'SimFill <no-reply@simfill.test>',
    });
    jobs = new JobQueue(testDb.database, {
      logger: pino({ level: 'silent' }),
      supervise: false,
      pollingIntervalSeconds: 0.5,
    });
    jobs.define(emailSendJob(testDb.database.db, mailer, clock));
    await jobs.start();
    await jobs.work();
    app = await buildTestApp(testDb.database, { clock, jobs });
  });
  afterAll(async () => {
    await app?.close();
    await jobs?.stop();
    mailer?.close();
    await smtp?.close();
  });

  /** The token of the next link to `prefix` that arrives over SMTP for `to`, once SimFill has marked it sent. */
  async function tokenArrivingFor(to: string, prefix: string): Promise<string> {
    const linkIn = (message: { to: string[]; text: string }) =>
      message.to.includes(to)
        ? message.text.match(/https?:\/\/\S+/g)?.find((url) => url.startsWith(prefix))
        : undefined;
    const message = await until(
      () => Promise.resolve(inbox.find(linkIn)),
      (found) => found !== undefined,
      `an email to ${to} with a link to ${prefix}`,
    );
    inbox.splice(inbox.indexOf(message!), 1);
    await until(
      async () =>
        (
          await testDb.database.query<{ count: number }>(
            `select count(*)::int as count from notifications_emails where status <> 'sent'`,
          )
        ).rows[0]!.count,
      (queued) => queued === 0,
      'every email marked sent',
    );
    const token = new URL(linkIn(message!)!).searchParams.get('token');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    return token!;
  }

  async function expectNowhereInTheDatabase(token: string) {
    const dump = await everyRowAsText(testDb.database);
    expect(dump).toContain('token=REDACTED');
    const holders = dump.split('\n').filter((line) => line.includes(token));
    expect(holders).toEqual([]);
  }

  it('keeps no email verification token once the email is sent, and the emailed link verifies once', async () => {
    const browser = browserFor(app);
    const registered = await browser.post('/v1/registrations', {
      email: 'rest@example.com',
      password: 'customer password 1',
    });
    expect(registered.statusCode).toBe(202);
    const token = await tokenArrivingFor('rest@example.com', 'http://localhost:8080/verify-email');
    await expectNowhereInTheDatabase(token);
    expect((await browserFor(app).post('/v1/email-verifications', { token })).statusCode).toBe(200);
    const again = await browserFor(app).post('/v1/email-verifications', { token });
    expect(again.json().error).toMatchObject({ code: 'token_invalid' });
  });

  it('keeps no password reset token once the email is sent, and the emailed link resets once', async () => {
    expect(
      (await browserFor(app).post('/v1/password-resets', { email: 'rest@example.com' })).statusCode,
    ).toBe(202);
    const token = await tokenArrivingFor('rest@example.com', 'http://localhost:8080/reset-password');
    await expectNowhereInTheDatabase(token);
    const done = await browserFor(app).post('/v1/password-resets/confirm', {
      token,
      new_password: 'new password 456',
    });
    expect(done.json()).toEqual({ object: 'password_reset', status: 'completed' });
    const again = await browserFor(app).post('/v1/password-resets/confirm', {
      token,
      new_password: 'third password 789',
    });
    expect(again.json().error).toMatchObject({ code: 'token_invalid' });
  });

  it('keeps no staff set-password token once the invitation is sent (nor in the idempotent replay), and the link works once', async () => {
    const admin = await aStaffMember(
      app,
      { database: testDb.database, jobs, clock },
      'admin@simfill.test',
      'admin',
    );
    const added = await admin.browser.post(
      '/v1/staff',
      { email: 'invited@simfill.test', role: 'support' },
      { 'idempotency-key': 'invite-support-1' },
    );
    expect(added.statusCode).toBe(201);
    const token = await tokenArrivingFor(
      'invited@simfill.test',
      'http://localhost:8080/console/set-password',
    );
    expect(added.json().set_password_url).toContain(token);
    await expectNowhereInTheDatabase(token);
    const setup = await browserFor(app).post('/v1/staff/password-setups', {
      token,
      password: 'support password 77',
    });
    expect(setup.statusCode).toBe(200);
    const again = await browserFor(app).post('/v1/staff/password-setups', {
      token,
      password: 'support password 78',
    });
    expect(again.json().error).toMatchObject({ code: 'token_invalid' });
  });

  it('redacts the links of emails sent before this version (data migration 0009), not of emails still queued', async () => {
    const live = 'Lw1KxQmY8v0cZ3bT6nR2pF5sH9jD4gA7eU_-oiWqkEt';
    const link = `http://localhost:8080/reset-password?token=${live}`;
    const rendered = renderEmail('password_reset', 'en', { link });
    const stored = (id: string, status: 'sent' | 'queued') => ({
      id,
      toAddress: 'old@example.com',
      locale: 'en' as const,
      template: 'password_reset',
      subject: rendered.subject,
      bodyText: rendered.text,
      bodyHtml: rendered.html,
      status,
      createdAt: clock.now(),
    });
    await testDb.database.db
      .insert(emails)
      .values([
        stored('eml_migrationsent0000000000001', 'sent'),
        stored('eml_migrationqueued000000000001', 'queued'),
      ]);
    await testDb.database.exec(
      fs.readFileSync(path.join(MIGRATIONS_DIR, '0009_redact_sent_email_tokens.sql'), 'utf8'),
    );
    const rows = await testDb.database.query<{ id: string; body_text: string; body_html: string }>(
      `select id, body_text, body_html from notifications_emails where to_address = 'old@example.com' order by id`,
    );
    const [queued, sent] = rows.rows;
    expect(sent!.body_text).toContain('http://localhost:8080/reset-password?token=REDACTED\n');
    expect(sent!.body_html).toContain('href="http://localhost:8080/reset-password?token=REDACTED"');
    expect(`${sent!.body_text}${sent!.body_html}`).not.toContain(live);
    expect(queued!.body_text).toContain(link);
  });
});

describe.each(DATABASE_KINDS)('simfill worker without SMTP_URL [%s]', { timeout: 180_000 }, (kind) => {
  it('keeps emails queued and hands nothing to a mail server listening on the dev mailbox port', async () => {
    const received: string[] = [];
    const bystander = await startDevSmtpServer({
      host: '127.0.0.1',
      port: 0,
      onMessage: (message) => {
        received.push(message.parsed.subject ?? '');
        return Promise.resolve();
      },
    });
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'simfill-worker-mail-'));
    const scratch = kind === 'postgres' ? await createScratchPostgres() : undefined;
    const config = loadConfig({
      SIMFILL_DATA_DIR: dataDir,
      SMTP_DEV_PORT: String(bystander.port),
      PORT: String(await freePort()),
      ...(scratch ? { DATABASE_URL: scratch.url } : {}),
    });
    const runtime = await startRuntime({ role: 'worker', config, logger: pino({ level: 'silent' }) });
    try {
      // No simulator either: a worker has no outside world but the configured one.
      expect(runtime.banner).toEqual([]);
      expect(fs.existsSync(path.join(dataDir, SIMULATOR_SECRETS_FILE))).toBe(false);
      const link = 'http://localhost:8080/reset-password?token=Lw1KxQmY8v0cZ3bT6nR2pF5sH9jD4gA7eU_-oiWqkEt';
      const id = await runtime.database.db.transaction((tx) =>
        queueEmail(tx, runtime.jobs, systemClock, {
          to: 'someone@example.com',
          locale: 'en',
          template: 'password_reset',
          values: { link },
        }),
      );
      const status = await until(
        () => emailStatus(runtime.database.db, id),
        (email) => (email?.attempts ?? 0) >= 1 && email?.lastError !== null,
        'the first delivery attempt',
      );
      expect(status).toMatchObject({
        status: 'queued',
        lastError: 'SMTP_URL is not set; the email stays queued',
      });
      expect(received).toEqual([]);
      const mailbox = await runtime.database.query<{ count: number }>(
        'select count(*)::int as count from notifications_dev_mailbox',
      );
      expect(mailbox.rows[0]!.count).toBe(0);
    } finally {
      await runtime.stop();
      await bystander.close();
      await scratch?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
