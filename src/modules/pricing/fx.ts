import { and, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/index.js';
import type { FxFeed } from '../../ports/fx.js';
import type { Clock } from '../../kernel/clock.js';
import { AppError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { markUpRate } from '../../kernel/money.js';
import { fxPairs, fxRates, type FxRateRow } from './schema.js';

/**
 * Exchange rates. Each pair (USD→CNY) is priced one of two ways, chosen by the operator:
 * - `feed`: the newest rate from the feed, raised by the pair's markup (basis points), refused when older than
 *   the configured maximum age — a stale rate is never quoted;
 * - `operator`: the newest rate an operator typed in, as is.
 * Every rate ever seen is kept, and every quote copies the one it used, its source and its time.
 */

export interface EffectiveRate {
  base: string;
  quote: string;
  /** The rate customers are charged at (markup included). */
  rate: string;
  source: 'feed' | 'operator';
  /** The feed's name or the staff id who set it. */
  sourceName: string;
  asOf: Date;
  /** For feed pairs: the feed's own rate and the markup added to it. */
  feedRate: string | undefined;
  markupBps: number;
}

export interface FxPairView {
  base: string;
  quote: string;
  mode: 'feed' | 'operator';
  markupBps: number;
  updatedAt: Date;
  updatedBy: string | null;
  latestFeed: FxRateRow | undefined;
  latestOperator: FxRateRow | undefined;
  /** What a quote would use now, or undefined when no usable rate exists. */
  effective: EffectiveRate | undefined;
}

export function fxUnavailable(base: string, quote: string): AppError {
  return new AppError('fx_rate_unavailable', { values: { base, quote }, headers: { 'retry-after': '60' } });
}

async function latestRate(
  db: DbOrTx,
  base: string,
  quote: string,
  source: 'feed' | 'operator',
): Promise<FxRateRow | undefined> {
  const [row] = await db
    .select()
    .from(fxRates)
    .where(and(eq(fxRates.base, base), eq(fxRates.quote, quote), eq(fxRates.source, source)))
    .orderBy(desc(fxRates.asOf), desc(fxRates.id))
    .limit(1);
  return row;
}

function effectiveFrom(
  pair: typeof fxPairs.$inferSelect,
  latestFeed: FxRateRow | undefined,
  latestOperator: FxRateRow | undefined,
  now: Date,
  maxAgeMs: number,
): EffectiveRate | undefined {
  const common = { base: pair.base, quote: pair.quote, markupBps: pair.markupBps };
  if (pair.mode === 'operator') {
    if (!latestOperator) return undefined;
    return {
      ...common,
      rate: latestOperator.rate,
      source: 'operator',
      sourceName: latestOperator.sourceName,
      asOf: latestOperator.asOf,
      feedRate: undefined,
    };
  }
  if (!latestFeed || now.getTime() - latestFeed.asOf.getTime() > maxAgeMs) return undefined;
  return {
    ...common,
    rate: markUpRate(latestFeed.rate, pair.markupBps),
    source: 'feed',
    sourceName: latestFeed.sourceName,
    asOf: latestFeed.asOf,
    feedRate: latestFeed.rate,
  };
}

/** The rate a quote uses now; 503 `fx_rate_unavailable` when the pair has no fresh rate. */
export async function effectiveRate(
  db: DbOrTx,
  clock: Clock,
  base: string,
  quote: string,
  maxAgeMs: number,
): Promise<EffectiveRate> {
  // One statement: the pair and the newest rate of the source it is priced from (a quote's hot path).
  const latest = db
    .select()
    .from(fxRates)
    .where(
      and(eq(fxRates.base, fxPairs.base), eq(fxRates.quote, fxPairs.quote), eq(fxRates.source, fxPairs.mode)),
    )
    .orderBy(desc(fxRates.asOf), desc(fxRates.id))
    .limit(1)
    .as('latest');
  const [found] = await db
    .select({
      pair: fxPairs,
      latest: {
        id: latest.id,
        base: latest.base,
        quote: latest.quote,
        rate: latest.rate,
        source: latest.source,
        sourceName: latest.sourceName,
        asOf: latest.asOf,
        createdAt: latest.createdAt,
      },
    })
    .from(fxPairs)
    .leftJoinLateral(latest, sql`true`)
    .where(and(eq(fxPairs.base, base), eq(fxPairs.quote, quote)));
  if (!found) throw fxUnavailable(base, quote);
  const { pair } = found;
  const latestRow = found.latest ?? undefined;
  const latestFeed = pair.mode === 'feed' ? latestRow : undefined;
  const latestOperator = pair.mode === 'operator' ? latestRow : undefined;
  const effective = effectiveFrom(pair, latestFeed, latestOperator, clock.now(), maxAgeMs);
  if (!effective) throw fxUnavailable(base, quote);
  return effective;
}

export async function listFxPairs(db: DbOrTx, clock: Clock, maxAgeMs: number): Promise<FxPairView[]> {
  const pairs = await db.select().from(fxPairs).orderBy(fxPairs.base, fxPairs.quote);
  const now = clock.now();
  return Promise.all(
    pairs.map(async (pair) => {
      const latestFeed = await latestRate(db, pair.base, pair.quote, 'feed');
      const latestOperator = await latestRate(db, pair.base, pair.quote, 'operator');
      return {
        base: pair.base,
        quote: pair.quote,
        mode: pair.mode,
        markupBps: pair.markupBps,
        updatedAt: pair.updatedAt,
        updatedBy: pair.updatedBy,
        latestFeed,
        latestOperator,
        effective: effectiveFrom(pair, latestFeed, latestOperator, now, maxAgeMs),
      };
    }),
  );
}

/** Fetches every configured pair from the feed and stores what it says. Returns how many rates were stored. */
export async function refreshFxRates(db: DbOrTx, clock: Clock, feed: FxFeed): Promise<number> {
  const pairs = await db.select().from(fxPairs);
  let stored = 0;
  for (const base of new Set(pairs.map((pair) => pair.base))) {
    const quotes = pairs.filter((pair) => pair.base === base).map((pair) => pair.quote);
    for (const observation of await feed.latest(base, quotes)) {
      await db.insert(fxRates).values({
        id: newId('fxRate'),
        base: observation.base,
        quote: observation.quote,
        rate: observation.rate,
        source: 'feed',
        sourceName: feed.name,
        asOf: observation.asOf,
        createdAt: clock.now(),
      });
      stored += 1;
    }
  }
  return stored;
}

/**
 * An operator's change to a pair: its mode, its markup, and (for `operator` mode) the rate to charge. Setting a
 * rate switches the pair to `operator`; the feed keeps being recorded so switching back is one click.
 */
export async function updateFxPair(
  db: DbOrTx,
  clock: Clock,
  input: {
    base: string;
    quote: string;
    staffId: string;
    mode: 'feed' | 'operator';
    markupBps: number;
    rate: string | undefined;
  },
): Promise<void> {
  const now = clock.now();
  const [pair] = await db
    .select()
    .from(fxPairs)
    .where(and(eq(fxPairs.base, input.base), eq(fxPairs.quote, input.quote)));
  if (!pair) {
    throw new AppError('resource_missing', {
      param: 'pair',
      values: { resource: 'fx_pair', id: `${input.base}-${input.quote}` },
    });
  }
  if (input.rate !== undefined) {
    await db.insert(fxRates).values({
      id: newId('fxRate'),
      base: input.base,
      quote: input.quote,
      rate: input.rate,
      source: 'operator',
      sourceName: input.staffId,
      asOf: now,
      createdAt: now,
    });
  } else if (input.mode === 'operator' && !(await latestRate(db, input.base, input.quote, 'operator'))) {
    throw new AppError('parameter_missing', { param: 'rate', values: { param: 'rate' } });
  }
  await db
    .update(fxPairs)
    .set({ mode: input.mode, markupBps: input.markupBps, updatedAt: now, updatedBy: input.staffId })
    .where(and(eq(fxPairs.base, input.base), eq(fxPairs.quote, input.quote)));
}
