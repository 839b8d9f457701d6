import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Random secrets (session ids, one-time tokens, API keys) are 256-bit and stored only as SHA-256 hashes: they
 * are too long to guess, so a fast hash is enough and a stolen table reveals nothing usable.
 */

export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Compares two strings in time independent of where they differ. */
export function secretsEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
