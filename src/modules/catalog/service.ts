import { and, arrayContains, asc, eq, gt, gte, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/index.js';
import type { Clock } from '../../kernel/clock.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { newId, isId } from '../../kernel/ids.js';
import { toPage, type ListEnvelope, type PageRequest } from '../../kernel/pagination.js';
import { pickText, type Locale } from '../../kernel/i18n/index.js';
import {
  carriers,
  plans,
  type CarrierRow,
  type PlanRow,
  type SIM_TYPES,
  type VALIDITY_PERIODS,
} from './schema.js';
import { DEMO_CARRIERS, DEMO_PLANS, VALIDITY_DAYS } from './demo.js';
import { planSalePrices } from './topups.js';

/** The catalog's only door: carriers and plans, read side, plus the demo seed. */

export interface CarrierView {
  id: string;
  object: 'carrier';
  slug: string;
  name: string;
  kind: 'mno' | 'mvno';
  host_carrier: string | null;
  country: string;
  website: string | null;
}

export interface PlanView {
  id: string;
  object: 'plan';
  slug: string;
  category: PlanRow['category'];
  carrier: { id: string; slug: string; name: string } | null;
  sim_types: PlanRow['simTypes'];
  name: string;
  description: string;
  data: { quota_mb: number; unlimited: boolean; speed_after_quota_kbps: number | null };
  validity: { period: PlanRow['validityPeriod']; days: number };
  voice: { included: boolean; unlimited: boolean; minutes: number | null };
  sms: { included: boolean; unlimited: boolean; count: number | null };
  coverage: { region: string; countries: string[] };
  shareable_devices: number;
  /** What the customer pays before the payment method's fee: the lowest price of the products that sell it. */
  price: { amount_minor: number; currency: string };
  purchase: PlanPurchase;
  /** It has an eSIM source: a new eSIM of it can be bought (`POST /v1/quotes {type: esim, plan}`). */
  esim_purchasable: boolean;
  created: string;
}

/**
 * How a customer buys a plan today: `esim`, as a new eSIM (it has an eSIM source: `POST /v1/quotes {type: esim}`);
 * `line`, as a renewal or data pack for one of their lines on its carrier (the offers of that line's page);
 * `esim_coming_soon`, a travel eSIM no source sells yet; `not_sold`, a carrier plan no product sells right now (the
 * price shown is the catalog's list price).
 */
export type PlanPurchase = 'esim' | 'line' | 'esim_coming_soon' | 'not_sold';

function purchaseOf(row: PlanRow, salePriceMinor: number | undefined): PlanPurchase {
  if (row.esimSource) return 'esim';
  if (row.category === 'travel_esim') return 'esim_coming_soon';
  return salePriceMinor === undefined ? 'not_sold' : 'line';
}

export interface PlanFilters {
  carrier?: string;
  simType?: (typeof SIM_TYPES)[number];
  minDataMb?: number;
  unlimited?: boolean;
  validity?: (typeof VALIDITY_PERIODS)[number];
  country?: string;
}

function carrierView(row: CarrierRow, locale: Locale): CarrierView {
  return {
    id: row.id,
    object: 'carrier',
    slug: row.slug,
    name: pickText(row.name, locale),
    kind: row.kind,
    host_carrier: row.hostCarrierId,
    country: row.countryCode,
    website: row.website,
  };
}

function planView(
  row: PlanRow,
  carrier: CarrierRow | undefined,
  locale: Locale,
  salePriceMinor: number | undefined,
): PlanView {
  const purchase = purchaseOf(row, salePriceMinor);
  const voiceIncluded = row.unlimitedVoice || (row.voiceMinutes ?? 0) > 0;
  const smsIncluded = row.unlimitedSms || (row.smsCount ?? 0) > 0;
  return {
    id: row.id,
    object: 'plan',
    slug: row.slug,
    category: row.category,
    carrier: carrier ? { id: carrier.id, slug: carrier.slug, name: pickText(carrier.name, locale) } : null,
    sim_types: row.simTypes,
    name: pickText(row.name, locale),
    description: pickText(row.description, locale),
    data: {
      quota_mb: row.dataQuotaMb,
      unlimited: row.unlimitedData,
      speed_after_quota_kbps: row.speedAfterQuotaKbps,
    },
    validity: { period: row.validityPeriod, days: row.validityDays },
    voice: { included: voiceIncluded, unlimited: row.unlimitedVoice, minutes: row.voiceMinutes },
    sms: { included: smsIncluded, unlimited: row.unlimitedSms, count: row.smsCount },
    coverage: { region: row.coverageRegion, countries: row.countries },
    shareable_devices: row.shareableDevices,
    price: {
      amount_minor: purchase === 'line' ? salePriceMinor! : row.priceMinor,
      currency: row.currency,
    },
    purchase,
    esim_purchasable: row.esimSource !== null,
    created: row.createdAt.toISOString(),
  };
}

export async function listCarriers(
  db: Db,
  locale: Locale,
  page: PageRequest,
): Promise<ListEnvelope<CarrierView>> {
  const rows = await db
    .select()
    .from(carriers)
    .where(page.startingAfter ? gt(carriers.id, page.startingAfter) : undefined)
    .orderBy(asc(carriers.id))
    .limit(page.limit + 1);
  const envelope = toPage(rows, page.limit);
  return { ...envelope, data: envelope.data.map((row) => carrierView(row, locale)) };
}

/** A carrier filter names a carrier by id (`car_…`) or slug (`att`); an unknown one is the caller's mistake. */
async function resolveCarrierFilter(db: Db, value: string): Promise<string> {
  const condition = isId('carrier', value) ? eq(carriers.id, value) : eq(carriers.slug, value.toLowerCase());
  const [row] = await db.select({ id: carriers.id }).from(carriers).where(condition).limit(1);
  if (!row) {
    throw new AppError('parameter_invalid', {
      param: 'carrier',
      messageKey: 'carrier_unknown',
      values: { value },
    });
  }
  return row.id;
}

export async function listPlans(
  db: Db,
  locale: Locale,
  filters: PlanFilters,
  page: PageRequest,
): Promise<ListEnvelope<PlanView>> {
  const conditions: (SQL | undefined)[] = [eq(plans.active, true)];
  if (filters.carrier) conditions.push(eq(plans.carrierId, await resolveCarrierFilter(db, filters.carrier)));
  if (filters.simType) conditions.push(arrayContains(plans.simTypes, [filters.simType]));
  if (filters.minDataMb !== undefined) {
    // An unlimited plan satisfies any minimum: its data does not stop.
    conditions.push(sql`(${plans.unlimitedData} or ${gte(plans.dataQuotaMb, filters.minDataMb)})`);
  }
  if (filters.unlimited !== undefined) conditions.push(eq(plans.unlimitedData, filters.unlimited));
  if (filters.validity) conditions.push(eq(plans.validityPeriod, filters.validity));
  if (filters.country) conditions.push(arrayContains(plans.countries, [filters.country]));
  if (page.startingAfter) conditions.push(gt(plans.id, page.startingAfter));

  const rows = await db
    .select({ plan: plans, carrier: carriers })
    .from(plans)
    .leftJoin(carriers, eq(plans.carrierId, carriers.id))
    .where(and(...conditions))
    .orderBy(asc(plans.id))
    .limit(page.limit + 1);
  const envelope = toPage(rows, page.limit);
  const prices = await salePricesOf(
    db,
    envelope.data.map((row) => row.plan),
  );
  return {
    ...envelope,
    data: envelope.data.map((row) =>
      planView(row.plan, row.carrier ?? undefined, locale, prices.get(row.plan.id)),
    ),
  };
}

export async function getPlan(db: Db, locale: Locale, id: string): Promise<PlanView> {
  const [row] = isId('plan', id) ? await db.select().from(plans).where(eq(plans.id, id)).limit(1) : [];
  if (!row) throw notFound('plan', id);
  const [carrier] = row.carrierId
    ? await db.select().from(carriers).where(eq(carriers.id, row.carrierId)).limit(1)
    : [];
  const prices = await salePricesOf(db, [row]);
  return planView(row, carrier, locale, prices.get(row.id));
}

/** The sale prices of carrier plans (travel eSIMs are not sold through a line), all in USD like the catalog. */
async function salePricesOf(db: Db, rows: PlanRow[]): Promise<Map<string, number>> {
  const carrierPlans = rows.filter((row) => row.category === 'carrier_plan' && row.currency === 'USD');
  return planSalePrices(
    db,
    carrierPlans.map((row) => row.id),
    'USD',
  );
}

export interface SeedResult {
  carriers: number;
  plans: number;
}

/**
 * Writes the demo catalog, updating rows that exist by slug (ids stay stable across re-seeds) and adding
 * what is missing, all in one transaction.
 */
export async function seedDemoCatalog(db: Db, clock: Clock): Promise<SeedResult> {
  return db.transaction(async (tx) => {
    const now = clock.now();
    const carrierIds = new Map<string, string>();
    for (const carrier of DEMO_CARRIERS.filter((c) => !c.hostSlug).concat(
      DEMO_CARRIERS.filter((c) => c.hostSlug),
    )) {
      const hostCarrierId = carrier.hostSlug ? carrierIds.get(carrier.hostSlug) : undefined;
      const values = {
        name: carrier.name,
        kind: carrier.kind,
        hostCarrierId: hostCarrierId ?? null,
        countryCode: 'US',
        website: carrier.website,
      };
      const [row] = await tx
        .insert(carriers)
        .values({ id: newId('carrier'), slug: carrier.slug, createdAt: now, ...values })
        .onConflictDoUpdate({ target: carriers.slug, set: values })
        .returning({ id: carriers.id });
      carrierIds.set(carrier.slug, row!.id);
    }
    for (const plan of DEMO_PLANS) {
      const { slug, carrierSlug, ...rest } = plan;
      const values = {
        ...rest,
        esimSource: rest.esimSource ?? null,
        esimPackageId: rest.esimPackageId ?? null,
        carrierId: carrierSlug ? carrierIds.get(carrierSlug)! : null,
        validityDays: VALIDITY_DAYS[plan.validityPeriod],
        currency: 'USD',
        active: true,
      };
      await tx
        .insert(plans)
        .values({ id: newId('plan'), slug, createdAt: now, ...values })
        .onConflictDoUpdate({ target: plans.slug, set: values });
    }
    return { carriers: DEMO_CARRIERS.length, plans: DEMO_PLANS.length };
  });
}

/**
 * Gives the demo travel eSIMs of a data dir seeded before they had a source their source and package (by slug,
 * only where none is set: an operator's own choice stays). Run at every start; `simfill seed` rewrites them too.
 */
export async function linkDemoEsimSources(db: Db): Promise<number> {
  let linked = 0;
  for (const plan of DEMO_PLANS) {
    if (!plan.esimSource || !plan.esimPackageId) continue;
    const rows = await db
      .update(plans)
      .set({ esimSource: plan.esimSource, esimPackageId: plan.esimPackageId })
      .where(and(eq(plans.slug, plan.slug), isNull(plans.esimSource)))
      .returning({ id: plans.id });
    linked += rows.length;
  }
  return linked;
}

/** A plan as sold: its eSIM source and package, name and facts (the checkout's eSIM quote). */
export async function planRowById(db: DbOrTx, id: string): Promise<PlanRow | undefined> {
  if (!isId('plan', id)) return undefined;
  const [row] = await db.select().from(plans).where(eq(plans.id, id)).limit(1);
  return row;
}

export async function countPlans(db: Db): Promise<number> {
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(plans);
  return row?.count ?? 0;
}

export {
  airtimeOperators,
  carrierSlugFor,
  describeBundle,
  describeOperators,
  type OperatorDescription,
  findOperator,
  getOffer,
  getOperatorRow,
  offersForOperator,
  priceWithMarkup,
  syncTopUpCatalog,
  countTopUpProducts,
  listTopUpProducts,
  takeOperatorOffSale,
  updateTopUpProduct,
  type SyncResult,
  type TopUpCatalogSettings,
  type TopUpOffer,
} from './topups.js';
export type { OperatorRow, PlanRow } from './schema.js';
export { operatorDisplayName, operatorNames } from './operator-names.js';
