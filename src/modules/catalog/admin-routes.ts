import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listEnvelopeSchema } from '../../kernel/pagination.js';
import type { Db } from '../../db/index.js';
import { errorResponses, moneySchema, moneyView, timestampSchema } from '../../http/openapi.js';
import type { Clock } from '../../kernel/clock.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { isId } from '../../kernel/ids.js';
import { pickText, type Locale } from '../../kernel/i18n/index.js';
import type { AirtimeProvider } from '../../ports/airtime.js';
import { recordAuditEvent } from '../admin/service.js';
import { auditActorOf, requestContext, staffIdOf } from '../identity/service.js';
import {
  listTopUpProducts,
  syncTopUpCatalog,
  updateTopUpProduct,
  type TopUpCatalogSettings,
  type TopUpOffer,
} from './service.js';

/** The console's side of the top-up catalog: products with the operator's markup and ETA, the provider sync. */

export interface CatalogAdminDeps {
  db: Db;
  clock: Clock;
  /** Undefined when no airtime provider is configured: there is nothing to sync from. */
  provider: AirtimeProvider | undefined;
  settings: TopUpCatalogSettings;
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

export function catalogAdminRoutes(deps: CatalogAdminDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['Console'];
    const idParams = z.object({ id: z.string().max(100) });

    app.get(
      '/admin/topup-products',
      {
        config: { auth: 'staff', permission: 'orders.read' },
        schema: {
          tags,
          summary: 'The top-up catalog as synced from the provider, with the operator’s markup and ETA',
          querystring: z.object({ country: z.string().length(2).optional() }).strict(),
          response: { 200: listEnvelopeSchema(productSchema), ...errorResponses(401, 403) },
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
        if (!deps.provider) throw new AppError('airtime_provider_unavailable');
        const result = await syncTopUpCatalog({ ...deps, provider: deps.provider });
        await recordAuditEvent(deps.db, deps.clock, requestContext(request), {
          action: 'catalog.synced',
          actor: auditActorOf(request),
          target: { type: 'airtime_provider', id: deps.provider.name },
          details: { ...result },
        });
        return { object: 'catalog_sync' as const, ...result };
      },
    );
  };
}
