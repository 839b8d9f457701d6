import type { Tx } from '../../db/index.js';
import type { Locale, LocalizedText } from '../../kernel/i18n/index.js';
import { formatPhoneNumber } from '../../kernel/phone.js';
import { formatMoment } from '../../modules/identity/service.js';
import type { TemplateName } from '../../modules/notifications/service.js';
import type { OrderRow } from '../../modules/orders/service.js';
import {
  advanceDelivery,
  deliveryOfOrder,
  expiryOf,
  queueDelivery,
  type LineTopUpDelivery,
} from '../../modules/provisioning/service.js';
import { carrierOfDelivery } from '../../read/refill-pin.js';
import { redemptionSteps } from '../../read/pin-redemption.js';
import { nameOfProduct } from '../../read/product-names.js';
import { postWalletCredit } from './book.js';
import type { Checkout } from './deps.js';
import { esimReceiptEmail, queueEsimOfOrder, startEsimOrder } from './esim.js';
import { assertStillAsQuoted } from './offers.js';

/**
 * What each product is and how a paid order of it is delivered: one static map, read top to bottom. An
 * `instant` product is delivered inside the payment's transaction (paid → fulfilling → fulfilled in one go);
 * a `later` product is started there (its delivery queued) and finished by its module's outcome
 * (`delivery-outcomes.ts`, `esim.ts`). A new eSIM (`esim`) and more data on one (`esim_topup`) are `later`
 * products: their eSIM order is queued in the paying transaction and finished by the esim module's outcome.
 */

export interface ReceiptContact {
  locale: Locale;
  timeZone: string;
}

export interface Product {
  delivery: 'instant' | 'later';
  /**
   * Before any money moves: throws (4xx `AppError`) when the order can no longer be delivered as it was quoted,
   * e.g. its line was removed or its carrier changed since. Nothing is charged then; the customer gets a new price.
   */
  assertDeliverable?(tx: Tx, order: OrderRow): Promise<void>;
  /** Inside the payment's transaction: deliver (instant) or start delivering (later). */
  deliver(tx: Tx, checkout: Checkout, order: OrderRow): Promise<void>;
  /** After that transaction committed: start a `later` delivery now rather than at its job's next poll. */
  started?(checkout: Checkout, orderId: string): Promise<void>;
  /** The confirmation email of a delivered order; without it, the wallet credit's. */
  receiptEmail?(
    tx: Tx,
    order: OrderRow,
    contact: ReceiptContact,
    links: { baseUrl: string },
  ): Promise<{ template: TemplateName; values: Record<string, string> }>;
}

const walletCredit: Product = {
  delivery: 'instant',
  async deliver(tx, checkout, order) {
    await postWalletCredit(tx, checkout.clock, {
      orderId: order.id,
      customerId: order.customerId,
      amountMinor: Number(order.delivery.amount_minor),
    });
  },
};

const lineTopUp: Product = {
  delivery: 'later',
  assertDeliverable: (tx, order) => assertStillAsQuoted(tx, order),
  async deliver(tx, checkout, order) {
    await queueDelivery(tx, checkout.provisioning, {
      orderId: order.id,
      customerId: order.customerId,
      wanted: order.delivery as unknown as LineTopUpDelivery,
    });
  },
  async started(checkout, orderId) {
    const delivery = await deliveryOfOrder(checkout.db, orderId);
    if (delivery) await advanceDelivery(checkout.provisioning, delivery.id);
  },
  async receiptEmail(tx, order, contact) {
    const row = (await deliveryOfOrder(tx, order.id))!;
    const values: Record<string, string> = {
      product: nameOfProduct(
        { kind: order.product, delivery: order.delivery, name: order.delivery.name as LocalizedText },
        contact.locale,
      ),
      recipient: formatPhoneNumber(row.recipient),
    };
    const expiry = expiryOf(row);
    if (expiry) values.expiry = formatMoment(expiry, contact.locale, contact.timeZone);
    const pin = row.result?.pin;
    if (pin) {
      values.pin = pin.code;
      if (pin.serial) values.pinSerial = pin.serial;
      const steps = redemptionSteps(await carrierOfDelivery(tx, row), contact.locale);
      values.pinSteps = steps.map((step, index) => `${index + 1}. ${step}`).join('\n');
      if (pin.instructions.length > 0) values.pinCarrierNote = pin.instructions.join(' ');
    }
    return { template: 'topup_delivered', values };
  },
};

/** A new eSIM of a catalog plan, or more data on one the customer has: bought from the eSIM's source. */
const esimOrder = (kind: 'new' | 'topup'): Product => ({
  delivery: 'later',
  deliver: (tx, checkout, order) => queueEsimOfOrder(tx, checkout, order, kind),
  started: (checkout, orderId) => startEsimOrder(checkout, orderId),
  receiptEmail: (tx, order, contact, links) => esimReceiptEmail(tx, order, contact, links),
});

export const PRODUCTS = {
  wallet_credit: walletCredit,
  line_topup: lineTopUp,
  esim: esimOrder('new'),
  esim_topup: esimOrder('topup'),
} as const satisfies Record<string, Product>;

export type ProductKind = keyof typeof PRODUCTS;

/** The product of an order; undefined for one this version cannot deliver (it is refunded, never kept). */
export function productOf(order: Pick<OrderRow, 'product'>): Product | undefined {
  return Object.hasOwn(PRODUCTS, order.product) ? PRODUCTS[order.product as ProductKind] : undefined;
}
