import { systemClock, type Clock } from '../../../kernel/clock.js';
import { money, percentOf } from '../../../kernel/money.js';
import {
  EsimProviderError,
  type EsimErrorKind,
  type EsimOrder,
  type EsimPackage,
  type EsimProvider,
} from '../../../ports/esim.js';
import type { EsimOrderRow, ProfileRow } from '../schema.js';
import {
  EsimSourceError,
  type EsimSource,
  type EsimSourceErrorKind,
  type IssuedEsim,
  type TopUpPackage,
} from '../sources.js';

/**
 * The `airalo` eSIM source: a wholesale reseller (an `EsimProvider`, src/adapters/airalo) behind the one
 * EsimSource interface. A new eSIM is one order tagged with the eSIM order's reference (Airalo's
 * `description`), a top-up one top-up order on the same ICCID tagged the same way; a lost answer is looked
 * for by that reference. The provider's errors become the three kinds the esim service acts on.
 */

export interface AiraloSourceOptions {
  provider: EsimProvider;
  /**
   * A top-up whose answer states no retail price is sold at its net price plus this many basis points, rounded
   * half to even to the cent (3000 = +30 %).
   */
  topUpMarkupBps: number;
  clock?: Clock;
  /** How long the provider's catalog (countries of each top-up) is kept between reads. */
  catalogTtlMs?: number;
}

export const DEFAULT_TOP_UP_MARKUP_BPS = 3000;
const CATALOG_TTL_MS = 60 * 60_000;

const KINDS: Record<EsimErrorKind, EsimSourceErrorKind> = {
  out_of_stock: 'refused',
  recycled: 'refused',
  topup_disabled: 'refused',
  invalid_request: 'refused',
  not_found: 'refused',
  maintenance: 'retry',
  insufficient_credit: 'retry',
  rate_limited: 'retry',
  // Our credentials are wrong or revoked: nothing was done, and staff can fix it before the last attempt.
  authentication: 'retry',
  unavailable: 'unknown',
  unknown: 'unknown',
};

/** The provider's error in the source's words (anything else — a bug, a crash mid-call — is `unknown`). */
export function sourceErrorOf(error: unknown): EsimSourceError {
  if (error instanceof EsimSourceError) return error;
  if (error instanceof EsimProviderError) {
    const seconds = error.rateLimit?.retryAfterSeconds;
    return new EsimSourceError(
      KINDS[error.kind],
      error.providerCode,
      error.message,
      seconds === undefined ? undefined : seconds * 1000,
    );
  }
  return new EsimSourceError('unknown', 'INTERNAL_ERROR', String(error));
}

async function mapped<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw sourceErrorOf(error);
  }
}

function issuedOf(order: EsimOrder): IssuedEsim {
  const sim = order.sims[0];
  if (!sim) throw new EsimSourceError('unknown', 'NO_SIM', `order ${order.providerOrderId} has no eSIM`);
  return {
    iccid: sim.iccid,
    activationCode: sim.activationCode,
    providerSimId: sim.providerSimId,
    providerOrderId: order.providerOrderId,
    confirmationCodeRequired: false,
    eid: undefined,
    costMinor: order.priceMinor,
    costCurrency: order.currency,
  };
}

/** SimFill's price of a top-up: the retail price the provider states, else its net price plus the markup. */
export function topUpPriceMinor(
  offer: { retailPriceMinor: number | undefined; netPriceMinor: number | undefined },
  markupBps: number,
): number | undefined {
  if (offer.retailPriceMinor !== undefined) return offer.retailPriceMinor;
  if (offer.netPriceMinor === undefined) return undefined;
  return offer.netPriceMinor + percentOf(money(offer.netPriceMinor, 'USD'), markupBps).amountMinor;
}

export function createAiraloSource(options: AiraloSourceOptions): EsimSource {
  const { provider } = options;
  const clock = options.clock ?? systemClock;
  const ttlMs = options.catalogTtlMs ?? CATALOG_TTL_MS;
  let catalog: { at: number; byId: Map<string, EsimPackage> } | undefined;

  /** The whole catalog (top-ups included), kept a while: a top-up offer names no countries and may lack a net price. */
  async function catalogById(): Promise<Map<string, EsimPackage>> {
    const now = clock.now().getTime();
    if (catalog && now - catalog.at < ttlMs) return catalog.byId;
    const packages = await provider.listPackages();
    catalog = { at: now, byId: new Map(packages.map((pkg) => [pkg.providerPackageId, pkg])) };
    return catalog.byId;
  }

  return {
    kind: 'airalo',
    issue: (order: EsimOrderRow) =>
      mapped(async () =>
        issuedOf(
          await provider.createOrder({
            providerPackageId: order.packageId,
            quantity: 1,
            reference: order.reference,
          }),
        ),
      ),
    findIssued: (order) =>
      mapped(async () => {
        const found = await provider.findOrderByReference(order.reference, order.createdAt);
        return found && issuedOf(found);
      }),
    topUp: (order, profile: ProfileRow) =>
      mapped(async () => {
        const done = await provider.topUp(profile.iccid, order.packageId, order.reference);
        return {
          providerOrderId: done.providerOrderId,
          costMinor: done.priceMinor,
          costCurrency: done.currency,
        };
      }),
    findTopUp: (order, profile) =>
      mapped(async () => {
        const found = await provider.findTopUpByReference(order.reference, profile.iccid, order.createdAt);
        return (
          found && {
            providerOrderId: found.providerOrderId,
            costMinor: found.priceMinor,
            costCurrency: found.currency,
          }
        );
      }),
    topUpPackages: (profile) =>
      mapped(async () => {
        const offers = await provider.simTopUpPackages(profile.iccid);
        if (offers.length === 0) return [];
        const byId = await catalogById();
        return offers.flatMap((offer): TopUpPackage[] => {
          const listed = byId.get(offer.providerPackageId);
          const priceMinor = topUpPriceMinor(
            {
              retailPriceMinor: offer.retailPriceMinor,
              netPriceMinor: offer.netPriceMinor ?? listed?.netPriceMinor,
            },
            options.topUpMarkupBps,
          );
          if (priceMinor === undefined) return [];
          return [
            {
              packageId: offer.providerPackageId,
              title: offer.title,
              dataMb: offer.amountMb,
              unlimited: offer.isUnlimited,
              validityDays: offer.validityDays,
              countries: listed?.countries ?? [],
              priceMinor,
              currency: offer.currency,
            },
          ];
        });
      }),
    usage: (profile) =>
      mapped(async () => {
        const usage = await provider.simUsage(profile.iccid);
        return {
          providerStatus: usage.status,
          totalMb: usage.totalMb,
          remainingMb: usage.remainingMb,
          unlimited: usage.isUnlimited,
          expiresAt: usage.expiresAt,
          observedAt: clock.now(),
        };
      }),
  };
}
