import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ManualClock } from '../src/kernel/clock.js';
import { JobQueue } from '../src/kernel/jobs.js';
import { startDevSmtpServer, type DevSmtpServer } from '../src/modules/notifications/dev-smtp.js';
import { createSmtpMailer, type Mailer } from '../src/modules/notifications/mailer.js';
import {
  deliverEmail,
  emailSendJob,
  emailStatus,
  getDevMessage,
  listDevMessages,
  queueEmail,
  storeDevMessage,
} from '../src/modules/notifications/service.js';
import { buildTestApp } from './helpers/app.js';
import { describeEachDatabase } from './helpers/databases.js';

/** Email over a real SMTP conversation: nodemailer → the embedded smtp-server → mailparser → dev mailbox. */
describeEachDatabase('email through the outbox and SMTP', (testDb) => {
  const clock = new ManualClock('2026-11-24T08:00:00Z');
  let smtp: DevSmtpServer;
  let mailer: Mailer;
  let jobs: JobQueue;
  /** The worker sends through whichever mailer is active, so a test can take SMTP down and bring it back. */
  let active: Mailer;
  const switchable: Mailer = {
    send: (message) => active.send(message),
    verify: () => active.verify(),
    close: () => undefined,
  };

  beforeAll(async () => {
    smtp = await startDevSmtpServer({
      host: '127.0.0.1',
      port: 0,
      onMessage: async (message) => {
        await storeDevMessage(testDb.database.db, clock, message);
      },
    });
    mailer = createSmtpMailer({
      smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
      from: 'SimFill <no-reply@simfill.test>',
    });
    jobs = new JobQueue(testDb.database, { logger: pino({ level: 'silent' }), supervise: false });
    active = mailer;
    jobs.define(emailSendJob(testDb.database.db, switchable, clock));
    await jobs.start();
    await jobs.work();
  });
  afterAll(async () => {
    await jobs?.stop();
    mailer?.close();
    await smtp?.close();
  });

  const mailbox = async () => (await listDevMessages(testDb.database.db, { limit: 100 })).data;

  it('shows the dev mailbox over HTTP only to the local operator (token from the data dir, loopback) or staff', async () => {
    const token = 'local-operator-token-for-this-test-0123456789';
    const app = await buildTestApp(testDb.database, { devMailbox: true, localOperatorToken: token });
    try {
      const local = await app.inject({
        url: '/v1/dev/mailbox',
        remoteAddress: '127.0.0.1',
        headers: { 'x-simfill-local-token': token },
      });
      expect(local.statusCode).toBe(200);
      expect(local.json()).toMatchObject({ object: 'list', has_more: false });
      const anonymous = await app.inject({ url: '/v1/dev/mailbox', remoteAddress: '127.0.0.1' });
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.json()).toMatchObject({ error: { code: 'not_authenticated' } });
      const remote = await app.inject({
        url: '/v1/dev/mailbox',
        remoteAddress: '203.0.113.7',
        headers: { 'x-simfill-local-token': token },
      });
      expect(remote.statusCode).toBe(401);
      const wrong = await app.inject({
        url: '/v1/dev/mailbox',
        remoteAddress: '::1',
        headers: { 'x-simfill-local-token': `${token}x` },
      });
      expect(wrong.statusCode).toBe(401);
      const missing = await app.inject({
        url: '/v1/dev/mailbox/msg_01jz8x4e5qf0m8g4v3k2y1t9bc',
        remoteAddress: '::1',
        headers: { 'accept-language': 'zh-CN', 'x-simfill-local-token': token },
      });
      expect(missing.json()).toMatchObject({
        error: { code: 'resource_missing', message: '找不到邮件：msg_01jz8x4e5qf0m8g4v3k2y1t9bc。' },
      });
    } finally {
      await app.close();
    }
  });

  it('sends nothing when the transaction that queued the email rolls back', async () => {
    await expect(
      testDb.database.db.transaction(async (tx) => {
        await queueEmail(tx, jobs, clock, {
          to: 'li@example.com',
          locale: 'en',
          template: 'smtp_test',
          values: { baseUrl: 'x' },
        });
        throw new Error('registration failed');
      }),
    ).rejects.toThrow('registration failed');
    expect(await jobs.countJobs('email-send')).toBe(0);
    const rows = await testDb.database.query<{ count: number }>(
      'select count(*)::int as count from notifications_emails',
    );
    expect(rows.rows[0]!.count).toBe(0);
  });

  it('delivers a committed email in the recipient language, as text and HTML, exactly once', async () => {
    const emailId = await testDb.database.db.transaction((tx) =>
      queueEmail(tx, jobs, clock, {
        to: '王小明 <xiaoming@例子.广告>',
        locale: 'zh-CN',
        template: 'smtp_test',
        values: { baseUrl: 'http://localhost:8080' },
      }),
    );
    await expect.poll(async () => (await mailbox()).length, { timeout: 20_000, interval: 200 }).toBe(1);
    const [received] = await mailbox();
    expect(received).toMatchObject({
      subject: 'SimFill 邮件测试',
      message_id: `<${emailId}@simfill>`,
      envelope_from: 'no-reply@simfill.test',
    });
    expect(received!.to).toContain('xiaoming@');
    expect(received!.text).toContain('http://localhost:8080 上的 SimFill 可以正常发送邮件');
    expect(received!.html).toContain('<html lang="zh-CN">');
    // The SMTP server stores the message before the sender hears its 250 and records the email sent: wait for it.
    await expect
      .poll(() => emailStatus(testDb.database.db, emailId), { timeout: 10_000, interval: 100 })
      .toMatchObject({ status: 'sent', attempts: 1 });

    expect(await deliverEmail(testDb.database.db, mailer, clock, emailId)).toBe('already_sent');
    expect(await mailbox()).toHaveLength(1);
    expect((await getDevMessage(testDb.database.db, received!.id)).subject).toBe('SimFill 邮件测试');
  });

  it('escapes values in the HTML part and keeps them as typed in the text part', async () => {
    const before = (await mailbox()).length;
    const emailId = await testDb.database.db.transaction((tx) =>
      queueEmail(tx, jobs, clock, {
        to: 'amy@example.com',
        locale: 'en',
        template: 'smtp_test',
        values: { baseUrl: '<script>alert(1)</script>' },
      }),
    );
    await expect
      .poll(async () => (await mailbox()).length, { timeout: 20_000, interval: 200 })
      .toBe(before + 1);
    const received = (await mailbox()).find((message) => message.message_id === `<${emailId}@simfill>`)!;
    expect(received.subject).toBe('SimFill email test');
    expect(received.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(received.html).not.toContain('<script>');
    expect(received.text).toContain('<script>alert(1)</script>');
  });

  it('records an SMTP failure, keeps the email queued, and delivers it on a later retry', async () => {
    const down = createSmtpMailer({ smtpUrl: 'smtp://127.0.0.1:1', from: 'no-reply@simfill.test' });
    active = down;
    try {
      const emailId = await testDb.database.db.transaction((tx) =>
        queueEmail(tx, jobs, clock, {
          to: 'ops@example.com',
          locale: 'en',
          template: 'smtp_test',
          values: { baseUrl: 'retry' },
        }),
      );
      await expect
        .poll(async () => (await emailStatus(testDb.database.db, emailId))?.lastError ?? null, {
          timeout: 20_000,
          interval: 200,
        })
        .toMatch(/ECONNREFUSED/);
      expect((await emailStatus(testDb.database.db, emailId))?.status).toBe('queued');
      active = mailer;
      await expect
        .poll(async () => (await emailStatus(testDb.database.db, emailId))?.status, {
          timeout: 30_000,
          interval: 250,
        })
        .toBe('sent');
      const status = await emailStatus(testDb.database.db, emailId);
      expect(status!.attempts).toBeGreaterThanOrEqual(2);
      expect(status!.lastError).toBeNull();
      expect(
        (await mailbox()).filter((message) => message.message_id === `<${emailId}@simfill>`),
      ).toHaveLength(1);
    } finally {
      active = mailer;
      down.close();
    }
  });
});
