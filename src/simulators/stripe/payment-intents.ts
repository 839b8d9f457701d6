import { randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import { cardOutcome, GENERIC_DECLINE } from './cards.js';
import { ApiFailure, cardError, invalid, invalidParam, unexpectedState, type Json } from './errors.js';
import { list, object, stringRecord, text, type FormObject } from './form.js';
import { amountTooSmall } from './limits.js';
import type { StripeRouter } from './api.js';
import type { PaymentIntent, StripeStore } from './store.js';

/** PaymentIntents (card, alipay, wechat_pay): create, list, retrieve, confirm, cancel, and their charges. */

const CURRENCIES = new Set(['usd', 'cny', 'eur', 'gbp', 'hkd', 'cad']);
const WALLET_CURRENCIES = ['cny', 'usd', 'hkd', 'eur', 'gbp'];
export const METHOD_TYPES = ['card', 'alipay', 'wechat_pay'];

/** The charge Stripe makes when an intent succeeds. */
function chargeFor(store: StripeStore, intent: PaymentIntent): Json {
  return {
    id: store.id('ch'),
    object: 'charge',
    amount: intent.amount,
    amount_captured: intent.amount,
    amount_refunded: 0,
    billing_details: { address: null, email: null, name: null, phone: null },
    captured: true,
    currency: intent.currency,
    customer: intent.customer,
    description: intent.description,
    disputed: false,
    metadata: intent.metadata,
    paid: true,
    payment_intent: intent.id,
    payment_method: intent.payment_method,
    refunded: false,
    status: 'succeeded',
    created: store.unix(),
    livemode: false,
  };
}

export function setStatus(store: StripeStore, intent: PaymentIntent, status: string, eventType?: string) {
  intent.status = status;
  if (status !== 'requires_action') store.collecting.delete(intent.id);
  if (status === 'succeeded' && !intent.latest_charge) {
    intent.amount_received = intent.amount;
    const charge = chargeFor(store, intent);
    store.charges.set(String(charge.id), charge);
    intent.latest_charge = String(charge.id);
  }
  if (status === 'succeeded' || status === 'processing' || status === 'canceled') intent.next_action = null;
  if (status === 'succeeded' || status === 'processing') intent.last_payment_error = null;
  if (eventType) store.emit(eventType, store.intentView(intent, []));
}

export function failIntent(store: StripeStore, intent: PaymentIntent, error: Json) {
  intent.last_payment_error = {
    ...error,
    payment_method: intent.payment_method ? store.paymentMethods.get(intent.payment_method) : undefined,
  };
  intent.next_action = null;
  setStatus(store, intent, 'requires_payment_method', 'payment_intent.payment_failed');
  return intent.last_payment_error;
}

/** The customer (or their bank, or Alipay / WeChat) said yes: `succeeded`, through `processing` if asked. */
export function approve(store: StripeStore, intent: PaymentIntent) {
  const { processingMs } = store.faults;
  if (processingMs <= 0) return setStatus(store, intent, 'succeeded', 'payment_intent.succeeded');
  setStatus(store, intent, 'processing', 'payment_intent.processing');
  setTimeout(() => {
    if (intent.status === 'processing') setStatus(store, intent, 'succeeded', 'payment_intent.succeeded');
  }, processingMs).unref();
}

const redirectAction = (url: string, returnUrl: string | null) => ({
  type: 'redirect_to_url',
  redirect_to_url: { url, return_url: returnUrl },
});

function sendToCardPage(store: StripeStore, intent: PaymentIntent, returnUrl: string) {
  intent.next_action = redirectAction(
    `${store.baseUrl}/pay/${intent.id}?client_secret=${intent.client_secret}`,
    returnUrl,
  );
  setStatus(store, intent, 'requires_action', 'payment_intent.requires_action');
  store.collecting.add(intent.id);
}

/** Charges the intent's card; returns the card error when declined. */
export function confirmCard(
  store: StripeStore,
  intent: PaymentIntent,
  offSession: boolean,
): Json | undefined {
  const number = intent.payment_method ? store.cardNumbers.get(intent.payment_method) : undefined;
  if (!number)
    throw invalid('You must provide a payment method to confirm this PaymentIntent.', 'payment_method');
  const outcome = store.faults.declineAll ? GENERIC_DECLINE : cardOutcome(number, { offSession });
  if (outcome.kind === 'decline') return failIntent(store, intent, cardError(outcome));
  if (outcome.kind === 'three_d_secure') {
    intent.next_action = redirectAction(
      `${store.baseUrl}/3ds/${intent.id}?client_secret=${intent.client_secret}`,
      store.returnUrls.get(intent.id) ?? null,
    );
    setStatus(store, intent, 'requires_action', 'payment_intent.requires_action');
    return undefined;
  }
  approve(store, intent);
  return undefined;
}

export function methodTypes(form: FormObject) {
  // API 2026-10-28 (stripe-node 23) names it allowed_payment_method_types; older versions payment_method_types.
  const allowed = list(form, 'allowed_payment_method_types');
  const types = allowed.length ? allowed : list(form, 'payment_method_types');
  for (const type of types) {
    if (!METHOD_TYPES.includes(type)) {
      throw invalidParam(`The payment method type "${type}" is invalid.`, 'payment_method_types');
    }
  }
  return types;
}

/** The parameter checks of a create, in Stripe's order; returns the intent's method types and first type. */
function validateCreate(store: StripeStore, form: FormObject, amount: number, currency: string) {
  if (!Number.isSafeInteger(amount) || amount < 1) throw invalidParam('Invalid positive integer', 'amount');
  if (!CURRENCIES.has(currency)) throw invalidParam(`Invalid currency: ${currency}.`, 'currency');
  const tooSmall = amountTooSmall(amount, currency, store.settlementCurrency);
  if (tooSmall) throw invalidParam(tooSmall.message, 'amount', 'amount_too_small');
  const types = methodTypes(form);
  const type = text(object(form, 'payment_method_data'), 'type') ?? types[0] ?? 'card';
  if (!METHOD_TYPES.includes(type)) {
    throw invalidParam(`The payment method type "${type}" is invalid.`, 'payment_method_data[type]');
  }
  if ((type === 'alipay' || type === 'wechat_pay') && !WALLET_CURRENCIES.includes(currency)) {
    throw invalidParam(
      `The currency provided (${currency}) is invalid. Payments with ${type} support the following currencies: cny, usd, hkd, eur, gbp.`,
      'currency',
    );
  }
  const customer = text(form, 'customer');
  if (customer) store.customerOf(customer);
  const paymentMethod = text(form, 'payment_method');
  if (paymentMethod) store.methodOf(paymentMethod);
  const confirm = text(form, 'confirm') === 'true';
  const returnUrl = text(form, 'return_url');
  if (returnUrl !== undefined && !/^https?:\/\/./.test(returnUrl)) {
    throw invalidParam('Not a valid URL', 'return_url', 'url_invalid');
  }
  if (text(form, 'off_session') !== undefined && !confirm) {
    throw invalidParam('You can only pass in `off_session` when `confirm` is true.', 'off_session');
  }
  if (confirm && type === 'card' && !paymentMethod && !returnUrl) {
    throw invalidParam('You must provide a payment method to confirm this PaymentIntent.', 'payment_method');
  }
  if (confirm && type === 'alipay' && !returnUrl) {
    throw invalidParam('A return_url is required to confirm an alipay PaymentIntent.', 'return_url');
  }
  return { types, type };
}

async function createIntent(store: StripeStore, form: FormObject): Promise<Json> {
  const amount = Number(text(form, 'amount'));
  const currency = text(form, 'currency')?.toLowerCase() ?? '';
  const { types, type } = validateCreate(store, form, amount, currency);
  const paymentMethod = text(form, 'payment_method') ?? null;
  const returnUrl = text(form, 'return_url');
  const intentId = store.id('pi');
  const intent: PaymentIntent = {
    id: intentId,
    object: 'payment_intent',
    amount,
    amount_received: 0,
    currency,
    status: 'requires_payment_method',
    client_secret: `${intentId}_secret_${randomBytes(12).toString('hex')}`,
    payment_method_types: types.length ? types : [type],
    allowed_payment_method_types: types.length ? types : [type],
    payment_method: paymentMethod,
    customer: text(form, 'customer') ?? null,
    metadata: stringRecord(form, 'metadata'),
    description: text(form, 'description') ?? null,
    next_action: null,
    last_payment_error: null,
    latest_charge: null,
    cancellation_reason: null,
    capture_method: 'automatic',
    confirmation_method: 'automatic',
    setup_future_usage: text(form, 'setup_future_usage') ?? null,
    created: store.unix(),
    livemode: false,
  };
  store.intents.set(intent.id, intent);
  if (returnUrl) store.returnUrls.set(intent.id, returnUrl);
  store.emit('payment_intent.created', store.intentView(intent, []));
  if (text(form, 'confirm') !== 'true') {
    // The hosted card page stands in for Stripe.js: a card intent with a return_url waits for the customer there.
    if (type === 'card' && !paymentMethod && returnUrl) sendToCardPage(store, intent, returnUrl);
    return store.intentView(intent, list(form, 'expand'));
  }
  return confirmIntent(store, intent, form);
}

function redirectToAlipay(store: StripeStore, intent: PaymentIntent, returnUrl: string | undefined) {
  if (!returnUrl)
    throw invalidParam('A return_url is required to confirm an alipay PaymentIntent.', 'return_url');
  intent.payment_method = store.walletMethod('alipay').id;
  intent.next_action = {
    type: 'alipay_handle_redirect',
    alipay_handle_redirect: {
      native_data: null,
      native_url: null,
      return_url: returnUrl,
      url: `${store.baseUrl}/alipay/${intent.id}?client_secret=${intent.client_secret}`,
    },
  };
  setStatus(store, intent, 'requires_action', 'payment_intent.requires_action');
}

async function showWeChatQr(store: StripeStore, intent: PaymentIntent) {
  intent.payment_method = store.walletMethod('wechat_pay').id;
  const data = `weixin://wxpay/bizpayurl?pr=${intent.id.slice(3)}`;
  intent.next_action = {
    type: 'wechat_pay_display_qr_code',
    wechat_pay_display_qr_code: {
      data,
      hosted_instructions_url: `${store.baseUrl}/wechat/${intent.id}?client_secret=${intent.client_secret}`,
      image_data_url: await QRCode.toDataURL(data),
      image_url_png: `${store.baseUrl}/qr/${intent.id}.png`,
      image_url_svg: `${store.baseUrl}/qr/${intent.id}.svg`,
    },
  };
  setStatus(store, intent, 'requires_action', 'payment_intent.requires_action');
}

async function confirmIntent(store: StripeStore, intent: PaymentIntent, form: FormObject): Promise<Json> {
  const awaitingCard = intent.status === 'requires_action' && store.collecting.has(intent.id);
  if (!['requires_payment_method', 'requires_confirmation'].includes(intent.status) && !awaitingCard) {
    throw unexpectedState('PaymentIntent', intent.status, 'confirmed');
  }
  const returnUrl = text(form, 'return_url') ?? store.returnUrls.get(intent.id);
  if (returnUrl) store.returnUrls.set(intent.id, returnUrl);
  const expand = list(form, 'expand');
  const type = text(object(form, 'payment_method_data'), 'type') ?? intent.payment_method_types[0];
  if (type === 'alipay') {
    redirectToAlipay(store, intent, returnUrl);
    return store.intentView(intent, expand);
  }
  if (type === 'wechat_pay') {
    await showWeChatQr(store, intent);
    return store.intentView(intent, expand);
  }
  const method = text(form, 'payment_method');
  if (method) {
    const pm = store.methodOf(method);
    if (intent.customer && pm.customer && pm.customer !== intent.customer) {
      throw invalid(
        `The provided PaymentMethod belongs to another Customer than ${intent.customer}.`,
        'payment_method',
      );
    }
    intent.payment_method = method;
  }
  if (!intent.payment_method) {
    if (!returnUrl) {
      throw invalidParam(
        'You must provide a payment method to confirm this PaymentIntent.',
        'payment_method',
      );
    }
    if (!awaitingCard) sendToCardPage(store, intent, returnUrl);
    return store.intentView(intent, expand);
  }
  // Off session nobody can pass 3-D Secure: cards that insist on it fail with authentication_required.
  const error = confirmCard(store, intent, text(form, 'off_session') === 'true');
  if (error) throw new ApiFailure(402, { ...error, payment_intent: store.intentView(intent, []) });
  return store.intentView(intent, expand);
}

function cancelIntent(store: StripeStore, intent: PaymentIntent, form: FormObject): Json {
  if (intent.status === 'succeeded' || intent.status === 'canceled' || intent.status === 'processing') {
    throw invalid(
      `You cannot cancel this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be canceled: requires_payment_method, requires_capture, requires_confirmation, requires_action.`,
      undefined,
      'payment_intent_unexpected_state',
    );
  }
  intent.cancellation_reason = text(form, 'cancellation_reason') ?? 'requested_by_customer';
  setStatus(store, intent, 'canceled', 'payment_intent.canceled');
  return store.intentView(intent, list(form, 'expand'));
}

export function addPaymentIntentRoutes(router: StripeRouter): void {
  router
    .post('/v1/payment_intents', ({ store, form }) => createIntent(store, form))
    .get('/v1/payment_intents', ({ store, query, expand, listOf }) => {
      const customer = query.get('customer');
      const data = [...store.intents.values()]
        .filter((intent) => !customer || intent.customer === customer)
        .reverse()
        .map((intent) => store.intentView(intent, expand));
      return listOf(data);
    })
    .get('/v1/payment_intents/:id', ({ store, params, expand }) =>
      store.intentView(store.intentOf(params.id!), expand),
    )
    .post('/v1/payment_intents/:id/confirm', ({ store, params, form }) =>
      confirmIntent(store, store.intentOf(params.id!), form),
    )
    .post('/v1/payment_intents/:id/cancel', ({ store, params, form }) =>
      cancelIntent(store, store.intentOf(params.id!), form),
    );
}
