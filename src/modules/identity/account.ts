import { and, eq, lte } from 'drizzle-orm';
import { AppError } from '../../kernel/errors.js';
import { listAuditEvents, recordAuditEvent, SYSTEM_CONTEXT, type RequestContext } from '../admin/service.js';
import { anonymiseEmailsTo, listEmailsTo, queueEmail } from '../notifications/service.js';
import { listApiKeys, revokeCustomerApiKeys } from './api-keys.js';
import { formatMoment, link, type IdentityDeps } from './context.js';
import { customerView, deliverableOf, getCustomer, type CustomerView } from './customers.js';
import { assertCurrentPassword } from './login.js';
import { customers, sessions, type CustomerRow } from './schema.js';
import { revokeSubjectSessions } from './sessions.js';

/**
 * The customer's rights over their data: export it, and delete the account. Deletion waits a grace period
 * (14 days) during which logging in and cancelling restores everything; then personal details are erased and
 * the row stays as an anonymous id, because orders and ledger entries must be kept and point at it.
 */

export const DELETION_GRACE_MS = 14 * 24 * 60 * 60 * 1000;

/** What identity keeps about a customer, for the data export (the read model adds the other modules' parts). */
export async function exportCustomerDataOf(deps: IdentityDeps, customerId: string) {
  return exportCustomerData(deps, await getCustomer(deps, customerId));
}

export async function exportCustomerData(deps: IdentityDeps, customer: CustomerRow) {
  const [sessionRows, apiKeyList, audit, sentEmails] = await Promise.all([
    deps.db
      .select()
      .from(sessions)
      .where(and(eq(sessions.subjectType, 'customer'), eq(sessions.subjectId, customer.id)))
      .limit(1000),
    listApiKeys(deps, customer.id),
    listAuditEvents(deps.db, { subject: customer.id }, { limit: 100 }),
    listEmailsTo(deps.db, deliverableOf(customer)),
  ]);
  return {
    object: 'customer_data_export' as const,
    exported: deps.clock.now().toISOString(),
    customer: customerView(customer),
    sessions: sessionRows.map((row) => ({
      id: row.id,
      created: row.createdAt.toISOString(),
      last_active: row.lastSeenAt.toISOString(),
      ended: row.revokedAt?.toISOString() ?? null,
      ip: row.ip,
      user_agent: row.userAgent,
    })),
    api_keys: apiKeyList,
    audit_events: audit.data,
    emails: sentEmails,
  };
}

export async function requestDeletion(
  deps: IdentityDeps,
  context: RequestContext,
  customer: CustomerRow,
  password: string,
): Promise<CustomerView> {
  await assertCurrentPassword(deps, context, customer, password, 'password');
  return deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const deleteAfter = new Date(now.getTime() + DELETION_GRACE_MS);
    const [row] = await tx
      .update(customers)
      .set({ status: 'deletion_pending', deletionRequestedAt: now, deleteAfter, updatedAt: now })
      .where(eq(customers.id, customer.id))
      .returning();
    await revokeSubjectSessions(tx, deps.clock, { type: 'customer', id: customer.id }, 'account_deletion');
    await revokeCustomerApiKeys(tx, now, customer.id);
    await queueEmail(tx, deps.jobs, deps.clock, {
      to: deliverableOf(row!),
      locale: row!.locale,
      template: 'account_deletion_scheduled',
      values: {
        when: formatMoment(deleteAfter, row!.locale, row!.timeZone),
        loginLink: link(deps, '/login'),
      },
    });
    await recordAuditEvent(tx, deps.clock, context, {
      action: 'customer.deletion_requested',
      actor: { type: 'customer', id: customer.id },
      target: { type: 'customer', id: customer.id },
      details: { scheduled_for: deleteAfter.toISOString() },
    });
    return customerView(row!);
  });
}

export async function cancelDeletion(
  deps: IdentityDeps,
  context: RequestContext,
  customer: CustomerRow,
): Promise<CustomerView> {
  if (customer.status !== 'deletion_pending') {
    throw new AppError('deletion_not_pending');
  }
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(customers)
      .set({ status: 'active', deletionRequestedAt: null, deleteAfter: null, updatedAt: deps.clock.now() })
      .where(eq(customers.id, customer.id))
      .returning();
    await recordAuditEvent(tx, deps.clock, context, {
      action: 'customer.deletion_cancelled',
      actor: { type: 'customer', id: customer.id },
      target: { type: 'customer', id: customer.id },
    });
    return customerView(row!);
  });
}

/** Erases the personal details of accounts whose grace period is over. Run by the worker; returns how many. */
export async function purgeDeletedCustomers(deps: IdentityDeps, batchSize = 100): Promise<number> {
  const now = deps.clock.now();
  const due = await deps.db
    .select()
    .from(customers)
    .where(and(eq(customers.status, 'deletion_pending'), lte(customers.deleteAfter, now)))
    .limit(batchSize);
  for (const row of due) {
    await deps.db.transaction(async (tx) => {
      const anonymous = `deleted+${row.id}@deleted.invalid`;
      const [locked] = await tx.select().from(customers).where(eq(customers.id, row.id)).for('update');
      if (locked?.status !== 'deletion_pending') return;
      await tx
        .update(customers)
        .set({
          status: 'deleted',
          email: anonymous,
          emailNormalized: anonymous,
          passwordHash: null,
          phone: null,
          name: null,
          deletedAt: now,
          updatedAt: now,
        })
        .where(eq(customers.id, row.id));
      await tx
        .update(sessions)
        .set({ ip: null, userAgent: null })
        .where(and(eq(sessions.subjectType, 'customer'), eq(sessions.subjectId, row.id)));
      await anonymiseEmailsTo(tx, deliverableOf(row), anonymous);
      await recordAuditEvent(tx, deps.clock, SYSTEM_CONTEXT, {
        action: 'customer.deleted',
        actor: { type: 'system' },
        target: { type: 'customer', id: row.id },
      });
    });
  }
  return due.length;
}
