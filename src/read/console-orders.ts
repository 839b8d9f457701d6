import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../db/index.js';
import { errorResponses, moneySchema, moneyView, timestampSchema } from '../http/openapi.js';
import { checkRange, endOfDay, startOfDay, utcDaySchema } from '../kernel/dates.js';
import { notFound } from '../kernel/errors.js';
import { isId } from '../kernel/ids.js';
import { parseE164 } from '../kernel/phone.js';
import { customerIdsMatching, customerIdsWithPhone } from '../modules/identity/service.js';
import { transfersFor } from '../modules/ledger/service.js';
import { linesWithNumber } from '../modules/lines/service.js';
import { emailsAbout } from '../modules/notifications/service.js';
import {
  findOrder,
  getOrder,
  listOrders,
  orderTimeline,
  orderTimelines,
  ORDER_STATUSES,
} from '../modules/orders/service.js';
import {
  eventsOfPayment,
  paymentsOfOrder,
  paymentsOfOrders,
  refundSchema,
  refundsOfOrder,
  refundView,
} from '../modules/payments/service.js';
import { deliveryOfOrder } from '../modules/provisioning/service.js';
import { dailyTotals, dailyTotalsSchema } from './daily-totals.js';
import { orderSchema, orderView } from './order-view.js';

/** A daily-totals report covers at most this many days (a year, leap day included): one query per report. */
const REPORT_SPAN_DAYS_MAX = 366;

/** The console's view of the money path: order search, an order's full timeline, daily totals. */
export function consoleOrderRoutes(deps: { db: Db }): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['Console'];

    app.get(
      '/admin/orders',
      {
        config: { auth: 'staff', permission: 'orders.read' },
        schema: {
          tags,
          summary:
            'Find orders by order id, receipt number, customer email or phone number (the customer’s or the ' +
            'number topped up), status and creation date',
          querystring: z
            .object({
              query: z.string().trim().max(320).optional(),
              status: z.enum(ORDER_STATUSES).optional(),
              from: utcDaySchema().optional().meta({ description: 'Created on or after this UTC date.' }),
              to: utcDaySchema().optional().meta({ description: 'Created before the end of this UTC date.' }),
              limit: z.coerce.number().int().min(1).max(100).default(25),
              starting_after: z.string().max(100).optional(),
            })
            .strict()
            // A page holds at most 100 orders whatever the span: the calendar bounds it, no span limit needed.
            .superRefine(checkRange('from', 'to', { kind: 'day' })),
          response: {
            200: z.object({ object: z.literal('list'), data: z.array(orderSchema), has_more: z.boolean() }),
            ...errorResponses(400, 401, 403),
          },
        },
      },
      async (request) => {
        const { query, status, from, to, limit } = request.query;
        const startingAfter = request.query.starting_after;
        const page = async (filter: {
          orderId?: string;
          receipt?: string;
          customerIds?: string[];
          recipient?: string;
        }) => {
          if (filter.orderId || filter.receipt) {
            const row = await findOrder(
              deps.db,
              filter.orderId ? { id: filter.orderId } : { receiptNumber: filter.receipt! },
            );
            return { data: row ? [row] : [], hasMore: false };
          }
          return listOrders(deps.db, {
            customerIds: filter.customerIds,
            recipient: filter.recipient,
            status,
            createdFrom: from ? startOfDay(from) : undefined,
            createdTo: to ? endOfDay(to) : undefined,
            limit,
            startingAfter: startingAfter && isId('order', startingAfter) ? startingAfter : undefined,
          });
        };
        let result;
        if (!query) result = await page({});
        else if (isId('order', query)) result = await page({ orderId: query });
        else if (/^SF-\d{6,}$/i.test(query)) result = await page({ receipt: query.toUpperCase() });
        else if (parseE164(query.replace(/[\s()-]/g, ''))) {
          const phone = parseE164(query.replace(/[\s()-]/g, ''))!;
          const owners = (await linesWithNumber(deps.db, phone)).map((line) => line.customerId);
          const customerIds = [...new Set([...(await customerIdsWithPhone(deps.db, phone)), ...owners])];
          result = await page({
            customerIds: customerIds.length ? customerIds : undefined,
            recipient: phone,
          });
        } else {
          const customerIds = await customerIdsMatching(deps.db, query);
          result = customerIds.length ? await page({ customerIds }) : { data: [], hasMore: false };
        }
        const ids = result.data.map((row) => row.id);
        const [timelines, attempts] = await Promise.all([
          orderTimelines(deps.db, ids),
          paymentsOfOrders(deps, ids),
        ]);
        return {
          object: 'list' as const,
          has_more: result.hasMore,
          data: result.data.map((row) =>
            orderView(row, timelines.get(row.id) ?? [], attempts.get(row.id) ?? [], {
              locale: request.locale,
            }),
          ),
        };
      },
    );

    app.get(
      '/admin/orders/:id',
      {
        config: { auth: 'staff', permission: 'orders.read' },
        schema: {
          tags,
          summary:
            'An order with everything that happened to it: states, provider events, ledger, refunds, emails',
          params: z.object({ id: z.string().max(100) }),
          response: {
            200: z.object({
              order: orderSchema,
              customer: z.string(),
              delivery_id: z
                .string()
                .nullable()
                .meta({ description: 'A line top-up’s delivery (GET /v1/admin/deliveries/{id}).' }),
              provider_events: z.array(
                z.object({
                  id: z.string(),
                  provider: z.string(),
                  event_id: z.string(),
                  type: z.string(),
                  outcome: z.string().nullable(),
                  received_at: timestampSchema,
                }),
              ),
              ledger: z.array(
                z.object({
                  id: z.string(),
                  kind: z.string(),
                  description: z.string(),
                  posted_at: timestampSchema,
                  entries: z.array(z.object({ account: z.string(), amount: moneySchema })),
                }),
              ),
              refunds: z.array(refundSchema),
              emails: z.array(
                z.object({
                  id: z.string(),
                  to: z.string(),
                  subject: z.string(),
                  status: z.string(),
                  created_at: timestampSchema,
                }),
              ),
            }),
            ...errorResponses(401, 403, 404),
          },
        },
      },
      async (request) => {
        if (!isId('order', request.params.id)) throw notFound('order', request.params.id);
        const order = await getOrder(deps.db, request.params.id);
        const attempts = await paymentsOfOrder(deps, order.id);
        const events = await eventsOfPayment(
          deps,
          attempts.map((payment) => payment.id),
        );
        const delivery = await deliveryOfOrder(deps.db, order.id);
        return {
          order: orderView(order, await orderTimeline(deps.db, order.id), attempts, {
            delivery,
            locale: request.locale,
          }),
          customer: order.customerId,
          delivery_id: delivery?.id ?? null,
          provider_events: events.map((event) => ({
            id: event.id,
            provider: event.provider,
            event_id: event.eventId,
            type: event.providerType,
            outcome: event.outcome,
            received_at: event.receivedAt.toISOString(),
          })),
          ledger: (await transfersFor(deps.db, order.id)).map((transfer) => ({
            id: transfer.id,
            kind: transfer.kind,
            description: transfer.description,
            posted_at: transfer.postedAt.toISOString(),
            entries: transfer.entries.map((entry) => ({
              account: entry.accountCode,
              amount: moneyView(entry.amountMinor, entry.currency),
            })),
          })),
          refunds: (await refundsOfOrder(deps, order.id)).map(refundView),
          emails: (await emailsAbout(deps.db, order.id)).map((email) => ({
            id: email.id,
            to: email.to,
            subject: email.subject,
            status: email.status,
            created_at: email.createdAt.toISOString(),
          })),
        };
      },
    );

    app.get(
      '/admin/reports/daily-totals',
      {
        config: { auth: 'staff', permission: 'reports.read' },
        schema: {
          tags,
          summary:
            'Money in and out per day (UTC), payment method and currency; wallet spending apart (counted once)',
          querystring: z
            .object({ from: utcDaySchema(), to: utcDaySchema() })
            .strict()
            .superRefine(checkRange('from', 'to', { kind: 'day', maxSpanDays: REPORT_SPAN_DAYS_MAX })),
          response: {
            200: dailyTotalsSchema,
            ...errorResponses(400, 401, 403),
          },
        },
      },
      async (request) => dailyTotals(deps.db, startOfDay(request.query.from), endOfDay(request.query.to)),
    );
  };
}
