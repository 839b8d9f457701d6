import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../../http/openapi.js';
import { AppError, notFound } from '../../../kernel/errors.js';
import { isId } from '../../../kernel/ids.js';
import { pageQuerySchema, pageRequest } from '../../../kernel/pagination.js';
import { customerIdOf } from '../../../modules/identity/service.js';
import {
  getOrder,
  listOrders,
  lockOrder,
  orderTimeline,
  orderTimelines,
  ORDER_STATUSES,
  transitionOrder,
} from '../../../modules/orders/service.js';
import { esimOrderOfOrder, esimOrdersOfOrders } from '../../../modules/esim/service.js';
import { paymentsOfOrder } from '../../../modules/payments/service.js';
import { assertQuoteOpen, getQuote } from '../../../modules/pricing/service.js';
import {
  deliveriesOfOrders,
  deliveryOfOrder,
  progressOfDeliveries,
  type DeliveryRow,
} from '../../../modules/provisioning/service.js';
import { orderSchema, orderView } from '../../../read/order-view.js';
import { refillPinOf, refillPinSchema } from '../../../read/refill-pin.js';
import type { Checkout } from '../deps.js';
import { orderFromQuote } from '../place-order.js';

/**
 * Orders over HTTP: place one from a quote, read yours (with where its delivery stands), reveal a delivered
 * refill PIN, cancel one you have not paid.
 */
export function ordersRoutes({
  db,
  clock,
  provisioning,
}: Pick<Checkout, 'db' | 'clock' | 'provisioning'>): FastifyPluginAsyncZod {
  return async (app) => {
    const progressOf = (rows: DeliveryRow[]) =>
      progressOfDeliveries(db, provisioning.settings, rows, clock.now());
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
          description:
            'Orders that expired unpaid (a price looked at and never paid) are left out unless asked for with ' +
            '`status=expired`. A refill PIN is masked here; `GET /v1/orders/{id}/pin` reveals it.',
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
          withoutAbandoned: request.query.status === undefined,
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
        const progress = await progressOf([...delivered.values()]);
        const esims = await esimOrdersOfOrders(
          db,
          result.data.map((row) => row.id),
        );
        return {
          object: 'list' as const,
          has_more: result.hasMore,
          data: result.data.map((row) =>
            orderView(row, timelines.get(row.id) ?? [], [], {
              delivery: delivered.get(row.id),
              progress: progress.get(delivered.get(row.id)?.id ?? ''),
              locale: request.locale,
              esim: esims.get(row.id)?.profileId,
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
        const delivery = await deliveryOfOrder(db, order.id);
        const progress = delivery ? (await progressOf([delivery])).get(delivery.id) : undefined;
        return orderView(order, await orderTimeline(db, order.id), await paymentsOfOrder({ db }, order.id), {
          delivery,
          progress,
          locale: request.locale,
          esim: (await esimOrderOfOrder(db, order.id))?.profileId,
        });
      },
    );

    app.get(
      '/orders/:id/pin',
      {
        config: { auth: 'customer', scope: 'orders:read' },
        schema: {
          tags,
          summary: 'Reveal the refill PIN of one of your delivered orders, with how to redeem it',
          description:
            'The whole PIN, only for the order’s owner (404 for anyone else, and before it is delivered), never ' +
            'cached (`Cache-Control: no-store`). Redemption steps are in your language; `carrier_note` is the ' +
            'carrier’s own text as the provider gave it.',
          params: idParams,
          response: { 200: refillPinSchema, ...errorResponses(401, 404) },
        },
      },
      async (request) =>
        refillPinOf(db, {
          customerId: customerIdOf(request),
          orderId: request.params.id,
          locale: request.locale,
        }),
    );

    app.post(
      '/orders/:id/cancel',
      {
        config: { auth: 'customer', scope: 'orders:write', idempotent: true },
        schema: {
          tags,
          summary: 'Cancel an order you have not paid',
          description:
            'Only while it waits for payment; cancelling a cancelled order answers it as it is. Once paid (or ' +
            'expired) the answer is 409 `order_not_cancellable`: a paid top-up that cannot be delivered is ' +
            'refunded automatically. Send an Idempotency-Key.',
          params: idParams,
          response: { 200: orderSchema, ...errorResponses(401, 404, 409) },
        },
      },
      async (request) => {
        const customerId = customerIdOf(request);
        const order = await own(customerId, request.params.id);
        const cancelled = await db.transaction(async (tx) => {
          const current = await lockOrder(tx, order.id);
          if (current.status === 'cancelled') return current;
          if (current.status !== 'awaiting_payment') {
            throw new AppError('order_not_cancellable', { values: { status: current.status } });
          }
          return transitionOrder(tx, clock, current, 'cancelled', {
            cause: 'customer_cancelled',
            actor: customerId,
          });
        });
        return orderView(cancelled, await orderTimeline(db, order.id), [], { locale: request.locale });
      },
    );
  };
}
