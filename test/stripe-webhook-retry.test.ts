import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { afterEach, describe, expect, it } from 'vitest';
import { startStripeSimulator, type StripeSimulator } from '../src/simulators/stripe/server.js';

/**
 * The simulator retries a refused webhook the way Stripe does (exponential back-off over days, here scaled
 * down), so a receiver that is down for a while — SimFill while its database restarts — still gets the event.
 */
describe('Stripe simulator: webhook retries', { timeout: 60_000 }, () => {
  const SECRET = 'sk_test_retry';
  const WEBHOOK_SECRET = 'whsec_retry';
  let simulator: StripeSimulator | undefined;
  let receiver: http.Server | undefined;
  afterEach(async () => {
    await simulator?.close();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  /** A webhook endpoint answering 503 until `refuseForMs` after the first request it sees. */
  async function flakyReceiver(refuseForMs: number) {
    const accepted: { body: string; signature: string; atMs: number }[] = [];
    let firstAtMs: number | undefined;
    receiver = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        firstAtMs ??= Date.now();
        if (Date.now() - firstAtMs < refuseForMs) {
          response.statusCode = 503;
          return response.end('database restarting');
        }
        const body = Buffer.concat(chunks).toString();
        accepted.push({ body, signature: String(request.headers['stripe-signature']), atMs: Date.now() });
        response.end('{}');
      });
    });
    await new Promise<void>((resolve) => receiver!.listen(0, '127.0.0.1', resolve));
    return {
      url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/stripe`,
      accepted,
      firstAtMs: () => firstAtMs,
    };
  }

  const createIntent = (baseUrl: string) =>
    new Stripe(SECRET, {
      host: '127.0.0.1',
      port: Number(new URL(baseUrl).port),
      protocol: 'http',
      maxNetworkRetries: 0,
      telemetry: false,
    }).paymentIntents.create({ amount: 1000, currency: 'cny', allowed_payment_method_types: ['alipay'] });

  it('delivers a webhook refused for 10 s later, signed afresh, once accepted', async () => {
    const endpoint = await flakyReceiver(10_000);
    simulator = await startStripeSimulator({
      secretKey: SECRET,
      webhookSecret: WEBHOOK_SECRET,
      webhookUrl: endpoint.url,
      enabledEvents: ['payment_intent.created'],
      // Retries after 0.5, 1, 2, 4, 8 s: the sixth attempt, 15.5 s after the first, finds the endpoint back.
      webhookRetry: { scale: 1 / 120, attemptsMax: 8 },
    });
    const intent = await createIntent(simulator.baseUrl);
    await simulator.webhooksSettled();
    expect(simulator.deliveredEvents().map((attempt) => attempt.status)).toEqual([
      503, 503, 503, 503, 503, 200,
    ]);
    expect(endpoint.accepted).toHaveLength(1);
    const [{ body, signature, atMs }] = endpoint.accepted as [(typeof endpoint.accepted)[number]];
    expect(atMs - endpoint.firstAtMs()!).toBeGreaterThanOrEqual(10_000);
    expect(JSON.parse(body)).toMatchObject({
      type: 'payment_intent.created',
      data: { object: { id: intent.id } },
    });
    // Signed at the attempt that got through, so it is within the receiver's 300 s tolerance however late.
    const t = Number(/t=(\d+)/.exec(signature)![1]);
    expect(Math.abs(t - atMs / 1000)).toBeLessThan(2);
    expect(signature).toContain(
      `v1=${createHmac('sha256', WEBHOOK_SECRET).update(`${t}.${body}`).digest('hex')}`,
    );
  });

  it('keeps Stripe’s bound of 15 attempts, and closing stops a retry that would come in a minute', async () => {
    await expect(
      startStripeSimulator({
        secretKey: SECRET,
        webhookSecret: WEBHOOK_SECRET,
        webhookRetry: { scale: 1, attemptsMax: 16 },
      }),
    ).rejects.toBeInstanceOf(RangeError);
    const endpoint = await flakyReceiver(Number.POSITIVE_INFINITY);
    simulator = await startStripeSimulator({
      secretKey: SECRET,
      webhookSecret: WEBHOOK_SECRET,
      webhookUrl: endpoint.url,
      enabledEvents: ['payment_intent.created'],
      webhookRetry: { scale: 1 },
    });
    await createIntent(simulator.baseUrl);
    await expect.poll(() => simulator!.deliveredEvents().length).toBe(1);
    const settled = simulator.webhooksSettled();
    const closedAtMs = Date.now();
    await simulator.close();
    await settled;
    expect(Date.now() - closedAtMs).toBeLessThan(2_000);
    expect(simulator.deliveredEvents().map((attempt) => attempt.status)).toEqual([503]);
  });
});
