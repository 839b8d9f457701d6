import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { startRuntime, type Runtime } from '../src/runtime.js';
import { SIMULATOR_SECRETS_FILE, type SimulatorSecrets } from '../src/simulator-secrets.js';
import { createScratchPostgres, DATABASE_KINDS, type ScratchPostgres } from './helpers/databases.js';
import { freePort } from './helpers/cli.js';

/** What the code signed the embedded simulators' webhooks with before they were generated per data dir. */
const OLD_STRIPE_WEBHOOK_SECRET = 'whsec_simfill_embedded_simulator';

const stripe = new Stripe('sk_test_unused_here');

function signed(secret: string, event: object) {
  const payload = JSON.stringify(event);
  return {
    payload,
    signature: stripe.webhooks.generateTestHeaderString({ payload, secret }),
  };
}

function paymentSucceeded(id: string) {
  return {
    id,
    object: 'event',
    type: 'payment_intent.succeeded',
    api_version: '2025-10-29.clover',
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    data: {
      object: {
        id: 'pi_3SimfillForged0001',
        object: 'payment_intent',
        amount: 2500,
        amount_received: 2500,
        currency: 'usd',
        status: 'succeeded',
        metadata: {},
      },
    },
  };
}

async function postStripeWebhook(baseUrl: string, secret: string, event: object) {
  const { payload, signature } = signed(secret, event);
  const response = await fetch(`${baseUrl}/v1/webhooks/stripe`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'stripe-signature': signature },
    body: payload,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const silent = pino({ level: 'silent' });

// Each test starts whole runtimes (a first PGlite start runs initdb, seeds and syncs the catalog): minutes on a busy machine.
describe.each(DATABASE_KINDS)(
  'simfill start: simulator secrets per data dir [%s]',
  { timeout: 240_000 },
  (kind) => {
    let root: string;
    let scratch: ScratchPostgres | undefined;
    const env = (dataDir: string, port: number) => ({
      SIMFILL_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      SMTP_DEV_PORT: '0',
      ...(scratch ? { DATABASE_URL: scratch.url } : {}),
    });
    const start = async (dataDir: string, role: 'all' | 'api' = 'all') => {
      const config = loadConfig(env(dataDir, await freePort()));
      return { runtime: await startRuntime({ role, config, logger: silent }), baseUrl: config.http.baseUrl };
    };
    const secretsOf = (dataDir: string) =>
      JSON.parse(fs.readFileSync(path.join(dataDir, SIMULATOR_SECRETS_FILE), 'utf8')) as SimulatorSecrets;
    const inboxCount = async (runtime: Runtime) => {
      const result = await runtime.database.query<{ count: number }>(
        'select count(*)::int as count from payments_provider_events',
      );
      return result.rows[0]!.count;
    };

    beforeAll(async () => {
      root = fs.mkdtempSync(path.join(os.tmpdir(), 'simfill-secrets-'));
      if (kind === 'postgres') scratch = await createScratchPostgres();
    });
    afterAll(async () => {
      fs.rmSync(root, { recursive: true, force: true });
      await scratch?.drop();
    });

    it('refuses webhooks signed with the old constant or a guess, and accepts only the data dir’s own secret, across a restart', async () => {
      const dataDir = path.join(root, 'first');
      const first = await start(dataDir);
      let secrets: SimulatorSecrets;
      try {
        const file = path.join(dataDir, SIMULATOR_SECRETS_FILE);
        expect(fs.statSync(file).mode & 0o777).toBe(0o600);
        secrets = secretsOf(dataDir);
        expect(secrets.stripe.webhookSecret).not.toBe(OLD_STRIPE_WEBHOOK_SECRET);
        expect(fs.readFileSync(file, 'utf8')).not.toMatch(/simfill_embedded|simfill-embedded|WH-SIMFILL/);

        for (const guess of [OLD_STRIPE_WEBHOOK_SECRET, 'whsec_simfill_test', 'whsec_0000000000000000']) {
          const forged = await postStripeWebhook(
            first.baseUrl,
            guess,
            paymentSucceeded(`evt_forged_${guess}`),
          );
          expect(forged.status).toBe(400);
          expect(forged.body).toMatchObject({ error: { code: 'webhook_signature_invalid' } });
        }
        expect(await inboxCount(first.runtime)).toBe(0);

        // The secret in the file is the one the running simulator and SimFill share.
        const genuine = await postStripeWebhook(first.baseUrl, secrets.stripe.webhookSecret, {
          ...paymentSucceeded('evt_genuine_before_restart'),
          type: 'customer.created',
          data: { object: { id: 'cus_simfill1', object: 'customer' } },
        });
        expect(genuine.status).toBe(200);
        expect(await inboxCount(first.runtime)).toBe(1);

        // The simulators' APIs take the file's credentials, not the ones the code used to ship.
        const stripeApi = /Stripe-compatible simulator at (\S+)/.exec(first.runtime.banner.join('\n'))![1]!;
        const retrieve = (key: string) =>
          fetch(`${stripeApi}/v1/payment_intents/pi_3SimfillMissing0001`, {
            headers: { authorization: `Bearer ${key}` },
          });
        expect((await retrieve('sk_test_simfill_embedded_simulator')).status).toBe(401);
        expect((await retrieve(secrets.stripe.secretKey)).status).toBe(404);
        const reloadly = /Reloadly-compatible simulator at (\S+)/.exec(first.runtime.banner.join('\n'))![1]!;
        const reloadlyToken = (clientId: string, clientSecret: string) =>
          fetch(`${reloadly}/oauth/token`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              client_id: clientId,
              client_secret: clientSecret,
              grant_type: 'client_credentials',
              audience: 'https://topups.reloadly.com',
            }),
          });
        expect(
          (await reloadlyToken('simfill-embedded-reloadly', 'simfill-embedded-reloadly-secret')).status,
        ).toBe(401);
        expect((await reloadlyToken(secrets.reloadly.clientId, secrets.reloadly.clientSecret)).status).toBe(
          200,
        );
      } finally {
        await first.runtime.stop();
      }

      // A restart reuses the file, so webhooks of payments begun before it still verify.
      const again = await start(dataDir);
      try {
        expect(secretsOf(dataDir)).toEqual(secrets);
        const late = await postStripeWebhook(again.baseUrl, secrets.stripe.webhookSecret, {
          ...paymentSucceeded('evt_genuine_after_restart'),
          type: 'customer.created',
          data: { object: { id: 'cus_simfill2', object: 'customer' } },
        });
        expect(late.status).toBe(200);
        const forged = await postStripeWebhook(
          again.baseUrl,
          OLD_STRIPE_WEBHOOK_SECRET,
          paymentSucceeded('evt_forged_after_restart'),
        );
        expect(forged.status).toBe(400);
        expect(await inboxCount(again.runtime)).toBe(2);
      } finally {
        await again.runtime.stop();
      }
    });

    it('gives another data dir other secrets', async () => {
      const other = path.join(root, 'second');
      const { runtime } = await start(other);
      await runtime.stop();
      const mine = secretsOf(path.join(root, 'first'));
      const theirs = secretsOf(other);
      expect(fs.statSync(path.join(other, SIMULATOR_SECRETS_FILE)).mode & 0o777).toBe(0o600);
      for (const provider of ['stripe', 'paypal', 'reloadly', 'fx'] as const) {
        for (const [name, value] of Object.entries(theirs[provider])) {
          expect(value, `${provider}.${name}`).not.toBe((mine[provider] as Record<string, string>)[name]);
        }
      }
    });

    if (kind === 'postgres') {
      it('starts no simulator and writes no secrets file for simfill serve', async () => {
        const dataDir = path.join(root, 'serve');
        const { runtime } = await start(dataDir, 'api');
        try {
          expect(runtime.banner).toEqual([]);
          expect(fs.existsSync(path.join(dataDir, SIMULATOR_SECRETS_FILE))).toBe(false);
        } finally {
          await runtime.stop();
        }
      });
    }
  },
);
