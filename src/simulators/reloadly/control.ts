import type { SimAnswer } from '../kit/answers.js';
import type { ControlInput } from '../kit/faults.js';
import { reloadlyAnswer, type Reply } from './errors.js';
import type { ReloadlyStore } from './store.js';

/**
 * Reloadly's own control paths under the kit's `/_simulator/` (snake_case bodies, 204 answers): `GET|POST float
 * {float_minor}`, `GET lines/{+E164}` (what the carrier knows about a number), and `POST topup-faults`, the
 * top-up switches in snake_case (`ReloadlyFaults.applyTopUpForm`). The kit answers `faults`, `reset`, 404s.
 */

function controlReply(
  store: ReloadlyStore,
  method: string,
  path: string,
  input: ControlInput,
): Reply | undefined {
  if (method === 'POST' && path === '/topup-faults') {
    store.faults.applyTopUpForm(input);
    return { status: 204, body: null };
  }
  if (method === 'POST' && path === '/float' && typeof input.float_minor === 'number') {
    store.floatMinor = input.float_minor;
    return { status: 204, body: null };
  }
  const line = /^\/lines\/(\+\d+)$/.exec(path);
  if (method === 'GET' && line) {
    const found = store.lines.get(line[1]!);
    return found ? { status: 200, body: found } : { status: 404, body: { error: 'unknown number' } };
  }
  if (method === 'GET' && path === '/float') return { status: 200, body: { float_minor: store.floatMinor } };
  return undefined;
}

export function reloadlyControl(
  store: ReloadlyStore,
): (method: string, path: string, input: ControlInput) => SimAnswer | undefined {
  return (method, path, input) => {
    const reply = controlReply(store, method, path, input);
    return reply && reloadlyAnswer(reply, path);
  };
}
