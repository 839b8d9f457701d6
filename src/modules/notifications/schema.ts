import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Emails SimFill sends: rendered, queued in the business transaction, delivered by the worker. */
export const emails = pgTable(
  'notifications_emails',
  {
    id: text('id').primaryKey(),
    toAddress: text('to_address').notNull(),
    locale: text('locale', { enum: ['zh-CN', 'en'] }).notNull(),
    template: text('template').notNull(),
    subject: text('subject').notNull(),
    bodyText: text('body_text').notNull(),
    bodyHtml: text('body_html').notNull(),
    status: text('status', { enum: ['queued', 'sent'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** What the email is about (`ord_…`), so the console shows it on that order's timeline. */
    referenceId: text('reference_id'),
  },
  (table) => [
    index('notifications_emails_status_idx').on(table.status, table.createdAt),
    index('notifications_emails_reference_idx').on(table.referenceId),
  ],
);

/** Messages received by the embedded development SMTP server (embedded mode only). */
export const devMailbox = pgTable('notifications_dev_mailbox', {
  id: text('id').primaryKey(),
  envelopeFrom: text('envelope_from').notNull(),
  envelopeTo: text('envelope_to').array().notNull(),
  fromHeader: text('from_header').notNull(),
  toHeader: text('to_header').notNull(),
  subject: text('subject').notNull(),
  bodyText: text('body_text').notNull(),
  bodyHtml: text('body_html'),
  messageId: text('message_id'),
  sizeBytes: integer('size_bytes').notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
});

export type EmailRow = typeof emails.$inferSelect;
export type DevMessageRow = typeof devMailbox.$inferSelect;
