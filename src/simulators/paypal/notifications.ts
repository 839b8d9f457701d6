import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { crc32 } from 'node:zlib';
import type { Transmission } from '../kit/outbox.js';
import type { PayPalRouter } from './api.js';
import { ApiFailure, debugId, fixed, notFound, type Json } from './errors.js';
import type { PayPalStore } from './store.js';

/**
 * Webhooks as PayPal sends them (a new transmission id, time and signature on every attempt) and the
 * Notifications API that checks them: `verify-webhook-signature`, `webhooks-events/{id}`. Signatures are HMACs
 * of `transmission_id|time|webhook_id|crc32(body)` (PayPal signs with RSA, `SHA256withRSA`).
 */

const AUTH_ALGO = 'SHA256withRSA';
const CERT_NAME = 'CERT-360caa42-fca2a594-simulator';
/** A webhook's id (notifications_webhooks_v1: `webhook_id`, `^[a-zA-Z0-9]+$`, at most 50 characters). */
export const PAYPAL_WEBHOOK_ID_PATTERN = /^[a-zA-Z0-9]{1,50}$/;
const VERIFY_FIELDS = [
  'auth_algo',
  'cert_url',
  'transmission_id',
  'transmission_sig',
  'transmission_time',
  'webhook_id',
] as const;

const certUrl = (store: PayPalStore) => `${store.baseUrl}/v1/notifications/certs/${CERT_NAME}`;

function signature(
  store: PayPalStore,
  transmissionId: string,
  transmissionTime: string,
  webhookId: string,
  payload: string,
): string {
  return createHmac('sha256', store.signingSecret)
    .update(`${transmissionId}|${transmissionTime}|${webhookId}|${crc32(payload)}`)
    .digest('base64');
}

/** The `PAYPAL-*` headers of one transmission of `payload`. */
export function transmissionHeaders(
  store: PayPalStore,
  payload: string,
  transmissionTime: string,
): Record<string, string> {
  const transmissionId = randomUUID();
  return {
    'paypal-transmission-id': transmissionId,
    'paypal-transmission-time': transmissionTime,
    'paypal-transmission-sig': signature(store, transmissionId, transmissionTime, store.webhookId, payload),
    'paypal-cert-url': certUrl(store),
    'paypal-auth-algo': AUTH_ALGO,
  };
}

/** One webhook attempt: a new transmission, signed now. */
export function paypalTransmission(store: PayPalStore, event: Json): Transmission {
  const body = JSON.stringify(event);
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'user-agent': 'PayPal/AUHD-214.0-58842617',
      ...transmissionHeaders(store, body, store.now()),
    },
  };
}

const validationError = (details: Json[]) =>
  new ApiFailure(400, {
    name: 'VALIDATION_ERROR',
    message: 'Invalid request - see details',
    debug_id: debugId(),
    details,
    links: [],
  });

function verifySignature(store: PayPalStore, body: Json): Json {
  const absent: string[] = VERIFY_FIELDS.filter(
    (name) => typeof body[name] !== 'string' || body[name] === '',
  );
  if (!body.webhook_event || typeof body.webhook_event !== 'object') absent.push('webhook_event');
  if (absent.length > 0) {
    throw validationError(
      absent.map((field) => ({ field, location: 'body', issue: 'Required field cannot be blank' })),
    );
  }
  const text = (name: (typeof VERIFY_FIELDS)[number]) => body[name] as string;
  if (!PAYPAL_WEBHOOK_ID_PATTERN.test(text('webhook_id'))) {
    throw validationError([{ field: 'webhook_id', location: 'body', issue: 'INVALID_PARAMETER_SYNTAX' }]);
  }
  const expected = Buffer.from(
    signature(
      store,
      text('transmission_id'),
      text('transmission_time'),
      text('webhook_id'),
      JSON.stringify(body.webhook_event),
    ),
  );
  const given = Buffer.from(text('transmission_sig'));
  const ok =
    text('auth_algo') === AUTH_ALGO &&
    text('cert_url') === certUrl(store) &&
    text('webhook_id') === store.webhookId &&
    given.length === expected.length &&
    timingSafeEqual(given, expected);
  return { verification_status: ok ? 'SUCCESS' : 'FAILURE' };
}

export function addNotificationRoutes(router: PayPalRouter): void {
  router
    .post('/v1/notifications/verify-webhook-signature', ({ store, body }) =>
      fixed(200, verifySignature(store, body)),
    )
    .get('/v1/notifications/webhooks-events/:id', ({ store, params }) => {
      const event = store.events.get(params.id!);
      if (!event) throw notFound();
      return fixed(200, event);
    });
}
