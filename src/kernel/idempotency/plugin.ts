import { createHash } from 'node:crypto';
import { and, eq, lt, lte, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/index.js';
import type { Clock } from '../clock.js';
import { AppError, type ErrorCode } from '../errors.js';
import { idempotencyKeys } from './schema.js';

/**
 * Idempotency-Key for creating POSTs (routes with `config: { idempotent: true }`), as Stripe does it:
 * - same key, same request → the first response is replayed (`Idempotent-Replayed: true`), the handler is not run;
 * - same key, different request → 422 `idempotency_key_reused`;
 * - same key while the first request still runs → 409 `idempotency_key_in_flight` with `Retry-After`;
 * - a running request holds its key on a lease (IDEMPOTENCY_LEASE_MS) that it renews while it runs: after a crash
 *   (`kill -9`, a lost machine) the lease lapses within seconds and a retry with the same key runs, on any
 *   replica, while a slow request that is alive keeps its key. No process ids or clocks of other replicas needed;
 *   replicas only need clocks within a few seconds of each other (NTP);
 * - a 5xx answer releases the key (nothing was done, the client may retry); keys are kept 24 hours;
 * - fields a route marks `redact` (secrets shown once) are not stored, so a replay answers without them.
 * The key is claimed with an insert on the primary key, so two concurrent requests cannot both run.
 */

export const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60 * 1000;
/**
 * An in-flight key's lease: its `expires_at` while it runs, renewed every IDEMPOTENCY_LEASE_RENEW_MS by the
 * request holding it. A key whose lease lapsed belongs to a process that died and may be taken over. Several
 * renewals fit in one lease, so a busy event loop or a slow database round trip does not lose it.
 */
export const IDEMPOTENCY_LEASE_MS = 10_000;
const IDEMPOTENCY_LEASE_RENEW_MS = 2_500;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
const REPLAYED_HEADERS = ['content-type', 'location'];

interface Claim {
  scope: string;
  key: string;
  renewal: NodeJS.Timeout;
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

function idempotencyError(code: ErrorCode, headers: Record<string, string> = {}): AppError {
  return new AppError(code, { param: 'Idempotency-Key', headers });
}

export function registerIdempotency(app: FastifyInstance, options: IdempotencyOptions): void {
  const { db, clock } = options;
  const scopeOf = options.scopeOf ?? (() => 'public');

  const preHandler = async (request: FastifyRequest, reply: FastifyReply) => {
    const header = request.headers['idempotency-key'];
    if (header === undefined) return;
    if (typeof header !== 'string' || !KEY_PATTERN.test(header)) {
      throw new AppError('idempotency_key_invalid', { param: 'Idempotency-Key' });
    }
    const scope = scopeOf(request);
    const hash = requestHash(request);
    const now = clock.now();

    const claimed = await db.transaction(async (tx) => {
      // Expired keys and in-flight claims whose lease lapsed (their process died) do not block a new request.
      await tx
        .delete(idempotencyKeys)
        .where(
          and(
            eq(idempotencyKeys.scope, scope),
            eq(idempotencyKeys.key, header),
            lte(idempotencyKeys.expiresAt, now),
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
          expiresAt: new Date(now.getTime() + IDEMPOTENCY_LEASE_MS),
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
      const where = and(
        eq(idempotencyKeys.scope, scope),
        eq(idempotencyKeys.key, header),
        eq(idempotencyKeys.state, 'in_flight'),
      );
      const renewal = setInterval(() => {
        db.update(idempotencyKeys)
          .set({ expiresAt: new Date(clock.now().getTime() + IDEMPOTENCY_LEASE_MS) })
          .where(where)
          .catch((error: unknown) => request.log.warn({ err: error }, 'idempotency key lease not renewed'));
      }, IDEMPOTENCY_LEASE_RENEW_MS);
      renewal.unref();
      claims.set(request, { scope, key: header, renewal });
      return;
    }
    if (claimed.requestHash !== hash) throw idempotencyError('idempotency_key_reused');
    if (claimed.state === 'in_flight') {
      const leftMs = claimed.expiresAt.getTime() - now.getTime();
      const retryAfterSeconds = Math.min(Math.max(1, Math.ceil(leftMs / 1000)), IDEMPOTENCY_LEASE_MS / 1000);
      throw idempotencyError('idempotency_key_in_flight', { 'retry-after': String(retryAfterSeconds) });
    }
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
    clearInterval(claim.renewal);
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
        expiresAt: sql`${idempotencyKeys.createdAt} + ${`${IDEMPOTENCY_KEY_TTL_MS} milliseconds`}::interval`,
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
