import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, moneySchema, moneyView } from '../../../http/openapi.js';
import { notFound } from '../../../kernel/errors.js';
import { isId } from '../../../kernel/ids.js';
import { customerIdOf } from '../../../modules/identity/service.js';
import { getQuote, PAYMENT_METHODS } from '../../../modules/pricing/service.js';
import { quoteSchema, quoteView } from './quote-view.js';
import { checkoutOptions, quoteOrder, type ProductChoice, type QuoteDeps } from '../quote.js';

/** The checkout's first step over HTTP: what a top-up can be, and quotes that lock a price. */

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
    product: z.string().max(100).meta({
      description: 'An offer id from GET /v1/offers (for a line: ?line=line_…, for any number: ?phone=…).',
    }),
    line: z.string().max(100).optional().meta({ description: 'One of your lines…' }),
    phone: z.string().max(40).optional().meta({ description: '…or any number in E.164 (a gift).' }),
    amount_minor: z
      .number()
      .int()
      .positive()
      .max(100_000_000)
      .optional()
      .meta({
        description:
          'For a ranged top-up: the face value the line should receive, in minor units of the offer’s currency ' +
          '(5000 = ¥50.00 for a CNY offer).',
      }),
    amount: z
      .string()
      .max(30)
      .optional()
      .meta({
        description:
          'Instead of `amount_minor`: the face value as typed, in major units ("50", "50.00"), with at most the ' +
          'currency’s decimals.',
        example: '50.00',
      }),
    currency: z
      .string()
      .max(3)
      .optional()
      .meta({
        description:
          'The currency of the amount; must be the offer’s (`range.minimum.currency`), else 400 ' +
          '`amount_currency_mismatch`.',
        example: 'CNY',
      }),
  })
  .strict();

const esimChoice = z
  .object({
    type: z.literal('esim'),
    plan: z.string().max(100).meta({
      description:
        'A catalog plan (GET /v1/plans) with `esim_purchasable: true`: a new eSIM of it (else 422 `plan_not_esim`).',
    }),
  })
  .strict();

const esimTopUpChoice = z
  .object({
    type: z.literal('esim_topup'),
    esim: z.string().max(100).meta({ description: 'One of your eSIMs (GET /v1/esims).' }),
    package: z
      .string()
      .max(200)
      .meta({
        description:
          'A `package_id` from GET /v1/esims/{id}/top-up-packages: more data on the same eSIM (else 422 ' +
          '`esim_package_not_available`).',
      }),
  })
  .strict();

function productChoiceOf(
  choice:
    | z.infer<typeof walletCreditChoice>
    | z.infer<typeof lineTopUpChoice>
    | z.infer<typeof esimChoice>
    | z.infer<typeof esimTopUpChoice>,
): ProductChoice {
  if (choice.type === 'esim') return { type: 'esim', plan: choice.plan };
  if (choice.type === 'esim_topup') return { type: 'esim_topup', esim: choice.esim, package: choice.package };
  if (choice.type === 'wallet_credit') {
    return { type: 'wallet_credit', amountMinor: choice.amount_minor, currency: choice.currency };
  }
  return {
    type: 'line_topup',
    product: choice.product,
    line: choice.line,
    phone: choice.phone,
    amountMinor: choice.amount_minor,
    amount: choice.amount,
    currency: choice.currency,
  };
}

export function quoteRoutes(deps: QuoteDeps): FastifyPluginAsyncZod {
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
        const options = await checkoutOptions(deps, customerIdOf(request));
        const { walletTopUp } = options;
        return {
          object: 'checkout_options' as const,
          wallet_top_up: {
            presets: walletTopUp.presetsMinor.map((amount) => moneyView(amount, 'USD')),
            minimum: moneyView(walletTopUp.minimumMinor, 'USD'),
            maximum: moneyView(walletTopUp.maximumMinor, 'USD'),
          },
          methods: options.methods.map((schedule) => ({
            method: schedule.method,
            fee_percent_bps: schedule.percentBps,
            fee_fixed: moneyView(schedule.fixedMinor, schedule.currency),
            charge_currency: schedule.chargeCurrency,
          })),
          first_top_up_fee_waived: options.firstTopUpFeeWaived,
          quote_lock_minutes: options.quoteLockMinutes,
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
          description:
            'A wallet top-up, a line top-up, a new eSIM of a plan (`esim`) or more data on one of your eSIMs ' +
            '(`esim_topup`).',
          body: z
            .object({
              product: z.discriminatedUnion('type', [
                walletCreditChoice,
                lineTopUpChoice,
                esimChoice,
                esimTopUpChoice,
              ]),
              method: z.enum(PAYMENT_METHODS),
            })
            .strict(),
          response: { 201: quoteSchema, ...errorResponses(400, 401, 403, 404, 409, 422, 503) },
        },
      },
      async (request, reply) => {
        const quote = await quoteOrder(deps, {
          customerId: customerIdOf(request),
          product: productChoiceOf(request.body.product),
          method: request.body.method,
        });
        return reply.code(201).send(quoteView(quote, deps.clock.now(), request.locale));
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
        const quote = await getQuote(deps.db, customerIdOf(request), request.params.id);
        return quoteView(quote, deps.clock.now(), request.locale);
      },
    );
  };
}
