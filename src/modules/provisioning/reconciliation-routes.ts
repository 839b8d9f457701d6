import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listEnvelopeSchema } from '../../kernel/pagination.js';
import { errorResponses, timestampSchema } from '../../http/openapi.js';
import { pastUtcDaySchema } from '../../kernel/dates.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { isId } from '../../kernel/ids.js';
import { recordAuditEvent } from '../admin/service.js';
import { auditActorOf, requestContext, staffIdOf } from '../identity/service.js';
import type { ProvisioningDeps } from './deliveries.js';
import { MISMATCH_KINDS, type MismatchRow, type ReconciliationRow } from './schema.js';
import { getReconciliation, listReconciliations, resolveMismatch, startReconciliation } from './service.js';

/** The console's reconciliation of SimFill's top-ups against the provider's transaction report. */

const tags = ['Console'];

const reconciliationSchema = z
  .object({
    id: z.string(),
    object: z.literal('reconciliation'),
    provider: z.string(),
    date: z.string(),
    status: z.enum(['running', 'done', 'failed']),
    provider_transactions: z.number().int(),
    simfill_deliveries: z.number().int(),
    matched: z.number().int(),
    mismatches: z.number().int(),
    progress: z
      .object({ pages_read: z.number().int(), pages_total: z.number().int().nullable() })
      .meta({ description: 'Pages of the provider’s report read so far (while running).' }),
    started_by: z.string(),
    started_at: timestampSchema,
    finished_at: timestampSchema.nullable(),
    failure: z.string().nullable(),
  })
  .meta({ id: 'Reconciliation' });

function reconciliationView(row: ReconciliationRow): z.infer<typeof reconciliationSchema> {
  return {
    id: row.id,
    object: 'reconciliation',
    provider: row.provider,
    date: row.day,
    status: row.status,
    provider_transactions: row.providerTransactions,
    simfill_deliveries: row.simfillDeliveries,
    matched: row.matched,
    mismatches: row.mismatches,
    progress: { pages_read: row.pagesRead, pages_total: row.pagesTotal },
    started_by: row.startedBy,
    started_at: row.startedAt.toISOString(),
    finished_at: row.finishedAt?.toISOString() ?? null,
    failure: row.failure,
  };
}

const mismatchSchema = z
  .object({
    id: z.string(),
    object: z.literal('mismatch'),
    kind: z.enum(MISMATCH_KINDS),
    custom_identifier: z.string(),
    delivery: z.string().nullable(),
    order: z.string().nullable(),
    provider_transaction_id: z.string().nullable(),
    simfill: z.record(z.string(), z.unknown()).nullable(),
    provider: z.record(z.string(), z.unknown()).nullable(),
    resolved_at: timestampSchema.nullable(),
    resolved_by: z.string().nullable(),
    resolution: z.string().nullable(),
  })
  .meta({ id: 'Mismatch' });

function mismatchView(row: MismatchRow): z.infer<typeof mismatchSchema> {
  return {
    id: row.id,
    object: 'mismatch',
    kind: row.kind,
    custom_identifier: row.customIdentifier,
    delivery: row.deliveryId,
    order: row.orderId,
    provider_transaction_id: row.providerTransactionId,
    simfill: row.simfill,
    provider: row.reported,
    resolved_at: row.resolvedAt?.toISOString() ?? null,
    resolved_by: row.resolvedBy,
    resolution: row.resolution,
  };
}

export function reconciliationAdminRoutes(deps: ProvisioningDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const idParams = z.object({ id: z.string().max(100) });

    app.get(
      '/admin/reconciliations',
      {
        config: { auth: 'staff', permission: 'reports.read' },
        schema: {
          tags,
          summary: 'Reconciliations against the provider’s transaction report, newest first',
          response: { 200: listEnvelopeSchema(reconciliationSchema), ...errorResponses(401, 403) },
        },
      },
      async () => ({
        object: 'list' as const,
        data: (await listReconciliations(deps.db, 50)).map(reconciliationView),
        has_more: false,
      }),
    );

    app.post(
      '/admin/reconciliations',
      {
        config: { auth: 'staff', permission: 'reconciliation.manage', idempotent: true, localOperator: true },
        schema: {
          tags,
          summary:
            'Reconcile a UTC day: SimFill’s top-ups against the provider’s report (audited). It runs in the ' +
            'background: follow it with GET /v1/admin/reconciliations/{id}.',
          body: z.object({ date: pastUtcDaySchema(deps.clock) }).strict(),
          response: { 202: reconciliationSchema, ...errorResponses(400, 401, 403, 503) },
        },
      },
      async (request, reply) => {
        if (!deps.provider) throw new AppError('airtime_provider_unavailable');
        const actor = auditActorOf(request);
        const row = await startReconciliation(
          { ...deps, provider: deps.provider },
          { day: request.body.date, startedBy: actor.id ?? 'local_operator' },
        );
        await recordAuditEvent(deps.db, deps.clock, requestContext(request), {
          action: 'reconciliation.started',
          actor,
          target: { type: 'reconciliation', id: row.id },
          details: { date: row.day },
        });
        return reply.code(202).send(reconciliationView(row));
      },
    );

    app.get(
      '/admin/reconciliations/:id',
      {
        config: { auth: 'staff', permission: 'reports.read', localOperator: true },
        schema: {
          tags,
          summary: 'A reconciliation and its mismatches',
          params: idParams,
          response: {
            200: reconciliationSchema.extend({ mismatch_list: z.array(mismatchSchema) }),
            ...errorResponses(401, 403, 404),
          },
        },
      },
      async (request) => {
        if (!isId('reconciliation', request.params.id)) throw notFound('reconciliation', request.params.id);
        const found = await getReconciliation(deps.db, request.params.id);
        return {
          ...reconciliationView(found.reconciliation),
          mismatch_list: found.mismatches.map(mismatchView),
        };
      },
    );

    app.post(
      '/admin/mismatches/:id/resolve',
      {
        config: { auth: 'staff', permission: 'reconciliation.manage' },
        schema: {
          tags,
          summary: 'Mark a mismatch as resolved, saying how (audited)',
          params: idParams,
          body: z.object({ resolution: z.string().trim().min(3).max(1_000) }).strict(),
          response: { 200: mismatchSchema, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => {
        if (!isId('mismatch', request.params.id)) throw notFound('mismatch', request.params.id);
        const staffId = staffIdOf(request);
        const row = await deps.db.transaction(async (tx) => {
          const resolved = await resolveMismatch(tx, deps.clock, {
            mismatchId: request.params.id,
            staffId,
            resolution: request.body.resolution,
          });
          await recordAuditEvent(tx, deps.clock, requestContext(request), {
            action: 'mismatch.resolved',
            actor: { type: 'staff', id: staffId },
            target: { type: 'mismatch', id: resolved.id },
            details: { resolution: request.body.resolution },
          });
          return resolved;
        });
        return mismatchView(row);
      },
    );
  };
}
