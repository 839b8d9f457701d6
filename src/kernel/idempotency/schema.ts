import { index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Idempotency keys for creating POSTs, scoped to the caller. A key is `in_flight` while its first request
 * runs (`expires_at` is then the lease that request keeps renewing) and `completed` with the stored response
 * afterwards; completed keys are kept 24 hours from `created_at`.
 */
export const idempotencyKeys = pgTable(
  'kernel_idempotency_keys',
  {
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    method: text('method').notNull(),
    path: text('path').notNull(),
    requestHash: text('request_hash').notNull(),
    state: text('state', { enum: ['in_flight', 'completed'] }).notNull(),
    responseStatus: integer('response_status'),
    responseBody: jsonb('response_body'),
    responseHeaders: jsonb('response_headers').$type<Record<string, string>>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.scope, table.key] }),
    index('kernel_idempotency_keys_expires_idx').on(table.expiresAt),
  ],
);
