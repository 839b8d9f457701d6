import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, sendBytes } from '../../http/openapi.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { isId } from '../../kernel/ids.js';
import { pickText } from '../../kernel/i18n/index.js';
import { pageQuerySchema } from '../../kernel/pagination.js';
import {
  canTopUp,
  EsimSourceError,
  esimSchema,
  esimView,
  getProfile,
  installQr,
  listProfiles,
  packagesOfProfile,
  refreshUsage,
  topUpPackageSchema,
  topUpPackageView,
  type EsimDeps,
  type ProfileRow,
  type QrFormat,
} from '../../modules/esim/service.js';
import { customerIdOf } from '../../modules/identity/service.js';
import { esimTopUpNames } from '../product-names.js';

/**
 * The customer's eSIMs over HTTP: the list, one with its install paths, packages and data left (read from the
 * provider when the stored reading is older than a minute), its install QR code (PNG, SVG; cached, ETag), and
 * the top-ups it accepts, priced.
 */

const params = z.object({ id: z.string().max(100) });

export function esimProfileRoutes(deps: EsimDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['eSIMs'];
    const mine = async (customerId: string, id: string): Promise<ProfileRow> => {
      if (!isId('esim', id)) throw notFound('esim', id);
      return getProfile(deps.db, customerId, id);
    };
    const viewOf = async (profile: ProfileRow, locale: Parameters<typeof esimView>[2]) =>
      esimView(
        profile,
        await packagesOfProfile(deps.db, profile.id),
        locale,
        canTopUp(profile, deps.sources[profile.source] !== undefined),
      );

    app.get(
      '/esims',
      {
        config: { auth: 'customer', scope: 'lines:read' },
        schema: {
          tags,
          summary: 'Your eSIMs, newest first',
          querystring: pageQuerySchema,
          response: {
            200: z.object({ object: z.literal('list'), data: z.array(esimSchema), has_more: z.boolean() }),
            ...errorResponses(400, 401, 404),
          },
        },
      },
      async (request) => {
        const page = await listProfiles(deps.db, customerIdOf(request), {
          limit: request.query.limit,
          startingAfter: request.query.starting_after,
        });
        const data = [];
        for (const row of page.rows) data.push(await viewOf(row, request.locale));
        return { object: 'list' as const, data, has_more: page.hasMore };
      },
    );

    app.get(
      '/esims/:id',
      {
        config: { auth: 'customer', scope: 'lines:read' },
        schema: {
          tags,
          summary: 'One of your eSIMs: how to install it, its packages and the data left',
          description:
            'The data left is the provider’s reading (`usage.observed_at`), read again when older than about a ' +
            'minute; the provider’s status also moves `install_state` (in use → `enabled`).',
          params,
          response: { 200: esimSchema, ...errorResponses(401, 404) },
        },
      },
      async (request) => {
        const profile = await mine(customerIdOf(request), request.params.id);
        const fresh = await refreshUsage(
          {
            db: deps.db,
            clock: deps.clock,
            sources: deps.sources,
            usageMaxAgeMs: deps.settings.usageMaxAgeMs,
          },
          profile,
        );
        return viewOf(fresh, request.locale);
      },
    );

    for (const format of ['png', 'svg'] as const satisfies readonly QrFormat[]) {
      app.get(
        `/esims/:id/qr.${format}`,
        {
          config: { auth: 'customer', scope: 'lines:read' },
          schema: {
            tags,
            summary: `The install QR code of one of your eSIMs (${format.toUpperCase()})`,
            description:
              'Decodes to `install.activation_code`. Strong ETag: send `If-None-Match` to get 304. ' +
              '`Cache-Control: private`.',
            params,
            response: {
              200: {
                description: 'The QR code',
                content: {
                  [format === 'png' ? 'image/png' : 'image/svg+xml']: {
                    schema: z.string().meta({ format: 'binary' }),
                  },
                },
              },
              ...errorResponses(401, 404),
            },
          },
        },
        async (request, reply) => {
          const profile = await mine(customerIdOf(request), request.params.id);
          const qr = await installQr(profile.activationCode, format);
          void reply.header('etag', qr.etag).header('cache-control', 'private, max-age=86400');
          if (request.headers['if-none-match'] === qr.etag) {
            void (reply as unknown as FastifyReply).code(304).send();
            return reply;
          }
          return sendBytes(reply, qr.contentType, qr.body);
        },
      );
    }

    app.get(
      '/esims/:id/top-up-packages',
      {
        config: { auth: 'customer', scope: 'lines:read' },
        schema: {
          tags,
          summary: 'The top-ups this eSIM accepts (its provider’s, for this eSIM only), with your price',
          params,
          response: {
            200: z.object({
              object: z.literal('list'),
              data: z.array(topUpPackageSchema),
              has_more: z.literal(false),
            }),
            ...errorResponses(401, 404, 503),
          },
        },
      },
      async (request) => {
        const profile = await mine(customerIdOf(request), request.params.id);
        const source = deps.sources[profile.source];
        if (!source || !canTopUp(profile, true)) {
          return { object: 'list' as const, data: [], has_more: false as const };
        }
        let packages;
        try {
          packages = await source.topUpPackages(profile);
        } catch (error) {
          if (error instanceof EsimSourceError) {
            throw new AppError('esim_source_unavailable', { headers: { 'retry-after': '30' } });
          }
          throw error;
        }
        return {
          object: 'list' as const,
          has_more: false as const,
          data: packages.map((pkg) =>
            topUpPackageView(
              pkg,
              pickText(
                esimTopUpNames({
                  data_mb: pkg.unlimited ? null : (pkg.dataMb ?? null),
                  unlimited: pkg.unlimited,
                  validity_days: pkg.validityDays,
                }),
                request.locale,
              ),
            ),
          ),
        };
      },
    );
  };
}
