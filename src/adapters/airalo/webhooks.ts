import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { EsimUsageNotification } from '../../ports/esim.js';

/**
 * Airalo's low-data webhooks (developers.partners.airalo.com webhook-definition-1380483m0): the receiving URL
 * answers Airalo's HEAD liveness probe with 200 (at opt-in), and each POST carries `airalo-signature`, the hex
 * HMAC-SHA512 of the raw body keyed with the API client secret. The signature is checked on the bytes as
 * received, before any parsing, and compared in constant time.
 */

const SIGNATURE_HEX = /^[0-9a-f]{128}$/i;

export function verifyAiraloSignature(
  rawBody: string | Buffer,
  signature: string | undefined,
  clientSecret: string,
): boolean {
  if (!signature || !SIGNATURE_HEX.test(signature)) return false;
  const expected = createHmac('sha512', clientSecret).update(rawBody).digest();
  return timingSafeEqual(expected, Buffer.from(signature, 'hex'));
}

const lowDataSchema = z.object({
  event: z.literal('low_data_notification').optional(),
  type: z.enum(['data_75', 'data_90', 'expire_3', 'expire_1']),
  iccid: z.string().regex(/^\d{18,22}$/),
  package_name: z.string().nullish(),
  remaining_percentage: z.number().nullish(),
});

export interface AiraloWebhookRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  rawBody: string | Buffer;
}

/**
 * What SimFill's webhook endpoint answers: 200 to the HEAD probe; 401 to a POST whose signature does not match
 * (nothing is read from it); 200 to a signed POST, with the notification when it is a low-data one (Airalo retries
 * anything else than 200, so a signed event SimFill does not use is still accepted); 405 to other methods.
 */
export function answerAiraloWebhook(
  request: AiraloWebhookRequest,
  clientSecret: string,
): { status: 200 | 401 | 405; notification?: EsimUsageNotification } {
  if (request.method === 'HEAD') return { status: 200 };
  if (request.method !== 'POST') return { status: 405 };
  const header = request.headers['airalo-signature'];
  const signature = Array.isArray(header) ? header[0] : header;
  if (!verifyAiraloSignature(request.rawBody, signature, clientSecret)) return { status: 401 };
  let parsed: unknown;
  try {
    parsed = JSON.parse(request.rawBody.toString());
  } catch {
    return { status: 200 };
  }
  const event = lowDataSchema.safeParse(parsed);
  if (!event.success) return { status: 200 };
  return {
    status: 200,
    notification: {
      iccid: event.data.iccid,
      kind: event.data.type,
      providerPackageName: event.data.package_name ?? undefined,
      remainingPercentage: event.data.remaining_percentage ?? undefined,
    },
  };
}
