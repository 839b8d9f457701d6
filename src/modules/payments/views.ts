import { z } from 'zod';
import { moneySchema, moneyView, timestampSchema } from '../../http/openapi.js';
import type { PaymentRow, RefundRow } from './schema.js';

export const nextActionSchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('redirect'), url: z.string() }),
    z.object({
      type: z.literal('display_qr'),
      data: z.string().meta({ description: 'What the QR code encodes (scan it with WeChat).' }),
      image_url_png: z.string(),
      image_url_svg: z.string().nullable(),
      hosted_instructions_url: z.string().nullable(),
    }),
  ])
  .meta({ id: 'PaymentNextAction' });

export const paymentSchema = z
  .object({
    id: z.string().meta({ example: 'pay_01jz8x4e5qf0m8g4v3k2y1t9bc' }),
    object: z.literal('payment'),
    order: z.string(),
    provider: z.enum(['stripe', 'paypal', 'wallet']),
    method: z.string(),
    status: z.enum(['creating', 'requires_action', 'processing', 'succeeded', 'failed', 'canceled']),
    amount: moneySchema,
    refunded: moneySchema,
    next_action: nextActionSchema.nullable(),
    payment_method: z
      .object({
        kind: z.string(),
        brand: z.string().nullable(),
        last4: z.string().nullable(),
        wallet: z.string().nullable(),
        payer_email: z.string().nullable(),
      })
      .nullable()
      .meta({ description: 'Display data only: SimFill never sees card numbers.' }),
    failure: z
      .object({ code: z.string(), decline_code: z.string().nullable() })
      .nullable()
      .meta({ description: 'Why the attempt failed; start a new payment to try again.' }),
    created_at: timestampSchema,
    succeeded_at: timestampSchema.nullable(),
  })
  .meta({ id: 'Payment' });

export type PaymentView = z.infer<typeof paymentSchema>;

export function paymentView(row: PaymentRow): PaymentView {
  const action = row.nextAction;
  const method = row.methodDisplay;
  return {
    id: row.id,
    object: 'payment',
    order: row.orderId,
    provider: row.provider,
    method: row.method,
    status: row.status,
    amount: moneyView(row.amountMinor, row.currency),
    refunded: moneyView(row.refundedMinor, row.currency),
    next_action: !action
      ? null
      : action.type === 'redirect'
        ? { type: 'redirect', url: action.url }
        : {
            type: 'display_qr',
            data: action.data,
            image_url_png: action.imageUrlPng,
            image_url_svg: action.imageUrlSvg ?? null,
            hosted_instructions_url: action.hostedInstructionsUrl ?? null,
          },
    payment_method: method
      ? {
          kind: method.kind,
          brand: method.brand ?? null,
          last4: method.last4 ?? null,
          wallet: method.wallet ?? null,
          payer_email: method.payerEmail ?? null,
        }
      : null,
    failure: row.failureCode ? { code: row.failureCode, decline_code: row.declineCode } : null,
    created_at: row.createdAt.toISOString(),
    succeeded_at: row.succeededAt?.toISOString() ?? null,
  };
}

export const refundSchema = z
  .object({
    id: z.string(),
    object: z.literal('refund'),
    order: z.string(),
    payment: z.string(),
    amount: moneySchema,
    status: z.enum(['pending', 'succeeded', 'failed']),
    reason: z.string(),
    requested_by: z.string(),
    created_at: timestampSchema,
  })
  .meta({ id: 'Refund' });

export function refundView(row: RefundRow): z.infer<typeof refundSchema> {
  return {
    id: row.id,
    object: 'refund',
    order: row.orderId,
    payment: row.paymentId,
    amount: moneyView(row.amountMinor, row.currency),
    status: row.status,
    reason: row.reason,
    requested_by: row.requestedBy,
    created_at: row.createdAt.toISOString(),
  };
}
