import type { Tx } from '../../db/index.js';
import type { Clock } from '../../kernel/clock.js';
import { createOrder, type OrderRow } from '../../modules/orders/service.js';
import type { QuoteRow } from '../../modules/pricing/service.js';

/** Place order: the order a quote describes — its price, and what it locked to deliver (fixed from here on). */
export async function orderFromQuote(
  tx: Tx,
  clock: Clock,
  quote: QuoteRow,
  actor: string,
): Promise<OrderRow> {
  const item = quote.items[0]!;
  return createOrder(
    tx,
    clock,
    {
      customerId: quote.customerId,
      quoteId: quote.id,
      product: item.kind,
      delivery:
        item.kind !== 'wallet_credit' && item.delivery
          ? item.delivery
          : { wallet: quote.customerId, amount_minor: item.amountMinor, currency: 'USD' },
      method: quote.method,
      currency: quote.currency,
      totalMinor: quote.totalMinor,
      chargeCurrency: quote.chargeCurrency,
      chargeAmountMinor: quote.chargeAmountMinor,
      expiresAt: quote.expiresAt,
    },
    actor,
  );
}
