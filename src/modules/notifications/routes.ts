import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/index.js';
import { errorResponses } from '../../http/openapi.js';
import { listEnvelopeSchema, pageQuerySchema, pageRequest } from '../../kernel/pagination.js';
import { getDevMessage, listDevMessages } from './service.js';

export const devMessageSchema = z
  .object({
    id: z.string().meta({ example: 'msg_01jz8x4e5qf0m8g4v3k2y1t9bc' }),
    object: z.literal('dev_message'),
    envelope_from: z.string(),
    envelope_to: z.array(z.string()),
    from: z.string(),
    to: z.string(),
    subject: z.string(),
    text: z.string(),
    html: z.string().nullable(),
    message_id: z.string().nullable(),
    size_bytes: z.number().int(),
    received: z.string().meta({ description: 'ISO 8601, UTC.' }),
  })
  .meta({ id: 'DevMessage' });

/**
 * The development mailbox: what the embedded SMTP server received. Registered only in embedded mode (no
 * SMTP_URL). The messages hold verification and reset links, so only staff with `dev_mailbox.read` (the
 * console) or the local operator (`simfill mail`, with the token in the data dir, from this machine) read them.
 */
export function devMailboxRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/dev/mailbox',
      {
        config: { auth: 'staff', permission: 'dev_mailbox.read', localOperator: true },
        schema: {
          tags: ['development'],
          summary: 'List messages received by the embedded SMTP server (embedded mode only)',
          querystring: pageQuerySchema.strict(),
          response: { 200: listEnvelopeSchema(devMessageSchema), ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => listDevMessages(db, pageRequest('devMessage', request.query)),
    );
    app.get(
      '/dev/mailbox/:id',
      {
        config: { auth: 'staff', permission: 'dev_mailbox.read', localOperator: true },
        schema: {
          tags: ['development'],
          summary: 'Retrieve one received message (embedded mode only)',
          params: z.object({ id: z.string().max(100) }),
          response: { 200: devMessageSchema, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => getDevMessage(db, request.params.id),
    );
  };
}
