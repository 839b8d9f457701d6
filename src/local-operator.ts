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

export const LOCAL_SERVER_FILE = 'local-server.json';

/**
 * Where the running server listens, written into the data dir it holds once it listens, so the CLI on the same
 * machine finds it from SIMFILL_DATA_DIR alone (without repeating PORT). Always a loopback address: the token
 * never travels further.
 */
export function writeLocalServerAddress(
  dataDir: string,
  server: { port: number; baseUrl: string; devSmtpPort: number | undefined },
): void {
  const file = path.join(dataDir, LOCAL_SERVER_FILE);
  const address = {
    url: `http://127.0.0.1:${server.port}`,
    base_url: server.baseUrl,
    dev_smtp_port: server.devSmtpPort ?? null,
    pid: process.pid,
  };
  fs.writeFileSync(file, `${JSON.stringify(address)}\n`, { mode: 0o600 });
}

const isPort = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value > 0 && value < 65_536;

/**
 * The running server's loopback URL, public BASE_URL (for links the CLI writes) and dev SMTP port, when a server
 * wrote them and still runs (a server that was killed leaves the file behind); anything odd is ignored.
 */
export function readLocalServerAddress(dataDir: string): {
  url?: string;
  baseUrl?: string;
  devSmtpPort?: number;
} {
  try {
    const parsed = JSON.parse(fs.readFileSync(path.join(dataDir, LOCAL_SERVER_FILE), 'utf8')) as {
      url?: unknown;
      base_url?: unknown;
      dev_smtp_port?: unknown;
      pid?: unknown;
    };
    if (typeof parsed.pid !== 'number' || !isRunning(parsed.pid)) return {};
    const url = typeof parsed.url === 'string' ? /^http:\/\/127\.0\.0\.1:(\d{1,5})$/.exec(parsed.url) : null;
    return {
      url: url && isPort(Number(url[1])) ? url[0] : undefined,
      baseUrl:
        typeof parsed.base_url === 'string' && /^https?:\/\/\S+$/.test(parsed.base_url)
          ? parsed.base_url
          : undefined,
      devSmtpPort: isPort(parsed.dev_smtp_port) ? parsed.dev_smtp_port : undefined,
    };
  } catch {
    return {};
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function removeLocalServerAddress(dataDir: string): void {
  fs.rmSync(path.join(dataDir, LOCAL_SERVER_FILE), { force: true });
}
