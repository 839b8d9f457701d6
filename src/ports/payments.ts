import type { Money } from '../kernel/money.js';

/**
 * The one interface every payment provider adapter implements (src/adapters/stripe, src/adapters/paypal).
 * SimFill keeps only provider ids and display data (brand, last4, wallet): card numbers are typed into the
 * provider's hosted page and never reach SimFill.
 *
 * Amounts are integer minor units with an ISO 4217 currency. Every call that creates or moves money takes
 * an idempotency key derived from SimFill's own order attempt, passed to the provider as its idempotency
 * key, so a retried call can never charge twice.
 */

export type PaymentMethodKind = 'card' | 'apple_pay' | 'alipay' | 'wechat_pay' | 'paypal';

/** How a customer can pay an order: a provider's method, or their SimFill wallet (no provider). */
export const PAYMENT_METHODS = ['card', 'apple_pay', 'alipay', 'wechat_pay', 'paypal', 'wallet'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** The provider's view of a payment, mapped onto one small vocabulary. */
export type ProviderPaymentStatus =
  /** Waiting for the customer: hosted card page, 3-D Secure, Alipay redirect, WeChat QR, PayPal approval. */
  | 'requires_action'
  /** The customer approved; the provider has not reported the final result yet. */
  | 'processing'
  | 'succeeded'
  /** Declined or abandoned; a new attempt is needed. */
  | 'failed'
  | 'canceled';

export type NextAction =
  /** Send the customer's browser to `url` (hosted card page, Alipay, PayPal approve link). */
  | { type: 'redirect'; url: string }
  /** Show a QR code the customer scans with WeChat; `data` is the string the QR encodes. */
  | {
      type: 'display_qr';
      data: string;
      imageUrlPng: string;
      imageUrlSvg: string | undefined;
      hostedInstructionsUrl: string | undefined;
    };

/** What the receipt may show about how the customer paid. Never a card number. */
export interface PaymentMethodDisplay {
  kind: PaymentMethodKind;
  /** `visa`, `mastercard`, `amex`, `unionpay`, … for cards and Apple Pay. */
  brand: string | undefined;
  last4: string | undefined;
  /** `apple_pay` when a card came from a wallet. */
  wallet: 'apple_pay' | undefined;
  /** The provider's reusable method id (`pm_…`) when the method was saved. */
  providerMethodId: string | undefined;
  /** PayPal payer email, shown masked by the portal. */
  payerEmail: string | undefined;
}

export interface ProviderFailure {
  /** The provider's code: `card_declined`, `expired_card`, `payment_intent_authentication_failure`, … */
  code: string;
  /** `insufficient_funds`, `generic_decline`, … when the provider gives one. */
  declineCode: string | undefined;
  /** The provider's message, in English; SimFill shows its own translated message by `code`. */
  message: string;
}

export interface ProviderPayment {
  providerPaymentId: string;
  status: ProviderPaymentStatus;
  amountMinor: number;
  currency: string;
  amountRefundedMinor: number;
  nextAction: NextAction | undefined;
  paymentMethod: PaymentMethodDisplay | undefined;
  failure: ProviderFailure | undefined;
  /** The provider customer the payment belongs to, when there is one (`cus_…` at Stripe). */
  providerCustomerId: string | undefined;
}

export interface CreatePaymentInput {
  /** Derived from SimFill's order attempt; the provider de-duplicates on it. */
  idempotencyKey: string;
  amountMinor: number;
  currency: string;
  method: PaymentMethodKind;
  /** Shown by the provider to the customer (statement line, PayPal item). */
  description: string;
  /** SimFill ids (`order_id`, `payment_id`) stored at the provider, for reconciliation. */
  metadata: Record<string, string>;
  /** Where the provider sends the customer back after approving or declining. */
  returnUrl: string;
  /** Where PayPal sends the customer who cancels; other providers use `returnUrl`. */
  cancelUrl: string;
  /** `zh-CN` or `en`: the language of the provider's hosted pages. */
  locale: string;
  customerEmail: string | undefined;
  /** Charge a saved method (`pm_…`) of this provider customer, off session, without a hosted page. */
  saved: { providerCustomerId: string; providerMethodId: string } | undefined;
}

export interface RefundInput {
  providerPaymentId: string;
  amountMinor: number;
  currency: string;
  idempotencyKey: string;
  metadata: Record<string, string>;
}

export interface ProviderRefund {
  providerRefundId: string;
  providerPaymentId: string;
  status: 'pending' | 'succeeded' | 'failed';
  amountMinor: number;
  currency: string;
}

/** A provider webhook, verified and mapped. `type: 'ignored'` for events SimFill does not act on. */
export interface ProviderEvent {
  /** The provider's event id (`evt_…`, `WH-…`): the inbox de-duplicates on it. */
  id: string;
  /** The provider's own event type (`payment_intent.succeeded`, `PAYMENT.CAPTURE.COMPLETED`). */
  providerType: string;
  type:
    | 'payment.requires_action'
    | 'payment.processing'
    | 'payment.succeeded'
    | 'payment.failed'
    | 'payment.canceled'
    | 'refund.succeeded'
    | 'refund.failed'
    | 'setup.succeeded'
    | 'ignored';
  occurredAt: Date;
  providerPaymentId: string | undefined;
  /** The payment as the event carried it. */
  payment: ProviderPayment | undefined;
  refund: ProviderRefund | undefined;
}

/** Saving a method for later (auto-recharge): Stripe SetupIntents. */
export interface ProviderSetup {
  providerSetupId: string;
  providerCustomerId: string;
  status: 'requires_action' | 'processing' | 'succeeded' | 'failed' | 'canceled';
  nextAction: NextAction | undefined;
  paymentMethod: PaymentMethodDisplay | undefined;
}

/**
 * A provider error, classified so the caller knows what to do:
 * - `declined`: the customer's method was refused; tell them, offer another method.
 * - `invalid`: SimFill sent something the provider rejects (a bug or bad input); do not retry.
 * - `unavailable`: 5xx, timeout or network error; the outcome is unknown, so ask the provider (retrieve by
 *   id or retry with the same idempotency key) before anything else.
 * - `authentication`: wrong keys; an operator must fix configuration.
 */
export class PaymentProviderError extends Error {
  constructor(
    readonly kind: 'declined' | 'invalid' | 'unavailable' | 'authentication',
    readonly providerCode: string,
    message: string,
    readonly declineCode?: string,
  ) {
    super(message);
    this.name = 'PaymentProviderError';
  }
}

/** Thrown by `parseWebhook` for a bad or missing signature, an old timestamp or an unreadable body. */
export class WebhookVerificationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookVerificationError';
  }
}

/**
 * Thrown by `parseWebhook` for an event whose signature holds but whose body is not an event SimFill can read
 * (not an object, no id or type, a payment without an amount, a refund without its payment …). `field` names the
 * first part at fault, for the provider's delivery log.
 */
export class WebhookEventInvalidError extends Error {
  constructor(readonly field: string) {
    super(`the webhook event is malformed at ${field}`);
    this.name = 'WebhookEventInvalidError';
  }

  /** For a part of the body that failed its schema: the first issue's path under `prefix` (`body` for the whole). */
  static at(
    error: { issues: readonly { path: readonly PropertyKey[] }[] },
    prefix: string[] = [],
  ): WebhookEventInvalidError {
    return new WebhookEventInvalidError(
      [...prefix, ...(error.issues[0]?.path ?? []).map(String)].join('.') || 'body',
    );
  }
}

export interface PaymentProvider {
  readonly name: 'stripe' | 'paypal';
  /** The methods this provider takes, and the currencies it charges in for each. */
  readonly methods: readonly PaymentMethodKind[];
  /**
   * The smallest amount the provider charges with `method`, in the currency it is stated in (Stripe: its
   * settlement currency's minimum, which a charge in another currency must reach once converted); undefined
   * when the provider states none.
   */
  minimumCharge?(method: PaymentMethodKind): Money | undefined;
  createPayment(input: CreatePaymentInput): Promise<ProviderPayment>;
  retrievePayment(providerPaymentId: string): Promise<ProviderPayment>;
  /** Cancels an unpaid payment (quote expired, customer gave up). Paid payments are refunded instead. */
  cancelPayment(providerPaymentId: string, idempotencyKey: string): Promise<ProviderPayment>;
  refund(input: RefundInput): Promise<ProviderRefund>;
  /** Verifies the signature (Stripe `t=…,v1=…`; PayPal's verify-webhook-signature call) and maps the event. */
  parseWebhook(
    rawBody: Buffer,
    headers: Record<string, string | string[] | undefined>,
  ): Promise<ProviderEvent>;
}

export interface SavedMethodProvider {
  /** Creates (once per SimFill customer) the provider customer that saved methods hang on. */
  ensureCustomer(input: {
    idempotencyKey: string;
    email: string;
    simfillCustomerId: string;
  }): Promise<string>;
  createSetup(input: {
    idempotencyKey: string;
    providerCustomerId: string;
    returnUrl: string;
    locale: string;
  }): Promise<ProviderSetup>;
  retrieveSetup(providerSetupId: string): Promise<ProviderSetup>;
  listMethods(providerCustomerId: string): Promise<PaymentMethodDisplay[]>;
  detachMethod(providerMethodId: string): Promise<void>;
}
