import { randomBytes } from 'node:crypto';
import type { Clock } from '../../kernel/clock.js';
import type { WebhookOutbox } from '../kit/outbox.js';
import type { Json } from './errors.js';
import type { PayPalFaults } from './faults.js';

/** The PayPal simulator's state: tokens, orders, captures, refunds and events, keyed by id. */

export interface Payer {
  payerId: string;
  email: string;
  givenName: string;
  surname: string;
}

export interface Order {
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

export interface Capture {
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

export interface Refund {
  id: string;
  captureId: string;
  amountMinor: number;
  currency: string;
  invoiceId: string | undefined;
  customId: string | undefined;
  noteToPayer: string | undefined;
  createTime: string;
}

export interface PayPalDelivery {
  id: string;
  type: string;
  transmissionId: string;
  status: number;
}

/** Order, capture and refund ids (`^[A-Z0-9]+$` in Orders v2 / Payments v2; 17 characters in PayPal's examples). */
const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** Payer and merchant ids: the specs' `account_id`, `^[2-9A-HJ-NP-Z]{13}$` (no 0, 1, I or O). */
const ACCOUNT_ID_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

export const paypalId = (length = 17) =>
  Array.from(randomBytes(length), (byte) => ALPHANUMERIC[byte % 36]!).join('');
export const accountId = () =>
  Array.from(randomBytes(13), (byte) => ACCOUNT_ID_ALPHABET[byte % ACCOUNT_ID_ALPHABET.length]!).join('');

export interface PayPalStoreOptions {
  clock: Clock;
  faults: PayPalFaults;
  outbox: WebhookOutbox<Json, PayPalDelivery>;
  webhookId: string;
  tokenTtlSeconds: number;
}

export class PayPalStore {
  /** Access token → expiry (ms since the epoch). */
  readonly tokens = new Map<string, number>();
  readonly orders = new Map<string, Order>();
  readonly captures = new Map<string, Capture>();
  readonly refunds = new Map<string, Refund>();
  readonly events = new Map<string, Json>();
  /** This simulated merchant's PayPal account (`payee.merchant_id`). */
  readonly merchantId = accountId();
  /** Key of the webhook signatures; only this simulator knows it (PayPal's private key, in effect). */
  readonly signingSecret = randomBytes(32);
  readonly clock: Clock;
  readonly faults: PayPalFaults;
  readonly outbox: WebhookOutbox<Json, PayPalDelivery>;
  readonly webhookId: string;
  readonly tokenTtlSeconds: number;
  tokenRequestCount = 0;
  /** Where links point; set once the server listens. */
  baseUrl = '';

  constructor(options: PayPalStoreOptions) {
    this.clock = options.clock;
    this.faults = options.faults;
    this.outbox = options.outbox;
    this.webhookId = options.webhookId;
    this.tokenTtlSeconds = options.tokenTtlSeconds;
  }

  /** PayPal's timestamps: ISO 8601 UTC to the second. */
  now(): string {
    return this.clock
      .now()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
  }

  apiLink(path: string, rel: string, method = 'GET') {
    return { href: `${this.baseUrl}${path}`, rel, method };
  }

  /** Records a webhook event (readable through the API) and queues it for delivery. */
  emit(eventType: string, resourceType: string, resource: Json, summary: string): void {
    const id = `WH-${paypalId()}-${paypalId()}`;
    const event = {
      id,
      event_version: '1.0',
      create_time: this.now(),
      resource_type: resourceType,
      resource_version: '2.0',
      event_type: eventType,
      summary,
      resource: structuredClone(resource),
      links: [
        this.apiLink(`/v1/notifications/webhooks-events/${id}`, 'self'),
        this.apiLink(`/v1/notifications/webhooks-events/${id}/resend`, 'resend', 'POST'),
      ],
    };
    this.events.set(id, event);
    this.outbox.enqueue(event);
  }
}
