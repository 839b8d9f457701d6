import { parsePhoneNumberFromString, type NumberType, type PhoneNumber } from 'libphonenumber-js/max';
import { AppError } from './errors.js';

/**
 * The one rule for a phone number a person gives SimFill, wherever they give it (registration, the profile, a
 * line, a number lookup, a gift top-up): E.164 with its country code, valid for its country by libphonenumber's
 * full metadata (`/max`), and not one of NANP's fictional 555-01XX numbers (kept for films and examples: no
 * carrier ever assigns them). Lines add what only a top-up needs (a rechargeable type, a country SimFill sells
 * in) on top of this rule, never a second one.
 */

export interface RealNumber {
  /** `+16462174512` */
  e164: string;
  /** ISO 3166-1 alpha-2: `US`, `CN`. */
  countryIso: string;
  /** libphonenumber's type (undefined when it cannot tell); US and Canadian numbers are `FIXED_LINE_OR_MOBILE`. */
  type: NumberType;
  parsed: PhoneNumber;
}

const refuse = (
  code: 'phone_country_code_missing' | 'phone_invalid' | 'phone_fictional',
  param: string,
  number = '',
) => new AppError(code, { param, values: { param, number } });

/** NANP keeps 555-0100…555-0199 in every area code for fiction. */
function isFictional(parsed: PhoneNumber): boolean {
  return parsed.countryCallingCode === '1' && /^\d{3}55501\d\d$/.test(parsed.nationalNumber);
}

/** Parses a number by the rule above, or throws the `AppError` that says what to fix (on `param`). */
export function parseRealNumber(input: string, param = 'phone'): RealNumber {
  const trimmed = input.trim();
  if (!trimmed.startsWith('+')) throw refuse('phone_country_code_missing', param);
  const parsed = parsePhoneNumberFromString(trimmed);
  if (!parsed?.isValid() || !parsed.country) throw refuse('phone_invalid', param);
  if (isFictional(parsed)) throw refuse('phone_fictional', param, formatPhoneNumber(parsed.number));
  return { e164: parsed.number, countryIso: parsed.country, type: parsed.getType(), parsed };
}

/**
 * A search term that is a valid number, in E.164 (the console's searches): fictional numbers included, since a
 * search finds what was stored before the rule refused them. Undefined for anything else; a miss is no error.
 */
export function parseE164(input: string): string | undefined {
  const trimmed = input.trim();
  if (!trimmed.startsWith('+')) return undefined;
  const parsed = parsePhoneNumberFromString(trimmed);
  return parsed?.isValid() ? parsed.number : undefined;
}

/**
 * A number as a reader anywhere can dial it: international format, `+1 646-217-4512`, `+86 138 1234 5678`.
 * What SimFill shows a person; E.164 stays the machine's form (API fields, storage).
 */
export function formatPhoneNumber(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}

/** How people in the number's country write it: `(415) 555-0123`, `138 1234 5678`. */
export function formatNational(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatNational() ?? e164;
}

/** The number with its country code, spaced for reading: `+1 415 555 0123`, `+86 138 1234 5678`. */
export function formatInternational(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}
