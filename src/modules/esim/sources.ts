import type { Tx } from '../../db/index.js';
import type { EsimOrderRow, EsimSourceKind, ProfileRow } from './schema.js';

/**
 * Where SimFill gets eSIMs: one interface, two kinds of source. `airalo` speaks to a wholesale reseller API
 * (ports/esim.ts, adapters/airalo): a new eSIM is one `POST /v2/orders`, a top-up `POST /v2/orders/topups` on the
 * same ICCID, usage from the provider. `smdp` is the operator's own SM-DP+ over ES2+ (ports/smdp.ts,
 * adapters/es2plus): a new eSIM takes a profile from SimFill's inventory, DownloadOrder + ConfirmOrder (released);
 * its top-ups and usage are SimFill's own (the operator is the network).
 *
 * The esim service calls a source from its delivery job (never inside a transaction) and records what it said.
 * Every call either answers, or throws `EsimSourceError`:
 * - `refused`: definitely not done, and sending again will not help (out of stock, recycled, top-up disabled,
 *   invalid package) → the eSIM order fails and the flow refunds;
 * - `retry`: definitely not done, may work later (maintenance, insufficient credit, rate limited) → retried with
 *   backoff up to the attempt limit, then failed;
 * - `unknown`: may have been done (timeout, 5xx, connection lost after sending) → the next step is `find…` with
 *   the order's reference, never a blind second send.
 */

export interface IssuedEsim {
  iccid: string;
  /** `LPA:1$<SM-DP+ address>$<matching id>`. */
  activationCode: string;
  providerSimId: string | undefined;
  providerOrderId: string | undefined;
  confirmationCodeRequired: boolean;
  eid: string | undefined;
  /** What the source charged SimFill, minor units of `costCurrency`. */
  costMinor: number;
  costCurrency: string;
}

export interface ToppedUp {
  providerOrderId: string | undefined;
  costMinor: number;
  costCurrency: string;
}

/** A package an eSIM can be topped up with, as its source offers it, with SimFill's price. */
export interface TopUpPackage {
  packageId: string;
  title: string;
  /** Megabytes; undefined for unlimited. */
  dataMb: number | undefined;
  unlimited: boolean;
  validityDays: number;
  countries: string[];
  priceMinor: number;
  currency: string;
}

/** Data on an eSIM as its source reports it, and when. */
export interface SourceUsage {
  providerStatus: string | undefined;
  totalMb: number | undefined;
  remainingMb: number | undefined;
  unlimited: boolean;
  expiresAt: Date | undefined;
  observedAt: Date;
}

export type EsimSourceErrorKind = 'refused' | 'retry' | 'unknown';

export class EsimSourceError extends Error {
  constructor(
    readonly kind: EsimSourceErrorKind,
    /** The source's code: Airalo's 422 code (`11`, `13`, `23`, `33`, `34`, `73`), ES2+ `8.2.1/3.9`, `NO_RESPONSE`. */
    readonly providerCode: string,
    message: string,
    /** When the source said how long to wait (Retry-After). */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'EsimSourceError';
  }
}

export interface EsimSource {
  readonly kind: EsimSourceKind;
  /**
   * Inside the transaction that first claims a queued new-eSIM order: what must be fixed before the first send
   * so that every retry sends the same thing (the SM-DP+ source takes a profile from SimFill's inventory and
   * answers its ICCID, which the runner stores on the order). Throws `EsimSourceError` (`refused` when nothing
   * can be reserved).
   */
  reserve?(tx: Tx, order: EsimOrderRow): Promise<{ iccid: string } | undefined>;
  /**
   * After a new-eSIM order that `reserve` served failed for good (refused, or out of attempts), outside any
   * transaction: undoes the reservation at the source (the SM-DP+ source cancels the order there) and answers what
   * the reserved profile is now — `available` to hand out again, or `unavailable` when that is not certain. The
   * runner then writes it with `returnInventoryProfile` in the transaction that fails the order.
   */
  release?(order: EsimOrderRow): Promise<'available' | 'unavailable'>;
  /** Buys a new eSIM for `order` (kind `new`), tagged with `order.reference`. */
  issue(order: EsimOrderRow): Promise<IssuedEsim>;
  /** After an `unknown` answer: the eSIM the source issued for `order.reference`, or undefined if none. */
  findIssued(order: EsimOrderRow): Promise<IssuedEsim | undefined>;
  /** Adds `order.packageId` to the same eSIM (same ICCID). */
  topUp(order: EsimOrderRow, profile: ProfileRow): Promise<ToppedUp>;
  /** After an `unknown` answer to a top-up: the top-up the source made for it, or undefined if none. */
  findTopUp(order: EsimOrderRow, profile: ProfileRow): Promise<ToppedUp | undefined>;
  /** The packages this eSIM accepts as top-ups (only those), priced for the customer. */
  topUpPackages(profile: ProfileRow): Promise<TopUpPackage[]>;
  /** The source's usage for this eSIM; undefined when the source reports none (SimFill keeps its own). */
  usage(profile: ProfileRow): Promise<SourceUsage | undefined>;
}

export type EsimSources = Partial<Record<EsimSourceKind, EsimSource>>;
