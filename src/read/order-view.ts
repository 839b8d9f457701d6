import { z } from 'zod';
import { moneySchema, moneyView, timestampSchema } from '../http/openapi.js';
import type { Locale, LocalizedText } from '../kernel/i18n/index.js';
import { ORDER_STATUSES, type OrderRow, type OrderTransitionRow } from '../modules/orders/service.js';
import { paymentSchema, paymentView, type PaymentRow } from '../modules/payments/service.js';
import { formatInternational } from '../kernel/phone.js';
import {
  DELAY_REASONS,
  DELIVERY_PHASES,
  maskPin,
  type DeliveryProgress,
  type DeliveryRow,
} from '../modules/provisioning/service.js';
import { faceFxSchema, faceOf } from './face.js';
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
    product: z.string().meta({
      description:
        '`wallet_credit` (a wallet top-up), `line_topup`, `esim` (a new eSIM) or `esim_topup` (data on one).',
    }),
    esim: z.string().nullable().meta({
      description: 'The eSIM (`esim_…`) this order issued or topped up, once known; null for other products.',
    }),
    recipient: z
      .string()
      .nullable()
      .meta({ description: 'The number a line top-up goes to (E.164); null for a wallet top-up.' }),
    recipient_display: z
      .string()
      .nullable()
      .meta({ description: 'The recipient with its country code, spaced for reading: `+1 646 217 4510`.' }),
    item_name: z.string().nullable().meta({
      description: 'What the order is for, in your language (Accept-Language or your account’s language).',
    }),
    face: moneySchema.nullable().meta({
      description: 'A line top-up’s face value: what the line receives, in the offer’s currency (¥50.00).',
    }),
    face_fx: faceFxSchema.nullable().meta({
      description: 'A face in another currency than USD: the provider’s rate its price was made from.',
    }),
    delivery: z
      .object({
        status: z.enum(['queued', 'sending', 'processing', 'succeeded', 'failed']),
        eta_minutes: z
          .number()
          .int()
          .meta({ description: 'How long this channel usually takes; 0 = instant.' }),
        finished_at: timestampSchema.nullable(),
        phase: z.enum(DELIVERY_PHASES).meta({
          description:
            '`submitting` now; `processing` at the carrier; `confirming` (an answer was lost: the provider is ' +
            'asked, nothing is sent twice); `waiting_retry` (refused this time, tried again at `next_attempt_at`); ' +
            '`delivered`; `failed` (refunded).',
        }),
        attempts: z.number().int().meta({ description: 'Attempts made so far.' }),
        max_attempts: z.number().int().nullable().meta({
          description: 'Attempts it gets before it is refunded; null where not computed (the console).',
        }),
        reason: z
          .enum(DELAY_REASONS)
          .nullable()
          .meta({ description: 'Why it is waiting (`waiting_retry` only).' }),
        next_attempt_at: timestampSchema
          .nullable()
          .meta({ description: 'When it is tried (or the provider asked) again.' }),
        refund_by: timestampSchema.nullable().meta({
          description:
            'If every attempt left is refused too, the top-up is given up and the refund starts by then ' +
            '(from the retry rules).',
        }),
        pin: z
          .object({ masked: z.string() })
          .nullable()
          .meta({ description: 'A delivered refill PIN, masked; `GET /v1/orders/{id}/pin` reveals it.' }),
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
  extras: {
    delivery?: DeliveryRow | undefined;
    progress?: DeliveryProgress | undefined;
    locale?: Locale;
    /** The eSIM this order issued or topped up (esim service's eSIM order), when there is one. */
    esim?: string | null | undefined;
  } = {},
): OrderView {
  const phone = typeof row.delivery.phone === 'string' ? row.delivery.phone : null;
  return {
    id: row.id,
    object: 'order',
    status: row.status as OrderView['status'],
    product: row.product,
    esim: extras.esim ?? null,
    recipient: phone,
    recipient_display: phone ? formatInternational(phone) : null,
    item_name: nameOfProductFor(
      { kind: row.product, delivery: row.delivery, name: storedName(row) },
      extras.locale ?? 'en',
    ),
    ...faceOf(row.product === 'line_topup' ? row.delivery : undefined),
    delivery: extras.delivery ? deliveryView(extras.delivery, extras.progress) : null,
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

function deliveryView(delivery: DeliveryRow, progress: DeliveryProgress | undefined): OrderView['delivery'] {
  const pin = delivery.status === 'succeeded' ? delivery.result?.pin : undefined;
  return {
    status: delivery.status,
    eta_minutes: delivery.etaMinutes,
    finished_at: delivery.finishedAt?.toISOString() ?? null,
    phase: progress?.phase ?? phaseWithoutProgress(delivery),
    attempts: delivery.attempts,
    max_attempts: progress?.maxAttempts ?? null,
    reason: progress?.reason ?? null,
    next_attempt_at: progress?.nextAttemptAt?.toISOString() ?? null,
    refund_by: progress?.giveUpBy?.toISOString() ?? null,
    pin: pin ? { masked: maskPin(pin.code) } : null,
  };
}

/** Where no progress was computed (a write's answer): the row's own status says enough. */
function phaseWithoutProgress(delivery: DeliveryRow): DeliveryProgress['phase'] {
  if (delivery.status === 'succeeded') return 'delivered';
  if (delivery.status === 'failed') return 'failed';
  return delivery.status === 'processing' ? 'processing' : 'submitting';
}
