import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('defaults to the embedded database in ./data on port 8080', () => {
    const config = loadConfig({});
    expect(config.database).toEqual({ kind: 'pglite', dataDir: path.resolve('data') });
    expect(config.http).toMatchObject({ port: 8080, host: 'localhost', baseUrl: 'http://localhost:8080' });
    expect(config.logLevel).toBe('info');
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/simfill', DATABASE_POOL_MAX: '20' });
    expect(config.database).toEqual({
      kind: 'postgres',
      url: 'postgres://u:p@db:5432/simfill',
      poolMax: 20,
      preparedStatements: true,
    });
    const pooled = loadConfig({
      DATABASE_URL: 'postgres://u:p@db:5432/simfill',
      DATABASE_PREPARED_STATEMENTS: 'off',
    });
    expect(pooled.database).toMatchObject({ preparedStatements: false });
  });

  it('derives the public URL from host and port unless BASE_URL says otherwise', () => {
    expect(loadConfig({ HOST: '0.0.0.0', PORT: '9000' }).http.baseUrl).toBe('http://localhost:9000');
    expect(loadConfig({ BASE_URL: 'https://simfill.example.com/' }).http.baseUrl).toBe(
      'https://simfill.example.com',
    );
  });

  it.each([
    [{ PORT: 'eighty' }, 'Invalid configuration: PORT must be a whole number from 1 to 65535 (got "eighty")'],
    [{ PORT: '70000' }, 'Invalid configuration: PORT must be a whole number from 1 to 65535 (got "70000")'],
    [
      { LOG_LEVEL: 'loud' },
      'Invalid configuration: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
    ],
    [
      { DATABASE_PREPARED_STATEMENTS: 'maybe' },
      'Invalid configuration: DATABASE_PREPARED_STATEMENTS must be on or off (got "maybe")',
    ],
    [
      { BASE_URL: 'ftp://x' },
      'Invalid configuration: BASE_URL must be an http:// or https:// URL (got "ftp://x")',
    ],
    [
      { PAYPAL_WEBHOOK_ID: 'WH-SIMFILL-EMBEDDED' },
      'Invalid configuration: PAYPAL_WEBHOOK_ID must be a PayPal webhook id (letters and digits, at most 50) (got "WH-SIMFILL-EMBEDDED")',
    ],
  ])('stops on a bad value with one line naming the variable: %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('never echoes a DATABASE_URL, which may hold a password', () => {
    try {
      loadConfig({ DATABASE_URL: 'mysql://root:s3cret@db/simfill' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(/^Invalid configuration: DATABASE_URL must be a postgres/);
      expect((error as Error).message).not.toContain('s3cret');
    }
  });
});
