import { and, eq } from 'drizzle-orm';
import { AppError, notFound } from '../../kernel/errors.js';
import type { PaymentsDeps } from './context.js';
import type { PaymentMethodDisplay, ProviderSetup } from '../../ports/payments.js';
import { providerCustomers } from './schema.js';

/**
 * Saved payment methods (for auto-recharge): cards saved through the provider's SetupIntent flow. SimFill keeps
 * only the provider customer id; the methods (tokens, brand, last4) live at the provider and are listed from it.
 */

function stripeOf(deps: PaymentsDeps) {
  const stripe = deps.providers.stripe;
  if (!stripe) {
    throw new AppError('payment_provider_unavailable', { values: { provider: 'stripe' } });
  }
  return stripe;
}

async function providerCustomerOf(deps: PaymentsDeps, customerId: string): Promise<string | undefined> {
  const [row] = await deps.db
    .select()
    .from(providerCustomers)
    .where(and(eq(providerCustomers.customerId, customerId), eq(providerCustomers.provider, 'stripe')));
  return row?.providerCustomerId;
}

/** Starts saving a card: the customer is sent to the provider's page and comes back to the methods page. */
export async function startSavingMethod(
  deps: PaymentsDeps,
  input: { customerId: string; email: string; locale: string; idempotencyKey: string },
): Promise<ProviderSetup> {
  const stripe = stripeOf(deps);
  let providerCustomerId = await providerCustomerOf(deps, input.customerId);
  if (!providerCustomerId) {
    // The provider de-duplicates on this key, so two first saves at once create one provider customer.
    providerCustomerId = await stripe.ensureCustomer({
      idempotencyKey: `simfill_customer_${input.customerId}`,
      email: input.email,
      simfillCustomerId: input.customerId,
    });
    await deps.db
      .insert(providerCustomers)
      .values({
        customerId: input.customerId,
        provider: 'stripe',
        providerCustomerId,
        createdAt: deps.clock.now(),
      })
      .onConflictDoNothing();
  }
  return stripe.createSetup({
    idempotencyKey: `simfill_setup_${input.idempotencyKey}`,
    providerCustomerId,
    returnUrl: `${deps.baseUrl}/account/payment-methods`,
    locale: input.locale,
  });
}

export async function listSavedMethods(
  deps: PaymentsDeps,
  customerId: string,
): Promise<PaymentMethodDisplay[]> {
  const providerCustomerId = await providerCustomerOf(deps, customerId);
  if (!providerCustomerId) return [];
  return stripeOf(deps).listMethods(providerCustomerId);
}

/** Removes a saved method of this customer (another customer's id is a 404, as if it did not exist). */
export async function removeSavedMethod(
  deps: PaymentsDeps,
  customerId: string,
  methodId: string,
): Promise<void> {
  const methods = await listSavedMethods(deps, customerId);
  if (!methods.some((method) => method.providerMethodId === methodId)) {
    throw notFound('payment_method', methodId);
  }
  await stripeOf(deps).detachMethod(methodId);
}
