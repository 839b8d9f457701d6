import type { SimAnswer } from '../kit/answers.js';
import { IdempotencyStore } from '../kit/idempotency.js';
import { Router, type RouteParams } from '../kit/router.js';
import type { SimRequest } from '../kit/server.js';
import { addCaptureRoutes } from './captures.js';
import {
  ApiFailure,
  debugId,
  errorBody,
  fail,
  fixed,
  notFound,
  type Detail,
  type Json,
  type Prefer,
  type Reply,
} from './errors.js';
import { addNotificationRoutes } from './notifications.js';
import { authenticated, issueToken, type ClientCredentials } from './oauth.js';
import { addOrderRoutes } from './orders.js';
import type { PayPalStore } from './store.js';

/**
 * PayPal REST as its SDKs send it: OAuth2 Bearer tokens, JSON bodies, `Prefer: return=minimal|representation`,
 * `PayPal-Request-Id` replay, PayPal's error objects and `PayPal-Debug-Id`. The resources add their routes.
 */

export interface PayPalCall {
  store: PayPalStore;
  body: Json;
  params: RouteParams;
  /** `PayPal-Request-Id` on a POST, if sent. */
  requestId: string | undefined;
}

export type PayPalHandler = (call: PayPalCall) => Reply;
export type PayPalRouter = Router<PayPalHandler>;

/** PayPal's limit on `PayPal-Request-Id`. */
const REQUEST_ID_LENGTH_MAX = 108;

export function paypalJson(status: number, body: Json): SimAnswer {
  const debug = 'debug_id' in body ? String(body.debug_id) : debugId();
  return {
    status,
    headers: { 'content-type': 'application/json', 'paypal-debug-id': debug },
    body: JSON.stringify(body),
  };
}

function paypalRouter(): PayPalRouter {
  const router: PayPalRouter = new Router();
  addOrderRoutes(router);
  addCaptureRoutes(router);
  addNotificationRoutes(router);
  return router;
}

function parseBody(method: string, rawBody: string): Json {
  if (method !== 'POST' || rawBody.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(rawBody);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Json;
  } catch {
    // falls through to PayPal's answer for a body that is not a JSON object
  }
  throw fail(400, [{ issue: 'MALFORMED_REQUEST_JSON', description: 'The request JSON is not well formed.' }]);
}

/** The API's request handler for the kit's server. */
export function paypalApi(
  store: PayPalStore,
  credentials: ClientCredentials,
): (request: SimRequest) => Promise<SimAnswer> {
  const router = paypalRouter();
  const idempotency = new IdempotencyStore<Reply>();

  const execute = (request: SimRequest, path: string, requestId: string | undefined): Reply => {
    try {
      const body = parseBody(request.method, request.rawBody);
      const route = router.match(request.method, path);
      if (!route) throw notFound();
      return route.handler({ store, body, params: route.params, requestId });
    } catch (error) {
      if (!(error instanceof ApiFailure)) throw error;
      return fixed(error.status, error.body);
    }
  };

  return async (request) => {
    const { method } = request;
    const path = request.url.pathname.replace(/\/+$/, '');
    if (path === '/v1/oauth2/token') {
      if (method !== 'POST') return paypalJson(404, errorBody(404));
      const token = issueToken(store, credentials, request);
      return paypalJson(token.status, token.body);
    }
    if (!authenticated(store, request.headers.authorization)) return paypalJson(401, errorBody(401));
    const prefer: Prefer = /return=representation/i.test(String(request.headers.prefer ?? ''))
      ? 'representation'
      : 'minimal';
    const header = request.headers['paypal-request-id'];
    const requestId = method === 'POST' && typeof header === 'string' && header !== '' ? header : undefined;
    if (requestId === undefined) {
      const reply = execute(request, path, requestId);
      return paypalJson(reply.status, reply.view(prefer));
    }
    if (requestId.length > REQUEST_ID_LENGTH_MAX) {
      const detail: Detail = {
        field: 'PayPal-Request-Id',
        location: 'header',
        issue: 'INVALID_STRING_LENGTH',
        description: 'The value of a field is either too short or too long.',
      };
      return paypalJson(400, errorBody(400, [detail]));
    }
    // PayPal keeps the answer for the request id (errors too) whatever the retry's body; a 5xx is not kept, so a
    // retry runs again.
    const outcome = await idempotency.run(
      `${method} ${path} ${requestId}`,
      undefined,
      () => execute(request, path, requestId),
      (reply) => reply.status < 500,
    );
    if (outcome.kind === 'fresh') return paypalJson(outcome.answer.status, outcome.answer.view(prefer));
    if (outcome.kind !== 'replayed') throw new Error(`PayPal-Request-Id ${requestId}: ${outcome.kind}`);
    // Orders v2: "A successful response to an idempotent request returns the HTTP 200 OK status code"; a
    // refund (Payments v2 documents only 201) answers as it first did.
    const previous = outcome.answer;
    const replayStatus = previous.status === 201 && path.startsWith('/v2/checkout/') ? 200 : previous.status;
    return paypalJson(replayStatus, previous.view(prefer));
  };
}
