/**
 * One error shape everywhere: `{ error: { type, code, message, param? } }`.
 *
 * Services throw `AppError` with a stable `code`; the HTTP edge translates the message key into the
 * request's language. Anything that is not an `AppError` is an internal error and never leaks.
 */

export type ErrorType =
  | 'invalid_request_error'
  | 'idempotency_error'
  | 'authentication_error'
  | 'permission_error'
  | 'rate_limit_error'
  | 'api_error';

export interface AppErrorInit {
  type: ErrorType;
  code: string;
  status: number;
  /** The request field at fault, e.g. `limit` or `body.amount`. */
  param?: string;
  /** i18n key under `errors.`; defaults to `code`. */
  messageKey?: string;
  /** Values interpolated into the translated message. */
  values?: Record<string, string | number>;
  /** Extra response headers, e.g. `Allow` or `Retry-After`. */
  headers?: Record<string, string>;
}

export class AppError extends Error {
  readonly type: ErrorType;
  readonly code: string;
  readonly status: number;
  readonly param: string | undefined;
  readonly messageKey: string;
  readonly values: Record<string, string | number>;
  readonly headers: Record<string, string>;

  constructor(init: AppErrorInit) {
    super(init.code);
    this.name = 'AppError';
    this.type = init.type;
    this.code = init.code;
    this.status = init.status;
    this.param = init.param;
    this.messageKey = init.messageKey ?? init.code;
    this.values = init.values ?? {};
    this.headers = init.headers ?? {};
  }
}

export interface ErrorBody {
  error: { type: ErrorType; code: string; message: string; param?: string };
}

export function notFound(resource: string, id: string, param = 'id'): AppError {
  return new AppError({
    type: 'invalid_request_error',
    code: 'resource_missing',
    status: 404,
    param,
    values: { resource, id },
  });
}

/** The database is away (a restart, a cut connection) or not migrated yet: the client may retry in a few seconds. */
export function serviceUnavailable(): AppError {
  return new AppError({
    type: 'api_error',
    code: 'service_unavailable',
    status: 503,
    headers: { 'retry-after': '5' },
  });
}

export function invalidParam(param: string, messageKey = 'parameter_invalid', values = {}): AppError {
  return new AppError({
    type: 'invalid_request_error',
    code: 'parameter_invalid',
    status: 400,
    param,
    messageKey,
    values: { param, ...values },
  });
}
