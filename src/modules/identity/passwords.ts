import fs from 'node:fs';
import { hash, verify } from '@node-rs/argon2';
import { AppError } from '../../kernel/errors.js';

/**
 * Password storage and policy (OWASP Password Storage Cheat Sheet, NIST SP 800-63B): argon2id with
 * m = 19 MiB, t = 2, p = 1; at least 10 characters, at most 256 (long passphrases welcome), and not one of the
 * common passwords bundled in `common-passwords.txt`. No composition rules: they make passwords worse.
 */

export const PASSWORD_LENGTH_MIN = 10;
export const PASSWORD_LENGTH_MAX = 256;

// The library's default algorithm is argon2id (its const enum cannot be imported under verbatimModuleSyntax);
// a test checks that hashes are `$argon2id$v=19$m=19456,t=2,p=1$…`.
const ARGON2_OPTIONS = {
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  fs
    .readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#')),
);

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Unknown accounts are checked against this hash, so a wrong email costs the same time as a wrong password.
let dummyHash: Promise<string> | undefined;
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummyHash ??= hashPassword('simfill-dummy-password-for-timing');
  await verifyPassword(await dummyHash, password);
  return false;
}

/** Throws `password_too_short` or `password_common` for `param`; longer than the maximum is a schema error. */
export function assertPasswordAcceptable(password: string, param: string, email?: string): void {
  if ([...password].length < PASSWORD_LENGTH_MIN) {
    throw new AppError('password_too_short', { param, values: { minimum: PASSWORD_LENGTH_MIN } });
  }
  const lower = password.toLowerCase();
  const localPart = email?.slice(0, email.lastIndexOf('@')).toLowerCase();
  if (COMMON_PASSWORDS.has(lower) || (localPart !== undefined && lower === localPart) || lower === email) {
    throw new AppError('password_common', { param });
  }
}
