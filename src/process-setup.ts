import pino, { type DestinationStream, type Logger } from 'pino';
import type { Config } from './config.js';
import { withoutQueryValues } from './db/log-redaction.js';

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
export const LOG_SERIALIZERS = {
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
