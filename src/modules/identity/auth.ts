import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../kernel/errors.js';
import type { RequestContext } from '../admin/service.js';
import { resolveApiKey, type ApiScope } from './api-keys.js';
import type { IdentityDeps } from './context.js';
import type { Permission, StaffRole } from './permissions.js';
import { roleCan } from './permissions.js';
import type { SessionRow } from './schema.js';
import { resolveSession, type SubjectType } from './sessions.js';
import { secretsEqual } from './secrets.js';
import { loadStaffForSession, mfaSatisfied } from './staff.js';

/**
 * Who is calling, for routes that declare `config.auth`:
 * - `customer`: a customer session cookie, or an API key (`Authorization: Bearer sk_…`) with `config.scope`;
 * - `customer_session`: a customer session cookie only (account security pages: keys cannot manage keys);
 * - `staff`: a staff session cookie whose role has `config.permission`; a customer here is a 403.
 * Requests that change state with a cookie must echo the session's CSRF token in `X-CSRF-Token`; any unsafe
 * request from another site (Origin / Sec-Fetch-Site) is refused before it reaches a handler.
 */

export type AuthRequirement = 'customer' | 'customer_session' | 'staff';

export type Auth =
  | { kind: 'customer'; customerId: string; session: SessionRow }
  | { kind: 'api_key'; customerId: string; apiKeyId: string; scopes: string[]; mode: 'test' | 'live' }
  | { kind: 'staff'; staffId: string; role: StaffRole; session: SessionRow };

declare module 'fastify' {
  interface FastifyRequest {
    auth: Auth | null;
  }
  interface FastifyContextConfig {
    auth?: AuthRequirement;
    /** API keys need this scope to use the route. */
    scope?: ApiScope;
    /** Staff need this permission to use the route. */
    permission?: Permission;
    /** Staff routes of the sign-in itself (TOTP step, enrolment) that work before the second factor. */
    beforeMfa?: boolean;
    /** Also open to the local operator: `simfill` on this machine with the data dir's token (embedded mode). */
    localOperator?: boolean;
  }
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const CSRF_HEADER = 'x-csrf-token';

export function cookieName(subject: SubjectType, secure: boolean): string {
  const base = subject === 'customer' ? 'simfill_session' : 'simfill_staff_session';
  return secure ? `__Host-${base}` : base;
}

/**
 * A readable companion cookie that only says "a session cookie is set", so the portal asks `GET /v1/session`
 * only when there may be a session (a signed-out visitor's page load then makes no failing request). It holds
 * no secret: the session is the httpOnly cookie.
 */
export function hintCookieName(subject: SubjectType): string {
  return subject === 'customer' ? 'simfill_signed_in' : 'simfill_staff_signed_in';
}

/**
 * The attributes of both session cookies. Clearing uses the same ones: a browser ignores a Set-Cookie for a
 * `__Host-` cookie without `Secure`, and matches the cookie to delete by name, path and domain.
 */
function sessionCookieAttributes(secure: boolean, httpOnly: boolean) {
  return { path: '/', sameSite: 'lax' as const, secure, httpOnly };
}

/** Responses that carry a session (or end one) are never stored by a browser or a proxy cache. */
const NO_STORE = 'no-store';

export function setSessionCookies(
  reply: FastifyReply,
  options: { subject: SubjectType; secure: boolean; token: string; expires?: Date },
): void {
  const expires = options.expires ? { expires: options.expires } : {};
  void reply.setCookie(cookieName(options.subject, options.secure), options.token, {
    ...sessionCookieAttributes(options.secure, true),
    ...expires,
  });
  void reply.setCookie(hintCookieName(options.subject), '1', {
    ...sessionCookieAttributes(options.secure, false),
    ...expires,
  });
  void reply.header('cache-control', NO_STORE);
}

export function clearSessionCookies(reply: FastifyReply, subject: SubjectType, secure: boolean): void {
  void reply.clearCookie(cookieName(subject, secure), sessionCookieAttributes(secure, true));
  void reply.clearCookie(hintCookieName(subject), sessionCookieAttributes(secure, false));
  void reply.header('cache-control', NO_STORE);
}

export function requestContext(request: FastifyRequest): RequestContext {
  const userAgent = request.headers['user-agent'];
  return {
    ip: request.ip,
    userAgent: typeof userAgent === 'string' ? userAgent : null,
    requestId: request.id,
  };
}

export function notAuthenticated(): AppError {
  return new AppError('not_authenticated');
}

export function permissionDenied(): AppError {
  return new AppError('permission_denied');
}

function csrfFailed(): AppError {
  return new AppError('csrf_token_invalid');
}

/** Cross-site unsafe requests are refused whatever they carry (also login CSRF, where no session exists yet). */
function assertSameOrigin(request: FastifyRequest, baseOrigin: string): void {
  const fetchSite = request.headers['sec-fetch-site'];
  if (typeof fetchSite === 'string' && fetchSite !== 'same-origin' && fetchSite !== 'none')
    throw csrfFailed();
  const origin = request.headers.origin;
  if (origin === undefined) return;
  const hostOrigin = `${request.protocol}://${request.host}`;
  if (origin !== baseOrigin && origin !== hostOrigin) throw csrfFailed();
}

function assertCsrfToken(request: FastifyRequest, session: SessionRow): void {
  if (!UNSAFE_METHODS.has(request.method)) return;
  const header = request.headers[CSRF_HEADER];
  if (typeof header !== 'string' || !secretsEqual(header, session.csrfToken)) throw csrfFailed();
}

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new AppError('api_key_invalid');
  return match[1];
}

export interface AuthOptions {
  secureCookies: boolean;
  /** Embedded mode: the secret in the data dir that lets the CLI on this machine read the dev mailbox. */
  localOperatorToken?: string;
}

export const LOCAL_OPERATOR_HEADER = 'x-simfill-local-token';
const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function isLocalOperator(request: FastifyRequest, token: string | undefined): boolean {
  const header = request.headers[LOCAL_OPERATOR_HEADER];
  return (
    token !== undefined &&
    typeof header === 'string' &&
    LOOPBACK.has(request.socket.remoteAddress ?? '') &&
    secretsEqual(header, token)
  );
}

export function registerAuth(app: FastifyInstance, deps: IdentityDeps, options: AuthOptions): void {
  const baseOrigin = new URL(deps.baseUrl).origin;
  app.decorateRequest('auth', null);

  app.addHook('onRequest', async (request) => {
    if (UNSAFE_METHODS.has(request.method)) assertSameOrigin(request, baseOrigin);
  });

  const sessionFor = async (request: FastifyRequest, reply: FastifyReply, subject: SubjectType) => {
    const name = cookieName(subject, options.secureCookies);
    const token = request.cookies[name];
    if (token === undefined) return undefined;
    const session = await resolveSession(deps.db, deps.clock, subject, token);
    if (!session) clearSessionCookies(reply, subject, options.secureCookies);
    return session;
  };

  const authenticate = async (request: FastifyRequest, reply: FastifyReply) => {
    const config = request.routeOptions.config;
    const requirement = config.auth!;
    if (config.localOperator && isLocalOperator(request, options.localOperatorToken)) return;
    if (requirement === 'staff') {
      const session = await sessionFor(request, reply, 'staff');
      if (!session) {
        if (await sessionFor(request, reply, 'customer')) throw permissionDenied();
        throw notAuthenticated();
      }
      assertCsrfToken(request, session);
      const member = await loadStaffForSession(deps, session);
      if (!member) throw notAuthenticated();
      if (!config.beforeMfa && !mfaSatisfied(deps, member, session)) {
        throw new AppError('mfa_required');
      }
      if (config.permission && !roleCan(member.role, config.permission)) throw permissionDenied();
      request.auth = { kind: 'staff', staffId: member.id, role: member.role, session };
      return;
    }
    const bearer = bearerToken(request);
    if (bearer !== undefined) {
      if (requirement !== 'customer') throw permissionDenied();
      const key = await resolveApiKey(deps, bearer);
      if (!key) throw new AppError('api_key_invalid');
      if (config.scope && !key.scopes.includes(config.scope)) {
        throw new AppError('api_key_scope_missing', { values: { scope: config.scope } });
      }
      request.auth = {
        kind: 'api_key',
        customerId: key.customerId,
        apiKeyId: key.id,
        scopes: key.scopes,
        mode: key.mode,
      };
      return;
    }
    const session = await sessionFor(request, reply, 'customer');
    if (!session) throw notAuthenticated();
    assertCsrfToken(request, session);
    request.auth = { kind: 'customer', customerId: session.subjectId, session };
  };

  // Whatever an authenticated route answers (its data, or a 401/403) is about one caller: never cached.
  const noStore = async (_request: FastifyRequest, reply: FastifyReply) => {
    void reply.header('cache-control', NO_STORE);
  };

  app.addHook('onRoute', (route) => {
    if (!route.config?.auth) return;
    route.onRequest = [
      noStore,
      ...([] as unknown[]).concat(route.onRequest ?? []),
      authenticate,
    ] as typeof route.onRequest;
  });
}

/** The id that owns idempotency keys and rate limits for this request. */
export function authSubject(request: FastifyRequest): string {
  const auth = request.auth;
  if (!auth) return 'public';
  return auth.kind === 'staff' ? auth.staffId : auth.customerId;
}

/** The customer a customer-authenticated route acts for (their session or their API key). */
export function customerIdOf(request: FastifyRequest): string {
  const auth = request.auth;
  if (auth?.kind === 'customer' || auth?.kind === 'api_key') return auth.customerId;
  throw notAuthenticated();
}

/** Who an audit event names: the staff member, or the local operator (the CLI on this machine) as the system. */
export function auditActorOf(request: FastifyRequest): { type: 'staff' | 'system'; id?: string } {
  return request.auth?.kind === 'staff' ? { type: 'staff', id: request.auth.staffId } : { type: 'system' };
}

/** The staff member of a staff route. */
export function staffIdOf(request: FastifyRequest): string {
  const auth = request.auth;
  if (auth?.kind !== 'staff') throw notAuthenticated();
  return auth.staffId;
}
