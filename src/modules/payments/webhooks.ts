import { asc, eq, inArray } from 'drizzle-orm';
import { AppError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import {
  afterApplied,
  applyReported,
  applyReportedIn,
  PaymentNotYetKnownError,
  providerOf,
  type ApplyOutcome,
  type AppliedReport,
} from './attempts.js';
import { PAYMENT_JOBS, type PaymentsDeps, type ProviderName } from './context.js';
import {
  WebhookEventInvalidError,
  WebhookVerificationError,
  type ProviderEvent,
} from '../../ports/payments.js';
import { applyProviderRefund, findRefundByProviderId } from './refunds.js';
import { providerEvents, type ProviderEventRow } from './schema.js';

/**
 * Webhooks in: verified by the provider adapter (Stripe's `t=…,v1=…` HMAC with 300 s tolerance; PayPal's
 * verification call) and stored once in the inbox (the provider's event id is unique) — applied in that same
 * transaction when the event carries the payment, otherwise by a job enqueued with the row. A duplicate is a
 * no-op, and a crash loses nothing.
 */

export async function receiveWebhook(
  deps: PaymentsDeps,
  providerName: ProviderName,
  rawBody: Buffer,
  headers: Record<string, string | string[] | undefined>,
): Promise<{ duplicate: boolean; eventId: string }> {
  let event: ProviderEvent;
  try {
    event = await providerOf(deps, providerName).parseWebhook(rawBody, headers);
  } catch (error) {
    if (error instanceof WebhookVerificationError) {
      throw new AppError('webhook_signature_invalid');
    }
    if (error instanceof WebhookEventInvalidError) {
      // Nothing is stored: a body SimFill cannot read would only fail again in the job.
      throw new AppError('webhook_event_invalid', { values: { field: error.field } });
    }
    throw error;
  }
  const inline = await applyInline(deps, providerName, event);
  if (inline) {
    await afterApplied(deps, inline.applied);
    return { duplicate: inline.duplicate, eventId: event.id };
  }
  const stored = await storeForTheJob(deps, providerName, event);
  if (stored.eventRow) {
    // Fast path: apply now, after the inbox row is safe. If this fails (provider down, payment not linked yet),
    // the job enqueued with the row retries; applying is idempotent, so running twice is harmless.
    await applyStoredEvent(deps, stored.eventRow.id, stored.eventRow).catch((error: unknown) => {
      if (error instanceof PaymentNotYetKnownError) return;
      deps.jobs.log.warn(
        { err: error, event_id: event.id, provider: providerName },
        'webhook fast path failed; its job will retry',
      );
    });
  }
  return { duplicate: stored.duplicate, eventId: event.id };
}

/** The inbox row of an event, as received (and, when it is applied in the same transaction, its outcome). */
function inboxRow(deps: PaymentsDeps, providerName: ProviderName, event: ProviderEvent) {
  return {
    id: newId('providerEvent'),
    provider: providerName,
    eventId: event.id,
    type: event.type,
    providerType: event.providerType,
    providerPaymentId: event.providerPaymentId ?? null,
    paymentId: null,
    payload: JSON.parse(JSON.stringify(event)) as Record<string, unknown>,
    occurredAt: event.occurredAt,
    receivedAt: deps.clock.now(),
  };
}

/**
 * A payment event that carries the payment is applied in one transaction with its inbox row, written already
 * processed: payment, order, ledger and inbox commit together, no job. Applying is idempotent (forward-only),
 * so a duplicate event applies nothing and its row, already there, is left alone (`duplicate`). Anything else —
 * a refund, an event that needs the provider asked, a payment SimFill has not linked yet, any failure — rolls
 * back and is stored for its job instead (undefined).
 */
async function applyInline(
  deps: PaymentsDeps,
  providerName: ProviderName,
  event: ProviderEvent,
): Promise<{ applied: AppliedReport; duplicate: boolean } | undefined> {
  if (!event.type.startsWith('payment.') || !event.providerPaymentId || !event.payment) return undefined;
  const reported = event.payment;
  const providerPaymentId = event.providerPaymentId;
  try {
    return await deps.db.transaction(async (tx) => {
      const applied = await applyReportedIn(
        tx,
        deps,
        { provider: providerName, providerPaymentId },
        reported,
        { cause: event.type, actor: event.id },
      );
      const inserted = await tx
        .insert(providerEvents)
        .values({
          ...inboxRow(deps, providerName, event),
          paymentId: applied.payment.id,
          processedAt: deps.clock.now(),
          outcome: applied.outcome,
        })
        .onConflictDoNothing({ target: [providerEvents.provider, providerEvents.eventId] })
        .returning({ id: providerEvents.id });
      return { applied, duplicate: inserted.length === 0 };
    });
  } catch (error) {
    if (!(error instanceof PaymentNotYetKnownError)) {
      deps.jobs.log.warn(
        { err: error, event_id: event.id },
        'webhook not applied inline; its job will retry',
      );
    }
    return undefined;
  }
}

/** Stores an event in the inbox with its job, in one transaction (a duplicate event id stores nothing). */
async function storeForTheJob(deps: PaymentsDeps, providerName: ProviderName, event: ProviderEvent) {
  return deps.db.transaction(async (tx) => {
    const ignored = event.type === 'ignored';
    const row = inboxRow(deps, providerName, event);
    const inserted = await tx
      .insert(providerEvents)
      .values({ ...row, ...(ignored ? { processedAt: row.receivedAt, outcome: 'ignored' } : {}) })
      .onConflictDoNothing({ target: [providerEvents.provider, providerEvents.eventId] })
      .returning();
    if (inserted.length === 0) return { duplicate: true, eventRow: undefined };
    if (ignored) return { duplicate: false, eventRow: undefined };
    await deps.jobs.enqueue(tx, PAYMENT_JOBS.applyEvent, { eventRowId: row.id }, { singletonKey: row.id });
    return { duplicate: false, eventRow: inserted[0] };
  });
}

/**
 * Applies one stored event (job). Idempotent: a processed event is skipped. `justStored` is the row as the
 * webhook handler inserted it a moment ago (saves reading it back).
 */
export async function applyStoredEvent(
  deps: PaymentsDeps,
  eventRowId: string,
  justStored?: ProviderEventRow,
): Promise<string> {
  const [row] = justStored
    ? [justStored]
    : await deps.db.select().from(providerEvents).where(eq(providerEvents.id, eventRowId));
  if (!row || row.processedAt) return 'skipped';
  const event = row.payload as unknown as ProviderEvent;
  let outcome: ApplyOutcome | 'ignored' | 'unknown_refund' = 'ignored';
  let paymentId: string | null = null;
  if (event.type.startsWith('payment.') && event.providerPaymentId) {
    const reported =
      event.payment ??
      (await providerOf(deps, row.provider as ProviderName).retrievePayment(event.providerPaymentId));
    // Throws PaymentNotYetKnownError (the job retries) while SimFill has not linked the provider's id yet.
    const applied = await applyReported(
      deps,
      { provider: row.provider as ProviderName, providerPaymentId: event.providerPaymentId },
      reported,
      { cause: event.type, actor: event.id },
    );
    paymentId = applied.payment.id;
    outcome = applied.outcome;
  } else if (event.type.startsWith('refund.') && event.refund) {
    const refund = await findRefundByProviderId(deps, event.refund.providerRefundId);
    if (refund) {
      await applyProviderRefund(deps, refund.id, event.refund);
      outcome = 'applied';
    } else {
      outcome = 'unknown_refund';
    }
  }
  await deps.db
    .update(providerEvents)
    .set({ processedAt: deps.clock.now(), outcome, paymentId })
    .where(eq(providerEvents.id, eventRowId));
  return outcome;
}

export async function eventsOfPayment(deps: Pick<PaymentsDeps, 'db'>, paymentIds: string[]) {
  if (paymentIds.length === 0) return [];
  return deps.db
    .select()
    .from(providerEvents)
    .where(inArray(providerEvents.paymentId, paymentIds))
    .orderBy(asc(providerEvents.receivedAt));
}
