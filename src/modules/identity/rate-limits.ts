import { eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/index.js';
import type { Clock } from '../../kernel/clock.js';
import { AppError } from '../../kernel/errors.js';
import { hashSecret } from './secrets.js';
import { rateCounters } from './schema.js';

/**
 * Abuse limits kept in the database, so every API replica counts together. Two kinds:
 * - fixed windows: at most `limit` actions per `windowMs` per bucket (per IP, per email address);
 * - login failures per account: five free failures, then each further failure makes the next attempt wait
 *   twice as long (1 s, 2 s, 4 s … capped at 15 min) within a 24 h window. While the wait lasts every attempt,
 *   with the right password or not, is refused with 429 and `Retry-After` without checking the password.
 * Buckets never contain an email address in clear: it is hashed.
 */

export interface RateRule {
  name: string;
  limit: number;
  windowMs: number;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

export const RATE_RULES = {
  registerPerIp: { name: 'register:ip', limit: 10, windowMs: HOUR_MS },
  loginFailuresPerIp: { name: 'login_fail:ip', limit: 100, windowMs: HOUR_MS },
  resetPerIp: { name: 'reset:ip', limit: 20, windowMs: HOUR_MS },
  resetPerEmail: { name: 'reset:email', limit: 5, windowMs: HOUR_MS },
  verificationPerIp: { name: 'verify:ip', limit: 20, windowMs: HOUR_MS },
  verificationPerEmail: { name: 'verify:email', limit: 5, windowMs: HOUR_MS },
  tokenAttemptsPerIp: { name: 'token:ip', limit: 30, windowMs: 15 * MINUTE_MS },
  passwordChecksPerAccount: { name: 'password:account', limit: 10, windowMs: 15 * MINUTE_MS },
  mfaAttemptsPerSession: { name: 'mfa:session', limit: 5, windowMs: 15 * MINUTE_MS },
} satisfies Record<string, RateRule>;

export const LOGIN_FAILURES_FREE = 5;
export const LOGIN_FAILURE_WINDOW_MS = 24 * HOUR_MS;
export const LOGIN_DELAY_MAX_MS = 15 * MINUTE_MS;

export function tooManyAttempts(retryAfterMs: number): AppError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new AppError('too_many_attempts', {
    values: { seconds },
    headers: { 'retry-after': String(seconds) },
  });
}

/** The bucket key for a subject; emails and other personal values are hashed. */
export function bucketKey(rule: { name: string }, subject: string): string {
  return `${rule.name}:${hashSecret(subject).slice(0, 32)}`;
}

/** Adds one to the bucket's count, starting a new window when the last one has ended. */
async function incrementCounter(db: Db, bucket: string, now: Date, windowMs: number) {
  const windowEnd = new Date(now.getTime() + windowMs);
  const ended = sql`${rateCounters.expiresAt} <= ${now}`;
  const [counter] = await db
    .insert(rateCounters)
    .values({ bucket, count: 1, windowStartedAt: now, expiresAt: windowEnd })
    .onConflictDoUpdate({
      target: rateCounters.bucket,
      set: {
        count: sql`case when ${ended} then 1 else ${rateCounters.count} + 1 end`,
        windowStartedAt: sql`case when ${ended} then ${now} else ${rateCounters.windowStartedAt} end`,
        expiresAt: sql`case when ${ended} then ${windowEnd} else ${rateCounters.expiresAt} end`,
        blockedUntil: sql`case when ${ended} then null else ${rateCounters.blockedUntil} end`,
      },
    })
    .returning();
  if (!counter) throw new Error(`rate counter ${bucket} not written`);
  return counter;
}

/** Counts one action; throws 429 when the bucket is over its limit for this window. */
export async function consumeRate(db: Db, clock: Clock, rule: RateRule, subject: string): Promise<void> {
  const now = clock.now();
  const counter = await incrementCounter(db, bucketKey(rule, subject), now, rule.windowMs);
  if (counter.count > rule.limit) throw tooManyAttempts(counter.expiresAt.getTime() - now.getTime());
}

/** How long the account must wait before its next login attempt (0 = may try now). */
export async function loginDelayMs(db: Db, clock: Clock, account: string): Promise<number> {
  const [counter] = await db
    .select()
    .from(rateCounters)
    .where(eq(rateCounters.bucket, bucketKey({ name: 'login_fail:account' }, account)));
  const now = clock.now().getTime();
  if (!counter?.blockedUntil || counter.expiresAt.getTime() <= now) return 0;
  return Math.max(0, counter.blockedUntil.getTime() - now);
}

export function delayAfterFailures(failures: number): number {
  if (failures < LOGIN_FAILURES_FREE) return 0;
  return Math.min(1000 * 2 ** (failures - LOGIN_FAILURES_FREE), LOGIN_DELAY_MAX_MS);
}

/** Records a failed login for the account; returns the delay now imposed. */
export async function recordLoginFailure(db: Db, clock: Clock, account: string): Promise<number> {
  const now = clock.now();
  const bucket = bucketKey({ name: 'login_fail:account' }, account);
  const counter = await incrementCounter(db, bucket, now, LOGIN_FAILURE_WINDOW_MS);
  const delayMs = delayAfterFailures(counter.count);
  if (delayMs > 0) {
    await db
      .update(rateCounters)
      .set({ blockedUntil: new Date(now.getTime() + delayMs) })
      .where(eq(rateCounters.bucket, bucket));
  }
  return delayMs;
}

/** A successful login or a password reset forgives the account's failures. */
export async function clearLoginFailures(db: Db, account: string): Promise<void> {
  await db
    .delete(rateCounters)
    .where(eq(rateCounters.bucket, bucketKey({ name: 'login_fail:account' }, account)));
}

export async function purgeExpiredRateCounters(db: Db, clock: Clock): Promise<number> {
  const deleted = await db
    .delete(rateCounters)
    .where(lt(rateCounters.expiresAt, clock.now()))
    .returning({ bucket: rateCounters.bucket });
  return deleted.length;
}

/** Throws 429 when the bucket is already at its limit, without counting this request. */
export async function assertUnderRate(db: Db, clock: Clock, rule: RateRule, subject: string): Promise<void> {
  const [counter] = await db
    .select()
    .from(rateCounters)
    .where(eq(rateCounters.bucket, bucketKey(rule, subject)));
  const now = clock.now().getTime();
  if (counter && counter.expiresAt.getTime() > now && counter.count >= rule.limit) {
    throw tooManyAttempts(counter.expiresAt.getTime() - now);
  }
}
