import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/index.js';
import { errorResponses, moneySchema, moneyView, timestampSchema } from '../../http/openapi.js';
import type { Clock } from '../../kernel/clock.js';
import { isRate } from '../../kernel/money.js';
import { recordAuditEvent } from '../admin/service.js';
import { requestContext, staffIdOf } from '../identity/service.js';
import {
  listFxPairs,
  methodFeeSchedules,
  PAYMENT_METHODS,
  updateFxPair,
  type FxPairView,
  type PricingSettings,
} from './service.js';

/** Pricing's own HTTP surface: the FX rates quotes use, and the console's pricing of each currency pair. */

const fxRateSchema = z.object({
  object: z.literal('fx_rate'),
  base: z.string(),
  quote: z.string(),
  rate: z.string(),
  source: z.enum(['feed', 'operator']),
  as_of: timestampSchema,
});

const methodFeeSchema = z
  .object({
    object: z.literal('method_fee'),
    method: z.enum(PAYMENT_METHODS),
    fee_percent_bps: z.number().int().meta({ description: 'Of the discounted subtotal, in basis points.' }),
    fee_fixed: moneySchema,
    charge_currency: z
      .enum(['USD', 'CNY'])
      .meta({ description: 'CNY: charged in CNY at a rate the quote locks; USD: charged in USD.' }),
  })
  .meta({ id: 'MethodFee' });

const fxPairSchema = z.object({
  object: z.literal('fx_pair'),
  id: z.string().meta({ example: 'USD-CNY' }),
  base: z.string(),
  quote: z.string(),
  mode: z.enum(['feed', 'operator']),
  markup_bps: z.number().int(),
  updated_at: timestampSchema,
  updated_by: z.string().nullable(),
  latest_feed: z.object({ rate: z.string(), source_name: z.string(), as_of: timestampSchema }).nullable(),
  latest_operator: z.object({ rate: z.string(), set_by: z.string(), as_of: timestampSchema }).nullable(),
  effective: fxRateSchema.nullable(),
});

function fxPairView(pair: FxPairView): z.infer<typeof fxPairSchema> {
  return {
    object: 'fx_pair',
    id: `${pair.base}-${pair.quote}`,
    base: pair.base,
    quote: pair.quote,
    mode: pair.mode,
    markup_bps: pair.markupBps,
    updated_at: pair.updatedAt.toISOString(),
    updated_by: pair.updatedBy,
    latest_feed: pair.latestFeed
      ? {
          rate: pair.latestFeed.rate,
          source_name: pair.latestFeed.sourceName,
          as_of: pair.latestFeed.asOf.toISOString(),
        }
      : null,
    latest_operator: pair.latestOperator
      ? {
          rate: pair.latestOperator.rate,
          set_by: pair.latestOperator.sourceName,
          as_of: pair.latestOperator.asOf.toISOString(),
        }
      : null,
    effective: pair.effective
      ? {
          object: 'fx_rate',
          base: pair.base,
          quote: pair.quote,
          rate: pair.effective.rate,
          source: pair.effective.source,
          as_of: pair.effective.asOf.toISOString(),
        }
      : null,
  };
}

export interface PricingRouteOptions {
  db: Db;
  clock: Clock;
  settings: PricingSettings;
}

export function pricingRoutes({ db, clock, settings }: PricingRouteOptions): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['Checkout'];

    app.get(
      '/fx-rates',
      {
        schema: {
          tags,
          summary: 'The exchange rates quotes use now, with their source and time',
          response: {
            200: z.object({
              object: z.literal('list'),
              data: z.array(fxRateSchema),
              has_more: z.literal(false),
            }),
          },
        },
      },
      async () => {
        const pairs = await listFxPairs(db, clock, settings.fxRateMaxAgeMs);
        return {
          object: 'list' as const,
          has_more: false as const,
          data: pairs.flatMap((pair) => {
            const view = fxPairView(pair).effective;
            return view ? [view] : [];
          }),
        };
      },
    );

    app.get(
      '/method-fees',
      {
        schema: {
          tags,
          summary: "Each payment method's fee, the rule a quote applies on top of the price (public)",
          description:
            "A customer's first paid order pays no method fee (GET /v1/checkout/options says whether it applies).",
          response: {
            200: z.object({
              object: z.literal('list'),
              data: z.array(methodFeeSchema),
              has_more: z.literal(false),
            }),
          },
        },
      },
      async () => ({
        object: 'list' as const,
        has_more: false as const,
        data: (await methodFeeSchedules(db)).map((schedule) => ({
          object: 'method_fee' as const,
          method: schedule.method,
          fee_percent_bps: schedule.percentBps,
          fee_fixed: moneyView(schedule.fixedMinor, schedule.currency),
          charge_currency: schedule.chargeCurrency,
        })),
      }),
    );

    app.get(
      '/fx-pairs',
      {
        config: { auth: 'staff', permission: 'orders.read' },
        schema: {
          tags: ['Console'],
          summary: 'Currency pairs: how each is priced, the latest feed and operator rates',
          response: {
            200: z.object({
              object: z.literal('list'),
              data: z.array(fxPairSchema),
              has_more: z.literal(false),
            }),
            ...errorResponses(401, 403),
          },
        },
      },
      async () => ({
        object: 'list' as const,
        has_more: false as const,
        data: (await listFxPairs(db, clock, settings.fxRateMaxAgeMs)).map(fxPairView),
      }),
    );

    app.patch(
      '/fx-pairs/:id',
      {
        config: { auth: 'staff', permission: 'fx.manage' },
        schema: {
          tags: ['Console'],
          summary: "Price a pair from the feed plus a markup, or at the operator's own rate (audited)",
          params: z.object({ id: z.string().regex(/^[A-Z]{3}-[A-Z]{3}$/) }),
          body: z
            .object({
              mode: z.enum(['feed', 'operator']),
              markup_bps: z.number().int().min(0).max(2_000),
              rate: z.string().max(30).refine(isRate, 'must be a positive decimal such as 7.2345').optional(),
            })
            .strict(),
          response: { 200: fxPairSchema, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => {
        const [base, quote] = request.params.id.split('-') as [string, string];
        const staffId = staffIdOf(request);
        await db.transaction(async (tx) => {
          await updateFxPair(tx, clock, {
            base,
            quote,
            staffId,
            mode: request.body.mode,
            markupBps: request.body.markup_bps,
            rate: request.body.rate,
          });
          await recordAuditEvent(tx, clock, requestContext(request), {
            action: 'fx_pair.updated',
            actor: { type: 'staff', id: staffId },
            target: { type: 'fx_pair', id: request.params.id },
            details: {
              mode: request.body.mode,
              markup_bps: request.body.markup_bps,
              rate: request.body.rate ?? null,
            },
          });
        });
        const pair = (await listFxPairs(db, clock, settings.fxRateMaxAgeMs)).find(
          (candidate) => candidate.base === base && candidate.quote === quote,
        );
        return fxPairView(pair!);
      },
    );
  };
}
