import { systemClock } from '../../kernel/clock.js';
import { doublingRetry, WebhookOutbox } from '../kit/outbox.js';
import { startSimulatorServer } from '../kit/server.js';
import { paypalApi, paypalJson } from './api.js';
import { checkoutPages } from './checkout.js';
import { errorBody, type Json } from './errors.js';
import { PayPalFaults } from './faults.js';
import { PAYPAL_WEBHOOK_ID_PATTERN, paypalTransmission, transmissionHeaders } from './notifications.js';
import { PayPalStore, type PayPalDelivery } from './store.js';
import type { Clock } from '../../kernel/clock.js';

export { PayPalFaults } from './faults.js';

/**
 * A PayPal REST simulator on loopback: OAuth 2.0 client credentials, Orders v2 (create, show, capture),
 * Payments v2 (captures, refunds), webhook signature verification and webhook events, with `PayPal-Request-Id`
 * idempotency, PayPal's error objects, a hosted approval page, signed webhooks, fault switches and a small
 * control API under `/_simulator/`. Webhook signatures are HMACs (PayPal signs with RSA certificates); only
 * this simulator's verify-webhook-signature call can check them, which is also how a PayPal client checks them.
 */

export interface PayPalSimulator {
  baseUrl: string;
  port: number;
  faults: PayPalFaults;
  setWebhookUrl(url: string | undefined): void;
  /** Waits until every queued webhook has been delivered or given up on. */
  webhooksSettled(): Promise<void>;
  /** Delivery attempts so far (duplicates and retries included), oldest first; status 0 = no answer. */
  deliveredEvents(): { id: string; type: string; transmissionId: string; status: number }[];
  /**
   * The headers of a transmission of `payload` as this simulator signs its own webhooks (verifiable through its
   * verify-webhook-signature call), for tests of what a receiver does with a signed but odd event.
   */
  signWebhook(payload: string, transmissionTime?: string): Record<string, string>;
  /** Requests that reached `POST /v1/oauth2/token` (good and bad credentials). */
  tokenRequests(): number;
  /** Every capture that took the payer's money: the provider's side of reconciliation. */
  completedCaptures(): {
    id: string;
    orderId: string;
    amountMinor: number;
    currency: string;
    invoiceId: string | undefined;
    customId: string | undefined;
  }[];
  close(): Promise<void>;
}

export interface PayPalSimulatorOptions {
  /** 127.0.0.1 by default. */
  host?: string;
  /** 0 (any free port) by default. */
  port?: number;
  /** The REST app's credentials, sent as HTTP Basic to `/v1/oauth2/token`. */
  clientId: string;
  clientSecret: string;
  /** The id of the webhook subscribed to `webhookUrl` (`webhook_id` in verify-webhook-signature). */
  webhookId: string;
  webhookUrl?: string;
  /** Access token lifetime; PayPal's is 32,400 s (9 hours). */
  tokenTtlSeconds?: number;
  /** Object times, token expiry and webhook transmission times. */
  clock?: Clock;
}

/** A refused webhook is retried 0.2, 0.4, 0.8 and 1.6 s later: 5 attempts in all. */
const PAYPAL_WEBHOOK_RETRY = doublingRetry({ firstDelayMs: 200, attemptsMax: 5 });

export async function startPayPalSimulator(options: PayPalSimulatorOptions): Promise<PayPalSimulator> {
  if (!PAYPAL_WEBHOOK_ID_PATTERN.test(options.webhookId)) {
    throw new Error(
      `webhookId ${JSON.stringify(options.webhookId)} is not a PayPal webhook id (^[a-zA-Z0-9]+$, ≤ 50)`,
    );
  }
  const faults = new PayPalFaults();
  const outbox = new WebhookOutbox<Json, PayPalDelivery>({
    faults,
    retry: PAYPAL_WEBHOOK_RETRY,
    url: options.webhookUrl,
    transmit: (event) => paypalTransmission(store, event),
    record: (event, transmission, status) => ({
      id: String(event.id),
      type: String(event.event_type),
      transmissionId: transmission.headers['paypal-transmission-id']!,
      status,
    }),
  });
  const store: PayPalStore = new PayPalStore({
    clock: options.clock ?? systemClock,
    faults,
    outbox,
    webhookId: options.webhookId,
    tokenTtlSeconds: options.tokenTtlSeconds ?? 32_400,
  });
  const server = await startSimulatorServer({
    host: options.host,
    port: options.port,
    faults,
    isApiRequest: ({ url }) => /^\/v[12]\//.test(url.pathname),
    api: paypalApi(store, options),
    failure: (status) => paypalJson(status, errorBody(status)),
    internalError: (error) => paypalJson(500, { ...errorBody(500), message: String(error) }),
    pages: checkoutPages(store),
    control: { deliveries: () => outbox.deliveries() },
    onClose: () => outbox.close(),
  });
  store.baseUrl = server.baseUrl;
  return {
    baseUrl: server.baseUrl,
    port: server.port,
    faults,
    setWebhookUrl: (url) => void (outbox.url = url),
    webhooksSettled: () => outbox.settled(),
    deliveredEvents: () => outbox.deliveries(),
    signWebhook: (payload, transmissionTime) =>
      transmissionHeaders(store, payload, transmissionTime ?? store.now()),
    tokenRequests: () => store.tokenRequestCount,
    completedCaptures: () =>
      [...store.captures.values()]
        .filter((capture) => capture.status !== 'DECLINED')
        .map((capture) => ({
          id: capture.id,
          orderId: capture.orderId,
          amountMinor: capture.amountMinor,
          currency: capture.currency,
          invoiceId: capture.invoiceId,
          customId: capture.customId,
        })),
    close: () => server.close(),
  };
}
