import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { migrateDatabase, openDatabase, type Database } from '../../src/db/index.js';

/**
 * Every database test runs twice: on embedded PGlite (in memory) and on the real PostgreSQL server. Each
 * PostgreSQL suite gets a database of its own, created here and dropped afterwards. If the server is down the
 * suite fails — it is never skipped.
 */

export const POSTGRES_ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export type DatabaseKind = 'pglite' | 'postgres';
export const DATABASE_KINDS: DatabaseKind[] = ['pglite', 'postgres'];

function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

export interface ScratchPostgres {
  url: string;
  drop(): Promise<void>;
}

export async function createScratchPostgres(): Promise<ScratchPostgres> {
  const name = `simfill_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 5_000 });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabaseName(POSTGRES_ADMIN_URL, name),
    async drop() {
      const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

export interface TestDatabase {
  kind: DatabaseKind;
  /** The migrated database of this suite. */
  readonly database: Database;
  /** The PostgreSQL URL of this suite's database (postgres only). */
  readonly url: string | undefined;
}

/** Opens a fresh, migrated database of the given kind for the enclosing suite and cleans it up afterwards. */
export function useDatabase(kind: DatabaseKind): TestDatabase {
  let database: Database | undefined;
  let scratch: ScratchPostgres | undefined;
  beforeAll(async () => {
    if (kind === 'postgres') {
      scratch = await createScratchPostgres();
      database = await openDatabase({ kind: 'postgres', url: scratch.url, poolMax: 5 });
    } else {
      database = await openDatabase({ kind: 'pglite' });
    }
    await migrateDatabase(database);
  });
  afterAll(async () => {
    await database?.close();
    await scratch?.drop();
  });
  return {
    kind,
    get database() {
      if (!database) throw new Error('database not open yet: use it inside a test or hook');
      return database;
    },
    get url() {
      return scratch?.url;
    },
  };
}

/** `describe` once per database kind, each with its own database. */
export function describeEachDatabase(name: string, body: (test: TestDatabase) => void): void {
  for (const kind of DATABASE_KINDS) {
    describe(`${name} [${kind}]`, () => {
      body(useDatabase(kind));
    });
  }
}
