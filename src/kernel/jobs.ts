import { createRequire } from 'node:module';
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { Database, Tx } from '../db/index.js';
import { transactionExecutor } from '../db/index.js';
import { retryUntilDatabaseAnswers } from '../db/unreachable.js';

/**
 * The job queue and transactional outbox: pg-boss on SimFill's own database. `enqueue(tx, …)` writes the
 * job with the caller's transaction, so a job exists only if the business change it belongs to commits.
 *
 * Surviving the database going away (a restart, killed connections) and workers dying (`kill -9`):
 * - every job's outcome is recorded here, awaited, and retried until the database answers again (pg-boss's own
 *   recording after a handler is not awaited, see UNAWAITED_STATEMENTS);
 * - a running job holds a lease (JOB_LEASE_MS) that its worker renews; a job whose lease lapsed belongs to a dead
 *   worker and is handed to the next one within seconds, while a slow but live job is never taken from it;
 * - a supervisor notices workers that stopped polling while the database answers, and restarts the queue with
 *   backoff, logging each restart.
 */

export interface JobDefinition<Payload extends object = object> {
  queue: string;
  /** Runs one job; throwing makes pg-boss retry it up to `retryLimit` times with backoff. */
  run(payload: Payload): Promise<void>;
  retryLimit?: number;
  /** A cron expression (UTC) when the job is periodic. */
  cron?: string;
  /** How often an idle worker looks for this queue's jobs; defaults to the queue's setting. */
  pollingIntervalSeconds?: number;
  /** Jobs fetched and run concurrently per poll (default 1); each succeeds or fails on its own. */
  batchSize?: number;
  /**
   * The longest one run may take while its worker is alive (default JOB_EXPIRE_SECONDS_DEFAULT). Past it pg-boss
   * gives the job up and retries it, even though the first run may still finish: keep it well above the run's own
   * timeouts. A dead worker's job is retried after JOB_LEASE_MS, not after this.
   */
  expireInSeconds?: number;
}

export interface JobQueueOptions {
  logger: Logger;
  /** Worker role: run maintenance and cron schedules. The API role only enqueues. */
  supervise: boolean;
  /** How often an idle worker looks for new jobs (pg-boss allows 0.5 s and up). */
  pollingIntervalSeconds?: number;
  /**
   * How long an idle worker may go without finishing a poll, while the database answers, before the supervisor
   * restarts the queue (default POLL_STALL_MS; never less than five polling intervals).
   */
  pollStallMs?: number;
}

type ExecuteSql = (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }>;

/**
 * A running job's lease: its worker renews it every JOB_LEASE_RENEW_MS (by moving the job's `started_on`), and a
 * job whose lease is older than this is given to another worker. Short, because a customer waits for most jobs
 * (a verification email, a receipt, a top-up); several renewals fit in it, so a busy event loop does not lose it.
 */
export const JOB_LEASE_MS = 10_000;
const JOB_LEASE_RENEW_MS = 2_500;
/** pg-boss's default is 15 minutes; five is far above any job's own timeouts (providers 10–30 s, SMTP 3 × 10 s). */
export const JOB_EXPIRE_SECONDS_DEFAULT = 300;
/** How long a finished job's outcome is retried while the database is unreachable before the lease decides. */
const OUTCOME_RECORD_MAX_MS = 120_000;
/** How often the supervisor checks the database, stalled workers and lapsed leases. */
const SUPERVISE_INTERVAL_MS = 2_000;
const PROBE_TIMEOUT_MS = 3_000;
/** An idle worker that has not polled for this long (and at least 5 polling intervals) has stopped. */
export const POLL_STALL_MS = 30_000;
const RESTART_BACKOFF_MS_MAX = 60_000;
const BOSS_ERRORS_MAX = 5;
const BOSS_ERROR_WINDOW_MS = 60_000;
/** A restart counts towards the backoff until the queue has run this long without one. */
const RESTART_BACKOFF_RESET_MS = 5 * 60_000;
const RECLAIM_BATCH_MAX = 100;

/**
 * pg-boss 10.4.2, src/manager.js `watch()` → `onFetch`: once a handler settles, pg-boss records the batch with
 * `this.complete(name, ids)` or `this.fail(name, ids, err)` and does not await either. While the database is
 * down that promise rejects with no handler attached and Node ends the process (the crash on a PostgreSQL
 * restart). When pg-boss runs these two statements itself they therefore never reject: the failure is logged and
 * nothing is lost, because the handler here has already recorded each job's outcome (awaited, retried). Both
 * statements also serve `stop()`'s `failWip`, which is awaited and may skip its work the same way: a job it could
 * not fail is retried once its lease lapses. The texts come from pg-boss's own plans (the version is pinned).
 */
const pgBossPlans = createRequire(import.meta.url)('pg-boss/src/plans.js') as {
  DEFAULT_SCHEMA: string;
  completeJobs(schema: string): string;
  failJobsById(schema: string): string;
  fetchNextJob(schema: string): (options: { includeMetadata: boolean; priority: boolean }) => string;
};
const SCHEMA = pgBossPlans.DEFAULT_SCHEMA;
const UNAWAITED_STATEMENTS = new Map([
  [pgBossPlans.completeJobs(SCHEMA), 'complete'],
  [pgBossPlans.failJobsById(SCHEMA), 'fail'],
]);
/** A worker's poll (`work()` fetches without metadata, by priority): how the supervisor sees a worker alive. */
const FETCH_STATEMENT = pgBossPlans.fetchNextJob(SCHEMA)({ includeMetadata: false, priority: true });

/**
 * pg-boss 10.4.2 runs `complete(name, ids, data, options)` and `fail(name, ids, data, options)`; its types omit the
 * `data` position before `options`, which would make the connection the job's output.
 */
function record(
  boss: PgBoss,
  outcome: 'complete' | 'fail',
  queue: string,
  ids: string[],
  output: object | null,
  db: { executeSql: ExecuteSql },
): Promise<unknown> {
  const writer = boss as unknown as Record<
    'complete' | 'fail',
    (
      name: string,
      ids: string[],
      data: object | null,
      options: { db: { executeSql: ExecuteSql } },
    ) => Promise<unknown>
  >;
  return writer[outcome](queue, ids, output, { db });
}

/** pg-boss sends multi-statement DDL without parameters; PGlite needs `exec` for those. */
function executorFor(database: Database): ExecuteSql {
  return async (text, values) => {
    if (database.kind === 'pglite' && (!values || values.length === 0)) return database.exec(text);
    return database.query(text, values);
  };
}

export class JobQueue {
  readonly #database: Database;
  readonly #logger: Logger;
  readonly #supervise: boolean;
  readonly #definitions = new Map<string, JobDefinition>();
  readonly #pollingIntervalSeconds: number;
  readonly #pollStallMs: number;
  /** Replaced by a new instance when the supervisor restarts the queue. */
  #boss: PgBoss;
  #bossRunning = false;
  #started = false;
  #working = false;
  /** The handlers running now, by queue: a stop waits for them before the database can close under them. */
  readonly #running = new Map<Promise<unknown>, string>();
  /** Our own statements, which must reject when they fail (an outcome is then retried). */
  readonly #strict: { executeSql: ExecuteSql };
  /** When each worked queue last finished a poll (ms since the epoch). */
  readonly #lastPollEndedAt = new Map<string, number>();
  #supervisor: NodeJS.Timeout | undefined;
  #supervising = false;
  /** Since when the database has answered the supervisor without a miss; undefined while it does not. */
  #reachableSince: number | undefined = Date.now();
  #restarts = 0;
  #lastRestartAt = 0;
  /** When the current pg-boss instance reported errors (maintenance, cron, workers), newest last. */
  #bossErrorsAt: number[] = [];

  /** The queue's logger: work that runs beside a job (a fast path) logs its failures here. */
  get log(): Logger {
    return this.#logger;
  }

  constructor(database: Database, options: JobQueueOptions) {
    this.#database = database;
    this.#logger = options.logger;
    this.#supervise = options.supervise;
    this.#pollingIntervalSeconds = options.pollingIntervalSeconds ?? 2;
    this.#pollStallMs = options.pollStallMs ?? POLL_STALL_MS;
    this.#strict = { executeSql: executorFor(database) };
    this.#boss = this.#createBoss();
  }

  #createBoss(): PgBoss {
    const boss = new PgBoss({
      db: { executeSql: this.#bossExecutor() },
      supervise: this.#supervise,
      schedule: this.#supervise,
      migrate: true,
    });
    boss.on('error', (error) => {
      this.#logger.error({ err: error }, 'job queue error');
      if (boss === this.#boss) this.#bossErrorsAt.push(Date.now());
    });
    return boss;
  }

  /** The executor pg-boss runs its own statements with: it sees workers poll and keeps unawaited writes harmless. */
  #bossExecutor(): ExecuteSql {
    const execute = executorFor(this.#database);
    return async (text, values) => {
      if (text === FETCH_STATEMENT) {
        const result = await execute(text, values);
        this.#lastPollEndedAt.set(String(values?.[0]), Date.now());
        return result;
      }
      const unawaited = UNAWAITED_STATEMENTS.get(text);
      if (unawaited === undefined) return execute(text, values);
      try {
        return await execute(text, values);
      } catch (error) {
        this.#logger.warn(
          { err: error, queue: values?.[0], job_ids: values?.[1] },
          `job queue could not ${unawaited} jobs (database unreachable); outcomes recorded per job, leases decide the rest`,
        );
        return { rows: [{ count: '0' }] };
      }
    };
  }

  define<Payload extends object>(definition: JobDefinition<Payload>): void {
    if (this.#started) throw new Error('define jobs before start()');
    this.#definitions.set(definition.queue, definition);
  }

  async start(): Promise<void> {
    await this.#boss.start();
    this.#bossRunning = true;
    // One read instead of a round trip per queue: on a restart every queue already exists.
    const existing = new Map((await this.#boss.getQueues()).map((queue) => [queue.name, queue]));
    for (const definition of this.#definitions.values()) {
      const wanted = {
        name: definition.queue,
        retryLimit: definition.retryLimit ?? 5,
        retryBackoff: true,
        expireInSeconds: definition.expireInSeconds ?? JOB_EXPIRE_SECONDS_DEFAULT,
      };
      const current = existing.get(definition.queue);
      if (!current) await this.#boss.createQueue(definition.queue, wanted);
      else if (
        current.retryLimit !== wanted.retryLimit ||
        current.retryBackoff !== wanted.retryBackoff ||
        current.expireInSeconds !== wanted.expireInSeconds
      ) {
        await this.#boss.updateQueue(definition.queue, wanted);
      }
    }
    this.#started = true;
  }

  /** Starts consuming every defined queue and registers cron schedules (worker role). */
  async work(): Promise<void> {
    // Schedules first (only those new or changed; all in UTC), then the workers, whose first polls would queue
    // behind them.
    const scheduled = new Map((await this.#boss.getSchedules()).map((entry) => [entry.name, entry]));
    for (const definition of this.#definitions.values()) {
      const current = scheduled.get(definition.queue);
      if (definition.cron && current?.cron !== definition.cron) {
        await this.#boss.schedule(definition.queue, definition.cron, {}, { tz: 'UTC' });
      }
    }
    await this.#startWorkers();
    this.#working = true;
    // Embedded: the data-dir lock keeps every other process out, so a job still active belongs to a process that
    // died; it is handed back now rather than after a lease.
    if (this.#database.kind === 'pglite') await this.#reclaimAbandoned(0);
    this.#supervisor = setInterval(() => void this.#superviseOnce(), SUPERVISE_INTERVAL_MS);
    this.#supervisor.unref();
  }

  #pollingIntervalOf(definition: JobDefinition): number {
    return Math.min(
      definition.pollingIntervalSeconds ?? this.#pollingIntervalSeconds,
      this.#pollingIntervalSeconds,
    );
  }

  async #startWorkers(): Promise<void> {
    for (const definition of this.#definitions.values()) {
      this.#lastPollEndedAt.set(definition.queue, Date.now());
      await this.#boss.work<object>(
        definition.queue,
        {
          batchSize: definition.batchSize ?? 1,
          pollingIntervalSeconds: this.#pollingIntervalOf(definition),
        },
        async (jobs) => {
          const batch = this.#runBatch(definition, jobs);
          this.#running.set(batch, definition.queue);
          try {
            await batch;
          } finally {
            this.#running.delete(batch);
            // A worker that just ran a batch is alive however long ago it last polled.
            this.#lastPollEndedAt.set(definition.queue, Date.now());
          }
        },
      );
    }
  }

  /**
   * Each job of a batch succeeds or fails on its own, and its outcome is recorded here before the handler returns,
   * so one bad job never retries its neighbours and a database outage at the end of a job loses nothing.
   */
  async #runBatch(definition: JobDefinition, jobs: PgBoss.Job<object>[]): Promise<void> {
    const { queue } = definition;
    const unfinished = new Set(jobs.map((job) => job.id));
    const renewal = setInterval(() => void this.#renewLeases(queue, unfinished), JOB_LEASE_RENEW_MS);
    renewal.unref();
    try {
      await Promise.all(
        jobs.map(async (job) => {
          this.#logger.debug({ job_id: job.id, queue }, 'job started');
          let failure: unknown;
          try {
            await definition.run(job.data);
          } catch (error) {
            failure = error;
            this.#logger.warn({ err: error, job_id: job.id, queue }, 'job failed');
          }
          await this.#recordOutcome(queue, job.id, failure);
          unfinished.delete(job.id);
        }),
      );
    } finally {
      clearInterval(renewal);
    }
  }

  /** Completes or fails one job, retrying while the database is unreachable (the lease keeps the job ours). */
  async #recordOutcome(queue: string, jobId: string, failure: unknown): Promise<void> {
    const output =
      failure === undefined
        ? null
        : { message: failure instanceof Error ? failure.message : JSON.stringify(failure) };
    let attempts = 1;
    try {
      await retryUntilDatabaseAnswers(
        () =>
          record(
            this.#boss,
            failure === undefined ? 'complete' : 'fail',
            queue,
            [jobId],
            output,
            this.#strict,
          ),
        {
          maxMs: OUTCOME_RECORD_MAX_MS,
          giveUp: () => !this.#started,
          onRetry: (error, attempt) => {
            attempts = attempt + 2;
            if (attempt === 0)
              this.#logger.warn({ err: error, job_id: jobId, queue }, 'job outcome waits for the database');
          },
        },
      );
    } catch (error) {
      this.#logger.error(
        { err: error, job_id: jobId, queue },
        'job outcome not recorded; the job runs again once its lease lapses',
      );
      return;
    }
    if (attempts > 1) this.#logger.info({ job_id: jobId, queue, attempts }, 'job outcome recorded');
  }

  /** Renews the leases of the jobs in `unfinished` (a live set: a job leaves it once its outcome is recorded). */
  async #renewLeases(queue: string, unfinished: Set<string>): Promise<void> {
    const jobIds = [...unfinished];
    if (jobIds.length === 0) return;
    try {
      const { rows } = await this.#database.query<{ id: string }>(
        `update ${SCHEMA}.job set started_on = now() where name = $1 and id = any($2::uuid[]) and state = 'active' returning id`,
        [queue, jobIds],
      );
      const renewed = new Set(rows.map((row) => row.id));
      const lost = jobIds.filter((id) => !renewed.has(id) && unfinished.has(id));
      if (lost.length > 0) {
        this.#logger.warn(
          { queue, job_ids: lost },
          'job lease lost (lapsed while this worker could not renew it); another worker may run the job too',
        );
      }
    } catch (error) {
      // The database is unreachable: nobody can take the job meanwhile (see #reclaimAbandoned).
      this.#logger.debug({ err: error, queue }, 'job lease not renewed');
    }
  }

  /**
   * Fails (and so retries, within its retry limit) every active job whose lease is older than `leaseMs`: its worker
   * died. The rows are locked while they are failed, so a renewal racing with it waits and then finds the job gone.
   */
  async #reclaimAbandoned(leaseMs: number): Promise<void> {
    const queues = [...this.#definitions.keys()];
    const reclaimed = await this.#database.db.transaction(async (tx) => {
      const executor = transactionExecutor(tx);
      const { rows } = await executor.query<{ name: string; id: string }>(
        `select name, id from ${SCHEMA}.job where name = any($1::text[]) and state = 'active'
           and started_on < now() - $2::int * interval '1 millisecond'
         limit ${RECLAIM_BATCH_MAX} for update skip locked`,
        [queues, leaseMs],
      );
      const byQueue = new Map<string, string[]>();
      for (const row of rows) byQueue.set(row.name, [...(byQueue.get(row.name) ?? []), row.id]);
      const db = { executeSql: (text: string, values?: unknown[]) => executor.query(text, values) };
      for (const [queue, ids] of byQueue) {
        const message = 'worker stopped while running the job (lease lapsed)';
        await record(this.#boss, 'fail', queue, ids, { message }, db);
      }
      return byQueue;
    });
    for (const [queue, ids] of reclaimed) {
      this.#logger.warn({ queue, job_ids: ids }, 'jobs of a stopped worker handed to the next one');
    }
  }

  /** One supervisor round: is the database there, have workers stopped polling, have leases lapsed. */
  async #superviseOnce(): Promise<void> {
    if (this.#supervising || !this.#working) return;
    this.#supervising = true;
    try {
      if (!(await this.#probeDatabase())) return;
      if (!this.#bossRunning) {
        await this.#restart('the restarted job queue has not started yet');
        return;
      }
      const stalled = this.#stalledQueues();
      if (stalled.length > 0) {
        await this.#restart(`workers stopped polling: ${stalled.join(', ')}`);
        return;
      }
      if (this.#failingWhileReachable()) {
        await this.#restart('pg-boss keeps reporting errors while the database answers');
        return;
      }
      if (Date.now() - this.#lastRestartAt > RESTART_BACKOFF_RESET_MS) this.#restarts = 0;
      // After an outage nobody could renew a lease: live workers get a full lease to do so first.
      if (Date.now() - (this.#reachableSince ?? Date.now()) >= JOB_LEASE_MS) {
        await this.#reclaimAbandoned(JOB_LEASE_MS);
      }
    } catch (error) {
      this.#logger.warn({ err: error }, 'job queue supervisor round failed');
    } finally {
      this.#supervising = false;
    }
  }

  async #probeDatabase(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.#database.query('select 1'),
        new Promise((_resolve, reject) => {
          timer = setTimeout(
            () => reject(new Error(`no answer in ${PROBE_TIMEOUT_MS} ms`)),
            PROBE_TIMEOUT_MS,
          );
        }),
      ]);
      if (this.#reachableSince === undefined) {
        this.#reachableSince = Date.now();
        this.#logger.info('database reachable again; jobs carry on');
      }
      return true;
    } catch (error) {
      if (this.#reachableSince !== undefined) {
        this.#logger.warn({ err: error }, 'database unreachable; jobs wait for it');
      }
      this.#reachableSince = undefined;
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * pg-boss reports its failures as 'error' events (maintenance, cron, a worker's loop). While the database is away
   * they are expected; BOSS_ERRORS_MAX of them within BOSS_ERROR_WINDOW_MS, all after the database came back,
   * mean the instance is broken.
   */
  #failingWhileReachable(): boolean {
    const since = Math.max(
      (this.#reachableSince ?? Date.now()) + SUPERVISE_INTERVAL_MS,
      Date.now() - BOSS_ERROR_WINDOW_MS,
    );
    this.#bossErrorsAt = this.#bossErrorsAt.filter((at) => at >= since);
    return this.#bossErrorsAt.length >= BOSS_ERRORS_MAX;
  }

  /** Queues with no running job whose worker has not finished a poll for longer than it ever should. */
  #stalledQueues(): string[] {
    const busy = new Set(this.#running.values());
    const now = Date.now();
    const reachableFor = now - (this.#reachableSince ?? now);
    return [...this.#definitions.values()]
      .filter((definition) => {
        const stallMs = Math.max(this.#pollStallMs, 5_000 * this.#pollingIntervalOf(definition));
        const lastPoll = this.#lastPollEndedAt.get(definition.queue) ?? now;
        return !busy.has(definition.queue) && reachableFor >= stallMs && now - lastPoll > stallMs;
      })
      .map((definition) => definition.queue);
  }

  /**
   * Replaces pg-boss with a new instance and new workers. The old one stops fetching; its running handlers finish
   * and record their outcomes on their own. Restarts back off (1 s, 2 s, 4 s … up to a minute).
   */
  async #restart(reason: string): Promise<void> {
    const backoffMs = Math.min(1_000 * 2 ** Math.max(0, this.#restarts - 1), RESTART_BACKOFF_MS_MAX);
    if (this.#restarts > 0 && Date.now() - this.#lastRestartAt < backoffMs) return;
    this.#restarts += 1;
    this.#lastRestartAt = Date.now();
    this.#logger.error({ reason, restart: this.#restarts }, 'restarting the job queue');
    const old = this.#boss;
    this.#bossErrorsAt = [];
    if (this.#bossRunning) {
      this.#bossRunning = false;
      this.#boss = this.#createBoss();
      old
        .stop({ graceful: true, wait: false, close: false, timeout: OUTCOME_RECORD_MAX_MS })
        .catch((error: unknown) =>
          this.#logger.warn({ err: error }, 'the replaced job queue did not stop cleanly'),
        );
    }
    await this.#boss.start();
    this.#bossRunning = true;
    await this.#startWorkers();
    this.#logger.info({ restart: this.#restarts }, 'job queue restarted');
  }

  /**
   * Enqueues inside `tx`: committed together with the business change, or not at all. With a `singletonKey`
   * already waiting or running, nothing is added and the answer is null (that job will do the work).
   */
  async enqueue(
    tx: Tx,
    queue: string,
    payload: object,
    options: { singletonKey?: string } = {},
  ): Promise<string | null> {
    this.#assertDefined(queue);
    const executor = transactionExecutor(tx);
    const id = await this.#boss.send(queue, payload, {
      ...options,
      db: { executeSql: (text: string, values: unknown[]) => executor.query(text, values) },
    } as PgBoss.SendOptions);
    if (!id && options.singletonKey === undefined) throw new Error(`job not enqueued on ${queue}`);
    return id;
  }

  async countJobs(queue: string): Promise<number> {
    this.#assertDefined(queue);
    return this.#boss.getQueueSize(queue, { before: 'completed' });
  }

  #assertDefined(queue: string): void {
    if (!this.#definitions.has(queue)) throw new Error(`unknown job queue ${queue}`);
  }

  /**
   * Stops fetching and waits for the running jobs, up to `timeoutMs`. A job still running then is marked failed
   * (another worker retries it; every job is safe to run twice) and left to end on its own; it is named in the log.
   */
  async stop(timeoutMs = 25_000): Promise<void> {
    if (!this.#started) return;
    this.#started = false;
    this.#working = false;
    clearInterval(this.#supervisor);
    await this.#boss.stop({ graceful: true, wait: true, timeout: timeoutMs });
    if (this.#running.size > 0) {
      this.#logger.warn({ queues: [...new Set(this.#running.values())] }, 'jobs still running at stop');
    }
    // pg-boss runs its own (by now redundant) completion just after a handler returns: let that query start while
    // the database is still open.
    await new Promise((resolve) => setImmediate(resolve));
  }
}
