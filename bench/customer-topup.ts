import { createStripeProvider } from '../src/adapters/stripe/provider.js';
import type { Config } from '../src/config.js';
import type { Database } from '../src/db/index.js';
import { createCheckout } from '../src/flows/checkout/checkout.js';
import type { Checkout } from '../src/flows/checkout/deps.js';
import { startPayment } from '../src/flows/checkout/pay.js';
import { orderFromQuote } from '../src/flows/checkout/place-order.js';
import type { Clock } from '../src/kernel/clock.js';
import type { JobQueue } from '../src/kernel/jobs.js';
import { createQuote } from '../src/modules/pricing/service.js';

/** What both SimFill processes of the top-ups bench share: the checkout they build, and a customer's calls. */

export const BENCH_STRIPE = { secretKey: 'sk_test_bench_simulator', webhookSecret: 'whsec_bench_simulator' };

export function benchCheckout(
  database: Database,
  clock: Clock,
  jobs: JobQueue,
  config: Config,
  stripeBaseUrl: string,
) {
  return createCheckout({
    db: database.db,
    clock,
    jobs,
    baseUrl: 'http://localhost:8080',
    providers: {
      stripe: createStripeProvider({ ...BENCH_STRIPE, apiBase: stripeBaseUrl, timeoutMs: 10_000 }),
      paypal: undefined,
    },
    operator: config.operator,
  });
}

/** One customer's top-up up to the approval page: quote → order → pay (Alipay). Answers the order and the page. */
export async function customerTopUp(
  checkout: Checkout,
  config: Config,
  index: number,
  customerId: string,
): Promise<{ orderId: string; approvalUrl: string }> {
  const quote = await createQuote(checkout.db, checkout.clock, config.pricing, {
    customerId,
    product: { kind: 'wallet_credit', amountMinor: 1000 + (index % 1000), currency: 'USD' },
    method: 'alipay',
    firstTopUp: false,
  });
  const order = await checkout.db.transaction((tx) => orderFromQuote(tx, checkout.clock, quote, customerId));
  const payment = await startPayment(checkout, {
    customerId,
    orderId: order.id,
    locale: 'zh-CN',
    customerEmail: undefined,
    confirmDuplicate: true,
  });
  if (payment.nextAction?.type !== 'redirect') throw new Error(`no approval page for ${payment.id}`);
  return { orderId: order.id, approvalUrl: payment.nextAction.url };
}
