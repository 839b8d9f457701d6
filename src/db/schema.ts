/** Every table, for drizzle-kit (drizzle.config.ts) only: nothing in src/ imports this. Modules write only their own. */
export * from '../kernel/idempotency/schema.js';
export * from '../modules/catalog/schema.js';
export * from '../modules/notifications/schema.js';
export * from '../modules/identity/schema.js';
export * from '../modules/admin/schema.js';
export * from '../modules/ledger/schema.js';
export * from '../modules/pricing/schema.js';
export * from '../modules/orders/schema.js';
export * from '../modules/payments/schema.js';
export * from '../modules/lines/schema.js';
export * from '../modules/provisioning/schema.js';
export * from '../modules/esim/schema.js';
