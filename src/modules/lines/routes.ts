import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, moneySchema, moneyView, timestampSchema } from '../../http/openapi.js';
import { pickText, type Locale } from '../../kernel/i18n/index.js';
import { formatNational } from '../../kernel/phone.js';
import { customerIdOf } from '../identity/service.js';
import {
  airtimeOperators,
  describeOperators,
  offersForOperator,
  type OperatorDescription,
  type TopUpOffer,
} from '../catalog/service.js';
import { deliveriesTo, expiryOf, maskPin, type DeliveryRow } from '../provisioning/service.js';
import { priceOfFace } from '../provisioning/offers.js';
import {
  addLine,
  getLine,
  listLines,
  lookUpNumber,
  removeLine,
  updateLine,
  type LinesDeps,
} from './service.js';
import type { LineRow } from './schema.js';

const tags = ['Lines'];

const operatorSchema = z
  .object({
    id: z.string(),
    object: z.literal('operator'),
    name: z.string(),
    country: z.string(),
    carrier: z.object({ id: z.string(), slug: z.string(), name: z.string() }).nullable(),
  })
  .meta({ id: 'Operator' });

function operatorView(description: OperatorDescription, locale: Locale): z.infer<typeof operatorSchema> {
  const { operator, carrier } = description;
  return {
    id: operator.id,
    object: 'operator',
    name: operator.name,
    country: operator.countryIso,
    carrier: carrier ? { id: carrier.id, slug: carrier.slug, name: pickText(carrier.name, locale) } : null,
  };
}

const lineSchema = z
  .object({
    id: z.string().meta({ example: 'line_01jz8x4e5qf0m8g4v3k2y1t9bc' }),
    object: z.literal('line'),
    phone: z.string().meta({ description: 'E.164', example: '+14155550123' }),
    phone_national: z.string().meta({ example: '(415) 555-0123' }),
    country: z.string(),
    nickname: z.string().nullable(),
    operator: operatorSchema.nullable(),
    operator_source: z
      .enum(['detected', 'customer', 'unknown'])
      .meta({ description: 'Found by the provider’s lookup, chosen by you, or not known yet.' }),
    iccid: z.string().nullable(),
    device: z.string().nullable(),
    created_at: timestampSchema,
  })
  .meta({ id: 'Line' });

function lineView(row: LineRow, operators: Map<string, OperatorDescription>, locale: Locale) {
  const operator = row.operatorId ? operators.get(row.operatorId) : undefined;
  return {
    id: row.id,
    object: 'line' as const,
    phone: row.phone,
    phone_national: formatNational(row.phone),
    country: row.countryIso,
    nickname: row.nickname,
    operator: operator ? operatorView(operator, locale) : null,
    operator_source: row.operatorSource,
    iccid: row.iccid,
    device: row.device,
    created_at: row.createdAt.toISOString(),
  };
}

const offerSchema = z
  .object({
    id: z.string().meta({ example: 'prod_01jz8x4e5qf0m8g4v3k2y1t9bc' }),
    object: z.literal('offer'),
    kind: z.enum(['airtime', 'bundle', 'data', 'pin']).meta({
      description: '`airtime` balance top-up, `bundle` plan renewal, `data` add-on, `pin` refill card code',
    }),
    name: z.string(),
    operator: z.string(),
    face: moneySchema.nullable().meta({ description: 'What the line receives; null for a ranged top-up.' }),
    price: moneySchema
      .nullable()
      .meta({ description: 'What you pay before the method fee; null when ranged.' }),
    range: z
      .object({ minimum: moneySchema, maximum: moneySchema, markup_bps: z.number().int() })
      .nullable()
      .meta({ description: 'For a ranged top-up: any face amount between these; price = face + markup.' }),
    validity_days: z.number().int().nullable(),
    data_quota_mb: z.number().int().nullable(),
    unlimited_data: z.boolean(),
    plan: z.string().nullable().meta({ description: 'The catalog plan this renews, when known.' }),
    eta_minutes: z.number().int().meta({ description: 'How long delivery usually takes; 0 = instant.' }),
  })
  .meta({ id: 'Offer' });

function offerView({ product, operator }: TopUpOffer, locale: Locale): z.infer<typeof offerSchema> {
  const face = product.faceAmountMinor;
  return {
    id: product.id,
    object: 'offer',
    kind: product.kind,
    name: pickText(product.name, locale),
    operator: operator.id,
    face: face === null ? null : moneyView(face, product.currency),
    price: face === null ? null : moneyView(priceOfFace(face, product.markupBps), product.currency),
    range:
      face === null
        ? {
            minimum: moneyView(operator.minAmountMinor ?? 1, product.currency),
            maximum: moneyView(operator.maxAmountMinor ?? 1, product.currency),
            markup_bps: product.markupBps,
          }
        : null,
    validity_days: product.validityDays,
    data_quota_mb: product.dataQuotaMb,
    unlimited_data: product.unlimitedData,
    plan: product.planId,
    eta_minutes: product.etaMinutes,
  };
}

const historySchema = z.object({
  order: z.string(),
  product: z.string(),
  kind: z.string(),
  amount: moneySchema,
  status: z.enum(['queued', 'sending', 'processing', 'succeeded', 'failed']),
  pin: z.string().nullable().meta({ description: 'A refill PIN, masked: the receipt shows it whole.' }),
  eta_minutes: z.number().int(),
  created_at: timestampSchema,
  finished_at: timestampSchema.nullable(),
});

const summarySchema = z
  .object({
    object: z.literal('line_summary'),
    line: lineSchema,
    plan: z
      .object({
        name: z.string(),
        validity_days: z.number().int().nullable(),
        data_quota_mb: z.number().int().nullable(),
        unlimited_data: z.boolean(),
        renewed_at: timestampSchema,
        expires_at: timestampSchema.nullable(),
      })
      .nullable()
      .meta({ description: 'The plan last renewed through SimFill, and when it runs out.' }),
    balance: z
      .object({
        reported: z.boolean(),
        amount: moneySchema.nullable(),
        as_of: timestampSchema.nullable(),
      })
      .meta({
        description:
          'The line’s own balance, only where its carrier reports it (`reported: false` otherwise: the customer ' +
          'checks it with the carrier). Reloadly does not: its `balanceInfo` is SimFill’s account there.',
      }),
    data: z
      .object({
        reported: z.boolean(),
        used_mb: z.number().int().nullable(),
        remaining_mb: z.number().int().nullable(),
        as_of: timestampSchema.nullable(),
      })
      .meta({
        description: 'Data use, only where the line’s provider reports it (`reported: false` otherwise).',
      }),
    next_charge_at: timestampSchema.nullable(),
    in_progress: z.number().int().meta({ description: 'Top-ups paid and still on their way.' }),
    history: z.array(historySchema),
    actions: z
      .array(z.enum(['airtime', 'bundle', 'data', 'pin']))
      .meta({ description: 'What can be bought for this line now (充值 / 续费 / 加流量 / 卡密).' }),
  })
  .meta({ id: 'LineSummary' });

function historyView(row: DeliveryRow, locale: Locale): z.infer<typeof historySchema> {
  return {
    order: row.orderId,
    product: pickText(row.spec.name, locale),
    kind: row.kind,
    amount: moneyView(row.amountMinor, row.currency),
    status: row.status,
    pin: row.result?.pin ? maskPin(row.result.pin.code) : null,
    eta_minutes: row.etaMinutes,
    created_at: row.createdAt.toISOString(),
    finished_at: row.finishedAt?.toISOString() ?? null,
  };
}

export function linesRoutes(deps: LinesDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const idParams = z.object({ id: z.string().max(100) });
    const offersList = async (operatorId: string | undefined, locale: Locale) => {
      const offers = operatorId ? await offersForOperator(deps.db, operatorId) : [];
      const described = operatorId
        ? (await describeOperators(deps.db, [operatorId])).get(operatorId)
        : undefined;
      return {
        object: 'list' as const,
        data: offers.map((offer) => offerView(offer, locale)),
        has_more: false,
        operator: described ? operatorView(described, locale) : null,
      };
    };
    const views = async (rows: LineRow[], locale: Locale) => {
      const operators = await describeOperators(
        deps.db,
        rows.flatMap((row) => (row.operatorId ? [row.operatorId] : [])),
      );
      return rows.map((row) => lineView(row, operators, locale));
    };

    app.post(
      '/phone-numbers/lookup',
      {
        config: { auth: 'customer', scope: 'lines:read' },
        schema: {
          tags,
          summary: 'Check a number before adding or topping it up, and find its operator',
          body: z.object({ phone: z.string().max(40) }).strict(),
          response: {
            200: z.object({
              object: z.literal('phone_number'),
              phone: z.string(),
              phone_national: z.string(),
              country: z.string(),
              operator: operatorSchema.nullable().meta({ description: 'null: the provider could not tell.' }),
            }),
            ...errorResponses(400, 401),
          },
        },
      },
      async (request) => {
        const lookup = await lookUpNumber(deps, request.body.phone);
        const described = lookup.operator
          ? (await describeOperators(deps.db, [lookup.operator.id])).get(lookup.operator.id)
          : undefined;
        return {
          object: 'phone_number' as const,
          phone: lookup.number.e164,
          phone_national: lookup.number.national,
          country: lookup.number.countryIso,
          operator: described ? operatorView(described, request.locale) : null,
        };
      },
    );

    app.get(
      '/operators',
      {
        config: { auth: 'customer', scope: 'lines:read' },
        schema: {
          tags,
          summary: 'The operators of a country, to correct a line’s detected carrier',
          querystring: z.object({ country: z.string().length(2).default('US') }).strict(),
          response: {
            200: z.object({
              object: z.literal('list'),
              data: z.array(operatorSchema),
              has_more: z.boolean(),
            }),
            ...errorResponses(401),
          },
        },
      },
      async (request) => {
        const rows = await airtimeOperators(deps.db, request.query.country.toUpperCase());
        const described = await describeOperators(
          deps.db,
          rows.map((row) => row.id),
        );
        return {
          object: 'list' as const,
          data: rows.map((row) => operatorView(described.get(row.id)!, request.locale)),
          has_more: false,
        };
      },
    );

    app.get(
      '/lines',
      {
        config: { auth: 'customer', scope: 'lines:read' },
        schema: {
          tags,
          summary: 'Your lines (your SIM, a tablet, family members’ phones)',
          response: {
            200: z.object({ object: z.literal('list'), data: z.array(lineSchema), has_more: z.boolean() }),
            ...errorResponses(401),
          },
        },
      },
      async (request) => {
        const rows = await listLines(deps.db, customerIdOf(request));
        return { object: 'list' as const, data: await views(rows, request.locale), has_more: false };
      },
    );

    const lineFields = {
      nickname: z.string().max(100).nullable().optional(),
      operator: z
        .string()
        .max(100)
        .optional()
        .meta({ description: 'An operator id from GET /v1/operators.' }),
      iccid: z
        .string()
        .max(40)
        .nullable()
        .optional()
        .meta({ description: 'The 19–20 digits on the SIM card.' }),
      device: z.string().max(100).nullable().optional(),
    };

    app.post(
      '/lines',
      {
        config: { auth: 'customer', scope: 'lines:write', idempotent: true },
        schema: {
          tags,
          summary: 'Add a line: the number is checked and its operator looked up (or chosen by you)',
          body: z.object({ phone: z.string().max(40), ...lineFields }).strict(),
          response: { 201: lineSchema, ...errorResponses(400, 401, 403, 409) },
        },
      },
      async (request, reply) => {
        const row = await addLine(deps, customerIdOf(request), request.body);
        return reply.code(201).send((await views([row], request.locale))[0]!);
      },
    );

    app.get(
      '/lines/:id',
      {
        config: { auth: 'customer', scope: 'lines:read' },
        schema: {
          tags,
          summary: 'One of your lines',
          params: idParams,
          response: { 200: lineSchema, ...errorResponses(401, 404) },
        },
      },
      async (request) => {
        const row = await getLine(deps.db, customerIdOf(request), request.params.id);
        return (await views([row], request.locale))[0]!;
      },
    );

    app.patch(
      '/lines/:id',
      {
        config: { auth: 'customer', scope: 'lines:write' },
        schema: {
          tags,
          summary: 'Rename a line, correct its operator, add its ICCID or device',
          params: idParams,
          body: z.object(lineFields).strict(),
          response: { 200: lineSchema, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => {
        const row = await updateLine(deps, customerIdOf(request), request.params.id, request.body);
        return (await views([row], request.locale))[0]!;
      },
    );

    app.delete(
      '/lines/:id',
      {
        config: { auth: 'customer', scope: 'lines:write' },
        schema: {
          tags,
          summary: 'Take a line off your account (its orders and receipts stay)',
          params: idParams,
          response: { 204: z.null(), ...errorResponses(401, 403, 404) },
        },
      },
      async (request, reply) => {
        await removeLine(deps, customerIdOf(request), request.params.id);
        return reply.code(204).send(null);
      },
    );

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
            200: z.object({
              object: z.literal('list'),
              data: z.array(offerSchema),
              has_more: z.boolean(),
              operator: operatorSchema.nullable(),
            }),
            ...errorResponses(400, 401, 404),
          },
        },
      },
      async (request) => {
        const operatorId = await operatorFor(deps, customerIdOf(request), request.query);
        return offersList(operatorId, request.locale);
      },
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
            200: z.object({
              object: z.literal('list'),
              data: z.array(offerSchema),
              has_more: z.boolean(),
              operator: operatorSchema.nullable(),
            }),
            ...errorResponses(400, 401, 403, 404),
          },
        },
      },
      async (request) => {
        const { customer, ...query } = request.query;
        const operatorId = await operatorFor(deps, customer, query);
        return offersList(operatorId, request.locale);
      },
    );

    app.get(
      '/lines/:id/summary',
      {
        config: { auth: 'customer', scope: 'lines:read' },
        schema: {
          tags,
          summary: 'The personal centre of a line: plan, balance, expiry, data where reported, history',
          params: idParams,
          response: { 200: summarySchema, ...errorResponses(401, 404) },
        },
      },
      async (request) => {
        const customerId = customerIdOf(request);
        const line = await getLine(deps.db, customerId, request.params.id);
        const history = await deliveriesTo(deps.db, { customerId, recipient: line.phone, limit: 20 });
        const offers = line.operatorId ? await offersForOperator(deps.db, line.operatorId) : [];
        return summaryView((await views([line], request.locale))[0]!, history, offers, request.locale);
      },
    );
  };
}

async function operatorFor(
  deps: LinesDeps,
  customerId: string,
  query: { line?: string | undefined; phone?: string | undefined },
): Promise<string | undefined> {
  if (query.line) return (await getLine(deps.db, customerId, query.line)).operatorId ?? undefined;
  if (query.phone) return (await lookUpNumber(deps, query.phone)).operator?.id;
  return undefined;
}

function summaryView(
  view: z.infer<typeof lineSchema>,
  history: DeliveryRow[],
  offers: TopUpOffer[],
  locale: Locale,
): z.infer<typeof summarySchema> {
  const delivered = history.filter((row) => row.status === 'succeeded');
  const renewal = delivered.find((row) => row.kind === 'bundle');
  const expiry = renewal ? expiryOf(renewal) : undefined;
  return {
    object: 'line_summary',
    line: view,
    plan: renewal
      ? {
          name: pickText(renewal.spec.name, locale),
          validity_days: renewal.spec.validityDays,
          data_quota_mb: renewal.spec.dataQuotaMb,
          unlimited_data: renewal.spec.unlimitedData,
          renewed_at: renewal.finishedAt!.toISOString(),
          expires_at: expiry?.toISOString() ?? null,
        }
      : null,
    balance: { reported: false, amount: null, as_of: null },
    data: { reported: false, used_mb: null, remaining_mb: null, as_of: null },
    next_charge_at: expiry?.toISOString() ?? null,
    in_progress: history.filter((row) => ['queued', 'sending', 'processing'].includes(row.status)).length,
    history: history.map((row) => historyView(row, locale)),
    actions: [...new Set(offers.map((offer) => offer.product.kind))],
  };
}
