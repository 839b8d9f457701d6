import { parsePhoneNumberFromString, type NumberType } from 'libphonenumber-js/max';
import { AppError, type ErrorCode } from '../../kernel/errors.js';

/**
 * A number that can receive a top-up: E.164 with its country code, valid for its country by libphonenumber's
 * full metadata, a type that a carrier can recharge (US numbers are `FIXED_LINE_OR_MOBILE`, never plain
 * `MOBILE`; toll-free, premium-rate, pagers and the like never are), not one of NANP's fictional 555-01XX
 * numbers, and in a country SimFill sells top-ups for. Everything else is refused before any payment.
 */

export interface RecipientNumber {
  /** `+14155550123` */
  e164: string;
  /** ISO 3166-1 alpha-2: `US`, `CN`. */
  countryIso: string;
  /** As people in that country write it: `(415) 555-0123`, `138 1234 5678`. */
  national: string;
}

const RECHARGEABLE: ReadonlySet<NumberType> = new Set(['MOBILE', 'FIXED_LINE_OR_MOBILE']);

const invalidNumber = (param: string, code: ErrorCode, values: Record<string, string> = {}) =>
  new AppError(code, { param, values: { param, ...values } });

export function parseRecipientNumber(
  input: string,
  countries: readonly string[],
  param = 'phone',
): RecipientNumber {
  const trimmed = input.trim();
  if (!trimmed.startsWith('+')) throw invalidNumber(param, 'phone_country_code_missing');
  const parsed = parsePhoneNumberFromString(trimmed);
  if (!parsed?.isValid() || !parsed.country) throw invalidNumber(param, 'phone_invalid');
  const type = parsed.getType();
  if (!type || !RECHARGEABLE.has(type)) {
    throw invalidNumber(param, 'phone_not_rechargeable', { number: parsed.formatInternational() });
  }
  // NANP keeps 555-0100…555-0199 for films and examples: no carrier ever assigns them.
  if (parsed.countryCallingCode === '1' && /^\d{3}55501\d\d$/.test(parsed.nationalNumber)) {
    throw invalidNumber(param, 'phone_fictional', { number: parsed.formatNational() });
  }
  if (!countries.includes(parsed.country)) {
    throw invalidNumber(param, 'phone_country_unsupported', {
      number: parsed.formatInternational(),
      country: parsed.country,
    });
  }
  return { e164: parsed.number, countryIso: parsed.country, national: parsed.formatNational() };
}
