import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/index.js';
import { sendError } from '../../http/errors.js';
import { errorResponses } from '../../http/openapi.js';
import { AppError } from '../../kernel/errors.js';
import { listEnvelopeSchema, pageQuerySchema, pageRequest } from '../../kernel/pagination.js';
import { getDevMessage, listDevMessages } from './service.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

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
 * SMTP_URL), where nobody but the developer on this machine receives mail; it moves behind staff login with
 * the console.
 */
export function devMailboxRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    // Later these messages hold sign-in and reset links: only the machine SimFill runs on may read them, even
    // when an embedded instance listens on a public interface.
    app.addHook('onRequest', (request, reply, done) => {
      if (LOOPBACK.has(request.socket.remoteAddress ?? '')) return done();
      void sendError(
        reply,
        new AppError({
          type: 'invalid_request_error',
          code: 'route_not_found',
          status: 404,
          values: { method: request.method, path: request.url.split('?')[0] ?? '' },
        }),
      );
    });
    app.get(
      '/dev/mailbox',
      {
        schema: {
          tags: ['development'],
          summary: 'List messages received by the embedded SMTP server (embedded mode only)',
          querystring: pageQuerySchema.strict(),
          response: { 200: listEnvelopeSchema(devMessageSchema), ...errorResponses(400) },
        },
      },
      async (request) => listDevMessages(db, pageRequest('devMessage', request.query)),
    );
    app.get(
      '/dev/mailbox/:id',
      {
        schema: {
          tags: ['development'],
          summary: 'Retrieve one received message (embedded mode only)',
          params: z.object({ id: z.string().max(100) }),
          response: { 200: devMessageSchema, ...errorResponses(404) },
        },
      },
      async (request) => getDevMessage(db, request.params.id),
    );
  };
}
