import Stripe from 'stripe';
import {
  PaymentProviderError,
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
} from '../../modules/payments/provider.js';

/**
 * The Stripe adapter: the official `stripe` SDK pointed at `apiBase` (the simulator in embedded mode and tests,
 * https://api.stripe.com in production). Alipay and WeChat Pay are PaymentIntents confirmed at creation (their
 * next action is Alipay's redirect or WeChat's QR code); a card PaymentIntent waits for the customer on the
 * hosted card page (`hostedPagesBase`), which is where card data is typed — SimFill never sees it.
 */

export interface StripeProviderOptions {
  secretKey: string;
  webhookSecret: string;
  /** `http://127.0.0.1:4242` (simulator) or `https://api.stripe.com`. */
  apiBase: string;
  /** Where the customer types card data; the simulator serves `/pay/{id}` and `/setup/{id}`. */
  hostedPagesBase?: string;
  timeoutMs: number;
  /** Webhook timestamp tolerance; Stripe's default is 300 s. */
  webhookToleranceSeconds?: number;
}

type Intent = Stripe.PaymentIntent;

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
    error instanceof Stripe.errors.StripeInvalidRequestError ||
    error instanceof Stripe.errors.StripeIdempotencyError
  ) {
    throw new PaymentProviderError('invalid', error.code ?? error.type, error.message);
  }
  if (error instanceof Stripe.errors.StripeError) {
    // StripeAPIError (5xx), StripeConnectionError (network, timeout), StripeRateLimitError: outcome unknown.
    throw new PaymentProviderError('unavailable', error.type, error.message);
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
    const wallet = method.card.wallet?.type === 'apple_pay' ? 'apple_pay' : undefined;
    return {
      kind: wallet ? 'apple_pay' : 'card',
      brand: method.card.brand,
      last4: method.card.last4,
      wallet,
      providerMethodId: method.id,
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
    providerMethodId: method.id,
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
    maxNetworkRetries: 0,
    telemetry: false,
  });
  const tolerance = options.webhookToleranceSeconds ?? 300;
  const returnUrls = new Map<string, { returnUrl: string; locale: string }>();

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
    const withLocale = (raw: string) => {
      const url = new URL(raw);
      url.searchParams.set('locale', locale);
      return url.toString();
    };
    if (action?.type === 'redirect_to_url' && action.redirect_to_url?.url) {
      return { type: 'redirect', url: withLocale(action.redirect_to_url.url) };
    }
    if (action?.type === 'alipay_handle_redirect' && action.alipay_handle_redirect?.url) {
      return { type: 'redirect', url: withLocale(action.alipay_handle_redirect.url) };
    }
    if (action?.type === 'wechat_pay_display_qr_code' && action.wechat_pay_display_qr_code) {
      const qr = action.wechat_pay_display_qr_code;
      return {
        type: 'display_qr',
        data: qr.data,
        imageUrlPng: qr.image_url_png,
        imageUrlSvg: qr.image_url_svg,
        hostedInstructionsUrl: withLocale(qr.hosted_instructions_url),
        expiresAt: undefined,
      };
    }
    return undefined;
  };

  const toPayment = (intent: Intent): ProviderPayment => {
    const type = intent.allowed_payment_method_types?.[0] ?? intent.payment_method_types[0] ?? 'card';
    const common = {
      providerPaymentId: intent.id,
      amountMinor: intent.amount,
      currency: intent.currency.toUpperCase(),
      amountRefundedMinor: 0,
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
        // A card PaymentIntent waiting for the customer to type their card on the hosted page.
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
      expand: ['payment_method'],
    };
    const requestOptions = { idempotencyKey: input.idempotencyKey };
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
    return stripe.paymentIntents.create(
      { ...common, allowed_payment_method_types: ['card'] },
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
    const url = new URL(`${hostedBase}/setup/${setup.id}`);
    if (returnUrl) url.searchParams.set('return_url', returnUrl);
    if (locale) url.searchParams.set('locale', locale);
    const status =
      setup.status === 'succeeded'
        ? 'succeeded'
        : setup.status === 'canceled'
          ? 'canceled'
          : setup.status === 'processing'
            ? 'processing'
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

    async createPayment(input) {
      const intent = await call(() => createIntent(input));
      returnUrls.set(intent.id, { returnUrl: input.returnUrl, locale: input.locale });
      return toPayment(intent);
    },

    async retrievePayment(providerPaymentId) {
      return toPayment(
        await call(() => stripe.paymentIntents.retrieve(providerPaymentId, { expand: ['payment_method'] })),
      );
    },

    async cancelPayment(providerPaymentId, idempotencyKey) {
      return toPayment(
        await call(() => stripe.paymentIntents.cancel(providerPaymentId, {}, { idempotencyKey })),
      );
    },

    async refund(input) {
      const refund = await call(() =>
        stripe.refunds.create(
          { payment_intent: input.providerPaymentId, amount: input.amountMinor, metadata: input.metadata },
          { idempotencyKey: input.idempotencyKey },
        ),
      );
      return toRefund(refund);
    },

    async parseWebhook(rawBody, headers) {
      const signature = headers['stripe-signature'];
      if (typeof signature !== 'string')
        throw new WebhookVerificationError('missing Stripe-Signature header');
      let event: Stripe.Event;
      try {
        event = stripe.webhooks.constructEvent(rawBody, signature, options.webhookSecret, tolerance);
      } catch (error) {
        throw new WebhookVerificationError((error as Error).message);
      }
      return mapEvent(event);
    },

    async ensureCustomer(input) {
      const customer = await call(() =>
        stripe.customers.create(
          { email: input.email, metadata: { simfill_customer: input.simfillCustomerId } },
          { idempotencyKey: input.idempotencyKey },
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
          },
          { idempotencyKey: input.idempotencyKey },
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

const PAYMENT_EVENTS: Record<string, ProviderEvent['type']> = {
  'payment_intent.requires_action': 'payment.requires_action',
  'payment_intent.processing': 'payment.processing',
  'payment_intent.succeeded': 'payment.succeeded',
  'payment_intent.payment_failed': 'payment.failed',
  'payment_intent.canceled': 'payment.canceled',
};

/**
 * Maps a verified Stripe event. Payment events carry only the id: SimFill asks for the current state when it
 * applies them (so their order does not matter). Refund events carry the refund.
 */
function mapEvent(event: Stripe.Event): ProviderEvent {
  const occurredAt = new Date(event.created * 1000);
  const base = { id: event.id, providerType: event.type, occurredAt, payment: undefined, refund: undefined };
  const paymentType = PAYMENT_EVENTS[event.type];
  if (paymentType) {
    const intent = event.data.object as Intent;
    return { ...base, type: paymentType, providerPaymentId: intent.id };
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
