/**
 * Number, money, data and speed formatting for the portal, always through Intl for the page's locale.
 * Money arrives as integer minor units and is divided exactly once, for display.
 */

const MIB_PER_GB = 1024;
const KBPS_PER_MBPS = 1000;

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const cacheKey = `${locale}|${JSON.stringify(options)}`;
  let format = numberFormats.get(cacheKey);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    numberFormats.set(cacheKey, format);
  }
  return format;
}

export function formatNumber(locale: string, value: number, options?: Intl.NumberFormatOptions): string {
  return numberFormat(locale, options).format(value);
}

/** Digits after the decimal point in a currency's minor unit: USD 2, JPY 0, KWD 3. */
export function currencyMinorDigits(currency: string): number {
  return numberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** `3000, 'USD'` → `$30.00` (en) or `US$30.00` (zh-CN). */
export function formatPrice(locale: string, amountMinor: number, currency: string): string {
  const digits = currencyMinorDigits(currency);
  return numberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(amountMinor / 10 ** digits);
}

/** A data amount in MiB: whole GB when it divides evenly (`5120` → `5 GB`), else MB (`500 MB`). */
export function formatDataAmount(locale: string, quotaMb: number): string {
  if (quotaMb > 0 && quotaMb % MIB_PER_GB === 0) return `${formatNumber(locale, quotaMb / MIB_PER_GB)} GB`;
  return `${formatNumber(locale, quotaMb)} MB`;
}

/** A speed in kbps: `128` → `128 kbps`, `1536` → `1.5 Mbps`. */
export function formatSpeed(locale: string, kbps: number): string {
  if (kbps >= KBPS_PER_MBPS) {
    return `${formatNumber(locale, kbps / KBPS_PER_MBPS, { maximumFractionDigits: 1 })} Mbps`;
  }
  return `${formatNumber(locale, kbps)} kbps`;
}

/**
 * `amountMinor` of `fromCurrency` at `rate` (a decimal string, units of `toCurrency` per unit), exact on bigints and
 * rounded half to even to the target's minor unit: the rule the server's quotes state (kernel `convertMoney`).
 * For estimates a person reads beside a price; the quote's own figure is the one charged.
 */
export function convertMinor(
  amountMinor: number,
  fromCurrency: string,
  rate: string,
  toCurrency: string,
): number {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(rate);
  if (!match) throw new Error(`not a rate: ${rate}`);
  const fraction = match[2] ?? '';
  const numerator =
    BigInt(amountMinor) * BigInt(match[1]! + fraction) * 10n ** BigInt(currencyMinorDigits(toCurrency));
  const denominator = 10n ** BigInt(currencyMinorDigits(fromCurrency) + fraction.length);
  const negative = numerator < 0n;
  const absolute = negative ? -numerator : numerator;
  let quotient = absolute / denominator;
  const twiceRemainder = (absolute % denominator) * 2n;
  if (twiceRemainder > denominator || (twiceRemainder === denominator && quotient % 2n === 1n))
    quotient += 1n;
  return Number(negative ? -quotient : quotient);
}
