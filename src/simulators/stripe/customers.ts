import { invalid, invalidParam } from './errors.js';
import { stringRecord, text } from './form.js';
import type { StripeRouter } from './api.js';

/** Customers and their PaymentMethods (list, retrieve, attach, detach). */

export function addCustomerRoutes(router: StripeRouter): void {
  router
    .post('/v1/customers', ({ store, form }) => {
      const customer = {
        id: store.id('cus'),
        object: 'customer',
        email: text(form, 'email') ?? null,
        name: text(form, 'name') ?? null,
        metadata: stringRecord(form, 'metadata'),
        invoice_settings: { default_payment_method: null },
        created: store.unix(),
        livemode: false,
      };
      store.customers.set(customer.id, customer);
      return customer;
    })
    .get('/v1/customers/:id', ({ store, params }) => store.customerOf(params.id!))
    .get('/v1/customers/:id/payment_methods', ({ store, params, query, listOf }) => {
      store.customerOf(params.id!);
      const type = query.get('type');
      const data = [...store.paymentMethods.values()]
        .filter((pm) => pm.customer === params.id && (!type || pm.type === type))
        .reverse();
      return listOf(data);
    });
}

export function addPaymentMethodRoutes(router: StripeRouter): void {
  router
    .get('/v1/payment_methods', ({ store, query, listOf }) => {
      const customer = query.get('customer');
      const type = query.get('type');
      const data = [...store.paymentMethods.values()]
        .filter((pm) => pm.customer !== null && pm.customer === customer && (!type || pm.type === type))
        .reverse();
      return listOf(data);
    })
    .get('/v1/payment_methods/:id', ({ store, params }) => store.methodOf(params.id!))
    .post('/v1/payment_methods/:id/attach', ({ store, params, form }) => {
      const pm = store.methodOf(params.id!);
      const customer = text(form, 'customer');
      if (!customer) throw invalidParam('Missing required param: customer.', 'customer', 'parameter_missing');
      store.customerOf(customer);
      if (pm.customer && pm.customer !== customer) {
        throw invalid(
          'The payment method you provided has already been attached to a customer.',
          undefined,
          'resource_already_exists',
        );
      }
      pm.customer = customer;
      return pm;
    })
    .post('/v1/payment_methods/:id/detach', ({ store, params }) => {
      const pm = store.methodOf(params.id!);
      if (!pm.customer) {
        throw invalid(
          `The payment method you provided is not attached to a customer so detachment is impossible.`,
          undefined,
          'payment_method_unexpected_state',
        );
      }
      pm.customer = null;
      return pm;
    });
}
