import type { JobDefinition } from '../../kernel/jobs.js';
import { esimJobs } from '../../modules/esim/service.js';
import { paymentJobs } from '../../modules/payments/service.js';
import { provisioningJobs } from '../../modules/provisioning/service.js';
import { deliverLeftPaid } from './deliver.js';
import type { Checkout } from './deps.js';
import { expireOrders } from './expire.js';

/** The checkout's own queues (names kept from when orders defined them, so queued jobs still run). */
export const CHECKOUT_JOBS = { deliver: 'orders-deliver', expireOrders: 'orders-expire' } as const;

/** Every job of the order path: the flow's, and payments' and provisioning's bound to this flow. */
export function checkoutJobs(checkout: Checkout, options: { lineTopUps: boolean }): JobDefinition[] {
  return [
    ...paymentJobs(checkout.payments),
    {
      // Orders paid before delivery moved into the paying transaction may still have this job queued.
      queue: CHECKOUT_JOBS.deliver,
      pollingIntervalSeconds: 0.5,
      batchSize: 25,
      retryLimit: 10,
      run: (payload) => deliverLeftPaid(checkout, (payload as { orderId: string }).orderId),
    },
    {
      queue: CHECKOUT_JOBS.expireOrders,
      cron: '* * * * *',
      retryLimit: 1,
      run: async () => {
        await expireOrders(checkout);
      },
    },
    ...(options.lineTopUps ? provisioningJobs(checkout.provisioning) : []),
    // eSIM orders: a step does nothing for a source that is not configured.
    ...esimJobs(checkout.esim),
  ];
}
