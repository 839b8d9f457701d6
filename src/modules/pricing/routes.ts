import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/index.js';
import { errorResponses, moneySchema, moneyView, timestampSchema } from '../../http/openapi.js';
import type { Clock } from '../../kernel/clock.js';
import { isId } from '../../kernel/ids.js';
import { isRate } from '../../kernel/money.js';
import { notFound } from '../../kernel/errors.js';
import { recordAuditEvent } from '../admin/service.js';
import { customerIdOf, requestContext, staffIdOf } from '../identity/service.js';
import { hasPaidOrder } from '../orders/service.js';
import {
  createQuote,
  getQuote,
  listFxPairs,
  methodFeeSchedules,
  PAYMENT_METHODS,
  updateFxPair,
  type FxPairView,
  type PricingSettings,
  type QuoteProduct,
  type QuoteRow,
} from './service.js';
import { pickText, type Locale } from '../../kernel/i18n/index.js';
import type { LinesDeps } from '../lines/service.js';
import { priceLineTopUp } from '../provisioning/offers.js';

async function lineTopUpProduct(
  lines: LinesDeps,
  customerId: string,
  choice: z.infer<typeof lineTopUpChoice>,
): Promise<QuoteProduct> {
  const priced = await priceLineTopUp(lines, customerId, {
    product: choice.product,
    line: choice.line,
    phone: choice.phone,
    amountMinor: choice.amount_minor,
  });
  return {
    kind: 'line_topup',
    amountMinor: priced.priceMinor,
    currency: priced.currency,
    name: priced.name,
    delivery: { ...priced.delivery },
  };
}

export const quoteSchema = z
  .object({
    id: z.string().meta({ example: 'quo_01jz8x4e5qf0m8g4v3k2y1t9bc' }),
    object: z.literal('quote'),
    items: z.array(
      z.object({
        type: z.enum(['wallet_credit', 'line_topup']),
        amount: moneySchema,
        name: z.string().nullable().meta({ description: 'A line top-up’s product, in your language.' }),
        recipient: z.string().nullable().meta({ description: 'The number a line top-up goes to (E.164).' }),
        eta_minutes: z
          .number()
          .int()
          .nullable()
          .meta({ description: 'How long delivery usually takes after payment; 0 = instant.' }),
      }),
    ),
    method: z.enum(PAYMENT_METHODS),
    subtotal: moneySchema,
    discount: moneySchema,
    fee: moneySchema,
    fee_waived: moneySchema
      .nullable()
      .meta({ description: 'The method fee removed by the first top-up waiver, when it applied.' }),
    tax: moneySchema,
    total: moneySchema.meta({ description: 'What the order costs, in USD.' }),
    charge: moneySchema.meta({
      description: 'What the payment provider charges: the USD total, or CNY at the locked rate.',
    }),
    fx: z
      .object({
        base: z.string(),
        quote: z.string(),
        rate: z
          .string()
          .meta({ description: 'Units of quote currency per one unit of base, a decimal string.' }),
        source: z.enum(['feed', 'operator']),
        as_of: timestampSchema,
        locked: z
          .boolean()
          .meta({ description: 'True: the charge is in CNY at this rate until expires_at.' }),
      })
      .nullable(),
    estimate: moneySchema
      .nullable()
      .meta({ description: 'CNY equivalent of a USD charge: an estimate, the bank may use another rate.' }),
    rounding: z.literal('half_even'),
    expires_at: timestampSchema,
    expired: z.boolean(),
    created_at: timestampSchema,
  })
  .meta({ id: 'Quote' });

export function quoteView(row: QuoteRow, now: Date, locale: Locale): z.infer<typeof quoteSchema> {
  return {
    id: row.id,
    object: 'quote',
    items: row.items.map((item) => ({
      type: item.kind,
      amount: moneyView(item.amountMinor, item.currency),
      name: item.name ? pickText(item.name, locale) : null,
      recipient: typeof item.delivery?.phone === 'string' ? item.delivery.phone : null,
      eta_minutes: typeof item.delivery?.eta_minutes === 'number' ? item.delivery.eta_minutes : null,
    })),
    method: row.method as (typeof PAYMENT_METHODS)[number],
    subtotal: moneyView(row.subtotalMinor, row.currency),
    discount: moneyView(row.discountMinor, row.currency),
    fee: moneyView(row.feeMinor, row.currency),
    fee_waived: row.feeWaivedMinor > 0 ? moneyView(row.feeWaivedMinor, row.currency) : null,
    tax: moneyView(row.taxMinor, row.currency),
    total: moneyView(row.totalMinor, row.currency),
    charge: moneyView(row.chargeAmountMinor, row.chargeCurrency),
    fx:
      row.fxRate && row.fxSource && row.fxAsOf
        ? {
            base: 'USD',
            quote: 'CNY',
            rate: row.fxRate,
            source: row.fxSource as 'feed' | 'operator',
            as_of: row.fxAsOf.toISOString(),
            locked: row.fxLocked,
          }
        : null,
    estimate:
      row.estimateCurrency && row.estimateAmountMinor !== null
        ? moneyView(row.estimateAmountMinor, row.estimateCurrency)
        : null,
    rounding: 'half_even',
    expires_at: row.expiresAt.toISOString(),
    expired: now.getTime() >= row.expiresAt.getTime(),
    created_at: row.createdAt.toISOString(),
  };
}

const fxRateSchema = z.object({
  object: z.literal('fx_rate'),
  base: z.string(),
  quote: z.string(),
  rate: z.string(),
  source: z.enum(['feed', 'operator']),
  as_of: timestampSchema,
});

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
  /** Line top-ups: the airtime provider (operator lookup) and the countries SimFill sells in. */
  lines: LinesDeps;
}

const walletCreditChoice = z
  .object({
    type: z.literal('wallet_credit'),
    amount_minor: z.number().int().positive().max(100_000_000),
    currency: z.string().length(3).default('USD'),
  })
  .strict();

const lineTopUpChoice = z
  .object({
    type: z.literal('line_topup'),
    product: z.string().max(100).meta({ description: 'A product from GET /v1/lines/{id}/offers.' }),
    line: z.string().max(100).optional().meta({ description: 'One of your lines…' }),
    phone: z.string().max(40).optional().meta({ description: '…or any number in E.164 (a gift).' }),
    amount_minor: z
      .number()
      .int()
      .positive()
      .max(100_000_000)
      .optional()
      .meta({ description: 'For a ranged top-up: what the line should receive.' }),
  })
  .strict();

export function pricingRoutes({ db, clock, settings, lines }: PricingRouteOptions): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['Checkout'];

    app.get(
      '/checkout/options',
      {
        config: { auth: 'customer' },
        schema: {
          tags,
          summary: 'What a wallet top-up can be: amounts, methods and their fees, the first top-up waiver',
          response: {
            200: z.object({
              object: z.literal('checkout_options'),
              wallet_top_up: z.object({
                presets: z.array(moneySchema),
                minimum: moneySchema,
                maximum: moneySchema,
              }),
              methods: z.array(
                z.object({
                  method: z.enum(PAYMENT_METHODS),
                  fee_percent_bps: z.number().int(),
                  fee_fixed: moneySchema,
                  charge_currency: z.string(),
                }),
              ),
              first_top_up_fee_waived: z.boolean(),
              quote_lock_minutes: z.number().int(),
            }),
            ...errorResponses(401),
          },
        },
      },
      async (request) => {
        const presets = [1000, 2000, 5000, 10000].filter(
          (amount) => amount >= settings.walletTopUpMinMinor && amount <= settings.walletTopUpMaxMinor,
        );
        const schedules = await methodFeeSchedules(db);
        return {
          object: 'checkout_options' as const,
          wallet_top_up: {
            presets: presets.map((amount) => moneyView(amount, 'USD')),
            minimum: moneyView(settings.walletTopUpMinMinor, 'USD'),
            maximum: moneyView(settings.walletTopUpMaxMinor, 'USD'),
          },
          methods: schedules
            .filter((schedule) => schedule.method !== 'wallet')
            .map((schedule) => ({
              method: schedule.method,
              fee_percent_bps: schedule.percentBps,
              fee_fixed: moneyView(schedule.fixedMinor, schedule.currency),
              charge_currency: schedule.chargeCurrency,
            })),
          first_top_up_fee_waived: !(await hasPaidOrder(db, customerIdOf(request))),
          quote_lock_minutes: settings.quoteLockMinutes,
        };
      },
    );

    app.post(
      '/quotes',
      {
        config: { auth: 'customer', scope: 'orders:write', idempotent: true },
        schema: {
          tags,
          summary: 'Price a purchase and lock it (and its CNY rate for Alipay / WeChat Pay) for a while',
          body: z
            .object({
              product: z.discriminatedUnion('type', [walletCreditChoice, lineTopUpChoice]),
              method: z.enum(PAYMENT_METHODS),
            })
            .strict(),
          response: { 201: quoteSchema, ...errorResponses(400, 401, 403, 404, 409, 503) },
        },
      },
      async (request, reply) => {
        const customerId = customerIdOf(request);
        const choice = request.body.product;
        const product: QuoteProduct =
          choice.type === 'wallet_credit'
            ? { kind: 'wallet_credit', amountMinor: choice.amount_minor, currency: choice.currency }
            : await lineTopUpProduct(lines, customerId, choice);
        const quote = await createQuote(db, clock, settings, {
          customerId,
          product,
          method: request.body.method,
          firstTopUp: !(await hasPaidOrder(db, customerId)),
        });
        return reply.code(201).send(quoteView(quote, clock.now(), request.locale));
      },
    );

    app.get(
      '/quotes/:id',
      {
        config: { auth: 'customer', scope: 'orders:read' },
        schema: {
          tags,
          summary: 'A quote of yours, with whether it has expired',
          params: z.object({ id: z.string().max(100) }),
          response: { 200: quoteSchema, ...errorResponses(401, 404) },
        },
      },
      async (request) => {
        if (!isId('quote', request.params.id)) throw notFound('quote', request.params.id);
        const quote = await getQuote(db, customerIdOf(request), request.params.id);
        return quoteView(quote, clock.now(), request.locale);
      },
    );

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
