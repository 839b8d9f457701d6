import { createHash } from 'node:crypto';
import { z } from 'zod';
import { systemClock, type Clock } from '../../kernel/clock.js';
import { isCurrencyCode, minorUnitDigits } from '../../kernel/money.js';
import {
  PaymentProviderError,
  WebhookEventInvalidError,
  WebhookVerificationError,
  type CreatePaymentInput,
  type PaymentProvider,
  type ProviderEvent,
  type ProviderPayment,
  type ProviderRefund,
} from '../../ports/payments.js';

/**
 * The PayPal adapter: REST over the global `fetch` (Orders v2, Payments v2, webhook verification), pointed at
 * `apiBase` (the simulator in embedded mode and tests, https://api-m.paypal.com in production). The OAuth token
 * is cached until shortly before it expires. An order is created with `PayPal-Request-Id` = SimFill's
 * idempotency key and its `payer-action` link is the redirect; once the payer approves, SimFill captures
 * (`capturePayment`, again with a request id). The order id is the provider payment id; refunds go to its capture.
 */

export interface PayPalProviderOptions {
  clientId: string;
  clientSecret: string;
  /** The webhook's id in the PayPal app (verify-webhook-signature checks events were sent to it). */
  webhookId: string;
  /** `http://127.0.0.1:…` (simulator), `https://api-m.sandbox.paypal.com` or `https://api-m.paypal.com`. */
  apiBase: string;
  /** Per request; a request that takes longer is `unavailable`. */
  timeoutMs: number;
  /** `experience_context.brand_name` on PayPal's pages; the PayPal account's business name when unset. */
  brandName?: string;
  /** Judges the token's expiry and webhook transmission times. */
  clock?: Clock;
  /** How far in the future a webhook's `PAYPAL-TRANSMISSION-TIME` may be (clock skew); 300 s by default. */
  webhookToleranceSeconds?: number;
}

export interface PayPalProvider extends PaymentProvider {
  /** Captures an approved order; `succeeded` or `failed` (a declined capture), or `processing` while pending. */
  capturePayment(providerPaymentId: string, idempotencyKey: string): Promise<ProviderPayment>;
}

interface Money {
  currency_code: string;
  value: string;
}
interface Link {
  href: string;
  rel: string;
  method?: string;
}
interface Capture {
  id: string;
  status: string;
  amount?: Money;
  status_details?: { reason?: string };
  processor_response?: { response_code?: string };
  supplementary_data?: { related_ids?: { order_id?: string } };
  links?: Link[];
}
interface Refund {
  id: string;
  status: string;
  amount?: Money;
  links?: Link[];
}
interface Order {
  id: string;
  status: string;
  purchase_units?: {
    amount?: Money;
    payments?: { captures?: Capture[]; refunds?: Refund[] };
  }[];
  payer?: { email_address?: string };
  payment_source?: { paypal?: { email_address?: string } };
  links?: Link[];
}
interface WebhookEvent {
  id: string;
  event_type: string;
  create_time?: string;
  resource?: Record<string, unknown>;
}

/** PayPal takes no decimals for these, though ISO 4217 gives HUF and TWD two. */
const ZERO_DECIMAL = new Set(['HUF', 'JPY', 'TWD']);

/** 422 issues that mean "the payer's PayPal or funding source said no": tell them, offer another way. */
const DECLINE_ISSUES = new Set([
  'INSTRUMENT_DECLINED',
  'PAYER_ACTION_REQUIRED',
  'PAYER_CANNOT_PAY',
  'PAYER_ACCOUNT_LOCKED_OR_CLOSED',
  'PAYER_ACCOUNT_RESTRICTED',
  'REDIRECT_PAYER_FOR_ALTERNATE_FUNDING',
  'TRANSACTION_REFUSED',
  'TRANSACTION_LIMIT_EXCEEDED',
  'TRANSACTION_RECEIVING_LIMIT_EXCEEDED',
  'MAX_NUMBER_OF_PAYMENT_ATTEMPTS_EXCEEDED',
  'COMPLIANCE_VIOLATION',
  'CARD_EXPIRED',
]);

const SUCCEEDED_CAPTURES = new Set(['COMPLETED', 'PARTIALLY_REFUNDED', 'REFUNDED']);
const FAILED_CAPTURES = new Set(['DECLINED', 'DENIED', 'FAILED', 'VOIDED']);
const WEBHOOK_HEADERS = {
  auth_algo: 'paypal-auth-algo',
  cert_url: 'paypal-cert-url',
  transmission_id: 'paypal-transmission-id',
  transmission_sig: 'paypal-transmission-sig',
  transmission_time: 'paypal-transmission-time',
} as const;

const paypalAmount = z
  .looseObject({ currency_code: z.string(), value: z.string().regex(/^\d{1,15}(\.\d{1,4})?$/) })
  .refine(
    (amount) =>
      isCurrencyCode(amount.currency_code) &&
      (amount.value.split('.')[1] ?? '').length <= minorUnitDigits(amount.currency_code),
    { path: ['value'] },
  );
const paypalLinks = z.array(z.looseObject({ href: z.string(), rel: z.string() })).optional();
const paypalResource = z.looseObject({ id: z.string().min(1).max(255) });

/**
 * What SimFill reads of a PayPal webhook event, checked before it is verified or stored (PayPal adds fields,
 * so unknown ones pass): a body that is `[]`, `{"id":1}` or a refund without an amount is refused, not stored.
 */
const webhookEventSchema = z.looseObject({
  id: z.string().min(1).max(255),
  event_type: z.string().min(1).max(255),
  create_time: z.iso.datetime({ offset: true }).optional(),
  resource: z.looseObject({}).optional(),
});
const RESOURCE_SCHEMAS: Record<string, z.ZodType> = {
  'CHECKOUT.ORDER.APPROVED': paypalResource,
  'PAYMENT.CAPTURE.COMPLETED': paypalResource.extend({
    supplementary_data: z
      .looseObject({ related_ids: z.looseObject({ order_id: z.string().optional() }).optional() })
      .optional(),
  }),
  'PAYMENT.CAPTURE.REFUNDED': paypalResource.extend({
    status: z.string(),
    amount: paypalAmount.optional(),
    links: paypalLinks,
  }),
};
for (const type of ['PAYMENT.CAPTURE.PENDING', 'PAYMENT.CAPTURE.DENIED', 'PAYMENT.CAPTURE.DECLINED'])
  RESOURCE_SCHEMAS[type] = RESOURCE_SCHEMAS['PAYMENT.CAPTURE.COMPLETED']!;

function readWebhookEvent(body: unknown): WebhookEvent {
  const event = webhookEventSchema.safeParse(body);
  if (!event.success) throw WebhookEventInvalidError.at(event.error);
  const schema = Object.hasOwn(RESOURCE_SCHEMAS, event.data.event_type)
    ? RESOURCE_SCHEMAS[event.data.event_type]
    : undefined;
  if (schema) {
    const resource = schema.safeParse(event.data.resource);
    if (!resource.success) throw WebhookEventInvalidError.at(resource.error, ['resource']);
  }
  return event.data;
}

/** PayPal's `value` string for an amount in minor units (`1030` USD → `"10.30"`, `500` JPY → `"500"`). */
export function paypalValue(amountMinor: number, currency: string): string {
  const digits = minorUnitDigits(currency);
  const paypalDigits = ZERO_DECIMAL.has(currency) ? 0 : digits;
  const drop = 10 ** (digits - paypalDigits);
  if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0 || amountMinor % drop !== 0) {
    throw new PaymentProviderError(
      'invalid',
      'DECIMALS_NOT_SUPPORTED',
      `PayPal cannot charge ${amountMinor} minor units of ${currency}`,
    );
  }
  const whole = amountMinor / drop;
  if (paypalDigits === 0) return String(whole);
  const scale = 10 ** paypalDigits;
  return `${Math.floor(whole / scale)}.${String(whole % scale).padStart(paypalDigits, '0')}`;
}

/** Minor units of a PayPal amount (`"10.30"` USD → 1030, `"10"` HUF → 1000). */
export function minorOf(amount: Money | undefined): number {
  if (!amount) return 0;
  const digits = minorUnitDigits(amount.currency_code);
  const match = /^(\d+)(?:\.(\d+))?$/.exec(amount.value);
  if (!match || (match[2] ?? '').length > digits) {
    throw new PaymentProviderError('unavailable', 'unexpected_response', `unreadable amount ${amount.value}`);
  }
  return Number(match[1]! + (match[2] ?? '').padEnd(digits, '0'));
}

const paypalLocale = (locale: string) => (locale.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en-US');

/** `custom_id` (127 characters at most): SimFill's metadata as a query string, for reconciliation. */
function customId(metadata: Record<string, string>): string | undefined {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(metadata)) {
    params.append(key, value);
    if (params.toString().length > 127) {
      params.delete(key);
      break;
    }
  }
  const text = params.toString();
  return text === '' ? undefined : text;
}

/**
 * A refund's `custom_id`: PayPal's refund resource allows only `[A-Za-z0-9-_.,]` (its request schema allows more,
 * so PayPal could keep a value it then cannot return): SimFill's ids, comma-separated, 127 characters at most.
 */
function refundCustomId(metadata: Record<string, string>): string | undefined {
  const text = Object.values(metadata)
    .filter((value) => /^[A-Za-z0-9\-_.]+$/.test(value))
    .join(',')
    .slice(0, 127)
    .replace(/,$/, '');
  return text === '' ? undefined : text;
}

/** `PayPal-Request-Id` takes 108 characters: longer keys are hashed (same key → same id). */
const requestIdOf = (key: string) =>
  key.length <= 108 ? key : createHash('sha256').update(key).digest('hex');

const captureIdOf = (href: string | undefined) => /\/v2\/payments\/captures\/([^/?]+)/.exec(href ?? '')?.[1];

/**
 * The ids SimFill relies on, as PayPal's specs (paypal/paypal-rest-api-specifications) state them. Orders v2 and
 * Payments v2 give order and capture ids as `^[A-Z0-9]+$`; a webhook's id is `^[a-zA-Z0-9]+$` (≤ 50). The
 * Webhooks spec gives an event id the same alphanumeric pattern (the resend path parameter), but every event
 * PayPal documents or its SDK fixtures show is `WH-…-…` with hyphens: the examples win, so hyphens pass.
 */
const ORDER_OR_CAPTURE_ID = /^[A-Z0-9]{1,36}$/;
/** Also what config.ts accepts as PAYPAL_WEBHOOK_ID. */
export const PAYPAL_WEBHOOK_ID = /^[a-zA-Z0-9]{1,50}$/;
const EVENT_ID = /^[A-Za-z0-9-]{1,50}$/;

function assertId(pattern: RegExp, value: unknown, what: string): string {
  if (typeof value === 'string' && pattern.test(value)) return value;
  throw new PaymentProviderError(
    'unavailable',
    'unexpected_response',
    `PayPal sent a ${what} that is not one: ${JSON.stringify(value)}`,
  );
}

export function createPayPalProvider(options: PayPalProviderOptions): PayPalProvider {
  if (!PAYPAL_WEBHOOK_ID.test(options.webhookId)) {
    throw new Error(
      `PayPal webhook id ${JSON.stringify(options.webhookId)} is not one (letters and digits, at most 50)`,
    );
  }
  const base = options.apiBase.replace(/\/+$/, '');
  const clock = options.clock ?? systemClock;
  const webhookToleranceMs = (options.webhookToleranceSeconds ?? 300) * 1000;
  let cached: { token: string; refreshAt: number } | undefined;
  let pending: Promise<string> | undefined;

  /** Answers of PayPal, read with the same deadline; network errors and timeouts are `unavailable`. */
  const send = async (
    path: string,
    init: { method: string; headers: Record<string, string>; body?: string },
  ): Promise<{ status: number; body: Record<string, unknown> }> => {
    let status: number;
    let text: string;
    try {
      const response = await fetch(`${base}${path}`, {
        ...init,
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      const timeout =
        error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      throw new PaymentProviderError(
        'unavailable',
        timeout ? 'timeout' : 'network_error',
        timeout ? `PayPal did not answer within ${options.timeoutMs} ms` : (error as Error).message,
      );
    }
    let body: Record<string, unknown> = {};
    if (text.trim() !== '') {
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        if (status < 300) {
          throw new PaymentProviderError(
            'unavailable',
            'unexpected_response',
            'PayPal answered with non-JSON',
          );
        }
      }
    }
    return { status, body };
  };

  const fetchToken = async (): Promise<string> => {
    const basic = Buffer.from(`${options.clientId}:${options.clientSecret}`).toString('base64');
    const { status, body } = await send('/v1/oauth2/token', {
      method: 'POST',
      headers: {
        authorization: `Basic ${basic}`,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: 'grant_type=client_credentials',
    });
    if (status === 200 && typeof body.access_token === 'string') {
      const lifetime = typeof body.expires_in === 'number' ? body.expires_in : 0;
      // Renew shortly before it expires: 5 minutes early, or at half its life when it is short.
      const early = Math.min(300, lifetime / 2);
      cached = { token: body.access_token, refreshAt: clock.now().getTime() + (lifetime - early) * 1000 };
      return body.access_token;
    }
    const code = typeof body.error === 'string' ? body.error : `http_${status}`;
    const message = typeof body.error_description === 'string' ? body.error_description : `HTTP ${status}`;
    if (status === 401 || status === 403) throw new PaymentProviderError('authentication', code, message);
    if (status >= 500 || status === 429) throw new PaymentProviderError('unavailable', code, message);
    throw new PaymentProviderError(status === 400 ? 'authentication' : 'invalid', code, message);
  };

  /** One token request at a time; callers meanwhile share it. */
  const accessToken = (): Promise<string> => {
    if (cached && clock.now().getTime() < cached.refreshAt) return Promise.resolve(cached.token);
    pending ??= fetchToken().finally(() => {
      pending = undefined;
    });
    return pending;
  };

  const classify = (status: number, body: Record<string, unknown>): PaymentProviderError => {
    const details = Array.isArray(body.details)
      ? (body.details as { issue?: string; description?: string }[])
      : [];
    const name = typeof body.name === 'string' ? body.name : `http_${status}`;
    const issue = details[0]?.issue ?? name;
    const message = [
      typeof body.message === 'string' ? body.message : `HTTP ${status}`,
      details[0]?.description,
    ]
      .filter(Boolean)
      .join(' ');
    if (status === 401 || status === 403) return new PaymentProviderError('authentication', issue, message);
    if (status >= 500 || status === 429 || status === 409) {
      return new PaymentProviderError('unavailable', issue, message);
    }
    // SimFill's vocabulary for "the provider does not know this object" (the same code as Stripe's).
    if (status === 404) return new PaymentProviderError('invalid', 'resource_missing', message);
    if (DECLINE_ISSUES.has(issue)) return new PaymentProviderError('declined', issue, message);
    return new PaymentProviderError('invalid', issue, message);
  };

  /** A REST call with the cached token; a 401 (token expired or revoked) gets a new token and one retry. */
  const api = async <T>(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    requestId?: string,
  ): Promise<T> => {
    for (let attempt = 1; ; attempt += 1) {
      const token = await accessToken();
      const result = await send(path, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          prefer: 'return=representation',
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(requestId !== undefined ? { 'paypal-request-id': requestIdOf(requestId) } : {}),
        },
        ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
      });
      if (result.status === 401 && attempt === 1) {
        if (cached?.token === token) cached = undefined;
        continue;
      }
      if (result.status >= 200 && result.status < 300) return result.body as T;
      throw classify(result.status, result.body);
    }
  };

  const getOrder = (orderId: string) =>
    api<Order>('GET', `/v2/checkout/orders/${encodeURIComponent(orderId)}`);

  const toPayment = (order: Order): ProviderPayment => {
    assertId(ORDER_OR_CAPTURE_ID, order.id, 'order id');
    const unit = order.purchase_units?.[0];
    if (!unit?.amount) {
      throw new PaymentProviderError(
        'unavailable',
        'unexpected_response',
        `order ${order.id} came without amount`,
      );
    }
    const captures = unit.payments?.captures ?? [];
    const capture = captures.find((candidate) => SUCCEEDED_CAPTURES.has(candidate.status)) ?? captures.at(-1);
    const completedRefunds = (unit.payments?.refunds ?? []).filter((refund) => refund.status === 'COMPLETED');
    const amountMinor = minorOf(unit.amount);
    const refunded =
      completedRefunds.length > 0
        ? completedRefunds.reduce((sum, refund) => sum + minorOf(refund.amount), 0)
        : capture?.status === 'REFUNDED'
          ? minorOf(capture.amount)
          : 0;
    const approved = order.status === 'APPROVED' || order.status === 'COMPLETED';
    const common = {
      providerPaymentId: order.id,
      amountMinor,
      currency: unit.amount.currency_code,
      amountRefundedMinor: refunded,
      nextAction: undefined,
      paymentMethod: {
        kind: 'paypal' as const,
        brand: undefined,
        last4: undefined,
        wallet: undefined,
        providerMethodId: undefined,
        payerEmail: approved
          ? (order.payer?.email_address ?? order.payment_source?.paypal?.email_address)
          : undefined,
      },
      failure: undefined,
      providerCustomerId: undefined,
    };
    switch (order.status) {
      case 'CREATED':
      case 'PAYER_ACTION_REQUIRED': {
        const link = order.links?.find(
          (candidate) => candidate.rel === 'payer-action' || candidate.rel === 'approve',
        );
        return {
          ...common,
          status: 'requires_action',
          nextAction: link ? { type: 'redirect', url: link.href } : undefined,
        };
      }
      case 'APPROVED':
      case 'SAVED':
        return { ...common, status: 'processing' };
      case 'VOIDED':
        return {
          ...common,
          status: 'failed',
          failure: { code: 'ORDER_VOIDED', declineCode: undefined, message: 'The order was voided.' },
        };
      case 'COMPLETED': {
        if (capture && SUCCEEDED_CAPTURES.has(capture.status)) return { ...common, status: 'succeeded' };
        if (capture && FAILED_CAPTURES.has(capture.status)) {
          return {
            ...common,
            status: 'failed',
            failure: {
              code: `CAPTURE_${capture.status}`,
              declineCode: capture.processor_response?.response_code,
              message: `PayPal ${capture.status.toLowerCase()} the capture${capture.status_details?.reason ? ` (${capture.status_details.reason})` : ''}.`,
            },
          };
        }
        return { ...common, status: 'processing' };
      }
      default:
        return { ...common, status: 'processing' };
    }
  };

  const toRefund = (refund: Refund, orderId: string): ProviderRefund => ({
    providerRefundId: refund.id,
    providerPaymentId: orderId,
    status:
      refund.status === 'COMPLETED'
        ? 'succeeded'
        : refund.status === 'FAILED' || refund.status === 'CANCELLED'
          ? 'failed'
          : 'pending',
    amountMinor: minorOf(refund.amount),
    currency: refund.amount?.currency_code ?? '',
  });

  const orderOfCapture = async (captureId: string | undefined): Promise<string | undefined> => {
    if (!captureId) return undefined;
    const capture = await api<Capture>(
      'GET',
      `/v2/payments/captures/${encodeURIComponent(assertId(ORDER_OR_CAPTURE_ID, captureId, 'capture id'))}`,
    );
    const orderId = capture.supplementary_data?.related_ids?.order_id;
    return orderId === undefined ? undefined : assertId(ORDER_OR_CAPTURE_ID, orderId, 'order id');
  };

  /** Maps a verified event. Payment events carry the order id only: SimFill asks for its current state. */
  const mapEvent = async (event: WebhookEvent): Promise<ProviderEvent> => {
    const resource = event.resource ?? {};
    const base = {
      id: event.id,
      providerType: event.event_type,
      occurredAt: new Date(event.create_time ?? clock.now()),
      payment: undefined,
      refund: undefined,
    };
    // Checked only for the events SimFill acts on: other resources (disputes `PP-D-…`) have ids of their own shape.
    const resourceId = () =>
      resource.id === undefined ? undefined : assertId(ORDER_OR_CAPTURE_ID, resource.id, 'resource id');
    const relatedOrder = (resource as unknown as Capture).supplementary_data?.related_ids?.order_id;
    const captureOrder = async () =>
      relatedOrder === undefined
        ? await orderOfCapture(resourceId())
        : assertId(ORDER_OR_CAPTURE_ID, relatedOrder, 'order id');
    switch (event.event_type) {
      case 'CHECKOUT.ORDER.APPROVED':
        return { ...base, type: 'payment.processing', providerPaymentId: resourceId() };
      case 'PAYMENT.CAPTURE.COMPLETED':
        return { ...base, type: 'payment.succeeded', providerPaymentId: await captureOrder() };
      case 'PAYMENT.CAPTURE.PENDING':
        return { ...base, type: 'payment.processing', providerPaymentId: await captureOrder() };
      case 'PAYMENT.CAPTURE.DENIED':
      case 'PAYMENT.CAPTURE.DECLINED':
        return { ...base, type: 'payment.failed', providerPaymentId: await captureOrder() };
      case 'PAYMENT.CAPTURE.REFUNDED': {
        const refund = resource as unknown as Refund;
        const up = refund.links?.find((link) => link.rel === 'up')?.href;
        const orderId = await orderOfCapture(captureIdOf(up));
        const mapped = toRefund(refund, orderId ?? '');
        const type =
          mapped.status === 'succeeded'
            ? 'refund.succeeded'
            : mapped.status === 'failed'
              ? 'refund.failed'
              : 'ignored';
        return { ...base, type, providerPaymentId: orderId, refund: mapped };
      }
      default:
        return { ...base, type: 'ignored', providerPaymentId: undefined };
    }
  };

  return {
    name: 'paypal',
    methods: ['paypal'],

    async createPayment(input: CreatePaymentInput) {
      if (input.method !== 'paypal') {
        throw new PaymentProviderError(
          'invalid',
          'payment_method_not_supported',
          `PayPal does not take ${input.method}`,
        );
      }
      if (input.saved) {
        throw new PaymentProviderError(
          'invalid',
          'saved_method_not_supported',
          'PayPal payments need the payer',
        );
      }
      const order = await api<Order>(
        'POST',
        '/v2/checkout/orders',
        {
          intent: 'CAPTURE',
          purchase_units: [
            {
              reference_id: input.metadata.payment_id ?? 'default',
              custom_id: customId(input.metadata),
              // Unique per attempt: PayPal refuses a second capture with the same invoice id.
              invoice_id: input.idempotencyKey.slice(0, 127),
              description: input.description.slice(0, 127),
              amount: {
                currency_code: input.currency,
                value: paypalValue(input.amountMinor, input.currency),
              },
            },
          ],
          payment_source: {
            paypal: {
              ...(input.customerEmail ? { email_address: input.customerEmail } : {}),
              experience_context: {
                ...(options.brandName ? { brand_name: options.brandName.slice(0, 127) } : {}),
                locale: paypalLocale(input.locale),
                shipping_preference: 'NO_SHIPPING',
                user_action: 'PAY_NOW',
                return_url: input.returnUrl,
                cancel_url: input.cancelUrl,
              },
            },
          },
        },
        input.idempotencyKey,
      );
      return toPayment(order);
    },

    async retrievePayment(providerPaymentId) {
      return toPayment(await getOrder(providerPaymentId));
    },

    async capturePayment(providerPaymentId, idempotencyKey) {
      try {
        const order = await api<Order>(
          'POST',
          `/v2/checkout/orders/${encodeURIComponent(providerPaymentId)}/capture`,
          {},
          idempotencyKey,
        );
        return toPayment(order);
      } catch (error) {
        // Captured by an earlier call whose answer was lost (or under another key): the order says how it went.
        if (error instanceof PaymentProviderError && error.providerCode === 'ORDER_ALREADY_CAPTURED') {
          return toPayment(await getOrder(providerPaymentId));
        }
        throw error;
      }
    },

    async cancelPayment(providerPaymentId) {
      // Orders v2 has no cancel: an order nobody captures takes no money and expires. SimFill stops here.
      const payment = toPayment(await getOrder(providerPaymentId));
      if (payment.status === 'succeeded') {
        throw new PaymentProviderError(
          'invalid',
          'ORDER_ALREADY_CAPTURED',
          'The order is captured; refund it instead of cancelling.',
        );
      }
      if (payment.status === 'failed') return payment;
      return { ...payment, status: 'canceled', nextAction: undefined };
    },

    async refund(input) {
      const order = await getOrder(input.providerPaymentId);
      const capture = order.purchase_units?.[0]?.payments?.captures?.find((candidate) =>
        SUCCEEDED_CAPTURES.has(candidate.status),
      );
      if (!capture) {
        throw new PaymentProviderError(
          'invalid',
          'payment_not_captured',
          `PayPal order ${input.providerPaymentId} has no capture to refund`,
        );
      }
      const refund = await api<Refund>(
        'POST',
        `/v2/payments/captures/${encodeURIComponent(assertId(ORDER_OR_CAPTURE_ID, capture.id, 'capture id'))}/refund`,
        {
          amount: { currency_code: input.currency, value: paypalValue(input.amountMinor, input.currency) },
          // PayPal refuses a second refund with the same invoice id: one more guard against refunding twice.
          invoice_id: input.idempotencyKey.slice(0, 127),
          custom_id: refundCustomId(input.metadata),
        },
        input.idempotencyKey,
      );
      return toRefund(refund, input.providerPaymentId);
    },

    async parseWebhook(rawBody, headers) {
      const lower = new Map(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
      const transmission: Record<string, string> = {};
      for (const [field, header] of Object.entries(WEBHOOK_HEADERS)) {
        const raw = lower.get(header);
        const value = Array.isArray(raw) ? raw[0] : raw;
        if (typeof value !== 'string' || value === '')
          throw new WebhookVerificationError(`missing ${header} header`);
        transmission[field] = value;
      }
      // Not a time, or later than the tolerance allows: no PayPal transmission (PayPal's verification does not judge it).
      const sentAtMs = Date.parse(transmission.transmission_time!);
      if (!Number.isFinite(sentAtMs) || sentAtMs - clock.now().getTime() > webhookToleranceMs) {
        throw new WebhookVerificationError('the transmission time is not a time or is in the future');
      }
      const text = rawBody.toString('utf8');
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new WebhookVerificationError('the webhook body is not JSON');
      }
      const event = readWebhookEvent(parsed);
      // The inbox de-duplicates on the event id: it must be one.
      if (!EVENT_ID.test(event.id)) throw new WebhookEventInvalidError('id');
      // The event goes back exactly as received (PayPal checks a CRC32 of it), spliced in rather than re-encoded.
      const fields = JSON.stringify({ ...transmission, webhook_id: options.webhookId });
      const verifyBody = `${fields.slice(0, -1)},"webhook_event":${text}}`;
      let verdict: { verification_status?: string };
      try {
        verdict = await api('POST', '/v1/notifications/verify-webhook-signature', verifyBody);
      } catch (error) {
        // PayPal refused the fields themselves (400): not a signature PayPal made.
        if (error instanceof PaymentProviderError && error.kind === 'invalid') {
          throw new WebhookVerificationError(`PayPal rejected the verification request: ${error.message}`);
        }
        throw error;
      }
      if (verdict.verification_status !== 'SUCCESS') {
        throw new WebhookVerificationError('PayPal did not verify the webhook signature');
      }
      return mapEvent(event);
    },
  };
}
