import { and, eq, inArray, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../src/kernel/clock.js';
import { balancesByKind, trialBalance } from '../src/modules/ledger/service.js';
import { orders } from '../src/modules/orders/schema.js';
import { createOrder } from '../src/modules/orders/service.js';
import { payments } from '../src/modules/payments/schema.js';
import { expireOrders } from '../src/flows/checkout/expire.js';
import { startPayment } from '../src/flows/checkout/pay.js';
import { reconcilePayments } from '../src/modules/payments/service.js';
import { createQuote } from '../src/modules/pricing/service.js';
import { loadConfig } from '../src/config.js';
import { useDatabase } from './helpers/databases.js';
import { decide } from './helpers/hosted.js';
import { usePaymentWorld } from './helpers/payments.js';

const ORDERS = 1_000;
const CONCURRENCY = 25;

/** Runs `work` over `items` with at most `limit` in flight. */
async function pool<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

describe('payments under random provider failures, duplicate, reordered and lost webhooks [postgres]', () => {
  const testDb = useDatabase('postgres');
  const clock = new ManualClock(new Date());
  const world = usePaymentWorld(testDb, clock);

  it(
    `ends ${ORDERS} orders each fulfilled or never charged, nothing charged twice, the ledger at zero`,
    { timeout: 600_000 },
    async () => {
      const { checkout, deps, stripe } = world;
      const db = testDb.database.db;
      const settings = loadConfig({}).pricing;
      stripe.faults.failureRate = 0.1;
      stripe.faults.duplicateWebhooks = true;
      stripe.faults.reorderWebhooks = true;
      stripe.faults.dropWebhookRate = 0.2;
      const decided = new Set<string>();
      const approve = async (paymentId: string, url: string, index: number) => {
        if (decided.has(paymentId)) return;
        decided.add(paymentId);
        await decide(url, index % 10 === 7 ? 'decline' : 'approve');
      };

      await pool(
        Array.from({ length: ORDERS }, (_, index) => index),
        CONCURRENCY,
        async (index) => {
          const customerId = `cus_fault${String(index % 20).padStart(4, '0')}`;
          const quote = await createQuote(db, clock, settings, {
            customerId,
            product: { kind: 'wallet_credit', amountMinor: 500 + index, currency: 'USD' },
            method: index % 3 === 0 ? 'card' : 'alipay',
            firstTopUp: false,
          });
          const order = await db.transaction((tx) =>
            createOrder(
              tx,
              clock,
              {
                customerId,
                quoteId: quote.id,
                product: 'wallet_credit',
                delivery: { wallet: customerId, amount_minor: 500 + index, currency: 'USD' },
                method: quote.method,
                currency: 'USD',
                totalMinor: quote.totalMinor,
                chargeCurrency: quote.chargeCurrency,
                chargeAmountMinor: quote.chargeAmountMinor,
                expiresAt: quote.expiresAt,
              },
              customerId,
            ),
          );
          if (quote.method === 'card') return; // left unpaid: it must expire and never charge
          const payment = await startPayment(checkout, {
            customerId,
            orderId: order.id,
            locale: 'en',
            customerEmail: undefined,
            confirmDuplicate: true,
          });
          const action = payment.nextAction;
          if (action?.type === 'redirect') await approve(payment.id, action.url, index);
        },
      );

      // Reconcile until the provider has settled every attempt SimFill started (and approve those whose create
      // call failed the first time, once their page exists).
      for (let round = 0; round < 60; round += 1) {
        clock.advance(1_000);
        await reconcilePayments(deps, { staleAfterMs: 0, limit: ORDERS });
        const open = await db
          .select()
          .from(payments)
          .where(inArray(payments.status, ['creating', 'requires_action', 'processing']));
        const undecided = open.filter(
          (payment) => payment.nextAction?.type === 'redirect' && !decided.has(payment.id),
        );
        for (const payment of undecided) {
          const url = (payment.nextAction as { url: string }).url;
          await approve(payment.id, url, Number(payment.amountMinor));
        }
        if (open.length === 0) break;
      }
      stripe.faults.reset();
      // Delivery jobs finish what the webhooks and reconciliation started.
      const deadline = Date.now() + 120_000;
      for (;;) {
        const [row] = await db
          .select({ count: sql<string>`count(*)` })
          .from(orders)
          .where(inArray(orders.status, ['paid', 'fulfilling']));
        if (Number(row!.count) === 0) break;
        if (Date.now() > deadline) throw new Error(`${row!.count} paid orders never delivered`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      clock.advance(20 * 60_000);
      while ((await expireOrders(checkout)) > 0);

      const all = await db.select().from(orders);
      expect(all).toHaveLength(ORDERS);
      const byStatus: Record<string, typeof all> = {};
      for (const order of all) (byStatus[order.status] ??= []).push(order);
      expect(Object.keys(byStatus).sort()).toEqual(['expired', 'fulfilled']);

      // The provider's side: every charge maps to exactly one fulfilled order; no order was charged twice.
      const charged = stripe.succeededIntents();
      const succeeded = await db.select().from(payments).where(eq(payments.status, 'succeeded'));
      expect(charged).toHaveLength(succeeded.length);
      expect(new Set(succeeded.map((payment) => payment.orderId)).size).toBe(succeeded.length);
      expect(new Set(charged.map((intent) => intent.metadata.payment_id))).toEqual(
        new Set(succeeded.map((payment) => payment.id)),
      );
      expect(byStatus.fulfilled).toHaveLength(succeeded.length);
      const declined = await db
        .select({ id: payments.id })
        .from(payments)
        .where(and(eq(payments.status, 'failed')));
      expect(declined.length).toBeGreaterThan(0);

      // The faults really happened: webhooks arrived twice and some were never sent.
      const delivered = stripe.deliveredEvents().map((event) => event.id);
      expect(new Set(delivered).size).toBeLessThan(delivered.length);

      for (const row of await trialBalance(db)) expect(row.sumMinor, row.currency).toBe(0);
      const wallets = await balancesByKind(db, 'customer_wallet');
      const credited = byStatus.fulfilled!.reduce(
        (sum, order) => sum + Number(order.delivery.amount_minor),
        0,
      );
      expect(wallets.reduce((sum, wallet) => sum + wallet.balance.amountMinor, 0)).toBe(credited);
    },
  );
});
