import type { SimAnswer } from '../kit/answers.js';
import { IdempotencyStore, requestFingerprint } from '../kit/idempotency.js';
import { Router, type RouteParams } from '../kit/router.js';
import type { SimRequest } from '../kit/server.js';
import { addCustomerRoutes, addPaymentMethodRoutes } from './customers.js';
import { ApiFailure, errorBody, type Json } from './errors.js';
import { addEventRoutes } from './events.js';
import { list, parseStripeForm, type FormObject } from './form.js';
import { addPaymentIntentRoutes } from './payment-intents.js';
import { addRefundRoutes } from './refunds.js';
import { addSetupIntentRoutes } from './setup-intents.js';
import { API_VERSION, stripeId, type StripeStore } from './store.js';

/**
 * Stripe API v1 as the `stripe` SDK sends it: Bearer keys (a `pk_…` only reads an intent by client secret),
 * form bodies, `Idempotency-Key` replay, Stripe's error objects and headers. The resources add their routes.
 */

export interface StripeCall {
  store: StripeStore;
  form: FormObject;
  query: URLSearchParams;
  params: RouteParams;
  /** `expand[]` from the body and the query string. */
  expand: string[];
  /** Stripe's list envelope for this path, `limit` (1–100, 10 by default) applied. */
  listOf: (data: Json[]) => Json;
}

export type StripeHandler = (call: StripeCall) => Json | Promise<Json>;
export type StripeRouter = Router<StripeHandler>;

/** Stripe's limit on `Idempotency-Key` (docs.stripe.com/api/idempotent_requests: "up to 255 characters"). */
const IDEMPOTENCY_KEY_LENGTH_MAX = 255;

interface ApiResult {
  status: number;
  body: string;
  /** False when the parameters failed validation (or a 500): Stripe keeps no answer for the key. */
  executed: boolean;
}

export function stripeJson(status: number, body: string, headers: Record<string, string> = {}): SimAnswer {
  return {
    status,
    headers: {
      'content-type': 'application/json',
      'request-id': stripeId('req'),
      'stripe-version': API_VERSION,
      ...headers,
    },
    body,
  };
}

const refusal = (status: number, error: Json): SimAnswer => stripeJson(status, errorBody(error));

const maskKey = (key: string) =>
  `${key.slice(0, 8)}${'*'.repeat(Math.max(0, key.length - 12))}${key.slice(-4)}`;

function stripeRouter(): StripeRouter {
  const router: StripeRouter = new Router();
  addCustomerRoutes(router);
  addPaymentMethodRoutes(router);
  addPaymentIntentRoutes(router);
  addSetupIntentRoutes(router);
  addRefundRoutes(router);
  addEventRoutes(router);
  return router;
}

export interface StripeApiKeys {
  secretKey: string;
  publishableKey?: string;
}

/** The API's request handler for the kit's server. */
export function stripeApi(
  store: StripeStore,
  keys: StripeApiKeys,
): (request: SimRequest) => Promise<SimAnswer> {
  const router = stripeRouter();
  const idempotency = new IdempotencyStore<ApiResult>();

  const execute = async (request: SimRequest): Promise<ApiResult> => {
    const { method, url } = request;
    const form = parseStripeForm(request.rawBody);
    const route = router.match(method, url.pathname);
    try {
      if (!route) {
        throw new ApiFailure(404, {
          type: 'invalid_request_error',
          message: `Unrecognized request URL (${method}: ${url.pathname}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
        });
      }
      const expand = [
        ...list(form, 'expand'),
        ...list(parseStripeForm(url.searchParams.toString()), 'expand'),
      ];
      const limit = Math.max(1, Math.min(100, Number(url.searchParams.get('limit') ?? 10) || 10));
      const listOf = (data: Json[]) => ({
        object: 'list',
        data: data.slice(0, limit),
        has_more: data.length > limit,
        url: url.pathname,
      });
      const answer = await route.handler({
        store,
        form,
        query: url.searchParams,
        params: route.params,
        expand,
        listOf,
      });
      return { status: 200, body: JSON.stringify(answer, null, 2), executed: true };
    } catch (error) {
      if (!(error instanceof ApiFailure)) throw error;
      return { status: error.status, body: errorBody(error.body), executed: !error.validation };
    }
  };

  return async (request) => {
    const refused = authenticate(store, keys, request);
    if (refused) return refused;
    const key = request.method === 'POST' ? request.headers['idempotency-key'] : undefined;
    if (typeof key !== 'string') {
      const result = await execute(request);
      return stripeJson(result.status, result.body);
    }
    return replayable(idempotency, key, request, () => execute(request));
  };
}

async function replayable(
  idempotency: IdempotencyStore<ApiResult>,
  key: string,
  request: SimRequest,
  execute: () => Promise<ApiResult>,
): Promise<SimAnswer> {
  if (key.length < 1 || key.length > IDEMPOTENCY_KEY_LENGTH_MAX) {
    return refusal(400, {
      type: 'idempotency_error',
      message: `Idempotent key length is ${key.length} characters long, which is outside accepted lengths. Idempotent Keys must be 1-${IDEMPOTENCY_KEY_LENGTH_MAX} characters long. If you're looking for a decent generator, try using a UUID defined by IETF RFC 4122.`,
    });
  }
  const fingerprint = requestFingerprint(request.method, request.url.pathname, request.rawBody);
  // Stripe keeps the first answer (errors too) once the endpoint started executing: not when the parameters
  // failed validation (the request may be corrected and retried with the same key), and not a 500.
  const outcome = await idempotency.run(
    key,
    fingerprint,
    execute,
    (result) => result.executed && result.status < 500,
  );
  switch (outcome.kind) {
    case 'in_flight':
      return refusal(409, {
        type: 'invalid_request_error',
        code: 'idempotency_key_in_use',
        message: `There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through): ${key}. Please try again later.`,
      });
    case 'conflict':
      return refusal(400, {
        type: 'idempotency_error',
        message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
      });
    case 'replayed':
      return stripeJson(outcome.answer.status, outcome.answer.body, { 'idempotent-replayed': 'true' });
    case 'fresh':
      return stripeJson(outcome.answer.status, outcome.answer.body);
  }
}

/** The 401 for a missing or wrong key, or a publishable key used beyond what Stripe.js may do; else undefined. */
function authenticate(store: StripeStore, keys: StripeApiKeys, request: SimRequest): SimAnswer | undefined {
  const key = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
  const publishable = key !== undefined && key === keys.publishableKey;
  if (publishable && !publishableMayRead(store, request)) {
    return refusal(401, {
      type: 'invalid_request_error',
      message: 'This API call cannot be made with a publishable API key. Please use a secret API key.',
    });
  }
  if (key === keys.secretKey || publishable) return undefined;
  return refusal(401, {
    type: 'invalid_request_error',
    message: key ? `Invalid API Key provided: ${maskKey(key)}` : 'You did not provide an API key.',
  });
}

/** A publishable key may read a PaymentIntent or SetupIntent when it also shows the object's client secret. */
function publishableMayRead(store: StripeStore, { method, url }: SimRequest): boolean {
  const [, resource, resourceId, action] = url.pathname.split('/').filter(Boolean);
  if (method !== 'GET' || action || !resourceId) return false;
  const secret = url.searchParams.get('client_secret');
  if (resource === 'payment_intents') return store.intents.get(resourceId)?.client_secret === secret;
  if (resource === 'setup_intents') return store.setupIntents.get(resourceId)?.client_secret === secret;
  return false;
}
