import { desc, eq, ilike, inArray, like, or, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/index.js';
import { AppError, invalidParam, notFound } from '../../kernel/errors.js';
import type { Locale } from '../../kernel/i18n/index.js';
import { isId, newId } from '../../kernel/ids.js';
import { parseRealNumber } from '../../kernel/phone.js';
import { isTimeZone } from '../../kernel/time-zone.js';
import { recordAuditEvent, type RequestContext } from '../admin/service.js';
import { queueEmail } from '../notifications/service.js';
import { link, type IdentityDeps } from './context.js';
import { revokeCustomerApiKeys } from './api-keys.js';
import { parseEmailAddress, type EmailAddress } from './email-address.js';
import { assertPasswordAcceptable, hashPassword } from './passwords.js';
import { consumeRate, RATE_RULES } from './rate-limits.js';
import { customers, type CustomerRow } from './schema.js';
import { consumeToken, issueToken } from './tokens.js';

/** Registration, email verification and the profile. Login, passwords and deletion live in their own files. */

export type DisplayCurrency = 'USD' | 'CNY';

export interface CustomerView {
  id: string;
  object: 'customer';
  email: string;
  email_verified: boolean;
  phone: string | null;
  name: string | null;
  locale: Locale;
  display_currency: DisplayCurrency;
  time_zone: string;
  /** A partner account: may create API keys (the operator decides). */
  api_access: boolean;
  created: string;
  deletion: { requested: string; scheduled_for: string } | null;
}

export function customerView(row: CustomerRow): CustomerView {
  return {
    id: row.id,
    object: 'customer',
    email: row.email,
    email_verified: row.emailVerifiedAt !== null,
    phone: row.phone,
    name: row.name,
    locale: row.locale,
    display_currency: row.displayCurrency,
    time_zone: row.timeZone,
    api_access: row.apiAccess,
    created: row.createdAt.toISOString(),
    deletion:
      row.status === 'deletion_pending' && row.deletionRequestedAt && row.deleteAfter
        ? { requested: row.deletionRequestedAt.toISOString(), scheduled_for: row.deleteAfter.toISOString() }
        : null,
  };
}

export function requireEmail(value: string, param = 'email'): EmailAddress {
  const email = parseEmailAddress(value);
  if (!email) throw invalidParam(param, 'email_invalid');
  return email;
}

/** A contact number, by the one phone rule line lookups also apply (kernel/phone.ts): a landline is fine here. */
export function requirePhone(value: string, param = 'phone'): string {
  return parseRealNumber(value, param).e164;
}

export function requireTimeZone(value: string, param = 'time_zone'): string {
  if (!isTimeZone(value)) throw invalidParam(param, 'time_zone_invalid');
  return value;
}

export async function findCustomerByEmail(deps: IdentityDeps, normalized: string) {
  const [row] = await deps.db.select().from(customers).where(eq(customers.emailNormalized, normalized));
  return row;
}

export async function getCustomer(deps: IdentityDeps, id: string): Promise<CustomerRow> {
  const [row] = await deps.db.select().from(customers).where(eq(customers.id, id));
  if (!row || row.status === 'deleted') throw new AppError('not_authenticated');
  return row;
}

export interface RegistrationInput {
  email: string;
  password: string;
  phone?: string | undefined;
  name?: string | undefined;
  locale: Locale;
  displayCurrency?: DisplayCurrency | undefined;
  timeZone?: string | undefined;
}

export interface RegistrationView {
  object: 'registration';
  email: string;
  status: 'verification_sent';
}

/**
 * Creates an unverified account and emails a verification link. The answer is the same when the email is
 * already registered (its owner gets an "already registered" email instead), so the endpoint cannot be used to
 * find out who has an account.
 */
export async function registerCustomer(
  deps: IdentityDeps,
  context: RequestContext,
  input: RegistrationInput,
): Promise<RegistrationView> {
  await consumeRate(deps.db, deps.clock, RATE_RULES.registerPerIp, context.ip ?? 'unknown');
  const email = requireEmail(input.email);
  assertPasswordAcceptable(input.password, 'password', email.normalized);
  const phone = input.phone ? requirePhone(input.phone) : null;
  const timeZone = input.timeZone ? requireTimeZone(input.timeZone) : defaultTimeZone(input.locale);
  await consumeRate(deps.db, deps.clock, RATE_RULES.verificationPerEmail, email.normalized);
  const passwordHash = await hashPassword(input.password);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const [created] = await tx
      .insert(customers)
      .values({
        id: newId('customer'),
        email: email.display,
        emailNormalized: email.normalized,
        passwordHash,
        passwordChangedAt: now,
        phone,
        name: input.name?.trim() || null,
        locale: input.locale,
        displayCurrency: input.displayCurrency ?? (input.locale === 'zh-CN' ? 'CNY' : 'USD'),
        timeZone,
        status: 'active',
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing({ target: customers.emailNormalized })
      .returning();
    if (created) {
      const token = await issueToken(tx, deps.clock, 'email_verification', created.id);
      await queueEmail(tx, deps.jobs, deps.clock, {
        to: email.deliverable,
        locale: created.locale,
        template: 'email_verification',
        values: { email: email.display, link: link(deps, '/verify-email', { token }) },
        secrets: [token],
      });
      await recordAuditEvent(tx, deps.clock, context, {
        action: 'customer.registered',
        actor: { type: 'customer', id: created.id },
        target: { type: 'customer', id: created.id },
      });
      return;
    }
    const [existing] = await tx
      .select()
      .from(customers)
      .where(eq(customers.emailNormalized, email.normalized));
    if (!existing || existing.status === 'deleted') return;
    await queueEmail(tx, deps.jobs, deps.clock, {
      to: deliverableOf(existing),
      locale: existing.locale,
      template: 'account_already_registered',
      values: {
        email: existing.email,
        loginLink: link(deps, '/login'),
        resetLink: link(deps, '/forgot-password'),
      },
    });
    await recordAuditEvent(tx, deps.clock, context, {
      action: 'customer.registration_repeated',
      actor: { type: 'anonymous' },
      target: { type: 'customer', id: existing.id },
    });
  });
  return { object: 'registration', email: email.display, status: 'verification_sent' };
}

function defaultTimeZone(locale: Locale): string {
  return locale === 'zh-CN' ? 'Asia/Shanghai' : 'America/New_York';
}

export function deliverableOf(row: CustomerRow): string {
  return parseEmailAddress(row.email)?.deliverable ?? row.email;
}

/** Sends a new verification link if the address belongs to an unverified account; the answer never says. */
export async function resendVerification(deps: IdentityDeps, context: RequestContext, rawEmail: string) {
  await consumeRate(deps.db, deps.clock, RATE_RULES.verificationPerIp, context.ip ?? 'unknown');
  const email = requireEmail(rawEmail);
  await consumeRate(deps.db, deps.clock, RATE_RULES.verificationPerEmail, email.normalized);
  await deps.db.transaction(async (tx) => {
    const [row] = await tx.select().from(customers).where(eq(customers.emailNormalized, email.normalized));
    if (!row || row.status !== 'active' || row.emailVerifiedAt) return;
    const token = await issueToken(tx, deps.clock, 'email_verification', row.id);
    await queueEmail(tx, deps.jobs, deps.clock, {
      to: deliverableOf(row),
      locale: row.locale,
      template: 'email_verification',
      values: { email: row.email, link: link(deps, '/verify-email', { token }) },
      secrets: [token],
    });
  });
  return { object: 'email_verification_request' as const, status: 'sent_if_unverified' as const };
}

export async function verifyEmail(deps: IdentityDeps, context: RequestContext, token: string) {
  await consumeRate(deps.db, deps.clock, RATE_RULES.tokenAttemptsPerIp, context.ip ?? 'unknown');
  return deps.db.transaction(async (tx) => {
    const customerId = await consumeToken(tx, deps.clock, 'email_verification', token);
    const [row] = await tx
      .update(customers)
      .set({ emailVerifiedAt: deps.clock.now(), updatedAt: deps.clock.now() })
      .where(eq(customers.id, customerId))
      .returning();
    if (!row || row.status === 'deleted') {
      throw new AppError('token_invalid', { param: 'token' });
    }
    await recordAuditEvent(tx, deps.clock, context, {
      action: 'customer.email_verified',
      actor: { type: 'customer', id: row.id },
      target: { type: 'customer', id: row.id },
    });
    return { object: 'email_verification' as const, email: row.email, verified: true as const };
  });
}

export interface ProfilePatch {
  name?: string | null | undefined;
  phone?: string | null | undefined;
  locale?: Locale | undefined;
  displayCurrency?: DisplayCurrency | undefined;
  timeZone?: string | undefined;
}

export async function updateProfile(
  deps: IdentityDeps,
  context: RequestContext,
  actor: { type: 'customer' | 'api_key'; id: string },
  customerId: string,
  patch: ProfilePatch,
): Promise<CustomerView> {
  const changes: Partial<CustomerRow> = {};
  if (patch.name !== undefined) changes.name = patch.name?.trim() || null;
  if (patch.phone !== undefined)
    changes.phone = patch.phone === null || patch.phone === '' ? null : requirePhone(patch.phone);
  if (patch.locale !== undefined) changes.locale = patch.locale;
  if (patch.displayCurrency !== undefined) changes.displayCurrency = patch.displayCurrency;
  if (patch.timeZone !== undefined) changes.timeZone = requireTimeZone(patch.timeZone);
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(customers)
      .set({ ...changes, updatedAt: deps.clock.now() })
      .where(eq(customers.id, customerId))
      .returning();
    if (!row) throw new AppError('not_authenticated');
    await recordAuditEvent(tx, deps.clock, context, {
      action: 'customer.profile_updated',
      actor,
      target: { type: 'customer', id: customerId },
      details: { fields: Object.keys(changes).sort().join(',') },
    });
    return customerView(row);
  });
}

/** Console: customers by exact email (any case, IDN) or id. At most one matches either way. */
/** The console's customer search answers at most this many (the newest first): type more to narrow it. */
export const CUSTOMER_SEARCH_LIMIT = 20;

/** `%`, `_` and `\` typed by staff are literal characters, not LIKE wildcards. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (character) => `\\${character}`);

/**
 * Console search: an exact customer id, or part of an email, a name or a profile phone number (at least 3 digits,
 * whatever the spacing: `646 217` finds +16462174510), case-insensitive.
 */
export async function findCustomers(
  deps: IdentityDeps,
  query: string,
  /** Customers other doors matched (one of their lines has the number): found as well. */
  alsoIds: string[] = [],
): Promise<{ data: CustomerView[]; hasMore: boolean }> {
  const trimmed = query.trim();
  if (isId('customer', trimmed)) {
    const found = await deps.db.select().from(customers).where(eq(customers.id, trimmed));
    return { data: found.map(customerView), hasMore: false };
  }
  const text = `%${likeLiteral(trimmed.toLowerCase())}%`;
  const digits = trimmed.replace(/\D/g, '');
  const conditions: SQL[] = [ilike(customers.emailNormalized, text), ilike(customers.name, text)];
  if (digits.length >= 3) conditions.push(like(customers.phone, `%${digits}%`));
  if (alsoIds.length > 0) conditions.push(inArray(customers.id, alsoIds));
  const rows = await deps.db
    .select()
    .from(customers)
    .where(or(...conditions))
    .orderBy(desc(customers.createdAt))
    .limit(CUSTOMER_SEARCH_LIMIT + 1);
  return {
    data: rows.slice(0, CUSTOMER_SEARCH_LIMIT).map(customerView),
    hasMore: rows.length > CUSTOMER_SEARCH_LIMIT,
  };
}

/** Console: turn a partner's API access on or off; off also revokes every key the account has. */
export async function setApiAccess(
  deps: IdentityDeps,
  context: RequestContext,
  actor: { type: 'staff'; id: string },
  customerId: string,
  enabled: boolean,
): Promise<CustomerView> {
  return deps.db.transaction(async (tx) => {
    const [row] = isId('customer', customerId)
      ? await tx
          .update(customers)
          .set({ apiAccess: enabled, updatedAt: deps.clock.now() })
          .where(eq(customers.id, customerId))
          .returning()
      : [];
    if (!row || row.status === 'deleted') throw notFound('customer', customerId);
    if (!enabled) await revokeCustomerApiKeys(tx, deps.clock.now(), customerId);
    await recordAuditEvent(tx, deps.clock, context, {
      action: enabled ? 'customer.api_access_enabled' : 'customer.api_access_disabled',
      actor,
      target: { type: 'customer', id: customerId },
    });
    return customerView(row);
  });
}

/** Who to write to about an order, in their language and time zone; undefined once the account is deleted. */
export async function customerContact(
  db: DbOrTx,
  id: string,
): Promise<{ email: string; locale: Locale; timeZone: string; name: string | null } | undefined> {
  const [row] = await db.select().from(customers).where(eq(customers.id, id));
  if (!row || row.status === 'deleted') return undefined;
  return { email: deliverableOf(row), locale: row.locale, timeZone: row.timeZone, name: row.name };
}

/** The customers a console search means: an id, or an exact email (normalised). */
export async function customerIdsMatching(db: DbOrTx, query: string): Promise<string[]> {
  const trimmed = query.trim();
  if (isId('customer', trimmed)) return [trimmed];
  const email = parseEmailAddress(trimmed);
  if (!email) return [];
  const rows = await db
    .select({ id: customers.id })
    .from(customers)
    .where(eq(customers.emailNormalized, email.normalized));
  return rows.map((row) => row.id);
}

/** Customers whose profile phone is this number (E.164). */
export async function customerIdsWithPhone(db: DbOrTx, e164: string): Promise<string[]> {
  const rows = await db.select({ id: customers.id }).from(customers).where(eq(customers.phone, e164));
  return rows.map((row) => row.id);
}

/** One customer for the console's customer page (deleted accounts too: their orders stay on the books). */
export async function customerForConsole(db: DbOrTx, id: string): Promise<CustomerView | undefined> {
  if (!isId('customer', id)) return undefined;
  const [row] = await db.select().from(customers).where(eq(customers.id, id));
  return row ? customerView(row) : undefined;
}
