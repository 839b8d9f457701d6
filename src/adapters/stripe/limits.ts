import { createHash } from 'node:crypto';
import { money, type Money } from '../../kernel/money.js';

/**
 * What Stripe refuses before it charges anything, so SimFill can refuse it first.
 *
 * Minimum charge amounts (docs.stripe.com/currencies, "Minimum and maximum charge amounts"): the minimum is set by
 * the account's settlement currency and applies to every card and wallet payment (Alipay, WeChat Pay and Apple
 * Pay have none of their own); a charge in another currency, such as an Alipay charge in CNY, "must meet the
 * equivalent minimum of the settlement currency" once converted. Minor units. The simulator keeps its own copy
 * (src/simulators/stripe/limits.ts): it stands in for Stripe, not for this client.
 */
const MINIMUM_CHARGE_MINOR: Readonly<Record<string, number>> = {
  USD: 50,
  AED: 200,
  AUD: 50,
  BGN: 100,
  BRL: 50,
  CAD: 50,
  CHF: 50,
  CZK: 1500,
  DKK: 250,
  EUR: 50,
  GBP: 30,
  HKD: 400,
  HUF: 17500,
  INR: 50,
  JPY: 50,
  MXN: 1000,
  MYR: 200,
  NOK: 300,
  NZD: 50,
  PLN: 200,
  RON: 200,
  SEK: 300,
  SGD: 50,
  THB: 1000,
};

/** The smallest charge an account settling in `settlementCurrency` may make, in that currency. */
export function stripeMinimumCharge(settlementCurrency: string): Money {
  const minimum = MINIMUM_CHARGE_MINOR[settlementCurrency.toUpperCase()];
  if (minimum === undefined) {
    throw new Error(`Stripe lists no minimum charge for settlement currency ${settlementCurrency}`);
  }
  return money(minimum, settlementCurrency.toUpperCase());
}

/** "Idempotency keys are up to 255 characters long" (docs.stripe.com/api/idempotent_requests). */
const STRIPE_IDEMPOTENCY_KEY_LENGTH_MAX = 255;

/**
 * The key sent to Stripe for one of SimFill's derived keys: unchanged when Stripe accepts it, else its SHA-256
 * (the same derived key always gives the same Stripe key, so retries still de-duplicate).
 */
export function stripeIdempotencyKey(key: string): string {
  if (key.length > 0 && key.length <= STRIPE_IDEMPOTENCY_KEY_LENGTH_MAX) return key;
  return `simfill_sha256_${createHash('sha256').update(key).digest('hex')}`;
}
