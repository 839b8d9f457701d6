import { z } from 'zod';
import type { DbOrTx } from '../db/index.js';
import { notFound } from '../kernel/errors.js';
import { isId } from '../kernel/ids.js';
import { pickText, type Locale } from '../kernel/i18n/index.js';
import { carrierSlugFor, getOffer } from '../modules/catalog/service.js';
import { getOrder } from '../modules/orders/service.js';
import { deliveryOfOrder, type DeliveryRow } from '../modules/provisioning/service.js';
import { redemptionSteps } from './pin-redemption.js';

/**
 * A delivered refill PIN, whole, with how to redeem it in the customer's language. A secret: only its order's
 * owner reads it, on request (`GET /v1/orders/{id}/pin`), never in a list; lists and the line's history show
 * it masked.
 */

export const refillPinSchema = z
  .object({
    object: z.literal('refill_pin'),
    order: z.string(),
    receipt_number: z.string().nullable(),
    recipient: z.string().meta({ description: 'The number the PIN was bought for (E.164).' }),
    product: z.string().meta({ description: 'What was bought, in your language.' }),
    code: z.string(),
    serial: z.string().nullable(),
    validity: z
      .string()
      .nullable()
      .meta({ description: 'How long the PIN can be redeemed, as the carrier says.' }),
    steps: z.array(z.string()).meta({ description: 'How to redeem it with this carrier, in your language.' }),
    carrier_note: z
      .array(z.string())
      .meta({ description: 'The carrier’s own instructions, as the provider gave them (usually English).' }),
  })
  .meta({ id: 'RefillPin' });

export type RefillPinView = z.infer<typeof refillPinSchema>;

/** The carrier a delivery went to, by its product's operator; undefined when the product is gone. */
export async function carrierOfDelivery(db: DbOrTx, delivery: DeliveryRow): Promise<string | undefined> {
  const offer = await getOffer(db, delivery.productId).catch(() => undefined);
  return offer ? carrierSlugFor(offer.operator.name) : undefined;
}

/** 404 for another customer's order, an order with no PIN, or a PIN not delivered yet. */
export async function refillPinOf(
  db: DbOrTx,
  input: { customerId: string; orderId: string; locale: Locale },
): Promise<RefillPinView> {
  if (!isId('order', input.orderId)) throw notFound('order', input.orderId);
  const order = await getOrder(db, input.orderId, input.customerId);
  const delivery = await deliveryOfOrder(db, order.id);
  const pin = delivery?.status === 'succeeded' ? delivery.result?.pin : undefined;
  if (!delivery || !pin) throw notFound('refill_pin', order.id);
  return {
    object: 'refill_pin',
    order: order.id,
    receipt_number: order.receiptNumber,
    recipient: delivery.recipient,
    product: pickText(delivery.spec.name, input.locale),
    code: pin.code,
    serial: pin.serial,
    validity: pin.validity,
    steps: [...redemptionSteps(await carrierOfDelivery(db, delivery), input.locale)],
    carrier_note: pin.instructions,
  };
}
