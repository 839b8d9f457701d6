import { fail, missing, type Detail, type Json, type PayPalApi } from './errors.js';

/** Amounts as PayPal takes them (`{ currency_code, value }`, a decimal string) and its string and URL fields. */

/** PayPal's currencies (decimals as PayPal takes them: HUF, JPY and TWD have none). CNY is in-country only. */
const CURRENCY_DECIMALS: Record<string, number> = {
  AUD: 2,
  BRL: 2,
  CAD: 2,
  CHF: 2,
  CZK: 2,
  DKK: 2,
  EUR: 2,
  GBP: 2,
  HKD: 2,
  HUF: 0,
  ILS: 2,
  JPY: 0,
  MXN: 2,
  MYR: 2,
  NOK: 2,
  NZD: 2,
  PHP: 2,
  PLN: 2,
  SEK: 2,
  SGD: 2,
  THB: 2,
  TWD: 0,
  USD: 2,
};

const MAX_VALUE_MINOR = 99_999_999_999_999;

export const formatValue = (minor: number, currency: string): string => {
  const decimals = CURRENCY_DECIMALS[currency] ?? 2;
  if (decimals === 0) return String(minor);
  const scale = 10 ** decimals;
  return `${Math.floor(minor / scale)}.${String(minor % scale).padStart(decimals, '0')}`;
};
export const money = (minor: number, currency: string) => ({
  currency_code: currency,
  value: formatValue(minor, currency),
});

/** Validates `{currency_code, value}` as PayPal does; returns the amount in the currency's minor unit. */
export const parseAmount = (
  amount: unknown,
  field: string,
  api: PayPalApi,
): { currency: string; minor: number } => {
  if (!amount || typeof amount !== 'object') throw missing(field);
  const { currency_code: currency, value } = amount as Json;
  if (typeof currency !== 'string' || currency === '') throw missing(`${field}/currency_code`);
  if (typeof value !== 'string' || value === '') throw missing(`${field}/value`);
  const detail = (issue: string, description: string, at = 'value'): Detail => ({
    field: `${field}/${at}`,
    value: at === 'value' ? value : currency,
    location: 'body',
    issue,
    description,
  });
  if (!/^[A-Z]{3}$/.test(currency) || !Intl.supportedValuesOf('currency').includes(currency)) {
    throw fail(
      422,
      [
        detail(
          'INVALID_CURRENCY_CODE',
          'Currency code is invalid or is not currently supported. Please refer https://developer.paypal.com/api/rest/reference/currency-codes/ for list of supported currency codes.',
          'currency_code',
        ),
      ],
      api,
    );
  }
  const decimals = CURRENCY_DECIMALS[currency];
  if (decimals === undefined) {
    throw fail(
      422,
      [
        detail(
          'CURRENCY_NOT_SUPPORTED',
          `Currency code ${currency} is not supported for this payment. Use a PayPal-supported currency the receiving account accepts.`,
          'currency_code',
        ),
      ],
      api,
    );
  }
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value);
  if (!match || value.length > 32) {
    throw fail(400, [
      detail('INVALID_PARAMETER_SYNTAX', 'The value of a field does not conform to the expected format.'),
    ]);
  }
  const fraction = match[3] ?? '';
  if (fraction.length > 0 && decimals === 0) {
    throw fail(422, [detail('DECIMALS_NOT_SUPPORTED', 'Currency does not support decimals.')], api);
  }
  if (fraction.length > decimals) {
    throw fail(
      422,
      [
        detail(
          'DECIMAL_PRECISION',
          'If the currency supports decimals, only two decimal place precision is supported.',
        ),
      ],
      api,
    );
  }
  const minor = Number(match[2]! + fraction.padEnd(decimals, '0'));
  if (match[1] === '-' || minor === 0) {
    throw fail(
      422,
      [
        detail(
          'CANNOT_BE_ZERO_OR_NEGATIVE',
          'Must be greater than zero. If the currency supports decimals, only two decimal place precision is supported.',
        ),
      ],
      api,
    );
  }
  if (minor > MAX_VALUE_MINOR) {
    throw fail(
      422,
      [detail('MAX_VALUE_EXCEEDED', 'Should be less than or equal to 999999999999999.99.')],
      api,
    );
  }
  return { currency, minor };
};

export const optionalString = (value: unknown, field: string, max: number): string | undefined => {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    throw fail(400, [
      { field, location: 'body', issue: 'INVALID_PARAMETER_SYNTAX', description: 'Expected a string.' },
    ]);
  }
  if (value.length < 1 || value.length > max) {
    throw fail(400, [
      {
        field,
        value,
        location: 'body',
        issue: 'INVALID_STRING_LENGTH',
        description: 'The value of a field is either too short or too long.',
      },
    ]);
  }
  return value;
};

export const optionalUrl = (value: unknown, field: string): string | undefined => {
  const text = optionalString(value, field, 4000);
  if (text === undefined) return undefined;
  let ok = false;
  try {
    ok = ['http:', 'https:'].includes(new URL(text).protocol);
  } catch {
    ok = false;
  }
  if (!ok) {
    throw fail(400, [
      {
        field,
        value: text,
        location: 'body',
        issue: 'INVALID_PARAMETER_SYNTAX',
        description: 'The value of a field does not conform to the expected format.',
      },
    ]);
  }
  return text;
};
