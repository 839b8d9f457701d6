import { asc, eq } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import { AppError, notFound } from '../../kernel/errors.js';
import type { Locale } from '../../kernel/i18n/index.js';
import { isId, newId } from '../../kernel/ids.js';
import { recordAuditEvent, type ActorType, type RequestContext } from '../admin/service.js';
import { queueEmail } from '../notifications/service.js';
import { link, type IdentityDeps } from './context.js';
import { requireEmail } from './customers.js';
import { assertPasswordAcceptable, hashPassword, verifyAgainstNothing, verifyPassword } from './passwords.js';
import { roleCan, roleNeedsTotp, type StaffRole } from './permissions.js';
import {
  assertUnderRate,
  clearLoginFailures,
  consumeRate,
  loginDelayMs,
  RATE_RULES,
  recordLoginFailure,
  tooManyAttempts,
} from './rate-limits.js';
import { staff, type SessionRow, type StaffRow } from './schema.js';
import { createSession, revokeSession, revokeSubjectSessions, type NewSession } from './sessions.js';
import { consumeToken, issueToken } from './tokens.js';

/**
 * Staff accounts for the console. A member is created with a role (CLI or an admin) and sets a password through
 * a one-time link. Sign-in is password, then — when the member has TOTP, or must have it (owner/admin with
 * `STAFF_TOTP_REQUIRED`) — a TOTP code; passing it rotates the session id.
 */

const TOTP_ISSUER = 'SimFill';

export interface StaffView {
  id: string;
  object: 'staff';
  email: string;
  role: StaffRole;
  totp_enabled: boolean;
  status: 'active' | 'disabled';
  /** Null until the person chooses a console language. */
  locale: Locale | null;
  created: string;
  last_login: string | null;
}

export function staffView(row: StaffRow): StaffView {
  return {
    id: row.id,
    object: 'staff',
    email: row.email,
    role: row.role,
    totp_enabled: row.totpEnabledAt !== null,
    status: row.status,
    locale: row.locale,
    created: row.createdAt.toISOString(),
    last_login: row.lastLoginAt?.toISOString() ?? null,
  };
}

export type MfaState = SessionRow['mfa'];

export function mfaRequired(deps: IdentityDeps, member: StaffRow): boolean {
  return member.totpEnabledAt !== null || (deps.staffTotpRequired && roleNeedsTotp(member.role));
}

/** The session may use the console beyond the sign-in steps. */
export function mfaSatisfied(deps: IdentityDeps, member: StaffRow, session: SessionRow): boolean {
  return !mfaRequired(deps, member) || session.mfa === 'verified';
}

export interface StaffSessionView {
  id: string;
  object: 'staff_session';
  csrf_token: string;
  mfa: MfaState;
  mfa_required: boolean;
  created: string;
  expires_at: string;
  idle_expires_at: string;
  staff: StaffView & { permissions: string[] };
}

export function staffSessionView(
  deps: IdentityDeps,
  session: SessionRow,
  member: StaffRow,
  permissions: string[],
): StaffSessionView {
  return {
    id: session.id,
    object: 'staff_session',
    csrf_token: session.csrfToken,
    mfa: session.mfa,
    mfa_required: mfaRequired(deps, member),
    created: session.createdAt.toISOString(),
    expires_at: session.absoluteExpiresAt.toISOString(),
    idle_expires_at: session.idleExpiresAt.toISOString(),
    staff: { ...staffView(member), permissions },
  };
}

export async function loadStaffForSession(deps: IdentityDeps, session: SessionRow) {
  const [member] = await deps.db.select().from(staff).where(eq(staff.id, session.subjectId));
  return member?.status === 'active' ? member : undefined;
}

export async function listStaff(deps: IdentityDeps): Promise<StaffView[]> {
  const rows = await deps.db.select().from(staff).orderBy(asc(staff.id)).limit(500);
  return rows.map(staffView);
}

export interface StaffActor {
  type: Extract<ActorType, 'staff' | 'system'>;
  id?: string;
  role?: StaffRole;
}

/** Creates a staff member and a one-time set-password link (also emailed). Only owners may create owners. */
export async function createStaff(
  deps: IdentityDeps,
  context: RequestContext,
  actor: StaffActor,
  input: { email: string; role: StaffRole; locale: Locale },
): Promise<{ staff: StaffView; setPasswordUrl: string }> {
  const email = requireEmail(input.email);
  if (input.role === 'owner' && actor.type === 'staff' && !roleCan(actor.role!, 'staff.manage_owners')) {
    throw new AppError('permission_denied', { param: 'role' });
  }
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(staff)
      .values({
        id: newId('staff'),
        email: email.display,
        emailNormalized: email.normalized,
        role: input.role,
        status: 'active',
        createdAt: deps.clock.now(),
      })
      .onConflictDoNothing({ target: staff.emailNormalized })
      .returning();
    if (!row) {
      throw new AppError('staff_exists', { param: 'email' });
    }
    const token = await issueToken(tx, deps.clock, 'staff_password_setup', row.id);
    const setPasswordUrl = link(deps, '/console/set-password', { token });
    await queueEmail(tx, deps.jobs, deps.clock, {
      to: email.deliverable,
      locale: input.locale,
      template: 'staff_invitation',
      values: { email: email.display, role: input.role, link: setPasswordUrl },
      secrets: [token],
    });
    await recordAuditEvent(tx, deps.clock, context, {
      action: 'staff.created',
      actor: { type: actor.type, id: actor.id ?? null },
      target: { type: 'staff', id: row.id },
      details: { role: input.role },
    });
    return { staff: staffView(row), setPasswordUrl };
  });
}

/** The console language a staff member chose: kept on their account, so every browser they use follows it. */
export async function setStaffLocale(
  deps: IdentityDeps,
  context: RequestContext,
  staffId: string,
  locale: Locale,
): Promise<StaffView> {
  return deps.db.transaction(async (tx) => {
    const [before] = await tx.select().from(staff).where(eq(staff.id, staffId)).for('update');
    if (!before) throw notFound('staff', staffId);
    if (before.locale === locale) return staffView(before);
    const [row] = await tx.update(staff).set({ locale }).where(eq(staff.id, staffId)).returning();
    await recordAuditEvent(tx, deps.clock, context, {
      action: 'staff.locale_changed',
      actor: { type: 'staff', id: staffId },
      target: { type: 'staff', id: staffId },
      details: { from: before.locale, to: locale },
    });
    return staffView(row!);
  });
}

export async function setUpStaffPassword(
  deps: IdentityDeps,
  context: RequestContext,
  input: { token: string; password: string },
) {
  await consumeRate(deps.db, deps.clock, RATE_RULES.tokenAttemptsPerIp, context.ip ?? 'unknown');
  const passwordHash = await hashPassword(input.password);
  await deps.db.transaction(async (tx) => {
    const staffId = await consumeToken(tx, deps.clock, 'staff_password_setup', input.token);
    const [member] = await tx.select().from(staff).where(eq(staff.id, staffId));
    if (!member || member.status !== 'active') {
      throw new AppError('token_invalid', { param: 'token' });
    }
    assertPasswordAcceptable(input.password, 'password', member.emailNormalized);
    await tx.update(staff).set({ passwordHash }).where(eq(staff.id, staffId));
    await recordAuditEvent(tx, deps.clock, context, {
      action: 'staff.password_set',
      actor: { type: 'staff', id: staffId },
      target: { type: 'staff', id: staffId },
    });
  });
  return { object: 'staff_password_setup' as const, status: 'completed' as const };
}

function staffAccountKey(normalizedEmail: string): string {
  return `staff:${normalizedEmail}`;
}

export async function staffLogIn(
  deps: IdentityDeps,
  context: RequestContext,
  input: { email: string; password: string; previousSessionId?: string | undefined },
): Promise<NewSession & { member: StaffRow }> {
  const email = requireEmail(input.email);
  const accountKey = staffAccountKey(email.normalized);
  const ip = context.ip ?? 'unknown';
  await assertUnderRate(deps.db, deps.clock, RATE_RULES.loginFailuresPerIp, ip);
  const delayMs = await loginDelayMs(deps.db, deps.clock, accountKey);
  const [row] = await deps.db.select().from(staff).where(eq(staff.emailNormalized, email.normalized));
  const member = row && row.status === 'active' && row.passwordHash ? row : undefined;
  const fail = async (reason: string) => {
    await recordAuditEvent(deps.db, deps.clock, context, {
      action: 'staff.login_failed',
      outcome: 'failure',
      actor: { type: 'anonymous' },
      target: member ? { type: 'staff', id: member.id } : null,
      details: { reason },
    });
  };
  if (delayMs > 0) {
    await fail('rate_limited');
    throw tooManyAttempts(delayMs);
  }
  const passwordOk = member
    ? await verifyPassword(member.passwordHash!, input.password)
    : await verifyAgainstNothing(input.password);
  if (!member || !passwordOk) {
    await recordLoginFailure(deps.db, deps.clock, accountKey);
    await fail(member ? 'wrong_password' : 'unknown_email');
    await consumeRate(deps.db, deps.clock, RATE_RULES.loginFailuresPerIp, ip);
    throw new AppError('invalid_credentials');
  }
  await clearLoginFailures(deps.db, accountKey);
  const mfa: MfaState = member.totpEnabledAt ? 'pending' : 'not_enrolled';
  return deps.db.transaction(async (tx) => {
    if (input.previousSessionId)
      await revokeSession(tx, deps.clock, input.previousSessionId, 'replaced_by_login');
    const session = await createSession(tx, deps.clock, context, { type: 'staff', id: member.id, mfa });
    const [updated] = await tx
      .update(staff)
      .set({ lastLoginAt: deps.clock.now() })
      .where(eq(staff.id, member.id))
      .returning();
    await recordAuditEvent(tx, deps.clock, context, {
      action: 'staff.login_succeeded',
      actor: { type: 'staff', id: member.id },
      target: { type: 'staff', id: member.id },
      details: { session: session.row.id, mfa },
    });
    return { ...session, member: updated! };
  });
}

function totpFor(member: StaffRow, secret: string): TOTP {
  return new TOTP({ issuer: TOTP_ISSUER, label: member.email, secret: Secret.fromBase32(secret) });
}

/** The TOTP time step a code belongs to, or undefined; a code already used (or older) is refused. */
function acceptedStep(
  deps: IdentityDeps,
  member: StaffRow,
  secret: string,
  code: string,
): number | undefined {
  const totp = totpFor(member, secret);
  const timestamp = deps.clock.now().getTime();
  const delta = totp.validate({ token: code, timestamp, window: 1 });
  if (delta === null) return undefined;
  const step = totp.counter({ timestamp }) + delta;
  if (member.totpLastStep !== null && step <= member.totpLastStep) return undefined;
  return step;
}

function mfaCodeInvalid(): AppError {
  return new AppError('mfa_code_invalid', { param: 'code' });
}

/** Passes the second factor: a new session id replaces the password-only one (privilege change). */
export async function verifyStaffMfa(
  deps: IdentityDeps,
  context: RequestContext,
  session: SessionRow,
  code: string,
): Promise<NewSession & { member: StaffRow }> {
  await consumeRate(deps.db, deps.clock, RATE_RULES.mfaAttemptsPerSession, session.id);
  const member = await loadStaffForSession(deps, session);
  if (!member?.totpSecret || !member.totpEnabledAt) {
    throw new AppError('mfa_not_enrolled');
  }
  return completeMfa(deps, context, session, member, member.totpSecret, code, 'staff.mfa_verified');
}

async function completeMfa(
  deps: IdentityDeps,
  context: RequestContext,
  session: SessionRow,
  member: StaffRow,
  secret: string,
  code: string,
  action: string,
): Promise<NewSession & { member: StaffRow }> {
  const step = acceptedStep(deps, member, secret, code);
  if (step === undefined) {
    await recordAuditEvent(deps.db, deps.clock, context, {
      action,
      outcome: 'failure',
      actor: { type: 'staff', id: member.id },
      target: { type: 'staff', id: member.id },
    });
    throw mfaCodeInvalid();
  }
  return deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const [updated] = await tx
      .update(staff)
      .set({ totpLastStep: step, totpEnabledAt: member.totpEnabledAt ?? now })
      .where(eq(staff.id, member.id))
      .returning();
    await revokeSession(tx, deps.clock, session.id, 'mfa_verified');
    const next = await createSession(tx, deps.clock, context, {
      type: 'staff',
      id: member.id,
      mfa: 'verified',
    });
    await recordAuditEvent(tx, deps.clock, context, {
      action,
      actor: { type: 'staff', id: member.id },
      target: { type: 'staff', id: member.id },
      details: { session: next.row.id },
    });
    return { ...next, member: updated! };
  });
}

export interface TotpEnrollmentView {
  object: 'totp_enrollment';
  otpauth_url: string;
  secret: string;
  qr_svg: string;
}

/** Starts (or restarts) TOTP enrolment for a member who has none yet. */
export async function startTotpEnrollment(
  deps: IdentityDeps,
  session: SessionRow,
): Promise<TotpEnrollmentView> {
  const member = await loadStaffForSession(deps, session);
  if (!member) throw new AppError('not_authenticated');
  if (member.totpEnabledAt) throw new AppError('mfa_already_enrolled');
  const secret = new Secret({ size: 20 }).base32;
  await deps.db.update(staff).set({ totpSecret: secret }).where(eq(staff.id, member.id));
  const url = totpFor(member, secret).toString();
  const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { object: 'totp_enrollment', otpauth_url: url, secret, qr_svg: svg };
}

export async function confirmTotpEnrollment(
  deps: IdentityDeps,
  context: RequestContext,
  session: SessionRow,
  code: string,
): Promise<NewSession & { member: StaffRow }> {
  await consumeRate(deps.db, deps.clock, RATE_RULES.mfaAttemptsPerSession, session.id);
  const member = await loadStaffForSession(deps, session);
  if (!member?.totpSecret || member.totpEnabledAt) {
    throw new AppError('mfa_enrollment_not_started');
  }
  return completeMfa(deps, context, session, member, member.totpSecret, code, 'staff.totp_enrolled');
}

export type StaffChange = 'disable' | 'enable' | 'reset_totp';

/**
 * An owner or admin changes another member's access: disable (every session ends at once), enable, or reset
 * two-factor (a lost phone: the member enrols again at next sign-in). Nobody changes their own access this way,
 * and only owners touch owners.
 */
export async function changeStaffAccess(
  deps: IdentityDeps,
  context: RequestContext,
  actor: StaffActor,
  targetId: string,
  change: StaffChange,
): Promise<StaffView> {
  if (actor.id === targetId) {
    throw new AppError('staff_self_change');
  }
  return deps.db.transaction(async (tx) => {
    const [target] = isId('staff', targetId)
      ? await tx.select().from(staff).where(eq(staff.id, targetId)).for('update')
      : [];
    if (!target) throw notFound('staff', targetId);
    if (target.role === 'owner' && actor.type === 'staff' && !roleCan(actor.role!, 'staff.manage_owners')) {
      throw new AppError('permission_denied');
    }
    const changes: Partial<StaffRow> =
      change === 'disable'
        ? { status: 'disabled' }
        : change === 'enable'
          ? { status: 'active' }
          : { totpSecret: null, totpEnabledAt: null, totpLastStep: null };
    const [updated] = await tx.update(staff).set(changes).where(eq(staff.id, targetId)).returning();
    if (change !== 'enable') {
      await revokeSubjectSessions(tx, deps.clock, { type: 'staff', id: targetId }, `staff_${change}`);
    }
    await recordAuditEvent(tx, deps.clock, context, {
      action: `staff.${change === 'reset_totp' ? 'totp_reset' : change === 'disable' ? 'disabled' : 'enabled'}`,
      actor: { type: actor.type, id: actor.id ?? null },
      target: { type: 'staff', id: targetId },
    });
    return staffView(updated!);
  });
}
