import { z } from 'zod';
import { moneySchema, moneyView, timestampSchema } from '../../../http/openapi.js';
import type { Locale } from '../../../kernel/i18n/index.js';
import { PAYMENT_METHODS, type QuoteRow } from '../../../modules/pricing/service.js';
import { faceFxSchema, faceOf } from '../../../read/face.js';
import { nameOfProductFor } from '../../../read/product-names.js';

/**
 * The quote as the API shows it. Its own file, imported before the quote use case: the OpenAPI document lists
 * its components in the order their schemas are declared, and `Quote` comes before the lines' schemas that the
 * use case reaches.
 */

export const quoteSchema = z
  .object({
    id: z.string().meta({ example: 'quo_01jz8x4e5qf0m8g4v3k2y1t9bc' }),
    object: z.literal('quote'),
    items: z.array(
      z.object({
        type: z.enum(['wallet_credit', 'line_topup', 'esim', 'esim_topup']),
        amount: moneySchema,
        name: z.string().nullable().meta({
          description:
            'What the item is, in your language: “钱包充值”, “T-Mobile 话费充值 US$25.00 · +1 646-217-4512”.',
        }),
        recipient: z.string().nullable().meta({ description: 'The number a line top-up goes to (E.164).' }),
        eta_minutes: z
          .number()
          .int()
          .nullable()
          .meta({ description: 'How long delivery usually takes after payment; 0 = instant.' }),
        face: moneySchema.nullable().meta({
          description:
            'A line top-up’s face value: what the line receives, in the offer’s currency (¥50.00 for China ' +
            'Mobile). `amount` is its price in USD.',
        }),
        face_fx: faceFxSchema.nullable().meta({
          description:
            'A face in another currency than USD: the provider’s rate its price was made from (face ÷ rate, ' +
            'rounded half to even to the cent, then the operator’s markup).',
        }),
      }),
    ),
    method: z.enum(PAYMENT_METHODS),
    subtotal: moneySchema,
    discount: moneySchema,
    fee: moneySchema,
    fee_waived: moneySchema
      .nullable()
      .meta({ description: 'The method fee removed by the first top-up waiver, when it applied.' }),
    tax: moneySchema,
    total: moneySchema.meta({ description: 'What the order costs, in USD.' }),
    charge: moneySchema.meta({
      description: 'What the payment provider charges: the USD total, or CNY at the locked rate.',
    }),
    fx: z
      .object({
        base: z.string(),
        quote: z.string(),
        rate: z
          .string()
          .meta({ description: 'Units of quote currency per one unit of base, a decimal string.' }),
        source: z.enum(['feed', 'operator']),
        as_of: timestampSchema,
        locked: z
          .boolean()
          .meta({ description: 'True: the charge is in CNY at this rate until expires_at.' }),
      })
      .nullable(),
    estimate: moneySchema
      .nullable()
      .meta({ description: 'CNY equivalent of a USD charge: an estimate, the bank may use another rate.' }),
    rounding: z.literal('half_even'),
    expires_at: timestampSchema,
    expired: z.boolean(),
    created_at: timestampSchema,
  })
  .meta({ id: 'Quote' });

export function quoteView(row: QuoteRow, now: Date, locale: Locale): z.infer<typeof quoteSchema> {
  return {
    id: row.id,
    object: 'quote',
    items: row.items.map((item) => ({
      type: item.kind,
      amount: moneyView(item.amountMinor, item.currency),
      name: nameOfProductFor(item, locale),
      recipient: typeof item.delivery?.phone === 'string' ? item.delivery.phone : null,
      eta_minutes: typeof item.delivery?.eta_minutes === 'number' ? item.delivery.eta_minutes : null,
      ...faceOf(item.delivery),
    })),
    method: row.method as (typeof PAYMENT_METHODS)[number],
    subtotal: moneyView(row.subtotalMinor, row.currency),
    discount: moneyView(row.discountMinor, row.currency),
    fee: moneyView(row.feeMinor, row.currency),
    fee_waived: row.feeWaivedMinor > 0 ? moneyView(row.feeWaivedMinor, row.currency) : null,
    tax: moneyView(row.taxMinor, row.currency),
    total: moneyView(row.totalMinor, row.currency),
    charge: moneyView(row.chargeAmountMinor, row.chargeCurrency),
    fx:
      row.fxRate && row.fxSource && row.fxAsOf
        ? {
            base: 'USD',
            quote: 'CNY',
            rate: row.fxRate,
            source: row.fxSource as 'feed' | 'operator',
            as_of: row.fxAsOf.toISOString(),
            locked: row.fxLocked,
          }
        : null,
    estimate:
      row.estimateCurrency && row.estimateAmountMinor !== null
        ? moneyView(row.estimateAmountMinor, row.estimateCurrency)
        : null,
    rounding: 'half_even',
    expires_at: row.expiresAt.toISOString(),
    expired: now.getTime() >= row.expiresAt.getTime(),
    created_at: row.createdAt.toISOString(),
  };
}
