import type { SimType, ValidityPeriod } from '../api/types';

/**
 * The plan filters: what the form shows, what the URL keeps, and the query the API accepts. The URL uses the
 * API's own parameter names, so a shared link and the API request read the same.
 */

export const SIM_TYPE_OPTIONS = ['psim', 'esim'] as const satisfies readonly SimType[];
/** `min_data_mb` values in MiB, or `unlimited=true`. */
export const DATA_OPTIONS = ['1024', '5120', '10240', 'unlimited'] as const;
export const VALIDITY_OPTIONS = [
  'daily',
  '7_days',
  '30_days',
  'monthly',
  'quarterly',
] as const satisfies readonly ValidityPeriod[];
/** ISO 3166-1 alpha-2 codes of the places customers ask about most. */
export const COUNTRY_OPTIONS = [
  'US',
  'CA',
  'MX',
  'CN',
  'HK',
  'TW',
  'JP',
  'KR',
  'SG',
  'TH',
  'GB',
  'FR',
  'DE',
  'IT',
  'ES',
  'AU',
] as const;

export type DataOption = (typeof DATA_OPTIONS)[number];
export type CountryOption = (typeof COUNTRY_OPTIONS)[number];

/** One value per control; `''` means "any". */
export interface PlanFilterValues {
  carrier: string;
  simType: SimType | '';
  data: DataOption | '';
  validity: ValidityPeriod | '';
  country: CountryOption | '';
}

export const NO_FILTERS: PlanFilterValues = { carrier: '', simType: '', data: '', validity: '', country: '' };

const CARRIER_SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/;

function oneOf<T extends string>(options: readonly T[], value: string | null): T | '' {
  return value !== null && (options as readonly string[]).includes(value) ? (value as T) : '';
}

/** Reads filters from a query string, dropping anything the form could not show. */
export function filtersFromSearch(search: string): PlanFilterValues {
  const params = new URLSearchParams(search);
  const carrier = params.get('carrier')?.toLowerCase() ?? '';
  return {
    carrier: CARRIER_SLUG.test(carrier) ? carrier : '',
    simType: oneOf(SIM_TYPE_OPTIONS, params.get('sim_type')),
    data: params.get('unlimited') === 'true' ? 'unlimited' : oneOf(DATA_OPTIONS, params.get('min_data_mb')),
    validity: oneOf(VALIDITY_OPTIONS, params.get('validity')),
    country: oneOf(COUNTRY_OPTIONS, params.get('country')?.toUpperCase() ?? null),
  };
}

/** The filter part of the `/v1/plans` query (and of the page URL); empty filters are left out. */
export function filtersToQuery(filters: PlanFilterValues): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.carrier) params.set('carrier', filters.carrier);
  if (filters.simType) params.set('sim_type', filters.simType);
  if (filters.data === 'unlimited') params.set('unlimited', 'true');
  else if (filters.data) params.set('min_data_mb', filters.data);
  if (filters.validity) params.set('validity', filters.validity);
  if (filters.country) params.set('country', filters.country);
  return params;
}

export function hasFilters(filters: PlanFilterValues): boolean {
  return Object.values(filters).some((value) => value !== '');
}

/** Mirrors the filters into the address bar without adding history entries, so a reload keeps them. */
export function replaceUrlFilters(filters: PlanFilterValues): void {
  const query = filtersToQuery(filters).toString();
  const url = `${window.location.pathname}${query ? `?${query}` : ''}${window.location.hash}`;
  const current = `${window.location.pathname}${window.location.search}${window.location.hash}`;
  if (url !== current) window.history.replaceState(window.history.state, '', url);
}
