import type { Locale } from '../kernel/i18n/index.js';

/**
 * How to redeem a refill PIN, per carrier, in the customer's language. The provider's own instructions come in
 * English only (Reloadly's `pinDetail.info*`); these steps come first and the provider's text is shown after them
 * as given. A carrier without its own entry gets the generic steps.
 */

type Steps = Readonly<Record<Locale, readonly string[]>>;

const GENERIC: Steps = {
  'zh-CN': [
    '在要充值的手机上，按运营商的说明（见下方原文）拨打充值号码或打开其 App / 网站。',
    '选择“充值卡 / Refill card”充值，并在提示时输入上面的卡密。',
    '充值成功后，运营商通常会发短信确认。卡密只能使用一次，请勿告诉他人。',
  ],
  en: [
    'On the phone you are topping up, call the carrier’s refill number or open its app or website (see the carrier’s note below).',
    'Choose to refill with a card and enter the PIN above when asked.',
    'The carrier usually confirms by text message. A PIN works once only: keep it to yourself.',
  ],
};

const BY_CARRIER: Readonly<Record<string, Steps>> = {
  // T-Mobile's own page (support.t-mobile.com/docs/DOC-1356): the Refill Center answers *ADD (*233).
  't-mobile': {
    'zh-CN': [
      '用要充值的 T-Mobile 手机拨打 *233 并按呼叫键（免费）。',
      '按语音提示选择用充值卡充值，输入上面的卡密。',
      '也可以在 T-Mobile App 或 t-mobile.com 的“Refill”页面输入卡密。',
      '卡密只能使用一次，请勿告诉他人。',
    ],
    en: [
      'On the T-Mobile phone you are topping up, dial *233 and press Call (free).',
      'Follow the prompts to refill with a card and enter the PIN above.',
      'Or enter the PIN on the “Refill” page of the T-Mobile app or t-mobile.com.',
      'A PIN works once only: keep it to yourself.',
    ],
  },
  // AT&T's own page (att.com/support/article/wireless/KM1008656, "Pay your AT&T PREPAID amount due"): 611 from the
  // prepaid phone or 800.901.9878 from another, say "Payment", choose refill card; the star code *888*PIN#; online,
  // Make a Payment → AT&T PREPAID Refill Card.
  att: {
    'zh-CN': [
      '用要充值的 AT&T PREPAID 手机拨打 611（用其他电话请拨 800-901-9878），在主菜单说“Payment”，选择“Make a payment”，再选“refill card”。',
      '按提示输入上面的卡密。',
      '或在该手机上直接拨打 *888*卡密#（例如 *888*1234567899874#）。',
      '也可以登录 AT&T PREPAID 账户（网站或 myAT&T App），选择“Make a Payment”，在“AT&T PREPAID Refill Card”处输入卡密。',
      '卡密只能使用一次，请勿告诉他人。',
    ],
    en: [
      'On the AT&T PREPAID phone you are topping up, call 611 (from another phone, 800-901-9878), say “Payment” at the main menu, choose “Make a payment”, then “refill card”.',
      'Enter the PIN above when asked.',
      'Or dial *888*PIN# on that phone (for example *888*1234567899874#).',
      'Or sign in to the AT&T PREPAID account (website or myAT&T app), choose “Make a Payment” and enter the PIN under “AT&T PREPAID Refill Card”.',
      'A PIN works once only: keep it to yourself.',
    ],
  },
  // Verizon's own pages (verizonwireless.com/support/knowledge-base-212934, "My Verizon app (Prepaid) - Payments"):
  // Payment → Balance → Add funds → a refill card; the automated service answers *611 from the phone.
  verizon: {
    'zh-CN': [
      '用要充值的 Verizon 预付费手机拨打 *611（免费），按语音提示选择用充值卡（refill card）付款。',
      '在提示时输入上面的卡密。',
      '也可以打开 My Verizon App：菜单 → Payment → Balance → Add funds，选择“A refill card”并输入卡密。',
      '卡密只能使用一次，请勿告诉他人。',
    ],
    en: [
      'On the Verizon prepaid phone you are topping up, dial *611 (free) and follow the prompts to pay with a refill card.',
      'Enter the PIN above when asked.',
      'Or in the My Verizon app: Menu → Payment → Balance → Add funds, choose “A refill card” and enter the PIN.',
      'A PIN works once only: keep it to yourself.',
    ],
  },
};

/** The redemption steps for a carrier (`t-mobile`, `att`, …; undefined = not known), in `locale`. */
export function redemptionSteps(carrierSlug: string | undefined, locale: Locale): readonly string[] {
  const steps = (carrierSlug ? BY_CARRIER[carrierSlug] : undefined) ?? GENERIC;
  return steps[locale];
}
