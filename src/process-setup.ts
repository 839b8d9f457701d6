import pino, { type DestinationStream, type Logger } from 'pino';
import type { Config } from './config.js';
import { withoutQueryValues } from './db/log-redaction.js';
import { isDatabaseUnreachable } from './db/unreachable.js';

/**
 * The small pieces every command needs (a logger, where the database is) without loading the whole runtime:
 * the CLI's quick commands (`mail list`, `staff list`, `doctor`) import only these.
 */

export const LOG_REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["idempotency-key"]',
];

/** Errors are logged without the values of a failed query (src/db/log-redaction.ts), SQL text and code kept. */
const LOG_SERIALIZERS = {
  err: (error: unknown) => pino.stdSerializers.err(withoutQueryValues(error) as Error),
};

/** The process's logger: JSON lines on stdout, or on `destination` (tests read what an operator would). */
export function createLogger(config: Pick<Config, 'logLevel'>, destination?: DestinationStream): Logger {
  return pino(
    {
      level: config.logLevel,
      redact: LOG_REDACT,
      base: { service: 'simfill' },
      serializers: LOG_SERIALIZERS,
    },
    destination,
  );
}

export function databaseTarget(config: Config) {
  return config.database.kind === 'postgres'
    ? {
        kind: 'postgres' as const,
        url: config.database.url,
        poolMax: config.database.poolMax,
        preparedStatements: config.database.preparedStatements,
      }
    : { kind: 'pglite' as const, dataDir: config.database.dataDir };
}

/**
 * What a long-running process (start, serve, worker) does with errors nobody handled, instead of Node's default
 * (print and exit, which turned one missed write during a PostgreSQL restart into an outage):
 * - an unhandled rejection is logged with its error and stack and the process carries on. The promise's caller
 *   has moved on already; what it was writing either rolled back with its transaction or is done again by a job
 *   lease or an idempotency key, so staying up loses nothing that exiting would save.
 * - an uncaught exception that only says the database connection was lost (`isDatabaseUnreachable`) is logged
 *   and survived for the same reason: the pool replaces the connection.
 * - any other uncaught exception leaves the process in a state nobody can vouch for: it is logged as fatal,
 *   `onFatal` (a graceful stop) gets up to FATAL_STOP_MS, and the process exits 1 so its supervisor starts it again.
 */
export function installProcessErrorPolicy(logger: Logger, onFatal: () => Promise<void>): void {
  process.on('unhandledRejection', (reason) => {
    logger.error({ err: reason }, 'unhandled promise rejection (survived; a caller did not await it)');
  });
  let fatal = false;
  process.on('uncaughtException', (error, origin) => {
    if (isDatabaseUnreachable(error)) {
      logger.error(
        { err: error, origin },
        'uncaught connection error (survived; the connection is replaced)',
      );
      return;
    }
    logger.fatal({ err: error, origin }, 'uncaught exception; stopping');
    if (fatal) return;
    fatal = true;
    const exit = () => process.exit(1);
    setTimeout(exit, FATAL_STOP_MS).unref();
    onFatal().then(exit, exit);
  });
}

const FATAL_STOP_MS = 10_000;
