import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import QRCode from 'qrcode';
import { z } from 'zod';
import { errorResponses } from '../../http/openapi.js';
import { notFound } from '../../kernel/errors.js';
import { isId } from '../../kernel/ids.js';
import { customerContact, customerIdOf } from '../identity/service.js';
import type { PaymentsDeps, ProviderName } from './context.js';
import { getPayment, receiveWebhook, refreshPayment } from './service.js';
import { nextActionSchema, paymentSchema, paymentView } from './views.js';
import { listSavedMethods, removeSavedMethod, startSavingMethod } from './saved-methods.js';

/** Payment attempts and saved cards over HTTP (paying an order and refunds are the checkout flow's routes). */
export function paymentsRoutes(deps: PaymentsDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['Checkout'];
    const ownPayment = async (customerId: string, id: string) => {
      if (!isId('payment', id)) throw notFound('payment', id);
      const payment = await getPayment(deps, id);
      if (payment.customerId !== customerId) throw notFound('payment', id);
      return payment;
    };

    app.get(
      '/payments/:id',
      {
        config: { auth: 'customer', scope: 'orders:read' },
        schema: {
          tags,
          summary: 'A payment attempt of yours',
          params: z.object({ id: z.string().max(100) }),
          response: { 200: paymentSchema, ...errorResponses(401, 404) },
        },
      },
      async (request) => paymentView(await ownPayment(customerIdOf(request), request.params.id)),
    );

    app.post(
      '/payments/:id/refresh',
      {
        config: { auth: 'customer', scope: 'orders:read' },
        schema: {
          tags,
          summary: 'Ask the provider about this attempt now (the page you return to after paying calls it)',
          params: z.object({ id: z.string().max(100) }),
          response: { 200: paymentSchema, ...errorResponses(401, 404) },
        },
      },
      async (request) => {
        const payment = await ownPayment(customerIdOf(request), request.params.id);
        return paymentView(await refreshPayment(deps, payment.id));
      },
    );

    app.get(
      '/payments/:id/qr.svg',
      {
        config: { auth: 'customer', scope: 'orders:read' },
        schema: {
          tags,
          summary:
            'The WeChat Pay QR code of an attempt, as SVG (served by SimFill, so the page needs no third party)',
          params: z.object({ id: z.string().max(100) }),
          response: { 200: z.string(), ...errorResponses(401, 404) },
        },
      },
      async (request, reply) => {
        const payment = await ownPayment(customerIdOf(request), request.params.id);
        const action = payment.nextAction;
        if (payment.status !== 'requires_action' || action?.type !== 'display_qr') {
          throw notFound('payment', request.params.id);
        }
        const svg = await QRCode.toString(action.data, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
        return reply.type('image/svg+xml').header('cache-control', 'private, no-store').send(svg);
      },
    );

    const savedMethodSchema = z
      .object({
        id: z.string().meta({ example: 'pm_1Q2w3E4r5T6y7U8i' }),
        object: z.literal('payment_method'),
        brand: z.string().nullable(),
        last4: z.string().nullable(),
        wallet: z.string().nullable(),
      })
      .meta({
        id: 'SavedPaymentMethod',
        description: 'A card saved at the provider; SimFill holds only its id.',
      });

    app.get(
      '/payment-methods',
      {
        config: { auth: 'customer', scope: 'account:read' },
        schema: {
          tags: ['Wallet'],
          summary: 'Your saved cards (kept at the payment provider; for auto-recharge)',
          response: {
            200: z.object({
              object: z.literal('list'),
              data: z.array(savedMethodSchema),
              has_more: z.literal(false),
            }),
            ...errorResponses(401, 503),
          },
        },
      },
      async (request) => ({
        object: 'list' as const,
        has_more: false as const,
        data: (await listSavedMethods(deps, customerIdOf(request))).map((method) => ({
          id: method.providerMethodId ?? '',
          object: 'payment_method' as const,
          brand: method.brand ?? null,
          last4: method.last4 ?? null,
          wallet: method.wallet ?? null,
        })),
      }),
    );

    app.post(
      '/payment-methods/setups',
      {
        config: { auth: 'customer_session', idempotent: true },
        schema: {
          tags: ['Wallet'],
          summary: 'Save a card: returns the provider page where the card is typed',
          response: {
            201: z.object({
              object: z.literal('setup'),
              id: z.string(),
              next_action: nextActionSchema.nullable(),
            }),
            ...errorResponses(401, 503),
          },
        },
      },
      async (request, reply) => {
        const customerId = customerIdOf(request);
        const contact = await customerContact(deps.db, customerId);
        const key = request.headers['idempotency-key'];
        const setup = await startSavingMethod(deps, {
          customerId,
          email: contact?.email ?? '',
          locale: contact?.locale ?? request.locale,
          idempotencyKey: typeof key === 'string' ? `${customerId}_${key}` : `${customerId}_${request.id}`,
        });
        return reply.code(201).send({
          object: 'setup' as const,
          id: setup.providerSetupId,
          next_action:
            setup.nextAction?.type === 'redirect'
              ? { type: 'redirect' as const, url: setup.nextAction.url }
              : null,
        });
      },
    );

    app.delete(
      '/payment-methods/:id',
      {
        config: { auth: 'customer_session' },
        schema: {
          tags: ['Wallet'],
          summary: 'Remove a saved card',
          params: z.object({ id: z.string().max(100) }),
          response: { 204: z.null(), ...errorResponses(401, 404, 503) },
        },
      },
      async (request, reply) => {
        await removeSavedMethod(deps, customerIdOf(request), request.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}

/** The providers' webhooks in (signed; stored once in the inbox, applied at once or by a job). */
export function paymentWebhookRoutes(deps: PaymentsDeps): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(async (webhooks) => {
      // Signatures are computed over the exact bytes: keep the body raw.
      webhooks.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) =>
        done(null, body),
      );
      for (const provider of ['stripe', 'paypal'] as const satisfies ProviderName[]) {
        webhooks.post(
          `/webhooks/${provider}`,
          {
            schema: {
              tags: ['Webhooks'],
              summary: `Events from ${provider === 'stripe' ? 'the Stripe-compatible provider' : 'PayPal'} (signed)`,
              response: {
                200: z.object({ received: z.literal(true), duplicate: z.boolean() }),
                ...errorResponses(400),
              },
            },
          },
          async (request) => {
            const result = await receiveWebhook(deps, provider, request.body as Buffer, request.headers);
            return { received: true as const, duplicate: result.duplicate };
          },
        );
      }
    });
  };
}
