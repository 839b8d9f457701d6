import { desc, eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/index.js';
import type { Clock } from '../../kernel/clock.js';
import { newId } from '../../kernel/ids.js';
import type { JobQueue } from '../../kernel/jobs.js';
import { formatMoney, money } from '../../kernel/money.js';
import { queueEmail } from '../notifications/service.js';
import type { AirtimeProvider } from '../../ports/airtime.js';
import { floatReadings } from './schema.js';

/**
 * The float: SimFill's prepaid balance at the airtime provider. It is read every 10 minutes and after every
 * top-up (Reloadly's `balanceInfo.newBalance` is the account's balance after the cost), so staff hear of a float
 * falling below the alert level right after the top-up that took it there, not at the next poll.
 */

export interface FloatSettings {
  /** Staff are emailed when the float falls below this (in the provider account's currency). */
  alertBelowMinor: number;
  staffEmail: string;
}

export interface FloatDeps {
  db: Db;
  clock: Clock;
  jobs: JobQueue;
  baseUrl: string;
  provider: AirtimeProvider | undefined;
  float: FloatSettings;
}

/**
 * Records one reading and emails staff when it crosses below the alert level (once per crossing). Readings of
 * one provider are taken one at a time (a transaction-scoped advisory lock), so two top-ups finishing together
 * cannot both see the float as healthy before them and alert twice.
 */
export async function recordFloatReading(
  deps: FloatDeps,
  reading: { amountMinor: number; currency: string },
): Promise<void> {
  const provider = deps.provider;
  if (!provider) return;
  await deps.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`simfill:float:${provider.name}`}))`);
    const [previous] = await floatReadingsOf(tx, provider.name, 1);
    const alertBelow = deps.float.alertBelowMinor;
    const low = reading.amountMinor < alertBelow;
    const wasLow = previous !== undefined && previous.amountMinor < alertBelow;
    await tx.insert(floatReadings).values({
      id: newId('floatReading'),
      provider: provider.name,
      amountMinor: reading.amountMinor,
      currency: reading.currency,
      alerted: low && !wasLow,
      at: deps.clock.now(),
    });
    if (!low || wasLow) return;
    await queueEmail(tx, deps.jobs, deps.clock, {
      to: deps.float.staffEmail,
      locale: 'en',
      template: 'float_low',
      referenceId: provider.name,
      values: {
        provider: provider.name,
        balance: formatMoney(money(reading.amountMinor, reading.currency), 'en'),
        threshold: formatMoney(money(alertBelow, reading.currency), 'en'),
        consoleLink: `${deps.baseUrl}/console/provider`,
      },
    });
  });
}

/** Asks the provider for the float now and records it (the 10-minute job, staff's "read now"). */
export async function readFloat(deps: FloatDeps): Promise<void> {
  if (!deps.provider) return;
  await recordFloatReading(deps, await deps.provider.balance());
}

/** The provider's newest readings first (ties in time by id, so the latest insert wins). */
export async function floatReadingsOf(db: DbOrTx, provider: string, limit: number) {
  return db
    .select()
    .from(floatReadings)
    .where(eq(floatReadings.provider, provider))
    .orderBy(desc(floatReadings.at), desc(floatReadings.id))
    .limit(limit);
}
