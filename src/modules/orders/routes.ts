import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/index.js';
import { errorResponses, moneySchema, moneyView, timestampSchema } from '../../http/openapi.js';
import type { Clock } from '../../kernel/clock.js';
import { notFound } from '../../kernel/errors.js';
import { isId } from '../../kernel/ids.js';
import { pageQuerySchema, pageRequest } from '../../kernel/pagination.js';
import { customerIdOf } from '../identity/service.js';
import { assertQuoteOpen, getQuote } from '../pricing/service.js';
import type { OrderRow, OrderTransitionRow } from './schema.js';
import { paymentsOfOrder, type PaymentRow } from '../payments/service.js';
import { paymentSchema, paymentView } from '../payments/views.js';
import { deliveriesOfOrders, deliveryOfOrder, type DeliveryRow } from '../provisioning/service.js';
import { pickText, type Locale, type LocalizedText } from '../../kernel/i18n/index.js';
import {
  orderFromQuote,
  getOrder,
  listOrders,
  orderTimeline,
  orderTimelines,
  ORDER_STATUSES,
  transitionOrder,
} from './service.js';

export const orderSchema = z
  .object({
    id: z.string().meta({ example: 'ord_01jz8x4e5qf0m8g4v3k2y1t9bc' }),
    object: z.literal('order'),
    status: z.enum(ORDER_STATUSES),
    product: z.string().meta({ description: '`wallet_credit` (a wallet top-up) or `line_topup`.' }),
    recipient: z
      .string()
      .nullable()
      .meta({ description: 'The number a line top-up goes to (E.164); null for a wallet top-up.' }),
    item_name: z.string().nullable().meta({ description: 'What a line top-up is, in your language.' }),
    delivery: z
      .object({
        status: z.enum(['queued', 'sending', 'processing', 'succeeded', 'failed']),
        eta_minutes: z
          .number()
          .int()
          .meta({ description: 'How long this channel usually takes; 0 = instant.' }),
        finished_at: timestampSchema.nullable(),
      })
      .nullable()
      .meta({
        description:
          'A line top-up’s way to the carrier, once paid. The line’s balance is not part of it: carriers do not ' +
          'report it through the airtime provider (check it with the carrier).',
      }),
    quote: z.string(),
    method: z.string(),
    total: moneySchema,
    charge: moneySchema,
    refunded: moneySchema,
    receipt_number: z.string().nullable(),
    created_at: timestampSchema,
    paid_at: timestampSchema.nullable(),
    expires_at: timestampSchema.meta({ description: 'Unpaid after this, the order expires.' }),
    payments: z
      .array(paymentSchema)
      .meta({ description: 'Every payment attempt, oldest first; the last one is the current one.' }),
    timeline: z.array(
      z.object({
        from: z.enum(ORDER_STATUSES).nullable(),
        to: z.enum(ORDER_STATUSES),
        cause: z.string(),
        at: timestampSchema,
      }),
    ),
  })
  .meta({ id: 'Order' });

type OrderView = z.infer<typeof orderSchema>;

export function orderView(
  row: OrderRow,
  timeline: OrderTransitionRow[],
  attempts: PaymentRow[] = [],
  extras: { delivery?: DeliveryRow | undefined; locale?: Locale } = {},
): OrderView {
  const name = row.delivery.name as LocalizedText | undefined;
  const delivery = extras.delivery;
  return {
    id: row.id,
    object: 'order',
    status: row.status as OrderView['status'],
    product: row.product,
    recipient: typeof row.delivery.phone === 'string' ? row.delivery.phone : null,
    item_name: name ? pickText(name, extras.locale ?? 'en') : null,
    delivery: delivery
      ? {
          status: delivery.status,
          eta_minutes: delivery.etaMinutes,
          finished_at: delivery.finishedAt?.toISOString() ?? null,
        }
      : null,
    quote: row.quoteId,
    method: row.method,
    total: moneyView(row.totalMinor, row.currency),
    charge: moneyView(row.chargeAmountMinor, row.chargeCurrency),
    refunded: moneyView(row.refundedMinor, row.chargeCurrency),
    receipt_number: row.receiptNumber,
    created_at: row.createdAt.toISOString(),
    paid_at: row.paidAt?.toISOString() ?? null,
    expires_at: row.expiresAt.toISOString(),
    payments: attempts.map(paymentView),
    timeline: timeline.map((step) => ({
      from: step.fromStatus as OrderView['status'] | null,
      to: step.toStatus as OrderView['status'],
      cause: step.cause,
      at: step.at.toISOString(),
    })),
  };
}

export function ordersRoutes({ db, clock }: { db: Db; clock: Clock }): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['Checkout'];
    const idParams = z.object({ id: z.string().max(100) });
    const own = async (customerId: string, id: string) => {
      if (!isId('order', id)) throw notFound('order', id);
      return getOrder(db, id, customerId);
    };

    app.post(
      '/orders',
      {
        config: { auth: 'customer', scope: 'orders:write', idempotent: true },
        schema: {
          tags,
          summary: 'Place an order from an open quote: its price is the quote’s, nothing else',
          body: z.object({ quote: z.string().max(100) }).strict(),
          response: { 201: orderSchema, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        const customerId = customerIdOf(request);
        if (!isId('quote', request.body.quote)) throw notFound('quote', request.body.quote, 'quote');
        const quote = await getQuote(db, customerId, request.body.quote);
        assertQuoteOpen(quote, clock.now());
        const order = await db.transaction((tx) => orderFromQuote(tx, clock, quote, customerId));
        return reply.code(201).send(orderView(order, await orderTimeline(db, order.id)));
      },
    );

    app.get(
      '/orders',
      {
        config: { auth: 'customer', scope: 'orders:read' },
        schema: {
          tags,
          summary: 'Your orders, newest first',
          querystring: pageQuerySchema.extend({ status: z.enum(ORDER_STATUSES).optional() }).strict(),
          response: {
            200: z.object({ object: z.literal('list'), data: z.array(orderSchema), has_more: z.boolean() }),
            ...errorResponses(400, 401),
          },
        },
      },
      async (request) => {
        const page = pageRequest('order', request.query);
        const result = await listOrders(db, {
          customerId: customerIdOf(request),
          status: request.query.status,
          limit: page.limit,
          startingAfter: page.startingAfter,
        });
        const timelines = await orderTimelines(
          db,
          result.data.map((row) => row.id),
        );
        const delivered = await deliveriesOfOrders(
          db,
          result.data.map((row) => row.id),
        );
        return {
          object: 'list' as const,
          has_more: result.hasMore,
          data: result.data.map((row) =>
            orderView(row, timelines.get(row.id) ?? [], [], {
              delivery: delivered.get(row.id),
              locale: request.locale,
            }),
          ),
        };
      },
    );

    app.get(
      '/orders/:id',
      {
        config: { auth: 'customer', scope: 'orders:read' },
        schema: {
          tags,
          summary: 'One of your orders with its timeline',
          params: idParams,
          response: { 200: orderSchema, ...errorResponses(401, 404) },
        },
      },
      async (request) => {
        const order = await own(customerIdOf(request), request.params.id);
        return orderView(order, await orderTimeline(db, order.id), await paymentsOfOrder({ db }, order.id), {
          delivery: await deliveryOfOrder(db, order.id),
          locale: request.locale,
        });
      },
    );

    app.post(
      '/orders/:id/cancel',
      {
        config: { auth: 'customer', scope: 'orders:write' },
        schema: {
          tags,
          summary: 'Cancel an order you have not paid',
          params: idParams,
          response: { 200: orderSchema, ...errorResponses(401, 404, 409) },
        },
      },
      async (request) => {
        const customerId = customerIdOf(request);
        const order = await own(customerId, request.params.id);
        const cancelled = await db.transaction((tx) =>
          transitionOrder(tx, clock, order.id, 'cancelled', {
            cause: 'customer_cancelled',
            actor: customerId,
          }),
        );
        return orderView(cancelled, await orderTimeline(db, order.id), [], { locale: request.locale });
      },
    );
  };
}
