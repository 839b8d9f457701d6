/** The checkout shapes the portal reads (see the OpenAPI document for the full contracts). */

export interface Money {
  amount_minor: number;
  currency: string;
}

export type Method = 'card' | 'apple_pay' | 'alipay' | 'wechat_pay' | 'paypal';

export interface CheckoutOptions {
  wallet_top_up: { presets: Money[]; minimum: Money; maximum: Money };
  methods: { method: Method; fee_percent_bps: number; fee_fixed: Money; charge_currency: string }[];
  first_top_up_fee_waived: boolean;
  quote_lock_minutes: number;
}

export interface Quote {
  id: string;
  method: Method;
  subtotal: Money;
  discount: Money;
  fee: Money;
  fee_waived: Money | null;
  tax: Money;
  total: Money;
  charge: Money;
  fx: {
    base: string;
    quote: string;
    rate: string;
    source: 'feed' | 'operator';
    as_of: string;
    locked: boolean;
  } | null;
  estimate: Money | null;
  expires_at: string;
  expired: boolean;
}

export type NextAction =
  | { type: 'redirect'; url: string }
  | {
      type: 'display_qr';
      data: string;
      image_url_png: string;
      image_url_svg: string | null;
      hosted_instructions_url: string | null;
    };

export interface Payment {
  id: string;
  status: 'creating' | 'requires_action' | 'processing' | 'succeeded' | 'failed' | 'canceled';
  method: string;
  amount: Money;
  refunded: Money;
  next_action: NextAction | null;
  payment_method: {
    kind: string;
    brand: string | null;
    last4: string | null;
    wallet: string | null;
    payer_email: string | null;
  } | null;
  failure: { code: string; decline_code: string | null } | null;
}

export type OrderStatus =
  | 'awaiting_payment'
  | 'paid'
  | 'fulfilling'
  | 'fulfilled'
  | 'failed'
  | 'refunding'
  | 'refunded'
  | 'expired'
  | 'cancelled';

export type DeliveryStatus = 'queued' | 'sending' | 'processing' | 'succeeded' | 'failed';

export interface Order {
  id: string;
  status: OrderStatus;
  product: string;
  recipient: string | null;
  item_name: string | null;
  delivery: {
    status: DeliveryStatus;
    eta_minutes: number;
    finished_at: string | null;
  } | null;
  method: string;
  total: Money;
  charge: Money;
  refunded: Money;
  receipt_number: string | null;
  created_at: string;
  paid_at: string | null;
  expires_at: string;
  payments: Payment[];
  timeline: { from: OrderStatus | null; to: OrderStatus; cause: string; at: string }[];
}

export interface WalletView {
  balance: Money;
  transactions: {
    data: { id: string; type: string; amount: Money; order: string | null; created_at: string }[];
    has_more: boolean;
    next_before: number | null;
  };
}

export interface Receipt {
  receipt_number: string;
  order: string;
  status: OrderStatus;
  issued_at: string;
  time_zone: string;
  customer: { name: string | null; email: string };
  items: { type: string; amount: Money }[];
  subtotal: Money;
  discount: Money;
  fee: Money;
  fee_waived: Money | null;
  tax: Money;
  total: Money;
  charged: Money;
  fx: { rate: string; source: string; as_of: string; locked: boolean } | null;
  payment: Payment;
  refunds: { id: string; amount: Money; status: string; created_at: string }[];
  operator: { name: string; email: string; address: string };
}

export const FINAL_ORDER_STATUSES: OrderStatus[] = ['fulfilled', 'refunded', 'expired', 'cancelled'];
