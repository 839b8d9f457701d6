import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, refuseSimulatedPaymentsForRealProviders } from './config.js';

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

  const STRIPE = {
    STRIPE_SECRET_KEY: 'sk_live_51Realkey000000',
    STRIPE_WEBHOOK_SECRET: 'whsec_realsecret0000',
  };
  const PAYPAL = {
    PAYPAL_CLIENT_ID: 'AbCdEfGh12345678',
    PAYPAL_CLIENT_SECRET: 'EfGhIjKl12345678',
    PAYPAL_WEBHOOK_ID: '8PT597110X687430L',
  };
  const RELOADLY = { RELOADLY_CLIENT_ID: 'reloadly-client', RELOADLY_CLIENT_SECRET: 'reloadly-secret-1' };

  it.each([
    [
      { STRIPE_SECRET_KEY: STRIPE.STRIPE_SECRET_KEY },
      'Invalid configuration: STRIPE_SECRET_KEY is set without STRIPE_WEBHOOK_SECRET; set all of STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET or none',
    ],
    [
      { PAYPAL_CLIENT_ID: PAYPAL.PAYPAL_CLIENT_ID, PAYPAL_CLIENT_SECRET: PAYPAL.PAYPAL_CLIENT_SECRET },
      'Invalid configuration: PAYPAL_CLIENT_ID is set without PAYPAL_WEBHOOK_ID; set all of PAYPAL_CLIENT_ID, PAYPAL_CLIENT_SECRET, PAYPAL_WEBHOOK_ID or none',
    ],
    [
      { RELOADLY_CLIENT_SECRET: RELOADLY.RELOADLY_CLIENT_SECRET },
      'Invalid configuration: RELOADLY_CLIENT_SECRET is set without RELOADLY_CLIENT_ID; set all of RELOADLY_CLIENT_ID, RELOADLY_CLIENT_SECRET or none',
    ],
  ])(
    'refuses half a provider’s credentials (the other half would fall back to a simulator): %o',
    (env, message) => {
      expect(() => loadConfig(env)).toThrow(message);
    },
  );

  it('refuses simfill start with a real airtime provider and a simulated payment provider, naming the variables', () => {
    const onlyReloadly = loadConfig(RELOADLY);
    expect(() => refuseSimulatedPaymentsForRealProviders(onlyReloadly, 'all')).toThrow(
      'Invalid configuration: RELOADLY_CLIENT_ID is set (real line top-ups) but STRIPE_SECRET_KEY/STRIPE_WEBHOOK_SECRET and PAYPAL_CLIENT_ID/PAYPAL_CLIENT_SECRET/PAYPAL_WEBHOOK_ID are not, so simfill start would let its payment simulators pay for real top-ups; set the payment credentials too, or unset RELOADLY_CLIENT_ID/RELOADLY_CLIENT_SECRET',
    );
    expect(() =>
      refuseSimulatedPaymentsForRealProviders(loadConfig({ ...RELOADLY, ...STRIPE }), 'all'),
    ).toThrow(
      /^Invalid configuration: RELOADLY_CLIENT_ID is set \(real line top-ups\) but PAYPAL_CLIENT_ID\/PAYPAL_CLIENT_SECRET\/PAYPAL_WEBHOOK_ID is not,/,
    );
    // serve and worker run no simulator: without payment credentials they simply take no card or PayPal payments.
    expect(() => refuseSimulatedPaymentsForRealProviders(onlyReloadly, 'api')).not.toThrow();
    expect(() => refuseSimulatedPaymentsForRealProviders(onlyReloadly, 'worker')).not.toThrow();
    // Every payment provider real, or no real airtime provider: nothing simulated can buy anything real.
    expect(() =>
      refuseSimulatedPaymentsForRealProviders(loadConfig({ ...RELOADLY, ...STRIPE, ...PAYPAL }), 'all'),
    ).not.toThrow();
    expect(() => refuseSimulatedPaymentsForRealProviders(loadConfig({}), 'all')).not.toThrow();
  });

  it('reads the eSIM sources: Airalo credentials, and the SM-DP+ with its id and address from its URL', () => {
    const secret = 'a'.repeat(64);
    const config = loadConfig({
      AIRALO_CLIENT_ID: 'airalo-client',
      AIRALO_CLIENT_SECRET: 'airalo-secret-1',
      SMDP_ES2_URL: 'https://smdp.example.com/',
      SMDP_REQUESTER_ID: 'OPERATOR-1',
      SMDP_NOTIFICATION_SECRET: secret,
    });
    expect(config.airalo).toEqual({
      apiBase: 'https://partners-api.airalo.com',
      clientId: 'airalo-client',
      clientSecret: 'airalo-secret-1',
    });
    expect(config.smdp).toEqual({
      es2Url: 'https://smdp.example.com',
      requesterId: 'OPERATOR-1',
      notificationSecret: secret,
      smdpId: 'smdp.example.com',
      smdpAddress: 'smdp.example.com',
    });
    expect(() => loadConfig({ SMDP_ES2_URL: 'https://smdp.example.com' })).toThrow(
      'Invalid configuration: SMDP_ES2_URL is set without SMDP_REQUESTER_ID and SMDP_NOTIFICATION_SECRET; set all of SMDP_ES2_URL, SMDP_REQUESTER_ID, SMDP_NOTIFICATION_SECRET or none',
    );
    expect(config.smdp.tls).toBeUndefined();
    expect(
      loadConfig({ SMDP_TLS_CERT_FILE: 'tls/simfill.pem', SMDP_TLS_KEY_FILE: 'tls/simfill.key' }).smdp.tls,
    ).toEqual({
      certFile: path.resolve('tls/simfill.pem'),
      keyFile: path.resolve('tls/simfill.key'),
      caFile: undefined,
    });
    expect(() => loadConfig({ SMDP_TLS_CERT_FILE: 'tls/simfill.pem' })).toThrow(
      'SMDP_TLS_CERT_FILE is set without SMDP_TLS_KEY_FILE',
    );
    expect(() => loadConfig({ SMDP_NOTIFICATION_SECRET: 'short' })).toThrow(
      /^Invalid configuration: SMDP_NOTIFICATION_SECRET must be 32 to 256 letters[^"]*$/,
    );
    expect(() => loadConfig({ SMDP_ADDRESS: 'smdp$evil' })).toThrow(
      /SMDP_ADDRESS must be the SM-DP\+’s host name/,
    );
    // simfill start with real eSIMs but simulated payments: refused, naming the variable.
    expect(() => refuseSimulatedPaymentsForRealProviders(config, 'all')).toThrow(
      /^Invalid configuration: AIRALO_CLIENT_ID is set \(real eSIMs\) but STRIPE_SECRET_KEY/,
    );
    expect(() => refuseSimulatedPaymentsForRealProviders(config, 'api')).not.toThrow();
  });

  it('refuses test-mode payments paying for Reloadly production in every role', () => {
    const testStripe = { ...STRIPE, STRIPE_SECRET_KEY: 'sk_test_51Testkey000000' };
    for (const role of ['all', 'api', 'worker'] as const) {
      expect(() =>
        refuseSimulatedPaymentsForRealProviders(loadConfig({ ...RELOADLY, ...testStripe, ...PAYPAL }), role),
      ).toThrow(
        /^Invalid configuration: STRIPE_SECRET_KEY is a test-mode key while RELOADLY_API_BASE is Reloadly production/,
      );
      expect(() =>
        refuseSimulatedPaymentsForRealProviders(
          loadConfig({
            ...RELOADLY,
            ...STRIPE,
            ...PAYPAL,
            PAYPAL_API_BASE: 'https://api-m.sandbox.paypal.com',
          }),
          role,
        ),
      ).toThrow(/^Invalid configuration: PAYPAL_API_BASE is the PayPal sandbox while RELOADLY_API_BASE/);
    }
    const sandbox = {
      ...RELOADLY,
      ...testStripe,
      ...PAYPAL,
      PAYPAL_API_BASE: 'https://api-m.sandbox.paypal.com',
      RELOADLY_API_BASE: 'https://topups-sandbox.reloadly.com',
    };
    expect(() => refuseSimulatedPaymentsForRealProviders(loadConfig(sandbox), 'all')).not.toThrow();
  });
});
