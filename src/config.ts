import path from 'node:path';
import { z } from 'zod';
import { PAYPAL_WEBHOOK_ID } from './adapters/paypal/provider.js';

/**
 * The one place environment variables are read. Everything is validated before anything starts;
 * a bad value stops the process with one line naming the variable and what is allowed.
 */

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const anyPort = () =>
  z.coerce
    .number({ error: 'must be a whole number from 1 to 65535' })
    .int('must be a whole number from 1 to 65535')
    .min(1, 'must be a whole number from 1 to 65535')
    .max(65535, 'must be a whole number from 1 to 65535');
const port = (fallback: number) => anyPort().default(fallback);

const httpUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
  .transform((url) => url.replace(/\/+$/, ''));

const wholeNumber = (min: number, max: number, fallback: number, unit = '') => {
  const message = `must be a whole number${unit} from ${min} to ${max}`;
  return z.coerce
    .number({ error: message })
    .int(message)
    .min(min, message)
    .max(max, message)
    .default(fallback);
};

const envSchema = z.object({
  DATABASE_URL: z
    .url({
      protocol: /^postgres(ql)?$/,
      error: 'must be a postgres:// or postgresql:// URL (leave unset for the embedded database)',
    })
    .optional(),
  SIMFILL_DATA_DIR: z.string().min(1, 'must be a directory path').default('./data'),
  PORT: port(8080),
  HOST: z.string().min(1, 'must be a host name or IP address to listen on').default('localhost'),
  BASE_URL: httpUrl.optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  DATABASE_POOL_MAX: z.coerce
    .number({ error: 'must be a whole number from 1 to 100' })
    .int('must be a whole number from 1 to 100')
    .min(1, 'must be a whole number from 1 to 100')
    .max(100, 'must be a whole number from 1 to 100')
    .default(10),
  DATABASE_PREPARED_STATEMENTS: z.enum(['on', 'off'], { error: 'must be on or off' }).default('on'),
  BODY_LIMIT_BYTES: z.coerce
    .number({ error: 'must be a whole number of bytes from 1024 to 10485760' })
    .int('must be a whole number of bytes from 1024 to 10485760')
    .min(1024, 'must be a whole number of bytes from 1024 to 10485760')
    .max(10 * 1024 * 1024, 'must be a whole number of bytes from 1024 to 10485760')
    .default(64 * 1024),
  WEB_DIST_DIR: z.string().min(1).default('web/dist'),
  SMTP_URL: z
    .url({
      protocol: /^smtps?$/,
      error: 'must be an smtp:// or smtps:// URL (leave unset for the embedded dev mailbox)',
    })
    .optional(),
  MAIL_FROM: z
    .string()
    .min(3, 'must be a sender such as "SimFill <no-reply@example.com>"')
    .default('SimFill <no-reply@simfill.localhost>'),
  SMTP_DEV_PORT: z.coerce
    .number({ error: 'must be a whole number from 0 to 65535 (0 picks a free port)' })
    .int('must be a whole number from 0 to 65535 (0 picks a free port)')
    .min(0, 'must be a whole number from 0 to 65535 (0 picks a free port)')
    .max(65535, 'must be a whole number from 0 to 65535 (0 picks a free port)')
    .default(2525),
  TRUST_PROXY: z
    .string()
    .regex(
      /^(true|false|\d{1,2}|[0-9a-fA-F.:/]+(,[0-9a-fA-F.:/]+)*)$/,
      'must be false, true, a number of proxy hops, or proxy addresses/CIDRs separated by commas',
    )
    .default('false'),
  STAFF_TOTP_REQUIRED: z.enum(['true', 'false'], { error: 'must be true or false' }).default('false'),
  CATALOG_CACHE_TTL_MS: z.coerce
    .number({ error: 'must be a whole number of milliseconds from 0 to 3600000' })
    .int('must be a whole number of milliseconds from 0 to 3600000')
    .min(0, 'must be a whole number of milliseconds from 0 to 3600000')
    .max(3_600_000, 'must be a whole number of milliseconds from 0 to 3600000')
    .default(5_000),
  QUOTE_LOCK_MINUTES: wholeNumber(1, 120, 15, ' of minutes'),
  TAX_RATE_BPS: wholeNumber(0, 5_000, 0, ' of basis points'),
  FX_RATE_MAX_AGE_MINUTES: wholeNumber(5, 10_080, 1_440, ' of minutes'),
  WALLET_TOP_UP_MIN_MINOR: wholeNumber(100, 1_000_000, 500, ' of cents'),
  WALLET_TOP_UP_MAX_MINOR: wholeNumber(100, 1_000_000, 50_000, ' of cents'),
  FX_FEED_URL: httpUrl.optional(),
  STRIPE_API_BASE: httpUrl.optional(),
  STRIPE_SECRET_KEY: z
    .string()
    .regex(/^(sk|rk)_(test|live)_[A-Za-z0-9_]{8,}$/, 'must be a Stripe secret key (sk_test_… or sk_live_…)')
    .optional(),
  STRIPE_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_[A-Za-z0-9_]{8,}$/, 'must be a webhook secret (whsec_…)')
    .optional(),
  STRIPE_HOSTED_PAGES_BASE: httpUrl.optional(),
  PAYPAL_API_BASE: httpUrl.optional(),
  PAYPAL_CLIENT_ID: z.string().min(8).max(200).optional(),
  PAYPAL_CLIENT_SECRET: z.string().min(8).max(200).optional(),
  PAYPAL_WEBHOOK_ID: z
    .string()
    .regex(PAYPAL_WEBHOOK_ID, 'must be a PayPal webhook id (letters and digits, at most 50)')
    .optional(),
  RELOADLY_AUTH_URL: httpUrl.optional(),
  RELOADLY_API_BASE: httpUrl.optional(),
  RELOADLY_AUDIENCE: httpUrl.optional(),
  RELOADLY_CLIENT_ID: z.string().min(4).max(200).optional(),
  RELOADLY_CLIENT_SECRET: z.string().min(8).max(200).optional(),
  AIRALO_BASE_URL: httpUrl.optional(),
  AIRALO_CLIENT_ID: z.string().min(4).max(200).optional(),
  AIRALO_CLIENT_SECRET: z.string().min(8).max(500).optional(),
  SMDP_ES2_URL: httpUrl.optional(),
  SMDP_REQUESTER_ID: z
    .string()
    .regex(
      /^[A-Za-z0-9._:-]{1,128}$/,
      'must be the operator identifier agreed with the SM-DP+ (letters, digits, ._:-)',
    )
    .optional(),
  SMDP_NOTIFICATION_SECRET: z
    .string()
    .regex(
      /^[A-Za-z0-9._~+/=-]{32,256}$/,
      'must be 32 to 256 letters, digits or ._~+/=- (for example the output of `openssl rand -hex 32`)',
    )
    .optional(),
  SMDP_TLS_CERT_FILE: z.string().min(1, 'must be the path of a PEM client certificate').optional(),
  SMDP_TLS_KEY_FILE: z.string().min(1, 'must be the path of the PEM key of SMDP_TLS_CERT_FILE').optional(),
  SMDP_TLS_CA_FILE: z.string().min(1, 'must be the path of the PEM CA certificates of the SM-DP+').optional(),
  SMDP_ID: z
    .string()
    .regex(
      /^[A-Za-z0-9._:-]{1,128}$/,
      'must be the SM-DP+’s own requester identifier (letters, digits, ._:-)',
    )
    .optional(),
  SMDP_ADDRESS: z
    .string()
    .regex(
      /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/,
      'must be the SM-DP+’s host name as activation codes carry it, e.g. smdp.example.com',
    )
    .optional(),
  TOPUP_COUNTRIES: z
    .string()
    .regex(/^[A-Z]{2}(,[A-Z]{2})*$/, 'must be ISO country codes separated by commas, e.g. US,CN')
    .default('US,CN'),
  TOPUP_MARKUP_BPS: wholeNumber(0, 5_000, 300, ' of basis points'),
  TOPUP_ETA_MINUTES: wholeNumber(0, 10_080, 0, ' of minutes'),
  DELIVERY_MAX_ATTEMPTS: wholeNumber(1, 20, 5, ''),
  FLOAT_ALERT_BELOW_MINOR: wholeNumber(0, 100_000_000, 50_000, ' of cents'),
  OPERATOR_NAME: z.string().min(1).max(200).default('SimFill'),
  OPERATOR_EMAIL: z.string().min(3).max(320).default('support@simfill.localhost'),
  OPERATOR_ADDRESS: z.string().max(500).default(''),
  FX_FEED_APP_ID: z.string().min(1).max(200).optional(),
  METRICS_TOKEN: z
    .string()
    .regex(
      /^[A-Za-z0-9._~+/=-]{32,256}$/,
      'must be 32 to 256 letters, digits or ._~+/=- (for example the output of `openssl rand -hex 32`)',
    )
    .optional(),
  METRICS_HOST: z.string().min(1, 'must be a host name or IP address to listen on').optional(),
  METRICS_PORT: anyPort().optional(),
});

export type Env = z.infer<typeof envSchema>;

/** Values never echoed back in an error: a URL may carry a password. */
const SECRET_VARIABLES = new Set([
  'DATABASE_URL',
  'SMTP_URL',
  'FX_FEED_APP_ID',
  'STRIPE_SECRET_KEY',
  'STRIPE_WEBHOOK_SECRET',
  'PAYPAL_CLIENT_SECRET',
  'RELOADLY_CLIENT_SECRET',
  'AIRALO_CLIENT_SECRET',
  'SMDP_NOTIFICATION_SECRET',
  'METRICS_TOKEN',
]);

export interface Config {
  database:
    | { kind: 'postgres'; url: string; poolMax: number; preparedStatements: boolean }
    | { kind: 'pglite'; dataDir: string };
  http: {
    host: string;
    port: number;
    baseUrl: string;
    bodyLimitBytes: number;
    /** Behind a reverse proxy: which X-Forwarded-For hops to believe for the client IP (rate limits, audit). */
    trustProxy: boolean | number | string[];
    /**
     * `/metrics`: `token` (METRICS_TOKEN) requires `Authorization: Bearer <token>`; `listen` (METRICS_PORT, on
     * METRICS_HOST or else HOST) serves it on a listener of its own instead of the public port.
     */
    metrics: { token: string | undefined; listen: { host: string; port: number } | undefined };
  };
  /** Owners and admins must sign in to the console with TOTP. */
  staffTotpRequired: boolean;
  /** SIMFILL_DATA_DIR, absolute: the embedded database and local files (the CLI's local operator token). */
  dataDir: string;
  logLevel: (typeof LOG_LEVELS)[number];
  webDistDir: string;
  catalogCacheTtlMs: number;
  /** `smtpUrl` unset: the embedded dev SMTP server on 127.0.0.1:`devSmtpPort` (simfill start) receives mail. */
  mail: { smtpUrl: string | undefined; from: string; devSmtpPort: number };
  pricing: {
    quoteLockMinutes: number;
    taxRateBps: number;
    fxRateMaxAgeMs: number;
    walletTopUpMinMinor: number;
    walletTopUpMaxMinor: number;
  };
  /** `feedUrl` unset: `simfill start` runs the FX simulator; `serve`/`worker` use operator-set rates only. */
  fx: { feedUrl: string | undefined; appId: string };
  /**
   * `secretKey` unset: `simfill start` runs the Stripe-compatible simulator and points the SDK at it; `serve` and
   * `worker` then have no card/Alipay/WeChat Pay provider.
   */
  stripe: {
    apiBase: string | undefined;
    secretKey: string | undefined;
    webhookSecret: string | undefined;
    hostedPagesBase: string | undefined;
  };
  /** Unset credentials: `simfill start` runs the PayPal simulator; `serve`/`worker` offer no PayPal. */
  paypal: {
    apiBase: string;
    clientId: string | undefined;
    clientSecret: string | undefined;
    webhookId: string | undefined;
  };
  /**
   * Line top-ups through a Reloadly-compatible provider. Unset credentials: `simfill start` runs the Reloadly
   * simulator; `serve`/`worker` sell no top-ups.
   */
  reloadly: {
    authUrl: string;
    apiBase: string;
    /** The OAuth audience: the API's own URL at Reloadly (production or sandbox). */
    audience: string;
    clientId: string | undefined;
    clientSecret: string | undefined;
  };
  /**
   * Travel eSIMs through an Airalo Partner API v2-compatible provider. Unset credentials: `simfill start` runs the
   * Airalo simulator; `serve`/`worker` sell no Airalo eSIMs.
   */
  airalo: { apiBase: string; clientId: string | undefined; clientSecret: string | undefined };
  /**
   * The operator's own SM-DP+ over GSMA ES2+. Unset: `simfill start` runs the SM-DP+ simulator; `serve`/`worker`
   * issue no SM-DP+ eSIMs. `notificationSecret` is what the SM-DP+ sends as `Authorization: Bearer …` on its
   * HandleDownloadProgressInfo calls (in place of mutual TLS), and keys SimFill's matching ids; `smdpId` is its
   * requester identifier on those calls; `smdpAddress` the host name in activation codes when its ConfirmOrder
   * answer names none.
   */
  smdp: {
    es2Url: string | undefined;
    requesterId: string | undefined;
    notificationSecret: string | undefined;
    smdpId: string | undefined;
    smdpAddress: string | undefined;
    /** PEM files for ES2+'s mutual TLS (absolute paths): SimFill's client certificate and key, the SM-DP+'s CA. */
    tls: { certFile: string; keyFile: string; caFile: string | undefined } | undefined;
  };
  topUps: {
    countries: string[];
    defaultMarkupBps: number;
    defaultEtaMinutes: number;
    maxAttempts: number;
    /** Staff are emailed (OPERATOR_EMAIL) when the provider float falls below this. */
    floatAlertBelowMinor: number;
  };
  /** Printed on receipts. */
  operator: { name: string; email: string; address: string };
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly problem: string,
  ) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

/** A port from the configuration that cannot be listened on, naming the variable that chose it. */
export class PortUnavailableError extends Error {
  constructor(
    readonly variable: 'PORT' | 'SMTP_DEV_PORT' | 'METRICS_PORT',
    address: { host: string; port: number },
    code: string,
  ) {
    const reason = code === 'EADDRINUSE' ? 'the port is in use' : 'permission denied';
    const hint = variable === 'SMTP_DEV_PORT' ? ' (0 picks a free one)' : '';
    super(
      `cannot listen on ${address.host}:${address.port} (${reason}); set ${variable} to another port${hint}.`,
    );
    this.name = 'PortUnavailableError';
  }
}

/** Reads and validates the environment. Throws `ConfigError` for the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const relevant = Object.fromEntries(
    Object.keys(envSchema.shape).map((key) => [key, env[key] === '' ? undefined : env[key]]),
  );
  const parsed = envSchema.safeParse(relevant);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? 'environment');
    const shown =
      relevant[variable] === undefined || SECRET_VARIABLES.has(variable)
        ? ''
        : ` (got ${JSON.stringify(relevant[variable])})`;
    throw new ConfigError(variable, `${issue.message}${shown}`);
  }
  const values = parsed.data;
  refusePartialCredentials(values);
  if (values.METRICS_HOST !== undefined && values.METRICS_PORT === undefined)
    throw new ConfigError('METRICS_HOST', 'needs METRICS_PORT: the port of the separate metrics listener');
  const metricsHost = values.METRICS_HOST ?? values.HOST;
  if (values.METRICS_PORT === values.PORT && metricsHost === values.HOST)
    throw new ConfigError('METRICS_PORT', `must differ from PORT (${values.PORT}) on the same host`);
  const displayHost = values.HOST === '0.0.0.0' || values.HOST === '::' ? 'localhost' : values.HOST;
  return {
    database: values.DATABASE_URL
      ? {
          kind: 'postgres',
          url: values.DATABASE_URL,
          poolMax: values.DATABASE_POOL_MAX,
          preparedStatements: values.DATABASE_PREPARED_STATEMENTS === 'on',
        }
      : { kind: 'pglite', dataDir: path.resolve(values.SIMFILL_DATA_DIR) },
    http: {
      host: values.HOST,
      port: values.PORT,
      baseUrl: values.BASE_URL ?? `http://${displayHost}:${values.PORT}`,
      bodyLimitBytes: values.BODY_LIMIT_BYTES,
      trustProxy: parseTrustProxy(values.TRUST_PROXY),
      metrics: {
        token: values.METRICS_TOKEN,
        listen:
          values.METRICS_PORT === undefined ? undefined : { host: metricsHost, port: values.METRICS_PORT },
      },
    },
    staffTotpRequired: values.STAFF_TOTP_REQUIRED === 'true',
    dataDir: path.resolve(values.SIMFILL_DATA_DIR),
    logLevel: values.LOG_LEVEL,
    webDistDir: path.resolve(values.WEB_DIST_DIR),
    catalogCacheTtlMs: values.CATALOG_CACHE_TTL_MS,
    mail: { smtpUrl: values.SMTP_URL, from: values.MAIL_FROM, devSmtpPort: values.SMTP_DEV_PORT },
    pricing: {
      quoteLockMinutes: values.QUOTE_LOCK_MINUTES,
      taxRateBps: values.TAX_RATE_BPS,
      fxRateMaxAgeMs: values.FX_RATE_MAX_AGE_MINUTES * 60_000,
      walletTopUpMinMinor: values.WALLET_TOP_UP_MIN_MINOR,
      walletTopUpMaxMinor: Math.max(values.WALLET_TOP_UP_MIN_MINOR, values.WALLET_TOP_UP_MAX_MINOR),
    },
    fx: { feedUrl: values.FX_FEED_URL, appId: values.FX_FEED_APP_ID ?? 'simfill-dev' },
    stripe: {
      apiBase: values.STRIPE_API_BASE,
      secretKey: values.STRIPE_SECRET_KEY,
      webhookSecret: values.STRIPE_WEBHOOK_SECRET,
      hostedPagesBase: values.STRIPE_HOSTED_PAGES_BASE,
    },
    paypal: {
      apiBase: values.PAYPAL_API_BASE ?? 'https://api-m.paypal.com',
      clientId: values.PAYPAL_CLIENT_ID,
      clientSecret: values.PAYPAL_CLIENT_SECRET,
      webhookId: values.PAYPAL_WEBHOOK_ID,
    },
    reloadly: {
      authUrl: values.RELOADLY_AUTH_URL ?? 'https://auth.reloadly.com',
      apiBase: values.RELOADLY_API_BASE ?? 'https://topups.reloadly.com',
      audience: values.RELOADLY_AUDIENCE ?? values.RELOADLY_API_BASE ?? 'https://topups.reloadly.com',
      clientId: values.RELOADLY_CLIENT_ID,
      clientSecret: values.RELOADLY_CLIENT_SECRET,
    },
    airalo: {
      apiBase: values.AIRALO_BASE_URL ?? 'https://partners-api.airalo.com',
      clientId: values.AIRALO_CLIENT_ID,
      clientSecret: values.AIRALO_CLIENT_SECRET,
    },
    smdp: smdpConfigOf(values),
    topUps: {
      countries: values.TOPUP_COUNTRIES.split(','),
      defaultMarkupBps: values.TOPUP_MARKUP_BPS,
      defaultEtaMinutes: values.TOPUP_ETA_MINUTES,
      maxAttempts: values.DELIVERY_MAX_ATTEMPTS,
      floatAlertBelowMinor: values.FLOAT_ALERT_BELOW_MINOR,
    },
    operator: { name: values.OPERATOR_NAME, email: values.OPERATOR_EMAIL, address: values.OPERATOR_ADDRESS },
  };
}

/** Credentials that only work together: one without the others would leave that provider half configured. */
const CREDENTIAL_SETS = [
  ['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET'],
  ['PAYPAL_CLIENT_ID', 'PAYPAL_CLIENT_SECRET', 'PAYPAL_WEBHOOK_ID'],
  ['RELOADLY_CLIENT_ID', 'RELOADLY_CLIENT_SECRET'],
  ['AIRALO_CLIENT_ID', 'AIRALO_CLIENT_SECRET'],
  ['SMDP_ES2_URL', 'SMDP_REQUESTER_ID', 'SMDP_NOTIFICATION_SECRET'],
  ['SMDP_TLS_CERT_FILE', 'SMDP_TLS_KEY_FILE'],
] as const;

/** The SM-DP+'s id and address default to the host of its ES2+ URL (what most SM-DP+s use for both). */
function smdpConfigOf(values: Env): Config['smdp'] {
  const host = values.SMDP_ES2_URL ? new URL(values.SMDP_ES2_URL).hostname : undefined;
  return {
    es2Url: values.SMDP_ES2_URL,
    requesterId: values.SMDP_REQUESTER_ID,
    notificationSecret: values.SMDP_NOTIFICATION_SECRET,
    smdpId: values.SMDP_ID ?? host,
    smdpAddress: values.SMDP_ADDRESS ?? host,
    tls:
      values.SMDP_TLS_CERT_FILE && values.SMDP_TLS_KEY_FILE
        ? {
            certFile: path.resolve(values.SMDP_TLS_CERT_FILE),
            keyFile: path.resolve(values.SMDP_TLS_KEY_FILE),
            caFile: values.SMDP_TLS_CA_FILE && path.resolve(values.SMDP_TLS_CA_FILE),
          }
        : undefined,
  };
}

function refusePartialCredentials(values: Env): void {
  for (const names of CREDENTIAL_SETS) {
    const missing = names.filter((name) => values[name] === undefined);
    if (missing.length > 0 && missing.length < names.length) {
      const present = names.find((name) => values[name] !== undefined)!;
      throw new ConfigError(
        present,
        `is set without ${missing.join(' and ')}; set all of ${names.join(', ')} or none`,
      );
    }
  }
}

const PAYMENT_CREDENTIALS = {
  stripe: 'STRIPE_SECRET_KEY/STRIPE_WEBHOOK_SECRET',
  paypal: 'PAYPAL_CLIENT_ID/PAYPAL_CLIENT_SECRET/PAYPAL_WEBHOOK_ID',
} as const;

/**
 * Refuses a mix where simulated money could buy real goods: `simfill start` runs the payment simulators for every
 * payment provider without credentials, and anyone can "pay" there with a test card; with a real airtime provider
 * (RELOADLY_* set) that would be real top-ups for nothing. `serve` and `worker` run no simulator, so for them only
 * test-mode payments against Reloadly's production API are refused. Throws a `ConfigError` naming the variables.
 */
export function refuseSimulatedPaymentsForRealProviders(
  config: Config,
  role: 'all' | 'api' | 'worker',
): void {
  refuseSimulatedPaymentsForRealEsims(config, role);
  if (!config.reloadly.clientId) return;
  const simulated = (['stripe', 'paypal'] as const).filter((provider) =>
    provider === 'stripe' ? !config.stripe.secretKey : !config.paypal.clientId,
  );
  if (role === 'all' && simulated.length > 0) {
    throw new ConfigError(
      'RELOADLY_CLIENT_ID',
      `is set (real line top-ups) but ${simulated.map((provider) => PAYMENT_CREDENTIALS[provider]).join(' and ')} ${simulated.length > 1 ? 'are' : 'is'} not, so simfill start would let its payment simulators pay for real top-ups; set the payment credentials too, or unset RELOADLY_CLIENT_ID/RELOADLY_CLIENT_SECRET`,
    );
  }
  if (new URL(config.reloadly.apiBase).host !== 'topups.reloadly.com') return;
  if (config.stripe.secretKey && /^(sk|rk)_test_/.test(config.stripe.secretKey)) {
    throw new ConfigError(
      'STRIPE_SECRET_KEY',
      'is a test-mode key while RELOADLY_API_BASE is Reloadly production, so test cards would pay for real top-ups; use a live key or the Reloadly sandbox (RELOADLY_API_BASE=https://topups-sandbox.reloadly.com)',
    );
  }
  if (config.paypal.clientId && new URL(config.paypal.apiBase).host.includes('sandbox')) {
    throw new ConfigError(
      'PAYPAL_API_BASE',
      'is the PayPal sandbox while RELOADLY_API_BASE is Reloadly production, so sandbox accounts would pay for real top-ups; use PayPal live or the Reloadly sandbox (RELOADLY_API_BASE=https://topups-sandbox.reloadly.com)',
    );
  }
}

/**
 * The same for eSIMs: `simfill start` with a real Airalo account or SM-DP+ but a payment provider left to its
 * simulator would hand out real eSIMs for test-card payments.
 */
function refuseSimulatedPaymentsForRealEsims(config: Config, role: 'all' | 'api' | 'worker'): void {
  if (role !== 'all') return;
  const simulated = (['stripe', 'paypal'] as const).filter((provider) =>
    provider === 'stripe' ? !config.stripe.secretKey : !config.paypal.clientId,
  );
  if (simulated.length === 0) return;
  const real = config.airalo.clientId ? 'AIRALO_CLIENT_ID' : config.smdp.es2Url ? 'SMDP_ES2_URL' : undefined;
  if (!real) return;
  throw new ConfigError(
    real,
    `is set (real eSIMs) but ${simulated.map((provider) => PAYMENT_CREDENTIALS[provider]).join(' and ')} ${simulated.length > 1 ? 'are' : 'is'} not, so simfill start would let its payment simulators pay for real eSIMs; set the payment credentials too, or unset ${real}`,
  );
}

function parseTrustProxy(value: string): boolean | number | string[] {
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value.split(',');
}
