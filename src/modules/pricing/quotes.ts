import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/index.js';
import type { Clock } from '../../kernel/clock.js';
import { AppError, invalidParam, notFound } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { convertMoney, money, percentOf, toDecimalString, type Money } from '../../kernel/money.js';
import type { LocalizedText } from '../../kernel/i18n/index.js';
import type { PaymentMethod } from '../../ports/payments.js';
import { effectiveRate, type EffectiveRate } from './fx.js';
import { methodFees, quotes, type QuoteItem, type QuoteRow } from './schema.js';

/**
 * Quotes: the price a customer sees, locked for `quoteLockMinutes`. The arithmetic lives in `priceQuote`, a
 * pure function (property-tested); `createQuote` adds the database facts (fee table, FX rate) and stores it.
 *
 * Rounding rule, stated once: every percentage (method fee, tax) and every currency conversion is rounded
 * half to even to the currency's minor unit, once, on the exact value. Totals are sums of rounded lines, so
 * the lines a customer reads always add up to the total they pay.
 */

export { PAYMENT_METHODS, type PaymentMethod } from '../../ports/payments.js';
/** Alipay and WeChat Pay charge in CNY at a locked rate; everything else charges USD. */
export const CNY_METHODS: ReadonlySet<PaymentMethod> = new Set(['alipay', 'wechat_pay']);

export interface PricingSettings {
  quoteLockMinutes: number;
  /** Tax on the discounted subtotal, in basis points; 0 by default. */
  taxRateBps: number;
  /** A feed rate older than this is not quoted. */
  fxRateMaxAgeMs: number;
  walletTopUpMinMinor: number;
  walletTopUpMaxMinor: number;
  /**
   * The smallest charge the provider of each method accepts (Stripe: $0.50 for cards and wallets), in the
   * currency the provider states it in. A quote below it is refused: the provider would refuse the payment.
   */
  minimumCharges?: Partial<Record<PaymentMethod, Money>>;
}

export interface FeeSchedule {
  percentBps: number;
  fixedMinor: number;
}

export interface PricedQuote {
  subtotal: Money;
  discount: Money;
  fee: Money;
  feeWaived: Money;
  tax: Money;
  total: Money;
  charge: Money;
  /** The CNY figure shown beside a USD charge: an estimate, not what the provider charges. */
  estimate: Money | undefined;
}

/** The pure arithmetic of a quote. `rate` is USD→CNY; `lockedToCny` charges in CNY at that rate. */
export function priceQuote(input: {
  subtotal: Money;
  discount: Money;
  fee: FeeSchedule;
  waiveFee: boolean;
  taxRateBps: number;
  rate: string | undefined;
  lockedToCny: boolean;
}): PricedQuote {
  const currency = input.subtotal.currency;
  const discounted = money(Math.max(0, input.subtotal.amountMinor - input.discount.amountMinor), currency);
  const discount = money(input.subtotal.amountMinor - discounted.amountMinor, currency);
  const computedFee = money(
    percentOf(discounted, input.fee.percentBps).amountMinor + input.fee.fixedMinor,
    currency,
  );
  const fee = input.waiveFee ? money(0, currency) : computedFee;
  const feeWaived = input.waiveFee ? computedFee : money(0, currency);
  const tax = percentOf(discounted, input.taxRateBps);
  const total = money(discounted.amountMinor + fee.amountMinor + tax.amountMinor, currency);
  const converted = input.rate === undefined ? undefined : convertMoney(total, input.rate, 'CNY');
  if (input.lockedToCny && !converted) throw new Error('a CNY charge needs a rate');
  return {
    subtotal: input.subtotal,
    discount,
    fee,
    feeWaived,
    tax,
    total,
    charge: input.lockedToCny ? converted! : total,
    estimate: input.lockedToCny ? undefined : converted,
  };
}

export type QuoteProduct =
  | { kind: 'wallet_credit'; amountMinor: number; currency: string }
  /** Priced by provisioning from the catalog; `delivery` is locked into the quote as it is. */
  /** A line top-up (priced from the catalog), a new eSIM (its plan) or an eSIM top-up (its source's package). */
  | {
      kind: 'line_topup' | 'esim' | 'esim_topup';
      amountMinor: number;
      currency: string;
      name: LocalizedText;
      delivery: Record<string, unknown>;
    };

export interface QuoteRequest {
  customerId: string;
  product: QuoteProduct;
  method: PaymentMethod;
  /** The customer has never paid an order: the method fee is waived. */
  firstTopUp: boolean;
}

function checkProduct(settings: PricingSettings, request: QuoteRequest): void {
  const { product } = request;
  if (product.currency !== 'USD')
    throw invalidParam('currency', 'currency_not_supported', { currency: product.currency });
  if (product.kind !== 'wallet_credit') return;
  if (
    product.amountMinor < settings.walletTopUpMinMinor ||
    product.amountMinor > settings.walletTopUpMaxMinor
  ) {
    throw new AppError('amount_out_of_range', {
      param: 'amount_minor',
      values: {
        minimum: (settings.walletTopUpMinMinor / 100).toFixed(2),
        maximum: (settings.walletTopUpMaxMinor / 100).toFixed(2),
        currency: 'USD',
      },
    });
  }
  if (request.method === 'wallet') {
    throw new AppError('method_not_available', { param: 'method', values: { method: request.method } });
  }
}

/**
 * A charge the provider converts before applying its minimum (a CNY charge against Stripe's USD minimum) must
 * clear the minimum by this much: the provider converts at its own rate, not the quote's.
 */
const CONVERSION_MARGIN_BPS = 500;

/**
 * Refuses a quote the method's provider would not charge. The minimum is compared in its own currency: the USD
 * total (a CNY charge is that total at the locked rate, which the provider converts back) or the charge.
 */
function assertChargeable(priced: PricedQuote, method: PaymentMethod, minimum: Money | undefined): void {
  if (!minimum) return;
  const compared = [priced.total, priced.charge].find((amount) => amount.currency === minimum.currency);
  if (!compared)
    throw new Error(`a ${minimum.currency} minimum cannot be compared with ${priced.charge.currency}`);
  const converted = priced.charge.currency !== minimum.currency;
  const required = converted
    ? money(Math.ceil((minimum.amountMinor * (10_000 + CONVERSION_MARGIN_BPS)) / 10_000), minimum.currency)
    : minimum;
  if (compared.amountMinor >= required.amountMinor) return;
  throw new AppError('amount_too_small', {
    param: 'product',
    values: {
      method,
      minimum: `${toDecimalString(required)} ${required.currency}`,
      amount: `${toDecimalString(compared)} ${compared.currency}`,
    },
  });
}

async function feeScheduleFor(db: DbOrTx, method: PaymentMethod): Promise<FeeSchedule> {
  const [row] = await db.select().from(methodFees).where(eq(methodFees.method, method));
  return row ? { percentBps: row.percentBps, fixedMinor: row.fixedMinor } : { percentBps: 0, fixedMinor: 0 };
}

/** Prices and stores a quote. Alipay/WeChat Pay without a fresh USD→CNY rate cannot be quoted (503). */
export async function createQuote(
  db: DbOrTx,
  clock: Clock,
  settings: PricingSettings,
  request: QuoteRequest,
): Promise<QuoteRow> {
  checkProduct(settings, request);
  const lockedToCny = CNY_METHODS.has(request.method);
  let rate: EffectiveRate | undefined;
  try {
    rate = await effectiveRate(db, clock, 'USD', 'CNY', settings.fxRateMaxAgeMs);
  } catch (error) {
    // Without a rate a card can still pay in USD (no estimate shown); a CNY charge cannot.
    if (lockedToCny) throw error;
  }
  const priced = priceQuote({
    subtotal: money(request.product.amountMinor, 'USD'),
    discount: money(0, 'USD'),
    fee: await feeScheduleFor(db, request.method),
    waiveFee: request.firstTopUp,
    taxRateBps: settings.taxRateBps,
    rate: rate?.rate,
    lockedToCny,
  });
  assertChargeable(priced, request.method, settings.minimumCharges?.[request.method]);
  const now = clock.now();
  const { product } = request;
  const items: QuoteItem[] = [
    product.kind !== 'wallet_credit'
      ? {
          kind: product.kind,
          amountMinor: product.amountMinor,
          currency: 'USD',
          name: product.name,
          delivery: product.delivery,
        }
      : { kind: 'wallet_credit', amountMinor: product.amountMinor, currency: 'USD' },
  ];
  const [row] = await db
    .insert(quotes)
    .values({
      id: newId('quote'),
      customerId: request.customerId,
      items,
      method: request.method,
      currency: 'USD',
      subtotalMinor: priced.subtotal.amountMinor,
      discountMinor: priced.discount.amountMinor,
      feeMinor: priced.fee.amountMinor,
      feeWaivedMinor: priced.feeWaived.amountMinor,
      taxMinor: priced.tax.amountMinor,
      totalMinor: priced.total.amountMinor,
      chargeCurrency: priced.charge.currency,
      chargeAmountMinor: priced.charge.amountMinor,
      fxRate: rate?.rate ?? null,
      fxSource: rate?.source ?? null,
      fxSourceName: rate?.sourceName ?? null,
      fxAsOf: rate?.asOf ?? null,
      fxLocked: lockedToCny,
      estimateCurrency: priced.estimate?.currency ?? null,
      estimateAmountMinor: priced.estimate?.amountMinor ?? null,
      expiresAt: new Date(now.getTime() + settings.quoteLockMinutes * 60_000),
      createdAt: now,
    })
    .returning();
  return row!;
}

export async function getQuote(db: DbOrTx, customerId: string, quoteId: string): Promise<QuoteRow> {
  const [row] = await db
    .select()
    .from(quotes)
    .where(and(eq(quotes.id, quoteId), eq(quotes.customerId, customerId)));
  if (!row) throw notFound('quote', quoteId, 'quote');
  return row;
}

/** A quote can be paid until it expires; after that the customer asks for a new one (409 `quote_expired`). */
export function assertQuoteOpen(quote: QuoteRow, now: Date): void {
  if (now.getTime() >= quote.expiresAt.getTime()) {
    throw new AppError('quote_expired', { param: 'quote', values: { quote: quote.id } });
  }
}
