import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, serviceUnavailable, type ErrorBody, type ErrorCode } from '../kernel/errors.js';
import { pickText, translate, translateIfKnown, type Locale } from '../kernel/i18n/index.js';
import { isDatabaseUnreachable } from '../db/unreachable.js';

/**
 * Every failure leaves as `{ error: { type, code, message, param? } }`: validation, unknown routes, wrong
 * methods, malformed JSON, oversized bodies and internal errors alike. Messages are in the request's language;
 * internal errors say nothing about internals, only the request id to quote.
 */

interface ValidationIssue {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
}

/** `/items/0/amount` → `items[0].amount`; for unknown keys, the first unknown key. */
function paramName(instancePath: string, keys?: unknown): string | undefined {
  const segments = instancePath.split('/').filter(Boolean);
  if (Array.isArray(keys) && typeof keys[0] === 'string') segments.push(keys[0]);
  const path = segments.map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
  return path || undefined;
}

function valueAt(source: unknown, instancePath: string): unknown {
  let current = source;
  for (const segment of instancePath.split('/').filter(Boolean)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

function reasonFor(issue: ValidationIssue, locale: Locale): string {
  const p = issue.params;
  switch (issue.keyword) {
    case 'invalid_type':
      return translate(locale, 'reasons.expected_type', { expected: String(p.expected) });
    case 'too_small':
      return translate(locale, 'reasons.too_small', { minimum: String(p.minimum) });
    case 'too_big':
      return translate(locale, 'reasons.too_big', { maximum: String(p.maximum) });
    case 'invalid_value':
      return translate(locale, 'reasons.one_of', {
        values: Array.isArray(p.values) ? p.values.map(String).join(', ') : '',
      });
    case 'invalid_format':
      return translate(locale, 'reasons.format');
    case 'custom': {
      // Refinements that name their reason (kernel/dates.ts): `params: { reason, values }`.
      const custom = p.params as { reason?: unknown; values?: Record<string, string | number> } | undefined;
      if (typeof custom?.reason === 'string')
        return translate(locale, `reasons.${custom.reason}`, custom.values ?? {});
      return translate(locale, 'reasons.other');
    }
    default:
      return translate(locale, 'reasons.other');
  }
}

function validationError(error: FastifyError, request: FastifyRequest): AppError {
  const issue = (error.validation as unknown as ValidationIssue[])[0]!;
  const context = error.validationContext;
  const param = paramName(
    issue.instancePath,
    issue.keyword === 'unrecognized_keys' ? issue.params.keys : undefined,
  );
  const source =
    context === 'querystring'
      ? request.query
      : context === 'params'
        ? request.params
        : context === 'headers'
          ? request.headers
          : request.body;
  if (issue.keyword === 'unrecognized_keys') {
    return new AppError('parameter_unknown', { param, values: { param: param ?? '' } });
  }
  const missing = issue.keyword === 'invalid_type' && valueAt(source, issue.instancePath) === undefined;
  if (missing) {
    return new AppError('parameter_missing', { param, values: { param: param ?? 'body' } });
  }
  return new AppError('parameter_invalid', {
    param,
    values: { param: param ?? 'body', reason: reasonFor(issue, request.locale) },
  });
}

/** Fastify's own request errors (body parsing, limits) mapped to stable codes. */
function frameworkError(error: FastifyError): AppError | undefined {
  const invalid = (code: ErrorCode, status?: number) => new AppError(code, { status });
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return invalid('invalid_json');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return invalid('body_too_large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return invalid('unsupported_media_type');
    default:
      break;
  }
  // secure-json-parse throws a SyntaxError that Fastify marks 400.
  if (error instanceof SyntaxError && error.statusCode === 400) return invalid('invalid_json');
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500)
    return invalid('bad_request', error.statusCode);
  return undefined;
}

/**
 * Values that are words of the API, put into a message in the reader's words: a resource, a field (`phone` →
 * 电话号码; a field without a label keeps its name), an order's state (`fulfilling` → 正在交付), a kind of phone
 * number (`FIXED_LINE` → 固定电话). The error keeps the API's word in `param`.
 */
const WORDS_OF_VALUES: Record<string, string> = {
  resource: 'resources',
  param: 'params',
  status: 'receipt.order_statuses',
  target: 'receipt.order_statuses',
  phoneType: 'phone_types',
};

export function errorBody(error: AppError, locale: Locale): ErrorBody {
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(error.values))
    values[name] = typeof value === 'object' ? pickText(value, locale) : value;
  for (const [name, block] of Object.entries(WORDS_OF_VALUES)) {
    const value = values[name];
    if (typeof value === 'string') values[name] = translateIfKnown(locale, `${block}.${value}`, value);
  }
  const body: ErrorBody = {
    error: {
      type: error.type,
      code: error.code,
      message: translate(locale, `errors.${error.messageKey}`, values),
    },
  };
  if (error.param !== undefined) body.error.param = error.param;
  return body;
}

export function sendError(reply: FastifyReply, error: AppError): FastifyReply {
  for (const [name, value] of Object.entries(error.headers)) void reply.header(name, value);
  return reply
    .code(error.status)
    .type('application/json; charset=utf-8')
    .send(errorBody(error, reply.request.locale));
}

export function registerErrorHandler(app: FastifyInstance, options: { bodyLimitBytes: number }): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    let appError: AppError | undefined;
    if (error instanceof AppError) appError = error;
    else if (hasZodFastifySchemaValidationErrors(error)) appError = validationError(error, request);
    else appError = frameworkError(error);

    if (!appError && isDatabaseUnreachable(error)) {
      // A restart or a cut connection, not a bug: the client may retry once the pool has reconnected.
      request.log.warn({ err: error }, 'database unreachable');
      appError = serviceUnavailable();
    } else if (!appError) {
      request.log.error({ err: error }, 'internal error');
      appError = new AppError('internal_error', { values: { requestId: request.id } });
    } else if (appError.code === 'body_too_large') {
      appError.values.limitBytes = options.bodyLimitBytes;
    }
    return sendError(reply, appError);
  });
}
