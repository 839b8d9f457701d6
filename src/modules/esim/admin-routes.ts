import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/index.js';
import { errorResponses } from '../../http/openapi.js';
import type { Clock } from '../../kernel/clock.js';
import { AppError } from '../../kernel/errors.js';
import { listEnvelopeSchema } from '../../kernel/pagination.js';
import { recordAuditEvent } from '../admin/service.js';
import { auditActorOf, requestContext } from '../identity/service.js';
import {
  describeInventoryErrors,
  importInventory,
  INVENTORY_IMPORT_LINES_MAX,
  inventoryCounts,
} from './inventory.js';

/**
 * The console's side of the operator's SM-DP+ pool: how many profiles of each type are available, assigned or
 * unavailable, and an import of the SM-DP+'s export (`iccid,profileType` lines, as `text/csv`), audited. The CLI's
 * `simfill esim inventory import FILE` comes here when a running `simfill start` holds the database.
 */

export interface EsimAdminDeps {
  db: Db;
  clock: Clock;
}

/** 100,000 lines of `iccid,profileType` fit comfortably. */
const IMPORT_BODY_LIMIT_BYTES = 4 * 1024 * 1024;

const countSchema = z
  .object({
    object: z.literal('esim_inventory_count'),
    profile_type: z.string(),
    available: z.number().int(),
    assigned: z.number().int(),
    unavailable: z.number().int(),
    total: z.number().int(),
  })
  .meta({ id: 'EsimInventoryCount' });

const importSchema = z
  .object({
    object: z.literal('esim_inventory_import'),
    added: z.number().int().meta({ description: 'Profiles new to the pool.' }),
    duplicates: z
      .number()
      .int()
      .meta({ description: 'Lines naming a profile already in the pool (left as it is).' }),
  })
  .meta({ id: 'EsimInventoryImport' });

export function esimAdminRoutes(deps: EsimAdminDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['Console'];
    app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body, done) => done(null, body));

    app.get(
      '/admin/esim-inventory',
      {
        config: { auth: 'staff', permission: 'orders.read', localOperator: true },
        schema: {
          tags,
          summary:
            'The SM-DP+ profile pool: how many of each profile type are available, assigned or unavailable',
          response: { 200: listEnvelopeSchema(countSchema), ...errorResponses(401, 403) },
        },
      },
      async () => ({
        object: 'list' as const,
        data: (await inventoryCounts(deps.db)).map((count) => ({
          object: 'esim_inventory_count' as const,
          profile_type: count.profileType,
          available: count.available,
          assigned: count.assigned,
          unavailable: count.unavailable,
          total: count.available + count.assigned + count.unavailable,
        })),
        has_more: false,
      }),
    );

    app.post(
      '/admin/esim-inventory',
      {
        bodyLimit: IMPORT_BODY_LIMIT_BYTES,
        config: { auth: 'staff', permission: 'catalog.manage', localOperator: true },
        schema: {
          tags,
          summary: 'Import SM-DP+ profiles into the pool from a CSV of `iccid,profileType` lines (audited)',
          description:
            'Send the SM-DP+’s export as `text/csv`: one `iccid,profileType` line per profile; a header line, blank ' +
            'lines and a third column are allowed. Profiles already in the pool are left as they are. Any bad ' +
            'line (ICCID check digit, columns, profile type) refuses the whole import, naming each line.',
          consumes: ['text/csv'],
          body: z.string().meta({ example: 'iccid,profileType\n8949000000000010006,SIMFILL-DATA\n' }),
          response: { 200: importSchema, ...errorResponses(400, 401, 403, 422) },
        },
      },
      async (request) => {
        if (request.body.split('\n').length > INVENTORY_IMPORT_LINES_MAX) {
          throw new AppError('esim_inventory_invalid', {
            param: 'body',
            values: {
              lines: {
                en: `more than ${INVENTORY_IMPORT_LINES_MAX} lines; import the file in parts`,
                'zh-CN': `超过 ${INVENTORY_IMPORT_LINES_MAX} 行，请分批导入`,
              },
            },
          });
        }
        const result = await importInventory(deps.db, deps.clock, request.body);
        if (result.errors.length > 0) {
          throw new AppError('esim_inventory_invalid', {
            param: 'body',
            values: { lines: describeInventoryErrors(result.errors) },
          });
        }
        await recordAuditEvent(deps.db, deps.clock, requestContext(request), {
          action: 'esim_inventory.imported',
          actor: auditActorOf(request),
          target: { type: 'esim_inventory', id: 'smdp' },
          details: { added: result.added, duplicates: result.duplicates },
        });
        return {
          object: 'esim_inventory_import' as const,
          added: result.added,
          duplicates: result.duplicates,
        };
      },
    );
  };
}
