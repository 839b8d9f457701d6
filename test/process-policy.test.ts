import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The policy `simfill start|serve|worker` installs for errors nobody handled, in a process of its own: what the
 * operator finds in the log and whether the process is still there.
 */

const SETUP = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/process-setup.ts');
// Inside the project, so the script finds its packages (pino, tsx).
const cacheDir = path.resolve(path.dirname(SETUP), '../node_modules/.cache');
fs.mkdirSync(cacheDir, { recursive: true });
const dir = fs.mkdtempSync(path.join(cacheDir, 'simfill-policy-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function runWithPolicy(trigger: string): Promise<{
  code: number | null;
  log: { level: number; msg: string; err?: { message: string; stack: string } }[];
  stdout: string;
}> {
  const script = path.join(dir, `${Math.random().toString(36).slice(2)}.mts`);
  fs.writeFileSync(
    script,
    `import pino from 'pino';
import { installProcessErrorPolicy } from ${JSON.stringify(SETUP)};
const logger = pino({ level: 'info' });
installProcessErrorPolicy(logger, async () => { console.log(JSON.stringify({ msg: 'graceful stop' })); });
${trigger}
setTimeout(() => { console.log(JSON.stringify({ msg: 'still alive' })); process.exit(0); }, 300);
`,
  );
  const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: path.dirname(SETUP) });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const log = stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map(
      (line) => JSON.parse(line) as { level: number; msg: string; err?: { message: string; stack: string } },
    );
  return { code, log, stdout };
}

describe('process error policy', () => {
  it('logs an unhandled rejection with its stack and keeps the process up', async () => {
    const { code, log, stdout } = await runWithPolicy(
      `void Promise.reject(Object.assign(new Error('write lost'), { code: '57P01' }));`,
    );
    expect(code, stdout).toBe(0);
    const entry = log.find((line) => line.msg.startsWith('unhandled promise rejection'));
    expect(entry).toMatchObject({ level: 50, err: { message: 'write lost' } });
    expect(entry?.err?.stack).toContain('Error: write lost');
    expect(log.at(-1)?.msg).toBe('still alive');
  }, 30_000);

  it('survives an uncaught lost-connection error, logged', async () => {
    const { code, log, stdout } = await runWithPolicy(
      `setImmediate(() => { throw new Error('Connection terminated unexpectedly'); });`,
    );
    expect(code, stdout).toBe(0);
    expect(log.some((line) => line.msg.startsWith('uncaught connection error'))).toBe(true);
  }, 30_000);

  it('stops gracefully and exits 1 on any other uncaught exception, logged as fatal', async () => {
    const { code, log, stdout } = await runWithPolicy(`setImmediate(() => { throw new TypeError('bug'); });`);
    expect(code, stdout).toBe(1);
    expect(log.find((line) => line.msg === 'uncaught exception; stopping')).toMatchObject({
      level: 60,
      err: { message: 'bug' },
    });
    expect(log.some((line) => line.msg === 'graceful stop')).toBe(true);
    expect(log.some((line) => line.msg === 'still alive')).toBe(false);
  }, 30_000);
});
