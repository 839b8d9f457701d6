import { z } from 'zod';
import { AppError } from './errors.js';
import { isId, type IdKind } from './ids.js';

/**
 * Cursor pagination, Stripe style: `limit` (1–100, default 20) and `starting_after` (the id of the last item
 * of the previous page). Lists come back as `{ object: 'list', data, has_more }`. Because ids sort by
 * creation time, `id > starting_after` ordered by id is a stable cursor that survives inserts.
 */

export const PAGE_SIZE_DEFAULT = 20;
export const PAGE_SIZE_MAX = 100;

export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(PAGE_SIZE_DEFAULT),
  starting_after: z.string().max(100).optional(),
});

export interface PageRequest {
  limit: number;
  startingAfter?: string;
}

export interface ListEnvelope<Item> {
  object: 'list';
  data: Item[];
  has_more: boolean;
}

export function listEnvelopeSchema<Item extends z.ZodType>(item: Item) {
  return z.object({ object: z.literal('list'), data: z.array(item), has_more: z.boolean() });
}

/** Turns validated query values into a page request; a cursor that is not an id of `kind` is a 400. */
export function pageRequest(
  kind: IdKind,
  query: { limit: number; starting_after?: string | undefined },
): PageRequest {
  const cursor = query.starting_after;
  if (cursor !== undefined && !isId(kind, cursor)) {
    throw new AppError('invalid_cursor', { param: 'starting_after', values: { param: 'starting_after' } });
  }
  return cursor === undefined ? { limit: query.limit } : { limit: query.limit, startingAfter: cursor };
}

/** Callers fetch `limit + 1` rows; the extra row only says whether another page exists. */
export function toPage<Item>(rows: Item[], limit: number): ListEnvelope<Item> {
  return { object: 'list', data: rows.slice(0, limit), has_more: rows.length > limit };
}
