import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './cli.js';

/**
 * A PostgreSQL cluster of a test's own, on its own port and socket directory, so the test can stop, restart and
 * kill it without touching the shared server. initdb refuses to run as root: the cluster belongs to `postgres`.
 */

const BIN = '/usr/lib/postgresql/15/bin';
const run = promisify(execFile);

export interface PrivateCluster {
  /** The `simfill` database on this cluster. */
  readonly url: string;
  /** Stops the server (fast: connections are cut), waits `downMs`, starts it again. */
  restart(downMs: number): Promise<void>;
  /** Terminates every other connection to the `simfill` database; answers how many there were. */
  terminateConnections(): Promise<number>;
  destroy(): Promise<void>;
}

async function asPostgres(command: string, args: string[]): Promise<void> {
  await run('runuser', ['-u', 'postgres', '--', `${BIN}/${command}`, ...args], { timeout: 60_000 });
}

async function postgresIds(): Promise<{ uid: number; gid: number }> {
  const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
  const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
  return { uid, gid };
}

export async function startPrivateCluster(): Promise<PrivateCluster> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'simfill-cluster-'));
  const { uid, gid } = await postgresIds();
  fs.chownSync(root, uid, gid);
  const dataDir = path.join(root, 'data');
  await asPostgres('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const port = await freePort();
  const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off`;
  const start = () =>
    asPostgres('pg_ctl', ['-D', dataDir, '-o', options, '-l', path.join(root, 'server.log'), '-w', 'start']);
  const stop = (mode: 'fast' | 'immediate') =>
    asPostgres('pg_ctl', ['-D', dataDir, '-m', mode, '-w', 'stop']);
  await start();
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query('create database simfill');
  await admin.end();
  const url = `postgres://postgres@127.0.0.1:${port}/simfill`;
  return {
    url,
    async restart(downMs) {
      await stop('fast');
      await new Promise((resolve) => setTimeout(resolve, downMs));
      await start();
    },
    async terminateConnections() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        const result = await client.query<{ killed: string }>(
          `select count(*) filter (where pg_terminate_backend(pid)) as killed from pg_stat_activity
            where datname = 'simfill' and pid <> pg_backend_pid()`,
        );
        return Number(result.rows[0]!.killed);
      } finally {
        await client.end();
      }
    },
    async destroy() {
      await stop('immediate').catch(() => undefined);
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
