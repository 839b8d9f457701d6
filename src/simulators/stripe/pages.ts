/**
 * The simulator's hosted pages, where the (simulated) customer types a card, passes 3-D Secure, approves in
 * Alipay or scans the WeChat Pay code. Plain HTML with labelled fields and buttons, in English or Chinese.
 */

export type PageLocale = 'en' | 'zh-CN';

type WordKey =
  | 'title'
  | 'amount'
  | 'cardNumber'
  | 'expiry'
  | 'cvc'
  | 'name'
  | 'pay'
  | 'applePay'
  | 'saveCard'
  | 'threeDs'
  | 'complete'
  | 'fail'
  | 'alipay'
  | 'approve'
  | 'decline'
  | 'wechat'
  | 'scanned'
  | 'done'
  | 'failed'
  | 'cancel'
  | 'saved'
  | 'qrAlt'
  | 'notFound';

const WORDS: Record<PageLocale, Record<WordKey, string>> = {
  en: {
    title: 'Secure payment (Stripe simulator)',
    amount: 'Amount',
    cardNumber: 'Card number',
    expiry: 'Expiry (MM/YY)',
    cvc: 'CVC',
    name: 'Name on card',
    pay: 'Pay',
    applePay: 'Pay with Apple Pay',
    saveCard: 'Save card',
    threeDs: 'Your bank asks you to confirm this payment (3-D Secure).',
    complete: 'Complete authentication',
    fail: 'Fail authentication',
    alipay: 'Alipay (simulated): approve this payment?',
    approve: 'Approve payment',
    decline: 'Decline',
    wechat: 'WeChat Pay (simulated): scan the code, then confirm on the phone.',
    scanned: 'Confirm payment in WeChat',
    done: 'Payment complete. You can close this page.',
    failed: 'Payment not completed.',
    cancel: 'Cancel',
    saved: 'Card saved. You can close this page.',
    qrAlt: 'WeChat Pay QR code',
    notFound: 'This payment does not exist or is finished.',
  },
  'zh-CN': {
    title: '安全支付（Stripe 模拟器）',
    amount: '金额',
    cardNumber: '卡号',
    expiry: '有效期（月/年）',
    cvc: '安全码',
    name: '持卡人姓名',
    pay: '支付',
    applePay: '使用 Apple Pay 支付',
    saveCard: '保存银行卡',
    threeDs: '您的银行要求确认这笔付款（3-D Secure）。',
    complete: '完成验证',
    fail: '验证失败',
    alipay: '支付宝（模拟）：确认支付这笔款项？',
    approve: '确认付款',
    decline: '拒绝',
    wechat: '微信支付（模拟）：扫码后在手机上确认。',
    scanned: '在微信中确认付款',
    done: '支付完成，可以关闭此页面。',
    failed: '支付未完成。',
    cancel: '取消',
    saved: '银行卡已保存，可以关闭此页面。',
    qrAlt: '微信支付二维码',
    notFound: '该付款不存在或已结束。',
  },
};

export type Words = Record<WordKey, string>;

export function words(locale: string | null): Words {
  return locale?.startsWith('zh') ? WORDS['zh-CN'] : WORDS.en;
}

/** The page language: the `locale` parameter, else the browser's first `Accept-Language`, else English. */
export function pageLocale(param: string | null, acceptLanguage: string | undefined): PageLocale {
  const wanted = param ?? acceptLanguage?.split(',')[0]?.trim() ?? 'en';
  return wanted.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

export function page(locale: string | null, body: string): string {
  const lang = locale?.startsWith('zh') ? 'zh-CN' : 'en';
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(words(locale).title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:420px;margin:40px auto;padding:0 16px;color:#1a1f36}label{display:block;margin:12px 0 4px;font-weight:600}input{width:100%;padding:10px;font-size:16px;box-sizing:border-box}button{margin-top:16px;padding:12px 16px;font-size:16px;width:100%;cursor:pointer}.amount{font-size:24px;font-weight:700}.apple{background:#000;color:#fff;border:0}</style></head><body>${body}</body></html>`;
}

export function hidden(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('');
}

export function cardForm(input: {
  locale: string | null;
  action: string;
  /** Omitted when nothing is charged (saving a card). */
  amountText: string | undefined;
  fields: Record<string, string>;
  submitLabel: string;
  offerApplePay: boolean;
}): string {
  const w = words(input.locale);
  const applePay = input.offerApplePay
    ? `<form method="post" action="${escapeHtml(input.action)}">${hidden({ ...input.fields, wallet: 'apple_pay' })}<button class="apple" type="submit">${w.applePay}</button></form><hr>`
    : '';
  return page(
    input.locale,
    `<h1>${w.title}</h1>${input.amountText ? `<p>${w.amount}: <span class="amount">${escapeHtml(input.amountText)}</span></p>` : ''}${applePay}
<form method="post" action="${escapeHtml(input.action)}">${hidden(input.fields)}
<label for="number">${w.cardNumber}</label><input id="number" name="number" inputmode="numeric" autocomplete="cc-number" required>
<label for="expiry">${w.expiry}</label><input id="expiry" name="expiry" autocomplete="cc-exp" placeholder="12/34" required>
<label for="cvc">${w.cvc}</label><input id="cvc" name="cvc" inputmode="numeric" autocomplete="cc-csc" required>
<label for="name">${w.name}</label><input id="name" name="name" autocomplete="cc-name">
<button type="submit">${escapeHtml(input.submitLabel)}</button></form>`,
  );
}

export function choicePage(input: {
  locale: string | null;
  action: string;
  heading: string;
  amountText: string;
  fields: Record<string, string>;
  yes: string;
  no: string;
  extra?: string;
}): string {
  return page(
    input.locale,
    `<h1>${escapeHtml(input.heading)}</h1><p class="amount">${escapeHtml(input.amountText)}</p>${input.extra ?? ''}
<form method="post" action="${escapeHtml(input.action)}">${hidden({ ...input.fields, decision: 'approve' })}<button type="submit">${escapeHtml(input.yes)}</button></form>
<form method="post" action="${escapeHtml(input.action)}">${hidden({ ...input.fields, decision: 'decline' })}<button type="submit">${escapeHtml(input.no)}</button></form>`,
  );
}

export function messagePage(locale: string | null, message: string): string {
  return page(locale, `<h1 role="status">${escapeHtml(message)}</h1>`);
}
