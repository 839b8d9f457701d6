import { and, desc, eq, gte, lt, or, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/index.js';
import type { Clock } from '../../kernel/clock.js';
import { newId } from '../../kernel/ids.js';
import { toPage, type ListEnvelope, type PageRequest } from '../../kernel/pagination.js';
import { auditEvents, type AuditEventRow } from './schema.js';

/**
 * The admin module's door. The audit log is append-only: `recordAuditEvent` is the only writer, usually inside
 * the transaction of the change it records, so an event exists exactly when the change does. Failed attempts
 * (a wrong password) are recorded on their own, since there is no change to join.
 */

export type ActorType = 'customer' | 'staff' | 'api_key' | 'system' | 'anonymous';

/** Who did it and from where: filled in from the HTTP request. */
export interface RequestContext {
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

export const SYSTEM_CONTEXT: RequestContext = { ip: null, userAgent: null, requestId: null };

export interface AuditEventInput {
  action: string;
  outcome?: 'success' | 'failure';
  actor: { type: ActorType; id?: string | null };
  target?: { type: string; id: string } | null;
  details?: Record<string, string | number | boolean | null>;
}

const USER_AGENT_LENGTH_MAX = 300;

export async function recordAuditEvent(
  db: DbOrTx,
  clock: Clock,
  context: RequestContext,
  event: AuditEventInput,
): Promise<string> {
  const id = newId('auditEvent');
  await db.insert(auditEvents).values({
    id,
    action: event.action,
    outcome: event.outcome ?? 'success',
    actorType: event.actor.type,
    actorId: event.actor.id ?? null,
    targetType: event.target?.type ?? null,
    targetId: event.target?.id ?? null,
    ip: context.ip,
    userAgent: context.userAgent?.slice(0, USER_AGENT_LENGTH_MAX) ?? null,
    requestId: context.requestId,
    details: event.details ?? {},
    createdAt: clock.now(),
  });
  return id;
}

export interface AuditEventView {
  id: string;
  object: 'audit_event';
  action: string;
  outcome: 'success' | 'failure';
  actor: { type: ActorType; id: string | null };
  target: { type: string; id: string } | null;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  details: Record<string, string | number | boolean | null>;
  created: string;
}

export function auditEventView(row: AuditEventRow): AuditEventView {
  return {
    id: row.id,
    object: 'audit_event',
    action: row.action,
    outcome: row.outcome,
    actor: { type: row.actorType, id: row.actorId },
    target: row.targetType && row.targetId ? { type: row.targetType, id: row.targetId } : null,
    ip: row.ip,
    user_agent: row.userAgent,
    request_id: row.requestId,
    details: row.details,
    created: row.createdAt.toISOString(),
  };
}

export interface AuditFilter {
  /** Events by or about this id (actor or target). */
  subject?: string;
  actor?: string;
  target?: string;
  action?: string;
  outcome?: 'success' | 'failure';
  createdGte?: Date;
  createdLt?: Date;
}

/** Newest first: a console reader wants the latest events; the cursor walks back in time. */
export async function listAuditEvents(
  db: Db,
  filter: AuditFilter,
  page: PageRequest,
): Promise<ListEnvelope<AuditEventView>> {
  const conditions: (SQL | undefined)[] = [
    filter.subject
      ? or(eq(auditEvents.actorId, filter.subject), eq(auditEvents.targetId, filter.subject))
      : undefined,
    filter.actor ? eq(auditEvents.actorId, filter.actor) : undefined,
    filter.target ? eq(auditEvents.targetId, filter.target) : undefined,
    filter.action ? eq(auditEvents.action, filter.action) : undefined,
    filter.outcome ? eq(auditEvents.outcome, filter.outcome) : undefined,
    filter.createdGte ? gte(auditEvents.createdAt, filter.createdGte) : undefined,
    filter.createdLt ? lt(auditEvents.createdAt, filter.createdLt) : undefined,
    page.startingAfter ? lt(auditEvents.id, page.startingAfter) : undefined,
  ];
  const rows = await db
    .select()
    .from(auditEvents)
    .where(and(...conditions))
    .orderBy(desc(auditEvents.id))
    .limit(page.limit + 1);
  const envelope = toPage(rows, page.limit);
  return { ...envelope, data: envelope.data.map(auditEventView) };
}
