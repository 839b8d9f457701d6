import { html, redirect, type SimAnswer } from '../kit/answers.js';
import type { SimRequest } from '../kit/server.js';
import { formatValue } from './amounts.js';
import { approvalPage, messagePage, pageLocale, words, type PageLocale } from './pages.js';
import { accountId, type Order, type PayPalStore } from './store.js';
import { orderView } from './views.js';

/**
 * The payer's approval page, `/checkoutnow?token=…` (en / zh-CN): "Pay now" approves the order and goes back
 * to `return_url?token=…&PayerID=…`; "Cancel" goes to `cancel_url?token=…`.
 */

const DEFAULT_PAYER_EMAIL = 'buyer@example.com';

const appendQuery = (target: string, params: Record<string, string>) => {
  const url = new URL(target);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.toString();
};

const backToMerchant = (locale: PageLocale, order: Order): SimAnswer => {
  if (!order.returnUrl) return html(messagePage(locale, words(locale).approved));
  return redirect(appendQuery(order.returnUrl, { token: order.id, PayerID: order.payer!.payerId }), 302);
};

function approve(store: PayPalStore, order: Order, form: URLSearchParams) {
  // The page prefills the email the merchant sent; a form without one logs in as the default sandbox buyer.
  const typed = form.get('email')?.trim();
  const email = typed && /^[^@\s]+@[^@\s]+$/.test(typed) ? typed : DEFAULT_PAYER_EMAIL;
  order.payer = { payerId: accountId(), email, givenName: 'John', surname: 'Doe' };
  order.status = 'APPROVED';
  order.updateTime = store.now();
  store.emit(
    'CHECKOUT.ORDER.APPROVED',
    'checkout-order',
    orderView(store, order),
    'An order has been approved by buyer',
  );
}

function approvalForm(locale: PageLocale, order: Order): SimAnswer {
  return html(
    approvalPage({
      locale,
      action: `/checkoutnow?token=${order.id}`,
      merchant: order.brandName ?? 'SimFill (PayPal sandbox merchant)',
      amountText: `${formatValue(order.amountMinor, order.currency)} ${order.currency}`,
      description: order.description,
      email: order.prefillEmail ?? DEFAULT_PAYER_EMAIL,
      payNow: order.userAction === 'PAY_NOW',
    }),
  );
}

/** The pages' request handler for the kit's server. */
export function checkoutPages(store: PayPalStore): (request: SimRequest) => Promise<SimAnswer> {
  return async ({ method, url, rawBody, headers }) => {
    const form = new URLSearchParams(rawBody);
    const order =
      url.pathname === '/checkoutnow' ? store.orders.get(url.searchParams.get('token') ?? '') : undefined;
    const locale = pageLocale(
      form.get('locale') ?? url.searchParams.get('locale'),
      order?.locale,
      headers['accept-language']?.split(',')[0]?.trim(),
    );
    const w = words(locale);
    if (!order) return html(messagePage(locale, w.notFound), 404);
    if (order.status === 'COMPLETED') return html(messagePage(locale, w.completed));
    // Approved already (a second click): back to the merchant again.
    if (order.status === 'APPROVED') return backToMerchant(locale, order);
    if (method === 'GET') return approvalForm(locale, order);
    if (method !== 'POST') return html(messagePage(locale, w.notFound), 405);
    const decision = form.get('decision');
    if (decision === 'decline' || decision === 'cancel') {
      if (!order.cancelUrl) return html(messagePage(locale, w.canceled));
      return redirect(appendQuery(order.cancelUrl, { token: order.id }), 302);
    }
    approve(store, order, form);
    return backToMerchant(locale, order);
  };
}
