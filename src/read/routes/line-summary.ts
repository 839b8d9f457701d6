import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/index.js';
import { errorResponses, moneySchema, moneyView, timestampSchema } from '../../http/openapi.js';
import { pickText, type Locale } from '../../kernel/i18n/index.js';
import { customerIdOf } from '../../modules/identity/service.js';
import { lineSchema, lineViews } from '../../modules/lines/service.js';
import { maskPin, type DeliveryRow } from '../../modules/provisioning/service.js';
import { readLineSummary, type LineSummary } from '../line-summary.js';

/** The personal centre of a line over HTTP (`GET /v1/lines/{id}/summary`). */

const historySchema = z.object({
  order: z.string(),
  product: z.string(),
  kind: z.string(),
  amount: moneySchema,
  status: z.enum(['queued', 'sending', 'processing', 'succeeded', 'failed']),
  attempts: z.number().int().meta({
    description: 'Attempts made so far; `queued` after one means it waits for a retry (see the order).',
  }),
  pin: z.string().nullable().meta({
    description:
      'A refill PIN, masked: `GET /v1/orders/{id}/pin` reveals it to you (`order` names the order), and the receipt shows it.',
  }),
  eta_minutes: z.number().int(),
  created_at: timestampSchema,
  finished_at: timestampSchema.nullable(),
});

const summarySchema = z
  .object({
    object: z.literal('line_summary'),
    line: lineSchema,
    plan: z
      .object({
        name: z.string(),
        validity_days: z.number().int().nullable(),
        data_quota_mb: z.number().int().nullable(),
        unlimited_data: z.boolean(),
        renewed_at: timestampSchema,
        expires_at: timestampSchema.nullable(),
      })
      .nullable()
      .meta({ description: 'The plan last renewed through SimFill, and when it runs out.' }),
    balance: z
      .object({
        reported: z.boolean(),
        amount: moneySchema.nullable(),
        as_of: timestampSchema.nullable(),
      })
      .meta({
        description:
          'The line’s own balance, only where its carrier reports it (`reported: false` otherwise: the customer ' +
          'checks it with the carrier). Reloadly does not: its `balanceInfo` is SimFill’s account there.',
      }),
    data: z
      .object({
        reported: z.boolean(),
        used_mb: z.number().int().nullable(),
        remaining_mb: z.number().int().nullable(),
        as_of: timestampSchema.nullable(),
      })
      .meta({
        description: 'Data use, only where the line’s provider reports it (`reported: false` otherwise).',
      }),
    next_charge_at: timestampSchema.nullable(),
    in_progress: z.number().int().meta({ description: 'Top-ups paid and still on their way.' }),
    history: z.array(historySchema),
    actions: z
      .array(z.enum(['airtime', 'bundle', 'data', 'pin']))
      .meta({ description: 'What can be bought for this line now (充值 / 续费 / 加流量 / 卡密).' }),
  })
  .meta({ id: 'LineSummary' });

function historyView(row: DeliveryRow, locale: Locale): z.infer<typeof historySchema> {
  return {
    order: row.orderId,
    product: pickText(row.spec.name, locale),
    kind: row.kind,
    amount: moneyView(row.amountMinor, row.currency),
    status: row.status,
    attempts: row.attempts,
    pin: row.result?.pin ? maskPin(row.result.pin.code) : null,
    eta_minutes: row.etaMinutes,
    created_at: row.createdAt.toISOString(),
    finished_at: row.finishedAt?.toISOString() ?? null,
  };
}

function summaryView(
  line: z.infer<typeof lineSchema>,
  summary: LineSummary,
  locale: Locale,
): z.infer<typeof summarySchema> {
  const renewal = summary.renewal?.delivery;
  const expiry = summary.renewal?.expiresAt;
  return {
    object: 'line_summary',
    line,
    plan: renewal
      ? {
          name: pickText(renewal.spec.name, locale),
          validity_days: renewal.spec.validityDays,
          data_quota_mb: renewal.spec.dataQuotaMb,
          unlimited_data: renewal.spec.unlimitedData,
          renewed_at: renewal.finishedAt!.toISOString(),
          expires_at: expiry?.toISOString() ?? null,
        }
      : null,
    balance: { reported: false, amount: null, as_of: null },
    data: { reported: false, used_mb: null, remaining_mb: null, as_of: null },
    next_charge_at: expiry?.toISOString() ?? null,
    in_progress: summary.inProgress,
    history: summary.history.map((row) => historyView(row, locale)),
    actions: summary.actions,
  };
}

export function lineSummaryRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['Lines'];

    app.get(
      '/lines/:id/summary',
      {
        config: { auth: 'customer', scope: 'lines:read' },
        schema: {
          tags,
          summary: 'The personal centre of a line: plan, balance, expiry, data where reported, history',
          params: z.object({ id: z.string().max(100) }),
          response: { 200: summarySchema, ...errorResponses(401, 404) },
        },
      },
      async (request) => {
        const summary = await readLineSummary(db, customerIdOf(request), request.params.id);
        const [line] = await lineViews(db, [summary.line], request.locale);
        return summaryView(line!, summary, request.locale);
      },
    );
  };
}
