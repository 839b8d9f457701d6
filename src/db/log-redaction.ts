/**
 * Database errors without the values of the query. drizzle's DrizzleQueryError puts the parameters in its message
 * (`Failed query: … params: a@b.com,…`) and keeps them in `params`; PGlite's errors carry `params` and
 * `queryOptions`; PostgreSQL's `detail` quotes rows and keys (`Key (email)=(a@b.com) already exists.`) and a
 * data error's message the value it could not read (`invalid input syntax for type integer: "12x"`). A log
 * line keeps what an operator needs to find the fault — the SQL text, SQLSTATE code, table, column, constraint
 * — and none of the values, which may be personal data or secrets.
 */

/** Properties that hold query values, wherever they appear in an error's cause chain. */
const VALUE_FIELDS = new Set(['params', 'queryOptions', 'detail']);
const CAUSE_DEPTH_MAX = 5;
/** What PostgreSQL says about where a query failed (no values): shown beside drizzle's SQL text. */
const LIFTED_FIELDS = ['code', 'severity', 'schema', 'table', 'column', 'constraint', 'routine'] as const;

interface ErrorLike {
  name: string;
  message: string;
  stack?: string;
  cause?: unknown;
  [key: string]: unknown;
}

function isErrorLike(value: unknown): value is ErrorLike {
  return value instanceof Error;
}

function isDrizzleQueryError(error: ErrorLike): error is ErrorLike & { query: string } {
  return typeof error.query === 'string' && error.message.startsWith('Failed query: ');
}

/** The message without values: drizzle's SQL text alone; a data error's quoted value replaced. */
function safeMessage(error: ErrorLike): string {
  if (isDrizzleQueryError(error)) return `Failed query: ${error.query}`;
  // SQLSTATE class 22 (data exception) messages end with the offending value in quotes.
  if (typeof error.code === 'string' && error.code.startsWith('22'))
    return error.message.replace(/: ".*"$/s, ': [redacted]');
  return error.message;
}

/** A copy of `error` (same class, so logs keep its type) with no query values anywhere in its cause chain. */
export function withoutQueryValues(error: unknown, depth = 0): unknown {
  if (!isErrorLike(error) || depth > CAUSE_DEPTH_MAX) return error;
  const copy = Object.create(Object.getPrototypeOf(error) as object) as ErrorLike;
  for (const key of Object.keys(error)) {
    if (!VALUE_FIELDS.has(key)) copy[key] = error[key];
  }
  const message = safeMessage(error);
  copy.message = message;
  if (typeof error.stack === 'string') {
    const frames = error.stack.indexOf('\n    at ');
    copy.stack = `${error.name}: ${message}${frames === -1 ? '' : error.stack.slice(frames)}`;
  }
  if (error.cause !== undefined) copy.cause = withoutQueryValues(error.cause, depth + 1);
  // Log serializers print a cause's message but not its fields: lift the database's identifiers of the fault.
  if (isDrizzleQueryError(error) && isErrorLike(error.cause)) {
    for (const key of LIFTED_FIELDS) {
      if (copy[key] === undefined && error.cause[key] !== undefined) copy[key] = error.cause[key];
    }
  }
  return copy;
}
