import pino from 'pino';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { migrateDatabase, migrationStatus, openDatabase, type Database } from '../src/db/index.js';
import { idempotencyKeys } from '../src/db/schema.js';
import { ManualClock } from '../src/kernel/clock.js';
import { JobQueue } from '../src/kernel/jobs.js';
import { countPlans, seedDemoCatalog } from '../src/modules/catalog/service.js';
import { describeEachDatabase, POSTGRES_ADMIN_URL, useDatabase } from './helpers/databases.js';

describeEachDatabase('database, outbox and seed', (testDb) => {
  const clock = new ManualClock('2026-11-24T08:00:00Z');
  const ran: string[] = [];
  let jobs: JobQueue;

  beforeAll(async () => {
    jobs = new JobQueue(testDb.database, { logger: pino({ level: 'silent' }), supervise: false });
    jobs.define<{ note: string }>({
      queue: 'test-outbox',
      retryLimit: 0,
      run: async (payload) => {
        ran.push(payload.note);
      },
    });
    await jobs.start();
  });
  afterAll(async () => jobs?.stop());

  it('applies every migration, and applying again changes nothing', async () => {
    const status = await migrationStatus(testDb.database);
    expect(status.pending).toEqual([]);
    expect(status.applied).toBe(status.known);
    await migrateDatabase(testDb.database);
    expect((await migrationStatus(testDb.database)).applied).toBe(status.known);
  });

  it('keeps a job enqueued in a transaction only if that transaction commits', async () => {
    const { db } = testDb.database;
    const row = (key: string) => ({
      scope: 'test',
      key,
      method: 'POST',
      path: '/x',
      requestHash: 'h',
      state: 'completed' as const,
      createdAt: clock.now(),
      expiresAt: clock.now(),
    });
    await expect(
      db.transaction(async (tx) => {
        await tx.insert(idempotencyKeys).values(row('rolled-back'));
        await jobs.enqueue(tx, 'test-outbox', { note: 'rolled-back' });
        throw new Error('business rule failed after enqueue');
      }),
    ).rejects.toThrow('business rule failed');
    expect(await jobs.countJobs('test-outbox')).toBe(0);

    await db.transaction(async (tx) => {
      await tx.insert(idempotencyKeys).values(row('committed'));
      await jobs.enqueue(tx, 'test-outbox', { note: 'committed' });
    });
    expect(await jobs.countJobs('test-outbox')).toBe(1);

    await jobs.work();
    await expect.poll(() => ran, { timeout: 15_000, interval: 200 }).toEqual(['committed']);
  });

  it('lets a running job finish, and records it done, before it stops', async () => {
    const queue = new JobQueue(testDb.database, { logger: pino({ level: 'silent' }), supervise: false });
    let started: () => void = () => undefined;
    const running = new Promise<void>((resolve) => (started = resolve));
    let finished = false;
    queue.define({
      queue: 'test-slow',
      retryLimit: 0,
      pollingIntervalSeconds: 0.5,
      run: async () => {
        started();
        await new Promise((resolve) => setTimeout(resolve, 1_500));
        await testDb.database.query('select 1');
        finished = true;
      },
    });
    await queue.start();
    await queue.work();
    const id = await testDb.database.db.transaction((tx) => queue.enqueue(tx, 'test-slow', {}));
    await running;
    await queue.stop();
    expect(finished).toBe(true);
    const state = async () =>
      (await testDb.database.query<{ state: string }>('select state from pgboss.job where id = $1', [id]))
        .rows[0]?.state;
    await expect.poll(state, { timeout: 5_000, interval: 100 }).toBe('completed');
  });

  it('seeds the demo catalog once, and re-seeding keeps ids and counts', async () => {
    const { db } = testDb.database;
    await seedDemoCatalog(db, clock);
    const before = await testDb.database.query<{ id: string; slug: string }>(
      'select id, slug from catalog_plans order by slug',
    );
    await seedDemoCatalog(db, clock);
    const after = await testDb.database.query<{ id: string; slug: string }>(
      'select id, slug from catalog_plans order by slug',
    );
    expect(after.rows).toEqual(before.rows);
    expect(await countPlans(db)).toBe(23);
  });

  it('refuses rows that break the catalog invariants', async () => {
    await expect(
      testDb.database.query("update catalog_plans set price_minor = -1 where slug = 'att-prepaid-5gb-30d'"),
    ).rejects.toThrow(/catalog_plans_price_nonnegative/);
    await expect(
      testDb.database.query(
        "update catalog_plans set speed_after_quota_kbps = null where slug = 'att-unlimited-monthly'",
      ),
    ).rejects.toThrow(/catalog_plans_unlimited_has_speed/);
  });
});

describe('job worker on PostgreSQL', () => {
  const testDb = useDatabase('postgres');

  it('keeps working after its database connections are killed', async () => {
    const seen: string[] = [];
    const jobs = new JobQueue(testDb.database, { logger: pino({ level: 'silent' }), supervise: true });
    jobs.define<{ note: string }>({
      queue: 'test-recovery',
      retryLimit: 3,
      run: async (payload) => {
        seen.push(payload.note);
      },
    });
    await jobs.start();
    await jobs.work();
    try {
      const enqueue = (note: string) =>
        testDb.database.db.transaction(async (tx) => {
          await jobs.enqueue(tx, 'test-recovery', { note });
        });
      await enqueue('before');
      await expect.poll(() => seen, { timeout: 15_000, interval: 200 }).toEqual(['before']);

      const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await admin.connect();
      try {
        const killed = await admin.query(
          'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
          [new URL(testDb.url!).pathname.slice(1)],
        );
        expect(killed.rowCount).toBeGreaterThan(0);
      } finally {
        await admin.end();
      }

      // The first statement after the kill may fail; the pool replaces dead connections.
      await expect
        .poll(
          async () => {
            try {
              await enqueue('after');
              return true;
            } catch {
              return false;
            }
          },
          { timeout: 10_000, interval: 200 },
        )
        .toBe(true);
      await expect.poll(() => seen, { timeout: 20_000, interval: 200 }).toContain('after');
    } finally {
      await jobs.stop();
    }
  });
});

describe('prepared statements on PostgreSQL', () => {
  const testDb = useDatabase('postgres');

  /** The statements prepared on the connection a transaction runs on, and how a plan-once query answers. */
  const preparedOnOneConnection = async (database: Database) =>
    database.db.transaction(async (tx) => {
      const first = await tx.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, 'one'));
      const second = await tx.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, 'two'));
      const prepared = await tx.execute(sql`select statement from pg_prepared_statements`);
      return {
        answers: [first.length, second.length],
        statements: (prepared as unknown as { rows: { statement: string }[] }).rows.map(
          (row) => row.statement,
        ),
      };
    });

  it('prepares a parameterized query once per connection, and not at all when turned off', async () => {
    const on = await preparedOnOneConnection(testDb.database);
    expect(on.answers).toEqual([0, 0]);
    const keyQueries = on.statements.filter((text) => text.includes('"kernel_idempotency_keys"'));
    expect(keyQueries).toHaveLength(1);

    const off = await openDatabase({
      kind: 'postgres',
      url: testDb.url!,
      poolMax: 2,
      preparedStatements: false,
    });
    try {
      expect((await preparedOnOneConnection(off)).statements).toEqual([]);
    } finally {
      await off.close();
    }
  });
});
