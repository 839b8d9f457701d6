/**
 * The simulator's PayPal approval page (the `payer-action` / `approve` link): the (simulated) payer logs in with
 * an email and presses "Pay now" or "Cancel". Plain HTML with a labelled field and buttons, English or Chinese.
 */

export type PageLocale = 'en' | 'zh-CN';

const WORDS = {
  en: {
    title: 'PayPal Checkout (simulator)',
    heading: 'Pay with PayPal',
    payTo: 'Pay to',
    total: 'Total',
    email: 'Email',
    payNow: 'Pay now',
    continue: 'Continue',
    cancel: 'Cancel',
    approved: 'Payment approved. You can close this page.',
    canceled: 'You cancelled this payment. You can close this page.',
    completed: 'This order is already paid.',
    notFound: 'This order does not exist or has expired.',
  },
  'zh-CN': {
    title: 'PayPal 结账（模拟器）',
    heading: '使用 PayPal 付款',
    payTo: '收款方',
    total: '总计',
    email: '电子邮箱',
    payNow: '立即付款',
    continue: '继续',
    cancel: '取消',
    approved: '付款已批准，可以关闭此页面。',
    canceled: '您已取消付款，可以关闭此页面。',
    completed: '该订单已付款。',
    notFound: '该订单不存在或已过期。',
  },
} as const;

export type Words = (typeof WORDS)[PageLocale];

/** The page language: an explicit `locale`, else the order's `experience_context.locale`, else the browser's. */
export function pageLocale(...candidates: (string | undefined | null)[]): PageLocale {
  const wanted = candidates.find((candidate) => candidate) ?? 'en';
  return wanted.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function words(locale: PageLocale): Words {
  return WORDS[locale];
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function page(locale: PageLocale, body: string): string {
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(words(locale).title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:420px;margin:40px auto;padding:0 16px;color:#001c64}label{display:block;margin:12px 0 4px;font-weight:600}input{width:100%;padding:10px;font-size:16px;box-sizing:border-box}button{margin-top:16px;padding:12px 16px;font-size:16px;width:100%;cursor:pointer;border-radius:24px}.pay{background:#0070e0;color:#fff;border:0}.cancel{background:#fff;border:1px solid #0070e0;color:#0070e0}.amount{font-size:24px;font-weight:700}</style></head><body>${body}</body></html>`;
}

function hidden(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('');
}

/** The approval page: "Pay now" (or "Continue") approves with the typed email; "Cancel" goes back to the merchant. */
export function approvalPage(input: {
  locale: PageLocale;
  action: string;
  merchant: string;
  amountText: string;
  description: string | undefined;
  email: string;
  payNow: boolean;
}): string {
  const w = words(input.locale);
  const fields = { locale: input.locale };
  return page(
    input.locale,
    `<h1>${w.heading}</h1><p>${w.payTo}: <strong>${escapeHtml(input.merchant)}</strong></p>${input.description ? `<p>${escapeHtml(input.description)}</p>` : ''}
<p>${w.total}: <span class="amount">${escapeHtml(input.amountText)}</span></p>
<form method="post" action="${escapeHtml(input.action)}">${hidden({ ...fields, decision: 'approve' })}
<label for="email">${w.email}</label><input id="email" name="email" type="email" autocomplete="email" value="${escapeHtml(input.email)}">
<button class="pay" type="submit">${input.payNow ? w.payNow : w.continue}</button></form>
<form method="post" action="${escapeHtml(input.action)}">${hidden({ ...fields, decision: 'decline' })}<button class="cancel" type="submit">${w.cancel}</button></form>`,
  );
}

export function messagePage(locale: PageLocale, message: string): string {
  return page(locale, `<h1 role="status">${escapeHtml(message)}</h1>`);
}
