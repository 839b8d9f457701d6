import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import QRCode from 'qrcode';
import { z } from 'zod';
import { errorResponses, moneySchema, moneyView, sendBytes, timestampSchema } from '../../http/openapi.js';
import { notFound } from '../../kernel/errors.js';
import { isId } from '../../kernel/ids.js';
import { customerIdOf, requestContext, staffIdOf } from '../identity/service.js';
import { customerContact } from '../identity/service.js';
import { accountHistory, balanceOf } from '../ledger/service.js';
import { getOrder } from '../orders/service.js';
import type { PaymentsDeps, ProviderName } from './context.js';
import { walletAccount } from './postings.js';
import { getPayment, receiveWebhook, refreshPayment, refundOrder, startPayment } from './service.js';
import { receiptOf, receiptSchema } from './receipts.js';
import { renderReceiptPdf } from './receipt-pdf.js';
import { nextActionSchema, paymentSchema, paymentView, refundSchema, refundView } from './views.js';
import { listSavedMethods, removeSavedMethod, startSavingMethod } from './saved-methods.js';

/** Payments, the wallet, refunds by staff, and the providers' webhooks, over HTTP. */
export function paymentsRoutes(deps: PaymentsDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['Checkout'];
    const ownPayment = async (customerId: string, id: string) => {
      if (!isId('payment', id)) throw notFound('payment', id);
      const payment = await getPayment(deps, id);
      if (payment.customerId !== customerId) throw notFound('payment', id);
      return payment;
    };

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
        await getOrder(deps.db, request.params.id, customerId);
        const contact = await customerContact(deps.db, customerId);
        const payment = await startPayment(deps, {
          customerId,
          orderId: request.params.id,
          locale: contact?.locale ?? request.locale,
          customerEmail: contact?.email,
          confirmDuplicate: request.body.confirm_duplicate,
        });
        return reply.code(201).send(paymentView(payment));
      },
    );

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

    app.get(
      '/orders/:id/receipt',
      {
        config: { auth: 'customer', scope: 'orders:read' },
        schema: {
          tags,
          summary: 'The receipt of a paid order: items, fee, FX rate and CNY amount, how you paid',
          params: z.object({ id: z.string().max(100) }),
          response: { 200: receiptSchema, ...errorResponses(401, 404, 409) },
        },
      },
      async (request) => receiptOf(deps, customerIdOf(request), request.params.id),
    );

    app.get(
      '/orders/:id/receipt.pdf',
      {
        config: { auth: 'customer', scope: 'orders:read' },
        schema: {
          tags,
          summary: 'The receipt of a paid order as a PDF file, in your language and time zone',
          params: z.object({ id: z.string().max(100) }),
          response: {
            200: {
              description: 'The receipt (Letter size); the file is named after the receipt number',
              content: { 'application/pdf': { schema: z.string().meta({ format: 'binary' }) } },
            },
            ...errorResponses(401, 404, 409),
          },
        },
      },
      async (request, reply) => {
        const customerId = customerIdOf(request);
        const receipt = await receiptOf(deps, customerId, request.params.id);
        const contact = await customerContact(deps.db, customerId);
        const pdf = await renderReceiptPdf(receipt, contact?.locale ?? request.locale);
        void reply
          .header('content-disposition', `attachment; filename="${receipt.receipt_number}.pdf"`)
          .header('cache-control', 'private, no-store');
        return sendBytes(reply, 'application/pdf', pdf);
      },
    );

    const walletEntrySchema = z.object({
      id: z.string(),
      object: z.literal('wallet_transaction'),
      type: z.string().meta({ description: '`wallet_credit` (a top-up), `refund`, `spend`, …' }),
      amount: moneySchema.meta({ description: 'Positive adds to the wallet, negative takes from it.' }),
      order: z.string().nullable(),
      created_at: timestampSchema,
    });

    app.get(
      '/wallet',
      {
        config: { auth: 'customer', scope: 'account:read' },
        schema: {
          tags: ['Wallet'],
          summary: 'Your wallet balance and its latest movements',
          querystring: z
            .object({
              limit: z.coerce.number().int().min(1).max(100).default(20),
              // The cursor is an entry id SimFill handed out (`next_before`): decimal digits only, so `0x10`,
              // `1e3` or ` 5` are refused instead of read as another number, and at most 2^53 − 1.
              before: z
                .string()
                .regex(/^\d{1,16}$/)
                .transform(Number)
                .pipe(z.number().int().min(1).max(Number.MAX_SAFE_INTEGER))
                .optional()
                .meta({ description: 'The `next_before` of the previous page.' }),
            })
            .strict(),
          response: {
            200: z.object({
              object: z.literal('wallet'),
              balance: moneySchema,
              transactions: z.object({
                object: z.literal('list'),
                data: z.array(walletEntrySchema),
                has_more: z.boolean(),
                next_before: z.number().int().nullable(),
              }),
            }),
            ...errorResponses(400, 401),
          },
        },
      },
      async (request) => {
        const account = walletAccount(customerIdOf(request));
        const balance = await balanceOf(deps.db, account);
        const history = await accountHistory(deps.db, account, {
          limit: request.query.limit,
          before: request.query.before,
        });
        return {
          object: 'wallet' as const,
          balance: moneyView(balance.amountMinor, balance.currency),
          transactions: {
            object: 'list' as const,
            has_more: history.hasMore,
            next_before: history.hasMore ? (history.entries.at(-1)?.entryId ?? null) : null,
            data: history.entries.map((entry) => ({
              id: entry.transferId,
              object: 'wallet_transaction' as const,
              type: entry.kind,
              amount: moneyView(entry.amountMinor, entry.currency),
              order: entry.reference?.type === 'order' ? entry.reference.id : null,
              created_at: entry.postedAt.toISOString(),
            })),
          },
        };
      },
    );

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
        const refund = await refundOrder(deps, requestContext(request), {
          orderId: request.params.id,
          amountMinor: request.body.amount_minor,
          destination: request.body.destination,
          reason: request.body.reason,
          requestedBy: staffIdOf(request),
        });
        return reply.code(201).send(refundView(refund));
      },
    );

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
