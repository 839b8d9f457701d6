import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { Database, Tx } from '../db/index.js';
import { transactionExecutor } from '../db/index.js';

/**
 * The job queue and transactional outbox: pg-boss on SimFill's own database. `enqueue(tx, …)` writes the
 * job with the caller's transaction, so a job exists only if the business change it belongs to commits.
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
}

export interface JobQueueOptions {
  logger: Logger;
  /** Worker role: run maintenance and cron schedules. The API role only enqueues. */
  supervise: boolean;
  /** How often an idle worker looks for new jobs (pg-boss allows 0.5 s and up). */
  pollingIntervalSeconds?: number;
}

type ExecuteSql = (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }>;

/** pg-boss sends multi-statement DDL without parameters; PGlite needs `exec` for those. */
function executorFor(database: Database): ExecuteSql {
  return async (text, values) => {
    if (database.kind === 'pglite' && (!values || values.length === 0)) return database.exec(text);
    return database.query(text, values);
  };
}

export class JobQueue {
  readonly #boss: PgBoss;
  readonly #logger: Logger;
  readonly #definitions = new Map<string, JobDefinition>();
  readonly #pollingIntervalSeconds: number;
  #started = false;
  /** The handlers running now, by queue: a stop waits for them before the database can close under them. */
  readonly #running = new Map<Promise<unknown>, string>();

  constructor(database: Database, options: JobQueueOptions) {
    this.#logger = options.logger;
    this.#pollingIntervalSeconds = options.pollingIntervalSeconds ?? 2;
    this.#boss = new PgBoss({
      db: { executeSql: executorFor(database) },
      supervise: options.supervise,
      schedule: options.supervise,
      migrate: true,
    });
    this.#boss.on('error', (error) => this.#logger.error({ err: error }, 'job queue error'));
  }

  define<Payload extends object>(definition: JobDefinition<Payload>): void {
    if (this.#started) throw new Error('define jobs before start()');
    this.#definitions.set(definition.queue, definition);
  }

  async start(): Promise<void> {
    await this.#boss.start();
    // One read instead of a round trip per queue: on a restart every queue already exists.
    const existing = new Set((await this.#boss.getQueues()).map((queue) => queue.name));
    for (const definition of this.#definitions.values()) {
      if (existing.has(definition.queue)) continue;
      await this.#boss.createQueue(definition.queue, {
        name: definition.queue,
        retryLimit: definition.retryLimit ?? 5,
        retryBackoff: true,
      });
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
    for (const definition of this.#definitions.values()) {
      await this.#boss.work<object>(
        definition.queue,
        {
          batchSize: definition.batchSize ?? 1,
          pollingIntervalSeconds: Math.min(
            definition.pollingIntervalSeconds ?? this.#pollingIntervalSeconds,
            this.#pollingIntervalSeconds,
          ),
        },
        async (jobs) => {
          // Each job of a batch succeeds or fails on its own: failures are recorded here (pg-boss then
          // completes only the jobs still active), so one bad job never retries its neighbours.
          const batch = Promise.all(
            jobs.map(async (job) => {
              this.#logger.debug({ job_id: job.id, queue: definition.queue }, 'job started');
              try {
                await definition.run(job.data);
              } catch (error) {
                this.#logger.warn({ err: error, job_id: job.id, queue: definition.queue }, 'job failed');
                await this.#boss.fail(definition.queue, job.id, { message: String(error) });
              }
            }),
          );
          this.#running.set(batch, definition.queue);
          try {
            await batch;
          } finally {
            this.#running.delete(batch);
          }
        },
      );
    }
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
    await this.#boss.stop({ graceful: true, wait: true, timeout: timeoutMs });
    if (this.#running.size > 0) {
      this.#logger.warn({ queues: [...new Set(this.#running.values())] }, 'jobs still running at stop');
    }
    // pg-boss records a batch's outcome just after its handler returns: let that query start while the
    // database is still open.
    await new Promise((resolve) => setImmediate(resolve));
  }
}
