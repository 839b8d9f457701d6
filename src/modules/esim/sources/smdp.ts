import { createHmac } from 'node:crypto';
import type { Tx } from '../../../db/index.js';
import type { Clock } from '../../../kernel/clock.js';
import type { LocalizedText } from '../../../kernel/i18n/index.js';
import {
  Es2PlusFailure,
  Es2PlusTransportError,
  type ConfirmedOrder,
  type SmdpPlus,
} from '../../../ports/smdp.js';
import { buildActivationCode, LPA_PREFIX } from '../activation-code.js';
import { reserveInventoryProfile } from '../inventory.js';
import type { EsimOrderRow, ProfileRow } from '../schema.js';
import {
  EsimSourceError,
  type EsimSource,
  type IssuedEsim,
  type ToppedUp,
  type TopUpPackage,
} from '../sources.js';

/**
 * The operator's own SM-DP+ as an eSIM source, over ES2+ (ports/smdp.ts, adapters/es2plus):
 *
 * - `reserve` (in the claiming transaction): one `available` profile of the plan's profile type from SimFill's
 *   inventory, marked assigned to the eSIM order; the runner stores its ICCID on the order.
 * - `issue`: DownloadOrder({iccid}) then ConfirmOrder({iccid, matchingId, releaseFlag: true}); the activation code
 *   is `LPA:1$<SM-DP+ address>$<matching id>`. The matching id is SimFill's own, derived from the order's reference
 *   with a keyed hash, so every retry confirms the same one and no one who knows an order id can compute it.
 * - `findIssued` after a lost answer. ES2+ has no lookup, so SimFill re-drives the same two calls for the profile
 *   the order already holds (it never reserves another) and reads the SM-DP+'s answers:
 *   DownloadOrder `8.2.1/3.3` (already in use) means the first DownloadOrder arrived — the pool is SimFill's alone,
 *   so the profile is this order's; a repeated ConfirmOrder with the same matching id on a Confirmed or Released
 *   profile is answered as the first (SGP.22 osmo-smdpp behaviour, and the simulator's). ConfirmOrder `8.2.1/3.5`
 *   (invalid transition) then means the profile left the order's hands (cancelled or made unavailable by the
 *   operator): no customer can have downloaded it, since only SimFill knew the matching id, so it is refused and
 *   the flow refunds. The same tolerance of `3.3` makes `issue` safe to call again after a `retry` failure.
 * - `release` after the order failed for good: CancelOrder(Available) gives the profile back to both pools; when
 *   the SM-DP+ refuses or does not answer, the profile is taken out of SimFill's pool rather than risked twice.
 * - `topUp`: the operator is the network, so data added to its own eSIM is SimFill's own business: no SM-DP+ call
 *   (a profile is installed once; its data lives in the operator's core), cost 0 USD; usage metering of the
 *   network side is issue 18's. `topUpPackages`: the operator's own data packs (`OWN_DATA_PACKS`). `usage`:
 *   undefined (SimFill keeps its own).
 *
 * Es2PlusFailure → `retry` when the function provider is busy or the call expired unexecuted (`1.2` subjects,
 * `Expired`), else `refused` (the profile, type, EID or requester is wrong, which sending again cannot fix);
 * Es2PlusTransportError → `unknown` (the call may have been executed).
 */

export interface OwnDataPack {
  packageId: string;
  name: LocalizedText;
  dataMb: number;
  validityDays: number;
  /** US cents. */
  priceMinor: number;
}

/**
 * The operator's own data packs for its eSIMs, priced in USD like the catalog. A short static list: the operator
 * decides its own prices, so they live with the source rather than in a provider's catalog.
 */
export const OWN_DATA_PACKS: readonly OwnDataPack[] = [
  {
    packageId: 'own-1gb-7days',
    name: { 'zh-CN': '1GB 流量包（7天）', en: '1 GB data pack (7 days)' },
    dataMb: 1024,
    validityDays: 7,
    priceMinor: 500,
  },
  {
    packageId: 'own-3gb-30days',
    name: { 'zh-CN': '3GB 流量包（30天）', en: '3 GB data pack (30 days)' },
    dataMb: 3 * 1024,
    validityDays: 30,
    priceMinor: 1200,
  },
  {
    packageId: 'own-10gb-30days',
    name: { 'zh-CN': '10GB 流量包（30天）', en: '10 GB data pack (30 days)' },
    dataMb: 10 * 1024,
    validityDays: 30,
    priceMinor: 2500,
  },
];

export interface SmdpSourceOptions {
  smdp: SmdpPlus;
  clock: Clock;
  /** The SM-DP+'s host name for activation codes when its ConfirmOrder answer names none. */
  smdpAddress: string;
  /** The secret key of the matching ids (at least 16 bytes); the same key for the life of every open order. */
  matchingIdKey: string;
  /** Where the operator's own network (and so its data packs) works; ISO alpha-2. */
  countries?: string[];
}

/** SGP.22 matching ids: upper-case letters, digits and `-`. `SF-` and 24 hex digits of the keyed hash. */
export function matchingIdFor(key: string, reference: string): string {
  const digest = createHmac('sha256', key).update(`simfill-matching-id:${reference}`).digest('hex');
  return `SF-${digest.slice(0, 24).toUpperCase()}`;
}

const codeOf = (failure: Es2PlusFailure) => `${failure.code.subjectCode}/${failure.code.reasonCode}`;

/** What the SM-DP+'s answer means for the order: see the module comment. */
function sourceErrorOf(error: unknown): EsimSourceError {
  if (error instanceof EsimSourceError) return error;
  if (error instanceof Es2PlusTransportError)
    return new EsimSourceError('unknown', 'NO_RESPONSE', error.message);
  if (error instanceof Es2PlusFailure) {
    const busy = error.status === 'Expired' || error.code.subjectCode === '1.2';
    return new EsimSourceError(busy ? 'retry' : 'refused', codeOf(error), error.message);
  }
  throw error;
}

const ALREADY_IN_USE = '8.2.1/3.3';

export function smdpSource(options: SmdpSourceOptions): EsimSource {
  const { smdp, clock } = options;
  if (Buffer.byteLength(options.matchingIdKey) < 16) throw new RangeError('the matching id key is too short');
  const countries = options.countries ?? ['US'];

  /** DownloadOrder + ConfirmOrder for the order's profile; repeatable (see the module comment). */
  async function drive(order: EsimOrderRow): Promise<IssuedEsim> {
    if (order.kind !== 'new') throw new RangeError('only a new eSIM is issued');
    const iccid = order.iccid;
    if (!iccid) throw new EsimSourceError('refused', 'NOT_RESERVED', 'no inventory profile reserved');
    const matchingId = matchingIdFor(options.matchingIdKey, order.reference);
    let confirmed: ConfirmedOrder;
    try {
      try {
        await smdp.downloadOrder({ iccid });
      } catch (error) {
        if (!(error instanceof Es2PlusFailure && codeOf(error) === ALREADY_IN_USE)) throw error;
      }
      confirmed = await smdp.confirmOrder({ iccid, matchingId, releaseFlag: true });
    } catch (error) {
      throw sourceErrorOf(error);
    }
    if (confirmed.matchingId !== matchingId) {
      // An SM-DP+ that replaced SimFill's matching id: the code it answers is the one the phone must present.
      throw new EsimSourceError('refused', 'MATCHING_ID_CHANGED', 'the SM-DP+ answered another matching id');
    }
    const activationCode =
      LPA_PREFIX +
      buildActivationCode({
        smdpAddress: confirmed.smdpAddress ?? options.smdpAddress,
        matchingId,
        smdpOid: undefined,
        confirmationCodeRequired: false,
      });
    return {
      iccid,
      activationCode,
      providerSimId: undefined,
      providerOrderId: undefined,
      confirmationCodeRequired: false,
      eid: confirmed.eid,
      // The operator's own profile: what it costs the operator is not a purchase from a supplier.
      costMinor: 0,
      costCurrency: 'USD',
    };
  }

  const ownTopUp = (): ToppedUp => ({ providerOrderId: undefined, costMinor: 0, costCurrency: 'USD' });

  return {
    kind: 'smdp',
    async reserve(tx: Tx, order: EsimOrderRow) {
      const iccid = await reserveInventoryProfile(tx, clock, {
        profileType: order.packageId,
        esimOrderId: order.id,
      });
      if (!iccid) {
        throw new EsimSourceError(
          'refused',
          'inventory_empty',
          `no available profile of type ${order.packageId}`,
        );
      }
      return { iccid };
    },
    issue: drive,
    findIssued: drive,
    async release(order: EsimOrderRow) {
      if (!order.iccid) return 'unavailable';
      try {
        // Back to the SM-DP+'s pool with its matching id cleared: no one ever saw the code.
        await smdp.cancelOrder({ iccid: order.iccid, finalProfileStatusIndicator: 'Available' });
        return 'available';
      } catch (error) {
        // Never ordered (still Available), already unavailable, or no answer: not certain to be free, so out.
        if (error instanceof Es2PlusFailure || error instanceof Es2PlusTransportError) return 'unavailable';
        throw error;
      }
    },
    async topUp(order: EsimOrderRow, profile: ProfileRow) {
      assertOwnPack(order.packageId, profile);
      return ownTopUp();
    },
    async findTopUp(order: EsimOrderRow, profile: ProfileRow) {
      // Nothing was sent anywhere: a top-up SimFill recorded is the top-up.
      assertOwnPack(order.packageId, profile);
      return ownTopUp();
    },
    async topUpPackages(profile: ProfileRow): Promise<TopUpPackage[]> {
      if (profile.source !== 'smdp') return [];
      return OWN_DATA_PACKS.map((pack) => ({
        packageId: pack.packageId,
        title: pack.name.en,
        dataMb: pack.dataMb,
        unlimited: false,
        validityDays: pack.validityDays,
        countries: [...countries],
        priceMinor: pack.priceMinor,
        currency: 'USD',
      }));
    },
    async usage() {
      return undefined;
    },
  };
}

function assertOwnPack(packageId: string, profile: ProfileRow): void {
  if (profile.source !== 'smdp') throw new RangeError('not an eSIM of the operator’s SM-DP+');
  if (!OWN_DATA_PACKS.some((pack) => pack.packageId === packageId)) {
    throw new EsimSourceError('refused', 'package_unknown', `no own data pack ${packageId}`);
  }
}
