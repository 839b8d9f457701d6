import { invalid, invalidParam, missing, type Json } from './errors.js';
import { stringRecord, text, type FormObject } from './form.js';
import type { StripeRouter } from './api.js';
import type { PaymentIntent, StripeStore } from './store.js';

/** Refunds (partial, never above what is left) and the Charges they refund. */

/** The amount to refund: what the form names, or all that is left; never more than is left. */
function refundAmount(intent: PaymentIntent, form: FormObject, already: number): number {
  if (already >= intent.amount) {
    throw invalid(
      `Charge ${intent.latest_charge} has already been refunded.`,
      undefined,
      'charge_already_refunded',
    );
  }
  const amount = text(form, 'amount') === undefined ? intent.amount - already : Number(text(form, 'amount'));
  if (!Number.isSafeInteger(amount) || amount < 1) {
    throw invalidParam('Invalid positive integer', 'amount', 'parameter_invalid_integer');
  }
  if (amount > intent.amount - already) {
    throw invalid(
      `Refund amount (${amount}) is greater than unrefunded amount on charge (${intent.amount - already}).`,
      'amount',
      'amount_too_large',
    );
  }
  return amount;
}

function createRefund(store: StripeStore, form: FormObject): Json {
  const intentId = text(form, 'payment_intent');
  if (!intentId)
    throw invalidParam('Missing required param: payment_intent.', 'payment_intent', 'parameter_missing');
  const intent = store.intentOf(intentId);
  if (intent.status !== 'succeeded') {
    throw invalid(
      `This PaymentIntent (${intent.id}) does not have a successful charge to refund.`,
      'payment_intent',
      'charge_not_refundable',
    );
  }
  const already = store.refundedByIntent.get(intent.id) ?? 0;
  const amount = refundAmount(intent, form, already);
  store.refundedByIntent.set(intent.id, already + amount);
  const refund = {
    id: store.id('re'),
    object: 'refund',
    amount,
    currency: intent.currency,
    charge: intent.latest_charge,
    payment_intent: intent.id,
    status: 'succeeded',
    reason: text(form, 'reason') ?? null,
    metadata: stringRecord(form, 'metadata'),
    created: store.unix(),
  };
  store.refunds.set(refund.id, refund);
  store.emit('refund.created', refund);
  const charge = store.charges.get(intent.latest_charge ?? '');
  if (charge) {
    charge.amount_refunded = already + amount;
    charge.refunded = already + amount === intent.amount;
    store.emit('charge.refunded', {
      ...charge,
      refunds: {
        object: 'list',
        data: [refund],
        has_more: false,
        url: `/v1/charges/${String(charge.id)}/refunds`,
      },
    });
  }
  return refund;
}

export function addRefundRoutes(router: StripeRouter): void {
  router
    .get('/v1/charges/:id', ({ store, params }) => {
      const charge = store.charges.get(params.id!);
      if (!charge) throw missing('charge', params.id!);
      return charge;
    })
    .post('/v1/refunds', ({ store, form }) => createRefund(store, form))
    .get('/v1/refunds/:id', ({ store, params }) => {
      const refund = store.refunds.get(params.id!);
      if (!refund) throw missing('refund', params.id!);
      return refund;
    });
}
