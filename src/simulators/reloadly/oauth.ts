import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { SimRequest } from '../kit/server.js';
import { errorReply, RELOADLY_ACCEPT, type Reply } from './errors.js';
import type { ReloadlyStore } from './store.js';

/**
 * `POST /oauth/token` (client credentials in the JSON body, for one audience) and the check every API call
 * passes first: a Bearer token this simulator issued and that has not expired, and Reloadly's media type.
 */

export interface ReloadlyCredentials {
  clientId: string;
  clientSecret: string;
  /** Tokens are issued for this audience only. */
  audience: string;
}

const TOKEN_PATH = '/oauth/token';

export function issueToken(
  store: ReloadlyStore,
  credentials: ReloadlyCredentials,
  body: Record<string, unknown>,
): Reply {
  const id = typeof body.client_id === 'string' ? body.client_id : '';
  const secret = typeof body.client_secret === 'string' ? body.client_secret : '';
  const good =
    body.grant_type === 'client_credentials' &&
    id === credentials.clientId &&
    secret.length === credentials.clientSecret.length &&
    timingSafeEqual(Buffer.from(secret), Buffer.from(credentials.clientSecret));
  if (!good) return errorReply(401, 'INVALID_CREDENTIALS', 'Access Denied', TOKEN_PATH, store.clock);
  if (body.audience !== credentials.audience)
    return errorReply(
      400,
      'INVALID_AUDIENCE',
      `Unknown audience ${String(body.audience)}`,
      TOKEN_PATH,
      store.clock,
    );
  const accessToken = randomBytes(24).toString('base64url');
  const ttl = store.tokenTtlSeconds;
  store.tokens.set(accessToken, new Date(store.clock.now().getTime() + ttl * 1000));
  return {
    status: 200,
    body: { access_token: accessToken, scope: 'developer', expires_in: ttl, token_type: 'Bearer' },
  };
}

/** Reloadly's refusal of an API call without a good token or Accept header; undefined when it may pass. */
export function refuseUnauthorised(
  store: ReloadlyStore,
  request: SimRequest,
  path: string,
): Reply | undefined {
  const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
  const expiry = bearer ? store.tokens.get(bearer) : undefined;
  if (!expiry)
    return errorReply(
      401,
      'INVALID_TOKEN',
      'Full authentication is required to access this resource',
      path,
      store.clock,
    );
  if (expiry <= store.clock.now())
    return errorReply(401, 'TOKEN_EXPIRED', 'The access token has expired', path, store.clock);
  if (!String(request.headers.accept ?? '').includes(RELOADLY_ACCEPT)) {
    return errorReply(406, 'INVALID_ACCEPT_HEADER', `Send Accept: ${RELOADLY_ACCEPT}`, path, store.clock);
  }
  return undefined;
}
