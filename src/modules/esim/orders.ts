import { returnInventoryProfile } from './inventory.js';
import { and, asc, eq, inArray, isNotNull, isNull, lt, lte, or } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../../db/index.js';
import type { Clock } from '../../kernel/clock.js';
import { newId } from '../../kernel/ids.js';
import type { JobDefinition, JobQueue } from '../../kernel/jobs.js';
import { afterSourceError, esimDelayFor, type EsimRetrySettings } from './retry-rules.js';
import {
  esimEvents,
  esimOrders,
  esimPackages,
  profiles,
  type EsimOrderRow,
  type EsimOrderStatus,
  type EsimPackageSpec,
  type EsimSourceKind,
  type ProfileRow,
} from './schema.js';
import {
  EsimSourceError,
  type EsimSource,
  type EsimSources,
  type IssuedEsim,
  type ToppedUp,
} from './sources.js';

/**
 * eSIM orders after payment: what SimFill buys from an eSIM's source for one paid order (a new eSIM, or a top-up
 * of one it issued), as a leased, retried work queue like provisioning's deliveries. Each send carries the
 * order's reference; a source may have no idempotency key (Airalo), so when an answer is lost (`unknown`: a
 * timeout, a 5xx, a worker killed mid-call) the next step asks the source for the order by that reference and
 * sends again only when the source says it never got it. `retry` refusals are sent again with backoff up to
 * `maxAttempts`, `refused` ones fail at once. Every step is an event; what an outcome means for the order (a line,
 * revenue and cost, a refund) is the checkout flow's, told through `deps.outcomes` in the recording transaction.
 *
 * Extension point: a source is anything implementing `EsimSource` (sources/airalo.ts; the SM-DP+ one is
 * sources/smdp.ts), looked up by the order's `source` in `deps.sources`.
 */

export interface EsimSettings extends EsimRetrySettings {
  /** A worker holds an eSIM order this long while it talks to the source (more than the client's timeout). */
  leaseMs: number;
  /** A provider's usage older than this is read again when a customer looks (Airalo: 10 a minute per ICCID). */
  usageMaxAgeMs: number;
}

export const DEFAULT_ESIM_SETTINGS: EsimSettings = {
  maxAttempts: 4,
  retryDelaysMs: [30_000, 120_000, 600_000],
  leaseMs: 90_000,
  // Airalo allows 10 usage reads a minute per ICCID: one in 15 s at most, however often the page asks.
  usageMaxAgeMs: 15_000,
};

/** What the esim module reports about an eSIM order, inside the transaction that records it (the checkout flow). */
export interface EsimOutcomes {
  /** A new eSIM was issued: `profile` is the customer's eSIM (not installed yet). */
  issued(tx: Tx, order: EsimOrderRow, profile: ProfileRow): Promise<void>;
  /** The package was added to the same eSIM. */
  toppedUp(tx: Tx, order: EsimOrderRow, profile: ProfileRow): Promise<void>;
  /** Refused for good (not retryable, or retries spent), with the source's code. */
  failed(tx: Tx, order: EsimOrderRow, providerCode: string): Promise<void>;
}

export interface EsimDeps {
  db: Db;
  clock: Clock;
  jobs: JobQueue;
  sources: EsimSources;
  settings: EsimSettings;
  outcomes: EsimOutcomes;
}

export const ESIM_JOBS = { advance: 'esim-advance', sweep: 'esim-sweep' } as const;

export interface QueueEsimOrderInput {
  orderId: string;
  customerId: string;
  kind: 'new' | 'topup';
  source: EsimSourceKind;
  packageId: string;
  /** The eSIM a top-up goes to. */
  profileId?: string | undefined;
  spec: EsimPackageSpec;
}

/**
 * Creates the eSIM order of a paid order inside the paying transaction and enqueues its first step there (the
 * outbox): either both are kept or neither. A second call for the same order changes nothing.
 */
export async function queueEsimOrder(
  tx: Tx,
  deps: Pick<EsimDeps, 'clock' | 'jobs'>,
  input: QueueEsimOrderInput,
): Promise<EsimOrderRow | undefined> {
  const now = deps.clock.now();
  const id = newId('esimOrder');
  const [row] = await tx
    .insert(esimOrders)
    .values({
      id,
      orderId: input.orderId,
      customerId: input.customerId,
      kind: input.kind,
      source: input.source,
      packageId: input.packageId,
      profileId: input.profileId ?? null,
      spec: input.spec,
      reference: input.orderId,
      status: 'queued',
      attempts: 0,
      nextCheckAt: now,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing({ target: esimOrders.orderId })
    .returning();
  if (!row) return undefined;
  await recordEvent(tx, deps.clock, row, 'queued', { package: row.packageId, kind: row.kind });
  await deps.jobs.enqueue(tx, ESIM_JOBS.advance, { esimOrderId: id }, { singletonKey: `esim:${id}` });
  return row;
}

async function recordEvent(
  tx: Tx,
  clock: Clock,
  row: Pick<EsimOrderRow, 'id' | 'profileId'>,
  kind: string,
  detail: Record<string, unknown>,
  providerCode: string | null = null,
): Promise<void> {
  await tx.insert(esimEvents).values({
    id: newId('esimEvent'),
    esimOrderId: row.id,
    profileId: row.profileId,
    at: clock.now(),
    kind,
    providerCode,
    detail,
  });
}

const OPEN: EsimOrderStatus[] = ['queued', 'sending', 'unknown'];

interface Claimed {
  row: EsimOrderRow;
  source: EsimSource;
  profile: ProfileRow | undefined;
  /** A queued order, marked `sending` (its attempt counted and recorded) in the claiming transaction. */
  sending: boolean;
}

/**
 * Takes a due eSIM order for this worker (`FOR UPDATE SKIP LOCKED` and a lease). The first claim of a new eSIM
 * lets its source reserve what every send must name (the SM-DP+ profile), in the same transaction. A queued
 * order is marked `sending` there too, so a first send costs one transaction before the source is called.
 */
async function claim(
  deps: EsimDeps,
  which: { id: string } | { orderId: string },
): Promise<Claimed | undefined> {
  return deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const [row] = await tx
      .select()
      .from(esimOrders)
      .where(
        and(
          'id' in which ? eq(esimOrders.id, which.id) : eq(esimOrders.orderId, which.orderId),
          inArray(esimOrders.status, OPEN),
          lte(esimOrders.nextCheckAt, now),
          or(isNull(esimOrders.leaseUntil), lt(esimOrders.leaseUntil, now)),
        ),
      )
      .for('update', { skipLocked: true });
    if (!row) return undefined;
    const source = deps.sources[row.source];
    if (!source) return undefined;
    const profile = await profileOf(tx, row.profileId);
    if (row.kind === 'topup' && !profile) {
      await failOrder(tx, deps, row, 'PROFILE_MISSING');
      return undefined;
    }
    let iccid = row.iccid;
    if (row.kind === 'new' && row.status === 'queued' && iccid === null && source.reserve) {
      try {
        iccid = (await source.reserve(tx, row))?.iccid ?? null;
      } catch (error) {
        const refusal = sourceError(error);
        if (refusal.kind !== 'refused') throw error;
        await failOrder(tx, deps, row, refusal.providerCode);
        return undefined;
      }
      if (iccid !== null) await recordEvent(tx, deps.clock, row, 'reserved', { iccid });
    }
    const sending = row.status === 'queued';
    const [held] = await tx
      .update(esimOrders)
      .set({
        iccid,
        leaseUntil: new Date(now.getTime() + deps.settings.leaseMs),
        ...(sending ? { status: 'sending' as const, attempts: row.attempts + 1, updatedAt: now } : {}),
      })
      .where(eq(esimOrders.id, row.id))
      .returning();
    if (sending) {
      await recordEvent(tx, deps.clock, held!, 'sent', { attempt: held!.attempts, package: row.packageId });
    }
    return { row: held!, source, profile, sending };
  });
}

const sourceError = (error: unknown): EsimSourceError =>
  error instanceof EsimSourceError ? error : new EsimSourceError('unknown', 'INTERNAL_ERROR', String(error));

async function profileOf(db: DbOrTx, profileId: string | null): Promise<ProfileRow | undefined> {
  if (profileId === null) return undefined;
  const [row] = await db.select().from(profiles).where(eq(profiles.id, profileId));
  return row;
}

/** One step for an eSIM order: send it, or find out what became of the last send. Safe to run any time. */
export async function advanceEsimOrder(deps: EsimDeps, esimOrderId: string): Promise<void> {
  await advanceClaimed(deps, await claim(deps, { id: esimOrderId }));
}

/** The same step, for the eSIM order of a SimFill order (the checkout's fast path after payment). */
export async function advanceEsimOrderOfOrder(deps: EsimDeps, orderId: string): Promise<void> {
  await advanceClaimed(deps, await claim(deps, { orderId }));
}

async function advanceClaimed(deps: EsimDeps, claimed: Claimed | undefined): Promise<void> {
  if (!claimed) return;
  const { row, source, profile } = claimed;
  if (claimed.sending) return callSource(deps, source, row, profile);
  // `unknown`, or `sending` whose worker died mid-call: the source may have done it. Ask before any new send.
  let found: IssuedEsim | ToppedUp | undefined;
  try {
    found = row.kind === 'new' ? await source.findIssued(row) : await source.findTopUp(row, profile!);
  } catch (error) {
    await lookAgainLater(deps, row.id, sourceError(error), 'lookup_failed');
    return;
  }
  if (!found) return resend(deps, source, row, profile);
  await recordSuccess(deps, row.id, found, 'found_by_reference');
}

/** The source never received the last send: a new attempt, counted and recorded before it goes out. */
async function resend(
  deps: EsimDeps,
  source: EsimSource,
  row: EsimOrderRow,
  profile: ProfileRow | undefined,
): Promise<void> {
  const sending = await deps.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(esimOrders)
      .set({ status: 'sending', attempts: row.attempts + 1, updatedAt: deps.clock.now() })
      .where(eq(esimOrders.id, row.id))
      .returning();
    await recordEvent(tx, deps.clock, updated!, 'resent', {
      attempt: updated!.attempts,
      package: row.packageId,
    });
    return updated!;
  });
  await callSource(deps, source, sending, profile);
}

async function callSource(
  deps: EsimDeps,
  source: EsimSource,
  sending: EsimOrderRow,
  profile: ProfileRow | undefined,
): Promise<void> {
  let answer: IssuedEsim | ToppedUp;
  try {
    answer = sending.kind === 'new' ? await source.issue(sending) : await source.topUp(sending, profile!);
  } catch (error) {
    await applySendError(deps, source, sending, sourceError(error));
    return;
  }
  await recordSuccess(deps, sending.id, answer, 'source_answered');
}

/** The outcome is unknown (or the source could not be asked): look again later, never resend blindly. */
async function lookAgainLater(deps: EsimDeps, esimOrderId: string, error: EsimSourceError, kind: string) {
  await deps.db.transaction(async (tx) => {
    const [row] = await tx.select().from(esimOrders).where(eq(esimOrders.id, esimOrderId)).for('update');
    if (!row || !OPEN.includes(row.status)) return;
    const checkAt = new Date(deps.clock.now().getTime() + esimDelayFor(deps.settings, row.attempts));
    await tx
      .update(esimOrders)
      .set({
        status: 'unknown',
        nextCheckAt: checkAt,
        leaseUntil: null,
        providerCode: error.providerCode,
        updatedAt: deps.clock.now(),
      })
      .where(eq(esimOrders.id, esimOrderId));
    await recordEvent(tx, deps.clock, row, kind, { check_at: checkAt.toISOString() }, error.providerCode);
  });
}

async function applySendError(
  deps: EsimDeps,
  source: EsimSource,
  row: EsimOrderRow,
  error: EsimSourceError,
): Promise<void> {
  const next = afterSourceError(deps.settings, error, row.attempts);
  if (next.action === 'find') return lookAgainLater(deps, row.id, error, 'answer_lost');
  // Refused for good: a profile reserved for it goes back to the source's pool (CancelOrder) before the order
  // fails, so it can be handed out again — or out of SimFill's pool when the source could not say it is free.
  const released =
    next.action !== 'retry' && row.kind === 'new' && row.iccid && source.release
      ? await source.release(row).catch(() => 'unavailable' as const)
      : undefined;
  await deps.db.transaction(async (tx) => {
    const [current] = await tx.select().from(esimOrders).where(eq(esimOrders.id, row.id)).for('update');
    if (!current || current.status !== 'sending') return;
    if (next.action === 'retry') {
      const retryAt = new Date(deps.clock.now().getTime() + next.waitMs);
      await tx
        .update(esimOrders)
        .set({
          status: 'queued',
          nextCheckAt: retryAt,
          leaseUntil: null,
          providerCode: error.providerCode,
          updatedAt: deps.clock.now(),
        })
        .where(eq(esimOrders.id, row.id));
      await recordEvent(tx, deps.clock, current, 'refused', { message: error.message }, error.providerCode);
      await recordEvent(tx, deps.clock, current, 'retry_scheduled', { retry_at: retryAt.toISOString() });
      return;
    }
    await recordEvent(tx, deps.clock, current, 'refused', { message: error.message }, error.providerCode);
    await failOrder(tx, deps, current, error.providerCode);
    if (released) {
      await returnInventoryProfile(tx, deps.clock, { esimOrderId: current.id, state: released });
      await recordEvent(tx, deps.clock, current, 'profile_released', { inventory_state: released });
    }
  });
}

async function failOrder(
  tx: Tx,
  deps: Pick<EsimDeps, 'clock' | 'outcomes'>,
  row: EsimOrderRow,
  code: string,
) {
  const now = deps.clock.now();
  const [failed] = await tx
    .update(esimOrders)
    .set({
      status: 'failed',
      nextCheckAt: null,
      leaseUntil: null,
      providerCode: code,
      updatedAt: now,
      finishedAt: now,
    })
    .where(eq(esimOrders.id, row.id))
    .returning();
  await recordEvent(tx, deps.clock, row, 'failed', {}, code);
  await deps.outcomes.failed(tx, failed!, code);
}

const isIssued = (answer: IssuedEsim | ToppedUp): answer is IssuedEsim => 'activationCode' in answer;

/**
 * The source did it (its answer, or found by reference): the profile (a new eSIM, not installed yet) or the
 * package on it, the order succeeded, and the flow told — all in one transaction. Recorded once however often
 * it is reported.
 */
async function recordSuccess(
  deps: EsimDeps,
  esimOrderId: string,
  answer: IssuedEsim | ToppedUp,
  cause: string,
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const [row] = await tx.select().from(esimOrders).where(eq(esimOrders.id, esimOrderId)).for('update');
    if (!row || !OPEN.includes(row.status)) return;
    const now = deps.clock.now();
    let profile: ProfileRow;
    if (row.kind === 'new' && isIssued(answer)) {
      const [created] = await tx
        .insert(profiles)
        .values({
          id: newId('esim'),
          customerId: row.customerId,
          orderId: row.orderId,
          source: row.source,
          providerSimId: answer.providerSimId ?? null,
          iccid: answer.iccid,
          activationCode: answer.activationCode,
          confirmationCodeRequired: answer.confirmationCodeRequired,
          eid: answer.eid ?? null,
          installState: 'not_installed',
          installStateAt: now,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      profile = created!;
    } else {
      // A new package makes the last usage reading stale: the next look asks the source again.
      const [toppedUp] = await tx
        .update(profiles)
        .set({ usageObservedAt: null, updatedAt: now })
        .where(eq(profiles.id, row.profileId!))
        .returning();
      profile = toppedUp!;
    }
    await tx.insert(esimPackages).values({
      id: newId('esimPackage'),
      profileId: profile.id,
      esimOrderId: row.id,
      kind: row.kind,
      packageId: row.packageId,
      spec: row.spec,
      addedAt: now,
    });
    const [succeeded] = await tx
      .update(esimOrders)
      .set({
        status: 'succeeded',
        profileId: profile.id,
        providerOrderId: answer.providerOrderId ?? null,
        providerCode: null,
        costMinor: answer.costMinor,
        costCurrency: answer.costCurrency,
        nextCheckAt: null,
        leaseUntil: null,
        updatedAt: now,
        finishedAt: now,
      })
      .where(eq(esimOrders.id, row.id))
      .returning();
    await recordEvent(tx, deps.clock, succeeded!, row.kind === 'new' ? 'issued' : 'topped_up', {
      cause,
      provider_order: answer.providerOrderId ?? null,
      iccid: profile.iccid,
      cost_minor: answer.costMinor,
      cost_currency: answer.costCurrency,
    });
    if (row.kind === 'new') await deps.outcomes.issued(tx, succeeded!, profile);
    else await deps.outcomes.toppedUp(tx, succeeded!, profile);
  });
}

/** eSIM orders due for a step (new, a retry, a lookup, an expired lease): the sweep's work list. */
export async function dueEsimOrders(deps: Pick<EsimDeps, 'db' | 'clock'>, limit: number): Promise<string[]> {
  const now = deps.clock.now();
  const rows = await deps.db
    .select({ id: esimOrders.id })
    .from(esimOrders)
    .where(
      and(
        inArray(esimOrders.status, OPEN),
        isNotNull(esimOrders.nextCheckAt),
        lte(esimOrders.nextCheckAt, now),
        or(isNull(esimOrders.leaseUntil), lt(esimOrders.leaseUntil, now)),
      ),
    )
    .orderBy(asc(esimOrders.nextCheckAt))
    .limit(limit);
  return rows.map((row) => row.id);
}

/** Runs every due eSIM order one step (the sweep job; tests call it after moving the clock). */
export async function sweepEsimOrders(deps: EsimDeps, limit = 50): Promise<number> {
  const due = await dueEsimOrders(deps, limit);
  for (const id of due) await advanceEsimOrder(deps, id);
  return due.length;
}

export async function esimOrderOfOrder(db: DbOrTx, orderId: string): Promise<EsimOrderRow | undefined> {
  const [row] = await db.select().from(esimOrders).where(eq(esimOrders.orderId, orderId));
  return row;
}

export async function esimOrdersOfOrders(db: DbOrTx, orderIds: string[]): Promise<Map<string, EsimOrderRow>> {
  if (orderIds.length === 0) return new Map();
  const rows = await db.select().from(esimOrders).where(inArray(esimOrders.orderId, orderIds));
  return new Map(rows.map((row) => [row.orderId, row]));
}

/** The eSIM order story (its events, oldest first): for staff and tests. */
export async function esimOrderEvents(db: DbOrTx, esimOrderId: string) {
  return db
    .select()
    .from(esimEvents)
    .where(eq(esimEvents.esimOrderId, esimOrderId))
    .orderBy(asc(esimEvents.at), asc(esimEvents.id));
}

export function esimJobs(deps: EsimDeps): JobDefinition[] {
  return [
    {
      queue: ESIM_JOBS.advance,
      run: (payload) => advanceEsimOrder(deps, (payload as { esimOrderId: string }).esimOrderId),
      batchSize: 10,
      pollingIntervalSeconds: 0.5,
      // Longer than the lease: a slow source call finishes or gives the order up before pg-boss retries it.
      expireInSeconds: Math.ceil((deps.settings.leaseMs * 2) / 1000),
    },
    {
      queue: ESIM_JOBS.sweep,
      cron: '* * * * *',
      run: async () => {
        await sweepEsimOrders(deps);
      },
      retryLimit: 0,
    },
  ];
}
