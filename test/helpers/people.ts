import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { Clock } from '../../src/kernel/clock.js';
import type { JobQueue } from '../../src/kernel/jobs.js';
import { SYSTEM_CONTEXT } from '../../src/modules/admin/service.js';
import { createStaff } from '../../src/modules/identity/staff.js';
import type { StaffRole } from '../../src/modules/identity/permissions.js';
import type { Database } from '../../src/db/index.js';
import { TestClient } from './client.js';
import { linkIn, type MailWorld } from './mail.js';

/** Factories for the people of a test: a verified, signed-in customer; a signed-in staff member. */

let ipCounter = 0;
export const browserFor = (app: FastifyInstance, locale = 'en') =>
  new TestClient(app, { ip: `203.0.113.${(++ipCounter % 250) + 1}`, locale });

export async function aCustomer(
  app: FastifyInstance,
  mail: MailWorld,
  email: string,
  options: { locale?: string; password?: string } = {},
): Promise<{ browser: TestClient; id: string }> {
  const password = options.password ?? 'customer password 1';
  const browser = browserFor(app, options.locale);
  expect((await browser.post('/v1/registrations', { email, password })).statusCode).toBe(202);
  const message = await mail.nextMessageTo(email);
  const token = new URL(linkIn(message, 'http://localhost:8080/verify-email')).searchParams.get('token')!;
  await browser.post('/v1/email-verifications', { token });
  const login = await browser.post('/v1/sessions', { email, password });
  expect(login.statusCode).toBe(201);
  return { browser, id: login.json<{ customer: { id: string } }>().customer.id };
}

export async function aStaffMember(
  app: FastifyInstance,
  context: { database: Database; jobs: JobQueue; clock: Clock },
  email: string,
  role: StaffRole,
): Promise<{ browser: TestClient; id: string }> {
  const created = await createStaff(
    {
      db: context.database.db,
      jobs: context.jobs,
      clock: context.clock,
      baseUrl: 'http://localhost:8080',
      staffTotpRequired: false,
    },
    SYSTEM_CONTEXT,
    { type: 'system' },
    { email, role, locale: 'en' },
  );
  const token = new URL(created.setPasswordUrl).searchParams.get('token')!;
  const browser = browserFor(app);
  expect(
    (await browser.post('/v1/staff/password-setups', { token, password: 'staff password 99' })).statusCode,
  ).toBe(200);
  expect(
    (await browser.post('/v1/staff/sessions', { email, password: 'staff password 99' })).statusCode,
  ).toBe(201);
  return { browser, id: created.staff.id };
}
