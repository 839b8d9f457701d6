import type { Db, Tx } from '../../db/index.js';
import type { Clock } from '../../kernel/clock.js';
import type { JobQueue } from '../../kernel/jobs.js';
import type { Money } from '../../kernel/money.js';
import {
  PAYMENT_METHODS,
  type PaymentMethod,
  type PaymentProvider,
  type ProviderPayment,
  type SavedMethodProvider,
} from '../../ports/payments.js';
import type { PaymentRow, RefundRow } from './schema.js';

/** PayPal needs the merchant to capture an approved order; Stripe captures by itself. */
export interface CapturingProvider extends PaymentProvider {
  capturePayment(providerPaymentId: string, idempotencyKey: string): Promise<ProviderPayment>;
}

export interface PaymentProviders {
  stripe: (PaymentProvider & SavedMethodProvider) | undefined;
  paypal: CapturingProvider | undefined;
}

/**
 * What payments reports about the money it moved, to whoever owns the order it was for (the checkout flow
 * implements this). Each call runs inside the transaction that records the change, so the order's side happens
 * exactly when the payment's does. Payments itself knows an order only as an opaque reference.
 */
/** Work to run after a transaction has committed. */
export type AfterCommit = () => Promise<void>;

export interface PaymentOutcomes {
  /**
   * An attempt succeeded: the provider holds the customer's money for `payment.orderId`. May answer work to
   * run once the transaction has committed (a fast path that must not wait for a job's poll; it logs its errors).
   */
  paymentSucceeded(
    tx: Tx,
    payment: PaymentRow,
    source: { cause: string; actor: string },
  ): Promise<AfterCommit | undefined>;
  /**
   * A refund of the order is about to settle: lock what the owner locks before a payment (the order), so every
   * transaction takes its locks in the same order.
   */
  holdOrder(tx: Tx, orderId: string): Promise<void>;
  /** The provider confirmed a refund. */
  refundSucceeded(tx: Tx, refund: RefundRow): Promise<void>;
  /**
   * The provider refused a refund for good; payments has already given the amount back to the payment.
   * `refundedBeforeMinor` is what the payment had refunded before this refund.
   */
  refundFailed(tx: Tx, refund: RefundRow, payment: PaymentRow, refundedBeforeMinor: number): Promise<void>;
}

export interface PaymentsDeps {
  db: Db;
  clock: Clock;
  jobs: JobQueue;
  /** The portal's address: where providers send customers back. */
  baseUrl: string;
  providers: PaymentProviders;
  /** Operator details printed on receipts. */
  operator: { name: string; email: string; address: string };
  outcomes: PaymentOutcomes;
}

export type ProviderName = keyof PaymentProviders | 'wallet';

export function providerNameFor(method: PaymentMethod): ProviderName {
  if (method === 'wallet') return 'wallet';
  return method === 'paypal' ? 'paypal' : 'stripe';
}

/** The smallest charge each method's provider takes, for quotes to refuse what the provider would. */
export function minimumChargesOf(providers: PaymentProviders): Partial<Record<PaymentMethod, Money>> {
  const minimums: Partial<Record<PaymentMethod, Money>> = {};
  for (const method of PAYMENT_METHODS) {
    const name = providerNameFor(method);
    if (method === 'wallet' || name === 'wallet') continue;
    const minimum = providers[name]?.minimumCharge?.(method);
    if (minimum) minimums[method] = minimum;
  }
  return minimums;
}

export const PAYMENT_JOBS = {
  applyEvent: 'payments-apply-event',
  capture: 'payments-capture',
  refund: 'payments-refund',
  reconcile: 'payments-reconcile',
} as const;
