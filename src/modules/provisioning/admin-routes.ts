import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listEnvelopeSchema } from '../../kernel/pagination.js';
import { errorResponses, moneySchema, moneyView, timestampSchema } from '../../http/openapi.js';
import { AppError } from '../../kernel/errors.js';
import { isId } from '../../kernel/ids.js';
import { pickText, type Locale } from '../../kernel/i18n/index.js';
import { recordAuditEvent } from '../admin/service.js';
import { requestContext, staffIdOf } from '../identity/service.js';
import { notFound } from '../../kernel/errors.js';
import type { ProvisioningDeps } from './deliveries.js';
import { DELIVERY_STATUSES, type DeliveryRow } from './schema.js';
import {
  checkDeliveryNow,
  deliveryStory,
  floatReadingsOf,
  getDelivery,
  listDeliveries,
  maskPin,
  readFloat,
} from './service.js';

/**
 * The console's side of line top-ups: deliveries, hotline top-ups, the provider float (reconciliation is in
 * reconciliation-routes.ts). Several plugins, so that app.ts registers them in the order the API lists them.
 */

export type ProvisioningAdminDeps = ProvisioningDeps;

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

function accountCurrencyOf(row: DeliveryRow): string {
  return row.spec.amountIn === 'local' ? (row.result?.accountBalance?.currency ?? 'USD') : row.currency;
}

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
    // What the float paid, in the provider account's currency (USD), also for a face in the line's currency.
    cost: row.costMinor === null ? null : moneyView(row.costMinor, accountCurrencyOf(row)),
    provider_balance_after: balance ? moneyView(balance.afterMinor, balance.currency) : null,
    pin: row.result?.pin ? maskPin(row.result.pin.code) : null,
    created_at: row.createdAt.toISOString(),
    finished_at: row.finishedAt?.toISOString() ?? null,
  };
}

/** Line top-up deliveries: what is on its way, failed or retried, and every step of one. */
export function deliveryAdminRoutes(deps: ProvisioningDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const idParams = z.object({ id: z.string().max(100) });

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
          response: { 200: listEnvelopeSchema(deliverySchema), ...errorResponses(401, 403) },
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
  };
}

/** The provider float. */
export function provisioningAdminRoutes(deps: ProvisioningAdminDeps): FastifyPluginAsyncZod {
  return async (app) => {
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
        if (!deps.provider) throw new AppError('airtime_provider_unavailable');
        await readFloat(deps);
        return reply.code(204).send(null);
      },
    );
  };
}
