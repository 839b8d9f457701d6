import { randomBytes } from 'node:crypto';

/**
 * PayPal's error objects, `{ name, message, debug_id, details: [{ issue, description }], links }`, and the
 * `Reply` every handler returns (rendered per `Prefer`, so a replayed `PayPal-Request-Id` renders anew).
 */

export type Json = Record<string, unknown>;
export type Prefer = 'minimal' | 'representation';
export type PayPalApi = 'orders' | 'payments';

export interface Detail {
  field?: string;
  value?: string;
  location?: string;
  issue: string;
  description: string;
}

export interface Reply {
  status: number;
  view(prefer: Prefer): Json;
}

export const fixed = (status: number, body: Json): Reply => ({ status, view: () => body });

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: Json,
  ) {
    super(String(body.message));
  }
}

const STATUS_NAMES: Record<number, [string, string]> = {
  400: ['INVALID_REQUEST', 'Request is not well-formed, syntactically incorrect, or violates schema.'],
  401: [
    'AUTHENTICATION_FAILURE',
    'Authentication failed due to invalid authentication credentials or a missing Authorization header.',
  ],
  403: ['NOT_AUTHORIZED', 'Authorization failed due to insufficient permissions.'],
  404: ['RESOURCE_NOT_FOUND', 'The specified resource does not exist.'],
  422: [
    'UNPROCESSABLE_ENTITY',
    'The requested action could not be performed, semantically incorrect, or failed business validation.',
  ],
  429: ['RATE_LIMIT_REACHED', 'Too many requests. Blocked due to rate limiting.'],
  500: ['INTERNAL_SERVER_ERROR', 'An internal server error has occurred.'],
  503: ['SERVICE_UNAVAILABLE', 'Service Unavailable.'],
};

export const debugId = () => randomBytes(7).toString('hex').slice(0, 13);

export const errorBody = (status: number, details: Detail[] = [], api: PayPalApi = 'orders'): Json => {
  const [name, message] = STATUS_NAMES[status] ?? ['UNKNOWN_ERROR', 'An unknown error occurred.'];
  const anchor = details[0]?.issue ?? name;
  return {
    name,
    message,
    debug_id: debugId(),
    ...(details.length ? { details } : {}),
    links: [
      {
        href: `https://developer.paypal.com/docs/api/${api}/v2/#error-${anchor}`,
        rel: 'information_link',
        method: 'GET',
      },
    ],
  };
};

export const fail = (status: number, details: Detail[], api: PayPalApi = 'orders') =>
  new ApiFailure(status, errorBody(status, details, api));

export const missing = (field: string) =>
  fail(400, [
    {
      field,
      location: 'body',
      issue: 'MISSING_REQUIRED_PARAMETER',
      description: 'A required field is missing.',
    },
  ]);

export const notFound = (api: PayPalApi = 'orders') =>
  fail(
    404,
    [
      {
        issue: 'INVALID_RESOURCE_ID',
        description: 'Specified resource ID does not exist. Please check the resource ID and try again.',
      },
    ],
    api,
  );

/** A 400 for a field whose value does not match its pattern or enumeration. */
export const badValue = (field: string, value: string, issue = 'INVALID_PARAMETER_SYNTAX') =>
  fail(400, [
    {
      field,
      value,
      location: 'body',
      issue,
      description:
        issue === 'INVALID_PARAMETER_VALUE'
          ? 'A parameter value is not valid.'
          : 'The value of a field does not conform to the expected format.',
    },
  ]);
