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
  att: {
    'zh-CN': [
      '用要充值的 AT&T 手机拨打 611，按语音提示选择用充值卡充值。',
      '在提示时输入上面的卡密。',
      '也可以登录 myAT&T App 或 att.com，在“Refill”中输入卡密。',
      '卡密只能使用一次，请勿告诉他人。',
    ],
    en: [
      'On the AT&T phone you are topping up, call 611 and choose to refill with a card.',
      'Enter the PIN above when asked.',
      'Or sign in to the myAT&T app or att.com and enter the PIN under “Refill”.',
      'A PIN works once only: keep it to yourself.',
    ],
  },
  verizon: {
    'zh-CN': [
      '用要充值的 Verizon 手机拨打 #PMT（#768），按语音提示选择用充值卡充值。',
      '在提示时输入上面的卡密。',
      '也可以在 My Verizon App 的付款页面选择“Refill card”并输入卡密。',
      '卡密只能使用一次，请勿告诉他人。',
    ],
    en: [
      'On the Verizon phone you are topping up, dial #PMT (#768) and choose to refill with a card.',
      'Enter the PIN above when asked.',
      'Or choose “Refill card” on the payments page of the My Verizon app and enter the PIN.',
      'A PIN works once only: keep it to yourself.',
    ],
  },
};

/** The redemption steps for a carrier (`t-mobile`, `att`, …; undefined = not known), in `locale`. */
export function redemptionSteps(carrierSlug: string | undefined, locale: Locale): readonly string[] {
  const steps = (carrierSlug ? BY_CARRIER[carrierSlug] : undefined) ?? GENERIC;
  return steps[locale];
}
