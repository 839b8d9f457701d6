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
  ])('stops on a bad value with one line naming the variable: %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('leaves /metrics open on the app port by default, or behind METRICS_TOKEN and/or on METRICS_HOST:METRICS_PORT', () => {
    expect(loadConfig({}).http.metrics).toEqual({ token: undefined, listen: undefined });
    const token = 'a'.repeat(64);
    expect(loadConfig({ METRICS_TOKEN: token, METRICS_PORT: '9464' }).http.metrics).toEqual({
      token,
      listen: { host: 'localhost', port: 9464 },
    });
    expect(
      loadConfig({ HOST: '0.0.0.0', METRICS_HOST: '10.0.0.5', METRICS_PORT: '8080' }).http.metrics.listen,
    ).toEqual({ host: '10.0.0.5', port: 8080 });
    expect(() => loadConfig({ METRICS_HOST: '10.0.0.5' })).toThrow(
      'Invalid configuration: METRICS_HOST needs METRICS_PORT: the port of the separate metrics listener',
    );
    expect(() => loadConfig({ METRICS_PORT: '8080' })).toThrow(
      'Invalid configuration: METRICS_PORT must differ from PORT (8080) on the same host',
    );
    expect(() => loadConfig({ METRICS_PORT: '0' })).toThrow(
      'Invalid configuration: METRICS_PORT must be a whole number from 1 to 65535 (got "0")',
    );
    // A short token is refused, and never echoed.
    expect(() => loadConfig({ METRICS_TOKEN: 'hunter2' })).toThrow(
      /^Invalid configuration: METRICS_TOKEN must be 32 to 256 letters, digits or \._~\+\/=- \(for example the output of `openssl rand -hex 32`\)$/,
    );
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
