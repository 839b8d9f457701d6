import type { Checkout, CheckoutParts } from './deps.js';
import { NO_AIRTIME } from './deps.js';
import { DEFAULT_ESIM_SETTINGS } from '../../modules/esim/service.js';
import { esimOutcomesOf } from './esim.js';
import { deliveryOutcomesOf, paymentOutcomesOf } from './outcomes.js';

/**
 * Builds the checkout flow from its parts and binds the modules' outcome ports to it: payments and provisioning
 * report to this flow, whoever calls them.
 */
export function createCheckout(parts: CheckoutParts): Checkout {
  const airtime = parts.airtime ?? NO_AIRTIME;
  const checkout: Checkout = {
    db: parts.db,
    clock: parts.clock,
    jobs: parts.jobs,
    baseUrl: parts.baseUrl,
    operator: parts.operator,
    payments: {
      db: parts.db,
      clock: parts.clock,
      jobs: parts.jobs,
      baseUrl: parts.baseUrl,
      providers: parts.providers,
      operator: parts.operator,
      get outcomes() {
        return payments;
      },
    },
    provisioning: {
      db: parts.db,
      clock: parts.clock,
      jobs: parts.jobs,
      baseUrl: parts.baseUrl,
      // Read at each use: a test may start its airtime simulator after building the checkout.
      get provider() {
        return airtime.provider;
      },
      settings: airtime.settings,
      float: airtime.float,
      get outcomes() {
        return deliveries;
      },
    },
    esim: {
      db: parts.db,
      clock: parts.clock,
      jobs: parts.jobs,
      sources: parts.esim?.sources ?? {},
      settings: parts.esim?.settings ?? DEFAULT_ESIM_SETTINGS,
      get outcomes() {
        return esims;
      },
    },
  };
  const payments = paymentOutcomesOf(checkout);
  const deliveries = deliveryOutcomesOf(checkout);
  const esims = esimOutcomesOf(checkout);
  return checkout;
}
