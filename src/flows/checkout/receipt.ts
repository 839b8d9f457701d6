import type { Tx } from '../../db/index.js';
import { formatMoney, money } from '../../kernel/money.js';
import { customerContact, formatMoment } from '../../modules/identity/service.js';
import { queueEmail } from '../../modules/notifications/service.js';
import { orderTimeline, type OrderRow } from '../../modules/orders/service.js';
import type { RefundRow } from '../../modules/payments/service.js';
import { isOperatorDown } from '../../modules/provisioning/service.js';
import type { Checkout } from './deps.js';
import { productOf } from './products.js';

/** Receipt: the emails that prove what happened to an order — delivered, or its money sent back. */

/** The confirmation email: what was bought, what was charged, and a link to the receipt. */
export async function queueReceiptEmail(
  tx: Tx,
  checkout: Pick<Checkout, 'clock' | 'jobs' | 'baseUrl'>,
  order: OrderRow,
): Promise<void> {
  const contact = await customerContact(tx, order.customerId);
  if (!contact) return;
  const { clock, jobs } = checkout;
  const receiptLink = `${checkout.baseUrl}/account/orders/${order.id}/receipt`;
  const charged = formatMoney(money(order.chargeAmountMinor, order.chargeCurrency), contact.locale);
  const custom = await productOf(order)?.receiptEmail?.(tx, order, contact, { baseUrl: checkout.baseUrl });
  if (custom) {
    await queueEmail(tx, jobs, clock, {
      to: contact.email,
      locale: contact.locale,
      template: custom.template,
      referenceId: order.id,
      values: {
        receiptNumber: order.receiptNumber ?? order.id,
        charged,
        when: formatMoment(clock.now(), contact.locale, contact.timeZone),
        receiptLink,
        ...custom.values,
      },
    });
    return;
  }
  const credited = money(Number(order.delivery.amount_minor), String(order.delivery.currency));
  await queueEmail(tx, jobs, clock, {
    to: contact.email,
    locale: contact.locale,
    template: 'order_receipt',
    referenceId: order.id,
    values: {
      receiptNumber: order.receiptNumber ?? order.id,
      credited: formatMoney(credited, contact.locale),
      charged,
      when: formatMoment(order.paidAt ?? clock.now(), contact.locale, contact.timeZone),
      receiptLink,
    },
  });
}

const REFUND_REASONS: Record<string, [en: string, zh: string]> = {
  duplicate_payment: [
    'This order had already been paid, so the second payment goes back to you.',
    '该订单已经付过款，重复的付款已退回给您。',
  ],
  delivery_failed: ['We could not deliver your order.', '很抱歉，您的订单未能完成交付。'],
  requested_by_customer: ['As you asked.', '已按您的要求办理。'],
  operator_goodwill: ['', ''],
};

const OPERATOR_DOWN_REASON: [en: string, zh: string] = [
  'The carrier is not accepting top-ups at the moment, so we could not deliver your order.',
  '运营商暂时无法充值，您的订单未能完成交付。',
];

/** The order failed because its airtime provider said the operator takes no top-ups (the cause it recorded). */
const failedForOperatorDown = (cause: string | undefined) =>
  cause?.startsWith('provider_') === true && isOperatorDown(cause.slice('provider_'.length).toUpperCase());

/** The refund email: how much, where it goes, and why, in the customer's language. */
export async function queueRefundEmail(
  tx: Tx,
  checkout: Pick<Checkout, 'clock' | 'jobs' | 'baseUrl'>,
  refund: RefundRow,
  order: OrderRow,
): Promise<void> {
  const contact = await customerContact(tx, order.customerId);
  if (!contact) return;
  const zh = contact.locale === 'zh-CN';
  const failedBecause = (await orderTimeline(tx, order.id)).find((step) => step.toStatus === 'failed')?.cause;
  const [reasonEn, reasonZh] =
    refund.reason === 'delivery_failed' && failedForOperatorDown(failedBecause)
      ? OPERATOR_DOWN_REASON
      : (REFUND_REASONS[refund.reason] ?? ['', '']);
  await queueEmail(tx, checkout.jobs, checkout.clock, {
    to: contact.email,
    locale: contact.locale,
    template: 'refund_issued',
    referenceId: order.id,
    values: {
      amount: formatMoney(money(refund.amountMinor, refund.currency), contact.locale),
      destination:
        refund.destination === 'wallet'
          ? zh
            ? '您的 SimFill 钱包'
            : 'your SimFill wallet'
          : zh
            ? '您原来的支付方式'
            : 'your original payment method',
      reason: zh ? reasonZh : reasonEn,
      receiptNumber: order.receiptNumber ?? order.id,
      orderLink: `${checkout.baseUrl}/account/orders/${order.id}`,
    },
  });
}
