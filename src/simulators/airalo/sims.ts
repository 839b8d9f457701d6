import type { AiraloRouter } from './api.js';
import { airaloDate, notFound, success, tooManyAttempts } from './errors.js';
import { packageStatus, remainingMbOf, usageOf } from './store.js';

/**
 * `GET /v2/sims/{iccid}/usage` (megabytes; zeros for unlimited; status NOT_ACTIVE, ACTIVE, FINISHED, EXPIRED,
 * RECYCLED) and `GET /v2/sims/{iccid}/packages` (the eSIM's package history), both 10 a minute per ICCID, as
 * developers.partners.airalo.com get-usage-data-text-voice-11883030e0 and get-esim-package-history-11883032e0.
 */

export function addSimRoutes(router: AiraloRouter): void {
  router.get('/v2/sims/:iccid/usage', ({ store, limiter, params }) => {
    const verdict = limiter.take('usage', params.iccid!);
    if (!verdict.allowed) return { ...tooManyAttempts(), headers: verdict.headers };
    const esim = store.esims.get(params.iccid!);
    if (!esim) return { ...notFound(), headers: verdict.headers };
    const usage = usageOf(esim, store.clock.now());
    return {
      ...success({
        remaining: esim.recycled ? 0 : usage.remainingMb,
        total: esim.recycled ? 0 : usage.totalMb,
        expired_at: esim.recycled ? null : airaloDate(usage.expiresAt),
        is_unlimited: esim.recycled ? null : usage.isUnlimited,
        status: usage.status,
        remaining_voice: 0,
        remaining_text: 0,
        total_voice: 0,
        total_text: 0,
      }),
      headers: verdict.headers,
    };
  });
  // The top-ups this eSIM accepts: its operator's, none when the operator is not rechargeable
  // (get-top-up-package-list-11883031e0: `price` is the retail price; the answer has no net price).
  router.get('/v2/sims/:iccid/topups', ({ store, params }) => {
    const esim = store.esims.get(params.iccid!);
    if (!esim) return notFound();
    const operator = store.operatorById(esim.operatorId);
    const packages = operator?.rechargeable && !esim.recycled ? operator.packages : [];
    return success(
      packages
        .filter((pkg) => pkg.type === 'topup' && !pkg.topUpDisabled)
        .map((pkg) => ({
          id: pkg.id,
          type: 'topup',
          price: pkg.price,
          amount: pkg.amountMb,
          day: pkg.day,
          is_unlimited: pkg.isUnlimited,
          title: pkg.title,
          data: pkg.isUnlimited ? 'Unlimited' : `${pkg.amountMb / 1024} GB`,
          short_info: "This eSIM doesn't come with a phone number.",
          voice: null,
          text: null,
        })),
    );
  });
  router.get('/v2/sims/:iccid/packages', ({ store, limiter, params }) => {
    const verdict = limiter.take('simPackages', params.iccid!);
    if (!verdict.allowed) return { ...tooManyAttempts(), headers: verdict.headers };
    const esim = store.esims.get(params.iccid!);
    if (!esim) return { ...notFound(), headers: verdict.headers };
    const now = store.clock.now();
    const history = esim.packages
      .map((pkg, index) => {
        const found = store.findPackage(pkg.packageId);
        return {
          id: esim.id * 100 + index,
          status: packageStatus(pkg, now),
          remaining: remainingMbOf(pkg),
          activated_at: airaloDate(pkg.activatedAt),
          expired_at: airaloDate(pkg.expiresAt),
          finished_at: null,
          package: {
            id: pkg.packageId,
            type: pkg.type,
            title: found?.pkg.title ?? pkg.packageId,
            data: pkg.isUnlimited ? 'Unlimited' : `${pkg.amountMb / 1024} GB`,
            amount: pkg.amountMb,
            day: pkg.day,
            is_unlimited: pkg.isUnlimited,
          },
        };
      })
      .reverse();
    return { ...success(history), headers: verdict.headers };
  });
}
