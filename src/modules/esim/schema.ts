import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { LocalizedText } from '../../kernel/i18n/index.js';

/**
 * The esim module's tables: the eSIMs SimFill has issued (profiles), what it bought for them from their source
 * (a new eSIM or a top-up: the work queue, like provisioning's deliveries), the packages on each and every step
 * as an event. Written only by the esim service.
 */

/** Where an eSIM comes from: a wholesale reseller API (Airalo-compatible) or the operator's own SM-DP+ (ES2+). */
export const ESIM_SOURCES = ['airalo', 'smdp'] as const;
export type EsimSourceKind = (typeof ESIM_SOURCES)[number];

/**
 * What the customer's phone has done with the profile, as far as SimFill knows: from the SM-DP+'s
 * HandleDownloadProgressInfo (3 downloaded, 4 installed) or the provider's sim status (`active` = in use).
 */
export const INSTALL_STATES = ['not_installed', 'downloaded', 'installed', 'enabled', 'deleted'] as const;
export type InstallState = (typeof INSTALL_STATES)[number];

/** One eSIM profile issued to a customer. Its install paths are all derived from `activationCode`. */
export const profiles = pgTable(
  'esim_profiles',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id').notNull(),
    /** The customer's line for this eSIM (lines module), set when the flow creates it on delivery. */
    lineId: text('line_id'),
    /** The SimFill order that bought it. */
    orderId: text('order_id').notNull().unique(),
    source: text('source', { enum: ESIM_SOURCES }).notNull(),
    /** The provider (Airalo's sim id) or SM-DP+ side's id of the profile, when it has one. */
    providerSimId: text('provider_sim_id'),
    /** 19 or 20 digits, no padding (kernel/identifiers parseIccid). */
    iccid: text('iccid').notNull().unique(),
    /** `LPA:1$<SM-DP+ address>$<matching id>[$<OID>[$1]]`: what the QR code holds. */
    activationCode: text('activation_code').notNull(),
    /** The install needs a confirmation code typed by the customer (shown on the install page, never in a QR). */
    confirmationCodeRequired: boolean('confirmation_code_required').notNull().default(false),
    /** The EID the profile is bound to, when the SM-DP+ bound it or reported it. */
    eid: text('eid'),
    installState: text('install_state', { enum: INSTALL_STATES }).notNull(),
    installStateAt: timestamp('install_state_at', { withTimezone: true }).notNull(),
    /** The provider's own status of the sim (Airalo: not_active, active, finished, expired, recycled). */
    providerStatus: text('provider_status'),
    /** The last usage read from the source: megabytes; null for unlimited or never read. */
    usageTotalMb: integer('usage_total_mb'),
    usageRemainingMb: integer('usage_remaining_mb'),
    usageUnlimited: boolean('usage_unlimited').notNull().default(false),
    usageExpiresAt: timestamp('usage_expires_at', { withTimezone: true }),
    /** When the usage above was read (shown as "as of"); null when never. */
    usageObservedAt: timestamp('usage_observed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('esim_profiles_customer_idx').on(table.customerId, table.createdAt)],
);

export const ESIM_ORDER_KINDS = ['new', 'topup'] as const;
export const ESIM_ORDER_STATUSES = ['queued', 'sending', 'unknown', 'succeeded', 'failed'] as const;
export type EsimOrderStatus = (typeof ESIM_ORDER_STATUSES)[number];

/**
 * What SimFill buys from an eSIM's source for one paid order: a new eSIM or a top-up of one it issued. The work
 * queue of eSIM deliveries: claimed with `FOR UPDATE SKIP LOCKED` and a lease. The source may have no idempotency
 * key (Airalo): every send carries `reference` and, when an answer was lost (`unknown`), the next step asks the
 * source for its order with that reference before any new send.
 */
export const esimOrders = pgTable(
  'esim_orders',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id').notNull().unique(),
    customerId: text('customer_id').notNull(),
    kind: text('kind', { enum: ESIM_ORDER_KINDS }).notNull(),
    source: text('source', { enum: ESIM_SOURCES }).notNull(),
    /** The package bought: the source's id (`change-7days-1gb`, or the SM-DP+ profile type). */
    packageId: text('package_id').notNull(),
    /** A top-up's eSIM; a new eSIM's once it is issued. */
    profileId: text('profile_id'),
    /**
     * A new SM-DP+ eSIM: the inventory profile chosen before the first send, so a retried DownloadOrder names
     * the same profile (ES2+ has no idempotency key and no lookup by reference either).
     */
    iccid: text('iccid'),
    /** What the package gives, as sold (for the line page before the source is asked). */
    spec: jsonb('spec').$type<EsimPackageSpec>().notNull(),
    /** SimFill's reference at the source (the order id): how a lost answer is found again. */
    reference: text('reference').notNull(),
    status: text('status', { enum: ESIM_ORDER_STATUSES }).notNull(),
    attempts: integer('attempts').notNull(),
    providerOrderId: text('provider_order_id'),
    /** The source's code of the last refusal (Airalo 11, 13, 23, 33, 34, 73; ES2+ subject/reason). */
    providerCode: text('provider_code'),
    /** What the source took, in `costCurrency` minor units, once succeeded. */
    costMinor: integer('cost_minor'),
    costCurrency: text('cost_currency'),
    nextCheckAt: timestamp('next_check_at', { withTimezone: true }),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (table) => [
    index('esim_orders_due_idx')
      .on(table.nextCheckAt)
      .where(sql`${table.status} in ('queued', 'sending', 'unknown')`),
    check('esim_orders_topup_has_profile', sql`${table.kind} = 'new' or ${table.profileId} is not null`),
  ],
);

export const INVENTORY_STATES = ['available', 'assigned', 'unavailable'] as const;

/**
 * The operator's SM-DP+ profiles SimFill may hand out (imported from the SM-DP+'s CSV: `iccid,profileType`). A
 * new SM-DP+ eSIM takes one `available` row (`FOR UPDATE SKIP LOCKED`) before its DownloadOrder.
 */
export const inventory = pgTable(
  'esim_inventory',
  {
    iccid: text('iccid').primaryKey(),
    profileType: text('profile_type').notNull(),
    state: text('state', { enum: INVENTORY_STATES }).notNull(),
    esimOrderId: text('esim_order_id').unique(),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('esim_inventory_available_idx').on(table.profileType, table.state)],
);

/** What a package gives, as it was sold. */
export interface EsimPackageSpec {
  name: LocalizedText;
  /** Megabytes; null when unlimited. */
  dataMb: number | null;
  unlimited: boolean;
  validityDays: number;
  /** ISO 3166-1 alpha-2 codes. */
  countries: string[];
}

/** The packages an eSIM has had: its first and each top-up, with the validity the source reported. */
export const esimPackages = pgTable(
  'esim_packages',
  {
    id: text('id').primaryKey(),
    profileId: text('profile_id').notNull(),
    esimOrderId: text('esim_order_id').notNull().unique(),
    kind: text('kind', { enum: ESIM_ORDER_KINDS }).notNull(),
    packageId: text('package_id').notNull(),
    spec: jsonb('spec').$type<EsimPackageSpec>().notNull(),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('esim_packages_profile_idx').on(table.profileId, table.addedAt)],
);

/** Every step of an eSIM order and of a profile (sent, answer lost, found by reference, downloaded, installed…). */
export const esimEvents = pgTable(
  'esim_events',
  {
    id: text('id').primaryKey(),
    esimOrderId: text('esim_order_id'),
    profileId: text('profile_id'),
    at: timestamp('at', { withTimezone: true }).notNull(),
    kind: text('kind').notNull(),
    providerCode: text('provider_code'),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull(),
  },
  (table) => [
    index('esim_events_order_idx').on(table.esimOrderId, table.at),
    index('esim_events_profile_idx').on(table.profileId, table.at),
  ],
);

export type ProfileRow = typeof profiles.$inferSelect;
export type EsimOrderRow = typeof esimOrders.$inferSelect;
export type EsimPackageRow = typeof esimPackages.$inferSelect;
export type InventoryRow = typeof inventory.$inferSelect;
