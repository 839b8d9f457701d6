import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CONTROL_PREFIX,
  doublingRetry,
  html,
  IdempotencyStore,
  json,
  requestFingerprint,
  Router,
  SimulatorFaults,
  startSimulatorServer,
  WebhookOutbox,
  type SimulatorServer,
} from './index.js';

/**
 * What a simulator author relies on from the kit, shown on a one-resource "widgets" provider built the way the
 * Stripe and PayPal simulators are: idempotent replay, fault switches, the webhook retry schedule and the control
 * API under `/_simulator/`.
 */

interface Event {
  id: string;
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** A webhook receiver that refuses (503) the first `refusals` deliveries. */
async function receiver(refusals: number) {
  const seen: { atMs: number; attempt: string }[] = [];
  const server = http.createServer((request, response) => {
    seen.push({ atMs: Date.now(), attempt: String(request.headers['x-attempt']) });
    response.writeHead(seen.length <= refusals ? 503 : 200).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, seen };
}

async function widgetProvider(options: { webhookUrl?: string; attemptsMax?: number } = {}) {
  const faults = new SimulatorFaults();
  let attempts = 0;
  const outbox = new WebhookOutbox<Event, { id: string; status: number }>({
    faults,
    retry: doublingRetry({ firstDelayMs: 40, attemptsMax: options.attemptsMax ?? 4 }),
    url: options.webhookUrl,
    transmit: (event) => ({ body: JSON.stringify(event), headers: { 'x-attempt': String((attempts += 1)) } }),
    record: (event, _transmission, status) => ({ id: event.id, status }),
  });
  const widgets = new Map<string, { id: string; name: string }>();
  const router = new Router<(body: Record<string, unknown>) => { status: number; body: unknown }>().post(
    '/v1/widgets',
    (body) => {
      const widget = { id: `wid_${widgets.size + 1}`, name: String(body.name) };
      widgets.set(widget.id, widget);
      outbox.enqueue({ id: `evt_${widget.id}` });
      return { status: 201, body: widget };
    },
  );
  const idempotency = new IdempotencyStore<{ status: number; body: unknown }>();
  const server: SimulatorServer = await startSimulatorServer({
    faults,
    isApiRequest: ({ url }) => url.pathname.startsWith('/v1/'),
    api: async ({ method, url, headers, rawBody }) => {
      const route = router.match(method, url.pathname);
      if (!route) return json(404, { error: 'no such route' });
      const run = () => route.handler(JSON.parse(rawBody || '{}') as Record<string, unknown>);
      const key = headers['idempotency-key'];
      if (typeof key !== 'string') return Promise.resolve(run()).then((a) => json(a.status, a.body));
      const fingerprint = requestFingerprint(method, url.pathname, rawBody);
      const outcome = await idempotency.run(key, fingerprint, run, (answer) => answer.status < 500);
      if (outcome.kind === 'conflict') return json(422, { error: 'idempotency_key_reused' });
      if (outcome.kind === 'in_flight') return json(409, { error: 'in_flight' });
      return json(outcome.answer.status, outcome.answer.body, {
        replayed: String(outcome.kind === 'replayed'),
      });
    },
    failure: (status) => json(status, { error: 'simulated' }),
    internalError: (error) => json(500, { error: String(error) }),
    pages: () => Promise.resolve(html('<p>hosted</p>')),
    control: { deliveries: () => outbox.deliveries() },
    onClose: () => outbox.close(),
  });
  closers.push(() => server.close());
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.baseUrl}${path}`, { method: 'POST', body: JSON.stringify(body), headers });
  return { server, faults, outbox, post };
}

describe('simulator kit', () => {
  it('replays the first answer for a key with the same body, and refuses the key with another body', async () => {
    const { post } = await widgetProvider();
    const first = await post('/v1/widgets', { name: 'a' }, { 'idempotency-key': 'k1' });
    const again = await post('/v1/widgets', { name: 'a' }, { 'idempotency-key': 'k1' });
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(await again.json()).toEqual(await first.json());
    expect(again.headers.get('replayed')).toBe('true');
    const other = await post('/v1/widgets', { name: 'b' }, { 'idempotency-key': 'k1' });
    expect(other.status).toBe(422);
    expect(await (await post('/v1/widgets', { name: 'b' })).json()).toEqual({ id: 'wid_2', name: 'b' });
  });

  it('fails, then answers again, as the fault switches say; pages and the control API are not failed', async () => {
    const { post, faults, server } = await widgetProvider();
    faults.failNextRequests(2, 503);
    expect((await post('/v1/widgets', { name: 'a' })).status).toBe(503);
    expect((await fetch(`${server.baseUrl}/checkout`)).status).toBe(200);
    expect((await fetch(`${server.baseUrl}${CONTROL_PREFIX}/faults`)).status).toBe(200);
    expect((await post('/v1/widgets', { name: 'a' })).status).toBe(503);
    expect((await post('/v1/widgets', { name: 'a' })).status).toBe(201);
  });

  it('carries out a request it never answers when the timeout comes after processing', async () => {
    const { post, faults } = await widgetProvider();
    faults.timeoutNextRequests(1, { afterProcessing: true });
    const hung = post('/v1/widgets', { name: 'a' }, { 'idempotency-key': 'k2' }).catch(() => 'closed');
    await expect(
      Promise.race([hung, new Promise((r) => setTimeout(() => r('no answer'), 300))]),
    ).resolves.toBe('no answer');
    const retried = await post('/v1/widgets', { name: 'a' }, { 'idempotency-key': 'k2' });
    expect(retried.headers.get('replayed')).toBe('true');
    expect(await retried.json()).toEqual({ id: 'wid_1', name: 'a' });
  });

  it('retries a refused webhook on the doubling schedule, signing each attempt afresh, until accepted', async () => {
    expect(
      [1, 2, 3, 4].map(doublingRetry({ firstDelayMs: 60, delayMsMax: 200, attemptsMax: 5 }).delayMs),
    ).toEqual([60, 120, 200, 200]);
    const hook = await receiver(2);
    const { post, outbox } = await widgetProvider({ webhookUrl: hook.url });
    await post('/v1/widgets', { name: 'a' });
    await outbox.settled();
    expect(outbox.deliveries()).toEqual([
      { id: 'evt_wid_1', status: 503 },
      { id: 'evt_wid_1', status: 503 },
      { id: 'evt_wid_1', status: 200 },
    ]);
    expect(hook.seen.map((attempt) => attempt.attempt)).toEqual(['1', '2', '3']);
    const gapsMs = [hook.seen[1]!.atMs - hook.seen[0]!.atMs, hook.seen[2]!.atMs - hook.seen[1]!.atMs];
    expect(gapsMs[0]).toBeGreaterThanOrEqual(35);
    expect(gapsMs[1]).toBeGreaterThanOrEqual(75);
  });

  it('gives a webhook up after attemptsMax attempts, and sends duplicates when asked', async () => {
    const hook = await receiver(100);
    const { post, outbox, faults } = await widgetProvider({ webhookUrl: hook.url, attemptsMax: 2 });
    faults.duplicateWebhooks = true;
    await post('/v1/widgets', { name: 'a' });
    await outbox.settled();
    expect(outbox.deliveries().map((delivery) => delivery.status)).toEqual([503, 503, 503, 503]);
  });

  it('answers the control API under /_simulator/: faults, reset, webhooks, 404 for the rest', async () => {
    const hook = await receiver(0);
    const { server, faults, post, outbox } = await widgetProvider({ webhookUrl: hook.url });
    const control = (path: string, init?: RequestInit) => fetch(`${server.baseUrl}/_simulator${path}`, init);
    const set = await control('/faults', {
      method: 'POST',
      body: JSON.stringify({ latencyMs: 5, failNextRequests: 1, failStatus: 502, duplicateWebhooks: 'yes' }),
    });
    expect(await set.json()).toMatchObject({
      latencyMs: 5,
      failNextRequests: 1,
      failStatus: 502,
      duplicateWebhooks: false,
    });
    expect(faults.latencyMs).toBe(5);
    expect((await post('/v1/widgets', { name: 'a' })).status).toBe(502);
    await post('/v1/widgets', { name: 'a' });
    await outbox.settled();
    expect(await (await control('/webhooks')).json()).toEqual({ data: [{ id: 'evt_wid_1', status: 200 }] });
    expect(await (await control('/reset', { method: 'POST' })).json()).toMatchObject({ latencyMs: 0 });
    expect(faults.latencyMs).toBe(0);
    expect((await control('/faults', { method: 'POST', body: '{not json' })).status).toBe(400);
    expect((await control('/nothing')).status).toBe(404);
  });
});
