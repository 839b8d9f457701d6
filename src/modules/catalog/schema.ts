import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
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
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
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

export type CarrierRow = typeof carriers.$inferSelect;
export type PlanRow = typeof plans.$inferSelect;
