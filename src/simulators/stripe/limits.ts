/**
 * Stripe's minimum charge amounts (docs.stripe.com/currencies, "Minimum and maximum charge amounts"): the minimum
 * depends on the settlement currency, and a charge in another currency "must meet the equivalent minimum of the
 * settlement currency" after conversion. The table lists settlement currencies only (CNY is not one: a CNY
 * Alipay or WeChat Pay charge must convert to at least the settlement minimum). Amounts in minor units.
 */
const MINIMUM_CHARGE_MINOR: Readonly<Record<string, number>> = {
  usd: 50,
  aed: 200,
  aud: 50,
  bgn: 100,
  brl: 50,
  cad: 50,
  chf: 50,
  czk: 1500,
  dkk: 250,
  eur: 50,
  gbp: 30,
  hkd: 400,
  huf: 17500,
  inr: 50,
  jpy: 50,
  mxn: 1000,
  myr: 200,
  nok: 300,
  nzd: 50,
  pln: 200,
  ron: 200,
  sek: 300,
  sgd: 50,
  thb: 1000,
};

/**
 * The simulated account's conversion rates, US dollars per unit (Stripe converts at its own rate; these stand
 * in for it). Only the currencies the simulator accepts.
 */
const USD_PER_UNIT: Readonly<Record<string, number>> = {
  usd: 1,
  cny: 0.14,
  eur: 1.08,
  gbp: 1.27,
  hkd: 0.128,
  cad: 0.73,
};

/** How Stripe names a settlement currency's minor unit in "Amount must convert to at least 50 cents." */
const MINOR_UNIT_NAMES: Readonly<Record<string, string>> = {
  usd: 'cents',
  eur: 'cents',
  cad: 'cents',
  hkd: 'cents',
  gbp: 'pence',
};

const format = (amountMinor: number, currency: string) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() }).format(
    amountMinor / 100,
  );

/**
 * Stripe's refusal of a charge below the minimum (`amount_too_small`, worded as Stripe words it), or undefined
 * when `amountMinor` of `currency` may be charged by an account settling in `settlement`.
 */
export function amountTooSmall(
  amountMinor: number,
  currency: string,
  settlement: string,
): { message: string } | undefined {
  const minimum = MINIMUM_CHARGE_MINOR[settlement];
  if (minimum === undefined) throw new Error(`no minimum charge known for settlement currency ${settlement}`);
  if (currency === settlement) {
    if (amountMinor >= minimum) return undefined;
    return { message: `Amount must be at least ${format(minimum, settlement)} ${settlement}` };
  }
  const from = USD_PER_UNIT[currency];
  const to = USD_PER_UNIT[settlement];
  if (from === undefined || to === undefined) throw new Error(`no rate for ${currency} → ${settlement}`);
  const converted = Math.floor((amountMinor * from) / to);
  if (converted >= minimum) return undefined;
  const unit = MINOR_UNIT_NAMES[settlement] ?? `${settlement} minor units`;
  return {
    message: `Amount must convert to at least ${minimum} ${unit}. ${format(amountMinor, currency)} converts to approximately ${format(converted, settlement)}.`,
  };
}
