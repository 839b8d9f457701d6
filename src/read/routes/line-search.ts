import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/index.js';
import { errorResponses, timestampSchema } from '../../http/openapi.js';
import { searchLines } from '../line-search.js';

/** The console's line search over HTTP (`GET /v1/admin/lines`). */

export function lineSearchRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/admin/lines',
      {
        config: { auth: 'staff', permission: 'lines.read' },
        schema: {
          tags: ['Console'],
          summary: 'Find lines by phone number, or a customer’s lines by customer id or email',
          querystring: z.object({ query: z.string().trim().min(1).max(320) }).strict(),
          response: {
            200: z.object({
              object: z.literal('list'),
              data: z.array(
                z.object({
                  id: z.string(),
                  object: z.literal('line'),
                  customer: z.string(),
                  phone: z.string().nullable().meta({ description: 'Null for a data-only eSIM line.' }),
                  nickname: z.string().nullable(),
                  operator: z.string().nullable(),
                  removed: z.boolean(),
                  created_at: timestampSchema,
                }),
              ),
              has_more: z.boolean(),
            }),
            ...errorResponses(400, 401, 403),
          },
        },
      },
      async (request) => ({
        object: 'list' as const,
        has_more: false,
        data: (await searchLines(db, request.query.query)).map(({ line, operatorName }) => ({
          id: line.id,
          object: 'line' as const,
          customer: line.customerId,
          phone: line.phone,
          nickname: line.nickname,
          operator: operatorName,
          removed: line.removedAt !== null,
          created_at: line.createdAt.toISOString(),
        })),
      }),
    );
  };
}
