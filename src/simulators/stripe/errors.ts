import type { CardDecline } from './cards.js';

/** Stripe's error objects (`{ error: { type, code?, message, param? } }`) as the API throws them inside. */

export type Json = Record<string, unknown>;

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: Json,
    /**
     * The request's parameters failed validation, so the endpoint never started executing: Stripe keeps no
     * idempotent result and the same key may be retried with corrected parameters.
     */
    readonly validation = false,
  ) {
    super(String(body.message));
  }
}

export const invalid = (message: string, param?: string, code?: string) =>
  new ApiFailure(400, {
    type: 'invalid_request_error',
    message,
    ...(param ? { param } : {}),
    ...(code ? { code } : {}),
  });

/** A parameter that fails validation (the endpoint does not start executing; nothing is saved for the key). */
export const invalidParam = (message: string, param?: string, code?: string) =>
  new ApiFailure(
    400,
    {
      type: 'invalid_request_error',
      message,
      ...(param ? { param } : {}),
      ...(code ? { code, doc_url: `https://stripe.com/docs/error-codes/${code.replace(/_/g, '-')}` } : {}),
    },
    true,
  );

export const missing = (kind: string, id: string) =>
  new ApiFailure(404, {
    type: 'invalid_request_error',
    code: 'resource_missing',
    message: `No such ${kind}: '${id}'`,
    param: 'id',
  });

export const unexpectedState = (kind: 'PaymentIntent' | 'SetupIntent', status: string, verb: string) =>
  invalid(
    `This ${kind}'s status is ${status}, so it cannot be ${verb}.`,
    undefined,
    kind === 'PaymentIntent' ? 'payment_intent_unexpected_state' : 'setup_intent_unexpected_state',
  );

export const cardError = (outcome: CardDecline): Json => ({
  type: 'card_error',
  code: outcome.code,
  ...(outcome.declineCode ? { decline_code: outcome.declineCode } : {}),
  message: outcome.message,
  doc_url: `https://stripe.com/docs/error-codes/${outcome.code.replace(/_/g, '-')}`,
});

export const errorBody = (error: Json) => JSON.stringify({ error }, null, 2);
