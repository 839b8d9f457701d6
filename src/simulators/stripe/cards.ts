/**
 * Stripe's public test card numbers and what each does (docs.stripe.com/testing). Anything else that passes the
 * Luhn check succeeds; anything that does not is `incorrect_number`.
 */

export type CardDecline = { kind: 'decline'; code: string; declineCode: string | undefined; message: string };

export type CardOutcome = { kind: 'succeed' } | { kind: 'three_d_secure' } | CardDecline;

const DECLINES: Record<string, CardOutcome> = {
  '4000000000000002': {
    kind: 'decline',
    code: 'card_declined',
    declineCode: 'generic_decline',
    message: 'Your card was declined.',
  },
  '4000000000009995': {
    kind: 'decline',
    code: 'card_declined',
    declineCode: 'insufficient_funds',
    message: 'Your card has insufficient funds.',
  },
  '4000000000009987': {
    kind: 'decline',
    code: 'card_declined',
    declineCode: 'lost_card',
    message: 'Your card was declined.',
  },
  '4000000000000069': {
    kind: 'decline',
    code: 'expired_card',
    declineCode: undefined,
    message: 'Your card has expired.',
  },
  '4000000000000127': {
    kind: 'decline',
    code: 'incorrect_cvc',
    declineCode: undefined,
    message: "Your card's security code is incorrect.",
  },
  '4000000000000119': {
    kind: 'decline',
    code: 'processing_error',
    declineCode: undefined,
    message: 'An error occurred while processing your card. Try again in a little bit.',
  },
};

const THREE_D_SECURE = new Set(['4000002500003155', '4000000000003220', '4000002760003184']);
/** Cards that need 3-D Secure even when charged off session after being saved: such charges fail. */
const THREE_D_SECURE_ALWAYS = new Set(['4000000000003220', '4000002760003184']);
/** Saves (SetupIntent, attach) fine, then every charge is declined. */
const DECLINE_AFTER_ATTACH = '4000000000000341';

export const GENERIC_DECLINE: CardDecline = {
  kind: 'decline',
  code: 'card_declined',
  declineCode: 'generic_decline',
  message: 'Your card was declined.',
};

export const AUTHENTICATION_REQUIRED: CardDecline = {
  kind: 'decline',
  code: 'authentication_required',
  declineCode: 'authentication_required',
  message:
    'Your card was declined. This transaction requires authentication, which is not possible off session.',
};

export function luhnValid(number: string): boolean {
  if (!/^\d{12,19}$/.test(number)) return false;
  let sum = 0;
  for (let index = 0; index < number.length; index += 1) {
    let digit = Number(number[number.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** What charging `number` does; `offSession` charges of a saved card cannot show a 3-D Secure challenge. */
export function cardOutcome(
  number: string,
  context: { offSession?: boolean; saving?: boolean } = {},
): CardOutcome {
  if (!luhnValid(number)) {
    return {
      kind: 'decline',
      code: 'incorrect_number',
      declineCode: undefined,
      message: 'Your card number is incorrect.',
    };
  }
  if (number === DECLINE_AFTER_ATTACH) return context.saving ? { kind: 'succeed' } : GENERIC_DECLINE;
  if (THREE_D_SECURE.has(number)) {
    if (context.saving) return { kind: 'succeed' };
    if (context.offSession)
      return THREE_D_SECURE_ALWAYS.has(number) ? AUTHENTICATION_REQUIRED : { kind: 'succeed' };
    return { kind: 'three_d_secure' };
  }
  return DECLINES[number] ?? { kind: 'succeed' };
}

export function cardBrand(number: string): string {
  if (number.startsWith('4')) return 'visa';
  if (/^5[1-5]|^2[2-7]/.test(number)) return 'mastercard';
  if (/^3[47]/.test(number)) return 'amex';
  if (number.startsWith('62')) return 'unionpay';
  if (/^6(011|5)/.test(number)) return 'discover';
  if (/^35/.test(number)) return 'jcb';
  return 'unknown';
}
