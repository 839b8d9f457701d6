import type { SimAnswer } from '../kit/answers.js';

/**
 * Airalo's answers: the `{data, meta: {message}}` envelope, its business errors (HTTP 422 `{code, reason}`),
 * its validation errors (422 `{data: {field: message}, meta: {message: "the parameter is invalid"}}`), its
 * 401, 404 and 429, and the date format (`2023-02-27 08:45:12`, UTC).
 */

export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export const airaloDate = (date: Date | null) =>
  date ? date.toISOString().slice(0, 19).replace('T', ' ') : null;

export const success = (data: unknown, extra: Record<string, unknown> = {}): Reply => ({
  status: 200,
  body: { data, ...extra, meta: { message: 'success' } },
});

/** The business error codes SimFill meets, with Airalo's reasons (developers.partners.airalo.com error handling). */
export const BUSINESS_ERRORS = {
  11: 'Insufficient Airalo Credit: {additional}',
  13: 'The requested operator is currently undergoing maintenance. Please try again later.',
  23: 'The requested top-up has been disabled by the operator. {additional}',
  33: 'Insufficient stock of eSIMs remaining: {additional}. Please try your request again later.',
  34: 'The requested eSIM package is invalid or it is currently out of stock. Please try again later.',
  73: 'The eSIM with iccid {additional} has been recycled. It can no longer be used or topped up.',
} as const;

export function businessError(code: keyof typeof BUSINESS_ERRORS, additional = ''): Reply {
  return {
    status: 422,
    body: { code, reason: BUSINESS_ERRORS[code].replace('{additional}', additional).trim() },
  };
}

export function validationError(fields: Record<string, string>): Reply {
  return { status: 422, body: { data: fields, meta: { message: 'the parameter is invalid' } } };
}

export const notFound = (): Reply => ({
  status: 404,
  body: { data: [], meta: { message: 'messages.resource_not_found' } },
});

export const unauthenticated = (): Reply => ({
  status: 401,
  body: {
    code: 401,
    reason:
      'Authentication failed. This could be due to an expired token, please generate a new token. If the issue persists, verify your client_id and client_secret are correct.',
  },
});

export const tooManyAttempts = (): Reply => ({ status: 429, body: { message: 'Too Many Attempts.' } });

export function airaloAnswer(reply: Reply): SimAnswer {
  return {
    status: reply.status,
    headers: { 'content-type': 'application/json', ...reply.headers },
    body: JSON.stringify(reply.body),
  };
}
