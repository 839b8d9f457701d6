import assert from 'node:assert/strict';

/**
 * Money is an integer count of the currency's minor unit plus its ISO 4217 code — never a float.
 * Conversion between currencies takes an explicit decimal-string rate and rounds half-to-even once.
 */
export interface Money {
  readonly amountMinor: number;
  readonly currency: string;
}

const CURRENCY_PATTERN = /^[A-Z]{3}$/;
const minorDigitsCache = new Map<string, number>();

/** Digits after the decimal point for a currency (USD 2, JPY 0, KWD 3), as ICU knows them. */
export function minorUnitDigits(currency: string): number {
  const cached = minorDigitsCache.get(currency);
  if (cached !== undefined) return cached;
  assertCurrency(currency);
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
    .maximumFractionDigits;
  assert(digits !== undefined && digits >= 0 && digits <= 4, `no minor unit known for ${currency}`);
  minorDigitsCache.set(currency, digits);
  return digits;
}

let knownCurrencies: ReadonlySet<string> | undefined;

export function isCurrencyCode(value: string): boolean {
  if (!CURRENCY_PATTERN.test(value)) return false;
  knownCurrencies ??= new Set(Intl.supportedValuesOf('currency'));
  return knownCurrencies.has(value);
}

function assertCurrency(currency: string): void {
  assert(isCurrencyCode(currency), `not an ISO 4217 currency: ${currency}`);
}

export function money(amountMinor: number, currency: string): Money {
  assert(Number.isSafeInteger(amountMinor), `amountMinor must be a safe integer, got ${amountMinor}`);
  assertCurrency(currency);
  return Object.freeze({ amountMinor, currency });
}

function assertSameCurrency(a: Money, b: Money): void {
  assert(a.currency === b.currency, `currency mismatch: ${a.currency} vs ${b.currency}`);
}

export function addMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return money(a.amountMinor + b.amountMinor, a.currency);
}

export function subtractMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return money(a.amountMinor - b.amountMinor, a.currency);
}

export function multiplyMoney(a: Money, factor: number): Money {
  assert(Number.isSafeInteger(factor), 'money is multiplied by whole numbers only; use convert for rates');
  return money(a.amountMinor * factor, a.currency);
}

const RATE_PATTERN = /^(\d{1,12})(?:\.(\d{1,12}))?$/;

/** Parses a positive decimal string rate into an exact fraction `numerator / 10^scale`. */
function parseRate(rate: string): { numerator: bigint; scale: number } {
  const match = RATE_PATTERN.exec(rate);
  assert(match, `rate must be a positive decimal string, got ${JSON.stringify(rate)}`);
  const fraction = match[2] ?? '';
  const numerator = BigInt(match[1]! + fraction);
  assert(numerator > 0n, 'rate must be greater than zero');
  return { numerator, scale: fraction.length };
}

/** Divides and rounds half to even ("banker's rounding"), exact on bigints. */
export function divideRoundHalfEven(numerator: bigint, denominator: bigint): bigint {
  assert(denominator > 0n, 'denominator must be positive');
  const negative = numerator < 0n;
  const absolute = negative ? -numerator : numerator;
  let quotient = absolute / denominator;
  const twiceRemainder = (absolute % denominator) * 2n;
  if (twiceRemainder > denominator || (twiceRemainder === denominator && quotient % 2n === 1n)) {
    quotient += 1n;
  }
  return negative ? -quotient : quotient;
}

/**
 * Converts `amount` into `targetCurrency` at `rate` (units of target per one unit of source, a decimal
 * string such as "7.1234"). The exact product is rounded half to even to the target's minor unit —
 * the one rounding rule SimFill states to customers.
 */
export function convertMoney(amount: Money, rate: string, targetCurrency: string): Money {
  const { numerator, scale } = parseRate(rate);
  const sourceDigits = minorUnitDigits(amount.currency);
  const targetDigits = minorUnitDigits(targetCurrency);
  // target_minor = source_minor / 10^sourceDigits * rate * 10^targetDigits
  const scaledNumerator = BigInt(amount.amountMinor) * numerator * 10n ** BigInt(targetDigits);
  const denominator = 10n ** BigInt(sourceDigits + scale);
  const converted = divideRoundHalfEven(scaledNumerator, denominator);
  assert(converted <= BigInt(Number.MAX_SAFE_INTEGER) && converted >= BigInt(Number.MIN_SAFE_INTEGER));
  return money(Number(converted), targetCurrency);
}

/**
 * The inverse conversion: `rate` is units of `amount`'s currency per one unit of `targetCurrency` (a provider's
 * "7.1 CNY per USD"), so ¥50.00 at "7.1" is $7.04. The exact quotient is rounded half to even, once, to the
 * target's minor unit.
 */
export function convertMoneyByInverseRate(amount: Money, rate: string, targetCurrency: string): Money {
  const { numerator, scale } = parseRate(rate);
  const sourceDigits = minorUnitDigits(amount.currency);
  const targetDigits = minorUnitDigits(targetCurrency);
  // target_minor = source_minor / 10^sourceDigits / (numerator / 10^scale) * 10^targetDigits
  const scaledNumerator = BigInt(amount.amountMinor) * 10n ** BigInt(scale + targetDigits);
  const denominator = numerator * 10n ** BigInt(sourceDigits);
  const converted = divideRoundHalfEven(scaledNumerator, denominator);
  assert(converted <= BigInt(Number.MAX_SAFE_INTEGER) && converted >= BigInt(Number.MIN_SAFE_INTEGER));
  return money(Number(converted), targetCurrency);
}

/**
 * Parses an amount as a person or a partner writes it ("50", "50.5", "50.00") into minor units of `currency`.
 * `too_precise`: more decimals than the currency has (¥50.005); `invalid`: not a plain positive decimal.
 */
export function parseDecimalAmount(
  text: string,
  currency: string,
): { ok: true; amountMinor: number } | { ok: false; reason: 'invalid' | 'too_precise'; digits: number } {
  const digits = minorUnitDigits(currency);
  const match = /^(\d{1,12})(?:\.(\d{1,12}))?$/.exec(text.trim());
  if (!match) return { ok: false, reason: 'invalid', digits };
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > digits) return { ok: false, reason: 'too_precise', digits };
  const amountMinor = Number(BigInt(match[1]! + fraction.padEnd(digits, '0')));
  if (!Number.isSafeInteger(amountMinor)) return { ok: false, reason: 'invalid', digits };
  return { ok: true, amountMinor };
}

/** The amount as an exact decimal string in major units ("19.99", "-0.05", "1000"). */
export function toDecimalString(amount: Money): string {
  const digits = minorUnitDigits(amount.currency);
  const negative = amount.amountMinor < 0;
  const absolute = Math.abs(amount.amountMinor)
    .toString()
    .padStart(digits + 1, '0');
  const whole = absolute.slice(0, absolute.length - digits);
  const fraction = digits > 0 ? `.${absolute.slice(absolute.length - digits)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** Formatters by locale and currency: building one costs far more than using it (a handful of each exist). */
const moneyFormats = new Map<string, Intl.NumberFormat>();

/** Formats for a person, in their locale: `US$19.99` in zh-CN, `$19.99` in en-US, `¥142.50` for CNY. */
export function formatMoney(amount: Money, locale: string): string {
  const key = `${locale} ${amount.currency}`;
  let formatter = moneyFormats.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: 'currency', currency: amount.currency });
    moneyFormats.set(key, formatter);
  }
  // A decimal string keeps the exact value (Intl.NumberFormat v3 formats strings without float loss).
  return formatter.format(toDecimalString(amount) as unknown as number);
}

/** `bps` basis points of `amount` (290 = 2.9 %), rounded half to even to the minor unit. */
export function percentOf(amount: Money, bps: number): Money {
  assert(Number.isSafeInteger(bps) && bps >= 0, 'basis points must be a whole number ≥ 0');
  return money(
    Number(divideRoundHalfEven(BigInt(amount.amountMinor) * BigInt(bps), 10_000n)),
    amount.currency,
  );
}

export const RATE_DECIMALS = 6;

/**
 * A rate raised by `bps` basis points (the operator's FX markup): `rate × (10000 + bps) / 10000`, rounded half
 * to even to `RATE_DECIMALS` places and written without trailing zeros ("7.2451").
 */
export function markUpRate(rate: string, bps: number): string {
  assert(Number.isSafeInteger(bps) && bps >= 0 && bps <= 10_000, 'markup must be 0–10000 basis points');
  const { numerator, scale } = parseRate(rate);
  // value = numerator / 10^scale × (10000 + bps) / 10000, expressed in units of 10^-RATE_DECIMALS.
  const scaled = divideRoundHalfEven(
    numerator * BigInt(10_000 + bps) * 10n ** BigInt(RATE_DECIMALS),
    10n ** BigInt(scale) * 10_000n,
  );
  return formatRate(scaled, RATE_DECIMALS);
}

function formatRate(units: bigint, decimals: number): string {
  const digits = units.toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const fraction = digits.slice(digits.length - decimals).replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole;
}

/** True for a positive decimal-string rate SimFill accepts ("7.1234"; at most 12 digits each side). */
export function isRate(value: string): boolean {
  const match = RATE_PATTERN.exec(value);
  return match !== null && BigInt(match[1]! + (match[2] ?? '')) > 0n;
}
