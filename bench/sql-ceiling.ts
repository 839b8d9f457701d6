import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { prepareStatements } from '../src/db/index.js';

/**
 * The database's share of a wallet top-up, measured on its own: every statement SimFill sent to PostgreSQL for
 * one top-up (recorded at the driver), replayed many times over 8 connections with fresh ids and nothing else —
 * no application code, no HTTP, no simulator. What that reaches is the most this machine could complete even if
 * everything outside the database cost nothing.
 */

export interface RecordedStatement {
  text: string;
  values: unknown[];
}

export interface SqlCeiling {
  statements: number;
  transactions: number;
  replays: number;
  seconds: number;
  perSecond: number;
}

let recording: RecordedStatement[] | undefined;

// Installed when this module loads, before any pool connects: SimFill's connections wrap the prototype's query
// (to name prepared statements) when they open, so a later patch would not see them.
{
  const prototype = pg.Client.prototype as unknown as { query: (this: void, ...args: unknown[]) => unknown };
  const original = prototype.query;
  prototype.query = function (this: unknown, ...args: unknown[]) {
    if (recording) {
      const [first, second] = args as [string | { text: string; values?: unknown[] }, unknown];
      const text = typeof first === 'string' ? first : first.text;
      // drizzle passes `({ text, rowMode }, values)`, pg-boss `(text, values)`, others `({ text, values })`.
      const values = typeof first === 'string' ? second : (first.values ?? second);
      recording.push({ text, values: Array.isArray(values) ? [...(values as unknown[])] : [] });
    }
    return Reflect.apply(original, this, args);
  };
}

/** Records every statement any node-postgres client sends while `work` runs. */
export async function recordSql(work: () => Promise<void>): Promise<RecordedStatement[]> {
  recording = [];
  try {
    await work();
    return recording;
  } finally {
    recording = undefined;
  }
}

/**
 * The statements that belong to the top-up. Left out: the job queue's polls and batch completions (shared by
 * every job a poll finds, a fraction of a statement per top-up under load) and the bench's own "is it done?".
 */
function ownStatements(recorded: RecordedStatement[]): RecordedStatement[] {
  return recorded.filter(({ text }) => {
    const flat = text.replace(/\s+/g, ' ').trim();
    if (/pgboss\./i.test(flat) && !/^INSERT INTO pgboss\.job/i.test(flat)) return false;
    if (/^WITH (next|results) (as|AS) /.test(flat)) return false;
    if (flat.startsWith('select "id" from "orders_orders" where "orders_orders"."status" = \'fulfilled\''))
      return false;
    return true;
  });
}

// SimFill's TypeIDs (`ord_01k…`, 26 characters), the simulator's (`pi_…`, `evt_…`) and pg-boss's UUIDs. Customer
// ids stay: the replays are more top-ups by the same customers.
const ID = /\b([a-z]{2,6})_([0-9A-Za-z]{16,26})\b/g;
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g;

/** The same statements with every id but the customer's made new (the same id → the same new id). */
function withFreshIds(statements: RecordedStatement[], replay: number): RecordedStatement[] {
  const fresh = new Map<string, string>();
  const rename = (value: string) =>
    value
      .replace(ID, (whole, prefix: string) => {
        if (prefix === 'cus') return whole;
        let renamed = fresh.get(whole);
        if (!renamed) {
          renamed = `${prefix}_r${replay.toString(36)}x${fresh.size.toString(36)}`.padEnd(whole.length, '0');
          fresh.set(whole, renamed);
        }
        return renamed;
      })
      .replace(UUID, (whole) => {
        let renamed = fresh.get(whole);
        if (!renamed) {
          renamed = randomUUID();
          fresh.set(whole, renamed);
        }
        return renamed;
      });
  const map = (value: unknown): unknown => {
    if (typeof value === 'string') return rename(value);
    if (Array.isArray(value)) return value.map(map);
    return value;
  };
  return statements.map(({ text, values }) => ({ text: rename(text), values: values.map(map) }));
}

export async function replayTopUpSql(
  url: string,
  recorded: RecordedStatement[],
  replays: number,
  connections = 8,
): Promise<SqlCeiling> {
  const statements = ownStatements(recorded);
  if (statements.length === 0) throw new Error('no statements recorded');
  const pool = new pg.Pool({ connectionString: url, max: connections });
  // The same driver settings as SimFill's pool: statements with parameters prepared once per connection.
  pool.on('connect', prepareStatements);
  try {
    // Prepared up front, so the clock measures the database and the driver only.
    const batches = Array.from({ length: replays }, (_, index) => withFreshIds(statements, index));
    let next = 0;
    const begin = performance.now();
    await Promise.all(
      Array.from({ length: connections }, async () => {
        const client = await pool.connect();
        try {
          while (next < batches.length) {
            const batch = batches[next++]!;
            for (const { text, values } of batch) await client.query(text, values);
          }
        } finally {
          client.release();
        }
      }),
    );
    const seconds = (performance.now() - begin) / 1000;
    return {
      statements: statements.length,
      transactions: statements.filter(({ text }) => /^\s*begin\b/i.test(text)).length,
      replays,
      seconds,
      perSecond: replays / seconds,
    };
  } finally {
    await pool.end();
  }
}
