import pino, { type Logger } from 'pino';
import type { Config } from './config.js';

/**
 * The small pieces every command needs (a logger, where the database is) without loading the whole runtime:
 * the CLI's quick commands (`mail list`, `staff list`, `doctor`) import only these.
 */

export const LOG_REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["idempotency-key"]',
];

export function createLogger(config: Config): Logger {
  return pino({ level: config.logLevel, redact: LOG_REDACT, base: { service: 'simfill' } });
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
