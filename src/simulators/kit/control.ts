import type { ControlInput, SimulatorFaults } from './faults.js';
import { json, type SimAnswer } from './answers.js';

/**
 * The control API every simulator answers under one prefix, `/_simulator/` (browser tests and demos call it):
 * `GET|POST /_simulator/faults` shows or sets the fault switches, `POST /_simulator/reset` clears them,
 * `GET /_simulator/webhooks` lists the webhook delivery attempts. A simulator may add its own paths.
 */

export const CONTROL_PREFIX = '/_simulator';

export interface ControlOptions {
  faults: SimulatorFaults;
  /** Webhook delivery attempts, oldest first (`GET /_simulator/webhooks`). */
  deliveries?(): unknown[];
  /** The simulator's own control paths (after the prefix, e.g. `/lines/+8613800000000`); undefined = 404. */
  extra?(method: string, path: string, input: ControlInput): SimAnswer | undefined;
}

export function controlAnswer(
  options: ControlOptions,
  method: string,
  path: string,
  rawBody: string,
): SimAnswer {
  const { faults } = options;
  const subPath = path.slice(CONTROL_PREFIX.length);
  const input = method === 'POST' && subPath !== '/reset' ? parseInput(rawBody) : {};
  if (input === undefined) return json(400, { error: 'body must be JSON' });
  if (subPath === '/faults' && method === 'GET') return json(200, faults.switches());
  if (subPath === '/faults' && method === 'POST') {
    faults.apply(input);
    return json(200, faults.switches());
  }
  if (subPath === '/reset' && method === 'POST') {
    faults.reset();
    return json(200, faults.switches());
  }
  if (subPath === '/webhooks' && method === 'GET' && options.deliveries) {
    return json(200, { data: options.deliveries() });
  }
  return options.extra?.(method, subPath, input) ?? json(404, { error: `no ${method} ${path}` });
}

function parseInput(rawBody: string): ControlInput | undefined {
  try {
    const parsed: unknown = rawBody.trim() ? JSON.parse(rawBody) : {};
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as ControlInput)
      : undefined;
  } catch {
    return undefined;
  }
}
