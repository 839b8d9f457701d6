import type { CreatePaymentInput } from '../../src/ports/payments.js';

/** Where a provider sends the customer back after paying, in provider-level tests. */
export const RETURN_URL = 'http://localhost:8080/account/orders/ord_x?payment=pay_x';

/** A $20.88 card payment for order `ord_<n>`, as the payments module asks a provider for one. */
export function aPaymentInput(
  sequence: number,
  idempotencyKey: string,
  overrides: Partial<CreatePaymentInput> = {},
): CreatePaymentInput {
  return {
    idempotencyKey,
    amountMinor: 2088,
    currency: 'USD',
    method: 'card',
    description: 'SimFill wallet top-up',
    metadata: { order_id: `ord_${sequence}`, payment_id: `pay_${sequence}` },
    returnUrl: RETURN_URL,
    cancelUrl: 'http://localhost:8080/account/orders/ord_x',
    locale: 'en',
    customerEmail: 'li@example.com',
    saved: undefined,
    ...overrides,
  };
}
