// Edges of src/ that break scripts/architecture/rules.js today, grouped by rule. The list may only shrink:
// test/architecture.test.ts fails on a violation not listed here and on a listed edge that no longer breaks a rule.
// Regenerate with `node --import tsx scripts/architecture/check.ts --print-violations > scripts/architecture/known-violations.js`.
/** @type {readonly string[]} */
export const KNOWN_VIOLATIONS = [
  // module-door-only: a module reaches another module only through its door (that module's service.ts) (2)
  'src/modules/lines/routes.ts -> src/modules/provisioning/offers.ts',
  'src/modules/pricing/routes.ts -> src/modules/provisioning/offers.ts',
  // module-edge-table: a module imports another module only along the table of allowed module edges (7)
  'src/modules/lines/routes.ts -> src/modules/provisioning/service.ts',
  'src/modules/pricing/routes.ts -> src/modules/orders/service.ts',
  'src/modules/pricing/routes.ts -> src/modules/lines/service.ts',
  'src/modules/provisioning/admin-routes.ts -> src/modules/catalog/service.ts',
  'src/modules/provisioning/admin-routes.ts -> src/modules/lines/service.ts',
  'src/modules/provisioning/offers.ts -> src/modules/catalog/service.ts',
  'src/modules/provisioning/offers.ts -> src/modules/lines/service.ts',
  // flow-bounds: a flow imports only modules' doors, ports, kernel, db, http, other flows and read models (the views its routes answer with) (1)
  'src/flows/checkout/offers.ts -> src/modules/provisioning/offers.ts',
];
