import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/index.js';
import type { ResponseCache } from '../../kernel/response-cache.js';
import { errorResponses, sendJsonText } from '../../http/openapi.js';
import { listEnvelopeSchema, pageQuerySchema, pageRequest } from '../../kernel/pagination.js';
import { SIM_TYPES, VALIDITY_PERIODS, PLAN_CATEGORIES } from './schema.js';
import { getPlan, listCarriers, listPlans } from './service.js';

export const carrierSchema = z
  .object({
    id: z.string().meta({ example: 'car_01jz8x4e5qf0m8g4v3k2y1t9bc' }),
    object: z.literal('carrier'),
    slug: z.string().meta({ example: 'att' }),
    name: z.string().meta({ description: "In the request's language." }),
    kind: z.enum(['mno', 'mvno']).meta({ description: 'mno: runs its own network; mvno: resells one.' }),
    host_carrier: z
      .string()
      .nullable()
      .meta({ description: 'For an MVNO, the id of the network it runs on.' }),
    country: z.string().meta({ example: 'US' }),
    website: z.string().nullable(),
  })
  .meta({ id: 'Carrier' });

export const planSchema = z
  .object({
    id: z.string().meta({ example: 'plan_01jz8x4e5qf0m8g4v3k2y1t9bc' }),
    object: z.literal('plan'),
    slug: z.string(),
    category: z.enum(PLAN_CATEGORIES),
    carrier: z.object({ id: z.string(), slug: z.string(), name: z.string() }).nullable(),
    sim_types: z.array(z.enum(SIM_TYPES)),
    name: z.string().meta({ description: "In the request's language (Content-Language)." }),
    description: z.string(),
    data: z.object({
      quota_mb: z.number().int().meta({ description: 'High-speed data included, in MiB (1 GB = 1024).' }),
      unlimited: z
        .boolean()
        .meta({ description: 'Data keeps flowing after the quota, at the reduced speed.' }),
      speed_after_quota_kbps: z
        .number()
        .int()
        .nullable()
        .meta({ description: 'null: data stops at the quota.' }),
    }),
    validity: z.object({ period: z.enum(VALIDITY_PERIODS), days: z.number().int() }),
    voice: z.object({ included: z.boolean(), unlimited: z.boolean(), minutes: z.number().int().nullable() }),
    sms: z.object({ included: z.boolean(), unlimited: z.boolean(), count: z.number().int().nullable() }),
    coverage: z.object({
      region: z.string().meta({ example: 'north_america' }),
      countries: z.array(z.string()).meta({ description: 'ISO 3166-1 alpha-2 codes.' }),
    }),
    shareable_devices: z.number().int().meta({ description: 'Devices that may share the data (hotspot).' }),
    price: z
      .object({
        amount_minor: z
          .number()
          .int()
          .meta({ description: 'In the currency minor unit (cents).', example: 3090 }),
        currency: z.string().meta({ example: 'USD' }),
      })
      .meta({
        description:
          "What you pay before the payment method's fee (GET /v1/method-fees): for a plan sold through a " +
          "line, the lowest price of its offers (face amount + markup), the same figure as the line's offer " +
          "and the quote's subtotal; otherwise the catalog's list price.",
      }),
    purchase: z.enum(['esim', 'line', 'esim_coming_soon', 'not_sold']).meta({
      description:
        '`esim`: bought as a new eSIM (POST /v1/quotes with `{type: esim, plan}`); `line`: bought as a renewal ' +
        'or data pack for one of your lines on its carrier (GET /v1/offers?line=…, the offer whose `plan` is ' +
        'this id); `esim_coming_soon`: a travel eSIM no eSIM source sells yet; `not_sold`: no product sells it ' +
        'right now.',
    }),
    esim_purchasable: z.boolean().meta({
      description: 'True when the plan has an eSIM source: a new eSIM of it can be bought here.',
    }),
    created: z.string().meta({ description: 'ISO 8601, UTC.' }),
  })
  .meta({ id: 'Plan' });

const planQuerySchema = pageQuerySchema
  .extend({
    carrier: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .meta({ description: 'A carrier id or slug (att, t-mobile, …).' }),
    sim_type: z.enum(SIM_TYPES).optional(),
    min_data_mb: z.coerce
      .number()
      .int()
      .min(0)
      .max(10_000_000)
      .optional()
      .meta({ description: 'At least this much high-speed data, in MiB; unlimited plans always match.' }),
    unlimited: z
      .enum(['true', 'false'])
      .transform((value) => value === 'true')
      .optional(),
    validity: z.enum(VALIDITY_PERIODS).optional(),
    country: z
      .string()
      .regex(/^[A-Za-z]{2}$/)
      .transform((value) => value.toUpperCase())
      .optional()
      .meta({ description: 'ISO 3166-1 alpha-2 country the plan must cover.' }),
  })
  .strict();

export interface CatalogRoutesOptions {
  db: Db;
  /** Serialized catalog responses; the catalog changes rarely and is read on every portal visit. */
  cache: ResponseCache;
}

export function catalogRoutes({ db, cache }: CatalogRoutesOptions): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/carriers',
      {
        schema: {
          tags: ['catalog'],
          summary: 'List carriers',
          querystring: pageQuerySchema.strict(),
          response: { 200: listEnvelopeSchema(carrierSchema), ...errorResponses(400) },
        },
      },
      async (request, reply) => {
        const key = `${request.locale}|carriers|${JSON.stringify(request.query)}`;
        const body = await cache.get(key, async () =>
          JSON.stringify(await listCarriers(db, request.locale, pageRequest('carrier', request.query))),
        );
        return sendJsonText(reply, body);
      },
    );

    app.get(
      '/plans',
      {
        schema: {
          tags: ['catalog'],
          summary: 'List plans',
          description: 'Active plans, oldest first, filtered and paginated with limit / starting_after.',
          querystring: planQuerySchema,
          response: { 200: listEnvelopeSchema(planSchema), ...errorResponses(400) },
        },
      },
      async (request, reply) => {
        const { carrier, sim_type, min_data_mb, unlimited, validity, country } = request.query;
        const key = `${request.locale}|plans|${JSON.stringify(request.query)}`;
        const body = await cache.get(key, async () => {
          const page = await listPlans(
            db,
            request.locale,
            { carrier, simType: sim_type, minDataMb: min_data_mb, unlimited, validity, country },
            pageRequest('plan', request.query),
          );
          return JSON.stringify(page);
        });
        return sendJsonText(reply, body);
      },
    );

    app.get(
      '/plans/:id',
      {
        schema: {
          tags: ['catalog'],
          summary: 'Retrieve a plan',
          params: z.object({ id: z.string().max(100) }),
          response: { 200: planSchema, ...errorResponses(404) },
        },
      },
      async (request, reply) => {
        const key = `${request.locale}|plan|${request.params.id}`;
        const body = await cache.get(key, async () =>
          JSON.stringify(await getPlan(db, request.locale, request.params.id)),
        );
        return sendJsonText(reply, body);
      },
    );
  };
}
