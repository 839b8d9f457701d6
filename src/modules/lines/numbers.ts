import type { NumberType } from 'libphonenumber-js/max';
import { AppError } from '../../kernel/errors.js';
import { formatNational, formatPhoneNumber, parseRealNumber } from '../../kernel/phone.js';

/**
 * A number that can receive a top-up: first the one phone rule every number SimFill takes passes
 * (`kernel/phone.ts`: country code, valid by libphonenumber's full metadata, not a fictional 555-01XX number),
 * then what only a top-up needs: a type a carrier can recharge (US numbers are `FIXED_LINE_OR_MOBILE`, never
 * plain `MOBILE`; landlines, toll-free, premium-rate, pagers and the like never are) and a country SimFill sells
 * top-ups for. Everything else is refused before any payment.
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

export function parseRecipientNumber(
  input: string,
  countries: readonly string[],
  param = 'phone',
): RecipientNumber {
  const number = parseRealNumber(input, param);
  if (!number.type || !RECHARGEABLE.has(number.type)) {
    // The message names what the number is (`phone_types.FIXED_LINE` → 固定电话), translated at the edge.
    throw new AppError('phone_not_rechargeable', {
      param,
      values: { param, number: formatPhoneNumber(number.e164), phoneType: number.type ?? 'UNKNOWN' },
    });
  }
  if (!countries.includes(number.countryIso)) {
    throw new AppError('phone_country_unsupported', {
      param,
      values: { param, number: formatPhoneNumber(number.e164), country: number.countryIso },
    });
  }
  return { e164: number.e164, countryIso: number.countryIso, national: formatNational(number.e164) };
}
