import { z } from 'zod';
import type { Clock } from './clock.js';
import { translate } from './i18n/index.js';

/**
 * Dates and date ranges taken from requests (report days, search filters, audit log times). Every one is a real
 * calendar date inside the years SimFill can hold and show (2000–2099, UTC), and a range runs forwards and, where
 * its cost grows with its length, spans at most a stated number of days. A refused value is a 400
 * `parameter_invalid` naming the parameter, with a translated reason (`reasons.<reason>` in kernel/i18n).
 */

export const FIRST_DAY = '2000-01-01';
export const LAST_DAY = '2099-12-31';
const FIRST_MS = Date.parse(`${FIRST_DAY}T00:00:00Z`);
const END_MS = Date.parse('2100-01-01T00:00:00Z');
const DAY_MS = 86_400_000;

/** A zod issue the error handler translates as `reasons.<reason>` with these values. */
function because(reason: string, values: Record<string, string | number> = {}) {
  return { params: { reason, values } };
}

/** `YYYY-MM-DD`, a real date (no 2026-02-30) from 2000-01-01 to 2099-12-31. */
export const utcDaySchema = () =>
  z.iso
    .date()
    .refine(
      (day) => day >= FIRST_DAY && day <= LAST_DAY,
      because('date_out_of_range', { first: FIRST_DAY, last: LAST_DAY }),
    );

/** A UTC day that has begun: today or earlier (a report of a day to come has nothing to read). */
export const pastUtcDaySchema = (clock: Clock) =>
  utcDaySchema().refine((day) => day <= clock.now().toISOString().slice(0, 10), because('date_in_future'));

/**
 * The HTTP check of a report day for callers outside HTTP (`simfill reconcile --date`): nothing when `day` is a
 * UTC day that has begun, otherwise why not, in English (`must be today or earlier (UTC)`).
 */
export function pastUtcDayRefusal(day: string, clock: Clock): string | undefined {
  const result = pastUtcDaySchema(clock).safeParse(day);
  if (result.success) return undefined;
  const issue = result.error.issues[0]!;
  const named =
    issue.code === 'custom' ? (issue.params as { reason?: string; values?: object } | undefined) : undefined;
  return named?.reason
    ? translate('en', `reasons.${named.reason}`, { ...named.values })
    : translate('en', 'reasons.format');
}

/** An ISO 8601 time with its offset, from 2000-01-01T00:00:00Z up to (not including) 2100-01-01T00:00:00Z. */
export const instantSchema = () =>
  z.iso.datetime({ offset: true }).refine(
    (text) => {
      const ms = Date.parse(text);
      return ms >= FIRST_MS && ms < END_MS;
    },
    because('date_out_of_range', { first: FIRST_DAY, last: LAST_DAY }),
  );

/** The first instant of a `YYYY-MM-DD` day (UTC). */
export const startOfDay = (day: string): Date => new Date(`${day}T00:00:00Z`);
/** The first instant after a `YYYY-MM-DD` day (UTC): the exclusive end of a range that includes the day. */
export const endOfDay = (day: string): Date => new Date(startOfDay(day).getTime() + DAY_MS);

/**
 * Checks a range of two optional fields of an object schema: `from` not after `to` (the issue names `from`),
 * and, with `maxSpanDays`, no more days than that counting both ends (the issue names `to`). `kind` says how the
 * fields are read: whole days (`day`) or instants (`instant`).
 */
export function checkRange<Shape extends Record<string, unknown>>(
  from: keyof Shape & string,
  to: keyof Shape & string,
  options: { kind: 'day' | 'instant'; maxSpanDays?: number },
) {
  return (value: Shape, context: z.RefinementCtx) => {
    const first = value[from];
    const last = value[to];
    if (typeof first !== 'string' || typeof last !== 'string') return;
    const firstMs = options.kind === 'day' ? startOfDay(first).getTime() : Date.parse(first);
    const endMs = options.kind === 'day' ? endOfDay(last).getTime() : Date.parse(last);
    if (options.kind === 'day' ? firstMs >= endMs : firstMs > endMs) {
      context.addIssue({ code: 'custom', path: [from], ...because('range_reversed', { other: to }) });
      return;
    }
    if (options.maxSpanDays !== undefined && endMs - firstMs > options.maxSpanDays * DAY_MS) {
      context.addIssue({
        code: 'custom',
        path: [to],
        ...because('range_too_long', { other: from, maximum: options.maxSpanDays }),
      });
    }
  };
}
