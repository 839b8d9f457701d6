import { formatValue, optionalString, parseAmount } from './amounts.js';
import type { PayPalRouter } from './api.js';
import { fail, fixed, notFound, type Json, type Reply } from './errors.js';
import { paypalId, type Capture, type PayPalStore, type Refund } from './store.js';
import { captureView, refundedOf, refundView } from './views.js';

/** Payments v2: show a capture, refund it (in part or in full), show a refund. */

function captureOf(store: PayPalStore, captureId: string): Capture {
  const capture = store.captures.get(captureId);
  if (!capture) throw notFound('payments');
  return capture;
}

function refundCapture(store: PayPalStore, captureId: string, body: Json): Reply {
  const capture = captureOf(store, captureId);
  const refusal = (issue: string, description: string) => fail(422, [{ issue, description }], 'payments');
  if (capture.status === 'DECLINED') throw refusal('REFUND_NOT_ALLOWED', 'Capture cannot be refunded.');
  const remaining = capture.amountMinor - refundedOf(store, capture);
  if (remaining <= 0) {
    throw refusal('CAPTURE_FULLY_REFUNDED', 'The capture has already been fully refunded');
  }
  let amountMinor = remaining;
  if (body.amount !== undefined) {
    const amount = parseAmount(body.amount, '/amount', 'payments');
    if (amount.currency !== capture.currency) {
      throw refusal('REFUND_CAPTURE_CURRENCY_MISMATCH', 'Refund must be in the same currency as the capture');
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
  if (invoiceId && [...store.refunds.values()].some((refund) => refund.invoiceId === invoiceId)) {
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
    createTime: store.now(),
  };
  store.refunds.set(refund.id, refund);
  capture.refundIds.push(refund.id);
  capture.status = amountMinor === remaining ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
  capture.updateTime = refund.createTime;
  const order = store.orders.get(capture.orderId);
  if (order) order.updateTime = refund.createTime;
  store.emit(
    'PAYMENT.CAPTURE.REFUNDED',
    'refund',
    refundView(store, refund),
    `A ${formatValue(amountMinor, refund.currency)} ${refund.currency} capture payment was refunded`,
  );
  return {
    status: 201,
    view: (prefer) =>
      prefer === 'representation'
        ? refundView(store, refund)
        : { id: refund.id, status: 'COMPLETED', links: refundView(store, refund).links },
  };
}

export function addCaptureRoutes(router: PayPalRouter): void {
  router
    .get('/v2/payments/captures/:id', ({ store, params }) =>
      fixed(200, captureView(store, captureOf(store, params.id!), true)),
    )
    .post('/v2/payments/captures/:id/refund', ({ store, params, body }) =>
      refundCapture(store, params.id!, body),
    )
    .get('/v2/payments/refunds/:id', ({ store, params }) => {
      const refund = store.refunds.get(params.id!);
      if (!refund) throw notFound('payments');
      return fixed(200, refundView(store, refund));
    });
}
