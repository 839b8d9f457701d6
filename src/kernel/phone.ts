import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * Phone numbers in E.164 (`+14155550123`, `+8613812345678`): the country code is required, and the number must
 * be valid for its country by libphonenumber's full metadata. Returns undefined for anything else.
 */
export function parseE164(input: string): string | undefined {
  const trimmed = input.trim();
  if (!trimmed.startsWith('+')) return undefined;
  const parsed = parsePhoneNumberFromString(trimmed);
  if (!parsed || !parsed.isValid()) return undefined;
  return parsed.number;
}

/** How people in the number's country write it: `(415) 555-0123`, `138 1234 5678`. */
export function formatNational(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatNational() ?? e164;
}

/** The number with its country code, spaced for reading: `+1 415 555 0123`, `+86 138 1234 5678`. */
export function formatInternational(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}
