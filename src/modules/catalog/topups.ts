import { and, asc, count, eq, inArray, notInArray } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/index.js';
import type { Clock } from '../../kernel/clock.js';
import { notFound } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { formatMoney, money, percentOf } from '../../kernel/money.js';
import type { LocalizedText } from '../../kernel/i18n/index.js';
import type { AirtimeOperator, AirtimeProvider } from '../../ports/airtime.js';
import { operatorDisplayName } from './operator-names.js';
import {
  carriers,
  operators,
  plans,
  topUpProducts,
  type OperatorRow,
  type TopUpKind,
  type TopUpProductRow,
} from './schema.js';

/**
 * The top-up catalog: the airtime provider's operators and denominations, synced into SimFill's products with
 * the operator's markup. A sync never changes what staff decided (markup, delivery estimate, sold or not); it
 * updates what the provider says (names, amounts, ranges, whether it still lists them).
 */

export interface TopUpCatalogSettings {
  countries: readonly string[];
  defaultMarkupBps: number;
  /** Delivery estimate for new products: 0 = instant. */
  defaultEtaMinutes: number;
}

export interface SyncResult {
  operators: number;
  products: number;
  delisted: number;
}

/** The provider's operator names onto SimFill's carriers; MVNOs first, since their names may carry the host's. */
const CARRIER_PATTERNS: [RegExp, string | null][] = [
  [/\bmint\b/i, 'mint'],
  [/cricket/i, 'cricket'],
  [/metro/i, null],
  [/t-?mobile/i, 't-mobile'],
  [/at&t|\batt\b/i, 'att'],
  [/verizon/i, 'verizon'],
];

export function carrierSlugFor(operatorName: string): string | undefined {
  for (const [pattern, slug] of CARRIER_PATTERNS) if (pattern.test(operatorName)) return slug ?? undefined;
  return undefined;
}

/** What a bundle's description says about itself: "$40 Unlimited 30 Days 10GB". */
export function describeBundle(description: string | undefined): {
  validityDays: number | null;
  dataQuotaMb: number | null;
  unlimitedData: boolean;
} {
  const text = description ?? '';
  const days = /(\d+)\s*-?\s*days?\b/i.exec(text);
  const gigabytes = /(\d+(?:\.\d+)?)\s*GB\b/i.exec(text);
  const months = /\b(?:month|monthly|30-day)\b/i.test(text) ? 30 : null;
  return {
    validityDays: days ? Number(days[1]) : months,
    dataQuotaMb: gigabytes ? Math.round(Number(gigabytes[1]) * 1024) : null,
    unlimitedData: /unlimited/i.test(text),
  };
}

const KIND_WORDS: Record<TopUpKind, LocalizedText> = {
  airtime: { 'zh-CN': '话费充值', en: 'Top-up' },
  bundle: { 'zh-CN': '套餐续费', en: 'Plan renewal' },
  data: { 'zh-CN': '加流量', en: 'Data add-on' },
  pin: { 'zh-CN': '充值卡密', en: 'Refill PIN' },
};

/** "套餐续费 · T-Mobile Prepaid 10GB 30 Days", or for a plain amount "T-Mobile 话费充值 $25", "中国移动 话费充值 ¥50". */
function productName(
  operator: AirtimeOperator,
  face: { minor: number; currency: string } | undefined,
  words?: string,
): LocalizedText {
  const kind = KIND_WORDS[operator.kind];
  if (words) return { 'zh-CN': `${kind['zh-CN']} · ${words}`, en: `${kind.en} · ${words}` };
  const amount = (locale: string) => {
    if (face === undefined) return '';
    if (face.currency !== 'USD') return ` ${formatMoney(money(face.minor, face.currency), locale)}`;
    return ` $${(face.minor / 100).toFixed(face.minor % 100 ? 2 : 0)}`;
  };
  return {
    'zh-CN': `${operatorDisplayName(operator.name, 'zh-CN')} ${kind['zh-CN']}${amount('zh-CN')}`,
    en: `${operatorDisplayName(operator.name, 'en')} ${kind.en.toLowerCase()}${amount('en')}`,
  };
}

/**
 * The currency a product is sold in by face value: the line's when the provider delivers exact local amounts
 * (or the line's currency is the account's), else the account's (the line then gets about amount × rate).
 */
function faceCurrencyOf(operator: AirtimeOperator): string {
  return operator.supportsLocalAmounts || operator.localCurrency === operator.currency
    ? operator.localCurrency
    : operator.currency;
}

async function upsertOperator(
  tx: DbOrTx,
  now: Date,
  provider: string,
  operator: AirtimeOperator,
  carrierIds: Map<string, string>,
): Promise<OperatorRow> {
  const slug = carrierSlugFor(operator.name);
  const values = {
    name: operator.name,
    countryIso: operator.countryIso,
    kind: operator.kind,
    denominationType: operator.denominationType,
    minAmountMinor: operator.minAmountMinor ?? null,
    maxAmountMinor: operator.maxAmountMinor ?? null,
    currency: operator.currency,
    supportsLocalAmounts: operator.supportsLocalAmounts,
    localMinAmountMinor: operator.localMinAmountMinor ?? null,
    localMaxAmountMinor: operator.localMaxAmountMinor ?? null,
    fxRate: operator.fxRate ?? null,
    discountBps: operator.discountBps,
    logoUrl: operator.logoUrl ?? null,
    active: true,
    syncedAt: now,
  };
  const [row] = await tx
    .insert(operators)
    .values({
      id: newId('operator'),
      provider,
      providerOperatorId: operator.providerOperatorId,
      carrierId: slug ? (carrierIds.get(slug) ?? null) : null,
      createdAt: now,
      ...values,
    })
    .onConflictDoUpdate({ target: [operators.provider, operators.providerOperatorId], set: values })
    .returning();
  return row!;
}

/** Products that sell a catalog plan: a plan renewal, or a data pack the catalog lists as a plan ("1GB 周流量包"). */
const PLAN_KINDS: ReadonlySet<TopUpKind> = new Set(['bundle', 'data']);

async function upsertProducts(
  tx: DbOrTx,
  now: Date,
  settings: TopUpCatalogSettings,
  row: OperatorRow,
  operator: AirtimeOperator,
): Promise<string[]> {
  const currency = faceCurrencyOf(operator);
  const faces =
    operator.denominationType === 'range'
      ? [{ faceMinor: undefined, description: undefined }]
      : operator.denominations.map((d) => ({
          faceMinor: currency === operator.currency ? d.amountMinor : d.localAmountMinor,
          description: d.description,
        }));
  const ids: string[] = [];
  for (const face of faces) {
    const bundle = describeBundle(face.description);
    const plan =
      row.carrierId && face.faceMinor !== undefined && PLAN_KINDS.has(operator.kind)
        ? await matchingPlan(tx, row.carrierId, face.faceMinor, bundle.validityDays)
        : undefined;
    const synced = {
      kind: operator.kind,
      name: productName(
        operator,
        face.faceMinor === undefined ? undefined : { minor: face.faceMinor, currency },
        face.description,
      ),
      providerDescription: face.description ?? null,
      currency,
      validityDays: plan?.validityDays ?? bundle.validityDays,
      dataQuotaMb: plan?.dataQuotaMb ?? bundle.dataQuotaMb,
      unlimitedData: plan?.unlimitedData ?? bundle.unlimitedData,
      planId: plan?.id ?? null,
      listed: true,
      syncedAt: now,
    };
    const existing = await tx
      .select({ id: topUpProducts.id })
      .from(topUpProducts)
      .where(
        and(
          eq(topUpProducts.operatorId, row.id),
          face.faceMinor === undefined
            ? eq(topUpProducts.kind, operator.kind)
            : eq(topUpProducts.faceAmountMinor, face.faceMinor),
        ),
      );
    if (existing[0]) {
      await tx.update(topUpProducts).set(synced).where(eq(topUpProducts.id, existing[0].id));
      ids.push(existing[0].id);
      continue;
    }
    const id = newId('topUpProduct');
    await tx.insert(topUpProducts).values({
      id,
      operatorId: row.id,
      faceAmountMinor: face.faceMinor ?? null,
      markupBps: settings.defaultMarkupBps,
      etaMinutes: settings.defaultEtaMinutes,
      active: true,
      createdAt: now,
      ...synced,
    });
    ids.push(id);
  }
  return ids;
}

async function matchingPlan(tx: DbOrTx, carrierId: string, priceMinor: number, validityDays: number | null) {
  const rows = await tx
    .select()
    .from(plans)
    .where(
      and(
        eq(plans.carrierId, carrierId),
        eq(plans.priceMinor, priceMinor),
        eq(plans.category, 'carrier_plan'),
      ),
    );
  return rows.find((plan) => validityDays === null || plan.validityDays === validityDays);
}

/**
 * Pulls the provider's operators for every selling country and brings the catalog in line, in one
 * transaction per country. `onCountry` reports progress (the CLI draws a bar with it).
 */
export async function syncTopUpCatalog(
  deps: { db: Db; clock: Clock; provider: AirtimeProvider; settings: TopUpCatalogSettings },
  onCountry: (done: number, total: number, countryIso: string) => void = () => undefined,
): Promise<SyncResult> {
  const result: SyncResult = { operators: 0, products: 0, delisted: 0 };
  const carrierRows = await deps.db.select({ id: carriers.id, slug: carriers.slug }).from(carriers);
  const carrierIds = new Map(carrierRows.map((row) => [row.slug, row.id]));
  for (const [index, countryIso] of deps.settings.countries.entries()) {
    const listed = await deps.provider.listOperators(countryIso);
    await deps.db.transaction(async (tx) => {
      const now = deps.clock.now();
      const operatorIds: string[] = [];
      const productIds: string[] = [];
      for (const operator of listed) {
        const row = await upsertOperator(tx, now, deps.provider.name, operator, carrierIds);
        operatorIds.push(row.id);
        productIds.push(...(await upsertProducts(tx, now, deps.settings, row, operator)));
      }
      result.delisted += await delistMissing(tx, deps.provider.name, countryIso, operatorIds, productIds);
      result.operators += operatorIds.length;
      result.products += productIds.length;
    });
    onCountry(index + 1, deps.settings.countries.length, countryIso);
  }
  return result;
}

async function delistMissing(
  tx: DbOrTx,
  provider: string,
  countryIso: string,
  operatorIds: string[],
  productIds: string[],
): Promise<number> {
  const inCountry = await tx
    .select({ id: operators.id })
    .from(operators)
    .where(and(eq(operators.provider, provider), eq(operators.countryIso, countryIso)));
  const ids = inCountry.map((row) => row.id);
  if (ids.length === 0) return 0;
  await tx
    .update(operators)
    .set({ active: false })
    .where(
      and(inArray(operators.id, ids), operatorIds.length ? notInArray(operators.id, operatorIds) : undefined),
    );
  const delisted = await tx
    .update(topUpProducts)
    .set({ listed: false })
    .where(
      and(
        inArray(topUpProducts.operatorId, ids),
        eq(topUpProducts.listed, true),
        productIds.length ? notInArray(topUpProducts.id, productIds) : undefined,
      ),
    )
    .returning({ id: topUpProducts.id });
  return delisted.length;
}

/**
 * The customer's price of a denomination: its face amount plus the product's markup, rounded half to even to the
 * minor unit. The one place the markup is applied: offers, quotes and plan cards all price through it.
 */
export function priceWithMarkup(faceMinor: number, markupBps: number): number {
  return faceMinor + percentOf(money(faceMinor, 'USD'), markupBps).amountMinor;
}

/**
 * For each of `planIds` sold through a line (a plan renewal or data pack on sale), the lowest customer price of the
 * products that sell it, in `currency`. A plan missing from the map is not sold through a line today.
 */
export async function planSalePrices(
  db: DbOrTx,
  planIds: string[],
  currency: string,
): Promise<Map<string, number>> {
  if (planIds.length === 0) return new Map();
  const rows = await db
    .select({
      planId: topUpProducts.planId,
      faceMinor: topUpProducts.faceAmountMinor,
      markupBps: topUpProducts.markupBps,
    })
    .from(topUpProducts)
    .innerJoin(operators, eq(operators.id, topUpProducts.operatorId))
    .where(
      and(
        inArray(topUpProducts.planId, planIds),
        eq(topUpProducts.currency, currency),
        eq(topUpProducts.active, true),
        eq(topUpProducts.listed, true),
        eq(operators.active, true),
      ),
    );
  const prices = new Map<string, number>();
  for (const row of rows) {
    if (row.planId === null || row.faceMinor === null) continue;
    const price = priceWithMarkup(row.faceMinor, row.markupBps);
    prices.set(row.planId, Math.min(price, prices.get(row.planId) ?? price));
  }
  return prices;
}

export interface TopUpOffer {
  product: TopUpProductRow;
  operator: OperatorRow;
}

/** What can be bought for a number on `operatorId`: everything its carrier sells through the provider. */
export async function offersForOperator(db: DbOrTx, operatorId: string): Promise<TopUpOffer[]> {
  const [operator] = await db.select().from(operators).where(eq(operators.id, operatorId));
  if (!operator) throw notFound('operator', operatorId);
  const sameCarrier = operator.carrierId
    ? eq(operators.carrierId, operator.carrierId)
    : eq(operators.id, operator.id);
  const rows = await db
    .select({ product: topUpProducts, operator: operators })
    .from(topUpProducts)
    .innerJoin(operators, eq(operators.id, topUpProducts.operatorId))
    .where(
      and(
        sameCarrier,
        eq(operators.countryIso, operator.countryIso),
        eq(operators.active, true),
        eq(topUpProducts.active, true),
        eq(topUpProducts.listed, true),
      ),
    )
    .orderBy(asc(topUpProducts.kind), asc(topUpProducts.faceAmountMinor));
  return rows;
}

export async function getOffer(db: DbOrTx, productId: string): Promise<TopUpOffer> {
  const [row] = await db
    .select({ product: topUpProducts, operator: operators })
    .from(topUpProducts)
    .innerJoin(operators, eq(operators.id, topUpProducts.operatorId))
    .where(eq(topUpProducts.id, productId));
  if (!row) throw notFound('product', productId, 'product');
  return row;
}

export async function findOperator(
  db: DbOrTx,
  provider: string,
  providerOperatorId: string,
): Promise<OperatorRow | undefined> {
  const [row] = await db
    .select()
    .from(operators)
    .where(and(eq(operators.provider, provider), eq(operators.providerOperatorId, providerOperatorId)));
  return row;
}

export async function getOperatorRow(db: DbOrTx, operatorId: string): Promise<OperatorRow | undefined> {
  const [row] = await db.select().from(operators).where(eq(operators.id, operatorId));
  return row;
}

/** The airtime operators of a country, for a customer correcting a detected carrier. */
export async function airtimeOperators(db: DbOrTx, countryIso: string): Promise<OperatorRow[]> {
  return db
    .select()
    .from(operators)
    .where(
      and(eq(operators.countryIso, countryIso), eq(operators.kind, 'airtime'), eq(operators.active, true)),
    )
    .orderBy(asc(operators.name));
}

export interface OperatorDescription {
  operator: OperatorRow;
  carrier: { id: string; slug: string; name: LocalizedText } | null;
}

/** Operators with their carriers, by id (line lists, quotes). */
export async function describeOperators(
  db: DbOrTx,
  operatorIds: string[],
): Promise<Map<string, OperatorDescription>> {
  if (operatorIds.length === 0) return new Map();
  const rows = await db
    .select({ operator: operators, carrier: { id: carriers.id, slug: carriers.slug, name: carriers.name } })
    .from(operators)
    .leftJoin(carriers, eq(carriers.id, operators.carrierId))
    .where(inArray(operators.id, operatorIds));
  return new Map(rows.map((row) => [row.operator.id, { operator: row.operator, carrier: row.carrier }]));
}

/** Every top-up product with its operator, for the console (operator's country, then kind and amount). */
export async function listTopUpProducts(db: DbOrTx, filter: { countryIso?: string }): Promise<TopUpOffer[]> {
  return db
    .select({ product: topUpProducts, operator: operators })
    .from(topUpProducts)
    .innerJoin(operators, eq(operators.id, topUpProducts.operatorId))
    .where(filter.countryIso ? eq(operators.countryIso, filter.countryIso) : undefined)
    .orderBy(asc(operators.name), asc(topUpProducts.kind), asc(topUpProducts.faceAmountMinor));
}

/** Staff's decisions on a product: markup, delivery estimate, on sale or not. A sync never changes these. */
export async function updateTopUpProduct(
  db: DbOrTx,
  productId: string,
  changes: { markupBps?: number | undefined; etaMinutes?: number | undefined; active?: boolean | undefined },
): Promise<TopUpOffer> {
  const set = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
  if (Object.keys(set).length > 0) {
    const updated = await db
      .update(topUpProducts)
      .set(set)
      .where(eq(topUpProducts.id, productId))
      .returning();
    if (updated.length === 0) throw notFound('product', productId);
  }
  return getOffer(db, productId);
}

/**
 * The provider says an operator cannot take top-ups (Reloadly has no operator status to sync: it answers
 * OPERATOR_UNAVAILABLE_OR_CURRENTLY_INACTIVE at send time): its products stop selling until staff put them back
 * on sale. Returns the operator and the products this call took off sale (none when they already were).
 */
export async function takeOperatorOffSale(
  db: DbOrTx,
  provider: string,
  providerOperatorId: string,
): Promise<{ operator: OperatorRow; productIds: string[] } | undefined> {
  const operator = await findOperator(db, provider, providerOperatorId);
  if (!operator) return undefined;
  const paused = await db
    .update(topUpProducts)
    .set({ active: false })
    .where(and(eq(topUpProducts.operatorId, operator.id), eq(topUpProducts.active, true)))
    .returning({ id: topUpProducts.id });
  return { operator, productIds: paused.map((row) => row.id) };
}

export async function countTopUpProducts(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ count: count() }).from(topUpProducts);
  return row?.count ?? 0;
}
