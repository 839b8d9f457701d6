import { z } from 'zod';
import { moneyView, timestampSchema } from '../http/openapi.js';

/**
 * A line top-up's face value (what the line receives, in the offer's currency) and, for a face in another
 * currency than USD, the provider's rate its price was made from: read from the delivery the quote and the order
 * lock, so the quote, the order and the receipt show the same figures.
 */

export const faceFxSchema = z.object({
  base: z.string(),
  quote: z.string(),
  rate: z.string().meta({ description: 'Units of quote currency per one unit of base, a decimal string.' }),
  as_of: timestampSchema.meta({ description: 'When SimFill last read the rate from the provider.' }),
});

export function faceOf(delivery: Record<string, unknown> | undefined) {
  if (!delivery || typeof delivery.amount_minor !== 'number' || typeof delivery.currency !== 'string') {
    return { face: null, face_fx: null };
  }
  const { amount_minor: amountMinor, currency, fx_rate: rate, fx_as_of: asOf } = delivery;
  return {
    face: moneyView(amountMinor, currency),
    face_fx:
      typeof rate === 'string' && typeof asOf === 'string'
        ? { base: 'USD', quote: currency, rate, as_of: asOf }
        : null,
  };
}
