import type { FastifyInstance } from 'fastify';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/kernel/clock.js';
import { SYSTEM_CONTEXT } from '../src/modules/admin/service.js';
import { purgeDeletedCustomers } from '../src/modules/identity/account.js';
import type { IdentityDeps } from '../src/modules/identity/context.js';
import { createStaff } from '../src/modules/identity/staff.js';
import { buildTestApp } from './helpers/app.js';
import { TestClient } from './helpers/client.js';
import { describeEachDatabase } from './helpers/databases.js';
import { linkIn, useMailWorld } from './helpers/mail.js';

/** Staff and the console, partners' API keys, the audit log, and a customer's data rights. */
describeEachDatabase('access: staff, API keys, audit log, data rights', (testDb) => {
  const clock = new ManualClock('2026-11-24T08:00:00Z');
  const mail = useMailWorld(testDb, clock);
  let app: FastifyInstance;
  let totpApp: FastifyInstance;
  let ipCounter = 0;
  const deps = (staffTotpRequired = false): IdentityDeps => ({
    db: testDb.database.db,
    jobs: mail.jobs,
    clock,
    baseUrl: 'http://localhost:8080',
    staffTotpRequired,
  });

  beforeAll(async () => {
    app = await buildTestApp(testDb.database, { clock, jobs: mail.jobs, devMailbox: true });
    totpApp = await buildTestApp(testDb.database, { clock, jobs: mail.jobs, staffTotpRequired: true });
  });
  afterAll(async () => {
    await app?.close();
    await totpApp?.close();
  });

  const client = (target = app, locale = 'en') =>
    new TestClient(target, { ip: `192.0.2.${++ipCounter}`, locale });

  async function aCustomer(email: string, password = 'customer password 1') {
    const browser = client();
    await browser.post('/v1/registrations', { email, password });
    const message = await mail.nextMessageTo(email);
    const token = new URL(linkIn(message, 'http://localhost:8080/verify-email')).searchParams.get('token')!;
    await browser.post('/v1/email-verifications', { token });
    const login = await browser.post('/v1/sessions', { email, password });
    expect(login.statusCode).toBe(201);
    return { browser, id: login.json().customer.id as string };
  }

  async function aStaffMember(email: string, role: 'owner' | 'admin' | 'support' | 'finance', target = app) {
    const created = await createStaff(
      deps(),
      SYSTEM_CONTEXT,
      { type: 'system' },
      { email, role, locale: 'en' },
    );
    const token = new URL(created.setPasswordUrl).searchParams.get('token')!;
    const browser = client(target);
    const setup = await browser.post('/v1/staff/password-setups', { token, password: 'staff password 99' });
    expect(setup.statusCode).toBe(200);
    const login = await browser.post('/v1/staff/sessions', { email, password: 'staff password 99' });
    expect(login.statusCode).toBe(201);
    return { browser, id: created.staff.id, session: login.json() };
  }

  describe('staff and the console', () => {
    it('lets staff see a customer’s events in the audit log, filtered, while a customer session gets 403', async () => {
      const customer = await aCustomer('audited@example.com');
      await client().post('/v1/sessions', { email: 'audited@example.com', password: 'wrong password!' });
      const owner = await aStaffMember('owner@simfill.test', 'owner');
      expect(owner.session).toMatchObject({
        object: 'staff_session',
        mfa: 'not_enrolled',
        mfa_required: false,
      });

      const events = await owner.browser.get(`/v1/audit-events?subject=${customer.id}`);
      expect(events.statusCode).toBe(200);
      const actions = events.json().data.map((event: { action: string }) => event.action);
      expect(actions).toEqual([
        'customer.login_failed',
        'customer.login_succeeded',
        'customer.email_verified',
        'customer.registered',
      ]);
      const failed = await owner.browser.get(`/v1/audit-events?target=${customer.id}&outcome=failure`);
      expect(failed.json().data).toHaveLength(1);
      expect(failed.json().data[0]).toMatchObject({
        action: 'customer.login_failed',
        outcome: 'failure',
        actor: { type: 'anonymous', id: null },
        details: { reason: 'wrong_password' },
        user_agent: 'TestClient/1.0',
      });
      expect(failed.json().data[0].ip).toMatch(/^192\.0\.2\./);

      const asCustomer = await customer.browser.get('/v1/audit-events');
      expect(asCustomer.statusCode).toBe(403);
      expect(asCustomer.json().error).toMatchObject({ type: 'permission_error', code: 'permission_denied' });
      expect((await client().get('/v1/audit-events')).statusCode).toBe(401);
    });

    it('checks the role on every console route: support reads, only staff managers add staff, only owners add owners', async () => {
      const support = await aStaffMember('support@simfill.test', 'support');
      expect((await support.browser.get('/v1/staff')).statusCode).toBe(200);
      expect((await support.browser.get('/v1/dev/mailbox')).statusCode).toBe(200);
      const denied = await support.browser.post('/v1/staff', { email: 'new@simfill.test', role: 'support' });
      expect(denied.statusCode).toBe(403);

      const admin = await aStaffMember('admin@simfill.test', 'admin');
      const owner = await admin.browser.post('/v1/staff', { email: 'boss@simfill.test', role: 'owner' });
      expect(owner.statusCode).toBe(403);
      const added = await admin.browser.post(
        '/v1/staff',
        { email: 'finance@simfill.test', role: 'finance' },
        { 'idempotency-key': 'add-finance-1' },
      );
      expect(added.statusCode).toBe(201);
      expect(added.json().set_password_url).toMatch(
        /^http:\/\/localhost:8080\/console\/set-password\?token=/,
      );
      const replay = await admin.browser.post(
        '/v1/staff',
        { email: 'finance@simfill.test', role: 'finance' },
        { 'idempotency-key': 'add-finance-1' },
      );
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.json().id).toBe(added.json().id);
      expect(replay.json().set_password_url).toBeUndefined();
      const invitation = await mail.nextMessageTo('finance@simfill.test');
      expect(invitation.text).toContain(added.json().set_password_url);
      const finance = await aStaffMember('finance2@simfill.test', 'finance');
      expect((await finance.browser.get('/v1/dev/mailbox')).statusCode).toBe(403);
      const audit = await admin.browser.get(`/v1/audit-events?action=staff.created&actor=${admin.id}`);
      expect(audit.json().data).toHaveLength(1);
      // The invitation is written in the new member's language, not the inviter's.
      const chinese = await admin.browser.post('/v1/staff', {
        email: 'kefu@simfill.test',
        role: 'support',
        locale: 'zh-CN',
      });
      expect(chinese.statusCode, chinese.body).toBe(201);
      expect((await mail.nextMessageTo('kefu@simfill.test')).subject).toBe('您的 SimFill 控制台账户');
    });

    it('keeps a staff member’s console language on the account, so a new browser opens in it', async () => {
      const member = await aStaffMember('language@simfill.test', 'support');
      // Until the person chooses, the account has no language of its own (each browser keeps its own).
      const session = await member.browser.get('/v1/staff/session');
      expect(session.json().staff.locale).toBeNull();

      const changed = await member.browser.patch('/v1/staff/me', { locale: 'zh-CN' });
      expect(changed.statusCode, changed.body).toBe(200);
      expect(changed.json().locale).toBe('zh-CN');

      const elsewhere = client();
      const signIn = await elsewhere.post('/v1/staff/sessions', {
        email: 'language@simfill.test',
        password: 'staff password 99',
      });
      expect(signIn.statusCode).toBe(201);
      expect(signIn.json().staff.locale).toBe('zh-CN');
      const audit = await member.browser.get(
        `/v1/audit-events?action=staff.locale_changed&actor=${member.id}`,
      );
      expect(audit.json().data).toHaveLength(1);

      const unknown = await member.browser.patch('/v1/staff/me', { locale: 'fr' });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().error.param).toBe('locale');
      expect((await member.browser.get('/v1/staff/session')).json().staff.locale).toBe('zh-CN');
      expect((await client().patch('/v1/staff/me', { locale: 'en' })).statusCode).toBe(401);
    });

    it('requires TOTP for owners and admins when configured: enrol, then every login needs a fresh code', async () => {
      const admin = await aStaffMember('totp-admin@simfill.test', 'admin', totpApp);
      expect(admin.session).toMatchObject({ mfa: 'not_enrolled', mfa_required: true });
      const blocked = await admin.browser.get('/v1/audit-events');
      expect(blocked.statusCode).toBe(401);
      expect(blocked.json().error.code).toBe('mfa_required');

      const enrolment = (await admin.browser.post('/v1/staff/session/totp')).json();
      expect(enrolment.otpauth_url).toMatch(/^otpauth:\/\/totp\/SimFill:totp-admin%40simfill\.test\?/);
      expect(enrolment.qr_svg).toContain('<svg');
      const totp = new TOTP({ secret: Secret.fromBase32(enrolment.secret) });
      const wrong = await admin.browser.post('/v1/staff/session/totp/confirm', { code: '000000' });
      expect(wrong.json().error).toMatchObject({ code: 'mfa_code_invalid', param: 'code' });
      const before = admin.browser.cookies.get('simfill_staff_session');
      const code = totp.generate({ timestamp: clock.now().getTime() });
      const confirmed = await admin.browser.post('/v1/staff/session/totp/confirm', { code });
      expect(confirmed.json()).toMatchObject({ mfa: 'verified' });
      expect(admin.browser.cookies.get('simfill_staff_session')).not.toBe(before);
      expect((await admin.browser.get('/v1/audit-events')).statusCode).toBe(200);

      const again = client(totpApp);
      const login = await again.post('/v1/staff/sessions', {
        email: 'totp-admin@simfill.test',
        password: 'staff password 99',
      });
      expect(login.json()).toMatchObject({ mfa: 'pending' });
      expect((await again.get('/v1/staff')).json().error.code).toBe('mfa_required');
      const replayed = await again.post('/v1/staff/session/mfa', { code });
      expect(replayed.json().error.code).toBe('mfa_code_invalid');
      clock.advance(30_000);
      const next = totp.generate({ timestamp: clock.now().getTime() });
      expect((await again.post('/v1/staff/session/mfa', { code: next })).json()).toMatchObject({
        mfa: 'verified',
      });
      expect((await again.get('/v1/staff')).statusCode).toBe(200);

      const support = await aStaffMember('totp-support@simfill.test', 'support', totpApp);
      expect(support.session).toMatchObject({ mfa_required: false });
      expect((await support.browser.get('/v1/staff')).statusCode).toBe(200);
    });
    it('lets an admin disable, re-enable and reset the two-factor of another member, never their own or an owner', async () => {
      const admin = await aStaffMember('offboarding-admin@simfill.test', 'admin');
      const leaver = await aStaffMember('leaver@simfill.test', 'support');
      const owner = await aStaffMember('offboarding-owner@simfill.test', 'owner');

      const disabled = await admin.browser.post(`/v1/staff/${leaver.id}/disable`);
      expect(disabled.json()).toMatchObject({ id: leaver.id, status: 'disabled' });
      expect((await leaver.browser.get('/v1/staff')).statusCode).toBe(401);
      const again = await client().post('/v1/staff/sessions', {
        email: 'leaver@simfill.test',
        password: 'staff password 99',
      });
      expect(again.json().error.code).toBe('invalid_credentials');

      expect((await admin.browser.post(`/v1/staff/${owner.id}/disable`)).statusCode).toBe(403);
      const self = await admin.browser.post(`/v1/staff/${admin.id}/disable`);
      expect(self.statusCode).toBe(409);
      expect(self.json().error.code).toBe('staff_self_change');
      expect((await admin.browser.post('/v1/staff/stf_01jz8x4e5qf0m8g4v3k2y1t9bc/disable')).statusCode).toBe(
        404,
      );

      expect((await admin.browser.post(`/v1/staff/${leaver.id}/enable`)).json().status).toBe('active');
      const back = await client().post('/v1/staff/sessions', {
        email: 'leaver@simfill.test',
        password: 'staff password 99',
      });
      expect(back.statusCode).toBe(201);
      expect((await admin.browser.post(`/v1/staff/${leaver.id}/reset-totp`)).json().totp_enabled).toBe(false);

      const actions = (
        await owner.browser.get(`/v1/audit-events?target=${leaver.id}&actor=${admin.id}`)
      ).json().data;
      expect(actions.map((event: { action: string }) => event.action)).toEqual([
        'staff.totp_reset',
        'staff.enabled',
        'staff.disabled',
      ]);
    });
  });

  describe('API keys', () => {
    it('shows a key once, stores only its hash, authenticates with Bearer within its scopes, and stops at revocation', async () => {
      const partner = await aCustomer('partner@example.com');
      const notPartner = await partner.browser.post('/v1/account/api-keys', {
        name: 'Too early',
        mode: 'test',
        scopes: ['account:read'],
      });
      expect(notPartner.statusCode).toBe(403);
      expect(notPartner.json().error.code).toBe('api_access_not_enabled');
      // The operator finds the account in the console and makes it a partner.
      const operator = await aStaffMember('partners@simfill.test', 'admin');
      const found = (await operator.browser.get('/v1/customers?query=PARTNER@example.com')).json().data;
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ id: partner.id, api_access: false });
      const enabled = await operator.browser.post(`/v1/customers/${partner.id}/api-access`, {
        enabled: true,
      });
      expect(enabled.json().api_access).toBe(true);

      const created = await partner.browser.post(
        '/v1/account/api-keys',
        { name: 'Top-up app', mode: 'test', scopes: ['account:read'] },
        { 'idempotency-key': 'key-1' },
      );
      expect(created.statusCode).toBe(201);
      const key = created.json();
      expect(key.secret).toMatch(/^sk_test_[A-Za-z0-9_-]{43}$/);
      expect(key.redacted).toBe(`sk_test_…${key.secret.slice(-4)}`);
      const stored = await testDb.database.query<{ secret_hash: string }>(
        'select secret_hash from identity_api_keys where id = $1',
        [key.id],
      );
      expect(stored.rows[0]!.secret_hash).not.toContain(key.secret);

      const replay = await partner.browser.post(
        '/v1/account/api-keys',
        { name: 'Top-up app', mode: 'test', scopes: ['account:read'] },
        { 'idempotency-key': 'key-1' },
      );
      expect(replay.json().id).toBe(key.id);
      expect(replay.json().secret).toBeUndefined();

      const program = new TestClient(app, { ip: '203.0.113.99' });
      const bearer = { authorization: `Bearer ${key.secret}` };
      const account = await program.get('/v1/account', bearer);
      expect(account.statusCode).toBe(200);
      expect(account.json()).toMatchObject({ id: partner.id, email: 'partner@example.com' });
      const listed = (await partner.browser.get('/v1/account/api-keys')).json().data;
      expect(listed[0]).toMatchObject({ id: key.id, last_used: clock.now().toISOString() });
      expect(listed[0].secret).toBeUndefined();

      const notForKeys = await program.get('/v1/account/api-keys', bearer);
      expect(notForKeys.statusCode).toBe(403);
      const noScope = await partner.browser.post('/v1/account/api-keys', {
        name: 'Orders only',
        mode: 'live',
        scopes: ['orders:read'],
      });
      const ordersOnly = await program.get('/v1/account', {
        authorization: `Bearer ${noScope.json().secret}`,
      });
      expect(ordersOnly.statusCode).toBe(403);
      expect(ordersOnly.json().error).toMatchObject({ code: 'api_key_scope_missing' });

      expect((await partner.browser.delete(`/v1/account/api-keys/${key.id}`)).json().revoked).not.toBeNull();
      const revoked = await program.get('/v1/account', bearer);
      expect(revoked.statusCode).toBe(401);
      expect(revoked.json().error).toMatchObject({ type: 'authentication_error', code: 'api_key_invalid' });
      const garbage = await program.get('/v1/account', { authorization: 'Bearer sk_live_nope' });
      expect(garbage.statusCode).toBe(401);

      // Withdrawing API access stops every key of the account at once.
      const ordersKey = noScope.json().secret as string;
      await operator.browser.post(`/v1/customers/${partner.id}/api-access`, { enabled: false });
      const stopped = await program.get('/v1/account', { authorization: `Bearer ${ordersKey}` });
      expect(stopped.statusCode).toBe(401);
      const support = await aStaffMember('partners-support@simfill.test', 'support');
      expect((await support.browser.get(`/v1/customers?query=${partner.id}`)).json().data).toHaveLength(1);
      const denied = await support.browser.post(`/v1/customers/${partner.id}/api-access`, { enabled: true });
      expect(denied.statusCode).toBe(403);
    });
  });

  describe('data rights', () => {
    it('exports everything about the customer as a JSON download', async () => {
      const customer = await aCustomer('export@example.com');
      const response = await customer.browser.get('/v1/account/export');
      expect(response.headers['content-disposition']).toMatch(
        /^attachment; filename="simfill-data-2026-11-2\d\.json"$/,
      );
      const data = response.json();
      expect(data.customer).toMatchObject({ id: customer.id, email: 'export@example.com' });
      expect(data.sessions.length).toBeGreaterThanOrEqual(1);
      expect(data.audit_events.map((event: { action: string }) => event.action)).toContain(
        'customer.registered',
      );
      expect(data.emails[0]).toMatchObject({ template: 'email_verification' });
      expect(JSON.stringify(data)).not.toMatch(/argon2|password_hash|token_hash/);
    });

    it('deletes an account after the grace period: cancellable until then, anonymised after, audit trail kept', async () => {
      const customer = await aCustomer('leaving@example.com');
      const wrong = await customer.browser.post('/v1/account/deletion', { password: 'not my password' });
      expect(wrong.json().error).toMatchObject({ code: 'password_incorrect', param: 'password' });
      const requested = await customer.browser.post('/v1/account/deletion', {
        password: 'customer password 1',
      });
      expect(requested.statusCode).toBe(202);
      const fourteenDaysOn = new Date(clock.now().getTime() + 14 * 24 * 60 * 60 * 1000).toISOString();
      expect(requested.json().deletion.scheduled_for).toBe(fourteenDaysOn);
      expect((await customer.browser.get('/v1/session')).statusCode).toBe(401);
      const notice = await mail.nextMessageTo('leaving@example.com');
      expect(notice.subject).toBe('Your SimFill account will be deleted');

      const back = client();
      const login = await back.post('/v1/sessions', {
        email: 'leaving@example.com',
        password: 'customer password 1',
      });
      expect(login.json().customer.deletion).not.toBeNull();
      expect((await back.delete('/v1/account/deletion')).json().deletion).toBeNull();
      await back.post('/v1/account/deletion', { password: 'customer password 1' });

      clock.advance(13 * 24 * 60 * 60 * 1000);
      expect(await purgeDeletedCustomers(deps())).toBe(0);
      clock.advance(2 * 24 * 60 * 60 * 1000);
      expect(await purgeDeletedCustomers(deps())).toBe(1);

      const gone = await client().post('/v1/sessions', {
        email: 'leaving@example.com',
        password: 'customer password 1',
      });
      expect(gone.statusCode).toBe(401);
      const row = await testDb.database.query<{
        email: string;
        name: string | null;
        password_hash: string | null;
      }>('select email, name, password_hash from identity_customers where id = $1', [customer.id]);
      expect(row.rows[0]).toEqual({
        email: `deleted+${customer.id}@deleted.invalid`,
        name: null,
        password_hash: null,
      });
      const emails = await testDb.database.query<{ n: number }>(
        "select count(*)::int as n from notifications_emails where to_address = 'leaving@example.com'",
      );
      expect(emails.rows[0]!.n).toBe(0);
      const audit = await testDb.database.query<{ action: string }>(
        "select action from admin_audit_events where target_id = $1 and action = 'customer.deleted'",
        [customer.id],
      );
      expect(audit.rows).toHaveLength(1);
    });

    it('keeps the audit log append-only, even against direct SQL', async () => {
      await expect(testDb.database.query("update admin_audit_events set action = 'x'")).rejects.toThrow(
        /append-only/,
      );
      await expect(testDb.database.query('delete from admin_audit_events')).rejects.toThrow(/append-only/);
    });
  });
});
