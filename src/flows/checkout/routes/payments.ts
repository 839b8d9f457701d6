import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../../http/openapi.js';
import { notFound } from '../../../kernel/errors.js';
import { isId } from '../../../kernel/ids.js';
import {
  customerContact,
  customerIdOf,
  requestContext,
  staffIdOf,
} from '../../../modules/identity/service.js';
import { getOrder } from '../../../modules/orders/service.js';
import { paymentSchema, paymentView, refundSchema, refundView } from '../../../modules/payments/service.js';
import type { Checkout } from '../deps.js';
import { startPayment } from '../pay.js';
import { refundOrder } from '../refunds.js';

/** Paying an order over HTTP (the customer). */
export function payRoutes(checkout: Checkout): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['Checkout'];

    app.post(
      '/orders/:id/payments',
      {
        config: { auth: 'customer', scope: 'orders:write', idempotent: true },
        schema: {
          tags,
          summary: 'Pay an order: starts one attempt with the quote’s method (or returns the one in flight)',
          description:
            'Send an Idempotency-Key. While an attempt is in flight the same attempt comes back, so a double ' +
            'click reaches the provider once. If the same amount was paid moments ago, the answer is 409 ' +
            '`possible_duplicate_payment` until `confirm_duplicate` is true.',
          params: z.object({ id: z.string().max(100) }),
          body: z
            .object({ confirm_duplicate: z.boolean().default(false) })
            .strict()
            .default({ confirm_duplicate: false }),
          response: { 201: paymentSchema, ...errorResponses(400, 401, 403, 404, 409, 503) },
        },
      },
      async (request, reply) => {
        const customerId = customerIdOf(request);
        if (!isId('order', request.params.id)) throw notFound('order', request.params.id);
        await getOrder(checkout.db, request.params.id, customerId);
        const contact = await customerContact(checkout.db, customerId);
        const payment = await startPayment(checkout, {
          customerId,
          orderId: request.params.id,
          locale: contact?.locale ?? request.locale,
          customerEmail: contact?.email,
          confirmDuplicate: request.body.confirm_duplicate,
        });
        return reply.code(201).send(paymentView(payment));
      },
    );
  };
}

/** Refunds by staff over HTTP (finance; audited). */
export function refundRoutes(checkout: Checkout): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/admin/orders/:id/refunds',
      {
        config: { auth: 'staff', permission: 'refunds.create', idempotent: true },
        schema: {
          tags: ['Console'],
          summary:
            'Refund an order, in full or in part, to its payment method or the wallet (finance; audited)',
          params: z.object({ id: z.string().max(100) }),
          body: z
            .object({
              amount_minor: z
                .number()
                .int()
                .positive()
                .optional()
                .meta({ description: 'In the charge currency; omit for everything not yet refunded.' }),
              reason: z.enum(['requested_by_customer', 'operator_goodwill']).default('requested_by_customer'),
              destination: z
                .enum(['original_method', 'wallet'])
                .default('original_method')
                .meta({
                  description:
                    '`wallet`: at once, into the customer’s SimFill wallet in USD (not for wallet top-ups). ' +
                    'An order paid from the wallet is always refunded to it.',
                }),
            })
            .strict(),
          response: { 201: refundSchema, ...errorResponses(400, 401, 402, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        if (!isId('order', request.params.id)) throw notFound('order', request.params.id);
        const refund = await refundOrder(checkout, requestContext(request), {
          orderId: request.params.id,
          amountMinor: request.body.amount_minor,
          destination: request.body.destination,
          reason: request.body.reason,
          requestedBy: staffIdOf(request),
        });
        return reply.code(201).send(refundView(refund));
      },
    );
  };
}
