import { createHash } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/index.js';
import type { Clock } from '../clock.js';
import { AppError } from '../errors.js';
import { idempotencyKeys } from './schema.js';

/**
 * Idempotency-Key for creating POSTs (routes with `config: { idempotent: true }`), as Stripe does it:
 * - same key, same request → the first response is replayed (`Idempotent-Replayed: true`), the handler is not run;
 * - same key, different request → 422 `idempotency_key_reused`;
 * - same key while the first request still runs → 409 `idempotency_key_in_flight`;
 * - a 5xx answer releases the key (nothing was done, the client may retry); keys are kept 24 hours;
 * - fields a route marks `redact` (secrets shown once) are not stored, so a replay answers without them.
 * The key is claimed with an insert on the primary key, so two concurrent requests cannot both run.
 */

export const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60 * 1000;
/** A key in flight longer than this belongs to a crashed process and may be taken over. */
export const IDEMPOTENCY_IN_FLIGHT_TIMEOUT_MS = 5 * 60 * 1000;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
const REPLAYED_HEADERS = ['content-type', 'location'];

interface Claim {
  scope: string;
  key: string;
}

const claims = new WeakMap<FastifyRequest, Claim>();

export interface IdempotencyOptions {
  db: Db;
  clock: Clock;
  /** Whose keys these are: the customer, staff member or API key. Anonymous callers share one scope. */
  scopeOf?: (request: FastifyRequest) => string;
}

function requestHash(request: FastifyRequest): string {
  return createHash('sha256')
    .update(request.method)
    .update('\n')
    .update(request.url)
    .update('\n')
    .update(JSON.stringify(request.body ?? null))
    .digest('hex');
}

function idempotencyError(code: string, status: number): AppError {
  return new AppError({ type: 'idempotency_error', code, status, param: 'Idempotency-Key' });
}

export function registerIdempotency(app: FastifyInstance, options: IdempotencyOptions): void {
  const { db, clock } = options;
  const scopeOf = options.scopeOf ?? (() => 'public');

  const preHandler = async (request: FastifyRequest, reply: FastifyReply) => {
    const header = request.headers['idempotency-key'];
    if (header === undefined) return;
    if (typeof header !== 'string' || !KEY_PATTERN.test(header)) {
      throw new AppError({
        type: 'invalid_request_error',
        code: 'idempotency_key_invalid',
        status: 400,
        param: 'Idempotency-Key',
      });
    }
    const scope = scopeOf(request);
    const hash = requestHash(request);
    const now = clock.now();

    const claimed = await db.transaction(async (tx) => {
      // Expired keys and abandoned in-flight claims do not block a new request.
      await tx
        .delete(idempotencyKeys)
        .where(
          and(
            eq(idempotencyKeys.scope, scope),
            eq(idempotencyKeys.key, header),
            sql`(${idempotencyKeys.expiresAt} <= ${now} or (${idempotencyKeys.state} = 'in_flight' and ${idempotencyKeys.createdAt} <= ${new Date(now.getTime() - IDEMPOTENCY_IN_FLIGHT_TIMEOUT_MS)}))`,
          ),
        );
      const inserted = await tx
        .insert(idempotencyKeys)
        .values({
          scope,
          key: header,
          method: request.method,
          path: request.url,
          requestHash: hash,
          state: 'in_flight',
          createdAt: now,
          expiresAt: new Date(now.getTime() + IDEMPOTENCY_KEY_TTL_MS),
        })
        .onConflictDoNothing()
        .returning({ key: idempotencyKeys.key });
      if (inserted.length > 0) return undefined;
      const [existing] = await tx
        .select()
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, header)));
      return existing;
    });

    if (claimed === undefined) {
      claims.set(request, { scope, key: header });
      return;
    }
    if (claimed.requestHash !== hash) throw idempotencyError('idempotency_key_reused', 422);
    if (claimed.state === 'in_flight') throw idempotencyError('idempotency_key_in_flight', 409);
    for (const [name, value] of Object.entries(claimed.responseHeaders ?? {})) void reply.header(name, value);
    return reply
      .code(claimed.responseStatus ?? 200)
      .header('idempotent-replayed', 'true')
      .send(claimed.responseBody);
  };

  const onSend = async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const claim = claims.get(request);
    if (!claim) return payload;
    claims.delete(request);
    const where = and(eq(idempotencyKeys.scope, claim.scope), eq(idempotencyKeys.key, claim.key));
    if (reply.statusCode >= 500) {
      await db.delete(idempotencyKeys).where(where);
      return payload;
    }
    const headers: Record<string, string> = {};
    for (const name of REPLAYED_HEADERS) {
      const value = reply.getHeader(name);
      if (typeof value === 'string') headers[name] = value;
    }
    const text =
      typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : 'null';
    let body: unknown = null;
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
    const idempotent = request.routeOptions.config.idempotent;
    if (typeof idempotent === 'object' && body !== null && typeof body === 'object') {
      for (const field of idempotent.redact) delete (body as Record<string, unknown>)[field];
    }
    await db
      .update(idempotencyKeys)
      .set({
        state: 'completed',
        responseStatus: reply.statusCode,
        responseBody: body,
        responseHeaders: headers,
      })
      .where(where);
    return payload;
  };

  // Only routes marked idempotent pay for the hooks.
  app.addHook('onRoute', (route) => {
    if (!route.config?.idempotent) return;
    route.preHandler = [
      ...([] as unknown[]).concat(route.preHandler ?? []),
      preHandler,
    ] as typeof route.preHandler;
    route.onSend = [...([] as unknown[]).concat(route.onSend ?? []), onSend] as typeof route.onSend;
  });
}

/** Deletes keys past their 24 hours; run periodically by the worker. Returns how many went. */
export async function purgeExpiredIdempotencyKeys(db: Db, clock: Clock): Promise<number> {
  const deleted = await db
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.expiresAt, clock.now()))
    .returning({ key: idempotencyKeys.key });
  return deleted.length;
}
