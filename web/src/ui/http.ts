import type { Locale } from '../i18n';

/**
 * JSON calls to the SimFill API for the portal and console: same-origin cookies, the page's language, the
 * session's CSRF token on every state change, and an Idempotency-Key where the caller gives one. Failures come
 * back as `ApiError` carrying the API's own message (already in the user's language) and the field at fault.
 */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly param: string | undefined,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ApiCall {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  body?: unknown;
  locale: Locale;
  csrfToken?: string | undefined;
  idempotencyKey?: string | undefined;
}

/** Sentinel codes for failures without an API error body. */
export const NETWORK_ERROR = 'network_error';
export const HTTP_ERROR = 'http_error';

export async function api<T>(path: string, call: ApiCall): Promise<T> {
  const method = call.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': call.locale };
  if (call.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && call.csrfToken) headers['x-csrf-token'] = call.csrfToken;
  if (call.idempotencyKey) headers['idempotency-key'] = call.idempotencyKey;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
    });
  } catch {
    throw new ApiError(0, NETWORK_ERROR, '', undefined);
  }
  if (response.status === 204) return undefined as T;
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string; param?: string } } | undefined)
      ?.error;
    throw new ApiError(response.status, error?.code ?? HTTP_ERROR, error?.message ?? '', error?.param);
  }
  return body as T;
}

/** True when the server has set its readable "signed in" hint cookie next to the httpOnly session cookie. */
export function hasSessionHint(name: 'simfill_signed_in' | 'simfill_staff_signed_in'): boolean {
  return document.cookie.split(';').some((part) => part.trim() === `${name}=1`);
}
