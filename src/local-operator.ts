import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * In embedded mode the CLI on the same machine (`simfill mail list|show`) reads the dev mailbox from the
 * running server. It proves it is local by a token the server writes into the data dir, readable only by the
 * user running SimFill (mode 0600), and sends it only to a loopback address.
 */

export const LOCAL_OPERATOR_TOKEN_FILE = 'local-operator.token';

export function writeLocalOperatorToken(dataDir: string): string {
  const token = randomBytes(32).toString('base64url');
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCAL_OPERATOR_TOKEN_FILE);
  fs.writeFileSync(file, `${token}\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return token;
}

export function readLocalOperatorToken(dataDir: string): string | undefined {
  try {
    return fs.readFileSync(path.join(dataDir, LOCAL_OPERATOR_TOKEN_FILE), 'utf8').trim();
  } catch {
    return undefined;
  }
}
