import { z } from 'zod';
import { moneySchema, moneyView, timestampSchema } from '../http/openapi.js';
import type { Locale, LocalizedText } from '../kernel/i18n/index.js';
import { ORDER_STATUSES, type OrderRow, type OrderTransitionRow } from '../modules/orders/service.js';
import { paymentSchema, paymentView, type PaymentRow } from '../modules/payments/service.js';
import type { DeliveryRow } from '../modules/provisioning/service.js';
import { nameOfProductFor } from './product-names.js';

/**
 * The order as the customer and the console read it: the order, its timeline, its payment attempts and its
 * delivery, joined from their modules' doors.
 */

export const orderSchema = z
  .object({
    id: z.string().meta({ example: 'ord_01jz8x4e5qf0m8g4v3k2y1t9bc' }),
    object: z.literal('order'),
    status: z.enum(ORDER_STATUSES),
    product: z.string().meta({ description: '`wallet_credit` (a wallet top-up) or `line_topup`.' }),
    recipient: z
      .string()
      .nullable()
      .meta({ description: 'The number a line top-up goes to (E.164); null for a wallet top-up.' }),
    item_name: z.string().nullable().meta({
      description: 'What the order is for, in your language (Accept-Language or your account’s language).',
    }),
    delivery: z
      .object({
        status: z.enum(['queued', 'sending', 'processing', 'succeeded', 'failed']),
        eta_minutes: z
          .number()
          .int()
          .meta({ description: 'How long this channel usually takes; 0 = instant.' }),
        finished_at: timestampSchema.nullable(),
      })
      .nullable()
      .meta({
        description:
          'A line top-up’s way to the carrier, once paid. The line’s balance is not part of it: carriers do not ' +
          'report it through the airtime provider (check it with the carrier).',
      }),
    quote: z.string(),
    method: z.string(),
    total: moneySchema,
    charge: moneySchema,
    refunded: moneySchema,
    receipt_number: z.string().nullable(),
    created_at: timestampSchema,
    paid_at: timestampSchema.nullable(),
    expires_at: timestampSchema.meta({ description: 'Unpaid after this, the order expires.' }),
    payments: z
      .array(paymentSchema)
      .meta({ description: 'Every payment attempt, oldest first; the last one is the current one.' }),
    timeline: z.array(
      z.object({
        from: z.enum(ORDER_STATUSES).nullable(),
        to: z.enum(ORDER_STATUSES),
        cause: z.string(),
        at: timestampSchema,
      }),
    ),
  })
  .meta({ id: 'Order' });

type OrderView = z.infer<typeof orderSchema>;

const storedName = (row: OrderRow) => row.delivery.name as LocalizedText | undefined;

export function orderView(
  row: OrderRow,
  timeline: OrderTransitionRow[],
  attempts: PaymentRow[] = [],
  extras: { delivery?: DeliveryRow | undefined; locale?: Locale } = {},
): OrderView {
  const delivery = extras.delivery;
  return {
    id: row.id,
    object: 'order',
    status: row.status as OrderView['status'],
    product: row.product,
    recipient: typeof row.delivery.phone === 'string' ? row.delivery.phone : null,
    item_name: nameOfProductFor(
      { kind: row.product, delivery: row.delivery, name: storedName(row) },
      extras.locale ?? 'en',
    ),
    delivery: delivery
      ? {
          status: delivery.status,
          eta_minutes: delivery.etaMinutes,
          finished_at: delivery.finishedAt?.toISOString() ?? null,
        }
      : null,
    quote: row.quoteId,
    method: row.method,
    total: moneyView(row.totalMinor, row.currency),
    charge: moneyView(row.chargeAmountMinor, row.chargeCurrency),
    refunded: moneyView(row.refundedMinor, row.chargeCurrency),
    receipt_number: row.receiptNumber,
    created_at: row.createdAt.toISOString(),
    paid_at: row.paidAt?.toISOString() ?? null,
    expires_at: row.expiresAt.toISOString(),
    payments: attempts.map(paymentView),
    timeline: timeline.map((step) => ({
      from: step.fromStatus as OrderView['status'] | null,
      to: step.toStatus as OrderView['status'],
      cause: step.cause,
      at: step.at.toISOString(),
    })),
  };
}
