import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { lockDataDir, type DataDirLock } from './lock.js';

/**
 * Typed without the app-wide schema (no relational `db.query.<table>` API): each module imports its own tables, so
 * the database layer, and the kernel that uses these types, knows no module. `src/db/schema.ts` is for drizzle-kit.
 */
type NoSchema = Record<string, never>;
export type Db = PgDatabase<PgQueryResultHKT, NoSchema>;
export type Tx = PgTransaction<PgQueryResultHKT, NoSchema, ExtractTablesWithRelations<NoSchema>>;
/** Either the database or an open transaction: service functions accept both. */
export type DbOrTx = Db | Tx;

export interface QueryResult<Row> {
  rows: Row[];
}

/** A raw SQL executor with `$1` parameters, as pg-boss and admin checks need. */
export interface SqlExecutor {
  query<Row = Record<string, unknown>>(text: string, values?: unknown[]): Promise<QueryResult<Row>>;
}

export type DatabaseTarget =
  /** `preparedStatements` (default true): see `prepareStatements`; off behind a pooler that cannot keep them. */
  | { kind: 'postgres'; url: string; poolMax?: number; preparedStatements?: boolean }
  /** `dataDir` undefined = in memory (tests). */
  | { kind: 'pglite'; dataDir?: string };

export interface Database extends SqlExecutor {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Db;
  /** Runs several statements without parameters (pg-boss schema creation); rows of the last one. */
  exec(text: string): Promise<QueryResult<Record<string, unknown>>>;
  /**
   * Runs `work` while holding a cluster-wide lock (PostgreSQL advisory lock on its own session), so replicas
   * starting together take turns, e.g. for migrations. PGlite is single-process behind the data-dir lock.
   */
  withExclusiveLock<T>(lockKey: number, work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const CLOSE_TIMEOUT_MS = 5_000;

/** Advisory lock keys: one constant per kind of exclusive work. */
export const LOCK_KEYS = { migrate: 7_310_001 } as const;

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../drizzle');

export interface OpenOptions {
  /** Called before slow first-run steps, for progress output. */
  onProgress?: (message: string) => void;
}

export async function openDatabase(target: DatabaseTarget, options: OpenOptions = {}): Promise<Database> {
  return target.kind === 'postgres'
    ? openPostgres(target.url, target.poolMax ?? 10, target.preparedStatements ?? true)
    : openPglite(target.dataDir, options);
}

/** Distinct statements kept prepared on one connection; any beyond run unnamed (parsed each time). */
const PREPARED_PER_CONNECTION_MAX = 300;
const statementNames = new Map<string, string>();

/**
 * Every parameterized statement runs as a named prepared statement on its connection: PostgreSQL parses and plans
 * it once per connection instead of on every call (postgres.js and pgx do the same by default). The name is a
 * hash of the text, so the same query gets the same name everywhere; node-postgres sends the Parse only the first
 * time on each connection. Statements without parameters (BEGIN, COMMIT, DDL) stay simple queries.
 */
export function prepareStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  const prepared = new Set<string>();
  const nameFor = (text: string): string | undefined => {
    let name = statementNames.get(text);
    if (!name) {
      name = `sf_${createHash('sha1').update(text).digest('base64url').slice(0, 24)}`;
      if (statementNames.size < 10_000) statementNames.set(text, name);
    }
    if (prepared.has(name)) return name;
    if (prepared.size >= PREPARED_PER_CONNECTION_MAX) return undefined;
    prepared.add(name);
    return name;
  };
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const [first, second, ...rest] = args;
    if (typeof first === 'string' && Array.isArray(second) && second.length > 0) {
      const name = nameFor(first);
      if (name) return query({ text: first, values: second, name }, ...rest);
    } else if (first && typeof first === 'object' && 'text' in first) {
      // drizzle passes `{ name: undefined, text, types }` unless the query was prepared by name already.
      const config = first as { text: string; values?: unknown[]; name?: string };
      if (config.name) return query(...args);
      const values = Array.isArray(second) ? second : config.values;
      if (values && values.length > 0) {
        const name = nameFor(config.text);
        if (name)
          return query({ ...config, values, name }, ...(Array.isArray(second) ? rest : [second, ...rest]));
      }
    }
    return query(...args);
  };
}

function openPostgres(url: string, poolMax: number, preparedStatements: boolean): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: Math.max(2, poolMax),
    connectionTimeoutMillis: 5_000,
  });
  // An idle client that errors (server restart, killed backend) must not crash the process.
  pool.on('error', () => undefined);
  // The same for a checked-out client between two statements of a transaction: without a listener its
  // 'error' event would be an uncaught exception; the next statement on it fails and the transaction unwinds.
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
    if (preparedStatements) prepareStatements(client);
  });
  const db = drizzlePg(pool) as unknown as Db;
  return {
    kind: 'postgres',
    db,
    query: async <Row>(text: string, values?: unknown[]) => {
      const result = await pool.query(text, values);
      return { rows: result.rows as Row[] };
    },
    exec: async (text) => {
      const result = (await pool.query(text)) as pg.QueryResult | pg.QueryResult[];
      const last = Array.isArray(result) ? result.at(-1) : result;
      return { rows: (last?.rows ?? []) as Record<string, unknown>[] };
    },
    withExclusiveLock: async (lockKey, work) => {
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [lockKey]);
        try {
          return await work();
        } finally {
          await client.query('select pg_advisory_unlock($1)', [lockKey]);
        }
      } finally {
        client.release();
      }
    },
    // A connection killed under the pool can leave pool.end() waiting forever; shutdown must not hang on it.
    close: async () => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, CLOSE_TIMEOUT_MS);
      });
      await Promise.race([pool.end(), timeout]);
      clearTimeout(timer);
    },
  };
}

async function openPglite(dataDir: string | undefined, options: OpenOptions): Promise<Database> {
  let lock: DataDirLock | undefined;
  // The cluster lives in a subfolder so the lock file and future files (mail, uploads) sit beside it.
  const clusterDir = dataDir ? path.join(dataDir, 'pgdata') : undefined;
  if (dataDir && clusterDir) {
    lock = lockDataDir(dataDir);
    if (!fs.existsSync(path.join(clusterDir, 'PG_VERSION'))) {
      options.onProgress?.(`Creating the embedded database in ${clusterDir} (first run, a few seconds)…`);
    }
  }
  let client: PGlite;
  try {
    client = await PGlite.create(clusterDir);
  } catch (error) {
    lock?.release();
    throw error;
  }
  const db = drizzlePglite(client) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    query: async <Row>(text: string, values?: unknown[]) => {
      const result = await client.query<Row>(text, values);
      return { rows: result.rows };
    },
    exec: async (text) => {
      const results = await client.exec(text);
      return { rows: results.at(-1)?.rows ?? [] };
    },
    withExclusiveLock: (_lockKey, work) => work(),
    close: async () => {
      try {
        await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}

/**
 * The raw client inside a drizzle transaction, so work that is not drizzle (pg-boss `send`) joins the same
 * transaction. Both drivers keep it as `session.client` (a pg PoolClient or a PGlite Transaction), each
 * with `query(text, values) → { rows }`; a test guards this against drizzle upgrades.
 */
export function transactionExecutor(tx: Tx): SqlExecutor {
  const client = (tx as unknown as { session?: { client?: SqlExecutor } }).session?.client;
  if (!client || typeof client.query !== 'function') {
    throw new Error('drizzle transaction exposes no raw client; check the drizzle-orm version');
  }
  return { query: (text, values) => client.query(text, values) };
}

export async function migrateDatabase(database: Database): Promise<void> {
  const config = { migrationsFolder: MIGRATIONS_DIR };
  await database.withExclusiveLock(LOCK_KEYS.migrate, async () => {
    if (database.kind === 'pglite') {
      await migratePglite(database.db as unknown as Parameters<typeof migratePglite>[0], config);
    } else {
      await migratePg(database.db as unknown as Parameters<typeof migratePg>[0], config);
    }
  });
}

interface JournalEntry {
  tag: string;
  when: number;
}

export interface MigrationStatus {
  known: number;
  applied: number;
  pending: string[];
}

/** Compares the migrations shipped in `drizzle/` with those recorded in the database. */
export async function migrationStatus(database: SqlExecutor): Promise<MigrationStatus> {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')) as {
    entries: JournalEntry[];
  };
  const exists = await database.query<{ present: boolean }>(
    "select to_regclass('drizzle.__drizzle_migrations') is not null as present",
  );
  let appliedAt = new Set<number>();
  if (exists.rows[0]?.present) {
    const applied = await database.query<{ created_at: string | number }>(
      'select created_at from drizzle.__drizzle_migrations',
    );
    appliedAt = new Set(applied.rows.map((row) => Number(row.created_at)));
  }
  const pending = journal.entries.filter((entry) => !appliedAt.has(entry.when)).map((entry) => entry.tag);
  return { known: journal.entries.length, applied: journal.entries.length - pending.length, pending };
}
