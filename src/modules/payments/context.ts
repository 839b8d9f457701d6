import type { Db } from '../../db/index.js';
import type { Clock } from '../../kernel/clock.js';
import type { JobQueue } from '../../kernel/jobs.js';
import type { PaymentMethod } from '../pricing/service.js';
import type { PaymentProvider, ProviderPayment, SavedMethodProvider } from './provider.js';

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

export const PAYMENT_JOBS = {
  deliver: 'orders-deliver',
  applyEvent: 'payments-apply-event',
  capture: 'payments-capture',
  refund: 'payments-refund',
  reconcile: 'payments-reconcile',
  expireOrders: 'orders-expire',
} as const;
