import pino from 'pino';
import { afterAll, beforeAll } from 'vitest';
import type { Clock } from '../../src/kernel/clock.js';
import { JobQueue } from '../../src/kernel/jobs.js';
import { startDevSmtpServer, type DevSmtpServer } from '../../src/modules/notifications/dev-smtp.js';
import { createSmtpMailer, type Mailer } from '../../src/modules/notifications/mailer.js';
import {
  emailSendJob,
  listDevMessages,
  storeDevMessage,
  type DevMessageView,
} from '../../src/modules/notifications/service.js';
import type { TestDatabase } from './databases.js';

/**
 * Real email for a test suite: the outbox worker delivers over SMTP (nodemailer) to an smtp-server on
 * loopback, which parses each message (mailparser) into the dev mailbox the test reads.
 */
export interface MailWorld {
  readonly jobs: JobQueue;
  /** Every message received so far, oldest first. */
  messages(): Promise<DevMessageView[]>;
  /** Waits for the next message to `to` (matched on the envelope) that was not returned before. */
  nextMessageTo(to: string): Promise<DevMessageView>;
}

export function useMailWorld(
  testDb: TestDatabase,
  clock: Clock,
  /** More jobs for the same queue (the payment jobs), defined before it starts. */
  moreJobs?: (jobs: JobQueue) => void,
): MailWorld {
  let smtp: DevSmtpServer | undefined;
  let mailer: Mailer | undefined;
  let jobs: JobQueue | undefined;
  const seen = new Set<string>();
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
    jobs = new JobQueue(testDb.database, {
      logger: pino({ level: 'silent' }),
      supervise: false,
      pollingIntervalSeconds: 0.5,
    });
    jobs.define(emailSendJob(testDb.database.db, mailer, clock));
    moreJobs?.(jobs);
    await jobs.start();
    await jobs.work();
  });
  afterAll(async () => {
    await jobs?.stop();
    mailer?.close();
    await smtp?.close();
  });
  const messages = async () => (await listDevMessages(testDb.database.db, { limit: 100 })).data;
  return {
    get jobs() {
      if (!jobs) throw new Error('mail world not started yet');
      return jobs;
    },
    messages,
    async nextMessageTo(to) {
      // A plain loop rather than expect.poll, so suites can also wait for mail in beforeAll.
      const deadline = Date.now() + 20_000;
      while (Date.now() < deadline) {
        const found = (await messages()).find(
          (message) => !seen.has(message.id) && message.envelope_to.some((address) => address === to),
        );
        if (found) {
          seen.add(found.id);
          return found;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`no new email to ${to} within 20 s`);
    },
  };
}

/** The first link in a message's text that starts with `prefix`. */
export function linkIn(message: DevMessageView, prefix: string): string {
  const link = message.text.match(/https?:\/\/\S+/g)?.find((candidate) => candidate.startsWith(prefix));
  if (!link) throw new Error(`no link starting with ${prefix} in "${message.subject}"`);
  return link;
}
