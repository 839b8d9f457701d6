import { createHash, createHmac, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import QRCode from 'qrcode';
import { systemClock, type Clock } from '../../kernel/clock.js';
import { cardBrand, cardOutcome, GENERIC_DECLINE, type CardDecline } from './cards.js';
import { list, object, parseStripeForm, stringRecord, text, type FormObject } from './form.js';
import { amountTooSmall } from './limits.js';
import { cardForm, choicePage, messagePage, pageLocale, words } from './pages.js';

/**
 * A Stripe-compatible payment provider on loopback, speaking API v1 as the official `stripe` SDK sends it:
 * Customers, PaymentMethods, PaymentIntents (card, alipay, wechat_pay), SetupIntents, Refunds, Events, with
 * `Idempotency-Key`, Stripe's error objects, signed webhooks (`Stripe-Signature: t=…,v1=…`), hosted pages for
 * the customer, fault switches and a small control API under `/_simulator/`. See README.md for what it leaves
 * out.
 */

export interface StripeFaults {
  /** Added before every answer (API and hosted pages). */
  latencyMs: number;
  /** Send every webhook twice (same event id). */
  duplicateWebhooks: boolean;
  /** Hold webhooks this long; everything emitted meanwhile goes out as one batch. */
  delayWebhooksMs: number;
  /** Deliver each batch of webhooks newest first. */
  reorderWebhooks: boolean;
  /** Every card charge and every Alipay / WeChat Pay approval is declined. */
  declineAll: boolean;
  /** When > 0, an approved payment stays `processing` this long before it `succeeded`. */
  processingMs: number;
  /** Share (0–1) of API requests answered with a 500 at random. */
  failureRate: number;
  /** Share (0–1) of webhook events never sent (SimFill's reconciliation must notice). */
  dropWebhookRate: number;
  /** Answer the next `count` API requests with `status` (500 by default) and Stripe's `api_error`. */
  failNextRequests(count: number, status?: number): void;
  /**
   * Hold the next requests without answering (the client's timeout fires first). With `afterProcessing` the
   * request is carried out first (and its idempotent answer kept), as when Stripe is slow rather than down.
   */
  timeoutNextRequests(count: number, options?: { afterProcessing?: boolean }): void;
  reset(): void;
}

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

type Json = Record<string, unknown>;

interface PaymentIntent extends Json {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_received: number;
  currency: string;
  status: string;
  client_secret: string;
  payment_method_types: string[];
  allowed_payment_method_types: string[];
  payment_method: string | null;
  customer: string | null;
  metadata: Record<string, string>;
  description: string | null;
  next_action: Json | null;
  last_payment_error: Json | null;
  latest_charge: string | null;
  cancellation_reason: string | null;
  created: number;
  livemode: false;
}

interface SetupIntent extends Json {
  id: string;
  object: 'setup_intent';
  client_secret: string;
  customer: string | null;
  payment_method: string | null;
  payment_method_types: string[];
  allowed_payment_method_types: string[];
  status: string;
  usage: string;
  next_action: Json | null;
  last_setup_error: Json | null;
  created: number;
  livemode: false;
}

interface PaymentMethod extends Json {
  id: string;
  object: 'payment_method';
  type: string;
  /** Only on card methods: Stripe leaves the property out for other types (never `null`). */
  card?: Json;
  customer: string | null;
  created: number;
  livemode: false;
}

class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: Json,
    /**
     * The request's parameters failed validation, so the endpoint never started executing: Stripe keeps no
     * idempotent result and the same key may be retried with corrected parameters.
     */
    readonly validation = false,
  ) {
    super(String(body.message));
  }
}

const invalid = (message: string, param?: string, code?: string) =>
  new ApiFailure(400, {
    type: 'invalid_request_error',
    message,
    ...(param ? { param } : {}),
    ...(code ? { code } : {}),
  });
/** A parameter that fails validation (the endpoint does not start executing; nothing is saved for the key). */
const invalidParam = (message: string, param?: string, code?: string) =>
  new ApiFailure(
    400,
    {
      type: 'invalid_request_error',
      message,
      ...(param ? { param } : {}),
      ...(code ? { code, doc_url: `https://stripe.com/docs/error-codes/${code.replace(/_/g, '-')}` } : {}),
    },
    true,
  );
const missing = (kind: string, id: string) =>
  new ApiFailure(404, {
    type: 'invalid_request_error',
    code: 'resource_missing',
    message: `No such ${kind}: '${id}'`,
    param: 'id',
  });
const unexpectedState = (kind: 'PaymentIntent' | 'SetupIntent', status: string, verb: string) =>
  invalid(
    `This ${kind}'s status is ${status}, so it cannot be ${verb}.`,
    undefined,
    kind === 'PaymentIntent' ? 'payment_intent_unexpected_state' : 'setup_intent_unexpected_state',
  );

const API_VERSION = '2026-10-28.endive';
const CURRENCIES = new Set(['usd', 'cny', 'eur', 'gbp', 'hkd', 'cad']);
/** Stripe's limit on `Idempotency-Key` (docs.stripe.com/api/idempotent_requests: "up to 255 characters"). */
const IDEMPOTENCY_KEY_LENGTH_MAX = 255;
const METHOD_TYPES = ['card', 'alipay', 'wechat_pay'];
/** Apple Pay in the hosted page is a wallet over this test card (Stripe's Apple Pay test cards are Visa). */
const APPLE_PAY_CARD = '4242424242424242';

export async function startStripeSimulator(options: StripeSimulatorOptions): Promise<StripeSimulator> {
  const clock = options.clock ?? systemClock;
  const host = options.host ?? '127.0.0.1';
  const settlementCurrency = options.settlementCurrency?.toLowerCase() ?? 'usd';
  let webhookUrl = options.webhookUrl;
  let enabledEvents = new Set(options.enabledEvents ?? ['*']);
  const wanted = (type: string) => enabledEvents.has('*') || enabledEvents.has(type);
  const unix = () => Math.floor(clock.now().getTime() / 1000);
  const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`;
  const later = (ms: number, work: () => void) => setTimeout(work, ms).unref();
  const retry = options.webhookRetry ?? TEST_WEBHOOK_RETRY;
  const attemptsMax = retry.attemptsMax ?? STRIPE_WEBHOOK_RETRY.attemptsMax;
  if (!(retry.scale > 0 && retry.scale <= 1) || !Number.isInteger(attemptsMax) || attemptsMax < 1)
    throw new RangeError('webhookRetry: scale must be in (0, 1] and attemptsMax a whole number from 1');
  if (attemptsMax > STRIPE_WEBHOOK_RETRY.attemptsMax)
    throw new RangeError(`webhookRetry: at most ${STRIPE_WEBHOOK_RETRY.attemptsMax} attempts, as Stripe`);
  /** The wait before attempt `attempt + 1`. */
  const retryDelayMs = (attempt: number) =>
    retry.scale *
    Math.min(STRIPE_WEBHOOK_RETRY.firstDelayMs * 2 ** (attempt - 1), STRIPE_WEBHOOK_RETRY.delayMsMax);
  let closed = false;
  /** Waits between attempts; close() ends them at once. */
  const retryWaits = new Map<NodeJS.Timeout, () => void>();
  const waitForRetry = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        retryWaits.delete(timer);
        resolve();
      }, ms).unref();
      retryWaits.set(timer, resolve);
    });

  const customers = new Map<string, Json>();
  const paymentMethods = new Map<string, PaymentMethod>();
  const cardNumbers = new Map<string, string>();
  const intents = new Map<string, PaymentIntent>();
  /** PaymentIntents waiting on the hosted card page (their `requires_action` is "type your card"). */
  const collecting = new Set<string>();
  const returnUrls = new Map<string, string>();
  const refundedByIntent = new Map<string, number>();
  const setupIntents = new Map<string, SetupIntent>();
  const refunds = new Map<string, Json>();
  const charges = new Map<string, Json>();
  const events = new Map<string, Json>();
  const idempotency = new Map<string, { fingerprint: string; status: number; body: string }>();
  const idempotencyInFlight = new Set<string>();
  const delivered: { id: string; type: string; status: number }[] = [];
  let outbox: Json[] = [];
  let flushScheduled = false;
  let pendingDeliveries = 0;
  let settledWaiters: (() => void)[] = [];
  let failuresLeft = 0;
  let failureStatus = 500;
  let timeoutsLeft = 0;
  let timeoutAfterProcessing = false;

  const faults: StripeFaults = {
    latencyMs: 0,
    duplicateWebhooks: false,
    delayWebhooksMs: 0,
    reorderWebhooks: false,
    declineAll: false,
    processingMs: 0,
    failureRate: 0,
    dropWebhookRate: 0,
    failNextRequests(count, status = 500) {
      failuresLeft = count;
      failureStatus = status;
    },
    timeoutNextRequests(count, timeoutOptions) {
      timeoutsLeft = count;
      timeoutAfterProcessing = timeoutOptions?.afterProcessing ?? false;
    },
    reset() {
      this.latencyMs = 0;
      this.duplicateWebhooks = false;
      this.delayWebhooksMs = 0;
      this.reorderWebhooks = false;
      this.declineAll = false;
      this.processingMs = 0;
      this.failureRate = 0;
      this.dropWebhookRate = 0;
      failuresLeft = 0;
      failureStatus = 500;
      timeoutsLeft = 0;
      timeoutAfterProcessing = false;
    },
  };

  // ---- webhooks -------------------------------------------------------------------------------------------

  const settle = () => {
    if (pendingDeliveries > 0 || outbox.length > 0 || flushScheduled) return;
    const waiters = settledWaiters;
    settledWaiters = [];
    for (const resolve of waiters) resolve();
  };

  const sign = (payload: string) => {
    const timestamp = unix();
    const signature = createHmac('sha256', options.webhookSecret)
      .update(`${timestamp}.${payload}`)
      .digest('hex');
    return `t=${timestamp},v1=${signature}`;
  };

  /**
   * POSTs one event, signed afresh on every attempt; retries non-2xx answers on the retry schedule, `attemptsMax`
   * attempts at most, until the simulator closes.
   */
  const deliver = async (event: Json): Promise<void> => {
    const payload = JSON.stringify(event, null, 2);
    for (let attempt = 1; attempt <= attemptsMax && webhookUrl && !closed; attempt += 1) {
      let status = 0;
      try {
        const response = await fetch(webhookUrl, {
          method: 'POST',
          headers: {
            'content-type': 'application/json; charset=utf-8',
            'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
            'stripe-signature': sign(payload),
          },
          body: payload,
          signal: AbortSignal.timeout(10_000),
        });
        status = response.status;
        await response.arrayBuffer();
      } catch {
        status = 0;
      }
      delivered.push({ id: String(event.id), type: String(event.type), status });
      if (status >= 200 && status < 300) return;
      if (attempt < attemptsMax) await waitForRetry(retryDelayMs(attempt));
    }
  };

  const flush = () => {
    flushScheduled = false;
    const batch = faults.reorderWebhooks ? [...outbox].reverse() : outbox;
    outbox = [];
    if (batch.length === 0) return settle();
    pendingDeliveries += 1;
    void (async () => {
      for (const event of batch) {
        await deliver(event);
        if (faults.duplicateWebhooks) await deliver(event);
      }
    })().finally(() => {
      pendingDeliveries -= 1;
      settle();
    });
  };

  const scheduleFlush = () => {
    if (flushScheduled) return;
    flushScheduled = true;
    if (faults.delayWebhooksMs > 0) later(faults.delayWebhooksMs, flush);
    else queueMicrotask(flush);
  };

  const emit = (type: string, snapshot: Json) => {
    const event = {
      id: id('evt'),
      object: 'event',
      api_version: API_VERSION,
      created: unix(),
      type,
      data: { object: structuredClone(snapshot) },
      livemode: false,
      pending_webhooks: webhookUrl && wanted(type) ? 1 : 0,
      request: { id: null, idempotency_key: null },
    };
    events.set(event.id, event);
    if (!wanted(type) || Math.random() < faults.dropWebhookRate) return;
    outbox.push(event);
    scheduleFlush();
  };

  // ---- objects ------------------------------------------------------------------------------------------------

  const customerOf = (customerId: string) => {
    const customer = customers.get(customerId);
    if (!customer) throw missing('customer', customerId);
    return customer;
  };

  const intentOf = (intentId: string) => {
    const intent = intents.get(intentId);
    if (!intent) throw missing('payment_intent', intentId);
    return intent;
  };

  const setupOf = (setupId: string) => {
    const setup = setupIntents.get(setupId);
    if (!setup) throw missing('setup_intent', setupId);
    return setup;
  };

  const methodOf = (methodId: string) => {
    const method = paymentMethods.get(methodId);
    if (!method) throw missing('payment_method', methodId);
    return method;
  };

  const createCardMethod = (number: string, expiry: string, wallet: boolean): PaymentMethod => {
    const [month, year] = expiry.split('/').map((part) => Number(part.trim()));
    const method: PaymentMethod = {
      id: id('pm'),
      object: 'payment_method',
      type: 'card',
      billing_details: { address: null, email: null, name: null, phone: null },
      card: {
        brand: cardBrand(number),
        last4: number.slice(-4),
        exp_month: month && month >= 1 && month <= 12 ? month : 12,
        exp_year: year ? (year < 100 ? 2000 + year : year) : 2034,
        country: 'US',
        funding: 'credit',
        wallet: wallet ? { type: 'apple_pay', apple_pay: {}, dynamic_last4: number.slice(-4) } : null,
      },
      customer: null,
      metadata: {},
      created: unix(),
      livemode: false,
    };
    paymentMethods.set(method.id, method);
    cardNumbers.set(method.id, number);
    return method;
  };

  const walletMethod = (type: 'alipay' | 'wechat_pay'): PaymentMethod => {
    const method: PaymentMethod = {
      id: id('pm'),
      object: 'payment_method',
      type,
      [type]: {},
      billing_details: { address: null, email: null, name: null, phone: null },
      customer: null,
      metadata: {},
      created: unix(),
      livemode: false,
    };
    paymentMethods.set(method.id, method);
    return method;
  };

  const expanded = (methodId: string | null, expand: string[]) =>
    expand.includes('payment_method') && methodId ? (paymentMethods.get(methodId) ?? methodId) : methodId;

  const intentView = (intent: PaymentIntent, expand: string[]): Json => ({
    ...intent,
    payment_method: expanded(intent.payment_method, expand),
    latest_charge:
      expand.includes('latest_charge') && intent.latest_charge
        ? (charges.get(intent.latest_charge) ?? intent.latest_charge)
        : intent.latest_charge,
  });

  const setupView = (setup: SetupIntent, expand: string[]): Json => ({
    ...setup,
    payment_method: expanded(setup.payment_method, expand),
  });

  const setStatus = (intent: PaymentIntent, status: string, eventType?: string) => {
    intent.status = status;
    if (status !== 'requires_action') collecting.delete(intent.id);
    if (status === 'succeeded' && !intent.latest_charge) {
      intent.amount_received = intent.amount;
      const charge = {
        id: id('ch'),
        object: 'charge',
        amount: intent.amount,
        amount_captured: intent.amount,
        amount_refunded: 0,
        billing_details: { address: null, email: null, name: null, phone: null },
        captured: true,
        currency: intent.currency,
        customer: intent.customer,
        description: intent.description,
        disputed: false,
        metadata: intent.metadata,
        paid: true,
        payment_intent: intent.id,
        payment_method: intent.payment_method,
        refunded: false,
        status: 'succeeded',
        created: unix(),
        livemode: false,
      };
      charges.set(charge.id, charge);
      intent.latest_charge = charge.id;
    }
    if (status === 'succeeded' || status === 'processing' || status === 'canceled') {
      intent.next_action = null;
    }
    if (status === 'succeeded' || status === 'processing') intent.last_payment_error = null;
    if (eventType) emit(eventType, intentView(intent, []));
  };

  const failIntent = (intent: PaymentIntent, error: Json) => {
    intent.last_payment_error = {
      ...error,
      payment_method: intent.payment_method ? paymentMethods.get(intent.payment_method) : undefined,
    };
    intent.next_action = null;
    setStatus(intent, 'requires_payment_method', 'payment_intent.payment_failed');
    return intent.last_payment_error;
  };

  const cardError = (outcome: CardDecline): Json => ({
    type: 'card_error',
    code: outcome.code,
    ...(outcome.declineCode ? { decline_code: outcome.declineCode } : {}),
    message: outcome.message,
    doc_url: `https://stripe.com/docs/error-codes/${outcome.code.replace(/_/g, '-')}`,
  });

  /** The customer (or their bank, or Alipay / WeChat) said yes: `succeeded`, through `processing` if asked. */
  const approve = (intent: PaymentIntent) => {
    if (faults.processingMs <= 0) return setStatus(intent, 'succeeded', 'payment_intent.succeeded');
    setStatus(intent, 'processing', 'payment_intent.processing');
    later(faults.processingMs, () => {
      if (intent.status === 'processing') setStatus(intent, 'succeeded', 'payment_intent.succeeded');
    });
  };

  const sendToCardPage = (intent: PaymentIntent, returnUrl: string) => {
    intent.next_action = {
      type: 'redirect_to_url',
      redirect_to_url: {
        url: `${baseUrl}/pay/${intent.id}?client_secret=${intent.client_secret}`,
        return_url: returnUrl,
      },
    };
    setStatus(intent, 'requires_action', 'payment_intent.requires_action');
    collecting.add(intent.id);
  };

  /** Charges the intent's card; returns the card error when declined. */
  const confirmCard = (intent: PaymentIntent, offSession: boolean): Json | undefined => {
    const number = intent.payment_method ? cardNumbers.get(intent.payment_method) : undefined;
    if (!number)
      throw invalid('You must provide a payment method to confirm this PaymentIntent.', 'payment_method');
    const outcome = faults.declineAll ? GENERIC_DECLINE : cardOutcome(number, { offSession });
    if (outcome.kind === 'decline') return failIntent(intent, cardError(outcome));
    if (outcome.kind === 'three_d_secure') {
      const returnUrl = returnUrls.get(intent.id);
      intent.next_action = {
        type: 'redirect_to_url',
        redirect_to_url: {
          url: `${baseUrl}/3ds/${intent.id}?client_secret=${intent.client_secret}`,
          return_url: returnUrl ?? null,
        },
      };
      setStatus(intent, 'requires_action', 'payment_intent.requires_action');
      return undefined;
    }
    approve(intent);
    return undefined;
  };

  const methodTypes = (form: FormObject) => {
    // API 2026-10-28 (stripe-node 23) names it allowed_payment_method_types; older versions payment_method_types.
    const allowed = list(form, 'allowed_payment_method_types');
    const types = allowed.length ? allowed : list(form, 'payment_method_types');
    for (const type of types) {
      if (!METHOD_TYPES.includes(type)) {
        throw invalidParam(`The payment method type "${type}" is invalid.`, 'payment_method_types');
      }
    }
    return types;
  };

  const createIntent = async (form: FormObject): Promise<Json> => {
    const amount = Number(text(form, 'amount'));
    const currency = text(form, 'currency')?.toLowerCase() ?? '';
    if (!Number.isSafeInteger(amount) || amount < 1) throw invalidParam('Invalid positive integer', 'amount');
    if (!CURRENCIES.has(currency)) throw invalidParam(`Invalid currency: ${currency}.`, 'currency');
    const tooSmall = amountTooSmall(amount, currency, settlementCurrency);
    if (tooSmall) throw invalidParam(tooSmall.message, 'amount', 'amount_too_small');
    const types = methodTypes(form);
    const type = text(object(form, 'payment_method_data'), 'type') ?? types[0] ?? 'card';
    if (!METHOD_TYPES.includes(type)) {
      throw invalidParam(`The payment method type "${type}" is invalid.`, 'payment_method_data[type]');
    }
    if (
      (type === 'alipay' || type === 'wechat_pay') &&
      !['cny', 'usd', 'hkd', 'eur', 'gbp'].includes(currency)
    ) {
      throw invalidParam(
        `The currency provided (${currency}) is invalid. Payments with ${type} support the following currencies: cny, usd, hkd, eur, gbp.`,
        'currency',
      );
    }
    const customer = text(form, 'customer') ?? null;
    if (customer) customerOf(customer);
    const paymentMethod = text(form, 'payment_method') ?? null;
    if (paymentMethod) methodOf(paymentMethod);
    const confirm = text(form, 'confirm') === 'true';
    const returnUrl = text(form, 'return_url');
    if (returnUrl !== undefined && !/^https?:\/\/./.test(returnUrl)) {
      throw invalidParam('Not a valid URL', 'return_url', 'url_invalid');
    }
    if (text(form, 'off_session') !== undefined && !confirm) {
      throw invalidParam('You can only pass in `off_session` when `confirm` is true.', 'off_session');
    }
    if (confirm && type === 'card' && !paymentMethod && !returnUrl) {
      throw invalidParam(
        'You must provide a payment method to confirm this PaymentIntent.',
        'payment_method',
      );
    }
    if (confirm && type === 'alipay' && !returnUrl) {
      throw invalidParam('A return_url is required to confirm an alipay PaymentIntent.', 'return_url');
    }
    const intentId = id('pi');
    const intent: PaymentIntent = {
      id: intentId,
      object: 'payment_intent',
      amount,
      amount_received: 0,
      currency,
      status: 'requires_payment_method',
      client_secret: `${intentId}_secret_${randomBytes(12).toString('hex')}`,
      payment_method_types: types.length ? types : [type],
      allowed_payment_method_types: types.length ? types : [type],
      payment_method: paymentMethod,
      customer,
      metadata: stringRecord(form, 'metadata'),
      description: text(form, 'description') ?? null,
      next_action: null,
      last_payment_error: null,
      latest_charge: null,
      cancellation_reason: null,
      capture_method: 'automatic',
      confirmation_method: 'automatic',
      setup_future_usage: text(form, 'setup_future_usage') ?? null,
      created: unix(),
      livemode: false,
    };
    intents.set(intent.id, intent);
    if (returnUrl) returnUrls.set(intent.id, returnUrl);
    emit('payment_intent.created', intentView(intent, []));
    if (!confirm) {
      // The hosted card page stands in for Stripe.js: a card intent with a return_url waits for the customer there.
      if (type === 'card' && !paymentMethod && returnUrl) sendToCardPage(intent, returnUrl);
      return intentView(intent, list(form, 'expand'));
    }
    return confirmIntent(intent, form);
  };

  const confirmIntent = async (intent: PaymentIntent, form: FormObject): Promise<Json> => {
    const awaitingCard = intent.status === 'requires_action' && collecting.has(intent.id);
    if (!['requires_payment_method', 'requires_confirmation'].includes(intent.status) && !awaitingCard) {
      throw unexpectedState('PaymentIntent', intent.status, 'confirmed');
    }
    const returnUrl = text(form, 'return_url') ?? returnUrls.get(intent.id);
    if (returnUrl) returnUrls.set(intent.id, returnUrl);
    const expand = list(form, 'expand');
    const type = text(object(form, 'payment_method_data'), 'type') ?? intent.payment_method_types[0];
    if (type === 'alipay') {
      if (!returnUrl)
        throw invalidParam('A return_url is required to confirm an alipay PaymentIntent.', 'return_url');
      intent.payment_method = walletMethod('alipay').id;
      intent.next_action = {
        type: 'alipay_handle_redirect',
        alipay_handle_redirect: {
          native_data: null,
          native_url: null,
          return_url: returnUrl,
          url: `${baseUrl}/alipay/${intent.id}?client_secret=${intent.client_secret}`,
        },
      };
      setStatus(intent, 'requires_action', 'payment_intent.requires_action');
      return intentView(intent, expand);
    }
    if (type === 'wechat_pay') {
      intent.payment_method = walletMethod('wechat_pay').id;
      const data = `weixin://wxpay/bizpayurl?pr=${intent.id.slice(3)}`;
      intent.next_action = {
        type: 'wechat_pay_display_qr_code',
        wechat_pay_display_qr_code: {
          data,
          hosted_instructions_url: `${baseUrl}/wechat/${intent.id}?client_secret=${intent.client_secret}`,
          image_data_url: await QRCode.toDataURL(data),
          image_url_png: `${baseUrl}/qr/${intent.id}.png`,
          image_url_svg: `${baseUrl}/qr/${intent.id}.svg`,
        },
      };
      setStatus(intent, 'requires_action', 'payment_intent.requires_action');
      return intentView(intent, expand);
    }
    const method = text(form, 'payment_method');
    if (method) {
      const pm = methodOf(method);
      if (intent.customer && pm.customer && pm.customer !== intent.customer) {
        throw invalid(
          `The provided PaymentMethod belongs to another Customer than ${intent.customer}.`,
          'payment_method',
        );
      }
      intent.payment_method = method;
    }
    if (!intent.payment_method) {
      if (returnUrl) {
        if (!awaitingCard) sendToCardPage(intent, returnUrl);
        return intentView(intent, expand);
      }
      throw invalidParam(
        'You must provide a payment method to confirm this PaymentIntent.',
        'payment_method',
      );
    }
    const offSession = text(form, 'off_session') === 'true';
    // Off session nobody can pass 3-D Secure: cards that insist on it fail with authentication_required.
    const error = confirmCard(intent, offSession);
    if (error) throw new ApiFailure(402, { ...error, payment_intent: intentView(intent, []) });
    return intentView(intent, expand);
  };

  const cancelIntent = (intent: PaymentIntent, form: FormObject): Json => {
    if (intent.status === 'succeeded' || intent.status === 'canceled' || intent.status === 'processing') {
      throw invalid(
        `You cannot cancel this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be canceled: requires_payment_method, requires_capture, requires_confirmation, requires_action.`,
        undefined,
        'payment_intent_unexpected_state',
      );
    }
    intent.cancellation_reason = text(form, 'cancellation_reason') ?? 'requested_by_customer';
    setStatus(intent, 'canceled', 'payment_intent.canceled');
    return intentView(intent, list(form, 'expand'));
  };

  const createRefund = (form: FormObject): Json => {
    const intentId = text(form, 'payment_intent');
    if (!intentId)
      throw invalidParam('Missing required param: payment_intent.', 'payment_intent', 'parameter_missing');
    const intent = intentOf(intentId);
    if (intent.status !== 'succeeded') {
      throw invalid(
        `This PaymentIntent (${intent.id}) does not have a successful charge to refund.`,
        'payment_intent',
        'charge_not_refundable',
      );
    }
    const already = refundedByIntent.get(intent.id) ?? 0;
    if (already >= intent.amount) {
      throw invalid(
        `Charge ${intent.latest_charge} has already been refunded.`,
        undefined,
        'charge_already_refunded',
      );
    }
    const amount =
      text(form, 'amount') === undefined ? intent.amount - already : Number(text(form, 'amount'));
    if (!Number.isSafeInteger(amount) || amount < 1) {
      throw invalidParam('Invalid positive integer', 'amount', 'parameter_invalid_integer');
    }
    if (amount > intent.amount - already) {
      throw invalid(
        `Refund amount (${amount}) is greater than unrefunded amount on charge (${intent.amount - already}).`,
        'amount',
        'amount_too_large',
      );
    }
    refundedByIntent.set(intent.id, already + amount);
    const refund = {
      id: id('re'),
      object: 'refund',
      amount,
      currency: intent.currency,
      charge: intent.latest_charge,
      payment_intent: intent.id,
      status: 'succeeded',
      reason: text(form, 'reason') ?? null,
      metadata: stringRecord(form, 'metadata'),
      created: unix(),
    };
    refunds.set(refund.id, refund);
    emit('refund.created', refund);
    const charge = charges.get(intent.latest_charge ?? '');
    if (charge) {
      charge.amount_refunded = already + amount;
      charge.refunded = already + amount === intent.amount;
      emit('charge.refunded', {
        ...charge,
        refunds: {
          object: 'list',
          data: [refund],
          has_more: false,
          url: `/v1/charges/${String(charge.id)}/refunds`,
        },
      });
    }
    return refund;
  };

  // ---- SetupIntents -------------------------------------------------------------------------------------------

  const failSetup = (setup: SetupIntent, outcome: CardDecline) => {
    setup.last_setup_error = cardError(outcome);
    setup.status = 'requires_payment_method';
    setup.next_action = null;
    emit('setup_intent.setup_failed', setupView(setup, []));
    return setup.last_setup_error;
  };

  /** Saves the card `number` on the setup's customer; returns the card error when the card is refused. */
  const saveCard = (setup: SetupIntent, method: PaymentMethod): Json | undefined => {
    const number = cardNumbers.get(method.id) ?? '';
    const outcome = faults.declineAll ? GENERIC_DECLINE : cardOutcome(number, { saving: true });
    if (outcome.kind === 'decline') return failSetup(setup, outcome);
    if (setup.customer) method.customer = setup.customer;
    setup.payment_method = method.id;
    setup.status = 'succeeded';
    setup.next_action = null;
    setup.last_setup_error = null;
    emit('setup_intent.succeeded', setupView(setup, []));
    return undefined;
  };

  const createSetupIntent = (form: FormObject): Json => {
    const customer = text(form, 'customer');
    if (customer) customerOf(customer);
    const types = methodTypes(form).filter((type) => type === 'card');
    const setupId = id('seti');
    const setup: SetupIntent = {
      id: setupId,
      object: 'setup_intent',
      client_secret: `${setupId}_secret_${randomBytes(12).toString('hex')}`,
      customer: customer ?? null,
      payment_method: null,
      payment_method_types: ['card'],
      allowed_payment_method_types: types.length ? types : ['card'],
      status: 'requires_payment_method',
      usage: text(form, 'usage') ?? 'off_session',
      next_action: null,
      last_setup_error: null,
      metadata: stringRecord(form, 'metadata'),
      created: unix(),
      livemode: false,
    };
    setupIntents.set(setup.id, setup);
    if (text(form, 'confirm') === 'true') return confirmSetup(setup, form);
    const returnUrl = text(form, 'return_url');
    if (returnUrl) returnUrls.set(setup.id, returnUrl);
    return setupView(setup, list(form, 'expand'));
  };

  const confirmSetup = (setup: SetupIntent, form: FormObject): Json => {
    if (!['requires_payment_method', 'requires_confirmation', 'requires_action'].includes(setup.status)) {
      throw unexpectedState('SetupIntent', setup.status, 'confirmed');
    }
    const returnUrl = text(form, 'return_url') ?? returnUrls.get(setup.id);
    if (returnUrl) returnUrls.set(setup.id, returnUrl);
    const methodId = text(form, 'payment_method');
    if (methodId) {
      const error = saveCard(setup, methodOf(methodId));
      if (error) throw new ApiFailure(402, { ...error, setup_intent: setupView(setup, []) });
      return setupView(setup, list(form, 'expand'));
    }
    if (!returnUrl) {
      throw invalidParam('You must provide a payment method to confirm this SetupIntent.', 'payment_method');
    }
    setup.status = 'requires_action';
    setup.next_action = {
      type: 'redirect_to_url',
      redirect_to_url: {
        url: `${baseUrl}/setup/${setup.id}?client_secret=${setup.client_secret}`,
        return_url: returnUrl,
      },
    };
    emit('setup_intent.requires_action', setupView(setup, []));
    return setupView(setup, list(form, 'expand'));
  };

  // ---- API routing -----------------------------------------------------------------------------------------

  const listOf = (path: string, data: Json[], limit: number) => ({
    object: 'list',
    data: data.slice(0, limit),
    has_more: data.length > limit,
    url: path,
  });

  const limitOf = (query: URLSearchParams) =>
    Math.max(1, Math.min(100, Number(query.get('limit') ?? 10) || 10));

  const api = async (
    method: string,
    path: string,
    form: FormObject,
    query: URLSearchParams,
  ): Promise<Json> => {
    const segments = path.split('/').filter(Boolean).slice(1); // after "v1"
    const [resource, resourceId, action] = segments;
    const expand = [...list(form, 'expand'), ...list(parseStripeForm(query.toString()), 'expand')];
    if (resource === 'customers' && method === 'POST' && !resourceId) {
      const customer = {
        id: id('cus'),
        object: 'customer',
        email: text(form, 'email') ?? null,
        name: text(form, 'name') ?? null,
        metadata: stringRecord(form, 'metadata'),
        invoice_settings: { default_payment_method: null },
        created: unix(),
        livemode: false,
      };
      customers.set(customer.id, customer);
      return customer;
    }
    if (resource === 'customers' && method === 'GET' && resourceId && !action) return customerOf(resourceId);
    if (resource === 'customers' && method === 'GET' && resourceId && action === 'payment_methods') {
      customerOf(resourceId);
      const type = query.get('type');
      const data = [...paymentMethods.values()]
        .filter((pm) => pm.customer === resourceId && (!type || pm.type === type))
        .reverse();
      return listOf(path, data, limitOf(query));
    }
    if (resource === 'payment_methods' && method === 'GET' && !resourceId) {
      const customer = query.get('customer');
      const type = query.get('type');
      const data = [...paymentMethods.values()]
        .filter((pm) => pm.customer !== null && pm.customer === customer && (!type || pm.type === type))
        .reverse();
      return listOf(path, data, limitOf(query));
    }
    if (resource === 'payment_methods' && resourceId) {
      const pm = methodOf(resourceId);
      if (method === 'GET' && !action) return pm;
      if (method === 'POST' && action === 'attach') {
        const customer = text(form, 'customer');
        if (!customer)
          throw invalidParam('Missing required param: customer.', 'customer', 'parameter_missing');
        customerOf(customer);
        if (pm.customer && pm.customer !== customer) {
          throw invalid(
            'The payment method you provided has already been attached to a customer.',
            undefined,
            'resource_already_exists',
          );
        }
        pm.customer = customer;
        return pm;
      }
      if (method === 'POST' && action === 'detach') {
        if (!pm.customer) {
          throw invalid(
            `The payment method you provided is not attached to a customer so detachment is impossible.`,
            undefined,
            'payment_method_unexpected_state',
          );
        }
        pm.customer = null;
        return pm;
      }
    }
    if (resource === 'payment_intents' && method === 'POST' && !resourceId) return createIntent(form);
    if (resource === 'payment_intents' && method === 'GET' && !resourceId) {
      const customer = query.get('customer');
      const data = [...intents.values()]
        .filter((intent) => !customer || intent.customer === customer)
        .reverse()
        .map((intent) => intentView(intent, expand));
      return listOf(path, data, limitOf(query));
    }
    if (resource === 'payment_intents' && resourceId) {
      const intent = intentOf(resourceId);
      if (method === 'GET' && !action) return intentView(intent, expand);
      if (method === 'POST' && action === 'confirm') return confirmIntent(intent, form);
      if (method === 'POST' && action === 'cancel') return cancelIntent(intent, form);
    }
    if (resource === 'setup_intents' && method === 'POST' && !resourceId) return createSetupIntent(form);
    if (resource === 'setup_intents' && resourceId) {
      const setup = setupOf(resourceId);
      if (method === 'GET' && !action) return setupView(setup, expand);
      if (method === 'POST' && action === 'confirm') return confirmSetup(setup, form);
      if (method === 'POST' && action === 'cancel') {
        if (setup.status === 'succeeded' || setup.status === 'canceled') {
          throw unexpectedState('SetupIntent', setup.status, 'canceled');
        }
        setup.status = 'canceled';
        setup.next_action = null;
        emit('setup_intent.canceled', setupView(setup, []));
        return setupView(setup, expand);
      }
    }
    if (resource === 'charges' && method === 'GET' && resourceId) {
      const charge = charges.get(resourceId);
      if (!charge) throw missing('charge', resourceId);
      return charge;
    }
    if (resource === 'refunds' && method === 'POST' && !resourceId) return createRefund(form);
    if (resource === 'refunds' && method === 'GET' && resourceId) {
      const refund = refunds.get(resourceId);
      if (!refund) throw missing('refund', resourceId);
      return refund;
    }
    if (resource === 'events' && method === 'GET' && resourceId) {
      const event = events.get(resourceId);
      if (!event) throw missing('event', resourceId);
      return event;
    }
    if (resource === 'events' && method === 'GET' && !resourceId) {
      const type = query.get('type');
      let data = [...events.values()].reverse();
      if (type) {
        const pattern = new RegExp(`^${type.replace(/[.]/g, '\\.').replace(/\*/g, '.*')}$`);
        data = data.filter((event) => pattern.test(String(event.type)));
      }
      const after = query.get('starting_after');
      if (after) data = data.slice(data.findIndex((event) => event.id === after) + 1);
      return listOf(path, data, limitOf(query));
    }
    throw new ApiFailure(404, {
      type: 'invalid_request_error',
      message: `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
    });
  };

  // ---- hosted pages ------------------------------------------------------------------------------------------

  const amountText = (intent: { amount: number; currency: string }) =>
    new Intl.NumberFormat('en', { style: 'currency', currency: intent.currency.toUpperCase() }).format(
      intent.amount / 100,
    );

  const redirectStatus = (status: string) =>
    status === 'succeeded' ? 'succeeded' : status === 'processing' ? 'processing' : 'failed';

  const finishRedirect = (intent: PaymentIntent) => {
    const target = returnUrls.get(intent.id);
    if (!target) return undefined;
    const url = new URL(target);
    url.searchParams.set('payment_intent', intent.id);
    url.searchParams.set('payment_intent_client_secret', intent.client_secret);
    url.searchParams.set('redirect_status', redirectStatus(intent.status));
    return url.toString();
  };

  type Page = { status: number; type: string; body: string | Buffer; location?: string };

  const hosted = async (
    method: string,
    url: URL,
    form: URLSearchParams,
    acceptLanguage: string | undefined,
  ): Promise<Page> => {
    const [kind, rawId] = url.pathname.split('/').filter(Boolean);
    const locale = pageLocale(url.searchParams.get('locale') ?? form.get('locale'), acceptLanguage);
    const w = words(locale);
    const html = (body: string, status = 200): Page => ({ status, type: 'text/html; charset=utf-8', body });
    const redirect = (location: string): Page => ({ status: 303, type: 'text/plain', body: '', location });
    const redirectOrMessage = (intent: PaymentIntent) => {
      const location = finishRedirect(intent);
      if (location) return redirect(location);
      const message = intent.status === 'succeeded' || intent.status === 'processing' ? w.done : w.failed;
      return html(messagePage(locale, message));
    };
    if (kind === 'qr' && rawId) {
      const [intentId, extension] = rawId.split('.');
      const intent = intents.get(intentId ?? '');
      const data = (intent?.next_action?.wechat_pay_display_qr_code as { data?: string } | undefined)?.data;
      if (!intent || !data) return html(messagePage(locale, w.notFound), 404);
      if (extension === 'svg') {
        return { status: 200, type: 'image/svg+xml', body: await QRCode.toString(data, { type: 'svg' }) };
      }
      return {
        status: 200,
        type: 'image/png',
        body: await QRCode.toBuffer(data, { type: 'png', margin: 1, width: 240 }),
      };
    }
    const secret = url.searchParams.get('client_secret') ?? form.get('client_secret');
    if (kind === 'setup' && rawId) {
      const setup = setupIntents.get(rawId);
      if (!setup || (secret !== null && secret !== setup.client_secret)) {
        return html(messagePage(locale, w.notFound), 404);
      }
      // Without a confirm the hosted page takes the return URL as a parameter (Stripe.js knows its page).
      const setupReturn = url.searchParams.get('return_url') ?? form.get('return_url');
      if (setupReturn && /^https?:\/\//.test(setupReturn)) returnUrls.set(rawId, setupReturn);
      const backTo = (status: 'succeeded' | 'failed') => {
        const target = returnUrls.get(rawId);
        if (!target) return html(messagePage(locale, status === 'succeeded' ? w.saved : w.failed));
        const back = new URL(target);
        back.searchParams.set('setup_intent', rawId);
        back.searchParams.set('setup_intent_client_secret', setup.client_secret);
        back.searchParams.set('redirect_status', status);
        return redirect(back.toString());
      };
      if (!['requires_payment_method', 'requires_action'].includes(setup.status)) {
        return backTo(setup.status === 'succeeded' ? 'succeeded' : 'failed');
      }
      if (method === 'GET') {
        return html(
          cardForm({
            locale,
            action: `/setup/${rawId}`,
            amountText: undefined,
            fields: { client_secret: setup.client_secret, locale },
            submitLabel: w.saveCard,
            offerApplePay: false,
          }),
        );
      }
      const number = (form.get('number') ?? '').replace(/\s+/g, '');
      const outcome = cardOutcome(number, { saving: true });
      if (outcome.kind === 'decline') {
        failSetup(setup, outcome);
        return backTo('failed');
      }
      const error = saveCard(setup, createCardMethod(number, form.get('expiry') ?? '12/34', false));
      return backTo(error ? 'failed' : 'succeeded');
    }
    const intent = rawId ? intents.get(rawId) : undefined;
    if (!intent || secret !== intent.client_secret) return html(messagePage(locale, w.notFound), 404);
    const fields = { client_secret: intent.client_secret, locale };
    const returnParam = url.searchParams.get('return_url') ?? form.get('return_url');
    if (kind === 'pay' && returnParam && /^https?:\/\//.test(returnParam))
      returnUrls.set(intent.id, returnParam);
    if (kind === 'pay') {
      const open =
        ['requires_payment_method', 'requires_confirmation'].includes(intent.status) ||
        (intent.status === 'requires_action' && collecting.has(intent.id));
      if (!open || !intent.payment_method_types.includes('card')) return redirectOrMessage(intent);
      if (method === 'GET') {
        return html(
          cardForm({
            locale,
            action: `/pay/${intent.id}`,
            amountText: amountText(intent),
            fields,
            submitLabel: `${w.pay} ${amountText(intent)}`,
            offerApplePay: true,
          }),
        );
      }
      const wallet = form.get('wallet') === 'apple_pay';
      const number = wallet ? APPLE_PAY_CARD : (form.get('number') ?? '').replace(/\s+/g, '');
      const pm = createCardMethod(number, wallet ? '12/34' : (form.get('expiry') ?? ''), wallet);
      intent.payment_method = pm.id;
      collecting.delete(intent.id);
      confirmCard(intent, false);
      const next = intent.next_action?.redirect_to_url as { url?: string } | undefined;
      if (intent.status === 'requires_action' && next?.url) {
        return redirect(`${next.url}&locale=${encodeURIComponent(locale)}`);
      }
      return redirectOrMessage(intent);
    }
    if (kind === '3ds' || kind === 'alipay' || kind === 'wechat') {
      if (intent.status !== 'requires_action' || collecting.has(intent.id)) return redirectOrMessage(intent);
      if (method === 'GET') {
        const heading = kind === '3ds' ? w.threeDs : kind === 'alipay' ? w.alipay : w.wechat;
        const extra =
          kind === 'wechat'
            ? `<img alt="${w.qrAlt}" width="200" height="200" src="/qr/${intent.id}.png">`
            : '';
        return html(
          choicePage({
            locale,
            action: `/${kind}/${intent.id}`,
            heading,
            amountText: amountText(intent),
            fields,
            yes: kind === '3ds' ? w.complete : kind === 'wechat' ? w.scanned : w.approve,
            no: kind === '3ds' ? w.fail : w.decline,
            extra,
          }),
        );
      }
      const approved = form.get('decision') === 'approve';
      if (kind === '3ds') {
        const number = cardNumbers.get(intent.payment_method ?? '') ?? '';
        const outcome = faults.declineAll ? GENERIC_DECLINE : cardOutcome(number, { authenticated: true });
        if (approved && outcome.kind === 'decline') failIntent(intent, cardError(outcome));
        else if (approved) approve(intent);
        else {
          failIntent(intent, {
            type: 'invalid_request_error',
            code: 'payment_intent_authentication_failure',
            message:
              'The provided PaymentMethod has failed authentication. You can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.',
            doc_url: 'https://stripe.com/docs/error-codes/payment-intent-authentication-failure',
          });
        }
      } else if (approved && !faults.declineAll) {
        approve(intent);
      } else {
        failIntent(intent, {
          type: 'invalid_request_error',
          code: 'payment_method_provider_decline',
          message: `The payment was declined by ${kind === 'alipay' ? 'Alipay' : 'WeChat Pay'}.`,
          doc_url: 'https://stripe.com/docs/error-codes/payment-method-provider-decline',
        });
      }
      return redirectOrMessage(intent);
    }
    return html(messagePage(locale, w.notFound), 404);
  };

  // ---- control API (browser tests) ---------------------------------------------------------------------------

  const switches = () => ({
    latencyMs: faults.latencyMs,
    duplicateWebhooks: faults.duplicateWebhooks,
    delayWebhooksMs: faults.delayWebhooksMs,
    reorderWebhooks: faults.reorderWebhooks,
    declineAll: faults.declineAll,
    processingMs: faults.processingMs,
    failureRate: faults.failureRate,
    dropWebhookRate: faults.dropWebhookRate,
    failNextRequests: failuresLeft,
    failStatus: failureStatus,
    timeoutNextRequests: timeoutsLeft,
    timeoutAfterProcessing,
  });

  const control = (method: string, path: string, rawBody: string): { status: number; body: unknown } => {
    if (path === '/_simulator/faults' && method === 'GET') return { status: 200, body: switches() };
    if (path === '/_simulator/faults' && method === 'POST') {
      let input: Json;
      try {
        input = (rawBody ? JSON.parse(rawBody) : {}) as Json;
      } catch {
        return { status: 400, body: { error: 'body must be JSON' } };
      }
      const numbers = [
        'latencyMs',
        'delayWebhooksMs',
        'processingMs',
        'failureRate',
        'dropWebhookRate',
      ] as const;
      const flags = ['duplicateWebhooks', 'reorderWebhooks', 'declineAll'] as const;
      for (const name of numbers) if (typeof input[name] === 'number') faults[name] = input[name];
      for (const name of flags) if (typeof input[name] === 'boolean') faults[name] = input[name];
      if (typeof input.failNextRequests === 'number') {
        faults.failNextRequests(
          input.failNextRequests,
          typeof input.failStatus === 'number' ? input.failStatus : undefined,
        );
      }
      if (typeof input.timeoutNextRequests === 'number') {
        faults.timeoutNextRequests(input.timeoutNextRequests, {
          afterProcessing: input.timeoutAfterProcessing === true,
        });
      }
      return { status: 200, body: switches() };
    }
    if (path === '/_simulator/reset' && method === 'POST') {
      faults.reset();
      return { status: 200, body: switches() };
    }
    if (path === '/_simulator/webhooks' && method === 'GET')
      return { status: 200, body: { data: [...delivered] } };
    return { status: 404, body: { error: `no ${method} ${path}` } };
  };

  // ---- HTTP -----------------------------------------------------------------------------------------------

  const readBody = (request: http.IncomingMessage) =>
    new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      request.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > 1_000_000) request.destroy();
        else chunks.push(chunk);
      });
      request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      request.on('error', reject);
    });

  const sendJson = (response: http.ServerResponse, status: number, body: string, headers: Json = {}) => {
    response.writeHead(status, {
      'content-type': 'application/json',
      'request-id': id('req'),
      'stripe-version': API_VERSION,
      ...headers,
    });
    response.end(body);
  };

  const errorBody = (error: Json) => JSON.stringify({ error }, null, 2);

  const maskKey = (key: string) =>
    `${key.slice(0, 8)}${'*'.repeat(Math.max(0, key.length - 12))}${key.slice(-4)}`;

  /** A publishable key may read a PaymentIntent or SetupIntent when it also shows the object's client secret. */
  const publishableMayRead = (method: string, url: URL) => {
    const [, resource, resourceId, action] = url.pathname.split('/').filter(Boolean);
    if (method !== 'GET' || action || !resourceId) return false;
    const secret = url.searchParams.get('client_secret');
    if (resource === 'payment_intents') return intents.get(resourceId)?.client_secret === secret;
    if (resource === 'setup_intents') return setupIntents.get(resourceId)?.client_secret === secret;
    return false;
  };

  const handleApi = async (
    request: http.IncomingMessage,
    url: URL,
    rawBody: string,
  ): Promise<{ status: number; body: string; replayed?: boolean }> => {
    const key = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const method = request.method ?? 'GET';
    const publishable = key !== undefined && key === options.publishableKey;
    if (publishable && !publishableMayRead(method, url)) {
      return {
        status: 401,
        body: errorBody({
          type: 'invalid_request_error',
          message: 'This API call cannot be made with a publishable API key. Please use a secret API key.',
        }),
      };
    }
    if (key !== options.secretKey && !publishable) {
      return {
        status: 401,
        body: errorBody({
          type: 'invalid_request_error',
          message: key ? `Invalid API Key provided: ${maskKey(key)}` : 'You did not provide an API key.',
        }),
      };
    }
    const idempotencyKey = method === 'POST' ? request.headers['idempotency-key'] : undefined;
    const fingerprint = createHash('sha256').update(`${method} ${url.pathname} ${rawBody}`).digest('hex');
    if (
      typeof idempotencyKey === 'string' &&
      (idempotencyKey.length < 1 || idempotencyKey.length > IDEMPOTENCY_KEY_LENGTH_MAX)
    ) {
      return {
        status: 400,
        body: errorBody({
          type: 'idempotency_error',
          message: `Idempotent key length is ${idempotencyKey.length} characters long, which is outside accepted lengths. Idempotent Keys must be 1-${IDEMPOTENCY_KEY_LENGTH_MAX} characters long. If you're looking for a decent generator, try using a UUID defined by IETF RFC 4122.`,
        }),
      };
    }
    if (typeof idempotencyKey === 'string') {
      if (idempotencyInFlight.has(idempotencyKey)) {
        return {
          status: 409,
          body: errorBody({
            type: 'invalid_request_error',
            code: 'idempotency_key_in_use',
            message: `There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through): ${idempotencyKey}. Please try again later.`,
          }),
        };
      }
      const previous = idempotency.get(idempotencyKey);
      if (previous) {
        if (previous.fingerprint !== fingerprint) {
          return {
            status: 400,
            body: errorBody({
              type: 'idempotency_error',
              message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
            }),
          };
        }
        return { status: previous.status, body: previous.body, replayed: true };
      }
      idempotencyInFlight.add(idempotencyKey);
    }
    let status = 200;
    let body: string;
    let executed = true;
    try {
      body = JSON.stringify(
        await api(method, url.pathname, parseStripeForm(rawBody), url.searchParams),
        null,
        2,
      );
    } catch (error) {
      if (!(error instanceof ApiFailure)) throw error;
      status = error.status;
      body = errorBody(error.body);
      executed = !error.validation;
    } finally {
      if (typeof idempotencyKey === 'string') idempotencyInFlight.delete(idempotencyKey);
    }
    // Stripe keeps the first answer (errors too) once the endpoint started executing: not when the parameters
    // failed validation (the request may be corrected and retried with the same key), and not a 500.
    if (typeof idempotencyKey === 'string' && executed && status < 500) {
      idempotency.set(idempotencyKey, { fingerprint, status, body });
    }
    return { status, body };
  };

  const server = http.createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', baseUrl);
      const rawBody = await readBody(request);
      if (url.pathname.startsWith('/_simulator/')) {
        const result = control(request.method ?? 'GET', url.pathname, rawBody);
        return sendJson(response, result.status, JSON.stringify(result.body));
      }
      if (faults.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.latencyMs));
      if (url.pathname.startsWith('/v1/')) {
        if (timeoutsLeft > 0) {
          timeoutsLeft -= 1;
          // Never answer: the client's timeout decides. Closing the server ends the socket.
          if (timeoutAfterProcessing) await handleApi(request, url, rawBody);
          return;
        }
        if (failuresLeft > 0 || Math.random() < faults.failureRate) {
          failuresLeft = Math.max(0, failuresLeft - 1);
          return sendJson(
            response,
            failureStatus,
            errorBody({ type: 'api_error', message: 'An unknown error occurred (simulated).' }),
          );
        }
        const result = await handleApi(request, url, rawBody);
        return sendJson(
          response,
          result.status,
          result.body,
          result.replayed ? { 'idempotent-replayed': 'true' } : {},
        );
      }
      if (url.pathname === '/favicon.ico') {
        response.writeHead(204);
        return response.end();
      }
      const page = await hosted(
        request.method ?? 'GET',
        url,
        new URLSearchParams(rawBody),
        request.headers['accept-language'],
      );
      response.writeHead(page.status, {
        'content-type': page.type,
        ...(page.location ? { location: page.location } : {}),
        'cache-control': 'no-store',
      });
      response.end(page.body);
    })().catch((error: unknown) => {
      if (!response.headersSent) {
        sendJson(response, 500, errorBody({ type: 'api_error', message: String(error) }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://${host}:${port}`;

  return {
    baseUrl,
    port,
    faults,
    setWebhookUrl(url, enabled = ['*']) {
      webhookUrl = url;
      enabledEvents = new Set(enabled);
    },
    webhooksSettled() {
      return new Promise((resolve) => {
        settledWaiters.push(resolve);
        settle();
      });
    },
    deliveredEvents: () => [...delivered],
    succeededIntents: () =>
      [...intents.values()]
        .filter((intent) => intent.status === 'succeeded')
        .map((intent) => ({
          id: intent.id,
          amount: intent.amount,
          currency: intent.currency,
          metadata: intent.metadata,
        })),
    close: () =>
      new Promise<void>((resolve) => {
        webhookUrl = undefined;
        closed = true;
        for (const [timer, wake] of retryWaits) {
          clearTimeout(timer);
          wake();
        }
        retryWaits.clear();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
