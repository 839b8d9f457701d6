import { and, desc, eq, gte, inArray, isNull, lt } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/index.js';
import type { Clock } from '../../kernel/clock.js';
import { endOfDay, startOfDay, utcDaySchema } from '../../kernel/dates.js';
import type { JobQueue } from '../../kernel/jobs.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import type { AirtimeProvider, AirtimeTransaction } from '../../ports/airtime.js';
import {
  deliveries,
  deliveryEvents,
  mismatches,
  reconciliations,
  type DeliveryRow,
  type MismatchRow,
  type ReconciliationRow,
} from './schema.js';

/**
 * Reconciliation: every top-up SimFill sent on a UTC day against the provider's transaction report. Matching is
 * by `customIdentifier` (one per attempt). A successful provider transaction must belong to a delivery SimFill
 * counts as done, with the same amount; a delivery SimFill counts as done must be successful at the provider;
 * an attempt SimFill gave up on (refused, retried, refunded) must not be successful there. Deliveries still on
 * their way are not judged yet. Mismatches stay until staff resolve them.
 */

const PAGE_SIZE = 100;
const MAX_PAGES = 1_000;
/** The provider may date a transaction a little before or after SimFill's own clock. */
const EDGE_MS = 60 * 60_000;

export interface ReconcileDeps {
  db: Db;
  clock: Clock;
  provider: AirtimeProvider;
}

export function dayBounds(day: string): { from: Date; to: Date } {
  // A real calendar day (no 2026-02-30, which Date would read as March 2) in the years SimFill holds.
  if (!utcDaySchema().safeParse(day).success) {
    throw new AppError('parameter_invalid', {
      param: 'date',
      values: { param: 'date', reason: 'use YYYY-MM-DD' },
    });
  }
  return { from: startOfDay(day), to: endOfDay(day) };
}

async function providerReport(
  provider: AirtimeProvider,
  range: { from: Date; to: Date },
  onPage: (page: number, pages: number | undefined) => Promise<void>,
): Promise<Map<string, AirtimeTransaction>> {
  const byIdentifier = new Map<string, AirtimeTransaction>();
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const result = await provider.transactions({ ...range, page, size: PAGE_SIZE });
    for (const transaction of result.transactions) {
      const known = byIdentifier.get(transaction.customIdentifier);
      // A success reported twice is one transaction; keep the successful record if there are several.
      if (!known || transaction.status === 'successful')
        byIdentifier.set(transaction.customIdentifier, transaction);
    }
    await onPage(page, result.pages);
    if (!result.hasMore) break;
  }
  return byIdentifier;
}

interface Attempt {
  customIdentifier: string;
  delivery: DeliveryRow;
}

/** Every attempt sent during the day, with the delivery it belongs to. */
async function attemptsSent(db: DbOrTx, range: { from: Date; to: Date }): Promise<Attempt[]> {
  const sent = await db
    .selectDistinct({
      customIdentifier: deliveryEvents.customIdentifier,
      deliveryId: deliveryEvents.deliveryId,
    })
    .from(deliveryEvents)
    .where(
      and(
        inArray(deliveryEvents.kind, ['sent', 'resent']),
        gte(deliveryEvents.at, range.from),
        lt(deliveryEvents.at, range.to),
      ),
    );
  const ids = [...new Set(sent.map((row) => row.deliveryId))];
  const rows = ids.length ? await db.select().from(deliveries).where(inArray(deliveries.id, ids)) : [];
  const byId = new Map(rows.map((row) => [row.id, row]));
  return sent.map((row) => ({ customIdentifier: row.customIdentifier, delivery: byId.get(row.deliveryId)! }));
}

type Finding = Omit<
  MismatchRow,
  'id' | 'reconciliationId' | 'resolvedAt' | 'resolvedBy' | 'resolution' | 'createdAt'
>;

function judge(attempt: Attempt, reported: AirtimeTransaction | undefined): Finding | 'matched' | 'open' {
  const { delivery } = attempt;
  const current = delivery.customIdentifier === attempt.customIdentifier;
  if (current && ['queued', 'sending', 'processing'].includes(delivery.status)) return 'open';
  const doneHere = current && delivery.status === 'succeeded';
  const doneThere = reported?.status === 'successful';
  const finding = (kind: Finding['kind']): Finding => ({
    kind,
    customIdentifier: attempt.customIdentifier,
    deliveryId: delivery.id,
    orderId: delivery.orderId,
    providerTransactionId: reported?.providerTransactionId ?? null,
    simfill: { status: current ? delivery.status : 'superseded', amount_minor: delivery.amountMinor },
    reported: reported ? { status: reported.status, amount_minor: reported.requestedAmountMinor } : null,
  });
  if (doneHere && !reported) return finding('missing_at_provider');
  if (doneHere !== doneThere) return finding('status_differs');
  // A face in the line's currency is compared with what the line got; otherwise with what was requested.
  const reportedAmount =
    delivery.spec.amountIn === 'local' ? reported?.deliveredAmountMinor : reported?.requestedAmountMinor;
  if (doneHere && reportedAmount !== delivery.amountMinor) return finding('amount_differs');
  return 'matched';
}

/**
 * Starts reconciling a UTC day: a `running` row now, the work in the `provisioning-reconcile` job (or, without
 * a queue, by the caller through `runReconciliation`).
 */
export async function startReconciliation(
  deps: { db: Db; clock: Clock; jobs: JobQueue | undefined; provider: AirtimeProvider },
  input: { day: string; startedBy: string },
): Promise<ReconciliationRow> {
  dayBounds(input.day);
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(reconciliations)
      .values({
        id: newId('reconciliation'),
        provider: deps.provider.name,
        day: input.day,
        status: 'running',
        providerTransactions: 0,
        simfillDeliveries: 0,
        matched: 0,
        mismatches: 0,
        pagesRead: 0,
        startedBy: input.startedBy,
        startedAt: deps.clock.now(),
      })
      .returning();
    // Without a queue (the CLI on the database directly) the caller runs it itself.
    await deps.jobs?.enqueue(tx, RECONCILE_JOB, { reconciliationId: row!.id }, { singletonKey: row!.id });
    return row!;
  });
}

export const RECONCILE_JOB = 'provisioning-reconcile';

/** Compares the day of a `running` reconciliation and records the outcome (the job). */
export async function runReconciliation(
  deps: ReconcileDeps,
  reconciliationId: string,
): Promise<ReconciliationRow> {
  const [started] = await deps.db
    .select()
    .from(reconciliations)
    .where(eq(reconciliations.id, reconciliationId));
  if (!started) throw notFound('reconciliation', reconciliationId);
  if (started.status !== 'running') return started;
  const range = dayBounds(started.day);
  try {
    const widened = {
      from: new Date(range.from.getTime() - EDGE_MS),
      to: new Date(range.to.getTime() + EDGE_MS),
    };
    const report = await providerReport(deps.provider, widened, async (page, pages) => {
      await deps.db
        .update(reconciliations)
        .set({ pagesRead: page, pagesTotal: pages ?? null })
        .where(eq(reconciliations.id, reconciliationId));
    });
    const attempts = await attemptsSent(deps.db, range);
    const findings: Finding[] = [];
    // Counted per delivery, as `simfillDeliveries` is: a delivery retried after a failed attempt is one top-up,
    // matched when none of its attempts disagrees with the provider and none is still open. So matched +
    // deliveries with a mismatch + deliveries still open = SimFill deliveries.
    const verdicts = new Map<string, 'matched' | 'open' | 'mismatch'>();
    for (const attempt of attempts) {
      const verdict = judge(attempt, report.get(attempt.customIdentifier));
      if (verdict !== 'matched' && verdict !== 'open') findings.push(verdict);
      const before = verdicts.get(attempt.delivery.id) ?? 'matched';
      const now = verdict === 'matched' ? 'matched' : verdict === 'open' ? 'open' : 'mismatch';
      verdicts.set(attempt.delivery.id, before === 'mismatch' || now === 'matched' ? before : now);
    }
    const matched = [...verdicts.values()].filter((verdict) => verdict === 'matched').length;
    const sentHere = new Set(attempts.map((attempt) => attempt.customIdentifier));
    const inDay = [...report.values()].filter((t) => t.at >= range.from && t.at < range.to);
    for (const transaction of inDay) {
      if (transaction.status !== 'successful' || sentHere.has(transaction.customIdentifier)) continue;
      findings.push(await unknownToSimfill(deps.db, transaction));
    }
    return await deps.db.transaction(async (tx) => {
      const now = deps.clock.now();
      if (findings.length > 0) {
        await tx.insert(mismatches).values(
          findings.map((finding) => ({
            ...finding,
            id: newId('mismatch'),
            reconciliationId,
            createdAt: now,
          })),
        );
      }
      const [row] = await tx
        .update(reconciliations)
        .set({
          status: 'done',
          providerTransactions: inDay.length,
          simfillDeliveries: verdicts.size,
          matched,
          mismatches: findings.length,
          finishedAt: now,
        })
        .where(eq(reconciliations.id, reconciliationId))
        .returning();
      return row!;
    });
  } catch (error) {
    const [row] = await deps.db
      .update(reconciliations)
      .set({ status: 'failed', failure: String(error).slice(0, 500), finishedAt: deps.clock.now() })
      .where(eq(reconciliations.id, reconciliationId))
      .returning();
    return row!;
  }
}

/** A provider transaction SimFill did not send that day: perhaps sent another day, perhaps never. */
async function unknownToSimfill(db: DbOrTx, transaction: AirtimeTransaction): Promise<Finding> {
  const [event] = await db
    .select({ deliveryId: deliveryEvents.deliveryId })
    .from(deliveryEvents)
    .where(eq(deliveryEvents.customIdentifier, transaction.customIdentifier))
    .limit(1);
  const [delivery] = event
    ? await db.select().from(deliveries).where(eq(deliveries.id, event.deliveryId))
    : [];
  return {
    kind: 'missing_in_simfill',
    customIdentifier: transaction.customIdentifier,
    deliveryId: delivery?.id ?? null,
    orderId: delivery?.orderId ?? null,
    providerTransactionId: transaction.providerTransactionId,
    simfill: delivery ? { status: delivery.status, amount_minor: delivery.amountMinor } : null,
    reported: { status: transaction.status, amount_minor: transaction.requestedAmountMinor },
  };
}

export async function listReconciliations(db: DbOrTx, limit: number): Promise<ReconciliationRow[]> {
  return db.select().from(reconciliations).orderBy(desc(reconciliations.id)).limit(limit);
}

export async function getReconciliation(
  db: DbOrTx,
  id: string,
): Promise<{ reconciliation: ReconciliationRow; mismatches: MismatchRow[] }> {
  const [row] = await db.select().from(reconciliations).where(eq(reconciliations.id, id));
  if (!row) throw notFound('reconciliation', id);
  const found = await db
    .select()
    .from(mismatches)
    .where(eq(mismatches.reconciliationId, id))
    .orderBy(mismatches.id);
  return { reconciliation: row, mismatches: found };
}

/** Staff mark a mismatch as dealt with, saying how. Resolving twice is refused. */
export async function resolveMismatch(
  db: DbOrTx,
  clock: Clock,
  input: { mismatchId: string; staffId: string; resolution: string },
): Promise<MismatchRow> {
  const [row] = await db
    .update(mismatches)
    .set({ resolvedAt: clock.now(), resolvedBy: input.staffId, resolution: input.resolution })
    .where(and(eq(mismatches.id, input.mismatchId), isNull(mismatches.resolvedAt)))
    .returning();
  if (row) return row;
  const [existing] = await db.select().from(mismatches).where(eq(mismatches.id, input.mismatchId));
  if (!existing) throw notFound('mismatch', input.mismatchId);
  throw new AppError('mismatch_already_resolved', { values: { mismatch: existing.id } });
}
