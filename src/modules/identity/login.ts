import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/index.js';
import { AppError } from '../../kernel/errors.js';
import { recordAuditEvent, type RequestContext } from '../admin/service.js';
import { queueEmail } from '../notifications/service.js';
import { formatMoment, link, type IdentityDeps } from './context.js';
import { customerView, deliverableOf, requireEmail, type CustomerView } from './customers.js';
import { assertPasswordAcceptable, hashPassword, verifyAgainstNothing, verifyPassword } from './passwords.js';
import {
  assertUnderRate,
  clearLoginFailures,
  consumeRate,
  loginDelayMs,
  RATE_RULES,
  recordLoginFailure,
  tooManyAttempts,
} from './rate-limits.js';
import { customers, type CustomerRow, type SessionRow } from './schema.js';
import { createSession, revokeSession, revokeSubjectSessions, type NewSession } from './sessions.js';
import { consumeToken, issueToken } from './tokens.js';

/** Customer login and logout, password change and reset. */

export interface SessionView {
  id: string;
  object: 'session';
  csrf_token: string;
  created: string;
  expires_at: string;
  idle_expires_at: string;
  customer: CustomerView;
}

export function sessionView(session: SessionRow, customer: CustomerRow): SessionView {
  return {
    id: session.id,
    object: 'session',
    csrf_token: session.csrfToken,
    created: session.createdAt.toISOString(),
    expires_at: session.absoluteExpiresAt.toISOString(),
    idle_expires_at: session.idleExpiresAt.toISOString(),
    customer: customerView(customer),
  };
}

function invalidCredentials(): AppError {
  return new AppError('invalid_credentials');
}

/**
 * Checks the password and opens a new session. Unknown emails and wrong passwords get the same answer in the
 * same time; failures slow the account down progressively (see rate-limits.ts) and are audited.
 */
export async function logIn(
  deps: IdentityDeps,
  context: RequestContext,
  input: { email: string; password: string; previousSessionId?: string | undefined },
): Promise<NewSession & { customer: CustomerRow }> {
  const email = requireEmail(input.email);
  const ip = context.ip ?? 'unknown';
  await assertUnderRate(deps.db, deps.clock, RATE_RULES.loginFailuresPerIp, ip);
  const delayMs = await loginDelayMs(deps.db, deps.clock, email.normalized);
  const [row] = await deps.db.select().from(customers).where(eq(customers.emailNormalized, email.normalized));
  const account = row && row.status !== 'deleted' && row.passwordHash ? row : undefined;
  if (delayMs > 0) {
    await recordAuditEvent(deps.db, deps.clock, context, {
      action: 'customer.login_failed',
      outcome: 'failure',
      actor: { type: 'anonymous' },
      target: account ? { type: 'customer', id: account.id } : null,
      details: { reason: 'rate_limited' },
    });
    throw tooManyAttempts(delayMs);
  }
  const passwordOk = account
    ? await verifyPassword(account.passwordHash!, input.password)
    : await verifyAgainstNothing(input.password);
  if (!account || !passwordOk) {
    await recordLoginFailure(deps.db, deps.clock, email.normalized);
    await recordAuditEvent(deps.db, deps.clock, context, {
      action: 'customer.login_failed',
      outcome: 'failure',
      actor: { type: 'anonymous' },
      target: account ? { type: 'customer', id: account.id } : null,
      details: { reason: account ? 'wrong_password' : 'unknown_email' },
    });
    await consumeRate(deps.db, deps.clock, RATE_RULES.loginFailuresPerIp, ip);
    throw invalidCredentials();
  }
  await clearLoginFailures(deps.db, email.normalized);
  if (!account.emailVerifiedAt) {
    await recordAuditEvent(deps.db, deps.clock, context, {
      action: 'customer.login_failed',
      outcome: 'failure',
      actor: { type: 'customer', id: account.id },
      target: { type: 'customer', id: account.id },
      details: { reason: 'email_not_verified' },
    });
    throw new AppError('email_not_verified');
  }
  return deps.db.transaction(async (tx) => {
    if (input.previousSessionId)
      await revokeSession(tx, deps.clock, input.previousSessionId, 'replaced_by_login');
    const session = await createSession(tx, deps.clock, context, { type: 'customer', id: account.id });
    await recordAuditEvent(tx, deps.clock, context, {
      action: 'customer.login_succeeded',
      actor: { type: 'customer', id: account.id },
      target: { type: 'customer', id: account.id },
      details: { session: session.row.id },
    });
    return { ...session, customer: account };
  });
}

export async function logOut(
  deps: IdentityDeps,
  context: RequestContext,
  session: SessionRow,
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await revokeSession(tx, deps.clock, session.id, 'logout');
    await recordAuditEvent(tx, deps.clock, context, {
      action: 'customer.logout',
      actor: { type: 'customer', id: session.subjectId },
      target: { type: 'customer', id: session.subjectId },
      details: { session: session.id },
    });
  });
}

/** Checks the account's current password, counting wrong guesses like failed logins. */
export async function assertCurrentPassword(
  deps: IdentityDeps,
  context: RequestContext,
  customer: CustomerRow,
  password: string,
  param: string,
): Promise<void> {
  await consumeRate(deps.db, deps.clock, RATE_RULES.passwordChecksPerAccount, customer.id);
  if (customer.passwordHash && (await verifyPassword(customer.passwordHash, password))) return;
  await recordAuditEvent(deps.db, deps.clock, context, {
    action: 'customer.password_check_failed',
    outcome: 'failure',
    actor: { type: 'customer', id: customer.id },
    target: { type: 'customer', id: customer.id },
    details: { param },
  });
  throw new AppError('password_incorrect', { param });
}

/** Changes the password, signs out every session and opens a fresh one for this device. */
export async function changePassword(
  deps: IdentityDeps,
  context: RequestContext,
  customer: CustomerRow,
  input: { currentPassword: string; newPassword: string },
): Promise<NewSession & { customer: CustomerRow }> {
  await assertCurrentPassword(deps, context, customer, input.currentPassword, 'current_password');
  assertPasswordAcceptable(input.newPassword, 'new_password', requireEmail(customer.email).normalized);
  const passwordHash = await hashPassword(input.newPassword);
  return deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const [updated] = await tx
      .update(customers)
      .set({ passwordHash, passwordChangedAt: now, updatedAt: now })
      .where(eq(customers.id, customer.id))
      .returning();
    await revokeSubjectSessions(tx, deps.clock, { type: 'customer', id: customer.id }, 'password_changed');
    const session = await createSession(tx, deps.clock, context, { type: 'customer', id: customer.id });
    await queuePasswordChangedEmail(deps, tx, updated!);
    await recordAuditEvent(tx, deps.clock, context, {
      action: 'customer.password_changed',
      actor: { type: 'customer', id: customer.id },
      target: { type: 'customer', id: customer.id },
    });
    return { ...session, customer: updated! };
  });
}

async function queuePasswordChangedEmail(deps: IdentityDeps, tx: Tx, row: CustomerRow): Promise<void> {
  await queueEmail(tx, deps.jobs, deps.clock, {
    to: deliverableOf(row),
    locale: row.locale,
    template: 'password_changed',
    values: {
      when: formatMoment(deps.clock.now(), row.locale, row.timeZone),
      resetLink: link(deps, '/forgot-password'),
    },
  });
}

/** Emails a reset link when the address has an account; the answer is the same either way. */
export async function requestPasswordReset(deps: IdentityDeps, context: RequestContext, rawEmail: string) {
  await consumeRate(deps.db, deps.clock, RATE_RULES.resetPerIp, context.ip ?? 'unknown');
  const email = requireEmail(rawEmail);
  await consumeRate(deps.db, deps.clock, RATE_RULES.resetPerEmail, email.normalized);
  await deps.db.transaction(async (tx) => {
    const [row] = await tx.select().from(customers).where(eq(customers.emailNormalized, email.normalized));
    if (!row || row.status === 'deleted') return;
    const token = await issueToken(tx, deps.clock, 'password_reset', row.id);
    await queueEmail(tx, deps.jobs, deps.clock, {
      to: deliverableOf(row),
      locale: row.locale,
      template: 'password_reset',
      values: { link: link(deps, '/reset-password', { token }) },
      secrets: [token],
    });
    await recordAuditEvent(tx, deps.clock, context, {
      action: 'customer.password_reset_requested',
      actor: { type: 'anonymous' },
      target: { type: 'customer', id: row.id },
    });
  });
  return { object: 'password_reset_request' as const, status: 'sent_if_registered' as const };
}

/**
 * Sets a new password from a reset link. The link proves the mailbox, so the email counts as verified; every
 * session ends and the login delay is forgiven. The person then logs in with the new password.
 */
export async function confirmPasswordReset(
  deps: IdentityDeps,
  context: RequestContext,
  input: { token: string; newPassword: string },
) {
  await consumeRate(deps.db, deps.clock, RATE_RULES.tokenAttemptsPerIp, context.ip ?? 'unknown');
  const passwordHash = await hashPassword(input.newPassword);
  const customer = await deps.db.transaction(async (tx) => {
    const customerId = await consumeToken(tx, deps.clock, 'password_reset', input.token);
    const [row] = await tx.select().from(customers).where(eq(customers.id, customerId)).for('update');
    if (!row || row.status === 'deleted') {
      throw new AppError('token_invalid', { param: 'token' });
    }
    assertPasswordAcceptable(input.newPassword, 'new_password', row.emailNormalized);
    const now = deps.clock.now();
    const [updated] = await tx
      .update(customers)
      .set({
        passwordHash,
        passwordChangedAt: now,
        updatedAt: now,
        emailVerifiedAt: row.emailVerifiedAt ?? now,
      })
      .where(eq(customers.id, customerId))
      .returning();
    await revokeSubjectSessions(tx, deps.clock, { type: 'customer', id: customerId }, 'password_reset');
    await queuePasswordChangedEmail(deps, tx, updated!);
    await recordAuditEvent(tx, deps.clock, context, {
      action: 'customer.password_reset_completed',
      actor: { type: 'customer', id: customerId },
      target: { type: 'customer', id: customerId },
    });
    return updated!;
  });
  await clearLoginFailures(deps.db, customer.emailNormalized);
  return { object: 'password_reset' as const, status: 'completed' as const };
}
