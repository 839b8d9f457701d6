/**
 * One error shape everywhere: `{ error: { type, code, message, param? } }`.
 *
 * Services throw `AppError` with a stable `code`; the HTTP edge translates the message key into the
 * request's language. Anything that is not an `AppError` is an internal error and never leaks.
 */

import { ERROR_CATALOG, type ErrorCode, type ErrorType } from './error-catalog.js';
import type { LocalizedText } from './i18n/index.js';

export { ERROR_CATALOG, type ErrorCode, type ErrorType } from './error-catalog.js';

export interface AppErrorDetails {
  /** The request field at fault, e.g. `limit` or `body.amount`. */
  param?: string | undefined;
  /** i18n key under `errors.`; defaults to `code`. */
  messageKey?: string;
  /** Values interpolated into the translated message; a `LocalizedText` is read in the request's language. */
  values?: Record<string, ErrorValue>;
  /** Extra response headers, e.g. `Allow` or `Retry-After`. */
  headers?: Record<string, string>;
  /** Only where an outside party decides it (Fastify's own 4xx answers): otherwise the catalog's status. */
  status?: number;
}

export type ErrorValue = string | number | LocalizedText;

/** An error a person or a client sees: its type and status come from the catalog (error-catalog.ts). */
export class AppError extends Error {
  readonly type: ErrorType;
  readonly code: ErrorCode;
  readonly status: number;
  readonly param: string | undefined;
  readonly messageKey: string;
  readonly values: Record<string, ErrorValue>;
  readonly headers: Record<string, string>;

  constructor(code: ErrorCode, details: AppErrorDetails = {}) {
    super(code);
    this.name = 'AppError';
    this.type = ERROR_CATALOG[code].type;
    this.code = code;
    this.status = details.status ?? ERROR_CATALOG[code].status;
    this.param = details.param;
    this.messageKey = details.messageKey ?? code;
    this.values = details.values ?? {};
    this.headers = details.headers ?? {};
  }
}

export interface ErrorBody {
  error: { type: ErrorType; code: string; message: string; param?: string };
}

export function notFound(resource: string, id: string, param = 'id'): AppError {
  return new AppError('resource_missing', { param, values: { resource, id } });
}

/** The database is away (a restart, a cut connection) or not migrated yet: the client may retry in a few seconds. */
export function serviceUnavailable(): AppError {
  return new AppError('service_unavailable', { headers: { 'retry-after': '5' } });
}

export function invalidParam(param: string, messageKey = 'parameter_invalid', values = {}): AppError {
  return new AppError('parameter_invalid', { param, messageKey, values: { param, ...values } });
}
