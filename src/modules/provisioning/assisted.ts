import type { Db } from '../../db/index.js';
import { formatMoney, money } from '../../kernel/money.js';
import { pickText } from '../../kernel/i18n/index.js';
import { recordAuditEvent, type RequestContext } from '../admin/service.js';
import { formatMoment } from '../identity/service.js';
import { customerContact } from '../identity/service.js';
import type { LinesDeps } from '../lines/service.js';
import { queueEmail } from '../notifications/service.js';
import type { OrderRow } from '../orders/schema.js';
import { getOrder, hasPaidOrder, orderFromQuote, transitionOrder } from '../orders/service.js';
import { startPayment, type PaymentRow, type PaymentsDeps } from '../payments/service.js';
import { createQuote, type PaymentMethod, type PricingSettings } from '../pricing/service.js';
import { notFound } from '../../kernel/errors.js';
import { priceLineTopUp, type LineTopUpChoice } from '../../flows/checkout/offers.js';

/**
 * The hotline channel: support staff place a top-up for a customer, priced exactly as the portal would price
 * it. Paid from the customer's wallet at once, or sent to the customer as a payment link (the order waits, its
 * price locked, until they pay it themselves). Every step is audited under the staff member's name.
 */

export interface AssistedDeps {
  db: Db;
  lines: LinesDeps;
  payments: PaymentsDeps;
  pricing: PricingSettings;
}

const METHOD_NAMES: Record<PaymentMethod, [string, string]> = {
  card: ['a card', '银行卡'],
  apple_pay: ['Apple Pay', 'Apple Pay'],
  alipay: ['Alipay', '支付宝'],
  wechat_pay: ['WeChat Pay', '微信支付'],
  paypal: ['PayPal', 'PayPal'],
  wallet: ['your SimFill wallet', 'SimFill 钱包余额'],
};

export async function placeAssistedTopUp(
  deps: AssistedDeps,
  context: RequestContext,
  input: LineTopUpChoice & { staffId: string; customerId: string; method: PaymentMethod },
): Promise<{ order: OrderRow; payment: PaymentRow | undefined }> {
  const { clock } = deps.payments;
  const contact = await customerContact(deps.db, input.customerId);
  if (!contact) throw notFound('customer', input.customerId, 'customer');
  const priced = await priceLineTopUp(deps.lines, input.customerId, input);
  const quote = await createQuote(deps.db, clock, deps.pricing, {
    customerId: input.customerId,
    product: {
      kind: 'line_topup',
      amountMinor: priced.priceMinor,
      currency: priced.currency,
      name: priced.name,
      delivery: { ...priced.delivery },
    },
    method: input.method,
    firstTopUp: !(await hasPaidOrder(deps.db, input.customerId)),
  });
  const order = await deps.db.transaction(async (tx) => {
    const created = await orderFromQuote(tx, clock, quote, input.staffId);
    await recordAuditEvent(tx, clock, context, {
      action: 'order.assisted_created',
      actor: { type: 'staff', id: input.staffId },
      target: { type: 'order', id: created.id },
      details: { customer: input.customerId, recipient: priced.delivery.phone, method: input.method },
    });
    if (input.method !== 'wallet') {
      const zh = contact.locale === 'zh-CN';
      await queueEmail(tx, deps.payments.jobs, clock, {
        to: contact.email,
        locale: contact.locale,
        template: 'payment_link',
        referenceId: created.id,
        values: {
          operator: deps.payments.operator.name,
          product: pickText(priced.name, contact.locale),
          recipient: priced.delivery.phone,
          total: formatMoney(money(created.chargeAmountMinor, created.chargeCurrency), contact.locale),
          expires: formatMoment(created.expiresAt, contact.locale, contact.timeZone),
          method: METHOD_NAMES[input.method][zh ? 1 : 0],
          payLink: `${deps.payments.baseUrl}/account/orders/${created.id}`,
        },
      });
    }
    return created;
  });
  if (input.method !== 'wallet') return { order, payment: undefined };
  try {
    const payment = await startPayment(deps.payments, {
      customerId: input.customerId,
      orderId: order.id,
      locale: contact.locale,
      customerEmail: contact.email,
      confirmDuplicate: true,
    });
    return { order: await getOrder(deps.db, order.id), payment };
  } catch (error) {
    // The wallet did not cover it: nothing was paid, so the order goes away rather than waiting.
    await deps.db.transaction((tx) =>
      transitionOrder(tx, clock, order.id, 'cancelled', {
        cause: 'wallet_payment_failed',
        actor: input.staffId,
      }),
    );
    throw error;
  }
}
