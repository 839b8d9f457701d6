import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock, type Clock } from '../../kernel/clock.js';

/**
 * A rate feed speaking Open Exchange Rates' `GET /api/latest.json`. USD→CNY drifts slowly around 7.18 with the
 * clock (one full swing a day) unless a test pins it with `setRate`; `failNextRequests` answers 503.
 */

export interface FxSimulator {
  baseUrl: string;
  port: number;
  setRate(quote: string, rate: number | undefined): void;
  failNextRequests(count: number): void;
  close(): Promise<void>;
}

const DAY_MS = 86_400_000;

function driftingCny(now: Date): number {
  const phase = ((now.getTime() % DAY_MS) / DAY_MS) * 2 * Math.PI;
  return Math.round((7.18 + 0.03 * Math.sin(phase)) * 10_000) / 10_000;
}

export async function startFxSimulator(options: {
  host?: string;
  port?: number;
  appId: string;
  clock?: Clock;
}): Promise<FxSimulator> {
  const clock = options.clock ?? systemClock;
  const pinned = new Map<string, number>();
  let failures = 0;
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://simulator');
    const send = (status: number, body: object) => {
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      response.end(JSON.stringify(body));
    };
    if (request.method !== 'GET' || url.pathname !== '/api/latest.json') {
      return send(404, { error: true, status: 404, message: 'not_found', description: 'Unknown route.' });
    }
    if (failures > 0) {
      failures -= 1;
      return send(503, { error: true, status: 503, message: 'unavailable', description: 'Try again later.' });
    }
    if (url.searchParams.get('app_id') !== options.appId) {
      return send(401, {
        error: true,
        status: 401,
        message: 'invalid_app_id',
        description: 'Invalid App ID provided.',
      });
    }
    const base = url.searchParams.get('base') ?? 'USD';
    if (base !== 'USD') {
      return send(403, {
        error: true,
        status: 403,
        message: 'not_allowed',
        description: 'Base must be USD.',
      });
    }
    const now = clock.now();
    const all: Record<string, number> = {
      CNY: pinned.get('CNY') ?? driftingCny(now),
      HKD: pinned.get('HKD') ?? 7.78,
      EUR: pinned.get('EUR') ?? 0.92,
    };
    const symbols = url.searchParams.get('symbols')?.split(',').filter(Boolean);
    const rates = Object.fromEntries(
      Object.entries(all).filter(([code]) => !symbols || symbols.includes(code)),
    );
    send(200, {
      disclaimer: 'Simulated rates for SimFill development.',
      license: 'Simulated.',
      timestamp: Math.floor(now.getTime() / 1000),
      base,
      rates,
    });
  });
  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve),
  );
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://${options.host ?? '127.0.0.1'}:${port}/api`,
    port,
    setRate(quote, rate) {
      if (rate === undefined) pinned.delete(quote);
      else pinned.set(quote, rate);
    },
    failNextRequests(count) {
      failures = count;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
