import assert from 'node:assert/strict';
import { and, asc, desc, eq, gt, ne, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/index.js';
import { retryUntilDatabaseAnswers } from '../../db/unreachable.js';
import type { Clock } from '../../kernel/clock.js';
import { notFound } from '../../kernel/errors.js';
import { isId, newId } from '../../kernel/ids.js';
import type { Locale } from '../../kernel/i18n/index.js';
import type { JobDefinition, JobQueue } from '../../kernel/jobs.js';
import { toPage, type ListEnvelope, type PageRequest } from '../../kernel/pagination.js';
import type { ReceivedMessage } from './dev-smtp.js';
import type { Mailer } from './mailer.js';
import { devMailbox, emails, type DevMessageRow } from './schema.js';
import { renderEmail, type TemplateName } from './templates.js';

export type { TemplateName };
export { renderEmail };
export { startDevSmtpServer, type DevSmtpServer } from './dev-smtp.js';
export { createSmtpMailer, createUnconfiguredMailer, type Mailer } from './mailer.js';

/**
 * The notifications module's only door. Emails are rendered and queued inside the caller's transaction (the
 * outbox): if the business change rolls back, no email exists and none is sent. The worker delivers them.
 */

export const EMAIL_SEND_QUEUE = 'email-send';
const SEND_ATTEMPTS_MAX = 8;

export interface QueueEmailInput {
  to: string;
  locale: Locale;
  template: TemplateName;
  values: Record<string, string>;
  /** The order (or other object) the email is about. */
  referenceId?: string;
  /**
   * One-time secrets inside `values` (the tokens of verification, reset and set-password links). The stored copy
   * holds them only until the SMTP hand-off, then never again; asserted to sit where `redactOneTimeTokens` finds them.
   */
  secrets?: string[];
}

/**
 * One-time tokens travel in links as the `token` query parameter (`?token=…`, `&token=…`, `&amp;token=…` in HTML).
 * The copy of an email kept after sending shows where the link went but not the secret in it, so a database
 * backup is no set of live reset links.
 */
const ONE_TIME_TOKEN_IN_LINK = /([?&;]token=)[A-Za-z0-9_-]+/g;
const REDACTED_TOKEN = 'REDACTED';

export function redactOneTimeTokens(text: string): string {
  return text.replace(ONE_TIME_TOKEN_IN_LINK, `$1${REDACTED_TOKEN}`);
}

export async function queueEmail(
  tx: Tx,
  jobs: JobQueue,
  clock: Clock,
  input: QueueEmailInput,
): Promise<string> {
  const rendered = renderEmail(input.template, input.locale, input.values);
  const redacted = redactOneTimeTokens(`${rendered.subject}\n${rendered.text}\n${rendered.html}`);
  for (const secret of input.secrets ?? []) {
    assert(
      secret.length >= 16 && !redacted.includes(secret),
      `a secret of ${input.template} would outlive sending`,
    );
  }
  const id = newId('email');
  await tx.insert(emails).values({
    id,
    toAddress: input.to,
    locale: input.locale,
    template: input.template,
    subject: rendered.subject,
    bodyText: rendered.text,
    bodyHtml: rendered.html,
    status: 'queued',
    createdAt: clock.now(),
    referenceId: input.referenceId ?? null,
  });
  await jobs.enqueue(tx, EMAIL_SEND_QUEUE, { emailId: id }, { singletonKey: id });
  return id;
}

/**
 * Sends a queued email once. A crash between the SMTP hand-off and the status update can make a retry send it
 * again; the Message-ID is derived from the email id, so receiving servers and clients see the same message.
 * Marking it sent also removes the one-time tokens from the stored copy: the recipient has the only live link.
 */
export async function deliverEmail(
  db: Db,
  mailer: Mailer,
  clock: Clock,
  emailId: string,
): Promise<'sent' | 'already_sent'> {
  // The attempt is counted as the email is read: one statement (an email already sent is left as it was).
  const [email] = await db
    .update(emails)
    .set({ attempts: sql`${emails.attempts} + 1` })
    .where(and(eq(emails.id, emailId), ne(emails.status, 'sent')))
    .returning();
  if (!email) {
    const [existing] = await db.select({ id: emails.id }).from(emails).where(eq(emails.id, emailId));
    if (!existing) throw new Error(`email ${emailId} does not exist`);
    return 'already_sent';
  }
  try {
    await mailer.send({
      to: email.toAddress,
      subject: email.subject,
      text: email.bodyText,
      html: email.bodyHtml,
      messageId: `<${email.id}@simfill>`,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await db
      .update(emails)
      .set({ lastError: message.slice(0, 500) })
      .where(eq(emails.id, emailId));
    throw error;
  }
  // The message is out: only recording that is left, so a database that is away right now (a restart, a killed
  // connection) is waited for rather than failing the job, whose retry would send the message a second time. The
  // stored copy loses its one-time tokens in the same update.
  const sentAt = clock.now();
  const sent = {
    status: 'sent' as const,
    sentAt,
    lastError: null,
    bodyText: redactOneTimeTokens(email.bodyText),
    bodyHtml: redactOneTimeTokens(email.bodyHtml),
  };
  await retryUntilDatabaseAnswers(() => db.update(emails).set(sent).where(eq(emails.id, emailId)), {
    maxMs: SENT_RECORD_MAX_MS,
  });
  return 'sent';
}

/** How long the database may take to record a sent email's status (waits of 0.25 s, 0.5 s, … then every 5 s). */
const SENT_RECORD_MAX_MS = 60_000;

export function emailSendJob(db: Db, mailer: Mailer, clock: Clock): JobDefinition<{ emailId: string }> {
  return {
    queue: EMAIL_SEND_QUEUE,
    retryLimit: SEND_ATTEMPTS_MAX,
    // Receipts and reset links are awaited by a person: up to 10 at a time, looked for every second.
    batchSize: 10,
    pollingIntervalSeconds: 1,
    // SMTP gives up after 3 × 10 s and recording "sent" waits about a minute for the database: a batch still
    // running after two minutes is stuck, and pg-boss retries it.
    expireInSeconds: 120,
    run: async ({ emailId }) => {
      await deliverEmail(db, mailer, clock, emailId);
    },
  };
}

export interface EmailStatusView {
  id: string;
  status: 'queued' | 'sent';
  attempts: number;
  lastError: string | null;
}

export async function emailStatus(db: Db, emailId: string): Promise<EmailStatusView | undefined> {
  const [row] = await db
    .select({ id: emails.id, status: emails.status, attempts: emails.attempts, lastError: emails.lastError })
    .from(emails)
    .where(eq(emails.id, emailId));
  return row;
}

// ---- development mailbox (embedded mode) ----

export interface DevMessageView {
  id: string;
  object: 'dev_message';
  envelope_from: string;
  envelope_to: string[];
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  message_id: string | null;
  size_bytes: number;
  received: string;
}

function devMessageView(row: DevMessageRow): DevMessageView {
  return {
    id: row.id,
    object: 'dev_message',
    envelope_from: row.envelopeFrom,
    envelope_to: row.envelopeTo,
    from: row.fromHeader,
    to: row.toHeader,
    subject: row.subject,
    text: row.bodyText,
    html: row.bodyHtml,
    message_id: row.messageId,
    size_bytes: row.sizeBytes,
    received: row.receivedAt.toISOString(),
  };
}

export async function storeDevMessage(db: Db, clock: Clock, message: ReceivedMessage): Promise<string> {
  const id = newId('devMessage');
  const addressText = (value: ReceivedMessage['parsed']['to']) =>
    (Array.isArray(value) ? value : value ? [value] : []).map((address) => address.text).join(', ');
  await db.insert(devMailbox).values({
    id,
    envelopeFrom: message.envelopeFrom,
    envelopeTo: message.envelopeTo,
    fromHeader: message.parsed.from?.text ?? '',
    toHeader: addressText(message.parsed.to),
    subject: message.parsed.subject ?? '',
    bodyText: message.parsed.text ?? '',
    bodyHtml: typeof message.parsed.html === 'string' ? message.parsed.html : null,
    messageId: message.parsed.messageId ?? null,
    sizeBytes: message.sizeBytes,
    receivedAt: clock.now(),
  });
  return id;
}

/** Newest first would break cursor stability; ids sort by time, so the list is oldest first like every list. */
export async function listDevMessages(db: Db, page: PageRequest): Promise<ListEnvelope<DevMessageView>> {
  const rows = await db
    .select()
    .from(devMailbox)
    .where(page.startingAfter ? gt(devMailbox.id, page.startingAfter) : undefined)
    .orderBy(asc(devMailbox.id))
    .limit(page.limit + 1);
  const envelope = toPage(rows, page.limit);
  return { ...envelope, data: envelope.data.map(devMessageView) };
}

export async function getDevMessage(db: Db, id: string): Promise<DevMessageView> {
  const [row] = isId('devMessage', id) ? await db.select().from(devMailbox).where(eq(devMailbox.id, id)) : [];
  if (!row) throw notFound('dev_message', id);
  return devMessageView(row);
}

export interface SentEmailView {
  id: string;
  template: string;
  subject: string;
  locale: Locale;
  status: 'queued' | 'sent';
  created: string;
  sent: string | null;
}

/** Emails sent to an address, newest first (for a person's data export). */
export async function listEmailsTo(db: Db, address: string, limit = 1000): Promise<SentEmailView[]> {
  const rows = await db
    .select()
    .from(emails)
    .where(eq(emails.toAddress, address))
    .orderBy(desc(emails.id))
    .limit(limit);
  return rows.map((row) => ({
    id: row.id,
    template: row.template,
    subject: row.subject,
    locale: row.locale,
    status: row.status,
    created: row.createdAt.toISOString(),
    sent: row.sentAt?.toISOString() ?? null,
  }));
}

/**
 * Erases an address from the email outbox when its owner's account is deleted: the record that an email was
 * sent stays (for support and accounting), the address and the contents (which name the person) go.
 */
export async function anonymiseEmailsTo(tx: Tx, address: string, replacement: string): Promise<void> {
  await tx
    .update(emails)
    .set({ toAddress: replacement, bodyText: '', bodyHtml: '', subject: '' })
    .where(eq(emails.toAddress, address));
}

/** Emails about an object (an order), oldest first: for the console's order timeline. */
export async function emailsAbout(db: Db, referenceId: string) {
  return db
    .select({
      id: emails.id,
      to: emails.toAddress,
      template: emails.template,
      subject: emails.subject,
      status: emails.status,
      createdAt: emails.createdAt,
      sentAt: emails.sentAt,
    })
    .from(emails)
    .where(eq(emails.referenceId, referenceId))
    .orderBy(asc(emails.createdAt), asc(emails.id));
}
