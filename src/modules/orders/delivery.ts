import type { Db, Tx } from '../../db/index.js';
import type { Clock } from '../../kernel/clock.js';
import type { JobQueue } from '../../kernel/jobs.js';
import { formatMoney, money } from '../../kernel/money.js';
import { customerContact } from '../identity/service.js';
import { formatMoment } from '../identity/service.js';
import { queueEmail, type TemplateName } from '../notifications/service.js';
import type { Locale } from '../../kernel/i18n/index.js';
import { postWalletCredit } from '../payments/postings.js';
import { refundUndeliveredOrder } from '../payments/refunds.js';
import type { OrderRow } from './schema.js';
import { lockOrder, transitionOrder } from './service.js';

/**
 * Delivery: what a paid order turns into. Each product implements `DeliveryHandler`; the wallet credit is
 * immediate, line top-ups and eSIMs (next issues) answer `pending` and finish from their provider's callback or
 * status job. Runs as a job enqueued in the payment's transaction, so a paid order is always delivered or, when
 * delivery fails for good, refunded.
 */

export type DeliveryResult =
  { status: 'delivered' } | { status: 'pending' } | { status: 'failed'; reason: string };

export interface ReceiptContact {
  locale: Locale;
  timeZone: string;
}

export interface DeliveryHandler {
  deliver(tx: Tx, clock: Clock, order: OrderRow): Promise<DeliveryResult>;
  /**
   * Before any money moves: throws (4xx `AppError`) when the order can no longer be delivered as it was quoted,
   * e.g. its line was removed or its carrier changed since. Nothing is charged then; the customer gets a new price.
   */
  assertDeliverable?(tx: Tx, order: OrderRow): Promise<void>;
  /**
   * After a `pending` delivery's transaction committed: start it now rather than at its job's next poll (the job
   * stays the guarantee). Errors are the job's to retry.
   */
  started?(orderId: string): Promise<void>;
  /** The confirmation email of a delivered order; without it, the wallet credit's. */
  receiptEmail?(
    tx: Tx,
    order: OrderRow,
    contact: ReceiptContact,
  ): Promise<{ template: TemplateName; values: Record<string, string> }>;
}

const DELIVERY_HANDLERS: Record<string, DeliveryHandler> = {
  wallet_credit: {
    async deliver(tx, clock, order) {
      await postWalletCredit(tx, clock, {
        orderId: order.id,
        customerId: order.customerId,
        amountMinor: Number(order.delivery.amount_minor),
      });
      return { status: 'delivered' };
    },
  },
};

/** The product's check that `order` can still be delivered as quoted (see `DeliveryHandler`). */
export async function assertDeliverable(tx: Tx, order: OrderRow): Promise<void> {
  await DELIVERY_HANDLERS[order.product]?.assertDeliverable?.(tx, order);
}

/** Products of later modules (line top-ups, eSIMs) register how they are delivered. */
export function registerDeliveryHandler(product: string, handler: DeliveryHandler): void {
  DELIVERY_HANDLERS[product] = handler;
}

export interface DeliveryDeps {
  clock: Clock;
  jobs: JobQueue;
  baseUrl: string;
}

/** Delivers a paid order in its own transaction, then starts a pending delivery at once (the deliver job). */
export async function deliverPaidOrder(deps: DeliveryDeps & { db: Db }, orderId: string): Promise<OrderRow> {
  const order = await deps.db.transaction((tx) => deliverOrder(tx, deps, orderId));
  if (order.status === 'fulfilling')
    await DELIVERY_HANDLERS[order.product]?.started?.(order.id).catch(() => undefined);
  return order;
}

/** Delivers a paid order (job). Idempotent: an order that is not `paid` any more is left alone. */
export async function deliverOrder(tx: Tx, deps: DeliveryDeps, orderId: string): Promise<OrderRow> {
  let order = await lockOrder(tx, orderId);
  if (order.status !== 'paid') return order;
  const handler = DELIVERY_HANDLERS[order.product];
  if (!handler) throw new Error(`no delivery handler for ${order.product}`);
  order = await transitionOrder(tx, deps.clock, order, 'fulfilling', {
    cause: 'delivery_started',
    actor: 'system',
  });
  const result = await handler.deliver(tx, deps.clock, order);
  if (result.status === 'pending') return order;
  return settleDelivery(tx, deps, order, result);
}

/**
 * Ends a delivery that was pending (a line top-up the provider confirmed or refused later). Idempotent: an order
 * no longer `fulfilling` is left alone.
 */
export async function finishDelivery(
  tx: Tx,
  deps: DeliveryDeps,
  orderId: string,
  result: Exclude<DeliveryResult, { status: 'pending' }>,
): Promise<OrderRow> {
  const order = await lockOrder(tx, orderId);
  if (order.status !== 'fulfilling') return order;
  return settleDelivery(tx, deps, order, result);
}

async function settleDelivery(
  tx: Tx,
  deps: DeliveryDeps,
  fulfilling: OrderRow,
  result: Exclude<DeliveryResult, { status: 'pending' }>,
): Promise<OrderRow> {
  if (result.status === 'failed') {
    // Failed for good: the customer gets their money back at once, to the method they paid with.
    const failed = await transitionOrder(tx, deps.clock, fulfilling, 'failed', {
      cause: result.reason,
      actor: 'system',
    });
    await refundUndeliveredOrder(tx, deps, failed);
    return lockOrder(tx, failed.id);
  }
  const order = await transitionOrder(tx, deps.clock, fulfilling, 'fulfilled', {
    cause: 'delivered',
    actor: 'system',
  });
  await queueReceiptEmail(tx, deps, order);
  return order;
}

/** The confirmation email: what was bought, what was charged, and a link to the receipt. */
export async function queueReceiptEmail(tx: Tx, deps: DeliveryDeps, order: OrderRow): Promise<void> {
  const contact = await customerContact(tx, order.customerId);
  if (!contact) return;
  const receiptLink = `${deps.baseUrl}/account/orders/${order.id}/receipt`;
  const custom = await DELIVERY_HANDLERS[order.product]?.receiptEmail?.(tx, order, contact);
  if (custom) {
    await queueEmail(tx, deps.jobs, deps.clock, {
      to: contact.email,
      locale: contact.locale,
      template: custom.template,
      referenceId: order.id,
      values: {
        receiptNumber: order.receiptNumber ?? order.id,
        charged: formatMoney(money(order.chargeAmountMinor, order.chargeCurrency), contact.locale),
        when: formatMoment(deps.clock.now(), contact.locale, contact.timeZone),
        receiptLink,
        ...custom.values,
      },
    });
    return;
  }
  const credited = money(Number(order.delivery.amount_minor), String(order.delivery.currency));
  await queueEmail(tx, deps.jobs, deps.clock, {
    to: contact.email,
    locale: contact.locale,
    template: 'order_receipt',
    referenceId: order.id,
    values: {
      receiptNumber: order.receiptNumber ?? order.id,
      credited: formatMoney(credited, contact.locale),
      charged: formatMoney(money(order.chargeAmountMinor, order.chargeCurrency), contact.locale),
      when: formatMoment(order.paidAt ?? deps.clock.now(), contact.locale, contact.timeZone),
      receiptLink,
    },
  });
}
