import { randomBytes } from 'node:crypto';
import type { SimRequest } from '../kit/server.js';
import type { Json } from './errors.js';
import type { PayPalStore } from './store.js';

/** `POST /v1/oauth2/token` (HTTP Basic, `client_credentials`) and the Bearer check on every other call. */

const APP_ID = 'APP-80W284485P519543T';
const SCOPE =
  'https://uri.paypal.com/services/payments/payment https://uri.paypal.com/services/payments/refund https://uri.paypal.com/services/applications/webhooks openid';

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

export function issueToken(
  store: PayPalStore,
  credentials: ClientCredentials,
  request: SimRequest,
): { status: number; body: Json } {
  store.tokenRequestCount += 1;
  const basic = /^Basic\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1];
  const decoded = basic ? Buffer.from(basic, 'base64').toString('utf8') : '';
  const separator = decoded.indexOf(':');
  const clientId = separator >= 0 ? decoded.slice(0, separator) : '';
  const clientSecret = separator >= 0 ? decoded.slice(separator + 1) : '';
  if (clientId !== credentials.clientId || clientSecret !== credentials.clientSecret) {
    return {
      status: 401,
      body: { error: 'invalid_client', error_description: 'Client Authentication failed' },
    };
  }
  const grantType = new URLSearchParams(request.rawBody).get('grant_type');
  if (grantType !== 'client_credentials') {
    return {
      status: 400,
      body: {
        error: 'unsupported_grant_type',
        error_description: grantType ? `Grant Type ${grantType} is not supported` : 'Grant Type is NULL',
      },
    };
  }
  const accessToken = `A21AA${randomBytes(48).toString('base64url')}`;
  store.tokens.set(accessToken, store.clock.now().getTime() + store.tokenTtlSeconds * 1000);
  return {
    status: 200,
    body: {
      scope: SCOPE,
      access_token: accessToken,
      token_type: 'Bearer',
      app_id: APP_ID,
      expires_in: store.tokenTtlSeconds,
      nonce: `${store.now()}${randomBytes(16).toString('base64url')}`,
    },
  };
}

/** Whether the request carries a token this simulator issued and that has not expired. */
export function authenticated(store: PayPalStore, authorization: string | undefined): boolean {
  const token = /^Bearer\s+(.+)$/i.exec(authorization ?? '')?.[1];
  const expiresAt = token ? store.tokens.get(token) : undefined;
  if (expiresAt === undefined) return false;
  if (expiresAt <= store.clock.now().getTime()) {
    store.tokens.delete(token!);
    return false;
  }
  return true;
}
