import { and, desc, eq, gt, inArray } from 'drizzle-orm';
import { notFound } from '../../kernel/errors.js';
import type { DbOrTx } from '../../db/index.js';
import type { JobDefinition } from '../../kernel/jobs.js';
import { advanceDelivery, PROVISIONING_JOBS, sweepDeliveries, type ProvisioningDeps } from './deliveries.js';
import { deliveries, deliveryEvents, type DeliveryRow } from './schema.js';
import { RECONCILE_JOB, runReconciliation, startReconciliation } from './reconcile.js';
import { readFloat } from './float.js';

/**
 * Provisioning's door: line top-ups after payment (queued by the checkout flow, which hears back through
 * `DeliveryOutcomes`), the provider float, reconciliation, what a line has received.
 */

export {
  AirtimeProviderError,
  type AirtimeOperator,
  type AirtimeProvider,
  type AirtimeTransaction,
} from '../../ports/airtime.js';
export {
  advanceDelivery,
  applyTransaction,
  isOperatorDown,
  PROVISIONING_JOBS,
  queueDelivery,
  recordOperatorTakenOffSale,
  sweepDeliveries,
  type DeliveryOutcomes,
  type LineTopUpDelivery,
  type ProvisioningDeps,
  type ProvisioningSettings,
} from './deliveries.js';
export type { DeliveryRow } from './schema.js';
export {
  DELAY_REASONS,
  DELIVERY_PHASES,
  progressOfDeliveries,
  type DelayReason,
  type DeliveryPhase,
  type DeliveryProgress,
} from './progress.js';

export { floatReadingsOf, readFloat, type FloatSettings } from './float.js';

const PIN_MASK = '•••• ';

/** The PIN shown outside the receipt and its email: the last 4 characters only. */
export function maskPin(code: string): string {
  return code.length <= 4 ? PIN_MASK : `${PIN_MASK}${code.slice(-4)}`;
}

/** A renewed plan runs for its validity from the moment it was delivered. */
export function expiryOf(row: DeliveryRow): Date | undefined {
  if (row.status !== 'succeeded' || !row.finishedAt || !row.spec.validityDays) return undefined;
  return new Date(row.finishedAt.getTime() + row.spec.validityDays * 86_400_000);
}

export function provisioningJobs(deps: ProvisioningDeps): JobDefinition[] {
  return [
    {
      queue: PROVISIONING_JOBS.send,
      run: (payload) => advanceDelivery(deps, (payload as { deliveryId: string }).deliveryId),
      batchSize: 10,
      pollingIntervalSeconds: 0.5,
    },
    {
      queue: PROVISIONING_JOBS.sweep,
      cron: '* * * * *',
      run: async () => {
        await sweepDeliveries(deps);
      },
      retryLimit: 0,
    },
    {
      queue: PROVISIONING_JOBS.float,
      cron: '*/10 * * * *',
      run: () => readFloat(deps),
      retryLimit: 0,
    },
    {
      queue: RECONCILE_JOB,
      run: async (payload) => {
        if (!deps.provider) return;
        const { reconciliationId } = payload as { reconciliationId: string };
        await runReconciliation(
          { db: deps.db, clock: deps.clock, provider: deps.provider },
          reconciliationId,
        );
      },
      retryLimit: 0,
    },
    {
      // Yesterday (UTC), every night: mismatches are waiting in the console in the morning.
      queue: 'provisioning-reconcile-daily',
      cron: '30 1 * * *',
      run: async () => {
        if (!deps.provider) return;
        const yesterday = new Date(deps.clock.now().getTime() - 86_400_000).toISOString().slice(0, 10);
        await startReconciliation(
          { ...deps, provider: deps.provider },
          { day: yesterday, startedBy: 'system' },
        );
      },
      retryLimit: 2,
    },
  ];
}

export async function deliveryOfOrder(db: DbOrTx, orderId: string): Promise<DeliveryRow | undefined> {
  const [row] = await db.select().from(deliveries).where(eq(deliveries.orderId, orderId));
  return row;
}

export async function deliveriesOfOrders(db: DbOrTx, orderIds: string[]): Promise<Map<string, DeliveryRow>> {
  if (orderIds.length === 0) return new Map();
  const rows = await db.select().from(deliveries).where(inArray(deliveries.orderId, orderIds));
  return new Map(rows.map((row) => [row.orderId, row]));
}

/** What a number has received through SimFill, newest first (the personal centre's history). */
export async function deliveriesTo(
  db: DbOrTx,
  input: { customerId: string; recipient: string; limit: number },
): Promise<DeliveryRow[]> {
  return db
    .select()
    .from(deliveries)
    .where(and(eq(deliveries.customerId, input.customerId), eq(deliveries.recipient, input.recipient)))
    .orderBy(desc(deliveries.createdAt))
    .limit(input.limit);
}

export async function deliveryStory(db: DbOrTx, deliveryId: string) {
  return db
    .select()
    .from(deliveryEvents)
    .where(eq(deliveryEvents.deliveryId, deliveryId))
    .orderBy(deliveryEvents.id);
}

export {
  dayBounds,
  getReconciliation,
  listReconciliations,
  RECONCILE_JOB,
  resolveMismatch,
  runReconciliation,
  startReconciliation,
} from './reconcile.js';
export type { MismatchRow, ReconciliationRow } from './schema.js';

/** Deliveries for the console: what needs attention first. */
export async function listDeliveries(
  db: DbOrTx,
  filter: { attention?: 'open' | 'failed' | 'retried' | undefined; limit: number },
): Promise<DeliveryRow[]> {
  const where =
    filter.attention === 'open'
      ? inArray(deliveries.status, ['queued', 'sending', 'processing'])
      : filter.attention === 'failed'
        ? eq(deliveries.status, 'failed')
        : filter.attention === 'retried'
          ? gt(deliveries.attempts, 1)
          : undefined;
  return db.select().from(deliveries).where(where).orderBy(desc(deliveries.id)).limit(filter.limit);
}

export async function getDelivery(db: DbOrTx, deliveryId: string): Promise<DeliveryRow> {
  const [row] = await db.select().from(deliveries).where(eq(deliveries.id, deliveryId));
  if (!row) throw notFound('delivery', deliveryId);
  return row;
}

/** Staff ask for a step now (a stuck top-up): the provider is asked before anything is sent again. */
export async function checkDeliveryNow(deps: ProvisioningDeps, deliveryId: string): Promise<DeliveryRow> {
  const row = await getDelivery(deps.db, deliveryId);
  if (['queued', 'sending', 'processing'].includes(row.status)) {
    await deps.db
      .update(deliveries)
      .set({ nextCheckAt: deps.clock.now() })
      .where(eq(deliveries.id, deliveryId));
    await advanceDelivery(deps, deliveryId);
  }
  return getDelivery(deps.db, deliveryId);
}
