import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, expect, it } from 'vitest';
import type { Database } from '../src/db/index.js';
import { JOB_LEASE_MS, JobQueue } from '../src/kernel/jobs.js';
import { describeEachDatabase } from './helpers/databases.js';

/** A logger whose messages the test reads. */
function capturedLogger() {
  const messages: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      messages.push(...chunk.toString().trim().split('\n'));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), messages };
}

/** The database as a worker sees it through a connection that can go half-open (a statement that never returns). */
function withHangingPolls(database: Database) {
  const state = { hangNextPoll: false, dropLeaseRenewals: false };
  const query: Database['query'] = (text, values) => {
    if (state.hangNextPoll && text.includes('FOR UPDATE SKIP LOCKED')) {
      state.hangNextPoll = false;
      return new Promise(() => undefined);
    }
    if (state.dropLeaseRenewals && text.includes('set started_on = now()')) {
      return Promise.reject(new Error('connection lost'));
    }
    return database.query(text, values);
  };
  return { database: { ...database, query } as Database, state };
}

describeEachDatabase('job queue supervisor', (testDb) => {
  const queues: JobQueue[] = [];
  afterEach(async () => {
    for (const queue of queues.splice(0)) await queue.stop(1_000);
  });

  const enqueue = (jobs: JobQueue, queue: string, payload: object) =>
    testDb.database.db.transaction((tx) => jobs.enqueue(tx, queue, payload));

  it('restarts the job queue when a worker’s poll never returns, and the waiting job runs', async () => {
    const { logger, messages } = capturedLogger();
    const { database, state } = withHangingPolls(testDb.database);
    const ran: string[] = [];
    const jobs = new JobQueue(database, {
      logger,
      supervise: false,
      pollingIntervalSeconds: 0.5,
      pollStallMs: 3_000,
    });
    queues.push(jobs);
    jobs.define<{ note: string }>({
      queue: 'test-stalled',
      run: async ({ note }) => {
        ran.push(note);
      },
    });
    await jobs.start();
    state.hangNextPoll = true;
    await jobs.work();
    await expect.poll(() => state.hangNextPoll, { timeout: 5_000 }).toBe(false);
    await enqueue(jobs, 'test-stalled', { note: 'waiting behind a stuck poll' });

    await expect.poll(() => ran, { timeout: 20_000, interval: 200 }).toEqual(['waiting behind a stuck poll']);
    const restart = messages
      .map((line) => JSON.parse(line) as { msg: string; reason?: string })
      .find((entry) => entry.msg === 'restarting the job queue');
    expect(restart?.reason).toContain('test-stalled');
    expect(messages.some((line) => line.includes('"job queue restarted"'))).toBe(true);
  }, 40_000);

  it('hands a dead worker’s job to another worker after its lease, and never takes a slow live one', async () => {
    const quiet = pino({ level: 'silent' });
    const dying = withHangingPolls(testDb.database);
    // The first worker "dies" mid-job: its handler never ends and it can no longer renew its lease.
    dying.state.dropLeaseRenewals = true;
    const runs = new Map<string, number>();
    const define = (jobs: JobQueue, dies: boolean) =>
      jobs.define<{ name: string; runMs: number }>({
        queue: 'test-lease',
        batchSize: 2,
        run: async ({ name, runMs }) => {
          runs.set(name, (runs.get(name) ?? 0) + 1);
          await new Promise((resolve) => (dies ? undefined : setTimeout(resolve, runMs)));
        },
      });
    const first = new JobQueue(dying.database, {
      logger: quiet,
      supervise: false,
      pollingIntervalSeconds: 0.5,
    });
    queues.push(first);
    define(first, true);
    await first.start();
    await first.work();
    await enqueue(first, 'test-lease', { name: 'dead', runMs: 0 });
    await expect.poll(() => runs.get('dead'), { timeout: 10_000 }).toBe(1);
    const diedAt = Date.now();

    const second = new JobQueue(testDb.database, {
      logger: quiet,
      supervise: false,
      pollingIntervalSeconds: 0.5,
    });
    queues.push(second);
    define(second, false);
    await second.start();
    await second.work();
    // Slower than a lease, on a live worker that renews it.
    await enqueue(second, 'test-lease', { name: 'slow', runMs: JOB_LEASE_MS + 5_000 });
    await expect.poll(() => runs.get('dead'), { timeout: 30_000, interval: 200 }).toBe(2);
    expect(Date.now() - diedAt).toBeLessThan(JOB_LEASE_MS + 8_000);
    await new Promise((resolve) => setTimeout(resolve, JOB_LEASE_MS + 6_000 - (Date.now() - diedAt)));
    expect(runs.get('slow')).toBe(1);
  }, 60_000);
});
