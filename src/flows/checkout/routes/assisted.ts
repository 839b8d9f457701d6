import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, moneySchema, moneyView } from '../../../http/openapi.js';
import { notFound } from '../../../kernel/errors.js';
import { isId } from '../../../kernel/ids.js';
import { requestContext, staffIdOf } from '../../../modules/identity/service.js';
import { PAYMENT_METHODS } from '../../../ports/payments.js';
import { placeAssistedTopUp, type AssistedDeps } from '../assisted-topup.js';

/** The hotline's top-ups over HTTP (support staff; audited). */
export function assistedTopUpRoutes(deps: AssistedDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['Console'];

    app.post(
      '/admin/assisted-top-ups',
      {
        config: { auth: 'staff', permission: 'topups.assist', idempotent: true },
        schema: {
          tags,
          summary:
            'Place a top-up for a customer (hotline): paid from their wallet now, or emailed to them as a ' +
            'payment link for the chosen method (audited)',
          body: z
            .object({
              customer: z.string().max(100),
              product: z.string().max(100),
              line: z.string().max(100).optional(),
              phone: z.string().max(40).optional(),
              amount_minor: z.number().int().positive().max(100_000_000).optional(),
              method: z.enum(PAYMENT_METHODS),
            })
            .strict(),
          response: {
            201: z.object({
              object: z.literal('assisted_top_up'),
              order: z.string(),
              status: z.string(),
              total: moneySchema,
              charge: moneySchema,
              payment_link: z.string().nullable(),
            }),
            ...errorResponses(400, 401, 402, 403, 404, 409, 503),
          },
        },
      },
      async (request, reply) => {
        if (!isId('customer', request.body.customer))
          throw notFound('customer', request.body.customer, 'customer');
        const placed = await placeAssistedTopUp(deps, requestContext(request), {
          staffId: staffIdOf(request),
          customerId: request.body.customer,
          product: request.body.product,
          line: request.body.line,
          phone: request.body.phone,
          amountMinor: request.body.amount_minor,
          method: request.body.method,
        });
        const { order } = placed;
        return reply.code(201).send({
          object: 'assisted_top_up' as const,
          order: order.id,
          status: order.status,
          total: moneyView(order.totalMinor, order.currency),
          charge: moneyView(order.chargeAmountMinor, order.chargeCurrency),
          payment_link: placed.payment ? null : `${deps.checkout.baseUrl}/account/orders/${order.id}`,
        });
      },
    );
  };
}
