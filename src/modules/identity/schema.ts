import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Identity: customers, staff, their sessions, one-time tokens (verification, reset, staff password set-up),
 * API keys and the abuse counters behind the rate limits. Secrets are stored only as hashes: passwords with
 * argon2id, session ids, tokens and API keys (high-entropy random values) with SHA-256.
 */

export const customers = pgTable(
  'identity_customers',
  {
    id: text('id').primaryKey(),
    /** As the customer typed it (NFC), for display and for sending. */
    email: text('email').notNull(),
    /** Lower-cased, IDN domain in ASCII (punycode): the identity that must be unique. */
    emailNormalized: text('email_normalized').notNull(),
    emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
    /** null once the account is deleted (anonymised). */
    passwordHash: text('password_hash'),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull(),
    phone: text('phone'),
    name: text('name'),
    locale: text('locale', { enum: ['zh-CN', 'en'] }).notNull(),
    displayCurrency: text('display_currency', { enum: ['USD', 'CNY'] }).notNull(),
    timeZone: text('time_zone').notNull(),
    status: text('status', { enum: ['active', 'deletion_pending', 'deleted'] }).notNull(),
    /** Partner accounts: the operator lets them create API keys. Off for ordinary customers. */
    apiAccess: boolean('api_access').notNull().default(false),
    deletionRequestedAt: timestamp('deletion_requested_at', { withTimezone: true }),
    deleteAfter: timestamp('delete_after', { withTimezone: true }),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('identity_customers_email_idx').on(table.emailNormalized),
    index('identity_customers_deletion_idx')
      .on(table.deleteAfter)
      .where(sql`${table.status} = 'deletion_pending'`),
  ],
);

export const staff = pgTable(
  'identity_staff',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull(),
    emailNormalized: text('email_normalized').notNull(),
    role: text('role', { enum: ['owner', 'admin', 'support', 'finance'] }).notNull(),
    /** null until the staff member sets a password through the one-time link. */
    passwordHash: text('password_hash'),
    /** Base32 TOTP secret; `totpEnabledAt` is set once a code from it has been confirmed. */
    totpSecret: text('totp_secret'),
    totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
    /** The last accepted TOTP time step: a code is never accepted twice. */
    totpLastStep: integer('totp_last_step'),
    status: text('status', { enum: ['active', 'disabled'] }).notNull(),
    /** The console language this person chose (null until they choose): every browser they sign in from follows it. */
    locale: text('locale', { enum: ['zh-CN', 'en'] }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
  },
  (table) => [uniqueIndex('identity_staff_email_idx').on(table.emailNormalized)],
);

export const sessions = pgTable(
  'identity_sessions',
  {
    id: text('id').primaryKey(),
    /** SHA-256 of the cookie value; the cookie value itself is never stored. */
    tokenHash: text('token_hash').notNull(),
    subjectType: text('subject_type', { enum: ['customer', 'staff'] }).notNull(),
    subjectId: text('subject_id').notNull(),
    csrfToken: text('csrf_token').notNull(),
    /** Staff only: 'pending' until the TOTP step is passed. */
    mfa: text('mfa', { enum: ['not_enrolled', 'pending', 'verified'] }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    idleExpiresAt: timestamp('idle_expires_at', { withTimezone: true }).notNull(),
    absoluteExpiresAt: timestamp('absolute_expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedReason: text('revoked_reason'),
  },
  (table) => [
    uniqueIndex('identity_sessions_token_idx').on(table.tokenHash),
    index('identity_sessions_subject_idx').on(table.subjectType, table.subjectId),
  ],
);

export const tokens = pgTable(
  'identity_tokens',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: ['email_verification', 'password_reset', 'staff_password_setup'] }).notNull(),
    subjectId: text('subject_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('identity_tokens_hash_idx').on(table.tokenHash),
    index('identity_tokens_subject_idx').on(table.kind, table.subjectId),
  ],
);

export const apiKeys = pgTable(
  'identity_api_keys',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id').notNull(),
    name: text('name').notNull(),
    mode: text('mode', { enum: ['test', 'live'] }).notNull(),
    scopes: text('scopes').array().notNull(),
    secretHash: text('secret_hash').notNull(),
    /** The last four characters of the secret, for recognising a key in lists. */
    lastFour: text('last_four').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('identity_api_keys_secret_idx').on(table.secretHash),
    index('identity_api_keys_customer_idx').on(table.customerId),
  ],
);

/** Fixed-window counters for rate limits and login failures, keyed by what is limited (`login:ip:…`). */
export const rateCounters = pgTable('identity_rate_counters', {
  bucket: text('bucket').primaryKey(),
  count: integer('count').notNull(),
  windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull(),
  /** Not before this time (progressive delay after login failures); null when there is no delay. */
  blockedUntil: timestamp('blocked_until', { withTimezone: true }),
  /** End of the window: the purge job deletes counters past it. */
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

export type CustomerRow = typeof customers.$inferSelect;
export type StaffRow = typeof staff.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
export type ApiKeyRow = typeof apiKeys.$inferSelect;
