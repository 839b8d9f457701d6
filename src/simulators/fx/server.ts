import { systemClock, type Clock } from '../../kernel/clock.js';
import type { SimAnswer } from '../kit/answers.js';
import { SimulatorFaults } from '../kit/faults.js';
import { startSimulatorServer } from '../kit/server.js';

/**
 * A rate feed speaking Open Exchange Rates' `GET /api/latest.json`. USD→CNY drifts slowly around 7.18 with the
 * clock (one full swing a day) unless a test pins it with `setRate`; `failNextRequests` answers 503. Built on the simulator kit (`../kit`), so
 * it also has the control API under `/_simulator/`.
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

const fxJson = (status: number, body: object): SimAnswer => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: JSON.stringify(body),
});

const notFound = () =>
  fxJson(404, { error: true, status: 404, message: 'not_found', description: 'Unknown route.' });

/** `GET /api/latest.json?app_id=…&base=USD&symbols=…` as Open Exchange Rates answers it. */
function latest(url: URL, appId: string, now: Date, rateOf: (quote: string) => number): SimAnswer {
  if (url.searchParams.get('app_id') !== appId) {
    return fxJson(401, {
      error: true,
      status: 401,
      message: 'invalid_app_id',
      description: 'Invalid App ID provided.',
    });
  }
  const base = url.searchParams.get('base') ?? 'USD';
  if (base !== 'USD') {
    return fxJson(403, {
      error: true,
      status: 403,
      message: 'not_allowed',
      description: 'Base must be USD.',
    });
  }
  const symbols = url.searchParams.get('symbols')?.split(',').filter(Boolean);
  const rates = Object.fromEntries(
    ['CNY', 'HKD', 'EUR']
      .filter((code) => !symbols || symbols.includes(code))
      .map((code) => [code, rateOf(code)]),
  );
  return fxJson(200, {
    disclaimer: 'Simulated rates for SimFill development.',
    license: 'Simulated.',
    timestamp: Math.floor(now.getTime() / 1000),
    base,
    rates,
  });
}

export async function startFxSimulator(options: {
  host?: string;
  port?: number;
  appId: string;
  clock?: Clock;
}): Promise<FxSimulator> {
  const clock = options.clock ?? systemClock;
  const pinned = new Map<string, number>();
  const faults = new SimulatorFaults();
  const server = await startSimulatorServer({
    host: options.host,
    port: options.port,
    faults,
    isApiRequest: ({ method, url }) => method === 'GET' && url.pathname === '/api/latest.json',
    api: ({ url }) => {
      const now = clock.now();
      const fixedRates: Record<string, number> = { CNY: driftingCny(now), HKD: 7.78, EUR: 0.92 };
      const answer = latest(url, options.appId, now, (quote) => pinned.get(quote) ?? fixedRates[quote]!);
      return Promise.resolve(answer);
    },
    failure: (status) =>
      fxJson(status, { error: true, status, message: 'unavailable', description: 'Try again later.' }),
    internalError: (error) =>
      fxJson(500, { error: true, status: 500, message: 'internal_error', description: String(error) }),
    pages: () => Promise.resolve(notFound()),
  });
  return {
    baseUrl: `${server.baseUrl}/api`,
    port: server.port,
    setRate(quote, rate) {
      if (rate === undefined) pinned.delete(quote);
      else pinned.set(quote, rate);
    },
    failNextRequests(count) {
      faults.failNextRequests(count, 503);
    },
    close: () => server.close(),
  };
}
