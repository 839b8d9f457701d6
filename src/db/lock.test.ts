import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from './lock.js';

describe('data directory lock', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'simfill-lock-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a second holder while the first lives, and frees the directory on release', () => {
    const dir = tempDir();
    const lock = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    expect(() => lockDataDir(dir)).toThrow(`in use by another SimFill process (pid ${process.pid})`);
    lock.release();
    expect(fs.existsSync(lock.lockPath)).toBe(false);
    lockDataDir(dir).release();
  });

  it('creates a missing data directory, parents included', () => {
    const dir = path.join(tempDir(), 'a', 'b');
    lockDataDir(dir).release();
    expect(fs.existsSync(dir)).toBe(true);
  });

  it('takes over a lock left by a process that died', async () => {
    const dir = tempDir();
    // A real pid that no longer exists: a child that has exited.
    const child = spawn(process.execPath, ['-e', 'process.exit(0)']);
    const deadPid = child.pid!;
    await new Promise((resolve) => child.on('exit', resolve));
    fs.writeFileSync(path.join(dir, 'simfill.lock'), String(deadPid));
    const lock = lockDataDir(dir);
    expect(fs.readFileSync(lock.lockPath, 'utf8')).toBe(String(process.pid));
    lock.release();
  });

  it('lets exactly one of many racing processes take over a stale lock', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'simfill.lock'), '2147483646');
    // Each racer loads first, then all are released at once so they meet the stale lock together.
    const script = `
      import { lockDataDir } from ${JSON.stringify(path.resolve('src/db/lock.ts'))};
      process.on('message', () => {
        try { lockDataDir(${JSON.stringify(dir)}); process.send('locked'); setTimeout(() => process.exit(0), 1500); }
        catch (error) { process.send(error.name); setTimeout(() => process.exit(0), 100); }
      });
      process.send('ready');
    `;
    const racers = Array.from({ length: 6 }, () =>
      spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      }),
    );
    await Promise.all(racers.map((racer) => new Promise((resolve) => racer.once('message', resolve))));
    const outcomes = await Promise.all(
      racers.map((racer) => {
        const outcome = new Promise<string>((resolve) =>
          racer.once('message', (message) => resolve(message as string)),
        );
        racer.send('go');
        return outcome;
      }),
    );
    expect(outcomes.filter((outcome) => outcome === 'locked')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === 'DataDirLockedError')).toHaveLength(5);
  });
});
