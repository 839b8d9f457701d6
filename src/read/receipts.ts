import { z } from 'zod';
import { faceFxSchema, faceOf } from './face.js';
import type { Db } from '../db/index.js';
import { moneySchema, moneyView, timestampSchema } from '../http/openapi.js';
import { AppError, notFound } from '../kernel/errors.js';
import { isId } from '../kernel/ids.js';
import { customerContact } from '../modules/identity/service.js';
import { getOrder } from '../modules/orders/service.js';
import {
  paymentSchema,
  paymentsOfOrder,
  paymentView,
  refundSchema,
  refundsOfOrder,
  refundView,
} from '../modules/payments/service.js';
import { getQuote } from '../modules/pricing/service.js';
import { deliveryOfOrder, expiryOf, type DeliveryRow } from '../modules/provisioning/service.js';
import { nameOfProductFor } from './product-names.js';

/** What a receipt reads: the database and the operator printed on it. */
export interface ReceiptDeps {
  db: Db;
  operator: { name: string; email: string; address: string };
}

/**
 * The receipt of a paid order, as one view: the JSON route returns it and the PDF is drawn from it, so the two
 * can never disagree.
 */
export const receiptSchema = z
  .object({
    object: z.literal('receipt'),
    receipt_number: z.string(),
    order: z.string(),
    status: z.string(),
    issued_at: timestampSchema,
    time_zone: z.string().meta({ description: 'The customer’s time zone: show times in it.' }),
    customer: z.object({ name: z.string().nullable(), email: z.string() }),
    items: z.array(
      z.object({
        type: z.string(),
        amount: moneySchema,
        name: z
          .string()
          .nullable()
          .meta({ description: 'What the item is, in the customer’s language (read/product-names.ts).' }),
      }),
    ),
    line_topup: z
      .object({
        recipient: z.string(),
        face: moneySchema.nullable().meta({
          description: 'What the line receives, in the offer’s currency (¥50.00 for China Mobile).',
        }),
        face_fx: faceFxSchema.nullable().meta({
          description: 'A face in another currency than USD: the provider’s rate its price was made from.',
        }),
        delivery_status: z.enum(['queued', 'sending', 'processing', 'succeeded', 'failed']),
        delivered_at: timestampSchema.nullable(),
        plan_expires_at: timestampSchema.nullable(),
        pin: z
          .object({
            code: z.string(),
            serial: z.string().nullable(),
            instructions: z.array(z.string()),
            validity: z.string().nullable(),
          })
          .nullable()
          .meta({
            description: 'A refill card’s code: shown whole only here and in the confirmation email.',
          }),
      })
      .nullable()
      .meta({
        description:
          'A line top-up’s delivery. It has no line balance: carriers do not report it through the airtime ' +
          'provider (the balance Reloadly returns is SimFill’s own account there).',
      }),
    subtotal: moneySchema,
    discount: moneySchema,
    fee: moneySchema,
    fee_waived: moneySchema.nullable(),
    tax: moneySchema,
    total: moneySchema,
    charged: moneySchema,
    fx: z
      .object({ rate: z.string(), source: z.string(), as_of: timestampSchema, locked: z.boolean() })
      .nullable(),
    payment: paymentSchema,
    refunds: z.array(refundSchema),
    operator: z.object({ name: z.string(), email: z.string(), address: z.string() }),
  })
  .meta({ id: 'Receipt' });

export type ReceiptView = z.infer<typeof receiptSchema>;

function lineTopUpFacts(
  delivery: DeliveryRow | undefined,
  locked: Record<string, unknown> | undefined,
): ReceiptView['line_topup'] {
  if (!delivery) return null;
  const pin = delivery.result?.pin;
  return {
    recipient: delivery.recipient,
    ...faceOf(locked),
    delivery_status: delivery.status,
    delivered_at: delivery.status === 'succeeded' ? (delivery.finishedAt?.toISOString() ?? null) : null,
    plan_expires_at: expiryOf(delivery)?.toISOString() ?? null,
    pin: pin
      ? { code: pin.code, serial: pin.serial, instructions: pin.instructions, validity: pin.validity }
      : null,
  };
}

/** The receipt of one of the customer's orders: 404 for anyone else's, 409 `order_not_paid` before payment. */
export async function receiptOf(
  deps: ReceiptDeps,
  customerId: string,
  orderId: string,
): Promise<ReceiptView> {
  if (!isId('order', orderId)) throw notFound('order', orderId);
  const order = await getOrder(deps.db, orderId, customerId);
  const paid = (await paymentsOfOrder(deps, order.id)).find((payment) => payment.status === 'succeeded');
  if (!paid || !order.receiptNumber || !order.paidAt) {
    throw new AppError('order_not_paid', { param: 'order' });
  }
  const quote = await getQuote(deps.db, customerId, order.quoteId);
  const contact = await customerContact(deps.db, customerId);
  return {
    object: 'receipt',
    receipt_number: order.receiptNumber,
    order: order.id,
    status: order.status,
    issued_at: order.paidAt.toISOString(),
    time_zone: contact?.timeZone ?? 'UTC',
    customer: { name: contact?.name ?? null, email: contact?.email ?? '' },
    items: quote.items.map((item) => ({
      type: item.kind,
      amount: moneyView(item.amountMinor, item.currency),
      name: nameOfProductFor(item, contact?.locale ?? 'en'),
    })),
    line_topup: lineTopUpFacts(await deliveryOfOrder(deps.db, order.id), order.delivery),
    subtotal: moneyView(quote.subtotalMinor, quote.currency),
    discount: moneyView(quote.discountMinor, quote.currency),
    fee: moneyView(quote.feeMinor, quote.currency),
    fee_waived: quote.feeWaivedMinor > 0 ? moneyView(quote.feeWaivedMinor, quote.currency) : null,
    tax: moneyView(quote.taxMinor, quote.currency),
    total: moneyView(quote.totalMinor, quote.currency),
    charged: moneyView(paid.amountMinor, paid.currency),
    fx:
      quote.fxRate && quote.fxSource && quote.fxAsOf
        ? {
            rate: quote.fxRate,
            source: quote.fxSource,
            as_of: quote.fxAsOf.toISOString(),
            locked: quote.fxLocked,
          }
        : null,
    payment: paymentView(paid),
    refunds: (await refundsOfOrder(deps, order.id)).map(refundView),
    operator: deps.operator,
  };
}
