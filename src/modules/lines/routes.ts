import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../http/openapi.js';
import type { Locale } from '../../kernel/i18n/index.js';
import { customerIdOf } from '../identity/service.js';
import { airtimeOperators, describeOperators } from '../catalog/service.js';
import {
  addLine,
  getLine,
  listLines,
  lookUpNumber,
  removeLine,
  updateLine,
  type LinesDeps,
} from './service.js';
import type { LineRow } from './schema.js';
import { lineSchema, lineViews, operatorSchema, operatorView } from './views.js';

const tags = ['Lines'];

export function linesRoutes(deps: LinesDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const idParams = z.object({ id: z.string().max(100) });
    const views = (rows: LineRow[], locale: Locale) => lineViews(deps.db, rows, locale);

    app.post(
      '/phone-numbers/lookup',
      {
        config: { auth: 'customer', scope: 'lines:read' },
        schema: {
          tags,
          summary: 'Check a number before adding or topping it up, and find its operator',
          body: z.object({ phone: z.string().max(40) }).strict(),
          response: {
            200: z.object({
              object: z.literal('phone_number'),
              phone: z.string(),
              phone_national: z.string(),
              country: z.string(),
              operator: operatorSchema.nullable().meta({ description: 'null: the provider could not tell.' }),
            }),
            ...errorResponses(400, 401),
          },
        },
      },
      async (request) => {
        const lookup = await lookUpNumber(deps, request.body.phone);
        const described = lookup.operator
          ? (await describeOperators(deps.db, [lookup.operator.id])).get(lookup.operator.id)
          : undefined;
        return {
          object: 'phone_number' as const,
          phone: lookup.number.e164,
          phone_national: lookup.number.national,
          country: lookup.number.countryIso,
          operator: described ? operatorView(described, request.locale) : null,
        };
      },
    );

    app.get(
      '/operators',
      {
        config: { auth: 'customer', scope: 'lines:read' },
        schema: {
          tags,
          summary: 'The operators of a country, to correct a line’s detected carrier',
          querystring: z.object({ country: z.string().length(2).default('US') }).strict(),
          response: {
            200: z.object({
              object: z.literal('list'),
              data: z.array(operatorSchema),
              has_more: z.boolean(),
            }),
            ...errorResponses(401),
          },
        },
      },
      async (request) => {
        const rows = await airtimeOperators(deps.db, request.query.country.toUpperCase());
        const described = await describeOperators(
          deps.db,
          rows.map((row) => row.id),
        );
        return {
          object: 'list' as const,
          data: rows.map((row) => operatorView(described.get(row.id)!, request.locale)),
          has_more: false,
        };
      },
    );

    app.get(
      '/lines',
      {
        config: { auth: 'customer', scope: 'lines:read' },
        schema: {
          tags,
          summary: 'Your lines (your SIM, a tablet, family members’ phones)',
          response: {
            200: z.object({ object: z.literal('list'), data: z.array(lineSchema), has_more: z.boolean() }),
            ...errorResponses(401),
          },
        },
      },
      async (request) => {
        const rows = await listLines(deps.db, customerIdOf(request));
        return { object: 'list' as const, data: await views(rows, request.locale), has_more: false };
      },
    );

    const lineFields = {
      nickname: z.string().max(100).nullable().optional(),
      operator: z
        .string()
        .max(100)
        .optional()
        .meta({ description: 'An operator id from GET /v1/operators.' }),
      iccid: z
        .string()
        .max(40)
        .nullable()
        .optional()
        .meta({ description: 'The 19–20 digits on the SIM card.' }),
      device: z.string().max(100).nullable().optional(),
    };

    app.post(
      '/lines',
      {
        config: { auth: 'customer', scope: 'lines:write', idempotent: true },
        schema: {
          tags,
          summary: 'Add a line: the number is checked and its operator looked up (or chosen by you)',
          body: z.object({ phone: z.string().max(40), ...lineFields }).strict(),
          response: { 201: lineSchema, ...errorResponses(400, 401, 403, 409) },
        },
      },
      async (request, reply) => {
        const row = await addLine(deps, customerIdOf(request), request.body);
        return reply.code(201).send((await views([row], request.locale))[0]!);
      },
    );

    app.get(
      '/lines/:id',
      {
        config: { auth: 'customer', scope: 'lines:read' },
        schema: {
          tags,
          summary: 'One of your lines',
          params: idParams,
          response: { 200: lineSchema, ...errorResponses(401, 404) },
        },
      },
      async (request) => {
        const row = await getLine(deps.db, customerIdOf(request), request.params.id);
        return (await views([row], request.locale))[0]!;
      },
    );

    app.patch(
      '/lines/:id',
      {
        config: { auth: 'customer', scope: 'lines:write' },
        schema: {
          tags,
          summary: 'Rename a line, correct its operator, add its ICCID or device',
          params: idParams,
          body: z.object(lineFields).strict(),
          response: { 200: lineSchema, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => {
        const row = await updateLine(deps, customerIdOf(request), request.params.id, request.body);
        return (await views([row], request.locale))[0]!;
      },
    );

    app.delete(
      '/lines/:id',
      {
        config: { auth: 'customer', scope: 'lines:write' },
        schema: {
          tags,
          summary: 'Take a line off your account (its orders and receipts stay)',
          params: idParams,
          response: { 204: z.null(), ...errorResponses(401, 403, 404) },
        },
      },
      async (request, reply) => {
        await removeLine(deps, customerIdOf(request), request.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}
