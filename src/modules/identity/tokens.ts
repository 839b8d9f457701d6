import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/index.js';
import type { Clock } from '../../kernel/clock.js';
import { AppError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { hashSecret, randomSecret } from './secrets.js';
import { tokens } from './schema.js';

/**
 * One-time tokens sent by email or printed by the CLI: email verification (24 h), password reset (30 min),
 * staff password set-up (24 h). Single use: consuming one marks it used in the same transaction as the change
 * it allows, and issuing a new one of a kind voids the older ones of that kind for the same person.
 */

export type TokenKind = 'email_verification' | 'password_reset' | 'staff_password_setup';

export const TOKEN_TTL_MS: Record<TokenKind, number> = {
  email_verification: 24 * 60 * 60 * 1000,
  password_reset: 30 * 60 * 1000,
  staff_password_setup: 24 * 60 * 60 * 1000,
};

export async function issueToken(
  db: DbOrTx,
  clock: Clock,
  kind: TokenKind,
  subjectId: string,
): Promise<string> {
  const now = clock.now();
  await db
    .update(tokens)
    .set({ usedAt: now })
    .where(and(eq(tokens.kind, kind), eq(tokens.subjectId, subjectId), isNull(tokens.usedAt)));
  const token = randomSecret();
  await db.insert(tokens).values({
    id: newId('token'),
    kind,
    subjectId,
    tokenHash: hashSecret(token),
    createdAt: now,
    expiresAt: new Date(now.getTime() + TOKEN_TTL_MS[kind]),
  });
  return token;
}

function tokenError(code: 'token_invalid' | 'token_expired'): AppError {
  return new AppError(code, { param: 'token' });
}

/** Marks the token used and returns whose it is; 400 `token_invalid` (unknown, used) or `token_expired`. */
export async function consumeToken(tx: Tx, clock: Clock, kind: TokenKind, token: string): Promise<string> {
  const now = clock.now();
  const [row] = await tx
    .select()
    .from(tokens)
    .where(and(eq(tokens.tokenHash, hashSecret(token)), eq(tokens.kind, kind)))
    .for('update');
  if (!row || row.usedAt) throw tokenError('token_invalid');
  if (row.expiresAt <= now) throw tokenError('token_expired');
  await tx.update(tokens).set({ usedAt: now }).where(eq(tokens.id, row.id));
  return row.subjectId;
}
