import type { Tx } from '../../db/index.js';
import { AppError, notFound } from '../../kernel/errors.js';
import {
  illegalTransition,
  lockOrder,
  recentPaidOrderLike,
  transitionOrder,
  type OrderRow,
} from '../../modules/orders/service.js';
import {
  createAtProvider,
  inFlightAttempt,
  openAttempt,
  providerNameFor,
  type OrderToPay,
  type PaymentRow,
} from '../../modules/payments/service.js';
import { matchLocale, type Locale, type LocalizedText } from '../../kernel/i18n/index.js';
import type { PaymentMethod } from '../../ports/payments.js';
import { paymentDescriptionOf } from '../../read/product-names.js';
import { postWalletPayment } from './book.js';
import { deliverIn, startDelivery } from './deliver.js';
import type { Checkout } from './deps.js';
import { productOf } from './products.js';
import { orderMoneyOf } from './refunds.js';

/**
 * Pay: start paying an order (once at a time), by a provider or from the wallet. The provider is called outside
 * the transaction with a key derived from the attempt, so if SimFill crashes or the call times out, asking again
 * with the same key can never charge twice. A wallet payment pays and delivers the order in one transaction.
 */

/** Same recipient, same amount, paid within this window: ask the customer before charging again. */
export const DUPLICATE_WINDOW_MS = 2 * 60_000;

export interface StartPaymentInput {
  customerId: string;
  orderId: string;
  locale: string;
  customerEmail: string | undefined;
  /** The customer saw the "you paid this a minute ago" warning and wants to pay again. */
  confirmDuplicate: boolean;
}

/** Refuses to pay an order that looks like one the customer paid moments ago, unless they confirm. */
async function assertNotDuplicate(tx: Tx, checkout: Checkout, order: OrderRow): Promise<void> {
  const since = new Date(checkout.clock.now().getTime() - DUPLICATE_WINDOW_MS);
  const recent = await recentPaidOrderLike(tx, order, since);
  if (recent) {
    throw new AppError('possible_duplicate_payment', {
      param: 'confirm_duplicate',
      // The customer knows a paid order by its receipt number (the email, the orders list), not its id.
      values: { receipt: recent.receiptNumber ?? recent.id },
    });
  }
}

const toPay = (order: OrderRow, locale: Locale): OrderToPay => ({
  orderId: order.id,
  description: paymentDescriptionOf(
    { kind: order.product, delivery: order.delivery, name: order.delivery.name as LocalizedText | undefined },
    locale,
  ),
  customerId: order.customerId,
  method: order.method as PaymentMethod,
  amountMinor: order.chargeAmountMinor,
  currency: order.chargeCurrency,
});

const localeOf = (input: StartPaymentInput): Locale => matchLocale(input.locale) ?? 'en';

type Prepared =
  | { kind: 'expired' }
  | { kind: 'in_flight'; payment: PaymentRow }
  | { kind: 'created'; payment: PaymentRow }
  | { kind: 'paid_from_wallet'; payment: PaymentRow; order: OrderRow };

/** Starts paying an order, or returns the attempt already in flight (a double click reaches the provider once). */
export async function startPayment(checkout: Checkout, input: StartPaymentInput): Promise<PaymentRow> {
  const prepared = await checkout.db.transaction(async (tx): Promise<Prepared> => {
    const order = await lockOrder(tx, input.orderId);
    if (order.customerId !== input.customerId) throw notFound('order', input.orderId, 'order');
    const inFlight = await inFlightAttempt(tx, order.id);
    if (inFlight) return { kind: 'in_flight', payment: inFlight };
    if (order.status !== 'awaiting_payment') throw illegalTransition(order, 'paid');
    if (checkout.clock.now().getTime() >= order.expiresAt.getTime()) {
      await transitionOrder(tx, checkout.clock, order, 'expired', {
        cause: 'quote_expired',
        actor: 'system',
      });
      return { kind: 'expired' };
    }
    await productOf(order)?.assertDeliverable?.(tx, order);
    if (!input.confirmDuplicate) await assertNotDuplicate(tx, checkout, order);
    const provider = providerNameFor(order.method as PaymentMethod);
    if (provider === 'wallet') return payFromWallet(tx, checkout, order, localeOf(input));
    return {
      kind: 'created',
      payment: await openAttempt(tx, checkout.payments, toPay(order, localeOf(input)), provider),
    };
  });
  if (prepared.kind === 'expired') {
    throw new AppError('quote_expired', { param: 'order' });
  }
  if (prepared.kind === 'paid_from_wallet') {
    if (prepared.order.status === 'fulfilling') await startDelivery(checkout, prepared.order);
    return prepared.payment;
  }
  // A new attempt, or one whose create call never answered: ask the provider (the same key returns the same one).
  if (prepared.payment.status !== 'creating') return prepared.payment;
  return createAtProvider(checkout.payments, prepared.payment, input);
}

/**
 * Pays an order from the customer's wallet, inside the order's transaction: the wallet account is locked and
 * never overdrawn (402 `insufficient_wallet_balance`), and the order is paid and delivered at once.
 */
async function payFromWallet(tx: Tx, checkout: Checkout, order: OrderRow, locale: Locale): Promise<Prepared> {
  const payment = await openAttempt(tx, checkout.payments, toPay(order, locale), 'wallet');
  await postWalletPayment(tx, checkout.clock, payment, await orderMoneyOf(tx, order));
  const delivering = await deliverIn(tx, checkout, order, [
    { to: 'paid', cause: 'payment_succeeded', actor: 'wallet' },
  ]);
  return { kind: 'paid_from_wallet', payment, order: delivering };
}
