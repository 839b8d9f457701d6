import { notFound } from '../../kernel/errors.js';
import { formatMoney, money } from '../../kernel/money.js';
import { formatPhoneNumber } from '../../kernel/phone.js';
import { recordAuditEvent, type RequestContext } from '../../modules/admin/service.js';
import { customerContact, formatMoment } from '../../modules/identity/service.js';
import type { LinesDeps } from '../../modules/lines/service.js';
import { queueEmail } from '../../modules/notifications/service.js';
import { getOrder, transitionOrder, type OrderRow } from '../../modules/orders/service.js';
import type { PaymentRow } from '../../modules/payments/service.js';
import type { PricingSettings } from '../../modules/pricing/service.js';
import type { PaymentMethod } from '../../ports/payments.js';
import { nameOfProduct } from '../../read/product-names.js';
import type { Checkout } from './deps.js';
import type { LineTopUpChoice } from './offers.js';
import { quoteOrder } from './quote.js';
import { startPayment } from './pay.js';
import { orderFromQuote } from './place-order.js';

/**
 * The hotline channel: support staff place a top-up for a customer, priced exactly as the portal would price
 * it. Paid from the customer's wallet at once, or sent to the customer as a payment link (the order waits, its
 * price locked, until they pay it themselves). Every step is audited under the staff member's name.
 */

export interface AssistedDeps {
  checkout: Checkout;
  lines: LinesDeps;
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
  const { checkout } = deps;
  const { clock, db } = checkout;
  const contact = await customerContact(db, input.customerId);
  if (!contact) throw notFound('customer', input.customerId, 'customer');
  // Priced exactly as the portal prices it: the same quote step, first top-up waiver included.
  const quote = await quoteOrder(
    { db, clock, pricing: deps.pricing, lines: deps.lines, esim: checkout.esim },
    {
      customerId: input.customerId,
      product: {
        type: 'line_topup',
        product: input.product,
        line: input.line,
        phone: input.phone,
        amountMinor: input.amountMinor,
      },
      method: input.method,
    },
  );
  const item = quote.items[0]!;
  const recipient = String(item.delivery?.phone);
  const order = await db.transaction(async (tx) => {
    const created = await orderFromQuote(tx, clock, quote, input.staffId);
    await recordAuditEvent(tx, clock, context, {
      action: 'order.assisted_created',
      actor: { type: 'staff', id: input.staffId },
      target: { type: 'order', id: created.id },
      details: { customer: input.customerId, recipient, method: input.method },
    });
    if (input.method !== 'wallet') {
      const zh = contact.locale === 'zh-CN';
      await queueEmail(tx, checkout.jobs, clock, {
        to: contact.email,
        locale: contact.locale,
        template: 'payment_link',
        referenceId: created.id,
        values: {
          operator: checkout.operator.name,
          product: nameOfProduct(item, contact.locale),
          recipient: formatPhoneNumber(recipient),
          total: formatMoney(money(created.chargeAmountMinor, created.chargeCurrency), contact.locale),
          expires: formatMoment(created.expiresAt, contact.locale, contact.timeZone),
          method: METHOD_NAMES[input.method][zh ? 1 : 0],
          payLink: `${checkout.baseUrl}/account/orders/${created.id}`,
        },
      });
    }
    return created;
  });
  if (input.method !== 'wallet') return { order, payment: undefined };
  try {
    const payment = await startPayment(checkout, {
      customerId: input.customerId,
      orderId: order.id,
      locale: contact.locale,
      customerEmail: contact.email,
      confirmDuplicate: true,
    });
    return { order: await getOrder(db, order.id), payment };
  } catch (error) {
    // The wallet did not cover it: nothing was paid, so the order goes away rather than waiting.
    await db.transaction((tx) =>
      transitionOrder(tx, clock, order.id, 'cancelled', {
        cause: 'wallet_payment_failed',
        actor: input.staffId,
      }),
    );
    throw error;
  }
}
