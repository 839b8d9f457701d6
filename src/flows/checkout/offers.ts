import type { DbOrTx } from '../../db/index.js';
import { AppError, type ErrorCode, type ErrorValue } from '../../kernel/errors.js';
import { isId } from '../../kernel/ids.js';
import type { LocalizedText } from '../../kernel/i18n/index.js';
import {
  convertMoneyByInverseRate,
  formatMoney,
  money,
  parseDecimalAmount,
  toDecimalString,
  type Money,
} from '../../kernel/money.js';
import {
  describeOperators,
  getOffer,
  getOperatorRow,
  offersForOperator,
  operatorNames,
  priceWithMarkup,
  type OperatorDescription,
  type TopUpOffer,
} from '../../modules/catalog/service.js';
import { getLine, lookUpNumber, type LinesDeps } from '../../modules/lines/service.js';
import type { LineTopUpDelivery } from '../../modules/provisioning/service.js';

/**
 * Offers and pricing a line top-up before the quote: which product, for which number, at what face amount. The
 * number is checked and its operator compared with the product's carrier *before* any payment, so a wrong number
 * or a product of another carrier is caught while the customer can still fix it. This joins the catalog (the
 * products) with lines (the customer's numbers and the operator lookup), so it belongs to the checkout flow.
 */

export interface LineTopUpChoice {
  product: string;
  /** One of the customer's lines, or any number (a gift). */
  line?: string | undefined;
  phone?: string | undefined;
  /**
   * For a ranged product: the face value the line should receive, in minor units of the offer's currency (CNY
   * fen for China Mobile)…
   */
  amountMinor?: number | undefined;
  /** …or as a person typed it, in major units ("50", "50.00"); at most the currency's decimals. */
  amount?: string | undefined;
  /** The currency the amount is in: it must be the offer's (the one its face value is stated in). */
  currency?: string | undefined;
}

export interface PricedLineTopUp {
  priceMinor: number;
  currency: string;
  name: LocalizedText;
  delivery: LineTopUpDelivery;
}

/**
 * What a face value costs the customer before the method fee, in the provider account's currency (USD).
 *
 * Rounding rule: a face in the account's currency is its own wholesale; a face in the line's currency (¥50.00
 * for China Mobile) is divided by the provider's rate (7.1 CNY per USD) and rounded half to even to the cent
 * (¥50.00 → $7.04). The product's markup is then added, rounded half to even to the cent ($7.04 + 3 % → $7.25).
 */
export interface FacePrice {
  price: Money;
  /** A face in the line's currency: the provider's rate used and when the catalog read it. */
  fx: { rate: string; asOf: Date } | undefined;
}

export function priceOfFace(offer: TopUpOffer, faceMinor: number): FacePrice {
  const { product, operator } = offer;
  const face = money(faceMinor, product.currency);
  // The catalog's one markup rule, shared with the plan cards.
  const markedUp = (wholesale: Money) =>
    money(priceWithMarkup(wholesale.amountMinor, product.markupBps), wholesale.currency);
  if (product.currency === operator.currency) return { price: markedUp(face), fx: undefined };
  if (!operator.fxRate) throw refuse('product_not_available', 'product');
  return {
    price: markedUp(convertMoneyByInverseRate(face, operator.fxRate, operator.currency)),
    fx: { rate: operator.fxRate, asOf: operator.syncedAt },
  };
}

/** The face values a ranged offer takes, in its own currency (the line's for a local-amount operator). */
export function faceRange({ product, operator }: TopUpOffer): { minimumMinor: number; maximumMinor: number } {
  const local = product.currency !== operator.currency;
  const minimumMinor = (local ? operator.localMinAmountMinor : operator.minAmountMinor) ?? 1;
  const maximumMinor = (local ? operator.localMaxAmountMinor : operator.maxAmountMinor) ?? minimumMinor;
  return { minimumMinor, maximumMinor };
}

const refuse = (code: ErrorCode, param: string, values: Record<string, ErrorValue> = {}) =>
  new AppError(code, { param, values });

/** The amount the customer asked for, in minor units of the offer's currency; undefined when none was given. */
function requestedFace(offer: TopUpOffer, choice: LineTopUpChoice): number | undefined {
  const currency = offer.product.currency;
  if (choice.currency !== undefined && choice.currency !== currency) {
    throw refuse('amount_currency_mismatch', 'currency', { currency, given: choice.currency });
  }
  if (choice.amount === undefined) return choice.amountMinor;
  if (choice.amountMinor !== undefined) throw refuse('amount_invalid', 'amount');
  const parsed = parseDecimalAmount(choice.amount, currency);
  if (parsed.ok) return parsed.amountMinor;
  if (parsed.reason === 'too_precise') {
    throw refuse('amount_too_precise', 'amount', { currency, digits: parsed.digits });
  }
  throw refuse('amount_invalid', 'amount');
}

function faceAmount(offer: TopUpOffer, choice: LineTopUpChoice): number {
  const { product } = offer;
  const requested = requestedFace(offer, choice);
  const param = choice.amount === undefined ? 'amount_minor' : 'amount';
  const decimal = (minor: number) => toDecimalString(money(minor, product.currency));
  if (product.faceAmountMinor !== null) {
    if (requested !== undefined && requested !== product.faceAmountMinor) {
      throw refuse('amount_fixed', param, {
        amount: `${decimal(product.faceAmountMinor)} ${product.currency}`,
      });
    }
    return product.faceAmountMinor;
  }
  const { minimumMinor, maximumMinor } = faceRange(offer);
  if (requested === undefined || requested < minimumMinor || requested > maximumMinor) {
    throw refuse('amount_out_of_range', param, {
      minimum: decimal(minimumMinor),
      maximum: decimal(maximumMinor),
      currency: product.currency,
    });
  }
  return requested;
}

async function recipientOf(deps: LinesDeps, customerId: string, choice: LineTopUpChoice) {
  if ((choice.line === undefined) === (choice.phone === undefined)) {
    throw refuse('recipient_missing', 'line');
  }
  if (choice.line !== undefined) {
    const line = await getLine(deps.db, customerId, choice.line);
    // A data-only eSIM line has no number to top up by airtime (its top-ups are eSIM packages).
    if (line.phone === null) throw refuse('line_has_no_number', 'line');
    const operator = line.operatorId ? await getOperatorRow(deps.db, line.operatorId) : undefined;
    return { lineId: line.id, e164: line.phone, countryIso: line.countryIso, operator };
  }
  const lookup = await lookUpNumber(deps, choice.phone!);
  return {
    lineId: null,
    e164: lookup.number.e164,
    countryIso: lookup.number.countryIso,
    operator: lookup.operator,
  };
}

export interface OffersForRecipient {
  offers: TopUpOffer[];
  /** The operator the offers are for; undefined when the number's operator is not known. */
  operator: OperatorDescription | undefined;
}

/** What can be bought for one of the customer's lines or any number: the offers of its operator. */
export async function offersFor(
  deps: LinesDeps,
  customerId: string,
  recipient: { line?: string | undefined; phone?: string | undefined },
): Promise<OffersForRecipient> {
  const operatorId = recipient.line
    ? ((await getLine(deps.db, customerId, recipient.line)).operatorId ?? undefined)
    : recipient.phone
      ? (await lookUpNumber(deps, recipient.phone)).operator?.id
      : undefined;
  if (!operatorId) return { offers: [], operator: undefined };
  // An offer stated in the line's currency is priced at the provider's rate: without one it cannot be sold.
  const offers = (await offersForOperator(deps.db, operatorId)).filter(
    (offer) => offer.product.currency === offer.operator.currency || offer.operator.fxRate !== null,
  );
  return {
    offers,
    operator: (await describeOperators(deps.db, [operatorId])).get(operatorId),
  };
}

export async function priceLineTopUp(
  deps: LinesDeps & { db: DbOrTx },
  customerId: string,
  choice: LineTopUpChoice,
): Promise<PricedLineTopUp> {
  if (!isId('topUpProduct', choice.product)) throw refuse('resource_missing', 'product');
  const recipient = await recipientOf(deps, customerId, choice);
  const offer = await getOffer(deps.db, choice.product);
  const { product, operator } = offer;
  if (!product.active || !product.listed || !operator.active) {
    throw refuse('product_not_available', 'product');
  }
  if (!sameCarrier(recipient.operator, operator) || operator.countryIso !== recipient.countryIso) {
    throw refuse('product_not_for_number', 'product', {
      operator: recipient.operator ? operatorNames(recipient.operator.name) : recipient.countryIso,
    });
  }
  const faceMinor = faceAmount(offer, choice);
  const { price, fx } = priceOfFace(offer, faceMinor);
  const name =
    product.faceAmountMinor === null
      ? withAmount(product.name, money(faceMinor, product.currency))
      : product.name;
  return {
    priceMinor: price.amountMinor,
    currency: price.currency,
    name,
    delivery: {
      line: recipient.lineId,
      phone: recipient.e164,
      country: recipient.countryIso,
      product: product.id,
      kind: product.kind,
      provider: operator.provider,
      provider_operator_id: operator.providerOperatorId,
      amount_minor: faceMinor,
      currency: product.currency,
      amount_in: fx ? 'local' : 'account',
      fx_rate: fx?.rate ?? null,
      fx_as_of: fx?.asOf.toISOString() ?? null,
      eta_minutes: product.etaMinutes,
      name,
      operator_name: operator.name,
      validity_days: product.validityDays,
      data_quota_mb: product.dataQuotaMb,
      unlimited_data: product.unlimitedData,
    },
  };
}

type OperatorRef = { id: string; carrierId: string | null };

/** A product of `productOperator` can top up a number of `numberOperator` (unknown: the provider decides). */
function sameCarrier(numberOperator: OperatorRef | undefined, productOperator: OperatorRef): boolean {
  return (
    numberOperator === undefined ||
    numberOperator.id === productOperator.id ||
    (numberOperator.carrierId !== null && numberOperator.carrierId === productOperator.carrierId)
  );
}

/**
 * Before an order for a line top-up is charged: the product must still be on sale and the line, if it is one
 * of the customer's, must still be with the product's carrier (the customer may have corrected its carrier, or
 * the number was ported, since the price was given). Otherwise nothing is charged and a new price is needed.
 */
export async function assertStillAsQuoted(
  db: DbOrTx,
  order: { customerId: string; delivery: Record<string, unknown> },
): Promise<void> {
  const delivery = order.delivery as unknown as LineTopUpDelivery;
  const { product, operator } = await getOffer(db, delivery.product);
  if (!product.active || !product.listed || !operator.active) {
    throw refuse('product_not_available', 'product');
  }
  if (!delivery.line) return;
  const line = await getLine(db, order.customerId, delivery.line).catch(() => undefined);
  const lineOperator = line?.operatorId ? await getOperatorRow(db, line.operatorId) : undefined;
  if (!sameCarrier(lineOperator, operator)) {
    throw refuse('recipient_changed', 'line', { operator: operatorNames(lineOperator!.name) });
  }
}

/** "T-Mobile United States top-up $25.00", "China Mobile China 话费充值 ¥50.00". */
function withAmount(name: LocalizedText, face: Money): LocalizedText {
  const amount = (locale: string) =>
    face.currency === 'USD' ? `$${toDecimalString(face)}` : formatMoney(face, locale);
  return { 'zh-CN': `${name['zh-CN']} ${amount('zh-CN')}`, en: `${name.en} ${amount('en')}` };
}
