import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import type { Database } from '../../src/db/index.js';
import { ManualClock, type Clock } from '../../src/kernel/clock.js';

export const TEST_BODY_LIMIT_BYTES = 16 * 1024;

export interface TestAppOptions {
  clock?: Clock;
  /** Routes a test adds to exercise kernel behaviour (error shape, idempotency) through real HTTP handling. */
  routes?: (app: FastifyInstance) => void;
  webDistDir?: string;
  devMailbox?: boolean;
}

export async function buildTestApp(
  database: Database,
  options: TestAppOptions = {},
): Promise<FastifyInstance> {
  const app = await buildApp({
    database,
    clock: options.clock ?? new ManualClock('2026-11-24T08:00:00Z'),
    http: { bodyLimitBytes: TEST_BODY_LIMIT_BYTES, baseUrl: 'http://localhost:8080' },
    webDistDir: options.webDistDir,
    devMailbox: options.devMailbox,
    logger: false,
  });
  options.routes?.(app);
  await app.ready();
  return app;
}
