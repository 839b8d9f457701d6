// Generates web/src/api/schema.ts, the TypeScript of every request and response body, from the OpenAPI document the
// server itself serves at /v1/openapi.json, so the portal and console can no longer drift from the API silently.
//   npm run api:types          rewrites the file
//   npm run api:types:check    exits 1 when the committed file is not what the document gives (CI)
// The app is built with every route family registered (payments, airtime, dev mailbox) on an in-memory PGlite; no
// migration runs and nothing listens: only the route schemas are read.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import * as prettier from 'prettier';
import { buildApp, type AppOptions } from '../src/app.js';
import { loadConfig, type Config } from '../src/config.js';
import { openDatabase } from '../src/db/index.js';
import { ManualClock } from '../src/kernel/clock.js';
import type { JobQueue } from '../src/kernel/jobs.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCHEMA_FILE = path.join(root, 'web/src/api/schema.ts');

const HEADER = `/**
 * The SimFill HTTP API as TypeScript, generated from the OpenAPI document (/v1/openapi.json) by
 * scripts/generate-api-types.ts with openapi-typescript. Do not edit: run \`npm run api:types\`.
 * Components import the named shapes from ./types, not from here.
 */

`;

/**
 * The default configuration's settings. They shape what handlers do, never a route's schema: the document is the
 * same for any valid values. Payments and airtime are present (without providers) so their routes are registered.
 */
function settingsOf(config: Config): Pick<AppOptions, 'jobs' | 'pricing' | 'payments' | 'airtime' | 'esim'> {
  return {
    jobs: new Proxy({} as JobQueue, {
      get() {
        throw new Error('the OpenAPI build runs no job');
      },
    }),
    pricing: config.pricing,
    payments: { providers: { stripe: undefined, paypal: undefined }, operator: config.operator },
    airtime: {
      provider: undefined,
      catalog: {
        countries: config.topUps.countries,
        defaultMarkupBps: config.topUps.defaultMarkupBps,
        defaultEtaMinutes: config.topUps.defaultEtaMinutes,
      },
      provisioning: {
        maxAttempts: config.topUps.maxAttempts,
        retryDelaysMs: [30_000],
        processingCheckMs: 60_000,
        leaseMs: 90_000,
        recentlyRechargedWaitMs: 125_000,
      },
      float: { alertBelowMinor: config.topUps.floatAlertBelowMinor, staffEmail: config.operator.email },
    },
    // With an SM-DP+, so its HandleDownloadProgressInfo endpoint is in the document too.
    esim: { sources: {}, smdpNotifications: { smdpId: 'SMDP.EXAMPLE', secret: 'x'.repeat(32) } },
  };
}

/** The document /v1/openapi.json serves, with every route family registered. */
async function buildOpenApiDocument(): Promise<OpenAPI3> {
  const database = await openDatabase({ kind: 'pglite' });
  try {
    const app = await buildApp({
      ...settingsOf(loadConfig({})),
      database,
      clock: new ManualClock('2026-01-01T00:00:00Z'),
      http: { bodyLimitBytes: 16_384, baseUrl: 'http://localhost:8080' },
      devMailbox: true,
      logger: false,
    });
    await app.ready();
    const document = app.swagger() as OpenAPI3;
    await app.close();
    return document;
  } finally {
    await database.close();
  }
}

/** The schema file's text: openapi-typescript's output under a header, formatted with the project's prettier. */
async function renderSchemaFile(document: OpenAPI3): Promise<string> {
  const nodes = await openapiTS(document, { alphabetize: true, silent: true });
  const options = await prettier.resolveConfig(SCHEMA_FILE);
  return prettier.format(HEADER + astToString(nodes), { ...options, filepath: SCHEMA_FILE });
}

async function main(): Promise<number> {
  const check = process.argv.includes('--check');
  const generated = await renderSchemaFile(await buildOpenApiDocument());
  if (!check) {
    fs.mkdirSync(path.dirname(SCHEMA_FILE), { recursive: true });
    fs.writeFileSync(SCHEMA_FILE, generated);
    return 0;
  }
  const committed = fs.existsSync(SCHEMA_FILE) ? fs.readFileSync(SCHEMA_FILE, 'utf8') : '';
  if (committed === generated) return 0;
  console.error(
    `${path.relative(root, SCHEMA_FILE)} is not what the OpenAPI document gives: run \`npm run api:types\``,
  );
  return 1;
}

process.exitCode = await main();
