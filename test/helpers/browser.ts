import { expect } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import fs from 'node:fs';
import { until } from './wait.js';

/** What the Chromium journeys against `simfill start` share: the browser, the dev mailbox, a verified customer. */

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface DevMessage {
  subject: string;
  envelope_to: string[];
  text: string;
}

export function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: npm test installs it.`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
  });
}

/** The embedded server's dev mailbox, read with the data dir's local-operator token. */
export function devMailbox(base: () => string, localToken: () => string) {
  const list = async (): Promise<DevMessage[]> => {
    const response = await fetch(`${base()}/v1/dev/mailbox?limit=100`, {
      headers: { 'x-simfill-local-token': localToken() },
    });
    return ((await response.json()) as { data: DevMessage[] }).data;
  };
  /** The first message that matches, waited for up to 20 s. */
  const to = (match: (message: DevMessage) => boolean, what: string) =>
    until(async () => (await list()).find(match), Boolean, what, 20_000) as Promise<DevMessage>;
  return { list, to };
}

/** Registers `email` over HTTP and follows the verification link from the dev mailbox. */
export async function registerVerifiedCustomer(
  base: string,
  mailbox: ReturnType<typeof devMailbox>,
  account: { email: string; password: string; locale?: string },
): Promise<void> {
  const registered = await fetch(`${base}/v1/registrations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: account.email,
      password: account.password,
      locale: account.locale ?? 'zh-CN',
    }),
  });
  expect(registered.status).toBe(202);
  const verification = await mailbox.to(
    (m) => m.envelope_to.includes(account.email),
    'the verification email',
  );
  const token = new URL(/https?:\/\/\S+verify-email\S+/.exec(verification.text)![0]).searchParams.get(
    'token',
  );
  await fetch(`${base}/v1/email-verifications`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });
}
