/**
 * Whether an error means the database (or the connection to it) went away — a restart, a killed backend, a
 * network cut — rather than anything about the statement. Such an error is over once the pool reconnects: callers
 * answer 503 and retry, the process carries on. drizzle wraps driver errors; their `cause` is looked at too.
 */
const UNREACHABLE_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  '57P01', // admin_shutdown: the server is stopping or the backend was terminated
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: the server is starting up
]);

/** node-postgres reports a lost or unobtainable connection by message only. */
const UNREACHABLE_MESSAGES = [
  /^Connection terminated/,
  /Client has encountered a connection error and is not queryable/,
  /^timeout exceeded when trying to connect/,
  /^Client was closed and is not queryable/,
];

export function isDatabaseUnreachable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth += 1) {
    const { code, message, cause } = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof code === 'string' && (UNREACHABLE_CODES.has(code) || code.startsWith('08'))) return true;
    if (typeof message === 'string' && UNREACHABLE_MESSAGES.some((pattern) => pattern.test(message)))
      return true;
    current = cause;
  }
  return false;
}

/**
 * Runs `write` until it succeeds, waiting 0.25 s, 0.5 s, 1 s … then every 5 s between attempts, for up to `maxMs`
 * (or until `giveUp()` says so), then throws the last error. For writes that must outlast a database restart and
 * may safely run again (recording an outcome that already happened); `onRetry` hears each failed attempt.
 */
export async function retryUntilDatabaseAnswers<T>(
  write: () => Promise<T>,
  options: { maxMs: number; giveUp?: () => boolean; onRetry?: (error: unknown, attempt: number) => void },
): Promise<T> {
  const deadline = Date.now() + options.maxMs;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await write();
    } catch (error) {
      if (Date.now() >= deadline || options.giveUp?.()) throw error;
      options.onRetry?.(error, attempt);
      await new Promise((resolve) => setTimeout(resolve, Math.min(250 * 2 ** attempt, 5_000)).unref());
    }
  }
}
