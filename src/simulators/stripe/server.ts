import { createHash, createHmac, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import QRCode from 'qrcode';
import { systemClock, type Clock } from '../../kernel/clock.js';
import { cardBrand, cardOutcome, type CardOutcome } from './cards.js';
import { list, object, parseStripeForm, stringRecord, text, type FormObject } from './form.js';
import { cardForm, choicePage, messagePage, words } from './pages.js';

/**
 * A Stripe-compatible payment provider on loopback, speaking API v1 as the official `stripe` SDK sends it:
 * Customers, PaymentMethods, PaymentIntents (card, alipay, wechat_pay), SetupIntents, Refunds, Events, with
 * `Idempotency-Key`, Stripe's error objects, signed webhooks (`Stripe-Signature: t=…,v1=…`), hosted pages for
 * the customer, and fault switches. See README.md for what it leaves out.
 */

export interface StripeFaults {
  latencyMs: number;
  duplicateWebhooks: boolean;
  delayWebhooksMs: number;
  /** Deliver each batch of webhooks newest first. */
  reorderWebhooks: boolean;
  failNextRequests(count: number, status?: number): void;
  /** Hold the next requests without answering (the client's timeout fires first). */
  timeoutNextRequests(count: number): void;
  reset(): void;
}

export interface StripeSimulator {
  baseUrl: string;
  port: number;
  faults: StripeFaults;
  setWebhookUrl(url: string | undefined): void;
  /** Waits until every queued webhook has been delivered or given up on. */
  webhooksSettled(): Promise<void>;
  /** Events delivered so far (with duplicates), oldest first. */
  deliveredEvents(): { id: string; type: string; status: number }[];
  close(): Promise<void>;
}

export interface StripeSimulatorOptions {
  host?: string;
  port?: number;
  secretKey: string;
  webhookSecret: string;
  webhookUrl?: string;
  clock?: Clock;
}

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

interface PaymentMethod extends Json {
  id: string;
  object: 'payment_method';
  type: string;
  card: Json | null;
  customer: string | null;
  created: number;
  livemode: false;
}

class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: Json,
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
const missing = (kind: string, id: string) =>
  new ApiFailure(404, {
    type: 'invalid_request_error',
    code: 'resource_missing',
    message: `No such ${kind}: '${id}'`,
    param: 'id',
  });

const WEBHOOK_ATTEMPTS_MAX = 5;
const CURRENCIES = new Set(['usd', 'cny', 'eur', 'gbp', 'hkd', 'cad']);

export async function startStripeSimulator(options: StripeSimulatorOptions): Promise<StripeSimulator> {
  const clock = options.clock ?? systemClock;
  const host = options.host ?? '127.0.0.1';
  let webhookUrl = options.webhookUrl;
  const unix = () => Math.floor(clock.now().getTime() / 1000);
  const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`;

  const customers = new Map<string, Json>();
  const paymentMethods = new Map<string, PaymentMethod>();
  const cardNumbers = new Map<string, string>();
  const intents = new Map<string, PaymentIntent>();
  const refundedByIntent = new Map<string, number>();
  const setupIntents = new Map<string, Json>();
  const refunds = new Map<string, Json>();
  const events = new Map<string, Json>();
  const idempotency = new Map<string, { fingerprint: string; status: number; body: string }>();
  const delivered: { id: string; type: string; status: number }[] = [];
  let outbox: Json[] = [];
  let pendingDeliveries = 0;
  let settledWaiters: (() => void)[] = [];
  let failuresLeft = 0;
  let failureStatus = 500;
  let timeoutsLeft = 0;

  const faults: StripeFaults = {
    latencyMs: 0,
    duplicateWebhooks: false,
    delayWebhooksMs: 0,
    reorderWebhooks: false,
    failNextRequests(count, status = 500) {
      failuresLeft = count;
      failureStatus = status;
    },
    timeoutNextRequests(count) {
      timeoutsLeft = count;
    },
    reset() {
      this.latencyMs = 0;
      this.duplicateWebhooks = false;
      this.delayWebhooksMs = 0;
      this.reorderWebhooks = false;
      failuresLeft = 0;
      timeoutsLeft = 0;
    },
  };

  // ---- webhooks -------------------------------------------------------------------------------------------

  const emit = (type: string, snapshot: Json) => {
    const event = {
      id: id('evt'),
      object: 'event',
      api_version: '2026-10-28.endive',
      created: unix(),
      type,
      data: { object: structuredClone(snapshot) },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
    };
    events.set(event.id, event);
    outbox.push(event);
    queueMicrotask(flush);
  };

  const sign = (payload: string) => {
    const timestamp = unix();
    const signature = createHmac('sha256', options.webhookSecret)
      .update(`${timestamp}.${payload}`)
      .digest('hex');
    return `t=${timestamp},v1=${signature}`;
  };

  const deliver = async (event: Json, attempt = 1): Promise<void> => {
    if (!webhookUrl) return;
    const payload = JSON.stringify(event, null, 2);
    let status = 0;
    try {
      const response = await fetch(webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': sign(payload) },
        body: payload,
        signal: AbortSignal.timeout(10_000),
      });
      status = response.status;
      await response.arrayBuffer();
    } catch {
      status = 0;
    }
    delivered.push({ id: String(event.id), type: String(event.type), status });
    if ((status < 200 || status >= 300) && attempt < WEBHOOK_ATTEMPTS_MAX) {
      await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
      await deliver(event, attempt + 1);
    }
  };

  const flush = () => {
    if (outbox.length === 0) return;
    const batch = faults.reorderWebhooks ? [...outbox].reverse() : outbox;
    outbox = [];
    pendingDeliveries += 1;
    void (async () => {
      if (faults.delayWebhooksMs > 0)
        await new Promise((resolve) => setTimeout(resolve, faults.delayWebhooksMs));
      for (const event of batch) {
        await deliver(event);
        if (faults.duplicateWebhooks) await deliver(event);
      }
    })().finally(() => {
      pendingDeliveries -= 1;
      if (pendingDeliveries === 0 && outbox.length === 0) {
        const waiters = settledWaiters;
        settledWaiters = [];
        for (const resolve of waiters) resolve();
      }
    });
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

  const createCardMethod = (number: string, expiry: string, wallet: boolean): PaymentMethod => {
    const [month, year] = expiry.split('/').map((part) => Number(part.trim()));
    const method: PaymentMethod = {
      id: id('pm'),
      object: 'payment_method',
      type: 'card',
      card: {
        brand: cardBrand(number),
        last4: number.slice(-4),
        exp_month: month && month >= 1 && month <= 12 ? month : 12,
        exp_year: year ? (year < 100 ? 2000 + year : year) : 2034,
        country: 'US',
        funding: 'credit',
        wallet: wallet ? { type: 'apple_pay', apple_pay: {} } : null,
      },
      customer: null,
      created: unix(),
      livemode: false,
    };
    paymentMethods.set(method.id, method);
    cardNumbers.set(method.id, number);
    return method;
  };

  const intentView = (intent: PaymentIntent, expand: string[]): Json => ({
    ...intent,
    payment_method:
      expand.includes('payment_method') && intent.payment_method
        ? (paymentMethods.get(intent.payment_method) ?? intent.payment_method)
        : intent.payment_method,
  });

  const setStatus = (intent: PaymentIntent, status: string, eventType?: string) => {
    intent.status = status;
    if (status === 'succeeded') {
      intent.amount_received = intent.amount;
      intent.latest_charge ??= id('ch');
      intent.next_action = null;
      intent.last_payment_error = null;
    }
    if (eventType) emit(eventType, intentView(intent, []));
  };

  const failIntent = (intent: PaymentIntent, outcome: Extract<CardOutcome, { kind: 'decline' }> | Json) => {
    const error =
      'kind' in outcome
        ? {
            type: 'card_error',
            code: outcome.code,
            decline_code: outcome.declineCode,
            message: outcome.message,
            payment_method: intent.payment_method ? paymentMethods.get(intent.payment_method) : undefined,
          }
        : outcome;
    intent.last_payment_error = error;
    intent.next_action = null;
    setStatus(intent, 'requires_payment_method', 'payment_intent.payment_failed');
    return error;
  };

  /** Confirms a card intent with its payment method; returns the card error when declined. */
  const confirmCard = (intent: PaymentIntent, returnUrl: string | undefined): Json | undefined => {
    const number = intent.payment_method ? cardNumbers.get(intent.payment_method) : undefined;
    if (!number)
      throw invalid('You must provide a payment method to confirm this PaymentIntent.', 'payment_method');
    const outcome = cardOutcome(number);
    if (outcome.kind === 'decline') return failIntent(intent, outcome);
    if (outcome.kind === 'three_d_secure') {
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
    setStatus(intent, 'succeeded', 'payment_intent.succeeded');
    return undefined;
  };

  const returnUrls = new Map<string, string>();

  const createIntent = async (form: FormObject): Promise<Json> => {
    const amount = Number(text(form, 'amount'));
    const currency = text(form, 'currency')?.toLowerCase() ?? '';
    if (!Number.isSafeInteger(amount) || amount < 1) throw invalid('Invalid positive integer', 'amount');
    if (!CURRENCIES.has(currency)) throw invalid(`Invalid currency: ${currency}.`, 'currency');
    const methodData = object(form, 'payment_method_data');
    // API 2026-10-28 names it allowed_payment_method_types; older versions payment_method_types.
    const types = list(form, 'allowed_payment_method_types').length
      ? list(form, 'allowed_payment_method_types')
      : list(form, 'payment_method_types');
    const type = text(methodData, 'type') ?? types[0] ?? 'card';
    if (!['card', 'alipay', 'wechat_pay'].includes(type)) {
      throw invalid(`The payment method type "${type}" is invalid.`, 'payment_method_types');
    }
    if (
      (type === 'alipay' || type === 'wechat_pay') &&
      !['cny', 'usd', 'hkd', 'eur', 'gbp'].includes(currency)
    ) {
      throw invalid(`${type} does not support ${currency}.`, 'currency');
    }
    const customer = text(form, 'customer') ?? null;
    if (customer) customerOf(customer);
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
      payment_method: text(form, 'payment_method') ?? null,
      customer,
      metadata: stringRecord(form, 'metadata'),
      description: text(form, 'description') ?? null,
      next_action: null,
      last_payment_error: null,
      latest_charge: null,
      cancellation_reason: null,
      created: unix(),
      livemode: false,
    };
    intents.set(intent.id, intent);
    const returnUrl = text(form, 'return_url');
    if (returnUrl) returnUrls.set(intent.id, returnUrl);
    emit('payment_intent.created', intentView(intent, []));
    if (text(form, 'confirm') !== 'true') return intentView(intent, list(form, 'expand'));
    return confirmIntent(intent, form);
  };

  const confirmIntent = async (intent: PaymentIntent, form: FormObject): Promise<Json> => {
    if (!['requires_payment_method', 'requires_confirmation'].includes(intent.status)) {
      throw invalid(
        `This PaymentIntent's status is ${intent.status}, so it cannot be confirmed.`,
        undefined,
        'payment_intent_unexpected_state',
      );
    }
    const returnUrl = text(form, 'return_url') ?? returnUrls.get(intent.id);
    if (returnUrl) returnUrls.set(intent.id, returnUrl);
    const type = text(object(form, 'payment_method_data'), 'type') ?? intent.payment_method_types[0];
    if (type === 'alipay') {
      if (!returnUrl) throw invalid('A return_url is required for alipay.', 'return_url');
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
      return intentView(intent, list(form, 'expand'));
    }
    if (type === 'wechat_pay') {
      const data = `weixin://wxpay/bizpayurl?pr=${intent.id.slice(3)}`;
      intent.next_action = {
        type: 'wechat_pay_display_qr_code',
        wechat_pay_display_qr_code: {
          data,
          hosted_instructions_url: `${baseUrl}/wechat/${intent.id}?client_secret=${intent.client_secret}`,
          image_data_url: await QRCode.toDataURL(data),
          image_url_png: `${baseUrl}/qr/${intent.id}.png`,
          image_url_svg: `${baseUrl}/qr/${intent.id}.svg`,
          expires_at: unix() + 2 * 3600,
        },
      };
      setStatus(intent, 'requires_action', 'payment_intent.requires_action');
      return intentView(intent, list(form, 'expand'));
    }
    const method = text(form, 'payment_method');
    if (method) {
      if (!paymentMethods.has(method)) throw missing('payment_method', method);
      intent.payment_method = method;
    }
    const error = confirmCard(intent, returnUrl);
    if (error) {
      throw new ApiFailure(402, { ...error, payment_intent: intentView(intent, []) });
    }
    return intentView(intent, list(form, 'expand'));
  };

  const createRefund = (form: FormObject): Json => {
    const intentId = text(form, 'payment_intent');
    if (!intentId) throw invalid('Missing required param: payment_intent.', 'payment_intent');
    const intent = intentOf(intentId);
    if (intent.status !== 'succeeded') {
      throw invalid(
        `This PaymentIntent (${intent.id}) does not have a successful charge to refund.`,
        'payment_intent',
        'charge_not_refundable',
      );
    }
    const already = refundedByIntent.get(intent.id) ?? 0;
    const amount =
      text(form, 'amount') === undefined ? intent.amount - already : Number(text(form, 'amount'));
    if (already >= intent.amount) {
      throw invalid(
        `Charge ${intent.latest_charge} has already been refunded.`,
        undefined,
        'charge_already_refunded',
      );
    }
    if (!Number.isSafeInteger(amount) || amount < 1 || amount > intent.amount - already) {
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
    emit('charge.refunded', {
      id: intent.latest_charge,
      object: 'charge',
      amount: intent.amount,
      amount_refunded: already + amount,
      currency: intent.currency,
      payment_intent: intent.id,
      refunded: already + amount === intent.amount,
      refunds: { object: 'list', data: [refund], has_more: false },
    });
    return refund;
  };

  const createSetupIntent = (form: FormObject): Json => {
    const customer = text(form, 'customer');
    if (customer) customerOf(customer);
    const setupId = id('seti');
    const setup = {
      id: setupId,
      object: 'setup_intent',
      client_secret: `${setupId}_secret_${randomBytes(12).toString('hex')}`,
      customer: customer ?? null,
      payment_method: null as string | null,
      payment_method_types: list(form, 'payment_method_types').length
        ? list(form, 'payment_method_types')
        : ['card'],
      status: 'requires_payment_method',
      usage: text(form, 'usage') ?? 'off_session',
      next_action: null,
      last_setup_error: null,
      created: unix(),
      livemode: false,
    };
    setupIntents.set(setup.id, setup);
    const returnUrl = text(form, 'return_url');
    if (returnUrl) returnUrls.set(setup.id, returnUrl);
    return setup;
  };

  // ---- API routing -----------------------------------------------------------------------------------------

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
        created: unix(),
        livemode: false,
      };
      customers.set(customer.id, customer);
      return customer;
    }
    if (resource === 'customers' && method === 'GET' && resourceId && !action) return customerOf(resourceId);
    if (resource === 'customers' && method === 'GET' && resourceId && action === 'payment_methods') {
      customerOf(resourceId);
      const data = [...paymentMethods.values()].filter((pm) => pm.customer === resourceId);
      return { object: 'list', data, has_more: false, url: path };
    }
    if (resource === 'payment_methods' && method === 'GET' && !resourceId) {
      const customer = query.get('customer');
      const data = [...paymentMethods.values()].filter(
        (pm) =>
          pm.customer !== null && pm.customer === customer && pm.type === (query.get('type') ?? pm.type),
      );
      return { object: 'list', data, has_more: false, url: path };
    }
    if (resource === 'payment_methods' && resourceId) {
      const pm = paymentMethods.get(resourceId);
      if (!pm) throw missing('payment_method', resourceId);
      if (method === 'GET' && !action) return pm;
      if (method === 'POST' && action === 'detach') {
        pm.customer = null;
        return pm;
      }
    }
    if (resource === 'payment_intents' && method === 'POST' && !resourceId) return createIntent(form);
    if (resource === 'payment_intents' && resourceId) {
      const intent = intentOf(resourceId);
      if (method === 'GET' && !action) return intentView(intent, expand);
      if (method === 'POST' && action === 'confirm') return confirmIntent(intent, form);
      if (method === 'POST' && action === 'cancel') {
        if (intent.status === 'succeeded' || intent.status === 'canceled' || intent.status === 'processing') {
          throw invalid(
            `You cannot cancel this PaymentIntent because it has a status of ${intent.status}.`,
            undefined,
            'payment_intent_unexpected_state',
          );
        }
        intent.cancellation_reason = text(form, 'cancellation_reason') ?? 'requested_by_customer';
        intent.next_action = null;
        setStatus(intent, 'canceled', 'payment_intent.canceled');
        return intentView(intent, expand);
      }
    }
    if (resource === 'setup_intents' && method === 'POST' && !resourceId) return createSetupIntent(form);
    if (resource === 'setup_intents' && method === 'GET' && resourceId) {
      const setup = setupIntents.get(resourceId);
      if (!setup) throw missing('setup_intent', resourceId);
      return {
        ...setup,
        payment_method:
          expand.includes('payment_method') && setup.payment_method
            ? paymentMethods.get(setup.payment_method as string)
            : setup.payment_method,
      };
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
      const limit = Math.min(100, Number(query.get('limit') ?? 10));
      return {
        object: 'list',
        data: [...events.values()].reverse().slice(0, limit),
        has_more: events.size > limit,
        url: path,
      };
    }
    throw new ApiFailure(404, {
      type: 'invalid_request_error',
      message: `Unrecognized request URL (${method}: ${path}).`,
    });
  };

  // ---- hosted pages ------------------------------------------------------------------------------------------

  const amountText = (intent: { amount: number; currency: string }) =>
    new Intl.NumberFormat('en', { style: 'currency', currency: intent.currency.toUpperCase() }).format(
      intent.amount / 100,
    );

  const finishRedirect = (intent: PaymentIntent) => {
    const target = returnUrls.get(intent.id);
    if (!target) return undefined;
    const url = new URL(target);
    url.searchParams.set('payment_intent', intent.id);
    url.searchParams.set('payment_intent_client_secret', intent.client_secret);
    url.searchParams.set('redirect_status', intent.status === 'succeeded' ? 'succeeded' : 'failed');
    return url.toString();
  };

  const hosted = async (
    method: string,
    url: URL,
    form: URLSearchParams,
  ): Promise<{ status: number; type: string; body: string | Buffer; location?: string }> => {
    const [kind, rawId] = url.pathname.split('/').filter(Boolean);
    const locale = url.searchParams.get('locale') ?? form.get('locale');
    const w = words(locale);
    const html = (body: string, status = 200) => ({ status, type: 'text/html; charset=utf-8', body });
    const redirectOrMessage = (intent: PaymentIntent) => {
      const location = finishRedirect(intent);
      if (location) return { status: 303, type: 'text/plain', body: '', location };
      return html(messagePage(locale, intent.status === 'succeeded' ? w.done : w.failed));
    };
    if (kind === 'qr' && rawId) {
      const [intentId, extension] = rawId.split('.');
      const intent = intents.get(intentId ?? '');
      const data = (intent?.next_action?.wechat_pay_display_qr_code as { data?: string } | undefined)?.data;
      if (!intent || !data) return html(messagePage(locale, w.notFound), 404);
      if (extension === 'svg')
        return { status: 200, type: 'image/svg+xml', body: await QRCode.toString(data, { type: 'svg' }) };
      return {
        status: 200,
        type: 'image/png',
        body: await QRCode.toBuffer(data, { type: 'png', margin: 1, width: 240 }),
      };
    }
    if (kind === 'setup' && rawId) {
      const setup = setupIntents.get(rawId);
      if (!setup || setup.status !== 'requires_payment_method')
        return html(messagePage(locale, w.notFound), 404);
      const fields = { locale: locale ?? 'en' };
      const setupReturn = url.searchParams.get('return_url') ?? form.get('return_url');
      if (setupReturn && /^https?:\/\//.test(setupReturn)) returnUrls.set(rawId, setupReturn);
      if (method === 'GET') {
        return html(
          cardForm({
            locale,
            action: `/setup/${rawId}`,
            amountText: '—',
            fields,
            submitLabel: w.saveCard,
            offerApplePay: false,
          }),
        );
      }
      const number = (form.get('number') ?? '').replace(/\s+/g, '');
      const outcome = cardOutcome(number);
      if (outcome.kind === 'decline') {
        setup.last_setup_error = {
          type: 'card_error',
          code: outcome.code,
          decline_code: outcome.declineCode,
          message: outcome.message,
        };
        return html(messagePage(locale, `${w.failed} ${outcome.message}`), 402);
      }
      const pm = createCardMethod(number, form.get('expiry') ?? '12/34', false);
      pm.customer = (setup.customer as string | null) ?? null;
      setup.payment_method = pm.id;
      setup.status = 'succeeded';
      emit('setup_intent.succeeded', setup);
      const target = returnUrls.get(rawId);
      if (target) {
        const back = new URL(target);
        back.searchParams.set('setup_intent', rawId);
        back.searchParams.set('redirect_status', 'succeeded');
        return { status: 303, type: 'text/plain', body: '', location: back.toString() };
      }
      return html(messagePage(locale, w.done));
    }
    const intent = rawId ? intents.get(rawId) : undefined;
    const secret = url.searchParams.get('client_secret') ?? form.get('client_secret');
    if (!intent || secret !== intent.client_secret) return html(messagePage(locale, w.notFound), 404);
    const fields = { client_secret: intent.client_secret, locale: locale ?? 'en' };
    // Stripe.js knows the page's return URL; the hosted card page takes it as a parameter.
    const returnParam = url.searchParams.get('return_url') ?? form.get('return_url');
    if (kind === 'pay' && returnParam && /^https?:\/\//.test(returnParam))
      returnUrls.set(intent.id, returnParam);
    if (kind === 'pay') {
      if (!['requires_payment_method', 'requires_confirmation'].includes(intent.status))
        return redirectOrMessage(intent);
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
      const number = wallet ? '4242424242424242' : (form.get('number') ?? '').replace(/\s+/g, '');
      const pm = createCardMethod(number, wallet ? '12/34' : (form.get('expiry') ?? ''), wallet);
      intent.payment_method = pm.id;
      confirmCard(intent, returnUrls.get(intent.id));
      const next = intent.next_action?.redirect_to_url as { url?: string } | undefined;
      if (intent.status === 'requires_action' && next?.url) {
        return {
          status: 303,
          type: 'text/plain',
          body: '',
          location: `${next.url}&locale=${encodeURIComponent(locale ?? 'en')}`,
        };
      }
      return redirectOrMessage(intent);
    }
    if (kind === '3ds' || kind === 'alipay' || kind === 'wechat') {
      if (intent.status !== 'requires_action') return redirectOrMessage(intent);
      if (method === 'GET') {
        const heading = kind === '3ds' ? w.threeDs : kind === 'alipay' ? w.alipay : w.wechat;
        const extra =
          kind === 'wechat' ? `<img alt="QR" width="200" height="200" src="/qr/${intent.id}.png">` : '';
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
      if (form.get('decision') === 'approve') {
        setStatus(intent, 'succeeded', 'payment_intent.succeeded');
      } else if (kind === '3ds') {
        failIntent(intent, {
          type: 'invalid_request_error',
          code: 'payment_intent_authentication_failure',
          message: 'The provided PaymentMethod has failed authentication.',
        });
      } else {
        failIntent(intent, {
          type: 'invalid_request_error',
          code: 'payment_method_provider_decline',
          message: `The payment was declined by ${kind === 'alipay' ? 'Alipay' : 'WeChat Pay'}.`,
        });
      }
      return redirectOrMessage(intent);
    }
    return html(messagePage(locale, w.notFound), 404);
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

  const sendJson = (response: http.ServerResponse, status: number, body: string) => {
    response.writeHead(status, { 'content-type': 'application/json', 'request-id': id('req') });
    response.end(body);
  };

  const handleApi = async (request: http.IncomingMessage, url: URL, rawBody: string) => {
    const auth = request.headers.authorization ?? '';
    const key = /^Bearer (.+)$/.exec(auth)?.[1];
    if (key !== options.secretKey) {
      const shown = key
        ? `${key.slice(0, 8)}${'*'.repeat(Math.max(0, key.length - 12))}${key.slice(-4)}`
        : '';
      return {
        status: 401,
        body: JSON.stringify({
          error: {
            type: 'invalid_request_error',
            message: key ? `Invalid API Key provided: ${shown}` : 'You did not provide an API key.',
          },
        }),
      };
    }
    const method = request.method ?? 'GET';
    const idempotencyKey = method === 'POST' ? request.headers['idempotency-key'] : undefined;
    const fingerprint = createHash('sha256').update(`${method} ${url.pathname} ${rawBody}`).digest('hex');
    if (typeof idempotencyKey === 'string') {
      const previous = idempotency.get(idempotencyKey);
      if (previous) {
        if (previous.fingerprint !== fingerprint) {
          return {
            status: 400,
            body: JSON.stringify({
              error: {
                type: 'idempotency_error',
                message:
                  'Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than ' +
                  `'${idempotencyKey}' if you meant to execute a different request.`,
              },
            }),
            replayed: false,
          };
        }
        return { status: previous.status, body: previous.body, replayed: true };
      }
    }
    let status = 200;
    let body: string;
    try {
      body = JSON.stringify(await api(method, url.pathname, parseStripeForm(rawBody), url.searchParams));
    } catch (error) {
      if (!(error instanceof ApiFailure)) throw error;
      status = error.status;
      body = JSON.stringify({ error: error.body });
    }
    if (typeof idempotencyKey === 'string' && status !== 500)
      idempotency.set(idempotencyKey, { fingerprint, status, body });
    return { status, body };
  };

  const server = http.createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', baseUrl);
      const rawBody = await readBody(request);
      if (faults.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.latencyMs));
      if (url.pathname.startsWith('/v1/')) {
        if (timeoutsLeft > 0) {
          timeoutsLeft -= 1;
          // Never answer: the client's timeout decides. Closing the server ends the socket.
          return;
        }
        if (failuresLeft > 0) {
          failuresLeft -= 1;
          return sendJson(
            response,
            failureStatus,
            JSON.stringify({
              error: { type: 'api_error', message: 'An unknown error occurred (simulated).' },
            }),
          );
        }
        const result = await handleApi(request, url, rawBody);
        response.setHeader('stripe-version', '2026-10-28.endive');
        if ('replayed' in result && result.replayed) response.setHeader('idempotent-replayed', 'true');
        return sendJson(response, result.status, result.body);
      }
      if (url.pathname === '/favicon.ico') {
        response.writeHead(204);
        return response.end();
      }
      const page = await hosted(request.method ?? 'GET', url, new URLSearchParams(rawBody));
      response.writeHead(page.status, {
        'content-type': page.type,
        ...(page.location ? { location: page.location } : {}),
        'cache-control': 'no-store',
      });
      response.end(page.body);
    })().catch((error: unknown) => {
      if (!response.headersSent) {
        sendJson(response, 500, JSON.stringify({ error: { type: 'api_error', message: String(error) } }));
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
    setWebhookUrl(url) {
      webhookUrl = url;
    },
    webhooksSettled() {
      if (pendingDeliveries === 0 && outbox.length === 0) return Promise.resolve();
      return new Promise((resolve) => settledWaiters.push(resolve));
    },
    deliveredEvents: () => [...delivered],
    close: () =>
      new Promise<void>((resolve) => {
        webhookUrl = undefined;
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
