import type { SimAnswer } from '../kit/answers.js';
import { Router, type RouteParams } from '../kit/router.js';
import type { SimRequest } from '../kit/server.js';
import { airaloAnswer, notFound, unauthenticated, type Reply } from './errors.js';
import { addNotificationRoutes } from './notifications.js';
import { addOrderRoutes } from './orders.js';
import { addPackageRoutes } from './packages.js';
import type { RateLimiter } from './rate-limits.js';
import { addSimRoutes } from './sims.js';
import type { AiraloStore } from './store.js';
import type { WebhookProbe } from './notifications.js';

/**
 * The Partner API behind the kit's faults: the bearer check, then Airalo's resources, which add their routes.
 * Bodies come as JSON (what the official SDKs send), form-urlencoded or multipart/form-data (what the docs show).
 */

export type Fields = Record<string, unknown>;

export interface AiraloCall {
  store: AiraloStore;
  limiter: RateLimiter;
  probe: WebhookProbe;
  token: string;
  url: URL;
  params: RouteParams;
  body: Fields;
}

export type AiraloHandler = (call: AiraloCall) => Reply | Promise<Reply>;
export type AiraloRouter = Router<AiraloHandler>;

/** The request's fields, whichever of Airalo's accepted encodings it uses; `key[]` fields become arrays. */
export async function fieldsOf(request: SimRequest): Promise<Fields> {
  const type = String(request.headers['content-type'] ?? '');
  if (!request.rawBody) return {};
  try {
    if (type.includes('application/json')) {
      const parsed: unknown = JSON.parse(request.rawBody);
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Fields) : {};
    }
    const form = type.includes('multipart/form-data')
      ? await new Response(request.rawBody, { headers: { 'content-type': type } }).formData()
      : new URLSearchParams(request.rawBody);
    const fields: Fields = {};
    const add = (value: unknown, key: string) => {
      if (typeof value !== 'string') return;
      const name = key.endsWith('[]') ? key.slice(0, -2) : key;
      fields[name] = key.endsWith('[]') ? [...((fields[name] as string[] | undefined) ?? []), value] : value;
    };
    if (form instanceof URLSearchParams) form.forEach(add);
    else form.forEach(add);
    return fields;
  } catch {
    return {};
  }
}

function airaloRouter(): AiraloRouter {
  const router: AiraloRouter = new Router();
  addPackageRoutes(router);
  addOrderRoutes(router);
  addSimRoutes(router);
  addNotificationRoutes(router);
  return router;
}

export function bearerOf(store: AiraloStore, request: SimRequest): string | undefined {
  const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
  const expiry = bearer ? store.tokens.get(bearer) : undefined;
  return bearer && expiry && expiry > store.clock.now() ? bearer : undefined;
}

export function airaloApi(
  store: AiraloStore,
  limiter: RateLimiter,
  probe: WebhookProbe,
): (request: SimRequest) => Promise<SimAnswer | undefined> {
  const router = airaloRouter();
  return async (request) => {
    const match = router.match(request.method, request.url.pathname);
    const token = bearerOf(store, request);
    if (!token) return airaloAnswer(unauthenticated());
    if (!match) return airaloAnswer(notFound());
    store.checkAllThresholds();
    const body = await fieldsOf(request);
    const reply = await match.handler({
      store,
      limiter,
      probe,
      token,
      url: request.url,
      params: match.params,
      body,
    });
    return airaloAnswer(reply);
  };
}
