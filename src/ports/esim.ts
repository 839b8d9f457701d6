/**
 * The one interface every wholesale eSIM provider adapter implements (src/adapters/airalo). Prices are integer
 * minor units of the provider account's currency (USD); data in megabytes as providers state it (`amountMb`,
 * 1 GB = 1024 MB). The provider may have no idempotency key (Airalo has none): SimFill tags each order with its
 * own `reference` and, before retrying an order whose answer was lost, asks `findOrderByReference` first.
 */

export interface EsimPackage {
  /** The provider's id, what is ordered (`kallur-digital-7days-1gb`). */
  providerPackageId: string;
  /** `sim`: a new eSIM; `topup`: more data on an eSIM already installed. */
  kind: 'sim' | 'topup';
  title: string;
  /** Megabytes included; undefined for an unlimited package. */
  amountMb: number | undefined;
  isUnlimited: boolean;
  validityDays: number;
  /** What SimFill pays (`net_price`) and the provider's suggested retail price, same currency. */
  netPriceMinor: number;
  retailPriceMinor: number | undefined;
  currency: string;
  operatorName: string;
  /** ISO 3166-1 alpha-2 codes the package works in (more than one for a regional package). */
  countries: string[];
  /** `local` (one country), `regional` or `global`, as the provider groups it. */
  coverage: 'local' | 'regional' | 'global';
  /** Whether eSIMs of this package can be topped up later. */
  rechargeable: boolean;
}

export interface EsimSim {
  providerSimId: string;
  iccid: string;
  /** The SGP.22 activation code, `LPA:1$<SM-DP+ address>$<matching id>`. */
  activationCode: string;
  /** An image of the QR code, hosted by the provider. */
  qrCodeUrl: string | undefined;
  /** Apple's one-tap install link (iOS 17.4 and later). */
  appleInstallUrl: string | undefined;
  smdpAddress: string | undefined;
  matchingId: string | undefined;
}

export interface EsimOrder {
  providerOrderId: string;
  /** The provider's own order code (`20230227-009666`). */
  providerOrderCode: string;
  /** SimFill's reference, as sent with the order (and echoed back). */
  reference: string | undefined;
  providerPackageId: string;
  quantity: number;
  priceMinor: number;
  currency: string;
  sims: EsimSim[];
  createdAt: Date;
}

export interface EsimTopUp {
  providerOrderId: string;
  iccid: string;
  providerPackageId: string;
  priceMinor: number;
  currency: string;
  createdAt: Date;
}

/** A top-up the provider offers for one eSIM (`GET /v2/sims/{iccid}/topups`): only its operator's. */
export interface EsimTopUpOffer {
  providerPackageId: string;
  title: string;
  /** Megabytes; undefined for an unlimited package. */
  amountMb: number | undefined;
  isUnlimited: boolean;
  validityDays: number;
  /** The provider's suggested retail price, when it states one. */
  retailPriceMinor: number | undefined;
  /** What SimFill pays, when the answer says. */
  netPriceMinor: number | undefined;
  currency: string;
}

export type EsimSimStatus = 'not_active' | 'active' | 'finished' | 'expired' | 'recycled' | 'unknown';

export interface EsimUsage {
  status: EsimSimStatus;
  /** Megabytes; undefined for an unlimited package (the provider's zeros mean nothing there). */
  totalMb: number | undefined;
  remainingMb: number | undefined;
  isUnlimited: boolean;
  expiresAt: Date | undefined;
}

/** One package an eSIM has had (its first and each top-up), newest first as the provider lists them. */
export interface EsimSimPackage {
  providerPackageId: string;
  kind: 'sim' | 'topup';
  status: string;
  amountMb: number | undefined;
  isUnlimited: boolean;
  validityDays: number;
  activatedAt: Date | undefined;
  expiresAt: Date | undefined;
}

export interface CreateEsimOrderRequest {
  providerPackageId: string;
  /** 1 to 50. */
  quantity: number;
  /** SimFill's own reference (the order id), to find the order again if its answer is lost. */
  reference: string;
}

/** What a provider's low-data / expiry notification says, once its signature has been verified. */
export interface EsimUsageNotification {
  iccid: string;
  /** `data_75`, `data_90`: share of data used; `expire_3`, `expire_1`: days left. */
  kind: 'data_75' | 'data_90' | 'expire_3' | 'expire_1';
  providerPackageName: string | undefined;
  remainingPercentage: number | undefined;
}

/** The provider's own rate-limit counters from the last answer (`x-ratelimit-*`), when it sent them. */
export interface EsimRateLimit {
  limit: number | undefined;
  remaining: number | undefined;
  /** Seconds to wait, from `Retry-After`. */
  retryAfterSeconds: number | undefined;
}

/**
 * Why a call failed, in SimFill's words. `unknown`: the order or top-up may have been placed (no answer):
 * look for it by reference before sending it again. `unavailable`: a read got no answer (nothing happened).
 */
export type EsimErrorKind =
  | 'insufficient_credit'
  | 'maintenance'
  | 'topup_disabled'
  | 'out_of_stock'
  | 'recycled'
  | 'rate_limited'
  | 'invalid_request'
  | 'not_found'
  | 'authentication'
  | 'unavailable'
  | 'unknown';

export class EsimProviderError extends Error {
  constructor(
    readonly kind: EsimErrorKind,
    /** The provider's code (Airalo's 422 `code`: 11, 13, 23, 33, 34, 73…) or `HTTP_<status>` / `NO_RESPONSE`. */
    readonly providerCode: string,
    message: string,
    readonly rateLimit?: EsimRateLimit,
  ) {
    super(message);
    this.name = 'EsimProviderError';
  }
}

export interface EsimProvider {
  readonly name: string;
  /**
   * One country's local packages (ISO alpha-2), or the whole catalog (regional and global packages too) when
   * undefined; top-ups included.
   */
  listPackages(countryIso?: string): Promise<EsimPackage[]>;
  createOrder(request: CreateEsimOrderRequest): Promise<EsimOrder>;
  /** The provider's order carrying this reference, or undefined when it never received it. */
  findOrderByReference(reference: string, around: Date): Promise<EsimOrder | undefined>;
  /**
   * More data on the same eSIM (same ICCID); the package must be one of its top-ups. `reference` (SimFill's) is
   * sent as the top-up order's description, so a lost answer can be found with `findTopUpByReference`.
   */
  topUp(iccid: string, providerPackageId: string, reference?: string): Promise<EsimTopUp>;
  /** The provider's top-up order on `iccid` carrying this reference, or undefined when it never received it. */
  findTopUpByReference(reference: string, iccid: string, around: Date): Promise<EsimTopUp | undefined>;
  /** The top-ups this eSIM accepts (its operator's, none when it is not rechargeable). */
  simTopUpPackages(iccid: string): Promise<EsimTopUpOffer[]>;
  simPackages(iccid: string): Promise<EsimSimPackage[]>;
  simUsage(iccid: string): Promise<EsimUsage>;
  /** The counters the provider sent with its last answer. */
  lastRateLimit(): EsimRateLimit | undefined;
}
