import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, moneySchema, moneyView, sendBytes, timestampSchema } from '../http/openapi.js';
import { customerContact, customerIdOf } from '../modules/identity/service.js';
import { accountHistory, balanceOf, walletAccount } from '../modules/ledger/service.js';
import { renderReceiptPdf } from './receipt-pdf.js';
import { receiptOf, receiptSchema, type ReceiptDeps } from './receipts.js';

/** The customer's proof of what they paid: receipts (JSON and PDF) and the wallet's balance and movements. */
export function receiptAndWalletRoutes(deps: ReceiptDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['Checkout'];

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
  };
}
