/**
 * Stripe's public test card numbers and what each does, from docs.stripe.com/testing (sections "Declined
 * payments", "Fraud prevention" and "3D Secure authentication"). Anything else that passes the Luhn check
 * succeeds; anything that does not is `incorrect_number`.
 *
 * The docs give each declining card's error `code` and `decline_code`; the `message`s are the ones Stripe's test
 * mode answers (recorded against api.stripe.com, e.g. openfoodfoundation/openfoodnetwork's Stripe specs).
 */

export type CardDecline = { kind: 'decline'; code: string; declineCode: string | undefined; message: string };

export type CardOutcome = { kind: 'succeed' } | { kind: 'three_d_secure' } | CardDecline;

export interface DecliningCard {
  number: string;
  /** The docs' own description of the card. */
  description: string;
  section: 'Declined payments' | 'Fraud prevention' | '3D Secure authentication';
  code: string;
  declineCode: string | undefined;
  message: string;
  /** Asks for 3-D Secure first and is declined once the customer completes it. */
  afterAuthentication: boolean;
}

const DECLINED = 'Your card was declined.';

/** Every card on docs.stripe.com/testing whose payment is refused (with Stripe's default Radar rules). */
export const DECLINING_CARDS: readonly DecliningCard[] = [
  {
    number: '4000000000000002',
    description: 'Generic decline',
    section: 'Declined payments',
    code: 'card_declined',
    declineCode: 'generic_decline',
    message: DECLINED,
    afterAuthentication: false,
  },
  {
    number: '4000000000009995',
    description: 'Insufficient funds decline',
    section: 'Declined payments',
    code: 'card_declined',
    declineCode: 'insufficient_funds',
    message: 'Your card has insufficient funds.',
    afterAuthentication: false,
  },
  {
    number: '4000000000009987',
    description: 'Lost card decline',
    section: 'Declined payments',
    code: 'card_declined',
    declineCode: 'lost_card',
    message: DECLINED,
    afterAuthentication: false,
  },
  {
    number: '4000000000009979',
    description: 'Stolen card decline',
    section: 'Declined payments',
    code: 'card_declined',
    declineCode: 'stolen_card',
    message: DECLINED,
    afterAuthentication: false,
  },
  {
    number: '4000000000000069',
    description: 'Expired card decline',
    section: 'Declined payments',
    code: 'expired_card',
    declineCode: undefined,
    message: 'Your card has expired.',
    afterAuthentication: false,
  },
  {
    number: '4000000000000127',
    description: 'Incorrect CVC decline',
    section: 'Declined payments',
    code: 'incorrect_cvc',
    declineCode: undefined,
    message: "Your card's security code is incorrect.",
    afterAuthentication: false,
  },
  {
    number: '4000000000000119',
    description: 'Processing error decline',
    section: 'Declined payments',
    code: 'processing_error',
    declineCode: undefined,
    message: 'An error occurred while processing your card. Try again in a little bit.',
    afterAuthentication: false,
  },
  {
    number: '4242424242424241',
    description: 'Incorrect number decline',
    section: 'Declined payments',
    code: 'incorrect_number',
    declineCode: undefined,
    message: 'Your card number is incorrect.',
    afterAuthentication: false,
  },
  {
    number: '4000000000006975',
    description: 'Exceeding velocity limit decline',
    section: 'Declined payments',
    code: 'card_declined',
    declineCode: 'card_velocity_exceeded',
    message:
      'Your card was declined for making repeated attempts too frequently or exceeding its amount limit.',
    afterAuthentication: false,
  },
  {
    number: '4000000000000341',
    description: 'Decline after attaching',
    section: 'Declined payments',
    code: 'card_declined',
    declineCode: 'generic_decline',
    message: DECLINED,
    afterAuthentication: false,
  },
  // Radar blocks are card errors: the docs call it "an error code of fraud", the API answers code card_declined
  // with decline_code fraudulent (as recorded from test mode); the API's answer is what clients see.
  {
    number: '4100000000000019',
    description: 'Always blocked',
    section: 'Fraud prevention',
    code: 'card_declined',
    declineCode: 'fraudulent',
    message: DECLINED,
    afterAuthentication: false,
  },
  // Risk level "highest": Radar's default rules block it.
  {
    number: '4000000000004954',
    description: 'Highest risk',
    section: 'Fraud prevention',
    code: 'card_declined',
    declineCode: 'fraudulent',
    message: DECLINED,
    afterAuthentication: false,
  },
  {
    number: '4000008260003178',
    description: 'Insufficient funds',
    section: '3D Secure authentication',
    code: 'card_declined',
    declineCode: 'insufficient_funds',
    message: 'Your card has insufficient funds.',
    afterAuthentication: true,
  },
  // The docs name only the failure code (card_declined) of the next two; generic_decline is Stripe's catch-all.
  {
    number: '4000008400001629',
    description: '3DS Required, Declined',
    section: '3D Secure authentication',
    code: 'card_declined',
    declineCode: 'generic_decline',
    message: DECLINED,
    afterAuthentication: true,
  },
  {
    number: '4000008400001280',
    description: '3DS Required, Error',
    section: '3D Secure authentication',
    code: 'card_declined',
    declineCode: 'generic_decline',
    message: DECLINED,
    afterAuthentication: true,
  },
];

const DECLINES = new Map(DECLINING_CARDS.map((card) => [card.number, card]));
const INCORRECT_NUMBER = DECLINES.get('4242424242424241')!;

/** On session these ask for 3-D Secure; passing it pays (unless the card is in DECLINING_CARDS). */
const THREE_D_SECURE = new Set([
  '4000002500003155',
  '4000000000003220',
  '4000002760003184',
  '4000003800000446',
]);
/** Cards that need 3-D Secure even when charged off session after being saved: such charges fail. */
const THREE_D_SECURE_ALWAYS = new Set(['4000000000003220', '4000002760003184']);
/** Saves (SetupIntent, attach) fine, then every charge is declined. */
const DECLINE_AFTER_ATTACH = '4000000000000341';

const declineOf = (card: DecliningCard): CardDecline => ({
  kind: 'decline',
  code: card.code,
  declineCode: card.declineCode,
  message: card.message,
});

export const GENERIC_DECLINE: CardDecline = declineOf(DECLINES.get('4000000000000002')!);

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

/**
 * What charging `number` does. `offSession` charges of a saved card cannot show a 3-D Secure challenge;
 * `authenticated` is the charge after the customer completed one; `saving` is a SetupIntent or attach.
 */
export function cardOutcome(
  number: string,
  context: { offSession?: boolean; saving?: boolean; authenticated?: boolean } = {},
): CardOutcome {
  if (!luhnValid(number)) return declineOf(INCORRECT_NUMBER);
  if (number === DECLINE_AFTER_ATTACH) return context.saving ? { kind: 'succeed' } : GENERIC_DECLINE;
  const declining = DECLINES.get(number);
  if (declining?.afterAuthentication) {
    // These can be set up; every payment is then declined, after 3-D Secure when the customer is there.
    if (context.saving) return { kind: 'succeed' };
    if (context.authenticated || context.offSession) return declineOf(declining);
    return { kind: 'three_d_secure' };
  }
  // The other declining cards cannot be attached to a Customer: saving them is declined too.
  if (declining) return declineOf(declining);
  if (THREE_D_SECURE.has(number)) {
    if (context.saving || context.authenticated) return { kind: 'succeed' };
    if (context.offSession)
      return THREE_D_SECURE_ALWAYS.has(number) ? AUTHENTICATION_REQUIRED : { kind: 'succeed' };
    return { kind: 'three_d_secure' };
  }
  return { kind: 'succeed' };
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
