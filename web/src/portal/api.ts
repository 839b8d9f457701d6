import type { ApiList, ListPath } from '../api/types';
import type { Locale } from '../i18n';

/** The portal's catalog reads: one page of a list, and the one error shape turned into a `LoadError`. */

/** The largest page the API serves. */
export const PAGE_LIMIT = 100;

/**
 * Why a request failed: the API's own message (already in the user's language), an HTTP status without one,
 * or no answer at all.
 */
export type LoadError =
  | { kind: 'api'; message: string; code: string | undefined }
  | { kind: 'http'; status: number }
  | { kind: 'network' };

export class ApiRequestError extends Error {
  constructor(readonly detail: LoadError) {
    super(detail.kind === 'api' ? detail.message : `SimFill API request failed (${detail.kind})`);
    this.name = 'ApiRequestError';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function errorFromBody(status: number, body: unknown): LoadError {
  const error = isRecord(body) ? body.error : undefined;
  if (isRecord(error) && typeof error.message === 'string' && error.message !== '') {
    return {
      kind: 'api',
      message: error.message,
      code: typeof error.code === 'string' ? error.code : undefined,
    };
  }
  return { kind: 'http', status };
}

/** Turns anything thrown by `getList` into a `LoadError`. */
export function toLoadError(error: unknown): LoadError {
  return error instanceof ApiRequestError ? error.detail : { kind: 'network' };
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/**
 * GETs one page of a list. `Accept-Language` carries the page's language so names match the UI even before
 * the user has made an explicit choice (the API prefers the `simfill_locale` cookie when there is one).
 */
export async function getList<Path extends ListPath>(
  path: Path,
  params: URLSearchParams,
  locale: Locale,
  signal: AbortSignal,
): Promise<ApiList<Path>> {
  let response: Response;
  try {
    response = await fetch(`${path}?${params.toString()}`, {
      headers: { accept: 'application/json', 'accept-language': locale },
      credentials: 'same-origin',
      signal,
    });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new ApiRequestError({ kind: 'network' });
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch (error) {
    if (isAbort(error)) throw error;
    body = undefined;
  }
  if (!response.ok) throw new ApiRequestError(errorFromBody(response.status, body));
  if (!isRecord(body) || !Array.isArray(body.data)) {
    throw new ApiRequestError({ kind: 'http', status: response.status });
  }
  return body as unknown as ApiList<Path>;
}
