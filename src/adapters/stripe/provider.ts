import Stripe from 'stripe';
import { z } from 'zod';
import {
  PaymentProviderError,
  WebhookEventInvalidError,
  WebhookVerificationError,
  type CreatePaymentInput,
  type NextAction,
  type PaymentMethodDisplay,
  type PaymentProvider,
  type ProviderEvent,
  type ProviderPayment,
  type ProviderRefund,
  type ProviderSetup,
  type SavedMethodProvider,
} from '../../ports/payments.js';
import { stripeIdempotencyKey, stripeMinimumCharge } from './limits.js';

/**
 * The Stripe adapter: the official `stripe` SDK pointed at `apiBase` (the simulator in embedded mode and tests,
 * https://api.stripe.com in production). Every PaymentIntent is confirmed at creation: Alipay's next action is a
 * redirect, WeChat Pay's a QR code, a card's (and Apple Pay's) a redirect to the hosted card page where the
 * customer types the card or presses Apple Pay — SimFill never sees card data. A saved card is charged off
 * session and needs no page.
 */

export interface StripeProviderOptions {
  secretKey: string;
  webhookSecret: string;
  /** `http://127.0.0.1:4242` (simulator) or `https://api.stripe.com`. */
  apiBase: string;
  /**
   * A card page of your own (Stripe Elements) serving `/pay/{pi}` and `/setup/{seti}` with `client_secret`,
   * `return_url` and `locale` parameters. When set, card PaymentIntents and SetupIntents are created
   * unconfirmed and the customer is sent there; when not, the provider's own `redirect_to_url` is used (the
   * simulator's hosted page).
   */
  hostedPagesBase?: string;
  /** Per request; a request that takes longer is `unavailable`. */
  timeoutMs: number;
  /** The SDK's own retries (same idempotency key). 0 by default: SimFill retries itself. */
  maxNetworkRetries?: number;
  /** Webhook timestamp tolerance; Stripe's default is 300 s. */
  webhookToleranceSeconds?: number;
  /** The Stripe account's settlement currency: it sets the minimum charge (USD by default: $0.50). */
  settlementCurrency?: string;
}

/** Request options with the idempotency key as Stripe accepts it (at most 255 characters). */
const keyed = (idempotencyKey: string) => ({ idempotencyKey: stripeIdempotencyKey(idempotencyKey) });

type Intent = Stripe.PaymentIntent;

/** Stripe's `code`, else its error `type` (`api_error`, `idempotency_error`), else the SDK's class name. */
const codeOf = (error: Stripe.errors.StripeError): string => error.code ?? error.rawType ?? error.type;

function classify(error: unknown): never {
  if (error instanceof Stripe.errors.StripeCardError) {
    throw new PaymentProviderError(
      'declined',
      error.code ?? 'card_declined',
      error.message,
      error.decline_code,
    );
  }
  if (
    error instanceof Stripe.errors.StripeAuthenticationError ||
    error instanceof Stripe.errors.StripePermissionError
  ) {
    throw new PaymentProviderError('authentication', 'authentication_failed', error.message);
  }
  if (
    error instanceof Stripe.errors.StripeInvalidRequestError &&
    (error.code === 'idempotency_key_in_use' || error.code === 'lock_timeout')
  ) {
    // 409: the same key is still being worked on: the outcome is not known yet.
    throw new PaymentProviderError('unavailable', error.code, error.message);
  }
  if (
    error instanceof Stripe.errors.StripeInvalidRequestError ||
    error instanceof Stripe.errors.StripeIdempotencyError
  ) {
    throw new PaymentProviderError('invalid', codeOf(error), error.message);
  }
  if (error instanceof Stripe.errors.StripeError) {
    // StripeAPIError (5xx), StripeConnectionError (network, timeout), StripeRateLimitError: outcome unknown.
    throw new PaymentProviderError('unavailable', codeOf(error), error.message);
  }
  throw error;
}

async function call<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    return classify(error);
  }
}

function methodDisplay(
  method: string | Stripe.PaymentMethod | null,
  fallbackType: string,
): PaymentMethodDisplay | undefined {
  if (!method || typeof method === 'string') {
    if (fallbackType === 'alipay' || fallbackType === 'wechat_pay') {
      return {
        kind: fallbackType,
        brand: undefined,
        last4: undefined,
        wallet: undefined,
        providerMethodId: undefined,
        payerEmail: undefined,
      };
    }
    return undefined;
  }
  if (method.type === 'card' && method.card) {
    // Apple Pay is a card from a wallet: kind `card`, wallet `apple_pay`.
    const wallet = method.card.wallet?.type === 'apple_pay' ? 'apple_pay' : undefined;
    return {
      kind: 'card',
      brand: method.card.brand,
      last4: method.card.last4,
      wallet,
      // Reusable only once saved on a customer (SetupIntent or attach).
      providerMethodId: method.customer ? method.id : undefined,
      payerEmail: undefined,
    };
  }
  const kind: PaymentMethodDisplay['kind'] =
    method.type === 'alipay' ? 'alipay' : method.type === 'wechat_pay' ? 'wechat_pay' : 'card';
  return {
    kind,
    brand: undefined,
    last4: undefined,
    wallet: undefined,
    providerMethodId: undefined,
    payerEmail: undefined,
  };
}

export function createStripeProvider(options: StripeProviderOptions): PaymentProvider & SavedMethodProvider {
  const base = new URL(options.apiBase);
  const hostedBase = (options.hostedPagesBase ?? options.apiBase).replace(/\/+$/, '');
  const stripe = new Stripe(options.secretKey, {
    host: base.hostname,
    port: base.port || (base.protocol === 'https:' ? 443 : 80),
    protocol: base.protocol === 'https:' ? 'https' : 'http',
    timeout: options.timeoutMs,
    maxNetworkRetries: options.maxNetworkRetries ?? 0,
    telemetry: false,
  });
  const tolerance = options.webhookToleranceSeconds ?? 300;
  const minimumCharge = stripeMinimumCharge(options.settlementCurrency ?? 'USD');
  /** The language and return URL of recent payments, for the hosted pages' links (bounded: newest kept). */
  const returnUrls = new Map<string, { returnUrl: string; locale: string }>();
  const remember = (intentId: string, context: { returnUrl: string; locale: string }) => {
    returnUrls.delete(intentId);
    returnUrls.set(intentId, context);
    if (returnUrls.size > 10_000) returnUrls.delete(returnUrls.keys().next().value!);
  };

  const hostedCardPage = (intent: Intent): string => {
    const context = returnUrls.get(intent.id);
    const url = new URL(`${hostedBase}/pay/${intent.id}`);
    url.searchParams.set('client_secret', intent.client_secret ?? '');
    if (context) {
      url.searchParams.set('return_url', context.returnUrl);
      url.searchParams.set('locale', context.locale);
    }
    return url.toString();
  };

  const nextActionOf = (intent: Intent): NextAction | undefined => {
    const action = intent.next_action;
    const locale = returnUrls.get(intent.id)?.locale ?? 'en';
    // Stripe's hosted pages pick their language themselves; the simulator's take `locale` (else Accept-Language).
    const withLocale = (raw: string) => {
      const url = new URL(raw);
      if (returnUrls.has(intent.id)) url.searchParams.set('locale', locale);
      return url.toString();
    };
    if (action?.type === 'redirect_to_url' && action.redirect_to_url?.url) {
      return { type: 'redirect', url: withLocale(action.redirect_to_url.url) };
    }
    if (action?.type === 'alipay_handle_redirect' && action.alipay_handle_redirect?.url) {
      return { type: 'redirect', url: withLocale(action.alipay_handle_redirect.url) };
    }
    if (action?.type === 'wechat_pay_display_qr_code' && action.wechat_pay_display_qr_code) {
      // Stripe's object has data, hosted_instructions_url, image_data_url, image_url_png, image_url_svg: no expiry.
      const qr = action.wechat_pay_display_qr_code;
      return {
        type: 'display_qr',
        data: qr.data,
        imageUrlPng: qr.image_url_png,
        imageUrlSvg: qr.image_url_svg || undefined,
        hostedInstructionsUrl: qr.hosted_instructions_url
          ? withLocale(qr.hosted_instructions_url)
          : undefined,
      };
    }
    return undefined;
  };

  const toPayment = (intent: Intent): ProviderPayment => {
    const type = intent.allowed_payment_method_types?.[0] ?? intent.payment_method_types?.[0] ?? 'card';
    const common = {
      providerPaymentId: intent.id,
      amountMinor: intent.amount,
      currency: intent.currency.toUpperCase(),
      amountRefundedMinor:
        intent.latest_charge && typeof intent.latest_charge === 'object'
          ? intent.latest_charge.amount_refunded
          : 0,
      paymentMethod: methodDisplay(intent.payment_method, type),
      providerCustomerId:
        typeof intent.customer === 'string' ? intent.customer : (intent.customer?.id ?? undefined),
      failure: undefined,
      nextAction: undefined,
    };
    switch (intent.status) {
      case 'succeeded':
        return { ...common, status: 'succeeded' };
      case 'processing':
        return { ...common, status: 'processing' };
      case 'canceled':
        return { ...common, status: 'canceled' };
      case 'requires_action':
        return { ...common, status: 'requires_action', nextAction: nextActionOf(intent) };
      default: {
        const error = intent.last_payment_error;
        if (error) {
          return {
            ...common,
            status: 'failed',
            failure: {
              code: error.code ?? 'payment_failed',
              declineCode: error.decline_code,
              message: error.message ?? '',
            },
          };
        }
        // An unconfirmed card PaymentIntent (`hostedPagesBase`): the customer types their card on that page.
        return {
          ...common,
          status: 'requires_action',
          nextAction: { type: 'redirect', url: hostedCardPage(intent) },
        };
      }
    }
  };

  const createIntent = (input: CreatePaymentInput): Promise<Intent> => {
    const common = {
      amount: input.amountMinor,
      currency: input.currency.toLowerCase(),
      description: input.description,
      metadata: input.metadata,
      expand: ['payment_method', 'latest_charge'],
    };
    const requestOptions = keyed(input.idempotencyKey);
    if (input.method === 'alipay') {
      return stripe.paymentIntents.create(
        {
          ...common,
          allowed_payment_method_types: ['alipay'],
          payment_method_data: { type: 'alipay' },
          confirm: true,
          return_url: input.returnUrl,
        },
        requestOptions,
      );
    }
    if (input.method === 'wechat_pay') {
      return stripe.paymentIntents.create(
        {
          ...common,
          allowed_payment_method_types: ['wechat_pay'],
          payment_method_data: { type: 'wechat_pay' },
          payment_method_options: { wechat_pay: { client: 'web' } },
          confirm: true,
          // Where the hosted instructions page sends the customer once WeChat has answered.
          return_url: input.returnUrl,
        },
        requestOptions,
      );
    }
    if (input.saved) {
      return stripe.paymentIntents.create(
        {
          ...common,
          allowed_payment_method_types: ['card'],
          customer: input.saved.providerCustomerId,
          payment_method: input.saved.providerMethodId,
          off_session: true,
          confirm: true,
        },
        requestOptions,
      );
    }
    // Card and Apple Pay (a card from a wallet: the hosted page offers its button).
    if (options.hostedPagesBase) {
      return stripe.paymentIntents.create(
        { ...common, allowed_payment_method_types: ['card'] },
        requestOptions,
      );
    }
    return stripe.paymentIntents.create(
      { ...common, allowed_payment_method_types: ['card'], confirm: true, return_url: input.returnUrl },
      requestOptions,
    );
  };

  const toRefund = (refund: Stripe.Refund): ProviderRefund => ({
    providerRefundId: refund.id,
    providerPaymentId:
      typeof refund.payment_intent === 'string' ? refund.payment_intent : (refund.payment_intent?.id ?? ''),
    status:
      refund.status === 'succeeded'
        ? 'succeeded'
        : refund.status === 'failed' || refund.status === 'canceled'
          ? 'failed'
          : 'pending',
    amountMinor: refund.amount,
    currency: refund.currency.toUpperCase(),
  });

  const toSetup = (setup: Stripe.SetupIntent, returnUrl?: string, locale?: string): ProviderSetup => {
    const redirect =
      setup.next_action?.type === 'redirect_to_url' ? setup.next_action.redirect_to_url?.url : null;
    const url = new URL(redirect ?? `${hostedBase}/setup/${setup.id}`);
    if (!redirect) {
      url.searchParams.set('client_secret', setup.client_secret ?? '');
      if (returnUrl) url.searchParams.set('return_url', returnUrl);
    }
    if (locale) url.searchParams.set('locale', locale);
    const status: ProviderSetup['status'] =
      setup.status === 'succeeded'
        ? 'succeeded'
        : setup.status === 'canceled'
          ? 'canceled'
          : setup.status === 'processing'
            ? 'processing'
            : setup.status === 'requires_payment_method' && setup.last_setup_error
              ? 'failed'
              : 'requires_action';
    return {
      providerSetupId: setup.id,
      providerCustomerId: typeof setup.customer === 'string' ? setup.customer : (setup.customer?.id ?? ''),
      status,
      nextAction: status === 'requires_action' ? { type: 'redirect', url: url.toString() } : undefined,
      paymentMethod: methodDisplay(setup.payment_method, 'card'),
    };
  };

  return {
    name: 'stripe',
    methods: ['card', 'apple_pay', 'alipay', 'wechat_pay'],

    // Every method here is a card or a wallet: Stripe's settlement minimum applies to each alike.
    minimumCharge: () => minimumCharge,

    async createPayment(input) {
      const intent = await call(() => createIntent(input));
      remember(intent.id, { returnUrl: input.returnUrl, locale: input.locale });
      return toPayment(intent);
    },

    async retrievePayment(providerPaymentId) {
      return toPayment(
        await call(() =>
          stripe.paymentIntents.retrieve(providerPaymentId, { expand: ['payment_method', 'latest_charge'] }),
        ),
      );
    },

    async cancelPayment(providerPaymentId, idempotencyKey) {
      return toPayment(
        await call(() =>
          stripe.paymentIntents.cancel(
            providerPaymentId,
            { expand: ['payment_method', 'latest_charge'] },
            keyed(idempotencyKey),
          ),
        ),
      );
    },

    async refund(input) {
      const refund = await call(() =>
        stripe.refunds.create(
          { payment_intent: input.providerPaymentId, amount: input.amountMinor, metadata: input.metadata },
          keyed(input.idempotencyKey),
        ),
      );
      return toRefund(refund);
    },

    async parseWebhook(rawBody, headers) {
      const header = headers['stripe-signature'];
      const signature = Array.isArray(header) ? header[0] : header;
      if (typeof signature !== 'string' || signature === '')
        throw new WebhookVerificationError('missing Stripe-Signature header');
      const receivedAtMs = Date.now();
      const verify = [rawBody, signature, options.webhookSecret, tolerance, undefined, receivedAtMs] as const;
      // The signature on its own first: only a body it holds for can be called malformed.
      try {
        stripe.webhooks.signature!.verifyHeader(...verify);
      } catch (error) {
        throw new WebhookVerificationError((error as Error).message);
      }
      let event: unknown;
      try {
        event = stripe.webhooks.constructEvent(...verify);
      } catch {
        // Signed, yet the SDK makes no event of it: not JSON, or a thin event (`object: 'v2.core.event'`, a plain
        // Error) that SimFill does not subscribe to.
        throw new WebhookEventInvalidError('body');
      }
      // The SDK refuses only timestamps older than the tolerance; one from the future is refused here.
      const signedAt = signedAtSeconds(signature);
      if (signedAt !== undefined && signedAt - Math.floor(receivedAtMs / 1000) > tolerance) {
        throw new WebhookVerificationError('the signature timestamp is in the future beyond the tolerance');
      }
      return mapEvent(readEvent(event), toPayment);
    },

    async ensureCustomer(input) {
      const customer = await call(() =>
        stripe.customers.create(
          { email: input.email, metadata: { simfill_customer: input.simfillCustomerId } },
          keyed(input.idempotencyKey),
        ),
      );
      return customer.id;
    },

    async createSetup(input) {
      const setup = await call(() =>
        stripe.setupIntents.create(
          {
            customer: input.providerCustomerId,
            allowed_payment_method_types: ['card'],
            usage: 'off_session',
            ...(options.hostedPagesBase ? {} : { confirm: true, return_url: input.returnUrl }),
          },
          keyed(input.idempotencyKey),
        ),
      );
      return toSetup(setup, input.returnUrl, input.locale);
    },

    async retrieveSetup(providerSetupId) {
      return toSetup(
        await call(() => stripe.setupIntents.retrieve(providerSetupId, { expand: ['payment_method'] })),
      );
    },

    async listMethods(providerCustomerId) {
      const methods = await call(() =>
        stripe.customers.listPaymentMethods(providerCustomerId, { type: 'card', limit: 100 }),
      );
      return methods.data.flatMap((method) => methodDisplay(method, 'card') ?? []);
    },

    async detachMethod(providerMethodId) {
      await call(() => stripe.paymentMethods.detach(providerMethodId));
    },
  };
}

/**
 * The events SimFill's webhook endpoint subscribes to (its `enabled_events` in the Stripe dashboard): those it
 * acts on. `payment_intent.created` and `requires_action` are left out: SimFill learns both from its own create
 * call's answer, and every event it does not need costs a delivery, a signature check and an inbox row.
 */
export const STRIPE_WEBHOOK_EVENTS = [
  'payment_intent.processing',
  'payment_intent.succeeded',
  'payment_intent.payment_failed',
  'payment_intent.canceled',
  'refund.created',
  'refund.updated',
  'refund.failed',
  'setup_intent.succeeded',
] as const;

/** The `t=` of a `Stripe-Signature` header, read as the SDK reads it (the last one wins). */
function signedAtSeconds(header: string): number | undefined {
  let timestamp: number | undefined;
  for (const item of header.split(',')) {
    const [key, value] = item.split('=');
    if (key === 't' && value !== undefined) timestamp = Number.parseInt(value, 10);
  }
  return timestamp !== undefined && Number.isFinite(timestamp) ? timestamp : undefined;
}

const stripeId = z.string().min(1).max(255);
/** An expandable field: the id, the expanded object, or nothing. */
const expandable = <T extends z.ZodType>(object: T) => z.union([stripeId, object, z.null()]).optional();
const currency = z.string().regex(/^[a-z]{3}$/);

/**
 * What SimFill reads of a Stripe event, checked before anything is stored (Stripe adds fields freely, so
 * unknown fields pass). The SDK checks only the signature: a signed body may still be `[]`, `{"id":1}` or a
 * PaymentIntent without an amount, and those must be refused, not crash the inbox.
 */
const eventSchema = z.looseObject({
  id: stripeId,
  type: z.string().min(1).max(255),
  // Seconds since the epoch, up to 9999-12-31 (a later one is not a date).
  created: z.number().int().min(0).max(253_402_300_799),
  data: z.looseObject({ object: z.looseObject({}) }),
});

const intentSchema = z.looseObject({
  id: stripeId,
  status: z.string().min(1),
  amount: z.number().int().min(0),
  currency,
  payment_method_types: z.array(z.string()).optional(),
  allowed_payment_method_types: z.array(z.string()).optional(),
  latest_charge: expandable(z.looseObject({ amount_refunded: z.number().int().min(0) })),
  payment_method: expandable(
    z.looseObject({
      id: stripeId,
      type: z.string(),
      customer: expandable(z.looseObject({ id: stripeId })),
      card: z
        .looseObject({
          brand: z.string(),
          last4: z.string(),
          wallet: z.looseObject({ type: z.string() }).nullable().optional(),
        })
        .nullable()
        .optional(),
    }),
  ),
  customer: expandable(z.looseObject({ id: stripeId })),
  last_payment_error: z
    .looseObject({
      code: z.string().nullable().optional(),
      decline_code: z.string().nullable().optional(),
      message: z.string().nullable().optional(),
    })
    .nullable()
    .optional(),
  next_action: z.looseObject({ type: z.string() }).nullable().optional(),
});

const refundSchema = z.looseObject({
  id: stripeId,
  status: z.string().nullable(),
  amount: z.number().int().min(0),
  currency,
  payment_intent: expandable(z.looseObject({ id: stripeId })),
});

/** A verified event, checked against what `mapEvent` reads; a malformed one is a `WebhookEventInvalidError`. */
function readEvent(body: unknown): Stripe.Event {
  const event = eventSchema.safeParse(body);
  if (!event.success) throw WebhookEventInvalidError.at(event.error);
  const type = event.data.type;
  const objectSchema = paymentEventType(type)
    ? intentSchema
    : type.startsWith('refund.')
      ? refundSchema
      : undefined;
  const object = objectSchema?.safeParse(event.data.data.object);
  if (object && !object.success) throw WebhookEventInvalidError.at(object.error, ['data', 'object']);
  return body as Stripe.Event;
}

const PAYMENT_EVENTS: Record<string, ProviderEvent['type']> = {
  'payment_intent.requires_action': 'payment.requires_action',
  'payment_intent.processing': 'payment.processing',
  'payment_intent.succeeded': 'payment.succeeded',
  'payment_intent.payment_failed': 'payment.failed',
  'payment_intent.canceled': 'payment.canceled',
};

const paymentEventType = (type: string) =>
  Object.hasOwn(PAYMENT_EVENTS, type) ? PAYMENT_EVENTS[type] : undefined;

/**
 * Maps a verified Stripe event. Payment events carry only the id, and SimFill asks for the current state when it
 * applies them (so their order does not matter) — except a PaymentIntent that `succeeded`: that state is final
 * at Stripe, so the event's own snapshot is the answer when it holds everything SimFill shows (an Alipay or
 * WeChat Pay payment; a card's brand and last 4 come only with the expanded method, so cards are asked about).
 * Refund events carry the refund.
 */
function mapEvent(event: Stripe.Event, toPayment: (intent: Intent) => ProviderPayment): ProviderEvent {
  const occurredAt = new Date(event.created * 1000);
  const base = { id: event.id, providerType: event.type, occurredAt, payment: undefined, refund: undefined };
  const paymentType = paymentEventType(event.type);
  if (paymentType) {
    const intent = event.data.object as Intent;
    const snapshot = intent.status === 'succeeded' ? toPayment(intent) : undefined;
    const complete = snapshot?.status === 'succeeded' && snapshot.paymentMethod !== undefined;
    return {
      ...base,
      type: paymentType,
      providerPaymentId: intent.id,
      payment: complete ? snapshot : undefined,
    };
  }
  if (event.type === 'refund.created' || event.type === 'refund.updated' || event.type === 'refund.failed') {
    const refund = event.data.object;
    const status =
      refund.status === 'succeeded'
        ? 'refund.succeeded'
        : refund.status === 'failed' || refund.status === 'canceled'
          ? 'refund.failed'
          : 'ignored';
    const paymentId =
      typeof refund.payment_intent === 'string' ? refund.payment_intent : refund.payment_intent?.id;
    return {
      ...base,
      type: status,
      providerPaymentId: paymentId,
      refund: {
        providerRefundId: refund.id,
        providerPaymentId: paymentId ?? '',
        status:
          status === 'refund.succeeded' ? 'succeeded' : status === 'refund.failed' ? 'failed' : 'pending',
        amountMinor: refund.amount,
        currency: refund.currency.toUpperCase(),
      },
    };
  }
  if (event.type === 'setup_intent.succeeded')
    return { ...base, type: 'setup.succeeded', providerPaymentId: undefined };
  return { ...base, type: 'ignored', providerPaymentId: undefined };
}
