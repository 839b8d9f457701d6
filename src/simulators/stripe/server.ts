import { systemClock, type Clock } from '../../kernel/clock.js';
import { doublingRetry, WebhookOutbox, type RetrySchedule } from '../kit/outbox.js';
import { startSimulatorServer } from '../kit/server.js';
import { stripeApi, stripeJson } from './api.js';
import { errorBody, type Json } from './errors.js';
import { stripeTransmission } from './events.js';
import { StripeFaults } from './faults.js';
import { stripePages } from './hosted.js';
import { StripeStore, type StripeDelivery } from './store.js';

export { StripeFaults } from './faults.js';

/**
 * A Stripe-compatible payment provider on loopback, speaking API v1 as the official `stripe` SDK sends it:
 * Customers, PaymentMethods, PaymentIntents (card, alipay, wechat_pay), SetupIntents, Refunds, Events, with
 * `Idempotency-Key`, Stripe's error objects, signed webhooks (`Stripe-Signature: t=…,v1=…`), hosted pages for
 * the customer, fault switches and a small control API under `/_simulator/`. See README.md for what it leaves
 * out.
 */

export interface StripeSimulator {
  baseUrl: string;
  port: number;
  faults: StripeFaults;
  /**
   * Where events go, and which (the endpoint's `enabled_events`; `*`, the default, is every event). An event
   * type not enabled is still listed by the API but never sent, as Stripe does.
   */
  setWebhookUrl(url: string | undefined, enabledEvents?: readonly string[]): void;
  /** Waits until every queued webhook has been delivered or given up on. */
  webhooksSettled(): Promise<void>;
  /** Delivery attempts so far (duplicates and retries included), oldest first; status 0 = no answer. */
  deliveredEvents(): { id: string; type: string; status: number }[];
  /** Every PaymentIntent that took the customer's money: the provider's side of reconciliation. */
  succeededIntents(): { id: string; amount: number; currency: string; metadata: Record<string, string> }[];
  close(): Promise<void>;
}

export interface StripeSimulatorOptions {
  /** 127.0.0.1 by default. */
  host?: string;
  /** 0 (any free port) by default. */
  port?: number;
  /** The only `sk_…` key the API accepts (`Authorization: Bearer …`). */
  secretKey: string;
  /** A `pk_…` key: may only retrieve a PaymentIntent or SetupIntent with its `client_secret`, as Stripe.js does. */
  publishableKey?: string;
  /** HMAC key of the `Stripe-Signature` header on webhooks. */
  webhookSecret: string;
  webhookUrl?: string;
  /** The endpoint's `enabled_events` (`['*']`, every event, by default). */
  enabledEvents?: readonly string[];
  /** Object `created` times and webhook signature timestamps. */
  clock?: Clock;
  /** The account's settlement currency, which sets the minimum charge (`usd` by default, $0.50). */
  settlementCurrency?: string;
  /**
   * How a refused webhook is retried: Stripe's schedule (`STRIPE_WEBHOOK_RETRY`) with every delay multiplied by
   * `scale` (0 < scale ≤ 1), `attemptsMax` attempts in all (1–15, the first included). The default suits tests:
   * scale 1/300 and 5 attempts, i.e. retries after 0.2, 0.4, 0.8 and 1.6 s.
   */
  webhookRetry?: { scale: number; attemptsMax?: number };
}

/**
 * Stripe "attempts to deliver events to your destination for up to three days with an exponential back off"
 * (docs.stripe.com/webhooks, live mode). It does not publish the intervals; these double from a minute up to
 * 12 hours: 15 attempts, the last about 2.7 days after the first.
 */
export const STRIPE_WEBHOOK_RETRY = { firstDelayMs: 60_000, delayMsMax: 12 * 3_600_000, attemptsMax: 15 };
const TEST_WEBHOOK_RETRY = { scale: 1 / 300, attemptsMax: 5 };

/** Stripe's schedule scaled as the options ask, checked against Stripe's limits. */
function stripeRetry(retry: { scale: number; attemptsMax?: number }): RetrySchedule {
  const attemptsMax = retry.attemptsMax ?? STRIPE_WEBHOOK_RETRY.attemptsMax;
  if (!(retry.scale > 0 && retry.scale <= 1) || !Number.isInteger(attemptsMax) || attemptsMax < 1)
    throw new RangeError('webhookRetry: scale must be in (0, 1] and attemptsMax a whole number from 1');
  if (attemptsMax > STRIPE_WEBHOOK_RETRY.attemptsMax)
    throw new RangeError(`webhookRetry: at most ${STRIPE_WEBHOOK_RETRY.attemptsMax} attempts, as Stripe`);
  return doublingRetry({
    firstDelayMs: retry.scale * STRIPE_WEBHOOK_RETRY.firstDelayMs,
    delayMsMax: retry.scale * STRIPE_WEBHOOK_RETRY.delayMsMax,
    attemptsMax,
  });
}

export async function startStripeSimulator(options: StripeSimulatorOptions): Promise<StripeSimulator> {
  const clock = options.clock ?? systemClock;
  const faults = new StripeFaults();
  const outbox = new WebhookOutbox<Json, StripeDelivery>({
    faults,
    retry: stripeRetry(options.webhookRetry ?? TEST_WEBHOOK_RETRY),
    url: options.webhookUrl,
    transmit: (event) => stripeTransmission(event, options.webhookSecret, clock),
    record: (event, _transmission, status) => ({ id: String(event.id), type: String(event.type), status }),
  });
  const store = new StripeStore({
    clock,
    faults,
    outbox,
    enabledEvents: options.enabledEvents ?? ['*'],
    settlementCurrency: options.settlementCurrency?.toLowerCase() ?? 'usd',
  });
  const server = await startSimulatorServer({
    host: options.host,
    port: options.port,
    faults,
    isApiRequest: ({ url }) => url.pathname.startsWith('/v1/'),
    api: stripeApi(store, options),
    failure: (status) =>
      stripeJson(status, errorBody({ type: 'api_error', message: 'An unknown error occurred (simulated).' })),
    internalError: (error) => stripeJson(500, errorBody({ type: 'api_error', message: String(error) })),
    pages: stripePages(store),
    control: { deliveries: () => outbox.deliveries() },
    onClose: () => outbox.close(),
  });
  store.baseUrl = server.baseUrl;
  return {
    baseUrl: server.baseUrl,
    port: server.port,
    faults,
    setWebhookUrl: (url, enabled = ['*']) => store.setWebhookUrl(url, enabled),
    webhooksSettled: () => outbox.settled(),
    deliveredEvents: () => outbox.deliveries(),
    succeededIntents: () =>
      [...store.intents.values()]
        .filter((intent) => intent.status === 'succeeded')
        .map((intent) => ({
          id: intent.id,
          amount: intent.amount,
          currency: intent.currency,
          metadata: intent.metadata,
        })),
    close: () => server.close(),
  };
}
