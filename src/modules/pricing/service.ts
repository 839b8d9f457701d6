import type { DbOrTx } from '../../db/index.js';
import { methodFees } from './schema.js';
import { CNY_METHODS, PAYMENT_METHODS, type PaymentMethod } from './quotes.js';

/**
 * The pricing module's door: FX rates (feed + operator), method fees, and quotes that lock a price and its
 * CNY rate for a while. Other modules import from here only.
 */

export {
  effectiveRate,
  fxUnavailable,
  listFxPairs,
  refreshFxRates,
  updateFxPair,
  type EffectiveRate,
  type FxPairView,
} from './fx.js';
export {
  assertQuoteOpen,
  CNY_METHODS,
  createQuote,
  getQuote,
  PAYMENT_METHODS,
  priceQuote,
  type PaymentMethod,
  type PricingSettings,
  type QuoteProduct,
  type QuoteRequest,
} from './quotes.js';
export type { QuoteRow } from './schema.js';

export interface MethodFeeSchedule {
  method: PaymentMethod;
  percentBps: number;
  fixedMinor: number;
  currency: string;
  chargeCurrency: 'USD' | 'CNY';
}

/** The fee of every payment method, in the order the portal lists them. */
export async function methodFeeSchedules(db: DbOrTx): Promise<MethodFeeSchedule[]> {
  const rows = await db.select().from(methodFees);
  return PAYMENT_METHODS.flatMap((method) => {
    const row = rows.find((candidate) => candidate.method === method);
    if (!row) return [];
    return [
      {
        method,
        percentBps: row.percentBps,
        fixedMinor: row.fixedMinor,
        currency: row.currency,
        chargeCurrency: CNY_METHODS.has(method) ? ('CNY' as const) : ('USD' as const),
      },
    ];
  });
}
