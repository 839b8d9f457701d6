import assert from 'node:assert/strict';
import type { Tx } from '../../db/index.js';
import type { Clock } from '../../kernel/clock.js';
import { divideRoundHalfEven } from '../../kernel/money.js';
import {
  postTransfer,
  walletAccount,
  type AccountRef,
  type EntryInput,
} from '../../modules/ledger/service.js';
import type { PaymentRow, RefundSource } from '../../modules/payments/service.js';

/**
 * Book: the ledger recipes of the money path (the ledger module keeps `postTransfer`; what each business event
 * means in accounts is the flow's), each an idempotent transfer keyed by the business event.
 *
 * Capture (the provider took the customer's money; a second payment of a paid order is captured the same way
 * and then refunded):
 *   USD charge:  Dr provider_clearing:USD  A  │ Cr customer_prepayments:USD  T−F │ Cr fee_income:USD F
 *   CNY charge:  Dr provider_clearing:CNY  A  │ Cr fx:CNY A  ·  Dr fx:USD T │ Cr customer_prepayments:USD T−F │ Cr fee_income F
 * Paid from the wallet:  Dr customer_wallet T │ Cr customer_prepayments T−F │ Cr fee_income F
 * Delivery of a wallet credit:  Dr customer_prepayments  │ Cr customer_wallet
 * Delivery of a line top-up:  Dr customer_prepayments T−F │ Cr revenue T−F  ·  Dr cost_of_sales c │ Cr provider_float c
 * Delivery of an eSIM or eSIM top-up:  the same, the source's account (`provider_float:airalo`) paying its cost c
 * Refund (cumulative amounts are converted and split, then this refund is the difference, so partial refunds
 * add up exactly to a full one): Dr <source> value │ Dr fee_income fee │ (fx legs) │ Cr provider_clearing r,
 * or, to the wallet: Dr <source> value │ Dr fee_income fee │ Cr customer_wallet (value + fee) in USD.
 * <source> is the wallet a delivered credit went to, the undelivered prepayment, or refunds (contra-revenue)
 * for a delivered product.
 */

export interface OrderMoney {
  customerId: string;
  /** The order total in USD (T) and the method fee inside it (F). */
  totalMinor: number;
  feeMinor: number;
}

const prepayments = (customerId: string): AccountRef => ({
  kind: 'customer_prepayments',
  ownerId: customerId,
  currency: 'USD',
});

/** Records the money a succeeded payment brought in. */
export async function postCapture(
  tx: Tx,
  clock: Clock,
  payment: PaymentRow,
  order: OrderMoney,
): Promise<void> {
  assert(payment.currency === 'USD' || payment.currency === 'CNY', `no FX legs for ${payment.currency}`);
  const entries: EntryInput[] = [
    {
      account: { kind: 'provider_clearing', ownerId: payment.provider, currency: payment.currency },
      amountMinor: payment.amountMinor,
    },
  ];
  if (payment.currency !== 'USD') {
    entries.push(
      { account: { kind: 'fx', currency: payment.currency }, amountMinor: -payment.amountMinor },
      { account: { kind: 'fx', currency: 'USD' }, amountMinor: order.totalMinor },
    );
  }
  entries.push({ account: prepayments(order.customerId), amountMinor: -(order.totalMinor - order.feeMinor) });
  if (order.feeMinor > 0) {
    entries.push({ account: { kind: 'fee_income', currency: 'USD' }, amountMinor: -order.feeMinor });
  }
  await postTransfer(tx, clock, {
    idempotencyKey: `payment:${payment.id}:captured`,
    kind: 'payment_captured',
    description: `${payment.method} payment captured by ${payment.provider}`,
    reference: { type: 'order', id: payment.orderId },
    metadata: { payment: payment.id },
    entries,
  });
}

/** An order paid from the customer's wallet: the wallet must hold the total (locked, never overdrawn). */
export async function postWalletPayment(
  tx: Tx,
  clock: Clock,
  payment: PaymentRow,
  order: OrderMoney,
): Promise<void> {
  assert(payment.currency === 'USD' && payment.amountMinor === order.totalMinor);
  const wallet = walletAccount(order.customerId);
  const entries: EntryInput[] = [
    { account: wallet, amountMinor: order.totalMinor },
    { account: prepayments(order.customerId), amountMinor: -(order.totalMinor - order.feeMinor) },
  ];
  if (order.feeMinor > 0) {
    entries.push({ account: { kind: 'fee_income', currency: 'USD' }, amountMinor: -order.feeMinor });
  }
  await postTransfer(tx, clock, {
    idempotencyKey: `payment:${payment.id}:captured`,
    kind: 'wallet_payment',
    description: 'Order paid from the wallet',
    reference: { type: 'order', id: payment.orderId },
    metadata: { payment: payment.id },
    entries,
    mustNotGoNegative: [wallet],
  });
}

/** A delivered line top-up: its prepayment becomes revenue, and the provider float pays its cost. */
export async function postLineDelivered(
  tx: Tx,
  clock: Clock,
  input: { orderId: string; customerId: string; valueMinor: number; costMinor: number; provider: string },
): Promise<void> {
  const entries: EntryInput[] = [
    { account: prepayments(input.customerId), amountMinor: input.valueMinor },
    { account: { kind: 'revenue', currency: 'USD' }, amountMinor: -input.valueMinor },
  ];
  if (input.costMinor > 0) {
    entries.push(
      { account: { kind: 'cost_of_sales', currency: 'USD' }, amountMinor: input.costMinor },
      {
        account: { kind: 'provider_float', ownerId: input.provider, currency: 'USD' },
        amountMinor: -input.costMinor,
      },
    );
  }
  await postTransfer(tx, clock, {
    idempotencyKey: `order:${input.orderId}:delivered`,
    kind: 'line_topup_delivered',
    description: 'Line top-up delivered',
    reference: { type: 'order', id: input.orderId },
    entries,
  });
}

/**
 * An issued eSIM or an eSIM top-up: its prepayment becomes revenue, and the eSIM source's prepaid account (Airalo's
 * credit) pays what the source took. Sources charge in USD (`costCurrency`), like the catalog.
 */
export async function postEsimDelivered(
  tx: Tx,
  clock: Clock,
  input: {
    orderId: string;
    customerId: string;
    valueMinor: number;
    costMinor: number;
    costCurrency: string;
    source: string;
    kind: 'new' | 'topup';
  },
): Promise<void> {
  assert(input.costCurrency === 'USD', `an eSIM source charged ${input.costCurrency}; only USD is booked`);
  const entries: EntryInput[] = [
    { account: prepayments(input.customerId), amountMinor: input.valueMinor },
    { account: { kind: 'revenue', currency: 'USD' }, amountMinor: -input.valueMinor },
  ];
  if (input.costMinor > 0) {
    entries.push(
      { account: { kind: 'cost_of_sales', currency: 'USD' }, amountMinor: input.costMinor },
      {
        account: { kind: 'provider_float', ownerId: input.source, currency: 'USD' },
        amountMinor: -input.costMinor,
      },
    );
  }
  await postTransfer(tx, clock, {
    idempotencyKey: `order:${input.orderId}:delivered`,
    kind: input.kind === 'new' ? 'esim_issued' : 'esim_topped_up',
    description: input.kind === 'new' ? 'eSIM issued' : 'eSIM topped up',
    reference: { type: 'order', id: input.orderId },
    entries,
  });
}

/** Moves a delivered wallet credit from the order's prepayment into the customer's wallet. */
export async function postWalletCredit(
  tx: Tx,
  clock: Clock,
  input: { orderId: string; customerId: string; amountMinor: number },
): Promise<void> {
  await postTransfer(tx, clock, {
    idempotencyKey: `order:${input.orderId}:delivered`,
    kind: 'wallet_credit',
    description: 'Wallet top-up delivered',
    reference: { type: 'order', id: input.orderId },
    entries: [
      { account: prepayments(input.customerId), amountMinor: input.amountMinor },
      { account: walletAccount(input.customerId), amountMinor: -input.amountMinor },
    ],
  });
}

/** The USD value and fee parts of `refundedMinor` (in the charge currency) out of the whole payment. */
export function splitRefund(
  refundedMinor: number,
  payment: { amountMinor: number },
  order: { totalMinor: number; feeMinor: number },
): { usdMinor: number; valueMinor: number; feeMinor: number } {
  assert(refundedMinor >= 0 && refundedMinor <= payment.amountMinor);
  const usdMinor = Number(
    divideRoundHalfEven(BigInt(refundedMinor) * BigInt(order.totalMinor), BigInt(payment.amountMinor)),
  );
  const feeMinor =
    order.totalMinor === 0
      ? 0
      : Number(divideRoundHalfEven(BigInt(usdMinor) * BigInt(order.feeMinor), BigInt(order.totalMinor)));
  return { usdMinor, valueMinor: usdMinor - feeMinor, feeMinor };
}

function refundSourceAccount(from: RefundSource, customerId: string): AccountRef {
  if (from === 'wallet') return walletAccount(customerId);
  if (from === 'sales') return { kind: 'refunds', currency: 'USD' };
  return prepayments(customerId);
}

/**
 * Money going back to the customer: `amountMinor` of the charge currency, to the payment method (through the
 * provider's clearing account) or into the wallet (its USD value, no FX). `sign -1` reverses a refund the
 * provider finally refused.
 */
export async function postRefund(
  tx: Tx,
  clock: Clock,
  input: {
    key: string;
    payment: PaymentRow;
    order: OrderMoney;
    refundedBeforeMinor: number;
    amountMinor: number;
    from: RefundSource;
    to: 'original_method' | 'wallet';
    sign: 1 | -1;
  },
): Promise<void> {
  const before = splitRefund(input.refundedBeforeMinor, input.payment, input.order);
  const after = splitRefund(input.refundedBeforeMinor + input.amountMinor, input.payment, input.order);
  const value = after.valueMinor - before.valueMinor;
  const fee = after.feeMinor - before.feeMinor;
  const usd = after.usdMinor - before.usdMinor;
  const source = refundSourceAccount(input.from, input.order.customerId);
  const s = input.sign;
  const entries: EntryInput[] = [];
  if (value !== 0) entries.push({ account: source, amountMinor: s * value });
  if (fee !== 0) entries.push({ account: { kind: 'fee_income', currency: 'USD' }, amountMinor: s * fee });
  if (input.to === 'wallet') {
    entries.push({ account: walletAccount(input.order.customerId), amountMinor: -s * usd });
  } else {
    if (input.payment.currency !== 'USD') {
      if (usd !== 0) entries.push({ account: { kind: 'fx', currency: 'USD' }, amountMinor: -s * usd });
      entries.push({
        account: { kind: 'fx', currency: input.payment.currency },
        amountMinor: s * input.amountMinor,
      });
    }
    entries.push({
      account: {
        kind: 'provider_clearing',
        ownerId: input.payment.provider,
        currency: input.payment.currency,
      },
      amountMinor: -s * input.amountMinor,
    });
  }
  await postTransfer(tx, clock, {
    idempotencyKey: input.key,
    kind: s === 1 ? 'refund' : 'refund_reversed',
    description:
      s === 1
        ? input.to === 'wallet'
          ? 'Refund to the wallet'
          : 'Refund to the original payment method'
        : 'Refund refused by the provider, reversed',
    reference: { type: 'order', id: input.payment.orderId },
    metadata: { payment: input.payment.id },
    entries: entries.filter((entry) => entry.amountMinor !== 0),
    mustNotGoNegative: s === 1 && input.from === 'wallet' && value > 0 ? [source] : [],
  });
}
