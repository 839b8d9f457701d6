import { and, asc, desc, eq, lt } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/index.js';
import type { Clock } from '../../kernel/clock.js';
import { notFound } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import {
  esimEvents,
  esimOrders,
  esimPackages,
  profiles,
  type EsimPackageRow,
  type InstallState,
  type ProfileRow,
} from './schema.js';
import type { EsimSources, SourceUsage } from './sources.js';

/**
 * The customer's eSIMs (profiles) as the esim service reads and keeps them: lists, one with its packages, the
 * line the flow attached, and the data left — read from the source when the stored reading is older than
 * `usageMaxAgeMs` (well inside Airalo's 10 a minute per ICCID), else the stored one (shown "as of").
 */

export async function listProfiles(
  db: DbOrTx,
  customerId: string,
  page: { limit: number; startingAfter?: string | undefined },
): Promise<{ rows: ProfileRow[]; hasMore: boolean }> {
  let before: ProfileRow | undefined;
  if (page.startingAfter) {
    before = await findProfile(db, customerId, page.startingAfter);
    if (!before) throw notFound('esim', page.startingAfter);
  }
  const rows = await db
    .select()
    .from(profiles)
    .where(
      before
        ? and(eq(profiles.customerId, customerId), lt(profiles.createdAt, before.createdAt))
        : eq(profiles.customerId, customerId),
    )
    .orderBy(desc(profiles.createdAt), desc(profiles.id))
    .limit(page.limit + 1);
  return { rows: rows.slice(0, page.limit), hasMore: rows.length > page.limit };
}

export async function findProfile(
  db: DbOrTx,
  customerId: string,
  profileId: string,
): Promise<ProfileRow | undefined> {
  const [row] = await db
    .select()
    .from(profiles)
    .where(and(eq(profiles.id, profileId), eq(profiles.customerId, customerId)));
  return row;
}

/** The customer's eSIM, or 404 `esim` (another customer's is not found either). */
export async function getProfile(db: DbOrTx, customerId: string, profileId: string): Promise<ProfileRow> {
  const row = await findProfile(db, customerId, profileId);
  if (!row) throw notFound('esim', profileId);
  return row;
}

export async function profileById(db: DbOrTx, profileId: string): Promise<ProfileRow | undefined> {
  const [row] = await db.select().from(profiles).where(eq(profiles.id, profileId));
  return row;
}

/** Its packages, first to last. */
export async function packagesOfProfile(db: DbOrTx, profileId: string): Promise<EsimPackageRow[]> {
  return db
    .select()
    .from(esimPackages)
    .where(eq(esimPackages.profileId, profileId))
    .orderBy(asc(esimPackages.addedAt), asc(esimPackages.id));
}

/** The plan (catalog id) a profile was bought as: the first package's eSIM order, for its name. */
export async function firstOrderOfProfile(db: DbOrTx, profile: ProfileRow) {
  const [row] = await db.select().from(esimOrders).where(eq(esimOrders.orderId, profile.orderId));
  return row;
}

/** The flow created the customer's line for this eSIM. */
export async function attachLine(tx: Tx, clock: Clock, profileId: string, lineId: string): Promise<void> {
  await tx.update(profiles).set({ lineId, updatedAt: clock.now() }).where(eq(profiles.id, profileId));
}

/**
 * What the provider's sim status says about the install: in use (`active`) means the profile is enabled on a
 * phone; a recycled one is gone. Other statuses say nothing new (an installed eSIM not used yet is `not_active`).
 */
function installStateFrom(status: string | undefined, current: InstallState): InstallState {
  if (status === 'active' && current !== 'deleted') return 'enabled';
  if (status === 'recycled') return 'deleted';
  return current;
}

/**
 * The data on an eSIM: the stored reading when fresh enough, else the source's (stored on the profile with when
 * it was read, and the install state it implies). A source that cannot be asked leaves the last reading.
 */
export async function refreshUsage(
  deps: { db: DbOrTx; clock: Clock; sources: EsimSources; usageMaxAgeMs: number },
  profile: ProfileRow,
): Promise<ProfileRow> {
  const source = deps.sources[profile.source];
  const now = deps.clock.now();
  const fresh =
    profile.usageObservedAt !== null &&
    now.getTime() - profile.usageObservedAt.getTime() < deps.usageMaxAgeMs;
  if (!source || fresh) return profile;
  let usage: SourceUsage | undefined;
  try {
    usage = await source.usage(profile);
  } catch {
    return profile;
  }
  if (!usage) return profile;
  const installState = installStateFrom(usage.providerStatus, profile.installState);
  const [updated] = await deps.db
    .update(profiles)
    .set({
      providerStatus: usage.providerStatus ?? null,
      usageTotalMb: usage.totalMb ?? null,
      usageRemainingMb: usage.remainingMb ?? null,
      usageUnlimited: usage.unlimited,
      usageExpiresAt: usage.expiresAt ?? null,
      usageObservedAt: usage.observedAt,
      ...(installState === profile.installState ? {} : { installState, installStateAt: now }),
      updatedAt: now,
    })
    .where(eq(profiles.id, profile.id))
    .returning();
  if (installState !== profile.installState) {
    await deps.db.insert(esimEvents).values({
      id: newId('esimEvent'),
      esimOrderId: null,
      profileId: profile.id,
      at: now,
      kind: `install_${installState}`,
      providerCode: usage.providerStatus ?? null,
      detail: { from: profile.installState, cause: 'provider_status' },
    });
  }
  return updated ?? profile;
}
