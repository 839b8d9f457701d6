import type { FastifyReply } from 'fastify';
import { z } from 'zod';

/** The one error shape, documented once and referenced by every route. */
export const errorSchema = z
  .object({
    error: z.object({
      type: z.enum([
        'invalid_request_error',
        'idempotency_error',
        'authentication_error',
        'permission_error',
        'rate_limit_error',
        'api_error',
      ]),
      code: z.string().meta({ example: 'parameter_invalid' }),
      message: z.string().meta({ description: "Human-readable, in the request's language." }),
      param: z.string().optional().meta({ description: 'The request field at fault.', example: 'limit' }),
    }),
  })
  .meta({ id: 'Error' });

/** Response entries for the error statuses a route can answer with (500 is always possible). */
export function errorResponses(...statuses: number[]): Record<number, typeof errorSchema> {
  return Object.fromEntries([...statuses, 500].map((status) => [status, errorSchema]));
}

/**
 * Sends a body that is already JSON text (from a response cache). Fastify sends strings as they are, so the
 * route's response schema documents the shape but is not re-applied; the cached text was produced from the
 * same typed service result.
 */
export function sendJsonText<Reply extends object>(reply: Reply, body: string): Reply {
  void (reply as unknown as FastifyReply).type('application/json; charset=utf-8').send(body);
  return reply;
}

/**
 * Sends a file's bytes (a PDF). Fastify sends a Buffer as it is, without the serializer; the route documents
 * it as a `format: binary` string of its content type, which is what the typed reply would otherwise insist on.
 */
export function sendBytes<Reply extends object>(reply: Reply, contentType: string, body: Buffer): Reply {
  void (reply as unknown as FastifyReply).type(contentType).send(body);
  return reply;
}

/** An amount as the API shows it: integer minor units plus ISO 4217 currency. */
export const moneySchema = z.object({
  amount_minor: z.number().int().meta({ description: 'Integer count of the minor unit (cents, fen).' }),
  currency: z.string().length(3).meta({ example: 'USD' }),
});

export function moneyView(amountMinor: number, currency: string): z.infer<typeof moneySchema> {
  return { amount_minor: amountMinor, currency };
}

/** A point in time as the API writes it. */
export const timestampSchema = z.string().meta({ description: 'ISO 8601, UTC.' });
