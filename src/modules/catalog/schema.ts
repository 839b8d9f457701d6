import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { LocalizedText } from '../../kernel/i18n/index.js';

/** Carriers: the networks (MNOs) and the MVNOs that resell them. Written only by the catalog service. */
export const carriers = pgTable(
  'catalog_carriers',
  {
    id: text('id').primaryKey(),
    slug: text('slug').notNull().unique(),
    name: jsonb('name').$type<LocalizedText>().notNull(),
    kind: text('kind', { enum: ['mno', 'mvno'] }).notNull(),
    /** For an MVNO, the network it runs on. */
    hostCarrierId: text('host_carrier_id'),
    countryCode: text('country_code').notNull(),
    website: text('website'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    check('catalog_carriers_kind_host', sql`(${table.kind} = 'mvno') = (${table.hostCarrierId} is not null)`),
  ],
);

export const SIM_TYPES = ['psim', 'esim'] as const;
export const VALIDITY_PERIODS = ['daily', '7_days', '30_days', 'monthly', 'quarterly'] as const;
export const PLAN_CATEGORIES = ['carrier_plan', 'travel_esim'] as const;

/** Plans a customer can buy. A plan's price is in USD minor units; cost and provider SKUs come later. */
export const plans = pgTable(
  'catalog_plans',
  {
    id: text('id').primaryKey(),
    slug: text('slug').notNull().unique(),
    /** The network brand the plan is sold under; null for multi-network travel eSIMs. */
    carrierId: text('carrier_id').references(() => carriers.id),
    category: text('category', { enum: PLAN_CATEGORIES }).notNull(),
    simTypes: text('sim_types').array().$type<(typeof SIM_TYPES)[number][]>().notNull(),
    name: jsonb('name').$type<LocalizedText>().notNull(),
    description: jsonb('description').$type<LocalizedText>().notNull(),
    /** High-speed data included, in MiB (1 GB = 1024). */
    dataQuotaMb: integer('data_quota_mb').notNull(),
    /** "Unlimited": data keeps flowing after the quota, at `speedAfterQuotaKbps`. */
    unlimitedData: boolean('unlimited_data').notNull(),
    /** Speed after the high-speed quota is used; null means data stops. */
    speedAfterQuotaKbps: integer('speed_after_quota_kbps'),
    validityPeriod: text('validity_period', { enum: VALIDITY_PERIODS }).notNull(),
    validityDays: integer('validity_days').notNull(),
    /** Voice minutes included; null with `unlimitedVoice` false means no voice. */
    voiceMinutes: integer('voice_minutes'),
    unlimitedVoice: boolean('unlimited_voice').notNull(),
    smsCount: integer('sms_count'),
    unlimitedSms: boolean('unlimited_sms').notNull(),
    /** ISO 3166-1 alpha-2 codes where the plan works. */
    countries: text('countries').array().notNull(),
    coverageRegion: text('coverage_region').notNull(),
    shareableDevices: integer('shareable_devices').notNull(),
    priceMinor: integer('price_minor').notNull(),
    currency: text('currency').notNull(),
    /**
     * An eSIM plan's source (`airalo`: a wholesale reseller API; `smdp`: the operator's own SM-DP+) and what is
     * ordered there (the provider's package id, or the SM-DP+ profile type); null for a plan not sold as an eSIM.
     */
    esimSource: text('esim_source', { enum: ['airalo', 'smdp'] }),
    esimPackageId: text('esim_package_id'),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    check(
      'catalog_plans_esim_source_package',
      sql`(${table.esimSource} is null) = (${table.esimPackageId} is null)`,
    ),
    index('catalog_plans_carrier_idx').on(table.carrierId),
    check('catalog_plans_price_nonnegative', sql`${table.priceMinor} >= 0`),
    check('catalog_plans_quota_nonnegative', sql`${table.dataQuotaMb} >= 0`),
    check(
      'catalog_plans_unlimited_has_speed',
      sql`not ${table.unlimitedData} or ${table.speedAfterQuotaKbps} is not null`,
    ),
    check('catalog_plans_devices_positive', sql`${table.shareableDevices} >= 1`),
    check('catalog_plans_validity_positive', sql`${table.validityDays} >= 1`),
  ],
);

export const TOPUP_KINDS = ['airtime', 'bundle', 'data', 'pin'] as const;
export type TopUpKind = (typeof TOPUP_KINDS)[number];

/**
 * The airtime provider's operators (one per product line: "T-Mobile USA", "T-Mobile USA Bundles", "T-Mobile
 * PIN"), as the last catalog sync saw them, tied to SimFill's carriers. Written only by the catalog service.
 */
export const operators = pgTable(
  'catalog_operators',
  {
    id: text('id').primaryKey(),
    provider: text('provider').notNull(),
    providerOperatorId: text('provider_operator_id').notNull(),
    name: text('name').notNull(),
    countryIso: text('country_iso').notNull(),
    /** The SimFill carrier this operator tops up; null when the sync could not tell (staff can set it). */
    carrierId: text('carrier_id').references(() => carriers.id),
    kind: text('kind', { enum: TOPUP_KINDS }).notNull(),
    denominationType: text('denomination_type', { enum: ['fixed', 'range'] }).notNull(),
    /** A ranged operator's bounds in `currency`, what SimFill pays the provider. */
    minAmountMinor: integer('min_amount_minor'),
    maxAmountMinor: integer('max_amount_minor'),
    currency: text('currency').notNull(),
    /**
     * The provider takes amounts in the line's currency and delivers exactly them (Reloadly's local amounts):
     * then its products are sold by face value in that currency, a range within `localMin…`–`localMax…`.
     */
    supportsLocalAmounts: boolean('supports_local_amounts').notNull().default(false),
    localMinAmountMinor: integer('local_min_amount_minor'),
    localMaxAmountMinor: integer('local_max_amount_minor'),
    /** The provider's rate: units of the line's currency per one unit of `currency`, a decimal string. */
    fxRate: text('fx_rate'),
    /** The provider's commission to the operator, in basis points of the face amount. */
    discountBps: integer('discount_bps').notNull(),
    logoUrl: text('logo_url'),
    /** False once the provider stops listing it: its products stop being sold. */
    active: boolean('active').notNull(),
    syncedAt: timestamp('synced_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('catalog_operators_provider_id_idx').on(table.provider, table.providerOperatorId),
    index('catalog_operators_carrier_idx').on(table.carrierId),
  ],
);

/**
 * What a customer can buy for a line: an airtime amount (fixed, or a range priced at quote time), a plan or
 * bundle renewal, a data add-on, a refill PIN. Face amounts are what the line receives; the price adds the
 * operator's markup. Synced from the provider's catalog; staff set the markup, the delivery estimate and
 * whether it is sold.
 */
export const topUpProducts = pgTable(
  'catalog_topup_products',
  {
    id: text('id').primaryKey(),
    operatorId: text('operator_id')
      .notNull()
      .references(() => operators.id),
    kind: text('kind', { enum: TOPUP_KINDS }).notNull(),
    name: jsonb('name').$type<LocalizedText>().notNull(),
    /** The provider's own words for a fixed denomination. */
    providerDescription: text('provider_description'),
    /** Fixed: the face amount; range: null (the customer chooses between min and max of the operator). */
    faceAmountMinor: integer('face_amount_minor'),
    currency: text('currency').notNull(),
    markupBps: integer('markup_bps').notNull(),
    /** A bundle's validity and high-speed data, when known (from the linked plan or the description). */
    validityDays: integer('validity_days'),
    dataQuotaMb: integer('data_quota_mb'),
    unlimitedData: boolean('unlimited_data').notNull(),
    /** The catalog plan this bundle renews, when the sync matched one. */
    planId: text('plan_id').references(() => plans.id),
    /** How long delivery usually takes: 0 = instant. Shown before paying and on the order page. */
    etaMinutes: integer('eta_minutes').notNull(),
    /** Staff's choice: sold or not. */
    active: boolean('active').notNull(),
    /** The provider listed it at the last sync. Sold only when active, listed and its operator is active. */
    listed: boolean('listed').notNull(),
    syncedAt: timestamp('synced_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('catalog_topup_products_denomination_idx').on(table.operatorId, table.faceAmountMinor),
    check('catalog_topup_products_markup_nonnegative', sql`${table.markupBps} >= 0`),
    check('catalog_topup_products_eta_nonnegative', sql`${table.etaMinutes} >= 0`),
    check(
      'catalog_topup_products_face_positive',
      sql`${table.faceAmountMinor} is null or ${table.faceAmountMinor} > 0`,
    ),
  ],
);

export type OperatorRow = typeof operators.$inferSelect;
export type TopUpProductRow = typeof topUpProducts.$inferSelect;
export type CarrierRow = typeof carriers.$inferSelect;
export type PlanRow = typeof plans.$inferSelect;
