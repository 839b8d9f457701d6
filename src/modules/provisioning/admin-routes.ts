import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, moneySchema, moneyView, timestampSchema } from '../../http/openapi.js';
import { pastUtcDaySchema } from '../../kernel/dates.js';
import { AppError } from '../../kernel/errors.js';
import { isId } from '../../kernel/ids.js';
import { pickText, type Locale } from '../../kernel/i18n/index.js';
import { recordAuditEvent } from '../admin/service.js';
import {
  describeOperators,
  listTopUpProducts,
  syncTopUpCatalog,
  updateTopUpProduct,
  type TopUpCatalogSettings,
  type TopUpOffer,
} from '../catalog/service.js';
import { requestContext, staffIdOf } from '../identity/service.js';
import { customerIdsMatching } from '../identity/service.js';
import { linesOfCustomers, linesWithNumber } from '../lines/service.js';
import { parseE164 } from '../../kernel/phone.js';
import { notFound } from '../../kernel/errors.js';
import type { ProvisioningDeps } from './deliveries.js';
import {
  DELIVERY_STATUSES,
  MISMATCH_KINDS,
  type DeliveryRow,
  type MismatchRow,
  type ReconciliationRow,
} from './schema.js';
import {
  checkDeliveryNow,
  deliveryStory,
  floatReadingsOf,
  getDelivery,
  getReconciliation,
  listDeliveries,
  listReconciliations,
  maskPin,
  readFloat,
  resolveMismatch,
  startReconciliation,
} from './service.js';

/** The console's side of line top-ups: deliveries, the provider float, the catalog sync, reconciliation. */

export interface ProvisioningAdminDeps extends ProvisioningDeps {
  catalog: TopUpCatalogSettings;
}

const tags = ['Console'];

const deliverySchema = z
  .object({
    id: z.string(),
    object: z.literal('delivery'),
    order: z.string(),
    customer: z.string(),
    recipient: z.string(),
    product: z.string(),
    kind: z.string(),
    amount: moneySchema,
    status: z.enum(DELIVERY_STATUSES),
    attempts: z.number().int(),
    custom_identifier: z.string(),
    provider: z.string(),
    provider_transaction_id: z.string().nullable(),
    last_error_code: z.string().nullable(),
    next_check_at: timestampSchema.nullable(),
    cost: moneySchema.nullable(),
    provider_balance_after: moneySchema.nullable().meta({
      description:
        'SimFill’s own account at the provider (the float) after this top-up’s cost, as the provider reported ' +
        'it (Reloadly `balanceInfo.newBalance`). Not the line’s balance.',
    }),
    pin: z.string().nullable().meta({ description: 'Masked: only the customer’s receipt shows it whole.' }),
    created_at: timestampSchema,
    finished_at: timestampSchema.nullable(),
  })
  .meta({ id: 'Delivery' });

function deliveryView(row: DeliveryRow, locale: Locale): z.infer<typeof deliverySchema> {
  const balance = row.result?.accountBalance;
  return {
    id: row.id,
    object: 'delivery',
    order: row.orderId,
    customer: row.customerId,
    recipient: row.recipient,
    product: pickText(row.spec.name, locale),
    kind: row.kind,
    amount: moneyView(row.amountMinor, row.currency),
    status: row.status,
    attempts: row.attempts,
    custom_identifier: row.customIdentifier,
    provider: row.provider,
    provider_transaction_id: row.providerTransactionId,
    last_error_code: row.lastErrorCode,
    next_check_at: row.nextCheckAt?.toISOString() ?? null,
    cost: row.costMinor === null ? null : moneyView(row.costMinor, row.currency),
    provider_balance_after: balance ? moneyView(balance.afterMinor, balance.currency) : null,
    pin: row.result?.pin ? maskPin(row.result.pin.code) : null,
    created_at: row.createdAt.toISOString(),
    finished_at: row.finishedAt?.toISOString() ?? null,
  };
}

const productSchema = z
  .object({
    id: z.string(),
    object: z.literal('topup_product'),
    operator: z.object({ id: z.string(), name: z.string(), country: z.string(), active: z.boolean() }),
    kind: z.string(),
    name: z.string(),
    provider_description: z.string().nullable(),
    face: moneySchema.nullable(),
    markup_bps: z.number().int(),
    eta_minutes: z.number().int(),
    active: z.boolean(),
    listed: z.boolean(),
    synced_at: timestampSchema,
  })
  .meta({ id: 'TopUpProduct' });

function productView({ product, operator }: TopUpOffer, locale: Locale): z.infer<typeof productSchema> {
  return {
    id: product.id,
    object: 'topup_product',
    operator: { id: operator.id, name: operator.name, country: operator.countryIso, active: operator.active },
    kind: product.kind,
    name: pickText(product.name, locale),
    provider_description: product.providerDescription,
    face: product.faceAmountMinor === null ? null : moneyView(product.faceAmountMinor, product.currency),
    markup_bps: product.markupBps,
    eta_minutes: product.etaMinutes,
    active: product.active,
    listed: product.listed,
    synced_at: product.syncedAt.toISOString(),
  };
}

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

/** The staff member, or the local operator (the CLI on this machine) on routes that allow it. */
function staffActor(request: FastifyRequest): { type: 'staff' | 'system'; id?: string } {
  return request.auth?.kind === 'staff' ? { type: 'staff', id: request.auth.staffId } : { type: 'system' };
}

const noProvider = () =>
  new AppError({ type: 'api_error', code: 'airtime_provider_unavailable', status: 503 });

export function provisioningAdminRoutes(deps: ProvisioningAdminDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const idParams = z.object({ id: z.string().max(100) });
    const listOf = <T extends z.ZodType>(item: T) =>
      z.object({ object: z.literal('list'), data: z.array(item), has_more: z.boolean() });

    app.get(
      '/admin/deliveries',
      {
        config: { auth: 'staff', permission: 'orders.read' },
        schema: {
          tags,
          summary: 'Line top-up deliveries, newest first: on their way, failed, or retried',
          querystring: z
            .object({
              attention: z.enum(['open', 'failed', 'retried']).optional(),
              limit: z.coerce.number().int().min(1).max(100).default(50),
            })
            .strict(),
          response: { 200: listOf(deliverySchema), ...errorResponses(401, 403) },
        },
      },
      async (request) => ({
        object: 'list' as const,
        data: (await listDeliveries(deps.db, request.query)).map((row) => deliveryView(row, request.locale)),
        has_more: false,
      }),
    );

    app.get(
      '/admin/deliveries/:id',
      {
        config: { auth: 'staff', permission: 'orders.read' },
        schema: {
          tags,
          summary: 'A delivery and every step of it: sends, provider answers, status checks, retries',
          params: idParams,
          response: {
            200: deliverySchema.extend({
              events: z.array(
                z.object({
                  kind: z.string(),
                  attempt: z.number().int(),
                  custom_identifier: z.string(),
                  provider_code: z.string().nullable(),
                  detail: z.record(z.string(), z.unknown()),
                  at: timestampSchema,
                }),
              ),
            }),
            ...errorResponses(401, 403, 404),
          },
        },
      },
      async (request) => {
        if (!isId('delivery', request.params.id)) throw notFound('delivery', request.params.id);
        const row = await getDelivery(deps.db, request.params.id);
        const events = await deliveryStory(deps.db, row.id);
        return {
          ...deliveryView(row, request.locale),
          events: events.map((event) => ({
            kind: event.kind,
            attempt: event.attempt,
            custom_identifier: event.customIdentifier,
            provider_code: event.providerCode,
            detail: event.detail,
            at: event.at.toISOString(),
          })),
        };
      },
    );

    app.post(
      '/admin/deliveries/:id/check',
      {
        config: { auth: 'staff', permission: 'deliveries.manage' },
        schema: {
          tags,
          summary: 'Ask the provider about a delivery now (never sends twice: it asks first)',
          params: idParams,
          response: { 200: deliverySchema, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => {
        if (!isId('delivery', request.params.id)) throw notFound('delivery', request.params.id);
        const row = await checkDeliveryNow(deps, request.params.id);
        await recordAuditEvent(deps.db, deps.clock, requestContext(request), {
          action: 'delivery.checked',
          actor: { type: 'staff', id: staffIdOf(request) },
          target: { type: 'delivery', id: row.id },
          details: { status: row.status },
        });
        return deliveryView(row, request.locale);
      },
    );

    app.get(
      '/admin/lines',
      {
        config: { auth: 'staff', permission: 'lines.read' },
        schema: {
          tags,
          summary: 'Find lines by phone number, or a customer’s lines by customer id or email',
          querystring: z.object({ query: z.string().trim().min(1).max(320) }).strict(),
          response: {
            200: listOf(
              z.object({
                id: z.string(),
                object: z.literal('line'),
                customer: z.string(),
                phone: z.string(),
                nickname: z.string().nullable(),
                operator: z.string().nullable(),
                removed: z.boolean(),
                created_at: timestampSchema,
              }),
            ),
            ...errorResponses(400, 401, 403),
          },
        },
      },
      async (request) => {
        const phone = parseE164(request.query.query.replace(/[\s()-]/g, ''));
        const rows = phone
          ? await linesWithNumber(deps.db, phone)
          : await linesOfCustomers(deps.db, await customerIdsMatching(deps.db, request.query.query));
        const operators = await describeOperators(
          deps.db,
          rows.flatMap((row) => (row.operatorId ? [row.operatorId] : [])),
        );
        return {
          object: 'list' as const,
          has_more: false,
          data: rows.map((row) => ({
            id: row.id,
            object: 'line' as const,
            customer: row.customerId,
            phone: row.phone,
            nickname: row.nickname,
            operator: row.operatorId ? (operators.get(row.operatorId)?.operator.name ?? null) : null,
            removed: row.removedAt !== null,
            created_at: row.createdAt.toISOString(),
          })),
        };
      },
    );

    app.get(
      '/admin/provider',
      {
        config: { auth: 'staff', permission: 'orders.read' },
        schema: {
          tags,
          summary: 'The airtime provider: the operator’s float (balance) there and its recent readings',
          response: {
            200: z.object({
              object: z.literal('airtime_provider'),
              name: z.string().nullable(),
              alert_below: moneySchema,
              float: z.array(z.object({ balance: moneySchema, low: z.boolean(), at: timestampSchema })),
            }),
            ...errorResponses(401, 403),
          },
        },
      },
      async () => {
        const name = deps.provider?.name ?? null;
        const readings = name ? await floatReadingsOf(deps.db, name, 20) : [];
        return {
          object: 'airtime_provider' as const,
          name,
          alert_below: moneyView(deps.float.alertBelowMinor, 'USD'),
          float: readings.map((reading) => ({
            balance: moneyView(reading.amountMinor, reading.currency),
            low: reading.amountMinor < deps.float.alertBelowMinor,
            at: reading.at.toISOString(),
          })),
        };
      },
    );

    app.post(
      '/admin/provider/float-readings',
      {
        config: { auth: 'staff', permission: 'orders.read' },
        schema: {
          tags,
          summary:
            'Read the float at the provider now (staff are emailed when it falls below the alert level)',
          response: { 204: z.null(), ...errorResponses(401, 403, 503) },
        },
      },
      async (_request, reply) => {
        if (!deps.provider) throw noProvider();
        await readFloat(deps);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/admin/topup-products',
      {
        config: { auth: 'staff', permission: 'orders.read' },
        schema: {
          tags,
          summary: 'The top-up catalog as synced from the provider, with the operator’s markup and ETA',
          querystring: z.object({ country: z.string().length(2).optional() }).strict(),
          response: { 200: listOf(productSchema), ...errorResponses(401, 403) },
        },
      },
      async (request) => ({
        object: 'list' as const,
        data: (await listTopUpProducts(deps.db, { countryIso: request.query.country })).map((offer) =>
          productView(offer, request.locale),
        ),
        has_more: false,
      }),
    );

    app.patch(
      '/admin/topup-products/:id',
      {
        config: { auth: 'staff', permission: 'catalog.manage' },
        schema: {
          tags,
          summary: 'Set a product’s markup, delivery estimate, or take it off sale (audited)',
          params: idParams,
          body: z
            .object({
              markup_bps: z.number().int().min(0).max(5_000).optional(),
              eta_minutes: z.number().int().min(0).max(10_080).optional(),
              active: z.boolean().optional(),
            })
            .strict(),
          response: { 200: productSchema, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => {
        if (!isId('topUpProduct', request.params.id)) throw notFound('product', request.params.id);
        const offer = await deps.db.transaction(async (tx) => {
          const updated = await updateTopUpProduct(tx, request.params.id, {
            markupBps: request.body.markup_bps,
            etaMinutes: request.body.eta_minutes,
            active: request.body.active,
          });
          await recordAuditEvent(tx, deps.clock, requestContext(request), {
            action: 'topup_product.updated',
            actor: { type: 'staff', id: staffIdOf(request) },
            target: { type: 'topup_product', id: request.params.id },
            details: { ...request.body },
          });
          return updated;
        });
        return productView(offer, request.locale);
      },
    );

    app.post(
      '/admin/catalog/sync',
      {
        config: { auth: 'staff', permission: 'catalog.manage', localOperator: true },
        schema: {
          tags,
          summary: 'Pull the provider’s operators and denominations into the top-up catalog now (audited)',
          response: {
            200: z.object({
              object: z.literal('catalog_sync'),
              operators: z.number().int(),
              products: z.number().int(),
              delisted: z.number().int(),
            }),
            ...errorResponses(401, 403, 503),
          },
        },
      },
      async (request) => {
        if (!deps.provider) throw noProvider();
        const result = await syncTopUpCatalog({ ...deps, provider: deps.provider, settings: deps.catalog });
        await recordAuditEvent(deps.db, deps.clock, requestContext(request), {
          action: 'catalog.synced',
          actor: staffActor(request),
          target: { type: 'airtime_provider', id: deps.provider.name },
          details: { ...result },
        });
        return { object: 'catalog_sync' as const, ...result };
      },
    );

    app.get(
      '/admin/reconciliations',
      {
        config: { auth: 'staff', permission: 'reports.read' },
        schema: {
          tags,
          summary: 'Reconciliations against the provider’s transaction report, newest first',
          response: { 200: listOf(reconciliationSchema), ...errorResponses(401, 403) },
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
        if (!deps.provider) throw noProvider();
        const actor = staffActor(request);
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
