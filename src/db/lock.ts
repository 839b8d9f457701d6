import fs from 'node:fs';
import path from 'node:path';

/**
 * PGlite has no lock of its own: two processes on one data dir silently lose rows. SimFill takes an
 * exclusive lock file (`O_CREAT | O_EXCL`) holding the owner's pid. A lock whose pid is gone is stale; it is
 * taken over under a second, short-lived takeover lock, so two processes that both find the same stale lock
 * cannot both remove it and both start.
 */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly ownerPid: number,
  ) {
    super(
      `The data directory ${dataDir} is in use by another SimFill process (pid ${ownerPid}). ` +
        'Stop that process first, or set SIMFILL_DATA_DIR to another directory.',
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  readonly lockPath: string;
  release(): void;
}

const ATTEMPTS_MAX = 50;
const RETRY_DELAY_MS = 20;
/** A takeover lock older than this belongs to a process that died mid-takeover. */
const TAKEOVER_STALE_MS = 10_000;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Creates `file` holding our pid if it does not exist; false if it does. The pid is written to a private file
 * first and hard-linked into place (`link` fails with EEXIST like `O_EXCL`), so nobody ever reads the lock
 * empty: an empty read would look stale and let a second process remove a lock that was just taken.
 */
function createExclusive(file: string): boolean {
  const staging = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  fs.writeFileSync(staging, String(process.pid));
  try {
    fs.linkSync(staging, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    fs.rmSync(staging, { force: true });
  }
}

/** The owner pid; `undefined` when the file is gone, `NaN` when it holds no pid (written by hand, truncated). */
function readOwner(file: string): number | undefined {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : Number.NaN;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Removes `lockPath` only if it still names `stalePid`, holding the takeover lock while doing so. */
function takeOverStaleLock(lockPath: string, stalePid: number): void {
  const takeoverPath = `${lockPath}.takeover`;
  if (!createExclusive(takeoverPath)) {
    const ageMs = Date.now() - (fs.statSync(takeoverPath, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    if (ageMs > TAKEOVER_STALE_MS) fs.rmSync(takeoverPath, { force: true });
    return;
  }
  try {
    if (Object.is(readOwner(lockPath), stalePid)) fs.rmSync(lockPath, { force: true });
  } finally {
    fs.rmSync(takeoverPath, { force: true });
  }
}

export function lockDataDir(dataDir: string): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, 'simfill.lock');
  for (let attempt = 0; attempt < ATTEMPTS_MAX; attempt += 1) {
    if (createExclusive(lockPath)) {
      let released = false;
      return {
        lockPath,
        release() {
          if (released) return;
          released = true;
          if (readOwner(lockPath) === process.pid) fs.rmSync(lockPath, { force: true });
        },
      };
    }
    const ownerPid = readOwner(lockPath);
    if (ownerPid === undefined) continue; // released between our create and our read: try again at once
    if (!Number.isNaN(ownerPid) && isAlive(ownerPid)) throw new DataDirLockedError(dataDir, ownerPid);
    takeOverStaleLock(lockPath, ownerPid);
    sleepSync(RETRY_DELAY_MS * Math.random());
  }
  throw new Error(`could not take the lock ${lockPath}; remove it if no SimFill process is running`);
}
