import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/simfill.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cleanEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base = { ...process.env };
  for (const name of [
    'DATABASE_URL',
    'PORT',
    'HOST',
    'BASE_URL',
    'SIMFILL_DATA_DIR',
    'LOG_LEVEL',
    'SMTP_URL',
  ])
    delete base[name];
  // SMTP_DEV_PORT 0: parallel test servers each get a free port for their dev mailbox.
  return { ...base, LOG_LEVEL: 'warn', SMTP_DEV_PORT: '0', ...env };
}

/** Runs `simfill …` to completion. */
export function runCli(args: string[], env: Record<string, string>, timeoutMs = 60_000): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: cleanEnv(env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`simfill ${args.join(' ')} did not finish in ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export interface RunningServer {
  child: ChildProcess;
  baseUrl: string;
  output(): string;
  /** SIGTERM and wait for the exit code. */
  stop(): Promise<number | null>;
}

/** Starts `simfill start|serve` and resolves once `/readyz` answers 200. */
export async function startServer(
  command: 'start' | 'serve',
  env: Record<string, string>,
  port: number,
  timeoutMs = 90_000,
): Promise<RunningServer> {
  const child = spawn(process.execPath, [CLI, command], { env: cleanEnv({ ...env, PORT: String(port) }) });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  let finished = false;
  void exited.then(() => (finished = true));
  while (Date.now() < deadline && !finished) {
    try {
      // Ready when /readyz answers and the banner is printed: the server listens a moment before the banner.
      const response = await fetch(`${baseUrl}/readyz`);
      if (response.status === 200 && output.includes('Ctrl+C stops it')) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  if (finished || Date.now() >= deadline) {
    child.kill('SIGKILL');
    throw new Error(`simfill ${command} did not become ready:\n${output}`);
  }
  return {
    child,
    baseUrl,
    output: () => output,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Ports below Linux's ephemeral range (32768–60999): no outgoing connection or `listen(0)` is given one. */
const QUIET_PORTS = { from: 20_000, to: 32_000 };

/** True when nothing listens on `port` right now. */
function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * A port that is free now and that nothing else on the machine is handed meanwhile: taken below the ephemeral
 * range, so the connections and `listen(0)` servers of other tests (or other processes) cannot take it in the
 * moment before the process under test binds it.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const port = QUIET_PORTS.from + Math.floor(Math.random() * (QUIET_PORTS.to - QUIET_PORTS.from));
    if (await isFree(port)) return port;
  }
  throw new Error('no free port below the ephemeral range');
}
