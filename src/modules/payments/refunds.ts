import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/index.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { PaymentProviderError, type ProviderRefund } from '../../ports/payments.js';
import { providerOf } from './attempts.js';
import { PAYMENT_JOBS, type PaymentsDeps } from './context.js';
import { payments, refunds, type PaymentRow, type RefundRow } from './schema.js';

/**
 * Refunds, payments' half: reserving one (the refund row, the payment's refunded amount grown in the same
 * transaction so concurrent refunds can never exceed what was paid), asking the provider (a job), and applying
 * its answer. What a refund means for the order and the ledger is the order's owner's, told through
 * `deps.outcomes` (refundSucceeded / refundFailed) in the transaction of the change.
 */

export type RefundReason =
  'requested_by_customer' | 'duplicate_payment' | 'delivery_failed' | 'operator_goodwill';

/** Where the refunded value is taken from in the books (the caller's ledger recipe; stored with the refund). */
export type RefundSource = 'wallet' | 'prepayments' | 'sales';

/** The succeeded attempt that paid the order (a later duplicate is refunded on its own), locked. */
export async function payingPayment(tx: Tx, orderId: string): Promise<PaymentRow> {
  const [payment] = await tx
    .select()
    .from(payments)
    .where(and(eq(payments.orderId, orderId), eq(payments.status, 'succeeded')))
    .orderBy(asc(payments.succeededAt), asc(payments.id))
    .limit(1)
    .for('update');
  if (!payment) {
    throw new AppError('order_not_paid', { param: 'order' });
  }
  return payment;
}

/** Where a refund of `payment` goes: a wallet payment always back to the wallet. */
export function refundDestinationOf(
  payment: PaymentRow,
  wanted: 'original_method' | 'wallet' | undefined,
): 'original_method' | 'wallet' {
  return payment.provider === 'wallet' ? 'wallet' : (wanted ?? 'original_method');
}

/**
 * Reserves a refund of `amountMinor` of `payment` inside `tx`: to the original method it enqueues the provider
 * call; to the wallet it is final at once (`status: succeeded`; the caller settles it in the same transaction).
 * The caller books the money and has locked what it refunds.
 */
export async function reserveRefund(
  tx: Tx,
  deps: Pick<PaymentsDeps, 'clock' | 'jobs'>,
  input: {
    id: string;
    payment: PaymentRow;
    amountMinor: number;
    source: RefundSource;
    destination: 'original_method' | 'wallet';
    reason: RefundReason;
    requestedBy: string;
  },
): Promise<RefundRow> {
  const { payment } = input;
  const now = deps.clock.now();
  await tx
    .update(payments)
    .set({ refundedMinor: payment.refundedMinor + input.amountMinor, updatedAt: now })
    .where(eq(payments.id, payment.id));
  const [refund] = await tx
    .insert(refunds)
    .values({
      id: input.id,
      paymentId: payment.id,
      orderId: payment.orderId,
      amountMinor: input.amountMinor,
      currency: payment.currency,
      destination: input.destination,
      source: input.source,
      status: input.destination === 'wallet' ? 'succeeded' : 'pending',
      reason: input.reason,
      requestedBy: input.requestedBy,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (input.destination === 'original_method') {
    await deps.jobs.enqueue(
      tx,
      PAYMENT_JOBS.refund,
      { refundId: input.id },
      { singletonKey: `refund:${input.id}` },
    );
  }
  return refund!;
}

/** A refund's id, made before it is reserved (its ledger entry is keyed by it in the same transaction). */
export const newRefundId = (): string => newId('refund');

/** Asks the provider to send a reserved refund (job). Retried while the provider is unavailable. */
export async function executeRefund(deps: PaymentsDeps, refundId: string): Promise<void> {
  const [refund] = await deps.db.select().from(refunds).where(eq(refunds.id, refundId));
  if (!refund) throw notFound('refund', refundId);
  if (refund.status !== 'pending' || refund.providerRefundId) return;
  const [payment] = await deps.db.select().from(payments).where(eq(payments.id, refund.paymentId));
  try {
    const sent = await providerOf(deps, payment!.provider).refund({
      providerPaymentId: payment!.providerPaymentId!,
      amountMinor: refund.amountMinor,
      currency: refund.currency,
      idempotencyKey: `simfill_${refund.id}`,
      metadata: { refund_id: refund.id, order_id: refund.orderId },
    });
    await applyProviderRefund(deps, refund.id, sent);
  } catch (error) {
    if (error instanceof PaymentProviderError && error.kind !== 'unavailable') {
      await applyProviderRefund(deps, refund.id, undefined);
      return;
    }
    throw error;
  }
}

/**
 * Applies the provider's answer about a refund (the call's response or a webhook). `undefined` = refused.
 * Final states are never replaced. A refusal gives the amount back to the payment before the order's owner
 * hears of it.
 */
export async function applyProviderRefund(
  deps: PaymentsDeps,
  refundId: string,
  reported: ProviderRefund | undefined,
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const [refund] = await tx.select().from(refunds).where(eq(refunds.id, refundId)).for('update');
    if (!refund || refund.status !== 'pending') return;
    const status = reported?.status ?? 'failed';
    if (status !== 'pending') await deps.outcomes.holdOrder(tx, refund.orderId);
    const [updated] = await tx
      .update(refunds)
      .set({
        status,
        providerRefundId: reported?.providerRefundId ?? refund.providerRefundId,
        updatedAt: deps.clock.now(),
      })
      .where(eq(refunds.id, refundId))
      .returning();
    if (status === 'pending') return;
    if (status === 'succeeded') {
      await deps.outcomes.refundSucceeded(tx, updated!);
      return;
    }
    const [payment] = await tx.select().from(payments).where(eq(payments.id, refund.paymentId)).for('update');
    const refundedBeforeMinor = payment!.refundedMinor - refund.amountMinor;
    await tx.update(payments).set({ refundedMinor: refundedBeforeMinor }).where(eq(payments.id, payment!.id));
    await deps.outcomes.refundFailed(tx, updated!, payment!, refundedBeforeMinor);
  });
}

/** True when no refund of the order still waits for its provider. */
export async function allRefundsSettled(tx: DbOrTx, orderId: string): Promise<boolean> {
  const rows = await tx.select({ status: refunds.status }).from(refunds).where(eq(refunds.orderId, orderId));
  return rows.every((row) => row.status !== 'pending');
}

export async function refundsOfOrder(deps: Pick<PaymentsDeps, 'db'>, orderId: string): Promise<RefundRow[]> {
  return deps.db.select().from(refunds).where(eq(refunds.orderId, orderId)).orderBy(asc(refunds.id));
}

/** The refund a provider event names, by the provider's refund id or SimFill's id in its metadata. */
export async function findRefundByProviderId(
  deps: Pick<PaymentsDeps, 'db'>,
  providerRefundId: string,
): Promise<RefundRow | undefined> {
  const [row] = await deps.db.select().from(refunds).where(eq(refunds.providerRefundId, providerRefundId));
  return row;
}
