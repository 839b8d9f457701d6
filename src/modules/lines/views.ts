import { z } from 'zod';
import type { DbOrTx } from '../../db/index.js';
import { timestampSchema } from '../../http/openapi.js';
import { pickText, type Locale } from '../../kernel/i18n/index.js';
import { formatNational } from '../../kernel/phone.js';
import { describeOperators, operatorDisplayName, type OperatorDescription } from '../catalog/service.js';
import type { LineRow } from './schema.js';

/**
 * A line and its operator as the API shows them. On the door: the personal centre (read side) and the offers
 * (checkout) show the same objects.
 */

export const operatorSchema = z
  .object({
    id: z.string(),
    object: z.literal('operator'),
    name: z.string().meta({ description: 'As its customers call it, in your language: 中国移动, T-Mobile.' }),
    country: z.string(),
    carrier: z.object({ id: z.string(), slug: z.string(), name: z.string() }).nullable(),
  })
  .meta({ id: 'Operator' });

export function operatorView(
  description: OperatorDescription,
  locale: Locale,
): z.infer<typeof operatorSchema> {
  const { operator, carrier } = description;
  return {
    id: operator.id,
    object: 'operator',
    name: operatorDisplayName(operator.name, locale),
    country: operator.countryIso,
    carrier: carrier ? { id: carrier.id, slug: carrier.slug, name: pickText(carrier.name, locale) } : null,
  };
}

export const lineSchema = z
  .object({
    id: z.string().meta({ example: 'line_01jz8x4e5qf0m8g4v3k2y1t9bc' }),
    object: z.literal('line'),
    kind: z.enum(['sim', 'esim']).meta({
      description: '`sim`: a number you added (tops up by airtime); `esim`: an eSIM bought here (data only).',
    }),
    phone: z
      .string()
      .nullable()
      .meta({ description: 'E.164; null for a data-only eSIM line', example: '+14155550123' }),
    phone_national: z.string().nullable().meta({ example: '(415) 555-0123' }),
    country: z.string(),
    nickname: z.string().nullable(),
    operator: operatorSchema.nullable(),
    operator_source: z
      .enum(['detected', 'customer', 'unknown'])
      .meta({ description: 'Found by the provider’s lookup, chosen by you, or not known yet.' }),
    iccid: z.string().nullable(),
    device: z.string().nullable(),
    esim: z
      .string()
      .nullable()
      .meta({ description: 'The eSIM (`esim_…`) of an `esim` line; null for a `sim` line.' }),
    created_at: timestampSchema,
  })
  .meta({ id: 'Line' });

function lineView(
  row: LineRow,
  operators: Map<string, OperatorDescription>,
  locale: Locale,
): z.infer<typeof lineSchema> {
  const operator = row.operatorId ? operators.get(row.operatorId) : undefined;
  return {
    id: row.id,
    object: 'line',
    kind: row.kind,
    phone: row.phone,
    phone_national: row.phone === null ? null : formatNational(row.phone),
    country: row.countryIso,
    nickname: row.nickname,
    operator: operator ? operatorView(operator, locale) : null,
    operator_source: row.operatorSource,
    iccid: row.iccid,
    device: row.device,
    esim: row.esimId,
    created_at: row.createdAt.toISOString(),
  };
}

/** The API objects of these lines, their operators described in one query. */
export async function lineViews(
  db: DbOrTx,
  rows: LineRow[],
  locale: Locale,
): Promise<z.infer<typeof lineSchema>[]> {
  const operators = await describeOperators(
    db,
    rows.flatMap((row) => (row.operatorId ? [row.operatorId] : [])),
  );
  return rows.map((row) => lineView(row, operators, locale));
}
