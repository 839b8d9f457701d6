import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { ManualClock } from '../src/kernel/clock.js';
import type { JobQueue } from '../src/kernel/jobs.js';
import { createLogger } from '../src/process-setup.js';
import { describeEachDatabase } from './helpers/databases.js';

/**
 * A failed query is logged with its SQL text and SQLSTATE code and without its values: neither drizzle's
 * `params:` nor PostgreSQL's `detail` (which quotes the row) nor a data error's quoted value reach the log.
 */
describeEachDatabase('database errors in the log', (testDb) => {
  const SECRET = 'li.wei+secret@example.com';
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  let app: FastifyInstance;

  beforeAll(async () => {
    await testDb.database.exec('create table log_probe (email text primary key)');
    app = await buildApp({
      database: testDb.database,
      clock: new ManualClock('2026-11-24T08:00:00Z'),
      jobs: {} as JobQueue,
      http: { bodyLimitBytes: 16 * 1024, baseUrl: 'http://localhost:8080' },
      pricing: loadConfig({}).pricing,
      logger: createLogger({ logLevel: 'info' }, destination),
    });
    app.post('/probe/duplicate', async () => {
      await testDb.database.db.execute(sql`insert into log_probe (email) values (${SECRET})`);
      await testDb.database.db.execute(sql`insert into log_probe (email) values (${SECRET})`);
      return { ok: true };
    });
    app.post('/probe/not-a-number', async () => {
      await testDb.database.db.execute(sql`select ${SECRET}::int as n`);
      return { ok: true };
    });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
  });

  const internalErrorLogged = async (url: string) => {
    lines.length = 0;
    const response = await app.inject({ method: 'POST', url });
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain(SECRET);
    const logged = lines.find((line) => line.msg === 'internal error');
    expect(logged, JSON.stringify(lines)).toBeDefined();
    expect(JSON.stringify(lines)).not.toContain('li.wei');
    return logged!.err as { type: string; message: string; stack: string; code?: string };
  };

  it('a unique violation is logged with the SQL and 23505, without the parameter or the detail quoting it', async () => {
    const err = await internalErrorLogged('/probe/duplicate');
    expect(err.message).toContain('Failed query: insert into log_probe (email) values ($1)');
    expect(err.message).toContain('duplicate key value violates unique constraint "log_probe_pkey"');
    expect(err.message).not.toContain('params');
    expect(err.code).toBe('23505');
    expect(err).toMatchObject({ constraint: 'log_probe_pkey', table: 'log_probe' });
    expect(err.stack).toContain('Failed query: insert into log_probe');
  });

  it('a value PostgreSQL cannot read is logged without that value', async () => {
    const err = await internalErrorLogged('/probe/not-a-number');
    expect(err.message).toContain('Failed query: select $1::int as n');
    expect(err.message).toContain('invalid input syntax for type integer: [redacted]');
    expect(err.code).toBe('22P02');
  });
});
