import { index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The audit log: append-only (a trigger in the migration refuses UPDATE and DELETE). Events name people by id
 * only, never by email, so deleting an account anonymises its trail without rewriting it.
 */
export const auditEvents = pgTable(
  'admin_audit_events',
  {
    id: text('id').primaryKey(),
    action: text('action').notNull(),
    outcome: text('outcome', { enum: ['success', 'failure'] }).notNull(),
    actorType: text('actor_type', {
      enum: ['customer', 'staff', 'api_key', 'system', 'anonymous'],
    }).notNull(),
    actorId: text('actor_id'),
    targetType: text('target_type'),
    targetId: text('target_id'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    requestId: text('request_id'),
    details: jsonb('details').$type<Record<string, string | number | boolean | null>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    index('admin_audit_events_actor_idx').on(table.actorId, table.id),
    index('admin_audit_events_target_idx').on(table.targetId, table.id),
    index('admin_audit_events_action_idx').on(table.action, table.id),
  ],
);

export type AuditEventRow = typeof auditEvents.$inferSelect;
