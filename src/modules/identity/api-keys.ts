import { and, desc, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/index.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { isId, newId } from '../../kernel/ids.js';
import { recordAuditEvent, type RequestContext } from '../admin/service.js';
import type { IdentityDeps } from './context.js';
import { hashSecret, randomSecret } from './secrets.js';
import { apiKeys, customers, type ApiKeyRow } from './schema.js';

/**
 * API keys for partner programs and scripts: `sk_test_…` / `sk_live_…` + 43 random characters (256 bits),
 * shown once, stored as SHA-256, with scopes, a name, last use and revocation. A key acts as its customer,
 * limited to its scopes; every use of a revoked key is a 401. Only partner accounts (API access turned on by
 * the operator) create keys, and turning access off stops them all.
 */

export const API_SCOPES = [
  'account:read',
  'orders:read',
  'orders:write',
  'lines:read',
  'lines:write',
] as const;
export type ApiScope = (typeof API_SCOPES)[number];
export type ApiKeyMode = 'test' | 'live';

const KEY_PATTERN = /^sk_(test|live)_[A-Za-z0-9_-]{43}$/;
const LAST_USED_INTERVAL_MS = 60_000;
export const API_KEYS_PER_CUSTOMER_MAX = 20;

export interface ApiKeyView {
  id: string;
  object: 'api_key';
  name: string;
  mode: ApiKeyMode;
  scopes: ApiScope[];
  redacted: string;
  created: string;
  last_used: string | null;
  revoked: string | null;
  secret?: string;
}

export function apiKeyView(row: ApiKeyRow, secret?: string): ApiKeyView {
  return {
    id: row.id,
    object: 'api_key',
    name: row.name,
    mode: row.mode,
    scopes: row.scopes as ApiScope[],
    redacted: `sk_${row.mode}_…${row.lastFour}`,
    created: row.createdAt.toISOString(),
    last_used: row.lastUsedAt?.toISOString() ?? null,
    revoked: row.revokedAt?.toISOString() ?? null,
    ...(secret ? { secret } : {}),
  };
}

export async function createApiKey(
  deps: IdentityDeps,
  context: RequestContext,
  customerId: string,
  input: { name: string; mode: ApiKeyMode; scopes: ApiScope[] },
): Promise<ApiKeyView> {
  const secret = `sk_${input.mode}_${randomSecret()}`;
  return deps.db.transaction(async (tx) => {
    const [owner] = await tx
      .select({ apiAccess: customers.apiAccess })
      .from(customers)
      .where(eq(customers.id, customerId));
    if (!owner?.apiAccess) {
      throw new AppError('api_access_not_enabled');
    }
    const live = await tx
      .select({ id: apiKeys.id })
      .from(apiKeys)
      .where(and(eq(apiKeys.customerId, customerId), isNull(apiKeys.revokedAt)));
    if (live.length >= API_KEYS_PER_CUSTOMER_MAX) {
      throw new AppError('api_key_limit_reached', { values: { maximum: API_KEYS_PER_CUSTOMER_MAX } });
    }
    const [row] = await tx
      .insert(apiKeys)
      .values({
        id: newId('apiKey'),
        customerId,
        name: input.name.trim(),
        mode: input.mode,
        scopes: [...new Set(input.scopes)].sort(),
        secretHash: hashSecret(secret),
        lastFour: secret.slice(-4),
        createdAt: deps.clock.now(),
      })
      .returning();
    await recordAuditEvent(tx, deps.clock, context, {
      action: 'api_key.created',
      actor: { type: 'customer', id: customerId },
      target: { type: 'api_key', id: row!.id },
      details: { mode: input.mode, scopes: row!.scopes.join(',') },
    });
    return apiKeyView(row!, secret);
  });
}

export async function listApiKeys(deps: IdentityDeps, customerId: string): Promise<ApiKeyView[]> {
  const rows = await deps.db
    .select()
    .from(apiKeys)
    .where(eq(apiKeys.customerId, customerId))
    .orderBy(desc(apiKeys.id))
    .limit(100);
  return rows.map((row) => apiKeyView(row));
}

export async function revokeApiKey(
  deps: IdentityDeps,
  context: RequestContext,
  customerId: string,
  id: string,
): Promise<ApiKeyView> {
  if (!isId('apiKey', id)) throw notFound('api_key', id);
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(apiKeys)
      .where(and(eq(apiKeys.id, id), eq(apiKeys.customerId, customerId)));
    if (!row) throw notFound('api_key', id);
    if (row.revokedAt) return apiKeyView(row);
    const [revoked] = await tx
      .update(apiKeys)
      .set({ revokedAt: deps.clock.now() })
      .where(eq(apiKeys.id, id))
      .returning();
    await recordAuditEvent(tx, deps.clock, context, {
      action: 'api_key.revoked',
      actor: { type: 'customer', id: customerId },
      target: { type: 'api_key', id },
    });
    return apiKeyView(revoked!);
  });
}

export async function revokeCustomerApiKeys(db: DbOrTx, now: Date, customerId: string): Promise<void> {
  await db
    .update(apiKeys)
    .set({ revokedAt: now })
    .where(and(eq(apiKeys.customerId, customerId), isNull(apiKeys.revokedAt)));
}

/** The live key for a bearer secret, with its customer; undefined for unknown, malformed or revoked keys. */
export async function resolveApiKey(deps: IdentityDeps, secret: string): Promise<ApiKeyRow | undefined> {
  if (!KEY_PATTERN.test(secret)) return undefined;
  const [found] = await deps.db
    .select({ key: apiKeys, status: customers.status, apiAccess: customers.apiAccess })
    .from(apiKeys)
    .innerJoin(customers, eq(customers.id, apiKeys.customerId))
    .where(eq(apiKeys.secretHash, hashSecret(secret)));
  if (!found || found.key.revokedAt || found.status !== 'active' || !found.apiAccess) return undefined;
  const now = deps.clock.now();
  if (!found.key.lastUsedAt || now.getTime() - found.key.lastUsedAt.getTime() >= LAST_USED_INTERVAL_MS) {
    await deps.db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, found.key.id));
  }
  return found.key;
}
