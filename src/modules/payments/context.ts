import type { Db } from '../../db/index.js';
import type { Clock } from '../../kernel/clock.js';
import type { JobQueue } from '../../kernel/jobs.js';
import type { Money } from '../../kernel/money.js';
import { PAYMENT_METHODS, type PaymentMethod } from '../pricing/service.js';
import type { PaymentProvider, ProviderPayment, SavedMethodProvider } from '../../ports/payments.js';

/** PayPal needs the merchant to capture an approved order; Stripe captures by itself. */
export interface CapturingProvider extends PaymentProvider {
  capturePayment(providerPaymentId: string, idempotencyKey: string): Promise<ProviderPayment>;
}

export interface PaymentProviders {
  stripe: (PaymentProvider & SavedMethodProvider) | undefined;
  paypal: CapturingProvider | undefined;
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
  deliver: 'orders-deliver',
  applyEvent: 'payments-apply-event',
  capture: 'payments-capture',
  refund: 'payments-refund',
  reconcile: 'payments-reconcile',
  expireOrders: 'orders-expire',
} as const;
