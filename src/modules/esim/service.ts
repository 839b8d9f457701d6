/**
 * The esim module's door: activation codes and the install paths made from them (profiles, the ES2+ client and
 * the Airalo-compatible provider join it with issue 17's next steps).
 */
export {
  buildActivationCode,
  lpaString,
  parseActivationCode,
  type ActivationCode,
  type ActivationCodeProblem,
} from './activation-code.js';
export { appleInstallLink, installQrPng, installQrSvg, manualEntry, type ManualEntry } from './install.js';
export {
  checkByEid,
  checkByModel,
  checkByUserAgent,
  DEVICE_LIST_VERSION,
  DEVICES,
  type CompatibilityCheck,
  type CompatibleDevice,
} from './devices.js';
export {
  installQr,
  installQrCacheSize,
  QR_CACHE_ENTRIES_MAX,
  type QrFormat,
  type ServedQr,
} from './qr-cache.js';
export {
  EsimSourceError,
  type EsimSource,
  type EsimSources,
  type IssuedEsim,
  type SourceUsage,
  type ToppedUp,
  type TopUpPackage,
} from './sources.js';
export {
  countIssuedEsims,
  issuedEsimStory,
  listEsimOrders,
  listIssuedEsims,
  providerReasonText,
  type EsimEventRow,
  type EsimOrderFilter,
  type EsimPage,
  type IssuedEsimFilter,
  type IssuedEsimRow,
  type IssuedEsimStory,
} from './console.js';
export type { EsimSourceKind, InstallState, ProfileRow, EsimOrderRow } from './schema.js';
export type { EsimPackageSpec, EsimPackageRow } from './schema.js';
export { ESIM_SOURCES, INSTALL_STATES } from './schema.js';
export {
  advanceEsimOrder,
  advanceEsimOrderOfOrder,
  DEFAULT_ESIM_SETTINGS,
  dueEsimOrders,
  ESIM_JOBS,
  esimJobs,
  esimOrderEvents,
  esimOrderOfOrder,
  esimOrdersOfOrders,
  queueEsimOrder,
  sweepEsimOrders,
  type EsimDeps,
  type EsimOutcomes,
  type EsimSettings,
  type QueueEsimOrderInput,
} from './orders.js';
export {
  attachLine,
  findProfile,
  firstOrderOfProfile,
  getProfile,
  listProfiles,
  packagesOfProfile,
  profileById,
  refreshUsage,
} from './profiles.js';
export { afterSourceError, type AfterSourceError, type EsimRetrySettings } from './retry-rules.js';
export {
  createAiraloSource,
  DEFAULT_TOP_UP_MARKUP_BPS,
  sourceErrorOf,
  topUpPriceMinor,
  type AiraloSourceOptions,
} from './sources/airalo.js';
export {
  canTopUp,
  esimSchema,
  esimView,
  installView,
  topUpPackageSchema,
  topUpPackageView,
  type EsimView,
} from './profile-views.js';
export {
  describeInventoryErrors,
  importInventory,
  inventoryCounts,
  INVENTORY_IMPORT_LINES_MAX,
  returnInventoryProfile,
  type InventoryCount,
  type InventoryImportResult,
  type InventoryLineError,
} from './inventory.js';
export {
  matchingIdFor,
  OWN_DATA_PACKS,
  smdpSource,
  type OwnDataPack,
  type SmdpSourceOptions,
} from './sources/smdp.js';
