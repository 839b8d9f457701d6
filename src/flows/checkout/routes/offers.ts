import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listEnvelopeSchema } from '../../../kernel/pagination.js';
import { errorResponses, moneySchema, moneyView, timestampSchema } from '../../../http/openapi.js';
import type { Money } from '../../../kernel/money.js';
import { pickText, type Locale } from '../../../kernel/i18n/index.js';
import type { TopUpOffer } from '../../../modules/catalog/service.js';
import { customerIdOf } from '../../../modules/identity/service.js';
import { operatorSchema, operatorView, type LinesDeps } from '../../../modules/lines/service.js';
import { faceRange, offersFor, priceOfFace, type OffersForRecipient } from '../offers.js';

const moneyOf = (amount: Money) => moneyView(amount.amountMinor, amount.currency);

/** What can be bought for a line or any number, priced as a quote will price it (portal and hotline). */

const offerSchema = z
  .object({
    id: z.string().meta({ example: 'prod_01jz8x4e5qf0m8g4v3k2y1t9bc' }),
    object: z.literal('offer'),
    kind: z.enum(['airtime', 'bundle', 'data', 'pin']).meta({
      description: '`airtime` balance top-up, `bundle` plan renewal, `data` add-on, `pin` refill card code',
    }),
    name: z.string(),
    operator: z.string(),
    face: moneySchema.nullable().meta({
      description:
        'What the line receives, in the currency the offer is stated in (CNY for China Mobile); null for a ' +
        'ranged top-up.',
    }),
    price: moneySchema
      .nullable()
      .meta({ description: 'What you pay before the method fee, in USD; null when ranged.' }),
    range: z
      .object({ minimum: moneySchema, maximum: moneySchema, markup_bps: z.number().int() })
      .nullable()
      .meta({
        description:
          'For a ranged top-up: any face value between these, in the offer’s currency; price = face (at `fx` ' +
          'when not USD) + markup.',
      }),
    fx: z
      .object({
        base: z.string(),
        quote: z.string(),
        rate: z.string().meta({ description: 'The provider’s rate: units of `quote` per one `base`.' }),
        as_of: timestampSchema,
      })
      .nullable()
      .meta({
        description:
          'An offer stated in the line’s currency: the rate its USD price is made from (face ÷ rate, rounded ' +
          'half to even to the cent, then the markup). Null for a USD offer.',
      }),
    validity_days: z.number().int().nullable(),
    data_quota_mb: z.number().int().nullable(),
    unlimited_data: z.boolean(),
    plan: z.string().nullable().meta({ description: 'The catalog plan this renews, when known.' }),
    eta_minutes: z.number().int().meta({ description: 'How long delivery usually takes; 0 = instant.' }),
  })
  .meta({ id: 'Offer' });

function offerView(offer: TopUpOffer, locale: Locale): z.infer<typeof offerSchema> {
  const { product, operator } = offer;
  const face = product.faceAmountMinor;
  const range = faceRange(offer);
  const stated = product.currency !== operator.currency && operator.fxRate;
  return {
    id: product.id,
    object: 'offer',
    kind: product.kind,
    name: pickText(product.name, locale),
    operator: operator.id,
    face: face === null ? null : moneyView(face, product.currency),
    price: face === null ? null : moneyOf(priceOfFace(offer, face).price),
    range:
      face === null
        ? {
            minimum: moneyView(range.minimumMinor, product.currency),
            maximum: moneyView(range.maximumMinor, product.currency),
            markup_bps: product.markupBps,
          }
        : null,
    fx: stated
      ? {
          base: operator.currency,
          quote: product.currency,
          rate: stated,
          as_of: operator.syncedAt.toISOString(),
        }
      : null,
    validity_days: product.validityDays,
    data_quota_mb: product.dataQuotaMb,
    unlimited_data: product.unlimitedData,
    plan: product.planId,
    eta_minutes: product.etaMinutes,
  };
}

function offersList({ offers, operator }: OffersForRecipient, locale: Locale) {
  return {
    object: 'list' as const,
    data: offers.map((offer) => offerView(offer, locale)),
    has_more: false,
    operator: operator ? operatorView(operator, locale) : null,
  };
}

/** The offers for one recipient, and the operator they were found for. */
const offersListSchema = listEnvelopeSchema(offerSchema).extend({ operator: operatorSchema.nullable() });

export function offerRoutes(deps: LinesDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['Lines'];

    app.get(
      '/offers',
      {
        config: { auth: 'customer', scope: 'lines:read' },
        schema: {
          tags,
          summary: 'What can be bought for a line or any number: top-ups, plan renewals, data, PINs',
          querystring: z
            .object({ line: z.string().max(100).optional(), phone: z.string().max(40).optional() })
            .strict(),
          response: {
            200: offersListSchema,
            ...errorResponses(400, 401, 404),
          },
        },
      },
      async (request) =>
        offersList(await offersFor(deps, customerIdOf(request), request.query), request.locale),
    );

    app.get(
      '/admin/offers',
      {
        config: { auth: 'staff', permission: 'topups.assist' },
        schema: {
          tags: ['Console'],
          summary:
            'What the hotline can place for a customer: the offers for one of their lines or any number, ' +
            'priced as the portal prices them',
          querystring: z
            .object({
              customer: z.string().max(100),
              line: z.string().max(100).optional(),
              phone: z.string().max(40).optional(),
            })
            .strict(),
          response: {
            200: offersListSchema,
            ...errorResponses(400, 401, 403, 404),
          },
        },
      },
      async (request) => {
        const { customer, ...recipient } = request.query;
        return offersList(await offersFor(deps, customer, recipient), request.locale);
      },
    );
  };
}
