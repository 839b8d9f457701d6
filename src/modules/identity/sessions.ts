import { and, desc, eq, gt, isNull, ne } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/index.js';
import type { Clock } from '../../kernel/clock.js';
import { newId } from '../../kernel/ids.js';
import type { RequestContext } from '../admin/service.js';
import { hashSecret, randomSecret } from './secrets.js';
import { sessions, type SessionRow } from './schema.js';

/**
 * Server-side sessions behind an opaque cookie. The cookie holds a 256-bit random value; the table holds its
 * SHA-256, so a leaked table cannot be replayed. A session ends at whichever comes first: idle expiry (no
 * request for a while), absolute expiry (since login), sign-out, or revocation (password change, reset,
 * sign-out everywhere, account deletion). Logging in always creates a new session id (no fixation).
 */

export type SubjectType = 'customer' | 'staff';
type Mfa = SessionRow['mfa'];

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

export const SESSION_POLICY = {
  customer: { idleMs: 7 * DAY_MS, absoluteMs: 30 * DAY_MS },
  staff: { idleMs: 30 * MINUTE_MS, absoluteMs: 12 * HOUR_MS },
} as const satisfies Record<SubjectType, { idleMs: number; absoluteMs: number }>;

/** last_seen is written at most this often, so reading pages does not write on every request. */
const TOUCH_INTERVAL_MS = MINUTE_MS;

export interface NewSession {
  row: SessionRow;
  /** The cookie value: returned once, never stored. */
  token: string;
}

export async function createSession(
  db: DbOrTx,
  clock: Clock,
  context: RequestContext,
  subject: { type: SubjectType; id: string; mfa?: Mfa },
): Promise<NewSession> {
  const now = clock.now();
  const policy = SESSION_POLICY[subject.type];
  const token = randomSecret();
  const [row] = await db
    .insert(sessions)
    .values({
      id: newId('session'),
      tokenHash: hashSecret(token),
      subjectType: subject.type,
      subjectId: subject.id,
      csrfToken: randomSecret(),
      mfa: subject.mfa ?? 'not_enrolled',
      ip: context.ip,
      userAgent: context.userAgent?.slice(0, 300) ?? null,
      createdAt: now,
      lastSeenAt: now,
      idleExpiresAt: new Date(now.getTime() + policy.idleMs),
      absoluteExpiresAt: new Date(now.getTime() + policy.absoluteMs),
    })
    .returning();
  return { row: row!, token };
}

/** The live session for a cookie value, touched (idle expiry pushed back), or undefined. */
export async function resolveSession(
  db: Db,
  clock: Clock,
  subjectType: SubjectType,
  token: string,
): Promise<SessionRow | undefined> {
  if (token.length < 20 || token.length > 100) return undefined;
  const now = clock.now();
  const [row] = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.tokenHash, hashSecret(token)), eq(sessions.subjectType, subjectType)));
  if (!row || row.revokedAt || row.idleExpiresAt <= now || row.absoluteExpiresAt <= now) return undefined;
  if (now.getTime() - row.lastSeenAt.getTime() < TOUCH_INTERVAL_MS) return row;
  const idleExpiresAt = new Date(
    Math.min(now.getTime() + SESSION_POLICY[subjectType].idleMs, row.absoluteExpiresAt.getTime()),
  );
  await db.update(sessions).set({ lastSeenAt: now, idleExpiresAt }).where(eq(sessions.id, row.id));
  return { ...row, lastSeenAt: now, idleExpiresAt };
}

export async function revokeSession(db: DbOrTx, clock: Clock, id: string, reason: string): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: clock.now(), revokedReason: reason })
    .where(and(eq(sessions.id, id), isNull(sessions.revokedAt)));
}

/** Revokes every live session of a subject, except `keepId` when given. Returns how many ended. */
export async function revokeSubjectSessions(
  db: DbOrTx,
  clock: Clock,
  subject: { type: SubjectType; id: string },
  reason: string,
  keepId?: string,
): Promise<number> {
  const revoked = await db
    .update(sessions)
    .set({ revokedAt: clock.now(), revokedReason: reason })
    .where(
      and(
        eq(sessions.subjectType, subject.type),
        eq(sessions.subjectId, subject.id),
        isNull(sessions.revokedAt),
        keepId ? ne(sessions.id, keepId) : undefined,
      ),
    )
    .returning({ id: sessions.id });
  return revoked.length;
}

export async function listLiveSessions(
  db: Db,
  clock: Clock,
  subject: { type: SubjectType; id: string },
): Promise<SessionRow[]> {
  const now = clock.now();
  return db
    .select()
    .from(sessions)
    .where(
      and(
        eq(sessions.subjectType, subject.type),
        eq(sessions.subjectId, subject.id),
        isNull(sessions.revokedAt),
        gt(sessions.idleExpiresAt, now),
        gt(sessions.absoluteExpiresAt, now),
      ),
    )
    .orderBy(desc(sessions.lastSeenAt))
    .limit(100);
}

export async function setSessionMfa(db: DbOrTx, id: string, mfa: Mfa): Promise<void> {
  await db.update(sessions).set({ mfa }).where(eq(sessions.id, id));
}

/** A customer's signed-in sessions as support may see them: when, from where, on what; never the tokens. */
export async function customerSessions(
  db: Db,
  clock: Clock,
  customerId: string,
): Promise<{ id: string; createdAt: Date; lastSeenAt: Date; ip: string | null; userAgent: string | null }[]> {
  const rows = await listLiveSessions(db, clock, { type: 'customer', id: customerId });
  return rows.map((row) => ({
    id: row.id,
    createdAt: row.createdAt,
    lastSeenAt: row.lastSeenAt,
    ip: row.ip,
    userAgent: row.userAgent,
  }));
}
