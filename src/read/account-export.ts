import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../db/index.js';
import { errorResponses, moneyView } from '../http/openapi.js';
import { customerIdOf, exportCustomerDataOf, type IdentityDeps } from '../modules/identity/service.js';
import { accountHistory, walletAccount } from '../modules/ledger/service.js';
import { lineViews, listLines } from '../modules/lines/service.js';
import { listOrders, orderTimelines } from '../modules/orders/service.js';
import { listSavedMethods, paymentsOfOrders, type PaymentsDeps } from '../modules/payments/service.js';
import { orderView } from './order-view.js';

/** One export holds at most this many orders and wallet movements (a limit on everything; years of use fit). */
const EXPORT_ROWS_MAX = 5_000;

/**
 * 下载我的数据: everything SimFill keeps about the customer in one JSON file: the profile, sessions, API keys,
 * audit events and emails (identity), and their lines, orders, wallet history and saved payment methods.
 */
export function accountExportRoutes(deps: {
  db: Db;
  identity: IdentityDeps;
  payments: PaymentsDeps;
}): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/account/export',
      {
        config: { auth: 'customer_session' },
        schema: {
          tags: ['accounts'],
          summary:
            'Download everything SimFill keeps about you (JSON): profile, sessions, lines, orders, wallet, saved methods',
          response: { 200: z.looseObject({}), ...errorResponses(401) },
        },
      },
      async (request, reply) => {
        const customerId = customerIdOf(request);
        const wallet = walletAccount(customerId);
        const [identity, lines, orders, history, methods] = await Promise.all([
          exportCustomerDataOf(deps.identity, customerId),
          listLines(deps.db, customerId).then((rows) => lineViews(deps.db, rows, request.locale)),
          listOrders(deps.db, { customerId, limit: EXPORT_ROWS_MAX }),
          accountHistory(deps.db, wallet, { limit: EXPORT_ROWS_MAX }),
          // The methods live at the payment provider; an export never fails because it cannot be asked now.
          listSavedMethods(deps.payments, customerId).catch(() => null),
        ]);
        const ids = orders.data.map((row) => row.id);
        const [timelines, attempts] = await Promise.all([
          orderTimelines(deps.db, ids),
          paymentsOfOrders(deps.payments, ids),
        ]);
        const data = {
          ...identity,
          lines,
          orders: orders.data.map((row) =>
            orderView(row, timelines.get(row.id) ?? [], attempts.get(row.id) ?? [], {
              locale: request.locale,
            }),
          ),
          wallet_transactions: history.entries.map((entry) => ({
            id: entry.transferId,
            type: entry.kind,
            amount: moneyView(entry.amountMinor, entry.currency),
            order: entry.reference?.type === 'order' ? entry.reference.id : null,
            created_at: entry.postedAt.toISOString(),
          })),
          saved_payment_methods: methods,
        };
        const day = identity.exported.slice(0, 10);
        return reply
          .header('content-disposition', `attachment; filename="simfill-data-${day}.json"`)
          .header('cache-control', 'no-store')
          .send(data);
      },
    );
  };
}
