import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../db/index.js';
import { errorResponses, moneySchema, moneyView, timestampSchema } from '../http/openapi.js';
import type { Clock } from '../kernel/clock.js';
import { notFound } from '../kernel/errors.js';
import {
  CUSTOMER_SEARCH_LIMIT,
  customerForConsole,
  customerSchema,
  customerSessions,
  findCustomers,
  type IdentityDeps,
} from '../modules/identity/service.js';
import { accountHistory, balanceOf, walletAccount } from '../modules/ledger/service.js';
import { customerIdsWithLineDigits, lineSchema, lineViews, listLines } from '../modules/lines/service.js';
import { listOrders, orderTimelines } from '../modules/orders/service.js';
import { paymentsOfOrders } from '../modules/payments/service.js';
import { orderSchema, orderView } from './order-view.js';

/** The customer page shows this many of the newest orders and wallet movements; the orders page has the rest. */
const RECENT_MAX = 10;

const overviewSchema = z
  .object({
    object: z.literal('customer_overview'),
    customer: customerSchema,
    lines: z.array(lineSchema),
    orders: z.object({ data: z.array(orderSchema), has_more: z.boolean() }),
    wallet: z.object({
      balance: moneySchema,
      transactions: z.array(
        z.object({
          id: z.string(),
          type: z.string(),
          amount: moneySchema,
          order: z.string().nullable(),
          created_at: timestampSchema,
        }),
      ),
      has_more: z.boolean(),
    }),
    sessions: z.array(
      z.object({
        id: z.string(),
        created_at: timestampSchema,
        last_seen_at: timestampSchema,
        ip: z.string().nullable(),
        user_agent: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'CustomerOverview' });

/**
 * The console's customers: the search (identity's profile fields, and the numbers of their lines) and the
 * customer page: one customer's lines, newest orders, wallet and signed-in sessions at once.
 */
export function customerOverviewRoutes(deps: {
  db: Db;
  clock: Clock;
  identity: IdentityDeps;
}): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/customers',
      {
        config: { auth: 'staff', permission: 'customers.read' },
        schema: {
          tags: ['Console'],
          summary:
            'Find customers by id or by part of an email, name or phone number (theirs or a line’s; the newest 20)',
          querystring: z.object({ query: z.string().trim().min(1).max(320) }).strict(),
          response: {
            200: z.object({
              object: z.literal('list'),
              data: z.array(customerSchema),
              has_more: z.boolean().meta({ description: 'More matched: type more of the email or number.' }),
            }),
            ...errorResponses(400, 401, 403),
          },
        },
      },
      async (request) => {
        const digits = request.query.query.replace(/\D/g, '');
        const lineOwners = await customerIdsWithLineDigits(deps.db, digits, CUSTOMER_SEARCH_LIMIT);
        const found = await findCustomers(deps.identity, request.query.query, lineOwners);
        return { object: 'list' as const, has_more: found.hasMore, data: found.data };
      },
    );

    app.get(
      '/admin/customers/:id',
      {
        config: { auth: 'staff', permission: 'customers.read' },
        schema: {
          tags: ['Console'],
          summary:
            'A customer with their lines, newest orders, wallet and signed-in sessions (customer page)',
          params: z.object({ id: z.string().max(100) }),
          response: { 200: overviewSchema, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => {
        const customer = await customerForConsole(deps.db, request.params.id);
        if (!customer) throw notFound('customer', request.params.id);
        const wallet = walletAccount(customer.id);
        const [lines, orders, balance, history, sessions] = await Promise.all([
          listLines(deps.db, customer.id).then((rows) => lineViews(deps.db, rows, request.locale)),
          listOrders(deps.db, { customerId: customer.id, limit: RECENT_MAX }),
          balanceOf(deps.db, wallet),
          accountHistory(deps.db, wallet, { limit: RECENT_MAX }),
          customerSessions(deps.db, deps.clock, customer.id),
        ]);
        const ids = orders.data.map((row) => row.id);
        const [timelines, attempts] = await Promise.all([
          orderTimelines(deps.db, ids),
          paymentsOfOrders(deps, ids),
        ]);
        return {
          object: 'customer_overview' as const,
          customer,
          lines,
          orders: {
            has_more: orders.hasMore,
            data: orders.data.map((row) =>
              orderView(row, timelines.get(row.id) ?? [], attempts.get(row.id) ?? [], {
                locale: request.locale,
              }),
            ),
          },
          wallet: {
            balance: moneyView(balance.amountMinor, balance.currency),
            has_more: history.hasMore,
            transactions: history.entries.map((entry) => ({
              id: entry.transferId,
              type: entry.kind,
              amount: moneyView(entry.amountMinor, entry.currency),
              order: entry.reference?.type === 'order' ? entry.reference.id : null,
              created_at: entry.postedAt.toISOString(),
            })),
          },
          sessions: sessions.map((session) => ({
            id: session.id,
            created_at: session.createdAt.toISOString(),
            last_seen_at: session.lastSeenAt.toISOString(),
            ip: session.ip,
            user_agent: session.userAgent,
          })),
        };
      },
    );
  };
}
