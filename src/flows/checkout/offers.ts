import type { DbOrTx } from '../../db/index.js';
import { AppError, type ErrorCode, type ErrorValue } from '../../kernel/errors.js';
import { isId } from '../../kernel/ids.js';
import type { LocalizedText } from '../../kernel/i18n/index.js';
import { money, percentOf } from '../../kernel/money.js';
import {
  describeOperators,
  getOffer,
  getOperatorRow,
  offersForOperator,
  operatorNames,
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
  /** For a ranged airtime product: the face amount the line should receive. */
  amountMinor?: number | undefined;
}

export interface PricedLineTopUp {
  priceMinor: number;
  currency: string;
  name: LocalizedText;
  delivery: LineTopUpDelivery;
}

/** The operator's price: face amount plus the product's markup, rounded half to even to the cent. */
export function priceOfFace(faceMinor: number, markupBps: number): number {
  return faceMinor + percentOf(money(faceMinor, 'USD'), markupBps).amountMinor;
}

const refuse = (code: ErrorCode, param: string, values: Record<string, ErrorValue> = {}) =>
  new AppError(code, { param, values });

function faceAmount(offer: TopUpOffer, requested: number | undefined): number {
  const { product, operator } = offer;
  if (product.faceAmountMinor !== null) {
    if (requested !== undefined && requested !== product.faceAmountMinor) {
      throw refuse('amount_fixed', 'amount_minor', {
        amount: (product.faceAmountMinor / 100).toFixed(2),
      });
    }
    return product.faceAmountMinor;
  }
  const minimum = operator.minAmountMinor ?? 1;
  const maximum = operator.maxAmountMinor ?? minimum;
  if (requested === undefined || requested < minimum || requested > maximum) {
    throw refuse('amount_out_of_range', 'amount_minor', {
      minimum: (minimum / 100).toFixed(2),
      maximum: (maximum / 100).toFixed(2),
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
  return {
    offers: await offersForOperator(deps.db, operatorId),
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
  const faceMinor = faceAmount(offer, choice.amountMinor);
  const name = product.faceAmountMinor === null ? withAmount(product.name, faceMinor) : product.name;
  return {
    priceMinor: priceOfFace(faceMinor, product.markupBps),
    currency: product.currency,
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

function withAmount(name: LocalizedText, faceMinor: number): LocalizedText {
  const amount = `$${(faceMinor / 100).toFixed(2)}`;
  return { 'zh-CN': `${name['zh-CN']} ${amount}`, en: `${name.en} ${amount}` };
}
