import { randomBytes } from 'node:crypto';
import type { Clock } from '../../kernel/clock.js';
import type { WebhookOutbox } from '../kit/outbox.js';
import { cardBrand } from './cards.js';
import { missing, type Json } from './errors.js';
import type { StripeFaults } from './faults.js';

/**
 * The Stripe simulator's state: every object it has made, keyed by id, and the few operations several
 * resources share (status changes that emit events, the views the API returns).
 */

export const API_VERSION = '2026-10-28.endive';

export interface PaymentIntent extends Json {
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

export interface SetupIntent extends Json {
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

export interface PaymentMethod extends Json {
  id: string;
  object: 'payment_method';
  type: string;
  /** Only on card methods: Stripe leaves the property out for other types (never `null`). */
  card?: Json;
  customer: string | null;
  created: number;
  livemode: false;
}

export interface StripeDelivery {
  id: string;
  type: string;
  status: number;
}

export interface StripeStoreOptions {
  clock: Clock;
  faults: StripeFaults;
  outbox: WebhookOutbox<Json, StripeDelivery>;
  enabledEvents: readonly string[];
  settlementCurrency: string;
}

/** A Stripe-looking id: the prefix, an underscore, 16 random letters and digits. */
export const stripeId = (prefix: string) =>
  `${prefix}_${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`;

const NO_BILLING_DETAILS = { address: null, email: null, name: null, phone: null };

export class StripeStore {
  readonly customers = new Map<string, Json>();
  readonly paymentMethods = new Map<string, PaymentMethod>();
  readonly cardNumbers = new Map<string, string>();
  readonly intents = new Map<string, PaymentIntent>();
  /** PaymentIntents waiting on the hosted card page (their `requires_action` is "type your card"). */
  readonly collecting = new Set<string>();
  readonly returnUrls = new Map<string, string>();
  readonly refundedByIntent = new Map<string, number>();
  readonly setupIntents = new Map<string, SetupIntent>();
  readonly refunds = new Map<string, Json>();
  readonly charges = new Map<string, Json>();
  readonly events = new Map<string, Json>();
  readonly clock: Clock;
  readonly faults: StripeFaults;
  readonly outbox: WebhookOutbox<Json, StripeDelivery>;
  readonly settlementCurrency: string;
  /** Where hosted pages live; set once the server listens. */
  baseUrl = '';
  private enabledEvents: Set<string>;

  constructor(options: StripeStoreOptions) {
    this.clock = options.clock;
    this.faults = options.faults;
    this.outbox = options.outbox;
    this.settlementCurrency = options.settlementCurrency;
    this.enabledEvents = new Set(options.enabledEvents);
  }

  unix(): number {
    return Math.floor(this.clock.now().getTime() / 1000);
  }

  id(prefix: string): string {
    return stripeId(prefix);
  }

  setWebhookUrl(url: string | undefined, enabledEvents: readonly string[]): void {
    this.outbox.url = url;
    this.enabledEvents = new Set(enabledEvents);
  }

  /** Records the event (listed by the API) and sends it when the endpoint enabled its type. */
  emit(type: string, snapshot: Json): void {
    const wanted = this.enabledEvents.has('*') || this.enabledEvents.has(type);
    const event = {
      id: this.id('evt'),
      object: 'event',
      api_version: API_VERSION,
      created: this.unix(),
      type,
      data: { object: structuredClone(snapshot) },
      livemode: false,
      pending_webhooks: this.outbox.url && wanted ? 1 : 0,
      request: { id: null, idempotency_key: null },
    };
    this.events.set(event.id, event);
    if (wanted) this.outbox.enqueue(event);
  }

  customerOf(customerId: string): Json {
    const customer = this.customers.get(customerId);
    if (!customer) throw missing('customer', customerId);
    return customer;
  }

  intentOf(intentId: string): PaymentIntent {
    const intent = this.intents.get(intentId);
    if (!intent) throw missing('payment_intent', intentId);
    return intent;
  }

  setupOf(setupId: string): SetupIntent {
    const setup = this.setupIntents.get(setupId);
    if (!setup) throw missing('setup_intent', setupId);
    return setup;
  }

  methodOf(methodId: string): PaymentMethod {
    const method = this.paymentMethods.get(methodId);
    if (!method) throw missing('payment_method', methodId);
    return method;
  }

  createCardMethod(number: string, expiry: string, wallet: boolean): PaymentMethod {
    const [month, year] = expiry.split('/').map((part) => Number(part.trim()));
    const method: PaymentMethod = {
      id: this.id('pm'),
      object: 'payment_method',
      type: 'card',
      billing_details: { ...NO_BILLING_DETAILS },
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
      created: this.unix(),
      livemode: false,
    };
    this.paymentMethods.set(method.id, method);
    this.cardNumbers.set(method.id, number);
    return method;
  }

  walletMethod(type: 'alipay' | 'wechat_pay'): PaymentMethod {
    const method: PaymentMethod = {
      id: this.id('pm'),
      object: 'payment_method',
      type,
      [type]: {},
      billing_details: { ...NO_BILLING_DETAILS },
      customer: null,
      metadata: {},
      created: this.unix(),
      livemode: false,
    };
    this.paymentMethods.set(method.id, method);
    return method;
  }

  private expanded(methodId: string | null, expand: string[]) {
    return expand.includes('payment_method') && methodId
      ? (this.paymentMethods.get(methodId) ?? methodId)
      : methodId;
  }

  intentView(intent: PaymentIntent, expand: string[]): Json {
    return {
      ...intent,
      payment_method: this.expanded(intent.payment_method, expand),
      latest_charge:
        expand.includes('latest_charge') && intent.latest_charge
          ? (this.charges.get(intent.latest_charge) ?? intent.latest_charge)
          : intent.latest_charge,
    };
  }

  setupView(setup: SetupIntent, expand: string[]): Json {
    return { ...setup, payment_method: this.expanded(setup.payment_method, expand) };
  }
}
