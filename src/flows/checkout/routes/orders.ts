import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../../http/openapi.js';
import { notFound } from '../../../kernel/errors.js';
import { isId } from '../../../kernel/ids.js';
import { pageQuerySchema, pageRequest } from '../../../kernel/pagination.js';
import { customerIdOf } from '../../../modules/identity/service.js';
import {
  getOrder,
  listOrders,
  orderTimeline,
  orderTimelines,
  ORDER_STATUSES,
  transitionOrder,
} from '../../../modules/orders/service.js';
import { paymentsOfOrder } from '../../../modules/payments/service.js';
import { assertQuoteOpen, getQuote } from '../../../modules/pricing/service.js';
import { deliveriesOfOrders, deliveryOfOrder } from '../../../modules/provisioning/service.js';
import { orderSchema, orderView } from '../../../read/order-view.js';
import type { Checkout } from '../deps.js';
import { orderFromQuote } from '../place-order.js';

/** Orders over HTTP: place one from a quote, read yours, cancel one you have not paid. */
export function ordersRoutes({ db, clock }: Pick<Checkout, 'db' | 'clock'>): FastifyPluginAsyncZod {
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
        return reply
          .code(201)
          .send(orderView(order, await orderTimeline(db, order.id), [], { locale: request.locale }));
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
