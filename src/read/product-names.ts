import { pickText, translate, type Locale, type LocalizedText } from '../kernel/i18n/index.js';
import { formatMoney, money } from '../kernel/money.js';
import { formatPhoneNumber } from '../kernel/phone.js';
import { operatorDisplayName } from '../modules/catalog/service.js';

/**
 * What an order's product is called, in the reader's language, everywhere it is named: the quote, the order, the
 * receipt (JSON, HTML, PDF), the emails and the payment provider's page. Named from what it is — a wallet credit,
 * or a line top-up of a kind (airtime, plan renewal, data add-on, refill PIN) for an operator by the name its
 * customers use, to a number formatted for reading — never from a label stored for another product.
 */

/** A quote item or an order: its kind, and for a line top-up the delivery locked with the price. */
export interface NamedProduct {
  kind: string;
  delivery?: Record<string, unknown> | null | undefined;
  /** The catalog's name locked into quotes before deliveries carried their operator (older orders). */
  name?: LocalizedText | null | undefined;
}

const KINDS = new Set(['airtime', 'bundle', 'data', 'pin']);

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length > 0 ? value : undefined;
const count = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;

/**
 * Chinese sets no space between words, but one between Latin letters and Chinese characters: "中国移动话费充值",
 * "T-Mobile 话费充值". English templates carry their own space.
 */
const beforeWord = (name: string, locale: Locale) =>
  locale === 'zh-CN' && /[A-Za-z0-9&.)]$/.test(name) ? `${name} ` : name;

/** "10 GB · 30 天", "unlimited data, 30 days": what a plan holds, from the facts locked with the price. */
function planWords(delivery: Record<string, unknown>, locale: Locale): string | undefined {
  const parts: string[] = [];
  const quotaMb = count(delivery.data_quota_mb);
  if (delivery.unlimited_data === true) parts.push(translate(locale, 'products.unlimited'));
  else if (quotaMb !== undefined) {
    const gigabytes = quotaMb / 1024;
    parts.push(
      gigabytes >= 1
        ? `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(gigabytes)} GB`
        : `${quotaMb} MB`,
    );
  }
  const days = count(delivery.validity_days);
  if (days !== undefined)
    parts.push(translate(locale, days === 1 ? 'products.day' : 'products.days', { count: days }));
  return parts.length > 0 ? parts.join(translate(locale, 'products.plan_separator')) : undefined;
}

/**
 * The product alone, without its recipient: "T-Mobile 话费充值 US$25.00", "中国移动话费充值 ¥50.00",
 * "T-Mobile plan renewal (unlimited data, 30 days)", "Verizon top-up of $25.00", "钱包充值". For texts that show
 * the number next to it (the emails).
 */
export function nameOfProduct(product: NamedProduct, locale: Locale): string {
  if (product.kind === 'esim' || product.kind === 'esim_topup') return nameOfEsimProduct(product, locale);
  if (product.kind !== 'line_topup') return translate(locale, 'products.wallet_credit');
  const delivery = product.delivery ?? {};
  const operator = text(delivery.operator_name);
  const kind = text(delivery.kind);
  if (!operator || !kind || !KINDS.has(kind)) {
    return product.name ? pickText(product.name, locale) : translate(locale, 'receipt.items.line_topup');
  }
  const named = translate(locale, `products.kinds.${kind}`, {
    operator: beforeWord(operatorDisplayName(operator, locale), locale),
  });
  const plan = kind === 'bundle' || kind === 'data' ? planWords(delivery, locale) : undefined;
  if (plan) return translate(locale, 'products.with_plan', { product: named, plan });
  const amountMinor = count(delivery.amount_minor);
  const currency = text(delivery.currency);
  if (amountMinor === undefined || !currency) return named;
  return translate(locale, 'products.with_amount', {
    product: named,
    amount: formatMoney(money(amountMinor, currency), locale),
  });
}

/**
 * A new eSIM is called by its plan's name ("美国旅行 eSIM 1GB（7天）"); a top-up by what it adds: "eSIM 流量加油包
 * （1 GB · 7 天）", "eSIM data top-up (1 GB, 7 days)" — from the facts locked with the price.
 */
function nameOfEsimProduct(product: NamedProduct, locale: Locale): string {
  const delivery = product.delivery ?? {};
  if (product.kind === 'esim') {
    const name = (delivery.name as LocalizedText | undefined) ?? product.name ?? undefined;
    return name ? pickText(name, locale) : translate(locale, 'products.esim');
  }
  const plan = planWords(
    {
      data_quota_mb: delivery.data_mb,
      unlimited_data: delivery.unlimited,
      validity_days: delivery.validity_days,
    },
    locale,
  );
  const named = translate(locale, 'products.esim_topup');
  return plan ? translate(locale, 'products.with_plan', { product: named, plan }) : named;
}

/** Both languages' names of an eSIM top-up (locked into its order as the package's name). */
export function esimTopUpNames(facts: {
  data_mb: number | null;
  unlimited: boolean;
  validity_days: number;
}): LocalizedText {
  const named = (locale: Locale) => nameOfEsimProduct({ kind: 'esim_topup', delivery: { ...facts } }, locale);
  return { 'zh-CN': named('zh-CN'), en: named('en') };
}

/** The product with its recipient: "T-Mobile 话费充值 US$25.00 · +1 646-217-4512"; a wallet credit alone. */
export function nameOfProductFor(product: NamedProduct, locale: Locale): string {
  const name = nameOfProduct(product, locale);
  const phone = product.kind === 'line_topup' ? text(product.delivery?.phone) : undefined;
  return phone
    ? translate(locale, 'products.for_number', { product: name, number: formatPhoneNumber(phone) })
    : name;
}

/** What the payment provider's page says the payment is for (PayPal's item, Stripe's description). */
export function paymentDescriptionOf(product: NamedProduct, locale: Locale): string {
  return translate(locale, 'products.payment_description', { product: nameOfProductFor(product, locale) });
}
