import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32 } from 'node:zlib';
import { systemClock, type Clock } from '../../kernel/clock.js';
import { approvalPage, messagePage, pageLocale, words } from './pages.js';

/**
 * A PayPal REST simulator on loopback: OAuth 2.0 client credentials, Orders v2 (create, show, capture),
 * Payments v2 (captures, refunds), webhook signature verification and webhook events, with `PayPal-Request-Id`
 * idempotency, PayPal's error objects, a hosted approval page, signed webhooks, fault switches and a small
 * control API under `/_simulator/`. Webhook signatures are HMACs (PayPal signs with RSA certificates); only
 * this simulator's verify-webhook-signature call can check them, which is also how a PayPal client checks them.
 */

export interface PayPalFaults {
  /** Added before every answer (API and approval page). */
  latencyMs: number;
  /** Send every webhook twice (same event id, new transmission). */
  duplicateWebhooks: boolean;
  /** Hold webhooks this long; everything emitted meanwhile goes out as one batch. */
  delayWebhooksMs: number;
  /** Deliver each batch of webhooks newest first. */
  reorderWebhooks: boolean;
  /** Share (0–1) of API requests answered with a 500 at random. */
  failureRate: number;
  /** Share (0–1) of webhook events never sent. */
  dropWebhookRate: number;
  /** Answer the next `count` API requests (token requests included) with `status` (500 by default). */
  failNextRequests(count: number, status?: number): void;
  /**
   * Hold the next API requests without answering (the client's timeout fires first). With `afterProcessing`
   * the request is carried out first (and its `PayPal-Request-Id` answer kept): PayPal slow rather than down.
   */
  timeoutNextRequests(count: number, options?: { afterProcessing?: boolean }): void;
  /**
   * The next `count` captures fail: `DECLINED` (default) completes the order with a `DECLINED` capture and sends
   * `PAYMENT.CAPTURE.DENIED`; `INSTRUMENT_DECLINED` answers 422 and sends the payer back to approve again.
   */
  denyNextCapture(count?: number, mode?: 'DECLINED' | 'INSTRUMENT_DECLINED'): void;
  reset(): void;
}

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

type Json = Record<string, unknown>;
type Prefer = 'minimal' | 'representation';

interface Payer {
  payerId: string;
  email: string;
  givenName: string;
  surname: string;
}

interface Order {
  id: string;
  status: 'CREATED' | 'PAYER_ACTION_REQUIRED' | 'APPROVED' | 'COMPLETED';
  /** Created with `payment_source.paypal` (→ PAYER_ACTION_REQUIRED, `payer-action`) or without (→ CREATED, `approve`). */
  withPaymentSource: boolean;
  referenceId: string;
  customId: string | undefined;
  invoiceId: string | undefined;
  description: string | undefined;
  currency: string;
  amountMinor: number;
  returnUrl: string | undefined;
  cancelUrl: string | undefined;
  locale: string | undefined;
  userAction: string;
  brandName: string | undefined;
  prefillEmail: string | undefined;
  payer: Payer | undefined;
  captureIds: string[];
  createTime: string;
  updateTime: string;
}

interface Capture {
  id: string;
  orderId: string;
  status: 'COMPLETED' | 'DECLINED' | 'PARTIALLY_REFUNDED' | 'REFUNDED';
  amountMinor: number;
  feeMinor: number;
  currency: string;
  invoiceId: string | undefined;
  customId: string | undefined;
  refundIds: string[];
  createTime: string;
  updateTime: string;
}

interface Refund {
  id: string;
  captureId: string;
  amountMinor: number;
  currency: string;
  invoiceId: string | undefined;
  customId: string | undefined;
  noteToPayer: string | undefined;
  createTime: string;
}

interface Detail {
  field?: string;
  value?: string;
  location?: string;
  issue: string;
  description: string;
}

/** An answer the API gives, rendered per the caller's `Prefer` (a replayed `PayPal-Request-Id` renders anew). */
interface Reply {
  status: number;
  view(prefer: Prefer): Json;
}

class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: Json,
  ) {
    super(String(body.message));
  }
}

/** PayPal's currencies (decimals as PayPal takes them: HUF, JPY and TWD have none). CNY is in-country only. */
const CURRENCY_DECIMALS: Record<string, number> = {
  AUD: 2,
  BRL: 2,
  CAD: 2,
  CHF: 2,
  CZK: 2,
  DKK: 2,
  EUR: 2,
  GBP: 2,
  HKD: 2,
  HUF: 0,
  ILS: 2,
  JPY: 0,
  MXN: 2,
  MYR: 2,
  NOK: 2,
  NZD: 2,
  PHP: 2,
  PLN: 2,
  SEK: 2,
  SGD: 2,
  THB: 2,
  TWD: 0,
  USD: 2,
};

const STATUS_NAMES: Record<number, [string, string]> = {
  400: ['INVALID_REQUEST', 'Request is not well-formed, syntactically incorrect, or violates schema.'],
  401: [
    'AUTHENTICATION_FAILURE',
    'Authentication failed due to invalid authentication credentials or a missing Authorization header.',
  ],
  403: ['NOT_AUTHORIZED', 'Authorization failed due to insufficient permissions.'],
  404: ['RESOURCE_NOT_FOUND', 'The specified resource does not exist.'],
  422: [
    'UNPROCESSABLE_ENTITY',
    'The requested action could not be performed, semantically incorrect, or failed business validation.',
  ],
  429: ['RATE_LIMIT_REACHED', 'Too many requests. Blocked due to rate limiting.'],
  500: ['INTERNAL_SERVER_ERROR', 'An internal server error has occurred.'],
  503: ['SERVICE_UNAVAILABLE', 'Service Unavailable.'],
};

const AUTH_ALGO = 'SHA256withRSA';
const CERT_NAME = 'CERT-360caa42-fca2a594-simulator';
const WEBHOOK_ATTEMPTS_MAX = 5;
const APP_ID = 'APP-80W284485P519543T';
const SCOPE =
  'https://uri.paypal.com/services/payments/payment https://uri.paypal.com/services/payments/refund https://uri.paypal.com/services/applications/webhooks openid';
const DEFAULT_PAYER_EMAIL = 'buyer@example.com';
const FIELD = "/purchase_units/@reference_id=='default'";
/** Order, capture and refund ids (`^[A-Z0-9]+$` in Orders v2 / Payments v2; 17 characters in PayPal's examples). */
const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** Payer and merchant ids: the specs' `account_id`, `^[2-9A-HJ-NP-Z]{13}$` (no 0, 1, I or O). */
const ACCOUNT_ID_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
/** A webhook's id (notifications_webhooks_v1: `webhook_id`, `^[a-zA-Z0-9]+$`, at most 50 characters). */
const PAYPAL_WEBHOOK_ID_PATTERN = /^[a-zA-Z0-9]{1,50}$/;
const MAX_VALUE_MINOR = 99_999_999_999_999;

export async function startPayPalSimulator(options: PayPalSimulatorOptions): Promise<PayPalSimulator> {
  const clock = options.clock ?? systemClock;
  const host = options.host ?? '127.0.0.1';
  const tokenTtl = options.tokenTtlSeconds ?? 32_400;
  if (!PAYPAL_WEBHOOK_ID_PATTERN.test(options.webhookId)) {
    throw new Error(
      `webhookId ${JSON.stringify(options.webhookId)} is not a PayPal webhook id (^[a-zA-Z0-9]+$, ≤ 50)`,
    );
  }
  /** Key of the webhook signatures; only this simulator knows it (PayPal's private key, in effect). */
  const signingSecret = randomBytes(32);
  let webhookUrl = options.webhookUrl;

  const now = () =>
    clock
      .now()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
  const paypalId = (length = 17) =>
    Array.from(randomBytes(length), (byte) => ALPHANUMERIC[byte % 36]!).join('');
  const debugId = () => randomBytes(7).toString('hex').slice(0, 13);
  const accountId = () =>
    Array.from(randomBytes(13), (byte) => ACCOUNT_ID_ALPHABET[byte % ACCOUNT_ID_ALPHABET.length]!).join('');
  /** This simulated merchant's PayPal account (`payee.merchant_id`). */
  const merchantId = accountId();
  const later = (ms: number, work: () => void) => setTimeout(work, ms).unref();

  const tokens = new Map<string, number>();
  const orders = new Map<string, Order>();
  const captures = new Map<string, Capture>();
  const refunds = new Map<string, Refund>();
  const events = new Map<string, Json>();
  const idempotency = new Map<string, Reply>();
  const delivered: { id: string; type: string; transmissionId: string; status: number }[] = [];
  let tokenRequestCount = 0;
  let outbox: Json[] = [];
  let flushScheduled = false;
  let pendingDeliveries = 0;
  let settledWaiters: (() => void)[] = [];
  let failuresLeft = 0;
  let failureStatus = 500;
  let timeoutsLeft = 0;
  let timeoutAfterProcessing = false;
  let denialsLeft = 0;
  let denialMode: 'DECLINED' | 'INSTRUMENT_DECLINED' = 'DECLINED';

  const faults: PayPalFaults = {
    latencyMs: 0,
    duplicateWebhooks: false,
    delayWebhooksMs: 0,
    reorderWebhooks: false,
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
    denyNextCapture(count = 1, mode = 'DECLINED') {
      denialsLeft = count;
      denialMode = mode;
    },
    reset() {
      this.latencyMs = 0;
      this.duplicateWebhooks = false;
      this.delayWebhooksMs = 0;
      this.reorderWebhooks = false;
      this.failureRate = 0;
      this.dropWebhookRate = 0;
      failuresLeft = 0;
      failureStatus = 500;
      timeoutsLeft = 0;
      timeoutAfterProcessing = false;
      denialsLeft = 0;
      denialMode = 'DECLINED';
    },
  };

  // ---- errors -----------------------------------------------------------------------------------------------

  const errorBody = (status: number, details: Detail[] = [], api: 'orders' | 'payments' = 'orders'): Json => {
    const [name, message] = STATUS_NAMES[status] ?? ['UNKNOWN_ERROR', 'An unknown error occurred.'];
    const anchor = details[0]?.issue ?? name;
    return {
      name,
      message,
      debug_id: debugId(),
      ...(details.length ? { details } : {}),
      links: [
        {
          href: `https://developer.paypal.com/docs/api/${api}/v2/#error-${anchor}`,
          rel: 'information_link',
          method: 'GET',
        },
      ],
    };
  };
  const fail = (status: number, details: Detail[], api: 'orders' | 'payments' = 'orders') =>
    new ApiFailure(status, errorBody(status, details, api));
  const missing = (field: string) =>
    fail(400, [
      {
        field,
        location: 'body',
        issue: 'MISSING_REQUIRED_PARAMETER',
        description: 'A required field is missing.',
      },
    ]);
  const notFound = (api: 'orders' | 'payments' = 'orders') =>
    fail(
      404,
      [
        {
          issue: 'INVALID_RESOURCE_ID',
          description: 'Specified resource ID does not exist. Please check the resource ID and try again.',
        },
      ],
      api,
    );

  // ---- amounts ------------------------------------------------------------------------------------------------

  const formatValue = (minor: number, currency: string): string => {
    const decimals = CURRENCY_DECIMALS[currency] ?? 2;
    if (decimals === 0) return String(minor);
    const scale = 10 ** decimals;
    return `${Math.floor(minor / scale)}.${String(minor % scale).padStart(decimals, '0')}`;
  };
  const money = (minor: number, currency: string) => ({
    currency_code: currency,
    value: formatValue(minor, currency),
  });

  /** Validates `{currency_code, value}` as PayPal does; returns the amount in the currency's minor unit. */
  const parseAmount = (
    amount: unknown,
    field: string,
    api: 'orders' | 'payments',
  ): { currency: string; minor: number } => {
    if (!amount || typeof amount !== 'object') throw missing(field);
    const { currency_code: currency, value } = amount as Json;
    if (typeof currency !== 'string' || currency === '') throw missing(`${field}/currency_code`);
    if (typeof value !== 'string' || value === '') throw missing(`${field}/value`);
    const detail = (issue: string, description: string, at = 'value'): Detail => ({
      field: `${field}/${at}`,
      value: at === 'value' ? value : currency,
      location: 'body',
      issue,
      description,
    });
    if (!/^[A-Z]{3}$/.test(currency) || !Intl.supportedValuesOf('currency').includes(currency)) {
      throw fail(
        422,
        [
          detail(
            'INVALID_CURRENCY_CODE',
            'Currency code is invalid or is not currently supported. Please refer https://developer.paypal.com/api/rest/reference/currency-codes/ for list of supported currency codes.',
            'currency_code',
          ),
        ],
        api,
      );
    }
    const decimals = CURRENCY_DECIMALS[currency];
    if (decimals === undefined) {
      throw fail(
        422,
        [
          detail(
            'CURRENCY_NOT_SUPPORTED',
            `Currency code ${currency} is not supported for this payment. Use a PayPal-supported currency the receiving account accepts.`,
            'currency_code',
          ),
        ],
        api,
      );
    }
    const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value);
    if (!match || value.length > 32) {
      throw fail(400, [
        detail('INVALID_PARAMETER_SYNTAX', 'The value of a field does not conform to the expected format.'),
      ]);
    }
    const fraction = match[3] ?? '';
    if (fraction.length > 0 && decimals === 0) {
      throw fail(422, [detail('DECIMALS_NOT_SUPPORTED', 'Currency does not support decimals.')], api);
    }
    if (fraction.length > decimals) {
      throw fail(
        422,
        [
          detail(
            'DECIMAL_PRECISION',
            'If the currency supports decimals, only two decimal place precision is supported.',
          ),
        ],
        api,
      );
    }
    const minor = Number(match[2]! + fraction.padEnd(decimals, '0'));
    if (match[1] === '-' || minor === 0) {
      throw fail(
        422,
        [
          detail(
            'CANNOT_BE_ZERO_OR_NEGATIVE',
            'Must be greater than zero. If the currency supports decimals, only two decimal place precision is supported.',
          ),
        ],
        api,
      );
    }
    if (minor > MAX_VALUE_MINOR) {
      throw fail(
        422,
        [detail('MAX_VALUE_EXCEEDED', 'Should be less than or equal to 999999999999999.99.')],
        api,
      );
    }
    return { currency, minor };
  };

  const optionalString = (value: unknown, field: string, max: number): string | undefined => {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') {
      throw fail(400, [
        { field, location: 'body', issue: 'INVALID_PARAMETER_SYNTAX', description: 'Expected a string.' },
      ]);
    }
    if (value.length < 1 || value.length > max) {
      throw fail(400, [
        {
          field,
          value,
          location: 'body',
          issue: 'INVALID_STRING_LENGTH',
          description: 'The value of a field is either too short or too long.',
        },
      ]);
    }
    return value;
  };

  const optionalUrl = (value: unknown, field: string): string | undefined => {
    const text = optionalString(value, field, 4000);
    if (text === undefined) return undefined;
    let ok = false;
    try {
      ok = ['http:', 'https:'].includes(new URL(text).protocol);
    } catch {
      ok = false;
    }
    if (!ok) {
      throw fail(400, [
        {
          field,
          value: text,
          location: 'body',
          issue: 'INVALID_PARAMETER_SYNTAX',
          description: 'The value of a field does not conform to the expected format.',
        },
      ]);
    }
    return text;
  };

  // ---- views --------------------------------------------------------------------------------------------------

  const apiLink = (path: string, rel: string, method = 'GET') => ({ href: `${baseUrl}${path}`, rel, method });
  const approvalUrl = (order: Order) => `${baseUrl}/checkoutnow?token=${order.id}`;

  const captureView = (capture: Capture, standalone: boolean): Json => ({
    id: capture.id,
    status: capture.status,
    ...(capture.status === 'REFUNDED' ? { status_details: { reason: 'REFUNDED' } } : {}),
    amount: money(capture.amountMinor, capture.currency),
    final_capture: true,
    disbursement_mode: 'INSTANT',
    seller_protection: {
      status: 'ELIGIBLE',
      dispute_categories: ['ITEM_NOT_RECEIVED', 'UNAUTHORIZED_TRANSACTION'],
    },
    seller_receivable_breakdown: {
      gross_amount: money(capture.amountMinor, capture.currency),
      paypal_fee: money(capture.feeMinor, capture.currency),
      net_amount: money(capture.amountMinor - capture.feeMinor, capture.currency),
    },
    ...(capture.invoiceId ? { invoice_id: capture.invoiceId } : {}),
    ...(capture.customId ? { custom_id: capture.customId } : {}),
    ...(standalone ? { supplementary_data: { related_ids: { order_id: capture.orderId } } } : {}),
    create_time: capture.createTime,
    update_time: capture.updateTime,
    links: [
      apiLink(`/v2/payments/captures/${capture.id}`, 'self'),
      apiLink(`/v2/payments/captures/${capture.id}/refund`, 'refund', 'POST'),
      apiLink(`/v2/checkout/orders/${capture.orderId}`, 'up'),
    ],
  });

  const refundedOf = (capture: Capture) =>
    capture.refundIds.reduce((sum, refundId) => sum + (refunds.get(refundId)?.amountMinor ?? 0), 0);

  const refundView = (refund: Refund): Json => {
    const capture = captures.get(refund.captureId)!;
    return {
      id: refund.id,
      amount: money(refund.amountMinor, refund.currency),
      seller_payable_breakdown: {
        gross_amount: money(refund.amountMinor, refund.currency),
        paypal_fee: money(0, refund.currency),
        net_amount: money(refund.amountMinor, refund.currency),
        total_refunded_amount: money(refundedOf(capture), refund.currency),
      },
      ...(refund.invoiceId ? { invoice_id: refund.invoiceId } : {}),
      ...(refund.customId ? { custom_id: refund.customId } : {}),
      ...(refund.noteToPayer ? { note_to_payer: refund.noteToPayer } : {}),
      status: 'COMPLETED',
      create_time: refund.createTime,
      update_time: refund.createTime,
      links: [
        apiLink(`/v2/payments/refunds/${refund.id}`, 'self'),
        apiLink(`/v2/payments/captures/${refund.captureId}`, 'up'),
      ],
    };
  };

  const payerView = (payer: Payer) => ({
    name: { given_name: payer.givenName, surname: payer.surname },
    email_address: payer.email,
    payer_id: payer.payerId,
    address: { country_code: 'US' },
  });

  const paymentSourceView = (order: Order): Json | undefined => {
    if (order.payer) {
      return {
        paypal: {
          email_address: order.payer.email,
          account_id: order.payer.payerId,
          account_status: 'VERIFIED',
          name: { given_name: order.payer.givenName, surname: order.payer.surname },
          address: { country_code: 'US' },
        },
      };
    }
    return order.withPaymentSource ? { paypal: {} } : undefined;
  };

  const orderLinks = (order: Order) => {
    const self = apiLink(`/v2/checkout/orders/${order.id}`, 'self');
    const update = apiLink(`/v2/checkout/orders/${order.id}`, 'update', 'PATCH');
    const capture = apiLink(`/v2/checkout/orders/${order.id}/capture`, 'capture', 'POST');
    switch (order.status) {
      case 'PAYER_ACTION_REQUIRED':
        return [self, { href: approvalUrl(order), rel: 'payer-action', method: 'GET' }];
      case 'CREATED':
        return [self, { href: approvalUrl(order), rel: 'approve', method: 'GET' }, update, capture];
      case 'APPROVED':
        return [self, update, capture];
      default:
        return [self];
    }
  };

  const paymentsView = (order: Order): Json | undefined => {
    if (order.captureIds.length === 0) return undefined;
    const orderCaptures = order.captureIds.map((captureId) => captures.get(captureId)!);
    const orderRefunds = orderCaptures.flatMap((capture) => capture.refundIds.map((id) => refunds.get(id)!));
    return {
      captures: orderCaptures.map((capture) => captureView(capture, false)),
      ...(orderRefunds.length ? { refunds: orderRefunds.map(refundView) } : {}),
    };
  };

  const orderView = (order: Order): Json => {
    const source = paymentSourceView(order);
    const payments = paymentsView(order);
    return {
      id: order.id,
      intent: 'CAPTURE',
      status: order.status,
      ...(source ? { payment_source: source } : {}),
      purchase_units: [
        {
          reference_id: order.referenceId,
          amount: money(order.amountMinor, order.currency),
          payee: { email_address: 'sb-merchant@business.example.com', merchant_id: merchantId },
          ...(order.description ? { description: order.description } : {}),
          ...(order.customId ? { custom_id: order.customId } : {}),
          ...(order.invoiceId ? { invoice_id: order.invoiceId } : {}),
          ...(payments ? { payments } : {}),
        },
      ],
      ...(order.payer ? { payer: payerView(order.payer) } : {}),
      create_time: order.createTime,
      update_time: order.updateTime,
      links: orderLinks(order),
    };
  };

  /** `Prefer: return=minimal` (PayPal's default): the id, status and links; a capture adds its payments. */
  const minimalOrderView = (order: Order): Json => {
    const source = paymentSourceView(order);
    const payments = paymentsView(order);
    return {
      id: order.id,
      status: order.status,
      ...(source ? { payment_source: source } : {}),
      ...(payments ? { purchase_units: [{ reference_id: order.referenceId, payments }] } : {}),
      ...(order.payer ? { payer: payerView(order.payer) } : {}),
      links: orderLinks(order),
    };
  };

  const orderReply = (status: number, order: Order): Reply => ({
    status,
    view: (prefer) => (prefer === 'representation' ? orderView(order) : minimalOrderView(order)),
  });

  // ---- webhooks -------------------------------------------------------------------------------------------

  const settle = () => {
    if (pendingDeliveries > 0 || outbox.length > 0 || flushScheduled) return;
    const waiters = settledWaiters;
    settledWaiters = [];
    for (const resolve of waiters) resolve();
  };

  const signature = (transmissionId: string, transmissionTime: string, webhookId: string, payload: string) =>
    createHmac('sha256', signingSecret)
      .update(`${transmissionId}|${transmissionTime}|${webhookId}|${crc32(payload)}`)
      .digest('base64');

  const transmissionHeaders = (payload: string, transmissionTime: string): Record<string, string> => {
    const transmissionId = randomUUID();
    return {
      'paypal-transmission-id': transmissionId,
      'paypal-transmission-time': transmissionTime,
      'paypal-transmission-sig': signature(transmissionId, transmissionTime, options.webhookId, payload),
      'paypal-cert-url': `${baseUrl}/v1/notifications/certs/${CERT_NAME}`,
      'paypal-auth-algo': AUTH_ALGO,
    };
  };

  /** POSTs one event, as a new transmission on every attempt; retries non-2xx with backoff, 5 attempts at most. */
  const deliver = async (event: Json): Promise<void> => {
    const payload = JSON.stringify(event);
    for (let attempt = 1; attempt <= WEBHOOK_ATTEMPTS_MAX && webhookUrl; attempt += 1) {
      const headers = transmissionHeaders(payload, now());
      const transmissionId = headers['paypal-transmission-id']!;
      let status = 0;
      try {
        const response = await fetch(webhookUrl, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'user-agent': 'PayPal/AUHD-214.0-58842617',
            ...headers,
          },
          body: payload,
          signal: AbortSignal.timeout(10_000),
        });
        status = response.status;
        await response.arrayBuffer();
      } catch {
        status = 0;
      }
      delivered.push({ id: String(event.id), type: String(event.event_type), transmissionId, status });
      if (status >= 200 && status < 300) return;
      if (attempt < WEBHOOK_ATTEMPTS_MAX)
        await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
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

  const emit = (eventType: string, resourceType: string, resource: Json, summary: string) => {
    const id = `WH-${paypalId()}-${paypalId()}`;
    const event = {
      id,
      event_version: '1.0',
      create_time: now(),
      resource_type: resourceType,
      resource_version: '2.0',
      event_type: eventType,
      summary,
      resource: structuredClone(resource),
      links: [
        apiLink(`/v1/notifications/webhooks-events/${id}`, 'self'),
        apiLink(`/v1/notifications/webhooks-events/${id}/resend`, 'resend', 'POST'),
      ],
    };
    events.set(id, event);
    if (Math.random() < faults.dropWebhookRate) return;
    outbox.push(event);
    scheduleFlush();
  };

  // ---- OAuth ------------------------------------------------------------------------------------------------

  const issueToken = (request: http.IncomingMessage, rawBody: string): { status: number; body: Json } => {
    tokenRequestCount += 1;
    const basic = /^Basic\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const decoded = basic ? Buffer.from(basic, 'base64').toString('utf8') : '';
    const separator = decoded.indexOf(':');
    const clientId = separator >= 0 ? decoded.slice(0, separator) : '';
    const clientSecret = separator >= 0 ? decoded.slice(separator + 1) : '';
    if (clientId !== options.clientId || clientSecret !== options.clientSecret) {
      return {
        status: 401,
        body: { error: 'invalid_client', error_description: 'Client Authentication failed' },
      };
    }
    const grantType = new URLSearchParams(rawBody).get('grant_type');
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
    tokens.set(accessToken, clock.now().getTime() + tokenTtl * 1000);
    return {
      status: 200,
      body: {
        scope: SCOPE,
        access_token: accessToken,
        token_type: 'Bearer',
        app_id: APP_ID,
        expires_in: tokenTtl,
        nonce: `${now()}${randomBytes(16).toString('base64url')}`,
      },
    };
  };

  const authenticated = (authorization: string | undefined) => {
    const token = /^Bearer\s+(.+)$/i.exec(authorization ?? '')?.[1];
    const expiresAt = token ? tokens.get(token) : undefined;
    if (expiresAt === undefined) return false;
    if (expiresAt <= clock.now().getTime()) {
      tokens.delete(token!);
      return false;
    }
    return true;
  };

  // ---- orders -----------------------------------------------------------------------------------------------

  const orderOf = (orderId: string) => {
    const order = orders.get(orderId);
    if (!order) throw notFound();
    return order;
  };

  const createOrder = (body: Json, requestId: string | undefined): Reply => {
    const paymentSource = body.payment_source as Json | undefined;
    if (paymentSource !== undefined && requestId === undefined) {
      throw fail(400, [
        {
          field: 'PayPal-Request-Id',
          location: 'header',
          issue: 'PAYPAL_REQUEST_ID_REQUIRED',
          description:
            "A PayPal-Request-Id is required if you are trying to process payment for an Order. Please specify a PayPal-Request-Id or Create the Order without a 'payment_source' specified.",
        },
      ]);
    }
    if (body.intent === undefined) throw missing('/intent');
    if (body.intent === 'AUTHORIZE') {
      throw fail(422, [
        {
          field: '/intent',
          value: 'AUTHORIZE',
          location: 'body',
          issue: 'UNSUPPORTED_INTENT',
          description: 'The simulator takes intent CAPTURE only.',
        },
      ]);
    }
    if (body.intent !== 'CAPTURE') {
      throw fail(400, [
        {
          field: '/intent',
          value: JSON.stringify(body.intent),
          location: 'body',
          issue: 'INVALID_PARAMETER_VALUE',
          description: 'A parameter value is not valid.',
        },
      ]);
    }
    const units = body.purchase_units;
    if (!Array.isArray(units) || units.length === 0) throw missing('/purchase_units');
    if (units.length > 1) {
      throw fail(400, [
        {
          field: '/purchase_units',
          location: 'body',
          issue: 'INVALID_ARRAY_MAX_ITEMS',
          description: 'The number of items in an array parameter is too large (the simulator takes one).',
        },
      ]);
    }
    const unit = (units[0] ?? {}) as Json;
    const amount = parseAmount(unit.amount, `${FIELD}/amount`, 'orders');
    let context: Json = {};
    let prefillEmail: string | undefined;
    if (paymentSource !== undefined) {
      const sources = Object.keys(paymentSource ?? {});
      if (sources.length !== 1 || sources[0] !== 'paypal') {
        throw fail(400, [
          {
            field: '/payment_source',
            location: 'body',
            issue: 'NOT_SUPPORTED',
            description: 'This field is not currently supported (the simulator takes payment_source.paypal).',
          },
        ]);
      }
      const paypal = (paymentSource.paypal ?? {}) as Json;
      context = (paypal.experience_context ?? {}) as Json;
      prefillEmail = optionalString(paypal.email_address, '/payment_source/paypal/email_address', 254);
    } else {
      context = (body.application_context ?? {}) as Json;
    }
    const contextField = paymentSource ? '/payment_source/paypal/experience_context' : '/application_context';
    const userAction = optionalString(context.user_action, `${contextField}/user_action`, 8) ?? 'CONTINUE';
    if (!['CONTINUE', 'PAY_NOW'].includes(userAction)) {
      throw fail(400, [
        {
          field: `${contextField}/user_action`,
          value: userAction,
          location: 'body',
          issue: 'INVALID_PARAMETER_VALUE',
          description: 'A parameter value is not valid.',
        },
      ]);
    }
    const locale = optionalString(context.locale, `${contextField}/locale`, 10);
    if (locale !== undefined && !/^[a-z]{2}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|[0-9]{3}))?$/.test(locale)) {
      throw fail(400, [
        {
          field: `${contextField}/locale`,
          value: locale,
          location: 'body',
          issue: 'INVALID_PARAMETER_SYNTAX',
          description: 'The value of a field does not conform to the expected format.',
        },
      ]);
    }
    const at = now();
    const order: Order = {
      id: paypalId(),
      status: paymentSource ? 'PAYER_ACTION_REQUIRED' : 'CREATED',
      withPaymentSource: paymentSource !== undefined,
      referenceId: optionalString(unit.reference_id, `${FIELD}/reference_id`, 256) ?? 'default',
      customId: optionalString(unit.custom_id, `${FIELD}/custom_id`, 127),
      invoiceId: optionalString(unit.invoice_id, `${FIELD}/invoice_id`, 127),
      description: optionalString(unit.description, `${FIELD}/description`, 127),
      currency: amount.currency,
      amountMinor: amount.minor,
      returnUrl: optionalUrl(context.return_url, `${contextField}/return_url`),
      cancelUrl: optionalUrl(context.cancel_url, `${contextField}/cancel_url`),
      locale,
      userAction,
      brandName: optionalString(context.brand_name, `${contextField}/brand_name`, 127),
      prefillEmail,
      payer: undefined,
      captureIds: [],
      createTime: at,
      updateTime: at,
    };
    orders.set(order.id, order);
    return orderReply(201, order);
  };

  const captureOrder = (orderId: string): Reply => {
    const order = orderOf(orderId);
    if (order.status === 'COMPLETED') {
      throw fail(422, [
        {
          issue: 'ORDER_ALREADY_CAPTURED',
          description: "Order already captured.If 'intent=CAPTURE' only one capture per order is allowed.",
        },
      ]);
    }
    if (order.status !== 'APPROVED') {
      throw fail(422, [
        {
          issue: 'ORDER_NOT_APPROVED',
          description:
            "Payer has not yet approved the Order for payment. Please redirect the payer to the 'rel':'approve' url returned as part of the HATEOAS links within the Create Order call or provide a valid `payment_source` in the request.",
        },
      ]);
    }
    const denied = denialsLeft > 0 ? denialMode : undefined;
    if (denied) denialsLeft -= 1;
    if (denied === 'INSTRUMENT_DECLINED') {
      // The payer must choose another funding source: back to the approval page.
      order.status = order.withPaymentSource ? 'PAYER_ACTION_REQUIRED' : 'CREATED';
      order.payer = undefined;
      order.updateTime = now();
      throw fail(422, [
        {
          issue: 'INSTRUMENT_DECLINED',
          description:
            "The instrument presented  was either declined by the processor or bank, or it can't be used for this payment.",
        },
      ]);
    }
    if (!denied && order.invoiceId) {
      const taken = [...captures.values()].some(
        (capture) => capture.invoiceId === order.invoiceId && capture.status !== 'DECLINED',
      );
      if (taken) {
        throw fail(422, [
          {
            issue: 'DUPLICATE_INVOICE_ID',
            description:
              'Duplicate Invoice ID detected. To avoid a potential duplicate transaction your account setting requires that Invoice Id be unique for each transaction.',
          },
        ]);
      }
    }
    const at = now();
    const fee = Math.min(order.amountMinor, Math.round((order.amountMinor * 349) / 10_000) + 49);
    const capture: Capture = {
      id: paypalId(),
      orderId: order.id,
      status: denied ? 'DECLINED' : 'COMPLETED',
      amountMinor: order.amountMinor,
      feeMinor: denied ? 0 : fee,
      currency: order.currency,
      invoiceId: order.invoiceId,
      customId: order.customId,
      refundIds: [],
      createTime: at,
      updateTime: at,
    };
    captures.set(capture.id, capture);
    order.captureIds.push(capture.id);
    order.status = 'COMPLETED';
    order.updateTime = at;
    const value = `${formatValue(capture.amountMinor, capture.currency)} ${capture.currency}`;
    if (denied) {
      emit(
        'PAYMENT.CAPTURE.DENIED',
        'capture',
        captureView(capture, true),
        `A payment capture for ${value} was denied`,
      );
    } else {
      emit(
        'PAYMENT.CAPTURE.COMPLETED',
        'capture',
        captureView(capture, true),
        `Payment completed for ${value}`,
      );
    }
    return orderReply(201, order);
  };

  // ---- payments -------------------------------------------------------------------------------------------

  const captureOf = (captureId: string) => {
    const capture = captures.get(captureId);
    if (!capture) throw notFound('payments');
    return capture;
  };

  const refundCapture = (captureId: string, body: Json): Reply => {
    const capture = captureOf(captureId);
    const refusal = (issue: string, description: string) => fail(422, [{ issue, description }], 'payments');
    if (capture.status === 'DECLINED') throw refusal('REFUND_NOT_ALLOWED', 'Capture cannot be refunded.');
    const remaining = capture.amountMinor - refundedOf(capture);
    if (remaining <= 0) {
      throw refusal('CAPTURE_FULLY_REFUNDED', 'The capture has already been fully refunded');
    }
    let amountMinor = remaining;
    if (body.amount !== undefined) {
      const amount = parseAmount(body.amount, '/amount', 'payments');
      if (amount.currency !== capture.currency) {
        throw refusal(
          'REFUND_CAPTURE_CURRENCY_MISMATCH',
          'Refund must be in the same currency as the capture',
        );
      }
      if (amount.minor > remaining) {
        throw refusal(
          'REFUND_AMOUNT_EXCEEDED',
          'The refund amount must be less than or equal to the capture amount that has not yet been refunded.',
        );
      }
      amountMinor = amount.minor;
    }
    const invoiceId = optionalString(body.invoice_id, '/invoice_id', 127);
    if (invoiceId && [...refunds.values()].some((refund) => refund.invoiceId === invoiceId)) {
      throw refusal('DUPLICATE_INVOICE_ID', 'Invoice ID was previously used to refund a capture.');
    }
    const refund: Refund = {
      id: paypalId(),
      captureId: capture.id,
      amountMinor,
      currency: capture.currency,
      invoiceId,
      customId: optionalString(body.custom_id, '/custom_id', 127),
      noteToPayer: optionalString(body.note_to_payer, '/note_to_payer', 255),
      createTime: now(),
    };
    refunds.set(refund.id, refund);
    capture.refundIds.push(refund.id);
    capture.status = amountMinor === remaining ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
    capture.updateTime = refund.createTime;
    const order = orders.get(capture.orderId);
    if (order) order.updateTime = refund.createTime;
    emit(
      'PAYMENT.CAPTURE.REFUNDED',
      'refund',
      refundView(refund),
      `A ${formatValue(amountMinor, refund.currency)} ${refund.currency} capture payment was refunded`,
    );
    return {
      status: 201,
      view: (prefer) =>
        prefer === 'representation'
          ? refundView(refund)
          : { id: refund.id, status: 'COMPLETED', links: refundView(refund).links },
    };
  };

  // ---- webhook verification ---------------------------------------------------------------------------------

  const verifySignature = (body: Json): Json => {
    const names = [
      'auth_algo',
      'cert_url',
      'transmission_id',
      'transmission_sig',
      'transmission_time',
      'webhook_id',
    ] as const;
    const absent = names.filter((name) => typeof body[name] !== 'string' || body[name] === '');
    if (!body.webhook_event || typeof body.webhook_event !== 'object') absent.push('webhook_event' as never);
    if (absent.length > 0) {
      throw new ApiFailure(400, {
        name: 'VALIDATION_ERROR',
        message: 'Invalid request - see details',
        debug_id: debugId(),
        details: absent.map((field) => ({
          field,
          location: 'body',
          issue: 'Required field cannot be blank',
        })),
        links: [],
      });
    }
    const text = (name: (typeof names)[number]) => body[name] as string;
    if (!PAYPAL_WEBHOOK_ID_PATTERN.test(text('webhook_id'))) {
      throw new ApiFailure(400, {
        name: 'VALIDATION_ERROR',
        message: 'Invalid request - see details',
        debug_id: debugId(),
        details: [{ field: 'webhook_id', location: 'body', issue: 'INVALID_PARAMETER_SYNTAX' }],
        links: [],
      });
    }
    const expected = Buffer.from(
      signature(
        text('transmission_id'),
        text('transmission_time'),
        text('webhook_id'),
        JSON.stringify(body.webhook_event),
      ),
    );
    const given = Buffer.from(text('transmission_sig'));
    const ok =
      text('auth_algo') === AUTH_ALGO &&
      text('cert_url') === `${baseUrl}/v1/notifications/certs/${CERT_NAME}` &&
      text('webhook_id') === options.webhookId &&
      given.length === expected.length &&
      timingSafeEqual(given, expected);
    return { verification_status: ok ? 'SUCCESS' : 'FAILURE' };
  };

  // ---- routing ----------------------------------------------------------------------------------------------

  const fixed = (status: number, body: Json): Reply => ({ status, view: () => body });

  const route = (method: string, path: string, body: Json, requestId: string | undefined): Reply => {
    const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
    const [version, group, resource, id, action] = parts;
    if (version === 'v2' && group === 'checkout' && resource === 'orders') {
      if (method === 'POST' && !id) return createOrder(body, requestId);
      if (method === 'GET' && id && !action) return fixed(200, orderView(orderOf(id)));
      if (method === 'POST' && id && action === 'capture' && parts.length === 5) return captureOrder(id);
    }
    if (version === 'v2' && group === 'payments' && id) {
      if (resource === 'captures' && method === 'GET' && !action) {
        return fixed(200, captureView(captureOf(id), true));
      }
      if (resource === 'captures' && method === 'POST' && action === 'refund' && parts.length === 5) {
        return refundCapture(id, body);
      }
      if (resource === 'refunds' && method === 'GET' && !action) {
        const refund = refunds.get(id);
        if (!refund) throw notFound('payments');
        return fixed(200, refundView(refund));
      }
    }
    if (version === 'v1' && group === 'notifications') {
      if (method === 'POST' && resource === 'verify-webhook-signature' && parts.length === 3) {
        return fixed(200, verifySignature(body));
      }
      if (method === 'GET' && resource === 'webhooks-events' && id && !action) {
        const event = events.get(id);
        if (!event) throw notFound();
        return fixed(200, event);
      }
    }
    throw notFound();
  };

  const handleApi = (
    request: http.IncomingMessage,
    url: URL,
    rawBody: string,
  ): { status: number; body: Json; headers?: Record<string, string> } => {
    const method = request.method ?? 'GET';
    const path = url.pathname.replace(/\/+$/, '');
    if (path === '/v1/oauth2/token') {
      if (method !== 'POST') return { status: 404, body: errorBody(404) };
      return issueToken(request, rawBody);
    }
    if (!authenticated(request.headers.authorization)) return { status: 401, body: errorBody(401) };
    const prefer: Prefer = /return=representation/i.test(String(request.headers.prefer ?? ''))
      ? 'representation'
      : 'minimal';
    const header = request.headers['paypal-request-id'];
    const requestId = method === 'POST' && typeof header === 'string' && header !== '' ? header : undefined;
    if (requestId !== undefined && requestId.length > 108) {
      const detail: Detail = {
        field: 'PayPal-Request-Id',
        location: 'header',
        issue: 'INVALID_STRING_LENGTH',
        description: 'The value of a field is either too short or too long.',
      };
      return { status: 400, body: errorBody(400, [detail]) };
    }
    const key = requestId === undefined ? undefined : `${method} ${path} ${requestId}`;
    const previous = key === undefined ? undefined : idempotency.get(key);
    if (previous) {
      // Orders v2: "A successful response to an idempotent request returns the HTTP 200 OK status code"; a
      // refund (Payments v2 documents only 201) answers as it first did.
      const replayStatus =
        previous.status === 201 && path.startsWith('/v2/checkout/') ? 200 : previous.status;
      return { status: replayStatus, body: previous.view(prefer) };
    }
    let reply: Reply;
    try {
      let body: Json = {};
      if (method === 'POST' && rawBody.trim() !== '') {
        try {
          const parsed: unknown = JSON.parse(rawBody);
          if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
            throw new Error('not an object');
          body = parsed as Json;
        } catch {
          throw fail(400, [
            { issue: 'MALFORMED_REQUEST_JSON', description: 'The request JSON is not well formed.' },
          ]);
        }
      }
      reply = route(method, path, body, requestId);
    } catch (error) {
      if (!(error instanceof ApiFailure)) throw error;
      reply = fixed(error.status, error.body);
    }
    // PayPal keeps the answer for the request id (errors too); a 5xx is not kept, so a retry runs again.
    if (key !== undefined && reply.status < 500) idempotency.set(key, reply);
    return { status: reply.status, body: reply.view(prefer) };
  };

  // ---- approval page ----------------------------------------------------------------------------------------

  const appendQuery = (target: string, params: Record<string, string>) => {
    const url = new URL(target);
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    return url.toString();
  };

  const hosted = (
    method: string,
    url: URL,
    form: URLSearchParams,
    acceptLanguage: string | undefined,
  ): { status: number; type: string; body: string; location?: string } => {
    const html = (body: string, status = 200) => ({ status, type: 'text/html; charset=utf-8', body });
    const order =
      url.pathname === '/checkoutnow' ? orders.get(url.searchParams.get('token') ?? '') : undefined;
    const locale = pageLocale(
      form.get('locale') ?? url.searchParams.get('locale'),
      order?.locale,
      acceptLanguage?.split(',')[0]?.trim(),
    );
    const w = words(locale);
    if (!order) return html(messagePage(locale, w.notFound), 404);
    const returnTo = () => {
      if (!order.returnUrl) return html(messagePage(locale, w.approved));
      const location = appendQuery(order.returnUrl, { token: order.id, PayerID: order.payer!.payerId });
      return { status: 302, type: 'text/plain', body: '', location };
    };
    if (order.status === 'COMPLETED') return html(messagePage(locale, w.completed));
    // Approved already (a second click): back to the merchant again.
    if (order.status === 'APPROVED') return returnTo();
    if (method === 'GET') {
      return html(
        approvalPage({
          locale,
          action: `/checkoutnow?token=${order.id}`,
          merchant: order.brandName ?? 'SimFill (PayPal sandbox merchant)',
          amountText: `${formatValue(order.amountMinor, order.currency)} ${order.currency}`,
          description: order.description,
          email: order.prefillEmail ?? DEFAULT_PAYER_EMAIL,
          payNow: order.userAction === 'PAY_NOW',
        }),
      );
    }
    if (method !== 'POST') return html(messagePage(locale, w.notFound), 405);
    const decision = form.get('decision');
    if (decision === 'decline' || decision === 'cancel') {
      if (!order.cancelUrl) return html(messagePage(locale, w.canceled));
      return {
        status: 302,
        type: 'text/plain',
        body: '',
        location: appendQuery(order.cancelUrl, { token: order.id }),
      };
    }
    // The page prefills the email the merchant sent; a form without one logs in as the default sandbox buyer.
    const typed = form.get('email')?.trim();
    const email = typed && /^[^@\s]+@[^@\s]+$/.test(typed) ? typed : DEFAULT_PAYER_EMAIL;
    order.payer = { payerId: accountId(), email, givenName: 'John', surname: 'Doe' };
    order.status = 'APPROVED';
    order.updateTime = now();
    emit(
      'CHECKOUT.ORDER.APPROVED',
      'checkout-order',
      orderView(order),
      'An order has been approved by buyer',
    );
    return returnTo();
  };

  // ---- control API (browser tests) ---------------------------------------------------------------------------

  const switches = () => ({
    latencyMs: faults.latencyMs,
    duplicateWebhooks: faults.duplicateWebhooks,
    delayWebhooksMs: faults.delayWebhooksMs,
    reorderWebhooks: faults.reorderWebhooks,
    failureRate: faults.failureRate,
    dropWebhookRate: faults.dropWebhookRate,
    failNextRequests: failuresLeft,
    failStatus: failureStatus,
    timeoutNextRequests: timeoutsLeft,
    timeoutAfterProcessing,
    denyNextCapture: denialsLeft,
    denyMode: denialMode,
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
      const numbers = ['latencyMs', 'delayWebhooksMs', 'failureRate', 'dropWebhookRate'] as const;
      const flags = ['duplicateWebhooks', 'reorderWebhooks'] as const;
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
      if (typeof input.denyNextCapture === 'number') {
        faults.denyNextCapture(
          input.denyNextCapture,
          input.denyMode === 'INSTRUMENT_DECLINED' ? 'INSTRUMENT_DECLINED' : 'DECLINED',
        );
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

  const sendJson = (response: http.ServerResponse, status: number, body: unknown) => {
    const debug = body && typeof body === 'object' && 'debug_id' in body ? String(body.debug_id) : debugId();
    response.writeHead(status, { 'content-type': 'application/json', 'paypal-debug-id': debug });
    response.end(JSON.stringify(body));
  };

  const server = http.createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', baseUrl);
      const rawBody = await readBody(request);
      if (url.pathname.startsWith('/_simulator/')) {
        const result = control(request.method ?? 'GET', url.pathname, rawBody);
        return sendJson(response, result.status, result.body);
      }
      if (faults.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.latencyMs));
      if (url.pathname.startsWith('/v1/') || url.pathname.startsWith('/v2/')) {
        if (timeoutsLeft > 0) {
          timeoutsLeft -= 1;
          // Never answer: the client's timeout decides. Closing the server ends the socket.
          if (timeoutAfterProcessing) handleApi(request, url, rawBody);
          return;
        }
        if (failuresLeft > 0 || Math.random() < faults.failureRate) {
          failuresLeft = Math.max(0, failuresLeft - 1);
          return sendJson(response, failureStatus, errorBody(failureStatus));
        }
        const result = handleApi(request, url, rawBody);
        return sendJson(response, result.status, result.body);
      }
      if (url.pathname === '/favicon.ico') {
        response.writeHead(204);
        return response.end();
      }
      const page = hosted(
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
      if (!response.headersSent) sendJson(response, 500, { ...errorBody(500), message: String(error) });
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
      return new Promise((resolve) => {
        settledWaiters.push(resolve);
        settle();
      });
    },
    deliveredEvents: () => [...delivered],
    signWebhook: (payload, transmissionTime) => transmissionHeaders(payload, transmissionTime ?? now()),
    tokenRequests: () => tokenRequestCount,
    completedCaptures: () =>
      [...captures.values()]
        .filter((capture) => capture.status !== 'DECLINED')
        .map((capture) => ({
          id: capture.id,
          orderId: capture.orderId,
          amountMinor: capture.amountMinor,
          currency: capture.currency,
          invoiceId: capture.invoiceId,
          customId: capture.customId,
        })),
    close: () =>
      new Promise<void>((resolve) => {
        webhookUrl = undefined;
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
