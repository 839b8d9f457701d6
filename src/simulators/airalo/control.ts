import type { SimAnswer } from '../kit/answers.js';
import type { ControlInput } from '../kit/faults.js';
import { airaloAnswer, type Reply } from './errors.js';
import type { AiraloStore } from './store.js';

/**
 * Airalo's own control paths under the kit's `/_simulator/` (snake_case bodies): `POST sims/{iccid}/consume
 * {bytes}` (the phone uses data; thresholds crossed send low-data webhooks), `POST sims/{iccid}/recycle`,
 * `GET sims/{iccid}`, `GET|POST credit {credit_minor}`, `POST operators/{id}/maintenance {on}`,
 * `POST packages/{id}/stock {stock}`, `POST tokens/revoke` (every token expires at once). The kit answers
 * `faults`, `reset`, `webhooks` and 404s.
 */

function controlReply(
  store: AiraloStore,
  method: string,
  path: string,
  input: ControlInput,
): Reply | undefined {
  const sim = /^\/sims\/(\d+)(\/consume|\/recycle)?$/.exec(path);
  if (sim) {
    const esim = store.esims.get(sim[1]!);
    if (!esim) return { status: 404, body: { error: 'unknown iccid' } };
    if (method === 'POST' && sim[2] === '/consume' && typeof input.bytes === 'number' && input.bytes >= 0) {
      store.consume(esim, input.bytes);
      return { status: 204, body: null };
    }
    if (method === 'POST' && sim[2] === '/recycle') {
      esim.recycled = true;
      return { status: 204, body: null };
    }
    if (method === 'GET' && !sim[2]) return { status: 200, body: { ...esim, notified: [...esim.notified] } };
    return undefined;
  }
  if (path === '/credit' && method === 'GET')
    return { status: 200, body: { credit_minor: store.creditMinor } };
  if (path === '/credit' && method === 'POST' && typeof input.credit_minor === 'number') {
    store.creditMinor = input.credit_minor;
    return { status: 204, body: null };
  }
  const operator = /^\/operators\/(\d+)\/maintenance$/.exec(path);
  if (operator && method === 'POST') {
    const id = Number(operator[1]);
    if (input.on === true) store.maintenanceOperatorIds.add(id);
    else store.maintenanceOperatorIds.delete(id);
    return { status: 204, body: null };
  }
  const stock = /^\/packages\/([a-z0-9-]+)\/stock$/.exec(path);
  if (stock && method === 'POST') {
    const found = store.findPackage(stock[1]!);
    if (!found) return { status: 404, body: { error: 'unknown package' } };
    found.pkg.stock = typeof input.stock === 'number' ? input.stock : undefined;
    return { status: 204, body: null };
  }
  if (path === '/tokens/revoke' && method === 'POST') {
    store.tokens.clear();
    return { status: 204, body: null };
  }
  return undefined;
}

export function airaloControl(
  store: AiraloStore,
): (method: string, path: string, input: ControlInput) => SimAnswer | undefined {
  return (method, path, input) => {
    const reply = controlReply(store, method, path, input);
    if (!reply) return undefined;
    return reply.status === 204 ? { status: 204, body: '' } : airaloAnswer(reply);
  };
}
