import fs from 'node:fs';
import path from 'node:path';
import { randomBytes, randomInt } from 'node:crypto';
import { z } from 'zod';
import { ConfigError } from './config.js';

/**
 * The credentials `simfill start` gives its embedded simulators (the API keys the real clients present and the
 * secrets that sign the simulators' webhooks). They are generated at random for each data dir, never shipped in
 * the code: a webhook signed with a constant anyone can read in the source would pay for any order. The file is
 * created once (mode 0600, readable only by the user running SimFill) and reused on every later start, so the data
 * dir's simulators keep one identity (scripts that read the file keep working). The simulators hold their payments
 * in memory, so the file is not what carries a payment across a restart.
 */

export const SIMULATOR_SECRETS_FILE = 'simulator-secrets.json';

const secretsSchema = z.object({
  stripe: z.object({
    secretKey: z.string().regex(/^sk_test_[A-Za-z0-9]{24,}$/),
    webhookSecret: z.string().regex(/^whsec_[A-Za-z0-9]{24,}$/),
  }),
  paypal: z.object({
    clientId: z.string().regex(/^[A-Za-z0-9_-]{24,}$/),
    clientSecret: z.string().regex(/^[A-Za-z0-9_-]{24,}$/),
    webhookId: z.string().regex(/^[0-9A-Z]{17}$/),
  }),
  reloadly: z.object({
    clientId: z.string().regex(/^[A-Za-z0-9]{24,}$/),
    clientSecret: z.string().regex(/^[A-Za-z0-9_-]{24,}$/),
  }),
  fx: z.object({ appId: z.string().regex(/^[0-9a-f]{32}$/) }),
  /** Added with issue 17: a file written before it lacks them and gets them on the next start. */
  airalo: z
    .object({
      clientId: z.string().regex(/^[A-Za-z0-9]{24,}$/),
      clientSecret: z.string().regex(/^[A-Za-z0-9_-]{24,}$/),
    })
    .optional(),
  smdp: z
    .object({
      requesterId: z.string().regex(/^SIMFILL-[0-9A-Z]{12}$/),
      notificationSecret: z.string().regex(/^[0-9a-f]{64}$/),
    })
    .optional(),
});

export type SimulatorSecrets = Required<z.infer<typeof secretsSchema>>;
/** The entries a file written by an earlier SimFill may lack (generated and added on the next start). */
const LATER_ENTRIES = ['airalo', 'smdp'] as const;

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const UPPER_ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function randomFrom(alphabet: string, length: number): string {
  return Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');
}

/** Shaped like each provider's own credentials, so the real clients and the config checks accept them. */
function generateSimulatorSecrets(): SimulatorSecrets {
  return {
    stripe: {
      secretKey: `sk_test_${randomFrom(ALPHANUMERIC, 48)}`,
      webhookSecret: `whsec_${randomFrom(ALPHANUMERIC, 32)}`,
    },
    paypal: {
      clientId: randomBytes(60).toString('base64url'),
      clientSecret: randomBytes(60).toString('base64url'),
      webhookId: randomFrom(UPPER_ALPHANUMERIC, 17),
    },
    reloadly: {
      clientId: randomFrom(ALPHANUMERIC, 32),
      clientSecret: randomBytes(40).toString('base64url'),
    },
    fx: { appId: randomBytes(16).toString('hex') },
    airalo: {
      clientId: randomFrom(ALPHANUMERIC, 32),
      clientSecret: randomBytes(40).toString('base64url'),
    },
    smdp: {
      requesterId: `SIMFILL-${randomFrom(UPPER_ALPHANUMERIC, 12)}`,
      notificationSecret: randomBytes(32).toString('hex'),
    },
  };
}

function unreadable(file: string, why: string): ConfigError {
  return new ConfigError(
    'SIMFILL_DATA_DIR',
    `holds ${file}, which ${why}; delete it to generate new simulator secrets`,
  );
}

function readSecretsFile(file: string): z.infer<typeof secretsSchema> {
  const mode = fs.statSync(file).mode;
  // Loosened by hand (or copied with a umask): narrowed again before the secrets are used.
  if ((mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    throw unreadable(file, 'is not valid JSON');
  }
  const secrets = secretsSchema.safeParse(parsed);
  if (!secrets.success) throw unreadable(file, 'does not hold the expected simulator secrets');
  return secrets.data;
}

/**
 * The data dir's simulator secrets: read from `SIMFILL_DATA_DIR/simulator-secrets.json`, or generated and written
 * there on the first start. Creation is atomic (a complete temporary file hard-linked into place), so two
 * processes starting at once agree on one set and a crash never leaves half a file.
 */
export function loadSimulatorSecrets(dataDir: string): SimulatorSecrets {
  const file = path.join(dataDir, SIMULATOR_SECRETS_FILE);
  if (fs.existsSync(file)) return completed(file, readSecretsFile(file));
  fs.mkdirSync(dataDir, { recursive: true });
  const temporary = temporaryFileFor(file, generateSimulatorSecrets());
  try {
    fs.linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    fs.rmSync(temporary, { force: true });
  }
  return completed(file, readSecretsFile(file));
}

/** A complete file (mode 0600) beside `file`, holding `secrets`, to be linked or renamed into place. */
function temporaryFileFor(file: string, secrets: z.infer<typeof secretsSchema>): string {
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  fs.chmodSync(temporary, 0o600);
  return temporary;
}

/**
 * A file from before an entry existed gets it, generated, and is replaced atomically (rename); the entries it
 * had stay as they were, so the simulators it already named keep their identity.
 */
function completed(file: string, secrets: z.infer<typeof secretsSchema>): SimulatorSecrets {
  const missing = LATER_ENTRIES.filter((entry) => secrets[entry] === undefined);
  if (missing.length === 0) return secrets as SimulatorSecrets;
  const fresh = generateSimulatorSecrets();
  const whole = { ...secrets, ...Object.fromEntries(missing.map((entry) => [entry, fresh[entry]])) };
  const temporary = temporaryFileFor(file, whole);
  try {
    fs.renameSync(temporary, file);
  } finally {
    fs.rmSync(temporary, { force: true });
  }
  return readSecretsFile(file) as SimulatorSecrets;
}
