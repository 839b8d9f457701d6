import type { Locale } from '../../i18n';
import { api } from '../../ui/http';

/** One SM-DP+ pool figure: how many profiles of a type are in a state (available, assigned, unavailable…). */
export interface PoolCount {
  profileType: string;
  state: string;
  count: number;
}

type Loose = Record<string, unknown>;
const isObject = (value: unknown): value is Loose => typeof value === 'object' && value !== null;
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);

function rowsOf(profileType: string, row: Loose): PoolCount[] {
  if (isCount(row.count) && typeof row.state === 'string')
    return [{ profileType, state: row.state, count: row.count }];
  // One row per profile type, a count per state (`{ profile_type, available: 3, assigned: 1 }`), or nested in `states`.
  const states = isObject(row.states) ? row.states : isObject(row.counts) ? row.counts : row;
  return Object.entries(states)
    .filter(([, value]) => isCount(value))
    .filter(([state]) => state !== 'total')
    .map(([state, count]) => ({ profileType, state, count: count as number }));
}

const typeOf = (row: Loose): string | undefined => {
  const type = row.profile_type ?? row.profileType ?? row.type;
  return typeof type === 'string' ? type : undefined;
};

/**
 * The SM-DP+ pool (`GET /v1/admin/esim-inventory`, served where the SM-DP+ source is configured), read
 * defensively: undefined when the route is absent or answers a shape this page does not know, so the page then
 * shows nothing rather than a wrong figure.
 */
export async function loadPool(locale: Locale): Promise<PoolCount[] | undefined> {
  let body: unknown;
  try {
    body = await api<unknown>('/v1/admin/esim-inventory', { locale });
  } catch {
    return undefined;
  }
  if (!isObject(body)) return undefined;
  const data = body.data ?? body.by_profile_type ?? body.counts;
  let counts: PoolCount[] = [];
  if (Array.isArray(data)) {
    counts = data.filter(isObject).flatMap((row) => {
      const type = typeOf(row);
      return type === undefined ? [] : rowsOf(type, row);
    });
  } else if (isObject(data)) {
    counts = Object.entries(data).flatMap(([type, row]) => (isObject(row) ? rowsOf(type, row) : []));
  }
  return counts.length > 0 || Array.isArray(data) ? counts : undefined;
}
