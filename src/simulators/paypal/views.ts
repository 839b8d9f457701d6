import { money } from './amounts.js';
import type { Json, Reply } from './errors.js';
import type { Capture, Order, Payer, PayPalStore, Refund } from './store.js';

/** What the API shows of orders, captures and refunds (`Prefer: return=representation` or `minimal`). */

export const approvalUrl = (store: PayPalStore, order: Order) =>
  `${store.baseUrl}/checkoutnow?token=${order.id}`;

export const captureView = (store: PayPalStore, capture: Capture, standalone: boolean): Json => ({
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
    store.apiLink(`/v2/payments/captures/${capture.id}`, 'self'),
    store.apiLink(`/v2/payments/captures/${capture.id}/refund`, 'refund', 'POST'),
    store.apiLink(`/v2/checkout/orders/${capture.orderId}`, 'up'),
  ],
});

export const refundedOf = (store: PayPalStore, capture: Capture) =>
  capture.refundIds.reduce((sum, refundId) => sum + (store.refunds.get(refundId)?.amountMinor ?? 0), 0);

export const refundView = (store: PayPalStore, refund: Refund): Json => {
  const capture = store.captures.get(refund.captureId)!;
  return {
    id: refund.id,
    amount: money(refund.amountMinor, refund.currency),
    seller_payable_breakdown: {
      gross_amount: money(refund.amountMinor, refund.currency),
      paypal_fee: money(0, refund.currency),
      net_amount: money(refund.amountMinor, refund.currency),
      total_refunded_amount: money(refundedOf(store, capture), refund.currency),
    },
    ...(refund.invoiceId ? { invoice_id: refund.invoiceId } : {}),
    ...(refund.customId ? { custom_id: refund.customId } : {}),
    ...(refund.noteToPayer ? { note_to_payer: refund.noteToPayer } : {}),
    status: 'COMPLETED',
    create_time: refund.createTime,
    update_time: refund.createTime,
    links: [
      store.apiLink(`/v2/payments/refunds/${refund.id}`, 'self'),
      store.apiLink(`/v2/payments/captures/${refund.captureId}`, 'up'),
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

const orderLinks = (store: PayPalStore, order: Order) => {
  const self = store.apiLink(`/v2/checkout/orders/${order.id}`, 'self');
  const update = store.apiLink(`/v2/checkout/orders/${order.id}`, 'update', 'PATCH');
  const capture = store.apiLink(`/v2/checkout/orders/${order.id}/capture`, 'capture', 'POST');
  switch (order.status) {
    case 'PAYER_ACTION_REQUIRED':
      return [self, { href: approvalUrl(store, order), rel: 'payer-action', method: 'GET' }];
    case 'CREATED':
      return [self, { href: approvalUrl(store, order), rel: 'approve', method: 'GET' }, update, capture];
    case 'APPROVED':
      return [self, update, capture];
    default:
      return [self];
  }
};

const paymentsView = (store: PayPalStore, order: Order): Json | undefined => {
  if (order.captureIds.length === 0) return undefined;
  const orderCaptures = order.captureIds.map((captureId) => store.captures.get(captureId)!);
  const orderRefunds = orderCaptures.flatMap((capture) =>
    capture.refundIds.map((id) => store.refunds.get(id)!),
  );
  return {
    captures: orderCaptures.map((capture) => captureView(store, capture, false)),
    ...(orderRefunds.length ? { refunds: orderRefunds.map((refund) => refundView(store, refund)) } : {}),
  };
};

export const orderView = (store: PayPalStore, order: Order): Json => {
  const source = paymentSourceView(order);
  const payments = paymentsView(store, order);
  return {
    id: order.id,
    intent: 'CAPTURE',
    status: order.status,
    ...(source ? { payment_source: source } : {}),
    purchase_units: [
      {
        reference_id: order.referenceId,
        amount: money(order.amountMinor, order.currency),
        payee: { email_address: 'sb-merchant@business.example.com', merchant_id: store.merchantId },
        ...(order.description ? { description: order.description } : {}),
        ...(order.customId ? { custom_id: order.customId } : {}),
        ...(order.invoiceId ? { invoice_id: order.invoiceId } : {}),
        ...(payments ? { payments } : {}),
      },
    ],
    ...(order.payer ? { payer: payerView(order.payer) } : {}),
    create_time: order.createTime,
    update_time: order.updateTime,
    links: orderLinks(store, order),
  };
};

/** `Prefer: return=minimal` (PayPal's default): the id, status and links; a capture adds its payments. */
const minimalOrderView = (store: PayPalStore, order: Order): Json => {
  const source = paymentSourceView(order);
  const payments = paymentsView(store, order);
  return {
    id: order.id,
    status: order.status,
    ...(source ? { payment_source: source } : {}),
    ...(payments ? { purchase_units: [{ reference_id: order.referenceId, payments }] } : {}),
    ...(order.payer ? { payer: payerView(order.payer) } : {}),
    links: orderLinks(store, order),
  };
};

export const orderReply = (store: PayPalStore, status: number, order: Order): Reply => ({
  status,
  view: (prefer) => (prefer === 'representation' ? orderView(store, order) : minimalOrderView(store, order)),
});
