import type { AiraloRouter } from './api.js';
import type { SimCountry, SimOperator, SimPackage } from './catalog.js';
import { success, tooManyAttempts } from './errors.js';

/**
 * `GET /v2/packages?filter[country]=US&filter[type]=local|global&include=topup&limit&page`: countries → operators
 * → packages, as Airalo nests them (developers.partners.airalo.com get-packages-11883036e0), Laravel's page
 * envelope (`links`, `meta.current_page`, `meta.last_page`…). Top-ups only with `include=topup`.
 */

const PAGE_LIMIT_DEFAULT = 50;

function packageView(pkg: SimPackage) {
  const gb = pkg.amountMb / 1024;
  return {
    id: pkg.id,
    type: pkg.type,
    price: pkg.price,
    amount: pkg.amountMb,
    day: pkg.day,
    is_unlimited: pkg.isUnlimited,
    title: pkg.title,
    short_info: "This eSIM doesn't come with a phone number.",
    qr_installation: '<p>1. Go to Settings &gt; Cellular/Mobile &gt; Add Cellular/Mobile Plan.</p>',
    manual_installation: '<p>1. Go to Settings &gt; Cellular/Mobile &gt; Add Cellular/Mobile Plan.</p>',
    is_fair_usage_policy: false,
    fair_usage_policy: null,
    data: pkg.isUnlimited ? 'Unlimited' : `${Number.isInteger(gb) ? gb : gb.toFixed(1)} GB`,
    voice: null,
    text: null,
    net_price: pkg.netPrice,
  };
}

function operatorView(operator: SimOperator, includeTopUps: boolean) {
  return {
    id: operator.id,
    style: 'dark',
    gradient_start: '#0f1b3f',
    gradient_end: '#194281',
    type: operator.type,
    is_prepaid: true,
    title: operator.title,
    esim_type: 'Prepaid',
    warning: null,
    apn_type: 'automatic',
    apn_value: null,
    is_roaming: operator.type === 'global',
    info: ['LTE Data-only eSIM.'],
    image: { width: 1035, height: 660, url: `https://cdn.airalo.com/images/${operator.id}.png` },
    plan_type: 'data',
    activation_policy: 'first-usage',
    is_kyc_verify: false,
    rechargeability: operator.rechargeable,
    other_info: null,
    coverages: operator.countries.map((country) => ({
      name: country.code,
      networks: [{ name: operator.title, types: ['4G'] }],
    })),
    packages: operator.packages.filter((pkg) => includeTopUps || pkg.type === 'sim').map(packageView),
    countries: operator.countries.map((country) => ({
      country_code: country.code,
      title: country.title,
      image: { width: 87, height: 64, url: `https://cdn.airalo.com/flags/${country.code.toLowerCase()}.png` },
    })),
  };
}

function countryView(country: SimCountry, includeTopUps: boolean) {
  return {
    slug: country.slug,
    country_code: country.countryCode,
    title: country.title,
    image: { width: 132, height: 99, url: `https://cdn.airalo.com/images/${country.slug}.png` },
    operators: country.operators.map((operator) => operatorView(operator, includeTopUps)),
  };
}

export function addPackageRoutes(router: AiraloRouter): void {
  router.get('/v2/packages', ({ store, limiter, token, url }) => {
    const verdict = limiter.take('packages', token);
    if (!verdict.allowed) return { ...tooManyAttempts(), headers: verdict.headers };
    const country = url.searchParams.get('filter[country]')?.toUpperCase();
    const type = url.searchParams.get('filter[type]');
    const includeTopUps = (url.searchParams.get('include') ?? '').split(',').includes('topup');
    const matching = store.catalog.filter((entry) => {
      const operatorType = entry.operators[0]?.type;
      if (country) return entry.countryCode === country;
      return !type || operatorType === type;
    });
    const limit = Math.max(1, Number(url.searchParams.get('limit')) || PAGE_LIMIT_DEFAULT);
    const page = Math.max(1, Number(url.searchParams.get('page')) || 1);
    const lastPage = Math.max(1, Math.ceil(matching.length / limit));
    const slice = matching.slice((page - 1) * limit, page * limit);
    const path = `${url.origin}/v2/packages`;
    const reply = success(
      slice.map((entry) => countryView(entry, includeTopUps)),
      {
        links: {
          first: `${path}?page=1`,
          last: `${path}?page=${lastPage}`,
          prev: page > 1 ? `${path}?page=${page - 1}` : null,
          next: page < lastPage ? `${path}?page=${page + 1}` : null,
        },
      },
    );
    const body = reply.body as { meta: Record<string, unknown> };
    body.meta = {
      message: 'success',
      current_page: page,
      from: slice.length ? (page - 1) * limit + 1 : null,
      last_page: lastPage,
      path,
      per_page: String(limit),
      to: slice.length ? (page - 1) * limit + slice.length : null,
      total: matching.length,
    };
    return { ...reply, headers: verdict.headers };
  });
}
