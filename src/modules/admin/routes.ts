import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/index.js';
import { errorResponses } from '../../http/openapi.js';
import { checkRange, instantSchema } from '../../kernel/dates.js';
import { listEnvelopeSchema, pageQuerySchema, pageRequest } from '../../kernel/pagination.js';
import { listAuditEvents } from './service.js';

const auditEventSchema = z
  .object({
    id: z.string().meta({ example: 'aud_01jz8x4e5qf0m8g4v3k2y1t9bc' }),
    object: z.literal('audit_event'),
    action: z.string().meta({ example: 'customer.login_failed' }),
    outcome: z.enum(['success', 'failure']),
    actor: z.object({
      type: z.enum(['customer', 'staff', 'api_key', 'system', 'anonymous']),
      id: z.string().nullable(),
    }),
    target: z.object({ type: z.string(), id: z.string() }).nullable(),
    ip: z.string().nullable(),
    user_agent: z.string().nullable(),
    request_id: z.string().nullable(),
    details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
    created: z.string(),
  })
  .meta({ id: 'AuditEvent' });

/** The audit log for staff with `audit.read`, newest first. */
export function auditRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/audit-events',
      {
        config: { auth: 'staff', permission: 'audit.read' },
        schema: {
          tags: ['staff'],
          summary: 'The audit log: logins, password changes, keys and every staff action',
          querystring: pageQuerySchema
            .extend({
              actor: z.string().max(100).optional(),
              target: z.string().max(100).optional(),
              subject: z.string().max(100).optional().meta({ description: 'Events by or about this id.' }),
              action: z.string().max(100).optional(),
              outcome: z.enum(['success', 'failure']).optional(),
              created_gte: instantSchema().optional(),
              created_lt: instantSchema().optional(),
            })
            .strict()
            // Paged (100 at most): the calendar bounds the span, no span limit needed.
            .superRefine(checkRange('created_gte', 'created_lt', { kind: 'instant' })),
          response: { 200: listEnvelopeSchema(auditEventSchema), ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => {
        const query = request.query;
        return listAuditEvents(
          db,
          {
            actor: query.actor,
            target: query.target,
            subject: query.subject,
            action: query.action,
            outcome: query.outcome,
            createdGte: query.created_gte ? new Date(query.created_gte) : undefined,
            createdLt: query.created_lt ? new Date(query.created_lt) : undefined,
          },
          pageRequest('auditEvent', query),
        );
      },
    );
  };
}
