import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LOCALES } from '../../kernel/i18n/index.js';
import { errorResponses } from '../../http/openapi.js';
import { recordAuditEvent } from '../admin/service.js';
import {
  clearSessionCookies,
  cookieName,
  notAuthenticated,
  requestContext,
  setSessionCookies,
} from './auth.js';
import type { IdentityDeps } from './context.js';
import { permissionsOf, STAFF_ROLES } from './permissions.js';
import type { SessionRow, StaffRow } from './schema.js';
import { setApiAccess } from './customers.js';
import {
  customerSchema,
  emailField,
  passwordField,
  staffSchema,
  staffSessionSchema,
  tokenField,
} from './schemas.js';
import { resolveSession, revokeSession } from './sessions.js';
import {
  changeStaffAccess,
  confirmTotpEnrollment,
  createStaff,
  listStaff,
  loadStaffForSession,
  setStaffLocale,
  setUpStaffPassword,
  staffLogIn,
  staffSessionView,
  startTotpEnrollment,
  verifyStaffMfa,
} from './staff.js';

/** The console's sign-in and staff management over HTTP. */

export function staffRoutes(options: { deps: IdentityDeps; secureCookies: boolean }): FastifyPluginAsyncZod {
  const { deps, secureCookies } = options;
  const tags = ['staff'];
  const codeField = z
    .string()
    .regex(/^\d{6}$/)
    .meta({ example: '123456' });

  const staffSession = (request: FastifyRequest): SessionRow => {
    if (request.auth?.kind !== 'staff') throw notAuthenticated();
    return request.auth.session;
  };
  const answer = (reply: FastifyReply, token: string, session: SessionRow, member: StaffRow) => {
    // A session cookie (no expiry): closing the browser ends console access.
    setSessionCookies(reply, { subject: 'staff', secure: secureCookies, token });
    return staffSessionView(deps, session, member, permissionsOf(member.role));
  };

  return async (app) => {
    app.post(
      '/staff/sessions',
      {
        schema: {
          tags,
          summary: 'Staff log in (password step)',
          body: z.object({ email: emailField, password: passwordField }).strict(),
          response: { 201: staffSessionSchema, ...errorResponses(400, 401, 403, 429) },
        },
      },
      async (request, reply) => {
        const previous = request.cookies[cookieName('staff', secureCookies)];
        const previousSession = previous
          ? await resolveSession(deps.db, deps.clock, 'staff', previous)
          : undefined;
        const result = await staffLogIn(deps, requestContext(request), {
          ...request.body,
          previousSessionId: previousSession?.id,
        });
        return reply.code(201).send(answer(reply, result.token, result.row, result.member));
      },
    );

    app.get(
      '/staff/session',
      {
        config: { auth: 'staff', beforeMfa: true },
        schema: {
          tags,
          summary: 'The current staff session',
          response: { 200: staffSessionSchema, ...errorResponses(401, 403) },
        },
      },
      async (request) => {
        const session = staffSession(request);
        const member = await loadStaffForSession(deps, session);
        if (!member) throw notAuthenticated();
        return staffSessionView(deps, session, member, permissionsOf(member.role));
      },
    );

    app.patch(
      '/staff/me',
      {
        config: { auth: 'staff' },
        schema: {
          tags,
          summary: 'Change my console preferences',
          description:
            'The console language, kept on the staff account: every browser the person signs in from opens in it.',
          body: z.object({ locale: z.enum(LOCALES) }).strict(),
          response: { 200: staffSchema, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => {
        const session = staffSession(request);
        return setStaffLocale(deps, requestContext(request), session.subjectId, request.body.locale);
      },
    );

    app.delete(
      '/staff/session',
      {
        config: { auth: 'staff', beforeMfa: true },
        schema: { tags, summary: 'Staff log out', response: { 204: z.null(), ...errorResponses(401, 403) } },
      },
      async (request, reply) => {
        const session = staffSession(request);
        await deps.db.transaction(async (tx) => {
          await revokeSession(tx, deps.clock, session.id, 'logout');
          await recordAuditEvent(tx, deps.clock, requestContext(request), {
            action: 'staff.logout',
            actor: { type: 'staff', id: session.subjectId },
            target: { type: 'staff', id: session.subjectId },
          });
        });
        clearSessionCookies(reply, 'staff', secureCookies);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/staff/session/mfa',
      {
        config: { auth: 'staff', beforeMfa: true },
        schema: {
          tags,
          summary: 'Second step: a TOTP code; the session id is replaced',
          body: z.object({ code: codeField }).strict(),
          response: { 200: staffSessionSchema, ...errorResponses(400, 401, 403, 409, 429) },
        },
      },
      async (request, reply) => {
        const result = await verifyStaffMfa(
          deps,
          requestContext(request),
          staffSession(request),
          request.body.code,
        );
        return answer(reply, result.token, result.row, result.member);
      },
    );

    app.post(
      '/staff/session/totp',
      {
        config: { auth: 'staff', beforeMfa: true },
        schema: {
          tags,
          summary: 'Start TOTP enrolment: a secret and its QR code for an authenticator app',
          response: {
            200: z.object({
              object: z.literal('totp_enrollment'),
              otpauth_url: z.string(),
              secret: z.string(),
              qr_svg: z.string(),
            }),
            ...errorResponses(401, 403, 409),
          },
        },
      },
      async (request, reply) => {
        void reply.header('cache-control', 'no-store');
        return startTotpEnrollment(deps, staffSession(request));
      },
    );

    app.post(
      '/staff/session/totp/confirm',
      {
        config: { auth: 'staff', beforeMfa: true },
        schema: {
          tags,
          summary: 'Finish TOTP enrolment with a code from the app',
          body: z.object({ code: codeField }).strict(),
          response: { 200: staffSessionSchema, ...errorResponses(400, 401, 403, 409, 429) },
        },
      },
      async (request, reply) => {
        const result = await confirmTotpEnrollment(
          deps,
          requestContext(request),
          staffSession(request),
          request.body.code,
        );
        return answer(reply, result.token, result.row, result.member);
      },
    );

    app.get(
      '/staff',
      {
        config: { auth: 'staff', permission: 'staff.read', localOperator: true },
        schema: {
          tags,
          summary: 'Staff members',
          response: {
            200: z.object({
              object: z.literal('list'),
              data: z.array(staffSchema),
              has_more: z.literal(false),
            }),
            ...errorResponses(401, 403),
          },
        },
      },
      async () => ({ object: 'list' as const, has_more: false as const, data: await listStaff(deps) }),
    );

    app.post(
      '/staff',
      {
        config: {
          auth: 'staff',
          permission: 'staff.manage',
          localOperator: true,
          idempotent: { redact: ['set_password_url'] },
        },
        schema: {
          tags,
          summary: 'Add a staff member; the one-time set-password link is returned once and emailed',
          body: z
            .object({
              email: emailField,
              role: z.enum(STAFF_ROLES),
              locale: z.enum(LOCALES).optional().meta({
                description:
                  'The new member’s language: the invitation email is written in it (default: this request’s).',
              }),
            })
            .strict(),
          response: {
            201: staffSchema.extend({ set_password_url: z.string().optional() }),
            ...errorResponses(400, 401, 403, 409),
          },
        },
      },
      async (request, reply) => {
        // No staff session here means the local operator (simfill staff create on this machine).
        const auth = request.auth;
        const actor =
          auth?.kind === 'staff'
            ? { type: 'staff' as const, id: auth.staffId, role: auth.role }
            : { type: 'system' as const };
        const result = await createStaff(deps, requestContext(request), actor, {
          email: request.body.email,
          role: request.body.role,
          locale: request.body.locale ?? request.locale,
        });
        return reply.code(201).send({ ...result.staff, set_password_url: result.setPasswordUrl });
      },
    );

    for (const [path, change, summary] of [
      ['disable', 'disable', 'Disable a staff member: every session ends at once'],
      ['enable', 'enable', 'Enable a disabled staff member again'],
      ['reset-totp', 'reset_totp', 'Reset two-factor (lost phone): the member enrols again at next sign-in'],
    ] as const) {
      app.post(
        `/staff/:id/${path}`,
        {
          config: { auth: 'staff', permission: 'staff.manage', localOperator: true },
          schema: {
            tags,
            summary,
            params: z.object({ id: z.string().max(100) }),
            response: { 200: staffSchema, ...errorResponses(401, 403, 404, 409) },
          },
        },
        async (request) => {
          // No staff session here means the local operator (simfill staff … on this machine).
          const auth = request.auth;
          const actor =
            auth?.kind === 'staff'
              ? { type: 'staff' as const, id: auth.staffId, role: auth.role }
              : { type: 'system' as const };
          return changeStaffAccess(deps, requestContext(request), actor, request.params.id, change);
        },
      );
    }

    app.post(
      '/customers/:id/api-access',
      {
        config: { auth: 'staff', permission: 'customers.manage' },
        schema: {
          tags,
          summary:
            'Make a customer a partner account that may create API keys, or stop that (revokes its keys)',
          params: z.object({ id: z.string().max(100) }),
          body: z.object({ enabled: z.boolean() }).strict(),
          response: { 200: customerSchema, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => {
        if (request.auth?.kind !== 'staff') throw notAuthenticated();
        return setApiAccess(
          deps,
          requestContext(request),
          { type: 'staff', id: request.auth.staffId },
          request.params.id,
          request.body.enabled,
        );
      },
    );

    app.post(
      '/staff/password-setups',
      {
        schema: {
          tags,
          summary: 'Set a staff password with the one-time link token',
          body: z.object({ token: tokenField, password: passwordField }).strict(),
          response: {
            200: z.object({ object: z.literal('staff_password_setup'), status: z.literal('completed') }),
            ...errorResponses(400, 429),
          },
        },
      },
      async (request) => setUpStaffPassword(deps, requestContext(request), request.body),
    );
  };
}
