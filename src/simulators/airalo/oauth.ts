import { timingSafeEqual } from 'node:crypto';
import type { SimRequest } from '../kit/server.js';
import { fieldsOf } from './api.js';
import { success, tooManyAttempts, type Reply } from './errors.js';
import type { RateLimiter } from './rate-limits.js';
import type { AiraloStore } from './store.js';

/**
 * `POST /v2/token` with `client_id`, `client_secret`, `grant_type=client_credentials` (form or JSON):
 * `{data: {token_type: "Bearer", expires_in, access_token}, meta: {message: "success"}}`, 3 a minute per client
 * (developers.partners.airalo.com request-access-token-11883017e0).
 */

export interface AiraloCredentials {
  clientId: string;
  clientSecret: string;
}

const same = (given: string, expected: string) =>
  given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));

export async function issueToken(
  store: AiraloStore,
  limiter: RateLimiter,
  credentials: AiraloCredentials,
  request: SimRequest,
): Promise<Reply> {
  const fields = await fieldsOf(request);
  const id = typeof fields.client_id === 'string' ? fields.client_id : '';
  const secret = typeof fields.client_secret === 'string' ? fields.client_secret : '';
  const verdict = limiter.take('token', id);
  if (!verdict.allowed) return { ...tooManyAttempts(), headers: verdict.headers };
  store.tokenRequestCount += 1;
  if (
    fields.grant_type !== 'client_credentials' ||
    !same(id, credentials.clientId) ||
    !same(secret, credentials.clientSecret)
  ) {
    return {
      status: 401,
      body: { data: [], meta: { message: 'The client credentials are invalid' } },
      headers: verdict.headers,
    };
  }
  const { token, expiresIn } = store.issueToken();
  return {
    ...success({ token_type: 'Bearer', expires_in: expiresIn, access_token: token }),
    headers: verdict.headers,
  };
}
