import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../http/openapi.js';
import { LOCALES } from '../../kernel/i18n/index.js';
import { cancelDeletion, requestDeletion } from './account.js';
import { API_SCOPES, createApiKey, listApiKeys, revokeApiKey } from './api-keys.js';
import {
  clearSessionCookies,
  cookieName,
  notAuthenticated,
  requestContext,
  setSessionCookies,
} from './auth.js';
import type { IdentityDeps } from './context.js';
import {
  customerView,
  getCustomer,
  registerCustomer,
  resendVerification,
  updateProfile,
  verifyEmail,
} from './customers.js';
import {
  changePassword,
  confirmPasswordReset,
  logIn,
  logOut,
  requestPasswordReset,
  sessionView,
} from './login.js';
import type { SessionRow } from './schema.js';
import { listLiveSessions, revokeSession, revokeSubjectSessions, resolveSession } from './sessions.js';
import { recordAuditEvent } from '../admin/service.js';
import { notFound } from '../../kernel/errors.js';
import { isId } from '../../kernel/ids.js';
import {
  apiKeySchema,
  customerSchema,
  emailField,
  passwordField,
  sessionSchema,
  sessionSummarySchema,
  tokenField,
} from './schemas.js';

/** The customer side of identity over HTTP: registration, sessions, the account, API keys. */

export interface IdentityRouteOptions {
  deps: IdentityDeps;
  secureCookies: boolean;
}

function customerOf(request: FastifyRequest): { customerId: string; session?: SessionRow } {
  const auth = request.auth;
  if (!auth || auth.kind === 'staff') throw notAuthenticated();
  return auth.kind === 'customer'
    ? { customerId: auth.customerId, session: auth.session }
    : { customerId: auth.customerId };
}

function sessionOf(request: FastifyRequest): SessionRow {
  const auth = request.auth;
  if (auth?.kind !== 'customer') throw notAuthenticated();
  return auth.session;
}

export function identityRoutes(options: IdentityRouteOptions): FastifyPluginAsyncZod {
  const { deps, secureCookies } = options;
  const setCookie = (reply: FastifyReply, token: string, session: SessionRow) =>
    setSessionCookies(reply, {
      subject: 'customer',
      secure: secureCookies,
      token,
      expires: session.absoluteExpiresAt,
    });
  const clearCookie = (reply: FastifyReply) => clearSessionCookies(reply, 'customer', secureCookies);
  const tags = ['accounts'];

  return async (app) => {
    app.post(
      '/registrations',
      {
        config: { idempotent: true },
        schema: {
          tags,
          summary: 'Create a customer account; a verification link is emailed',
          description:
            'Answers 202 in the same way whether or not the email already has an account; the owner of an existing account gets an email saying so.',
          body: z
            .object({
              email: emailField,
              password: passwordField,
              phone: z
                .string()
                .max(32)
                .optional()
                .meta({ description: 'E.164, with the country code: +14155550123, +8613812345678' }),
              name: z.string().max(100).optional(),
              locale: z.enum(LOCALES).optional(),
              display_currency: z.enum(['USD', 'CNY']).optional(),
              time_zone: z.string().max(64).optional(),
            })
            .strict(),
          response: {
            202: z.object({
              object: z.literal('registration'),
              email: z.string(),
              status: z.literal('verification_sent'),
            }),
            ...errorResponses(400, 403, 429),
          },
        },
      },
      async (request, reply) => {
        const body = request.body;
        const result = await registerCustomer(deps, requestContext(request), {
          email: body.email,
          password: body.password,
          phone: body.phone,
          name: body.name,
          locale: body.locale ?? request.locale,
          displayCurrency: body.display_currency,
          timeZone: body.time_zone,
        });
        return reply.code(202).send(result);
      },
    );

    app.post(
      '/email-verifications',
      {
        schema: {
          tags,
          summary: 'Verify an email address with the token from the emailed link',
          body: z.object({ token: tokenField }).strict(),
          response: {
            200: z.object({
              object: z.literal('email_verification'),
              email: z.string(),
              verified: z.literal(true),
            }),
            ...errorResponses(400, 429),
          },
        },
      },
      async (request) => verifyEmail(deps, requestContext(request), request.body.token),
    );

    app.post(
      '/email-verifications/resend',
      {
        schema: {
          tags,
          summary:
            'Send a new verification link (only if the address has an unverified account; the answer never says)',
          body: z.object({ email: emailField }).strict(),
          response: {
            202: z.object({
              object: z.literal('email_verification_request'),
              status: z.literal('sent_if_unverified'),
            }),
            ...errorResponses(400, 429),
          },
        },
      },
      async (request, reply) =>
        reply.code(202).send(await resendVerification(deps, requestContext(request), request.body.email)),
    );

    app.post(
      '/sessions',
      {
        schema: {
          tags,
          summary: 'Log in: sets the session cookie',
          body: z.object({ email: emailField, password: passwordField }).strict(),
          response: { 201: sessionSchema, ...errorResponses(400, 401, 403, 429) },
        },
      },
      async (request, reply) => {
        const previous = request.cookies[cookieName('customer', secureCookies)];
        const previousSession = previous
          ? await resolveSession(deps.db, deps.clock, 'customer', previous)
          : undefined;
        const result = await logIn(deps, requestContext(request), {
          email: request.body.email,
          password: request.body.password,
          previousSessionId: previousSession?.id,
        });
        setCookie(reply, result.token, result.row);
        return reply.code(201).send(sessionView(result.row, result.customer));
      },
    );

    app.get(
      '/session',
      {
        config: { auth: 'customer_session' },
        schema: {
          tags,
          summary: 'The current session (with its CSRF token)',
          response: { 200: sessionSchema, ...errorResponses(401) },
        },
      },
      async (request) => {
        const session = sessionOf(request);
        return sessionView(session, await getCustomer(deps, session.subjectId));
      },
    );

    app.delete(
      '/session',
      {
        config: { auth: 'customer_session' },
        schema: {
          tags,
          summary: 'Log out this device',
          response: { 204: z.null(), ...errorResponses(401, 403) },
        },
      },
      async (request, reply) => {
        await logOut(deps, requestContext(request), sessionOf(request));
        clearCookie(reply);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/account',
      {
        config: { auth: 'customer', scope: 'account:read' },
        schema: {
          tags,
          summary: 'Your profile',
          response: { 200: customerSchema, ...errorResponses(401, 403) },
        },
      },
      async (request) => {
        return customerView(await getCustomer(deps, customerOf(request).customerId));
      },
    );

    app.patch(
      '/account',
      {
        config: { auth: 'customer_session' },
        schema: {
          tags,
          summary: 'Change your name, phone, language, display currency or time zone',
          body: z
            .object({
              name: z.string().max(100).nullable().optional(),
              phone: z.string().max(32).nullable().optional(),
              locale: z.enum(LOCALES).optional(),
              display_currency: z.enum(['USD', 'CNY']).optional(),
              time_zone: z.string().max(64).optional(),
            })
            .strict(),
          response: { 200: customerSchema, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => {
        const { customerId } = customerOf(request);
        const body = request.body;
        return updateProfile(
          deps,
          requestContext(request),
          { type: 'customer', id: customerId },
          customerId,
          {
            name: body.name,
            phone: body.phone,
            locale: body.locale,
            displayCurrency: body.display_currency,
            timeZone: body.time_zone,
          },
        );
      },
    );

    app.post(
      '/account/password',
      {
        config: { auth: 'customer_session' },
        schema: {
          tags,
          summary: 'Change your password; every other device is signed out',
          body: z.object({ current_password: passwordField, new_password: passwordField }).strict(),
          response: { 200: sessionSchema, ...errorResponses(400, 401, 403, 429) },
        },
      },
      async (request, reply) => {
        const session = sessionOf(request);
        const customer = await getCustomer(deps, session.subjectId);
        const result = await changePassword(deps, requestContext(request), customer, {
          currentPassword: request.body.current_password,
          newPassword: request.body.new_password,
        });
        setCookie(reply, result.token, result.row);
        return sessionView(result.row, result.customer);
      },
    );

    app.get(
      '/account/sessions',
      {
        config: { auth: 'customer_session' },
        schema: {
          tags,
          summary: 'Devices signed in to your account',
          response: {
            200: z.object({
              object: z.literal('list'),
              data: z.array(sessionSummarySchema),
              has_more: z.literal(false),
            }),
            ...errorResponses(401),
          },
        },
      },
      async (request) => {
        const current = sessionOf(request);
        const rows = await listLiveSessions(deps.db, deps.clock, { type: 'customer', id: current.subjectId });
        return {
          object: 'list' as const,
          has_more: false as const,
          data: rows.map((row) => ({
            id: row.id,
            object: 'session_summary' as const,
            current: row.id === current.id,
            created: row.createdAt.toISOString(),
            last_active: row.lastSeenAt.toISOString(),
            expires_at: row.absoluteExpiresAt.toISOString(),
            ip: row.ip,
            user_agent: row.userAgent,
          })),
        };
      },
    );

    app.delete(
      '/account/sessions/:id',
      {
        config: { auth: 'customer_session' },
        schema: {
          tags,
          summary: 'Sign out one device',
          params: z.object({ id: z.string().max(100) }),
          response: { 204: z.null(), ...errorResponses(401, 403, 404) },
        },
      },
      async (request, reply) => {
        const current = sessionOf(request);
        const id = request.params.id;
        const mine = isId('session', id)
          ? (await listLiveSessions(deps.db, deps.clock, { type: 'customer', id: current.subjectId })).find(
              (row) => row.id === id,
            )
          : undefined;
        if (!mine) throw notFound('session', id);
        await deps.db.transaction(async (tx) => {
          await revokeSession(tx, deps.clock, id, 'signed_out_by_owner');
          await recordAuditEvent(tx, deps.clock, requestContext(request), {
            action: 'customer.session_revoked',
            actor: { type: 'customer', id: current.subjectId },
            target: { type: 'session', id },
          });
        });
        if (id === current.id) clearCookie(reply);
        return reply.code(204).send(null);
      },
    );

    app.delete(
      '/account/sessions',
      {
        config: { auth: 'customer_session' },
        schema: {
          tags,
          summary: 'Sign out everywhere, this device included',
          response: { 204: z.null(), ...errorResponses(401, 403) },
        },
      },
      async (request, reply) => {
        const current = sessionOf(request);
        await deps.db.transaction(async (tx) => {
          const count = await revokeSubjectSessions(
            tx,
            deps.clock,
            { type: 'customer', id: current.subjectId },
            'signed_out_everywhere',
          );
          await recordAuditEvent(tx, deps.clock, requestContext(request), {
            action: 'customer.sessions_revoked_all',
            actor: { type: 'customer', id: current.subjectId },
            target: { type: 'customer', id: current.subjectId },
            details: { sessions: count },
          });
        });
        clearCookie(reply);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/password-resets',
      {
        schema: {
          tags,
          summary:
            'Email a password reset link (the answer is the same whether or not the address has an account)',
          body: z.object({ email: emailField }).strict(),
          response: {
            202: z.object({
              object: z.literal('password_reset_request'),
              status: z.literal('sent_if_registered'),
            }),
            ...errorResponses(400, 429),
          },
        },
      },
      async (request, reply) =>
        reply.code(202).send(await requestPasswordReset(deps, requestContext(request), request.body.email)),
    );

    app.post(
      '/password-resets/confirm',
      {
        schema: {
          tags,
          summary: 'Set a new password with the token from the reset link (single use, 30 minutes)',
          body: z.object({ token: tokenField, new_password: passwordField }).strict(),
          response: {
            200: z.object({ object: z.literal('password_reset'), status: z.literal('completed') }),
            ...errorResponses(400, 429),
          },
        },
      },
      async (request) =>
        confirmPasswordReset(deps, requestContext(request), {
          token: request.body.token,
          newPassword: request.body.new_password,
        }),
    );

    app.post(
      '/account/deletion',
      {
        config: { auth: 'customer_session' },
        schema: {
          tags,
          summary: 'Delete your account after a 14-day grace period (orders are kept, anonymised)',
          body: z.object({ password: passwordField }).strict(),
          response: { 202: customerSchema, ...errorResponses(400, 401, 403, 429) },
        },
      },
      async (request, reply) => {
        const customer = await getCustomer(deps, sessionOf(request).subjectId);
        const result = await requestDeletion(deps, requestContext(request), customer, request.body.password);
        clearCookie(reply);
        return reply.code(202).send(result);
      },
    );

    app.delete(
      '/account/deletion',
      {
        config: { auth: 'customer_session' },
        schema: {
          tags,
          summary: 'Cancel a pending account deletion',
          response: { 200: customerSchema, ...errorResponses(401, 403, 409) },
        },
      },
      async (request) => {
        const customer = await getCustomer(deps, sessionOf(request).subjectId);
        return cancelDeletion(deps, requestContext(request), customer);
      },
    );

    app.get(
      '/account/api-keys',
      {
        config: { auth: 'customer_session' },
        schema: {
          tags,
          summary: 'Your API keys (secrets are never shown again)',
          response: {
            200: z.object({
              object: z.literal('list'),
              data: z.array(apiKeySchema),
              has_more: z.literal(false),
            }),
            ...errorResponses(401),
          },
        },
      },
      async (request) => ({
        object: 'list' as const,
        has_more: false as const,
        data: await listApiKeys(deps, sessionOf(request).subjectId),
      }),
    );

    app.post(
      '/account/api-keys',
      {
        config: { auth: 'customer_session', idempotent: { redact: ['secret'] } },
        schema: {
          tags,
          summary: 'Create an API key; its secret is in this response only',
          body: z
            .object({
              name: z.string().trim().min(1).max(100),
              mode: z.enum(['test', 'live']),
              scopes: z.array(z.enum(API_SCOPES)).min(1).max(API_SCOPES.length),
            })
            .strict(),
          response: { 201: apiKeySchema, ...errorResponses(400, 401, 403) },
        },
      },
      async (request, reply) => {
        const key = await createApiKey(
          deps,
          requestContext(request),
          sessionOf(request).subjectId,
          request.body,
        );
        return reply.code(201).send(key);
      },
    );

    app.delete(
      '/account/api-keys/:id',
      {
        config: { auth: 'customer_session' },
        schema: {
          tags,
          summary: 'Revoke an API key (it stops working at once)',
          params: z.object({ id: z.string().max(100) }),
          response: { 200: apiKeySchema, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) =>
        revokeApiKey(deps, requestContext(request), sessionOf(request).subjectId, request.params.id),
    );
  };
}
