import { z } from 'zod';
import {
  EsimProviderError,
  type EsimErrorKind,
  type EsimOrder,
  type EsimPackage,
  type EsimProvider,
  type EsimRateLimit,
  type EsimSim,
  type EsimSimPackage,
  type EsimSimStatus,
  type EsimTopUp,
  type EsimTopUpOffer,
  type EsimUsage,
} from '../../ports/esim.js';

/**
 * The Airalo Partner API v2 client (https://developers.partners.airalo.com) over plain fetch: OAuth2 client
 * credentials (`POST /v2/token`, form-encoded), the token cached and renewed once on a 401, an explicit timeout on
 * every call, every answer parsed with zod, `x-ratelimit-*` / `Retry-After` kept from each answer, Airalo's 422
 * codes mapped onto SimFill's vocabulary. Airalo has no idempotency key: orders carry SimFill's reference in
 * `description`, and an order whose answer is lost is `unknown` until `findOrderByReference` has looked for it.
 */

export interface AiraloOptions {
  clientId: string;
  clientSecret: string;
  /** `https://partners-api.airalo.com` (or the simulator). */
  apiBase: string;
  timeoutMs: number;
  name?: string;
}

export interface AiraloClient extends EsimProvider {
  /** Opts in to low-data webhooks at `webhookUrl` (Airalo first sends it a HEAD request, which must answer 200). */
  optInLowDataNotifications(webhookUrl: string): Promise<void>;
}

/** At most this many catalog pages are read (Airalo's whole catalog is ~3,200 packages; 100 a page). */
const PACKAGE_PAGES_MAX = 50;
const PACKAGE_PAGE_LIMIT = 100;
const DAY_MS = 86_400_000;

const airaloDate = z
  .string()
  .nullish()
  .transform((text) => (text ? new Date(`${text.replace(' ', 'T')}Z`) : undefined));
const dollars = z.union([
  z.number(),
  z
    .string()
    .regex(/^\d+(\.\d+)?$/)
    .transform(Number),
]);
const toMinor = (amount: number) => Math.round(amount * 100);

const packageSchema = z.object({
  id: z.string(),
  type: z.enum(['sim', 'topup']),
  price: dollars.nullish(),
  net_price: dollars,
  amount: z.number(),
  day: z.number(),
  is_unlimited: z.boolean(),
  title: z.string(),
});
const operatorSchema = z.object({
  id: z.number(),
  title: z.string(),
  type: z.string(),
  rechargeability: z.boolean().nullish(),
  packages: z.array(packageSchema),
  countries: z.array(z.object({ country_code: z.string() })),
});
const packagesPageSchema = z.object({
  data: z.array(
    z.object({ slug: z.string(), country_code: z.string().nullish(), operators: z.array(operatorSchema) }),
  ),
  meta: z.object({ last_page: z.number().nullish() }).nullish(),
});

const simSchema = z.object({
  id: z.union([z.number(), z.string()]),
  iccid: z.string(),
  lpa: z.string().nullish(),
  matching_id: z.string().nullish(),
  qrcode: z.string(),
  qrcode_url: z.string().nullish(),
  direct_apple_installation_url: z.string().nullish(),
});
const orderSchema = z.object({
  id: z.union([z.number(), z.string()]),
  code: z.string(),
  package_id: z.string(),
  quantity: z.union([z.number(), z.string().transform(Number)]),
  type: z.string(),
  description: z.string().nullish(),
  price: dollars,
  currency: z.string().nullish(),
  created_at: airaloDate,
  sims: z.array(simSchema).nullish(),
});
const usageSchema = z.object({
  remaining: z.number().nullish(),
  total: z.number().nullish(),
  expired_at: airaloDate,
  is_unlimited: z.boolean().nullish(),
  status: z.string(),
});
const simPackageSchema = z.object({
  status: z.string(),
  activated_at: airaloDate,
  expired_at: airaloDate,
  package: z.object({
    id: z.string(),
    type: z.enum(['sim', 'topup']),
    amount: z.number(),
    day: z.number(),
    is_unlimited: z.boolean(),
  }),
});
const topUpOfferSchema = z.object({
  id: z.string(),
  type: z.string().nullish(),
  price: dollars.nullish(),
  net_price: dollars.nullish(),
  amount: z.number(),
  day: z.number(),
  is_unlimited: z.boolean(),
  title: z.string(),
});
const envelope = <T extends z.ZodTypeAny>(data: T) => z.object({ data });

/** Airalo's 422 business codes (developers.partners.airalo.com error handling) in SimFill's words. */
const ERROR_KINDS: Record<number, EsimErrorKind> = {
  11: 'insufficient_credit',
  13: 'maintenance',
  23: 'topup_disabled',
  33: 'out_of_stock',
  34: 'out_of_stock',
  73: 'recycled',
  14: 'invalid_request',
  43: 'invalid_request',
};
const errorSchema = z.object({
  code: z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).nullish(),
  reason: z.string().nullish(),
  message: z.string().nullish(),
  meta: z.object({ message: z.string().nullish() }).nullish(),
});

const STATUSES: Record<string, EsimSimStatus> = {
  NOT_ACTIVE: 'not_active',
  ACTIVE: 'active',
  FINISHED: 'finished',
  EXPIRED: 'expired',
  RECYCLED: 'recycled',
};

/** `LPA:1$<SM-DP+ address>$<matching id>`: the two parts Airalo also sends as `lpa` and `matching_id`. */
function mapSim(raw: z.infer<typeof simSchema>): EsimSim {
  const [, smdp, matching] = raw.qrcode.split('$');
  return {
    providerSimId: String(raw.id),
    iccid: raw.iccid,
    activationCode: raw.qrcode,
    qrCodeUrl: raw.qrcode_url ?? undefined,
    appleInstallUrl: raw.direct_apple_installation_url ?? undefined,
    smdpAddress: raw.lpa ?? smdp,
    matchingId: raw.matching_id ?? matching,
  };
}

function mapOrder(raw: z.infer<typeof orderSchema>): EsimOrder {
  return {
    providerOrderId: String(raw.id),
    providerOrderCode: raw.code,
    reference: raw.description ?? undefined,
    providerPackageId: raw.package_id,
    quantity: raw.quantity,
    priceMinor: toMinor(raw.price),
    currency: raw.currency ?? 'USD',
    sims: (raw.sims ?? []).map(mapSim),
    createdAt: raw.created_at ?? new Date(0),
  };
}

function coverageOf(operatorType: string, slug: string): EsimPackage['coverage'] {
  if (operatorType === 'local') return 'local';
  return slug === 'world' || slug === 'global' ? 'global' : 'regional';
}

function mapPackages(page: z.infer<typeof packagesPageSchema>): EsimPackage[] {
  return page.data.flatMap((entry) =>
    entry.operators.flatMap((operator) =>
      operator.packages.map((pkg) => ({
        providerPackageId: pkg.id,
        kind: pkg.type,
        title: pkg.title,
        amountMb: pkg.is_unlimited ? undefined : pkg.amount,
        isUnlimited: pkg.is_unlimited,
        validityDays: pkg.day,
        netPriceMinor: toMinor(pkg.net_price),
        retailPriceMinor: pkg.price === null || pkg.price === undefined ? undefined : toMinor(pkg.price),
        currency: 'USD',
        operatorName: operator.title,
        countries: operator.countries.map((country) => country.country_code),
        coverage: coverageOf(operator.type, entry.slug),
        rechargeable: operator.rechargeability ?? false,
      })),
    ),
  );
}

function rateLimitOf(headers: Headers): EsimRateLimit | undefined {
  const number = (name: string) => {
    const value = headers.get(name);
    return value !== null && /^\d+$/.test(value) ? Number(value) : undefined;
  };
  const limit = number('x-ratelimit-limit');
  const remaining = number('x-ratelimit-remaining');
  const retryAfterSeconds = number('retry-after');
  if (limit === undefined && remaining === undefined && retryAfterSeconds === undefined) return undefined;
  return { limit, remaining, retryAfterSeconds };
}

const day = (at: Date) => at.toISOString().slice(0, 10);

interface CallInit {
  method?: 'GET' | 'POST';
  /** Sent as multipart/form-data, as Airalo's order and top-up docs show. */
  form?: Record<string, string>;
  json?: unknown;
  /** A POST that may place an order or top-up: no answer means `unknown`, not `unavailable`. */
  writes?: boolean;
}

export function createAiraloClient(options: AiraloOptions): AiraloClient {
  let token: { value: string; expiresAt: number } | undefined;
  let lastRateLimit: EsimRateLimit | undefined;

  async function send(url: string, init: RequestInit, writes: boolean): Promise<Response> {
    try {
      const response = await fetch(url, { ...init, signal: AbortSignal.timeout(options.timeoutMs) });
      lastRateLimit = rateLimitOf(response.headers) ?? lastRateLimit;
      return response;
    } catch (error) {
      // No answer: an order or top-up may have been placed; a read changed nothing.
      throw new EsimProviderError(writes ? 'unknown' : 'unavailable', 'NO_RESPONSE', String(error));
    }
  }

  async function failure(response: Response, writes: boolean): Promise<EsimProviderError> {
    const parsed = errorSchema.safeParse(await response.json().catch(() => ({})));
    const body = parsed.success ? parsed.data : {};
    const message = body.reason ?? body.message ?? body.meta?.message ?? response.statusText;
    const rateLimit = rateLimitOf(response.headers);
    if (response.status === 429) return new EsimProviderError('rate_limited', 'HTTP_429', message, rateLimit);
    if (response.status >= 500 || body.code === 53) {
      return new EsimProviderError(
        writes ? 'unknown' : 'unavailable',
        String(body.code ?? `HTTP_${response.status}`),
        message,
      );
    }
    if (response.status === 401 || response.status === 403) {
      return new EsimProviderError('authentication', String(body.code ?? `HTTP_${response.status}`), message);
    }
    if (response.status === 404) return new EsimProviderError('not_found', 'HTTP_404', message);
    const code = typeof body.code === 'number' ? body.code : undefined;
    return new EsimProviderError(
      (code !== undefined ? ERROR_KINDS[code] : undefined) ?? 'invalid_request',
      code !== undefined ? String(code) : `HTTP_${response.status}`,
      message,
    );
  }

  // One token request at a time: Airalo allows 3 a minute per client, so calls that start together (a burst of
  // orders on a fresh process) share the one in flight instead of each asking and most being refused with 429.
  let tokenInFlight: Promise<string> | undefined;
  function accessToken(): Promise<string> {
    if (token && token.expiresAt > Date.now() + 60_000) return Promise.resolve(token.value);
    tokenInFlight ??= requestToken().finally(() => (tokenInFlight = undefined));
    return tokenInFlight;
  }

  async function requestToken(): Promise<string> {
    const response = await send(
      `${options.apiBase}/v2/token`,
      {
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          client_id: options.clientId,
          client_secret: options.clientSecret,
          grant_type: 'client_credentials',
        }).toString(),
      },
      false,
    );
    if (!response.ok) throw await failure(response, false);
    const parsed = envelope(z.object({ access_token: z.string(), expires_in: z.number() })).safeParse(
      await response.json().catch(() => undefined),
    );
    if (!parsed.success)
      throw new EsimProviderError('unavailable', 'UNEXPECTED_RESPONSE', parsed.error.message);
    token = {
      value: parsed.data.data.access_token,
      expiresAt: Date.now() + parsed.data.data.expires_in * 1000,
    };
    return token.value;
  }

  function bodyOf(init: CallInit): { body?: BodyInit; headers: Record<string, string> } {
    if (init.json !== undefined)
      return { body: JSON.stringify(init.json), headers: { 'content-type': 'application/json' } };
    if (!init.form) return { headers: {} };
    const form = new FormData();
    for (const [key, value] of Object.entries(init.form)) form.append(key, value);
    return { body: form, headers: {} };
  }

  async function call<T>(path: string, schema: z.ZodType<T>, init: CallInit = {}): Promise<T> {
    const writes = init.writes ?? false;
    for (let attempt = 0; ; attempt += 1) {
      const { body, headers } = bodyOf(init);
      const response = await send(
        `${options.apiBase}${path}`,
        {
          method: init.method ?? 'GET',
          headers: { authorization: `Bearer ${await accessToken()}`, accept: 'application/json', ...headers },
          body,
        },
        writes,
      );
      if (response.status === 401 && attempt === 0) {
        token = undefined; // expired or revoked: one fresh token, then the real answer
        continue;
      }
      if (!response.ok) throw await failure(response, writes);
      const parsed = schema.safeParse(await response.json().catch(() => undefined));
      if (!parsed.success) {
        throw new EsimProviderError(
          writes ? 'unknown' : 'unavailable',
          'UNEXPECTED_RESPONSE',
          parsed.error.message,
        );
      }
      return parsed.data;
    }
  }

  const iccidPath = (iccid: string) => `/v2/sims/${encodeURIComponent(iccid)}`;

  const topUpOf = (order: EsimOrder, iccid: string): EsimTopUp => ({
    providerOrderId: order.providerOrderId,
    iccid,
    providerPackageId: order.providerPackageId,
    priceMinor: order.priceMinor,
    currency: order.currency,
    createdAt: order.createdAt,
  });

  /** Orders (eSIMs and top-ups) whose description contains `reference`, created the day before to the day after. */
  async function ordersByReference(reference: string, around: Date, extra: Record<string, string> = {}) {
    const query = new URLSearchParams({
      include: 'sims',
      'filter[description]': reference,
      'filter[created_at]': `${day(new Date(around.getTime() - DAY_MS))} - ${day(new Date(around.getTime() + DAY_MS))}`,
      limit: '50',
      ...extra,
    });
    const answer = await call(`/v2/orders?${query.toString()}`, envelope(z.array(orderSchema)));
    // The filter matches part of the description: only the exact reference is SimFill's order.
    return answer.data.filter((order) => order.description === reference);
  }

  return {
    name: options.name ?? 'airalo',
    lastRateLimit: () => lastRateLimit,
    async listPackages(countryIso) {
      const packages: EsimPackage[] = [];
      for (let page = 1; page <= PACKAGE_PAGES_MAX; page += 1) {
        const query = new URLSearchParams({
          include: 'topup',
          limit: String(PACKAGE_PAGE_LIMIT),
          page: String(page),
        });
        if (countryIso) query.set('filter[country]', countryIso.toUpperCase());
        const answer = await call(`/v2/packages?${query.toString()}`, packagesPageSchema);
        packages.push(...mapPackages(answer));
        if (answer.data.length === 0 || page >= (answer.meta?.last_page ?? page)) break;
      }
      return packages;
    },
    async createOrder(request) {
      if (!Number.isInteger(request.quantity) || request.quantity < 1 || request.quantity > 50) {
        throw new EsimProviderError('invalid_request', 'QUANTITY', 'quantity must be 1 to 50');
      }
      const answer = await call('/v2/orders', envelope(orderSchema), {
        method: 'POST',
        writes: true,
        form: {
          quantity: String(request.quantity),
          package_id: request.providerPackageId,
          type: 'sim',
          description: request.reference,
        },
      });
      return mapOrder(answer.data);
    },
    async findOrderByReference(reference, around) {
      const found = (await ordersByReference(reference, around)).find((order) => order.type === 'sim');
      return found && mapOrder(found);
    },
    async topUp(iccid, providerPackageId, reference) {
      const answer = await call('/v2/orders/topups', envelope(orderSchema), {
        method: 'POST',
        writes: true,
        form: {
          package_id: providerPackageId,
          iccid,
          ...(reference === undefined ? {} : { description: reference }),
        },
      });
      return topUpOf(mapOrder(answer.data), iccid);
    },
    async findTopUpByReference(reference, iccid, around) {
      const found = (await ordersByReference(reference, around, { 'filter[iccid]': iccid })).find(
        (order) => order.type === 'topup',
      );
      return found && topUpOf(mapOrder(found), iccid);
    },
    async simTopUpPackages(iccid) {
      const answer = await call(`${iccidPath(iccid)}/topups`, envelope(z.array(topUpOfferSchema)));
      return answer.data.map((pkg): EsimTopUpOffer => ({
        providerPackageId: pkg.id,
        title: pkg.title,
        amountMb: pkg.is_unlimited ? undefined : pkg.amount,
        isUnlimited: pkg.is_unlimited,
        validityDays: pkg.day,
        retailPriceMinor: pkg.price === null || pkg.price === undefined ? undefined : toMinor(pkg.price),
        netPriceMinor:
          pkg.net_price === null || pkg.net_price === undefined ? undefined : toMinor(pkg.net_price),
        currency: 'USD',
      }));
    },
    async simPackages(iccid) {
      const answer = await call(`${iccidPath(iccid)}/packages`, envelope(z.array(simPackageSchema)));
      return answer.data.map((entry): EsimSimPackage => ({
        providerPackageId: entry.package.id,
        kind: entry.package.type,
        status: entry.status.toLowerCase(),
        amountMb: entry.package.is_unlimited ? undefined : entry.package.amount,
        isUnlimited: entry.package.is_unlimited,
        validityDays: entry.package.day,
        activatedAt: entry.activated_at,
        expiresAt: entry.expired_at,
      }));
    },
    async simUsage(iccid) {
      const { data } = await call(`${iccidPath(iccid)}/usage`, envelope(usageSchema));
      const isUnlimited = data.is_unlimited ?? false;
      // For unlimited packages Airalo's total and remaining are zeros to be ignored.
      const usage: EsimUsage = {
        status: STATUSES[data.status] ?? 'unknown',
        totalMb: isUnlimited ? undefined : (data.total ?? undefined),
        remainingMb: isUnlimited ? undefined : (data.remaining ?? undefined),
        isUnlimited,
        expiresAt: data.expired_at,
      };
      return usage;
    },
    async optInLowDataNotifications(webhookUrl) {
      await call('/v2/notifications/opt-in', z.unknown(), {
        method: 'POST',
        json: { type: 'webhook_low_data', webhook_url: webhookUrl },
      });
    },
  };
}
