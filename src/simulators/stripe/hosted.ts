import QRCode from 'qrcode';
import { html, redirect, type SimAnswer } from '../kit/answers.js';
import type { SimRequest } from '../kit/server.js';
import { cardOutcome, GENERIC_DECLINE } from './cards.js';
import { cardError } from './errors.js';
import { approve, confirmCard, failIntent } from './payment-intents.js';
import { cardForm, choicePage, messagePage, pageLocale, words, type PageLocale } from './pages.js';
import { failSetup, saveCard } from './setup-intents.js';
import type { PaymentIntent, StripeStore } from './store.js';

/**
 * The pages a Stripe customer sees, in en / zh-CN: `/pay` (card form, Apple Pay button), `/3ds`, `/alipay`,
 * `/wechat`, `/setup`, `/qr/{pi}.png|svg`; each goes back to the `return_url` with `redirect_status`.
 */

/** Apple Pay in the hosted page is a wallet over this test card (Stripe's Apple Pay test cards are Visa). */
const APPLE_PAY_CARD = '4242424242424242';

interface PageCall {
  store: StripeStore;
  method: string;
  url: URL;
  form: URLSearchParams;
  locale: PageLocale;
  id: string;
}

const param = (call: PageCall, name: string) => call.url.searchParams.get(name) ?? call.form.get(name);

const amountText = (intent: { amount: number; currency: string }) =>
  new Intl.NumberFormat('en', { style: 'currency', currency: intent.currency.toUpperCase() }).format(
    intent.amount / 100,
  );

const redirectStatus = (status: string) =>
  status === 'succeeded' ? 'succeeded' : status === 'processing' ? 'processing' : 'failed';

/** Back to the intent's return URL with Stripe's query parameters, or a message when it has none. */
function redirectOrMessage({ store, locale }: PageCall, intent: PaymentIntent): SimAnswer {
  const target = store.returnUrls.get(intent.id);
  if (target) {
    const url = new URL(target);
    url.searchParams.set('payment_intent', intent.id);
    url.searchParams.set('payment_intent_client_secret', intent.client_secret);
    url.searchParams.set('redirect_status', redirectStatus(intent.status));
    return redirect(url.toString());
  }
  const w = words(locale);
  const message = intent.status === 'succeeded' || intent.status === 'processing' ? w.done : w.failed;
  return html(messagePage(locale, message));
}

async function qrImage({ store, locale, id }: PageCall): Promise<SimAnswer> {
  const [intentId, extension] = id.split('.');
  const intent = store.intents.get(intentId ?? '');
  const data = (intent?.next_action?.wechat_pay_display_qr_code as { data?: string } | undefined)?.data;
  if (!intent || !data) return html(messagePage(locale, words(locale).notFound), 404);
  if (extension === 'svg') {
    return {
      status: 200,
      headers: { 'content-type': 'image/svg+xml' },
      body: await QRCode.toString(data, { type: 'svg' }),
    };
  }
  return {
    status: 200,
    headers: { 'content-type': 'image/png' },
    body: await QRCode.toBuffer(data, { type: 'png', margin: 1, width: 240 }),
  };
}

function setupPage(call: PageCall): SimAnswer {
  const { store, locale, id } = call;
  const w = words(locale);
  const setup = store.setupIntents.get(id);
  const secret = param(call, 'client_secret');
  if (!setup || (secret !== null && secret !== setup.client_secret))
    return html(messagePage(locale, w.notFound), 404);
  // Without a confirm the hosted page takes the return URL as a parameter (Stripe.js knows its page).
  const setupReturn = param(call, 'return_url');
  if (setupReturn && /^https?:\/\//.test(setupReturn)) store.returnUrls.set(id, setupReturn);
  const backTo = (status: 'succeeded' | 'failed') => {
    const target = store.returnUrls.get(id);
    if (!target) return html(messagePage(locale, status === 'succeeded' ? w.saved : w.failed));
    const back = new URL(target);
    back.searchParams.set('setup_intent', id);
    back.searchParams.set('setup_intent_client_secret', setup.client_secret);
    back.searchParams.set('redirect_status', status);
    return redirect(back.toString());
  };
  if (!['requires_payment_method', 'requires_action'].includes(setup.status)) {
    return backTo(setup.status === 'succeeded' ? 'succeeded' : 'failed');
  }
  if (call.method === 'GET') {
    return html(
      cardForm({
        locale,
        action: `/setup/${id}`,
        amountText: undefined,
        fields: { client_secret: setup.client_secret, locale },
        submitLabel: w.saveCard,
        offerApplePay: false,
      }),
    );
  }
  const number = (call.form.get('number') ?? '').replace(/\s+/g, '');
  const outcome = cardOutcome(number, { saving: true });
  if (outcome.kind === 'decline') {
    failSetup(store, setup, outcome);
    return backTo('failed');
  }
  const error = saveCard(
    store,
    setup,
    store.createCardMethod(number, call.form.get('expiry') ?? '12/34', false),
  );
  return backTo(error ? 'failed' : 'succeeded');
}

function cardPage(call: PageCall, intent: PaymentIntent): SimAnswer {
  const { store, locale } = call;
  const open =
    ['requires_payment_method', 'requires_confirmation'].includes(intent.status) ||
    (intent.status === 'requires_action' && store.collecting.has(intent.id));
  if (!open || !intent.payment_method_types.includes('card')) return redirectOrMessage(call, intent);
  if (call.method === 'GET') {
    return html(
      cardForm({
        locale,
        action: `/pay/${intent.id}`,
        amountText: amountText(intent),
        fields: { client_secret: intent.client_secret, locale },
        submitLabel: `${words(locale).pay} ${amountText(intent)}`,
        offerApplePay: true,
      }),
    );
  }
  const wallet = call.form.get('wallet') === 'apple_pay';
  const number = wallet ? APPLE_PAY_CARD : (call.form.get('number') ?? '').replace(/\s+/g, '');
  const pm = store.createCardMethod(number, wallet ? '12/34' : (call.form.get('expiry') ?? ''), wallet);
  intent.payment_method = pm.id;
  store.collecting.delete(intent.id);
  confirmCard(store, intent, false);
  const next = intent.next_action?.redirect_to_url as { url?: string } | undefined;
  if (intent.status === 'requires_action' && next?.url) {
    return redirect(`${next.url}&locale=${encodeURIComponent(locale)}`);
  }
  return redirectOrMessage(call, intent);
}

type DecisionKind = '3ds' | 'alipay' | 'wechat';

function decisionForm(call: PageCall, kind: DecisionKind, intent: PaymentIntent): SimAnswer {
  const w = words(call.locale);
  const heading = kind === '3ds' ? w.threeDs : kind === 'alipay' ? w.alipay : w.wechat;
  const extra =
    kind === 'wechat' ? `<img alt="${w.qrAlt}" width="200" height="200" src="/qr/${intent.id}.png">` : '';
  return html(
    choicePage({
      locale: call.locale,
      action: `/${kind}/${intent.id}`,
      heading,
      amountText: amountText(intent),
      fields: { client_secret: intent.client_secret, locale: call.locale },
      yes: kind === '3ds' ? w.complete : kind === 'wechat' ? w.scanned : w.approve,
      no: kind === '3ds' ? w.fail : w.decline,
      extra,
    }),
  );
}

/** 3-D Secure, Alipay and WeChat Pay: the customer approves or refuses. */
function decisionPage(call: PageCall, kind: DecisionKind, intent: PaymentIntent): SimAnswer {
  const { store } = call;
  if (intent.status !== 'requires_action' || store.collecting.has(intent.id))
    return redirectOrMessage(call, intent);
  if (call.method === 'GET') return decisionForm(call, kind, intent);
  const approved = call.form.get('decision') === 'approve';
  if (kind === '3ds') {
    const number = store.cardNumbers.get(intent.payment_method ?? '') ?? '';
    const outcome = store.faults.declineAll ? GENERIC_DECLINE : cardOutcome(number, { authenticated: true });
    if (approved && outcome.kind === 'decline') failIntent(store, intent, cardError(outcome));
    else if (approved) approve(store, intent);
    else {
      failIntent(store, intent, {
        type: 'invalid_request_error',
        code: 'payment_intent_authentication_failure',
        message:
          'The provided PaymentMethod has failed authentication. You can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.',
        doc_url: 'https://stripe.com/docs/error-codes/payment-intent-authentication-failure',
      });
    }
  } else if (approved && !store.faults.declineAll) {
    approve(store, intent);
  } else {
    failIntent(store, intent, {
      type: 'invalid_request_error',
      code: 'payment_method_provider_decline',
      message: `The payment was declined by ${kind === 'alipay' ? 'Alipay' : 'WeChat Pay'}.`,
      doc_url: 'https://stripe.com/docs/error-codes/payment-method-provider-decline',
    });
  }
  return redirectOrMessage(call, intent);
}

/** The pages' request handler for the kit's server. */
export function stripePages(store: StripeStore): (request: SimRequest) => Promise<SimAnswer> {
  return async (request) => {
    const { method, url } = request;
    const form = new URLSearchParams(request.rawBody);
    const [kind, rawId] = url.pathname.split('/').filter(Boolean);
    const locale = pageLocale(
      url.searchParams.get('locale') ?? form.get('locale'),
      request.headers['accept-language'],
    );
    const call: PageCall = { store, method, url, form, locale, id: rawId ?? '' };
    const notFound = () => html(messagePage(locale, words(locale).notFound), 404);
    if (kind === 'qr' && rawId) return qrImage(call);
    if (kind === 'setup' && rawId) return setupPage(call);
    const intent = rawId ? store.intents.get(rawId) : undefined;
    if (!intent || param(call, 'client_secret') !== intent.client_secret) return notFound();
    const returnParam = param(call, 'return_url');
    if (kind === 'pay' && returnParam && /^https?:\/\//.test(returnParam))
      store.returnUrls.set(intent.id, returnParam);
    if (kind === 'pay') return cardPage(call, intent);
    if (kind === '3ds' || kind === 'alipay' || kind === 'wechat') return decisionPage(call, kind, intent);
    return notFound();
  };
}
