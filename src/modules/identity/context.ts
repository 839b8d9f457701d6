import type { Db } from '../../db/index.js';
import type { Clock } from '../../kernel/clock.js';
import type { Locale } from '../../kernel/i18n/index.js';
import type { JobQueue } from '../../kernel/jobs.js';

/** What identity's use cases need: the database, the outbox, time, and the public URL for links in emails. */
export interface IdentityDeps {
  db: Db;
  jobs: JobQueue;
  clock: Clock;
  /** The portal's public URL (`BASE_URL`), for links in emails. */
  baseUrl: string;
  /** Owners and admins must pass a TOTP check before using the console (`STAFF_TOTP_REQUIRED`). */
  staffTotpRequired: boolean;
}

export function link(deps: IdentityDeps, path: string, query?: Record<string, string>): string {
  const url = new URL(path, deps.baseUrl.endsWith('/') ? deps.baseUrl : `${deps.baseUrl}/`);
  for (const [name, value] of Object.entries(query ?? {})) url.searchParams.set(name, value);
  return url.toString();
}

/** Formatters by language and time zone (bounded by the locales and zones customers choose). */
const momentFormats = new Map<string, Intl.DateTimeFormat>();

/** A moment as the recipient reads it: their language and time zone. */
export function formatMoment(at: Date, locale: Locale, timeZone: string): string {
  const key = `${locale} ${timeZone}`;
  let format = momentFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZone,
      timeZoneName: 'short',
    });
    momentFormats.set(key, format);
  }
  return format.format(at);
}
