import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/index.js';
import { errorResponses, moneySchema, moneyView, timestampSchema } from '../../http/openapi.js';
import { invalidParam, notFound } from '../../kernel/errors.js';
import { pickText, type Locale } from '../../kernel/i18n/index.js';
import { isId } from '../../kernel/ids.js';
import { listEnvelopeSchema, pageRequest, PAGE_SIZE_MAX } from '../../kernel/pagination.js';
import {
  countIssuedEsims,
  issuedEsimStory,
  listEsimOrders,
  listIssuedEsims,
  providerReasonText,
  type EsimEventRow,
} from './console.js';
import {
  ESIM_ORDER_KINDS,
  ESIM_ORDER_STATUSES,
  ESIM_SOURCES,
  INSTALL_STATES,
  type EsimOrderRow,
  type EsimPackageRow,
  type ProfileRow,
} from './schema.js';

/**
 * The console's eSIM pages, read only: the eSIMs issued (by source and install state), one eSIM with its
 * packages and every step, and the eSIM orders (failed or answer lost first) with the source's reason in words.
 * The SM-DP+ pool and its import are in admin-routes.ts.
 */

const tags = ['Console'];
const PAGE_SIZE_DEFAULT = 25;

const issuedEsimSchema = z
  .object({
    id: z.string(),
    object: z.literal('esim'),
    iccid: z.string(),
    customer: z.string(),
    line: z.string().nullable().meta({ description: 'The line the flow made for it, once delivered.' }),
    order: z.string().meta({ description: 'The SimFill order that bought it (GET /v1/admin/orders/{id}).' }),
    source: z.enum(ESIM_SOURCES),
    install_state: z.enum(INSTALL_STATES),
    install_state_at: timestampSchema,
    provider_status: z
      .string()
      .nullable()
      .meta({ description: 'The source’s own status of the sim (Airalo: not_active, active, finished…).' }),
    eid: z.string().nullable(),
    packages_count: z.number().int().meta({ description: 'Its first package and every top-up.' }),
    created_at: timestampSchema,
  })
  .meta({ id: 'ConsoleEsim' });

const esimOrderSchema = z
  .object({
    id: z.string(),
    object: z.literal('esim_order'),
    order: z.string().meta({ description: 'The SimFill order it delivers; its refunds are on that order.' }),
    customer: z.string(),
    kind: z.enum(ESIM_ORDER_KINDS),
    source: z.enum(ESIM_SOURCES),
    package_id: z.string(),
    package_name: z.string().meta({ description: 'As sold, in your language.' }),
    esim: z.string().nullable().meta({ description: 'The eSIM topped up, or the one issued once it is.' }),
    iccid: z.string().nullable(),
    status: z.enum(ESIM_ORDER_STATUSES),
    attempts: z.number().int(),
    provider_order_id: z.string().nullable(),
    provider_code: z.string().nullable().meta({
      description: 'The source’s last refusal: Airalo 11, 13, 23, 33, 34, 73; ES2+ `subject/reason`.',
    }),
    provider_reason: z
      .string()
      .nullable()
      .meta({ description: 'That code in words, in your language; null for a code SimFill does not know.' }),
    cost: moneySchema.nullable().meta({ description: 'What the source charged SimFill, once succeeded.' }),
    next_check_at: timestampSchema.nullable(),
    created_at: timestampSchema,
    finished_at: timestampSchema.nullable(),
  })
  .meta({ id: 'ConsoleEsimOrder' });

const packageSchema = z.object({
  id: z.string(),
  esim_order: z.string(),
  kind: z.enum(ESIM_ORDER_KINDS),
  package_id: z.string(),
  name: z.string(),
  data_mb: z.number().int().nullable(),
  unlimited: z.boolean(),
  validity_days: z.number().int(),
  countries: z.array(z.string()),
  added_at: timestampSchema,
});

const eventSchema = z.object({
  id: z.string(),
  esim_order: z.string().nullable(),
  kind: z.string().meta({ example: 'sent' }),
  provider_code: z.string().nullable(),
  provider_reason: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  at: timestampSchema,
});

const storySchema = issuedEsimSchema
  .extend({
    usage: z
      .object({
        total_mb: z.number().int().nullable(),
        remaining_mb: z.number().int().nullable(),
        unlimited: z.boolean(),
        expires_at: timestampSchema.nullable(),
        observed_at: timestampSchema,
      })
      .nullable()
      .meta({ description: 'The last usage read from the source; null when never read.' }),
    packages: z.array(packageSchema),
    orders: z.array(esimOrderSchema),
    events: z.array(eventSchema),
  })
  .meta({ id: 'ConsoleEsimStory' });

function issuedEsimView(row: ProfileRow, packagesCount: number): z.infer<typeof issuedEsimSchema> {
  return {
    id: row.id,
    object: 'esim',
    iccid: row.iccid,
    customer: row.customerId,
    line: row.lineId,
    order: row.orderId,
    source: row.source,
    install_state: row.installState,
    install_state_at: row.installStateAt.toISOString(),
    provider_status: row.providerStatus,
    eid: row.eid,
    packages_count: packagesCount,
    created_at: row.createdAt.toISOString(),
  };
}

function reasonOf(source: ProfileRow['source'], code: string | null, locale: Locale): string | null {
  const text = providerReasonText(source, code);
  return text ? pickText(text, locale) : null;
}

function esimOrderView(row: EsimOrderRow, locale: Locale): z.infer<typeof esimOrderSchema> {
  return {
    id: row.id,
    object: 'esim_order',
    order: row.orderId,
    customer: row.customerId,
    kind: row.kind,
    source: row.source,
    package_id: row.packageId,
    package_name: pickText(row.spec.name, locale),
    esim: row.profileId,
    iccid: row.iccid,
    status: row.status,
    attempts: row.attempts,
    provider_order_id: row.providerOrderId,
    provider_code: row.providerCode,
    provider_reason: reasonOf(row.source, row.providerCode, locale),
    cost:
      row.costMinor === null || row.costCurrency === null ? null : moneyView(row.costMinor, row.costCurrency),
    next_check_at: row.nextCheckAt?.toISOString() ?? null,
    created_at: row.createdAt.toISOString(),
    finished_at: row.finishedAt?.toISOString() ?? null,
  };
}

function packageView(row: EsimPackageRow, locale: Locale): z.infer<typeof packageSchema> {
  return {
    id: row.id,
    esim_order: row.esimOrderId,
    kind: row.kind,
    package_id: row.packageId,
    name: pickText(row.spec.name, locale),
    data_mb: row.spec.dataMb,
    unlimited: row.spec.unlimited,
    validity_days: row.spec.validityDays,
    countries: [...row.spec.countries],
    added_at: row.addedAt.toISOString(),
  };
}

function eventView(
  row: EsimEventRow,
  source: ProfileRow['source'],
  locale: Locale,
): z.infer<typeof eventSchema> {
  return {
    id: row.id,
    esim_order: row.esimOrderId,
    kind: row.kind,
    provider_code: row.providerCode,
    provider_reason: reasonOf(source, row.providerCode, locale),
    detail: row.detail,
    at: row.at.toISOString(),
  };
}

function usageView(row: ProfileRow): z.infer<typeof storySchema>['usage'] {
  if (!row.usageObservedAt) return null;
  return {
    total_mb: row.usageTotalMb,
    remaining_mb: row.usageRemainingMb,
    unlimited: row.usageUnlimited,
    expires_at: row.usageExpiresAt?.toISOString() ?? null,
    observed_at: row.usageObservedAt.toISOString(),
  };
}

const pageQuery = {
  limit: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(PAGE_SIZE_DEFAULT),
  starting_after: z
    .string()
    .max(100)
    .optional()
    .meta({ description: 'The last id of the previous page: the next page holds older ones.' }),
};

export function esimConsoleRoutes(deps: { db: Db }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/admin/esims',
      {
        config: { auth: 'staff', permission: 'lines.read' },
        schema: {
          tags,
          summary: 'The eSIMs SimFill has issued, newest first, by source, install state, customer or ICCID',
          querystring: z
            .object({
              source: z.enum(ESIM_SOURCES).optional(),
              install_state: z.enum(INSTALL_STATES).optional(),
              customer: z.string().max(100).optional().meta({ description: 'A customer id (`cus_…`).' }),
              iccid: z
                .string()
                .regex(/^\d{19,20}$/)
                .optional(),
              ...pageQuery,
            })
            .strict(),
          response: { 200: listEnvelopeSchema(issuedEsimSchema), ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => {
        const { source, install_state: installState, customer, iccid } = request.query;
        if (customer !== undefined && !isId('customer', customer)) throw invalidParam('customer');
        const page = pageRequest('esim', request.query);
        const result = await listIssuedEsims(deps.db, {
          source,
          installState,
          customerId: customer,
          iccid,
          ...page,
        });
        return {
          object: 'list' as const,
          data: result.data.map((row) => issuedEsimView(row, row.packageCount)),
          has_more: result.hasMore,
        };
      },
    );

    app.get(
      '/admin/esims/counts',
      {
        config: { auth: 'staff', permission: 'lines.read' },
        schema: {
          tags,
          summary: 'How many issued eSIMs each source has in each install state',
          response: {
            200: z.object({
              object: z.literal('esim_counts'),
              data: z.array(
                z.object({
                  source: z.enum(ESIM_SOURCES),
                  install_state: z.enum(INSTALL_STATES),
                  count: z.number().int(),
                }),
              ),
              total: z.number().int(),
            }),
            ...errorResponses(401, 403),
          },
        },
      },
      async () => {
        const counts = await countIssuedEsims(deps.db);
        return {
          object: 'esim_counts' as const,
          data: counts.map((row) => ({
            source: row.source,
            install_state: row.installState,
            count: row.count,
          })),
          total: counts.reduce((sum, row) => sum + row.count, 0),
        };
      },
    );

    app.get(
      '/admin/esims/:id',
      {
        config: { auth: 'staff', permission: 'lines.read' },
        schema: {
          tags,
          summary: 'One issued eSIM: its packages, what was bought for it and every step, oldest first',
          params: z.object({ id: z.string().max(100) }),
          response: { 200: storySchema, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => {
        if (!isId('esim', request.params.id)) throw notFound('esim', request.params.id);
        const story = await issuedEsimStory(deps.db, request.params.id);
        const { profile } = story;
        return {
          ...issuedEsimView(profile, story.packages.length),
          usage: usageView(profile),
          packages: story.packages.map((row) => packageView(row, request.locale)),
          orders: story.orders.map((row) => esimOrderView(row, request.locale)),
          events: story.events.map((row) => eventView(row, profile.source, request.locale)),
        };
      },
    );

    app.get(
      '/admin/esim-orders',
      {
        config: { auth: 'staff', permission: 'orders.read' },
        schema: {
          tags,
          summary:
            'eSIM orders at their source, newest first: `failed` (refunded) and `unknown` (being looked up)',
          description:
            'A new eSIM or a top-up bought from Airalo or the SM-DP+ for one paid SimFill order, with the ' +
            'source’s last refusal code and its meaning. A failed one is refunded on its order ' +
            '(GET /v1/admin/orders/{id}).',
          querystring: z
            .object({
              status: z.enum(ESIM_ORDER_STATUSES).optional(),
              source: z.enum(ESIM_SOURCES).optional(),
              kind: z.enum(ESIM_ORDER_KINDS).optional(),
              ...pageQuery,
            })
            .strict(),
          response: { 200: listEnvelopeSchema(esimOrderSchema), ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => {
        const { status, source, kind } = request.query;
        const page = pageRequest('esimOrder', request.query);
        const result = await listEsimOrders(deps.db, { status, source, kind, ...page });
        return {
          object: 'list' as const,
          data: result.data.map((row) => esimOrderView(row, request.locale)),
          has_more: result.hasMore,
        };
      },
    );
  };
}
