import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STRIPE_WEBHOOK_EVENTS } from '../src/adapters/stripe/provider.js';
import { startStripeSimulator, type StripeSimulator } from '../src/simulators/stripe/server.js';
import { freePort, startServer, type RunningServer } from './helpers/cli.js';
import { createScratchPostgres, DATABASE_KINDS, type ScratchPostgres } from './helpers/databases.js';
import { payByCard } from './helpers/hosted.js';
import { signUpOverHttp, type HttpBrowser } from './helpers/http-browser.js';
import { startSmtpSink, type SmtpSink } from './helpers/smtp-sink.js';

/**
 * `simfill start` killed with SIGKILL while a payment request waits for Stripe and an email waits for the mail
 * server, then started again: the customer's retry with the same Idempotency-Key succeeds within seconds (not after
 * minutes of 409s), the payment is charged once, and the email is delivered once.
 */

const STRIPE_SECRET = 'sk_test_simfill_crash_test';
const STRIPE_WEBHOOK_SECRET = 'whsec_simfill_crash_test';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Stripe as SimFill reaches it: the simulator behind a proxy that can let the next PaymentIntent creation through
 * and then hold its answer (Stripe took the request and is slow to say so).
 */
async function startSlowStripe(target: string) {
  let held: (() => void) | undefined;
  const proxy = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const hold = request.method === 'POST' && request.url === '/v1/payment_intents' ? held : undefined;
      if (hold) held = undefined;
      const headers = { ...request.headers };
      delete headers.host;
      fetch(new URL(request.url!, target), {
        method: request.method,
        headers: headers as Record<string, string>,
        body: chunks.length ? Buffer.concat(chunks) : undefined,
      })
        .then(async (answer) => {
          const body = Buffer.from(await answer.arrayBuffer());
          if (hold) return hold(); // taken, never answered
          response.writeHead(answer.status, {
            'content-type': answer.headers.get('content-type') ?? 'application/json',
          });
          response.end(body);
        })
        .catch(() => response.destroy());
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(proxy.address() as { port: number }).port}`,
    /** The next PaymentIntent creation is carried out and never answered; resolves once it has been. */
    holdNextIntent: () => new Promise<void>((resolve) => (held = resolve)),
    close: () => {
      proxy.closeAllConnections();
      return new Promise<void>((resolve) => proxy.close(() => resolve()));
    },
  };
}

for (const kind of DATABASE_KINDS) {
  describe(`simfill start killed mid-request and mid-job [${kind}]`, () => {
    let stripe: StripeSimulator | undefined;
    let slowStripe: Awaited<ReturnType<typeof startSlowStripe>> | undefined;
    let sink: SmtpSink | undefined;
    let scratch: ScratchPostgres | undefined;
    let dataDir: string | undefined;
    let server: RunningServer | undefined;
    let env: Record<string, string>;
    let port: number;

    beforeAll(async () => {
      stripe = await startStripeSimulator({ secretKey: STRIPE_SECRET, webhookSecret: STRIPE_WEBHOOK_SECRET });
      slowStripe = await startSlowStripe(stripe.baseUrl);
      sink = await startSmtpSink();
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'simfill-crash-'));
      if (kind === 'postgres') scratch = await createScratchPostgres();
      port = await freePort();
      stripe.setWebhookUrl(`http://127.0.0.1:${port}/v1/webhooks/stripe`, STRIPE_WEBHOOK_EVENTS);
      env = {
        SIMFILL_DATA_DIR: dataDir,
        ...(scratch ? { DATABASE_URL: scratch.url } : {}),
        SMTP_URL: sink.url,
        STRIPE_SECRET_KEY: STRIPE_SECRET,
        STRIPE_WEBHOOK_SECRET,
        STRIPE_API_BASE: slowStripe.url,
        LOG_LEVEL: 'info',
      };
      server = await startServer('start', env, port);
    }, 120_000);

    afterAll(async () => {
      await server?.stop();
      await slowStripe?.close();
      await stripe?.close();
      await sink?.close();
      await scratch?.drop();
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    }, 60_000);

    async function intentsFor(amountMinor: number): Promise<{ id: string; status: string }[]> {
      const response = await fetch(`${stripe!.baseUrl}/v1/payment_intents?limit=100`, {
        headers: { authorization: `Bearer ${STRIPE_SECRET}` },
      });
      const list = (await response.json()) as { data: { id: string; amount: number; status: string }[] };
      return list.data.filter((intent) => intent.amount === amountMinor);
    }

    it('lets the customer retry with the same key within seconds of a crash, charging once and emailing once', async () => {
      const email = `crash-${kind}@example.com`;
      const customer: HttpBrowser = await signUpOverHttp(server!.baseUrl, sink!, email);
      const quote = await customer.post('/v1/quotes', {
        product: { type: 'wallet_credit', amount_minor: 2_345 },
        method: 'card',
      });
      const order = await customer.post('/v1/orders', { quote: quote.json<{ id: string }>().id });
      const orderId = order.json<{ id: string }>().id;
      const pay = () =>
        customer.post(`/v1/orders/${orderId}/payments`, {}, { 'idempotency-key': `crash-pay-${kind}` });

      // Stripe takes the request and is slow to answer; the mail server takes the reset email and is slow to accept.
      const intentHeld = slowStripe!.holdNextIntent();
      const emailHeld = sink!.holdNext();
      expect((await customer.post('/v1/password-resets', { email })).status).toBe(202);
      await emailHeld;
      const interrupted = pay().catch((error: unknown) => error);
      await intentHeld;
      expect(await intentsFor(2_345)).toHaveLength(1);
      server!.child.kill('SIGKILL');
      expect(await interrupted).toBeInstanceOf(Error); // the customer's page saw the connection drop

      server = await startServer('start', env, port);
      const restartedAt = Date.now();
      let retried = await pay();
      const refusals: string[] = [];
      while (retried.status === 409 && Date.now() - restartedAt < 30_000) {
        refusals.push(
          `${retried.json<{ error: { code: string } }>().error.code} retry-after ${retried.headers.get('retry-after')}`,
        );
        await sleep(500);
        retried = await pay();
      }
      expect(retried.status, retried.body).toBe(201);
      expect(Date.now() - restartedAt).toBeLessThan(12_000);
      for (const refusal of refusals)
        expect(refusal).toMatch(/^idempotency_key_in_flight retry-after ([1-9]|10)$/);

      const payment = retried.json<{ id: string; next_action: { url: string } }>();
      await payByCard(payment.next_action.url, { number: '4242424242424242' });
      await customer.post(`/v1/payments/${payment.id}/refresh`);
      await expect
        .poll(async () => (await customer.get(`/v1/orders/${orderId}`)).json<{ status: string }>().status, {
          timeout: 20_000,
        })
        .toBe('fulfilled');
      expect(await intentsFor(2_345)).toHaveLength(1);
      expect(stripe!.succeededIntents().filter((intent) => intent.amount === 2_345)).toHaveLength(1);

      // The email the dead process was sending goes out once, soon after the restart.
      const resets = () =>
        sink!.delivered.filter((message) => message.to.includes(email) && /reset/i.test(message.text));
      await expect.poll(() => resets().length, { timeout: 20_000 }).toBe(1);
      expect(Date.now() - restartedAt).toBeLessThan(20_000);
      await sleep(2_000);
      expect(resets()).toHaveLength(1);
    }, 120_000);
  });
}
