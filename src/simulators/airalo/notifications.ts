import type { AiraloRouter } from './api.js';
import { success, validationError } from './errors.js';

/**
 * `POST /v2/notifications/opt-in {type: "webhook_low_data", webhook_url}`: Airalo first sends an HTTP HEAD to the
 * URL and opts in only when it answers 200; `GET` shows the opt-in, `POST /v2/notifications/opt-out {type}` ends
 * it (developers.partners.airalo.com opt-in-11883039e0, airalo-webhooks-opt-in-and-flow-930064m0). Only the
 * low-data type is simulated.
 */

/** Sends the liveness HEAD request; the receiver's status, 0 when it did not answer. */
export type WebhookProbe = (url: string) => Promise<number>;

const LOW_DATA = 'webhook_low_data';

export const headProbe: WebhookProbe = async (url) => {
  try {
    const response = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(5_000) });
    return response.status;
  } catch {
    return 0;
  }
};

export function addNotificationRoutes(router: AiraloRouter): void {
  router.post('/v2/notifications/opt-in', async ({ store, probe, body }) => {
    const url = typeof body.webhook_url === 'string' ? body.webhook_url : '';
    if (body.type !== LOW_DATA) return validationError({ type: 'The selected type is invalid.' });
    if (!/^https?:\/\//.test(url))
      return validationError({ webhook_url: 'The webhook url must be a valid URL.' });
    const status = await probe(url);
    if (status !== 200) {
      return validationError({
        webhook_url: `The webhook url did not answer the HEAD request with 200 (got ${status}).`,
      });
    }
    store.lowDataWebhookUrl = url;
    return success({ notification: { type: LOW_DATA, webhook_url: url } });
  });
  router.get('/v2/notifications/opt-in', ({ store }) =>
    success(store.lowDataWebhookUrl ? [{ type: LOW_DATA, webhook_url: store.lowDataWebhookUrl }] : []),
  );
  router.post('/v2/notifications/opt-out', ({ store, body }) => {
    if (body.type !== LOW_DATA) return validationError({ type: 'The selected type is invalid.' });
    store.lowDataWebhookUrl = undefined;
    return success({});
  });
}
