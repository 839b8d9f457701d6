import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import Fastify, { type FastifyInstance } from 'fastify';
import { installQr, type QrFormat } from '../src/modules/esim/service.js';

/**
 * Install QR codes served per second (issue 17: ≥ 1,000/s from cache, PNG and SVG), as a ratio to an anchor: a
 * plain Fastify route in the same process answering the very same bytes from a constant, so the ratio is what the
 * cache lookup and its route cost on top of moving the bytes. Plus the cold rate: distinct codes made per second
 * (what a burst of new eSIMs costs before the cache holds them).
 *
 * The target is one parameter: by default a route in this process that calls `installQr` (what
 * `GET /v1/esims/{id}/qr.png` does after reading the eSIM); `BENCH_QR_URL` (`…/qr.{format}`, with
 * `BENCH_QR_COOKIE` for a signed-in customer's cookie) points it at a running SimFill's real route instead, whose
 * bytes the anchor then serves. wrk runs as its own process (C, cheap per request) and is awaited, never run
 * synchronously, so the servers here keep their event loop.
 * Alone: `npm run bench:esim-qr` (rewrites only its section of bench/RESULTS.md); `npm run bench` runs it too.
 */

const SECTION_HEADING = '## Install QR codes (PNG, SVG) from cache';
const SLOW_LINK_HEADING = '## The home page on a slow link';
const START_UP_HEADING = '## Start-up';
const CACHED_TARGET_PER_SECOND = 1_000;
const CONNECTIONS = 32;
const ROUNDS = 3;
const COLD_CODES = 200;
/** An activation code as an SM-DP+ hands it out (upper case: QR alphanumeric mode). */
const LPA = 'LPA:1$SMDP.SIMFILL.EXAMPLE$04386-AGYFT-A74Y8-3F815';
const FORMATS: QrFormat[] = ['png', 'svg'];

const run = promisify(execFile);

export interface QrTarget {
  /** Where the QR code of `format` is served. */
  urlOf(format: QrFormat): string;
  headers?: Record<string, string>;
  describe: string;
}

export interface Load {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

export interface EsimQrResult {
  served: Record<QrFormat, Load>;
  anchor: Record<QrFormat, Load>;
  bytes: Record<QrFormat, number>;
  /** Distinct codes made per second, one after another on one thread. */
  coldPerSecond: Record<QrFormat, number>;
  target: string;
  decodedExactly: boolean | undefined;
  loadAverage: { before: number[]; after: number[] };
  durationS: number;
}

async function wrk(url: string, durationS: number, headers: Record<string, string> = {}): Promise<Load> {
  const headerArgs = Object.entries(headers).flatMap(([name, value]) => ['-H', `${name}: ${value}`]);
  const { stdout } = await run('wrk', [
    '-t1',
    `-c${CONNECTIONS}`,
    `-d${durationS}s`,
    '--latency',
    ...headerArgs,
    url,
  ]);
  const rate = /Requests\/sec:\s+([\d.]+)/.exec(stdout);
  if (!rate || /Non-2xx or 3xx responses/.test(stdout)) throw new Error(`wrk ${url} failed:\n${stdout}`);
  const latencyMs = (percent: string) => {
    const match = new RegExp(`^\\s+${percent}%\\s+([\\d.]+)(us|ms|s)`, 'm').exec(stdout);
    if (!match) return NaN;
    const value = Number(match[1]);
    return match[2] === 'us' ? value / 1000 : match[2] === 's' ? value * 1000 : value;
  };
  return { requestsPerSecond: Number(rate[1]), p50Ms: latencyMs('50'), p99Ms: latencyMs('99') };
}

/** The served route as SimFill's will be: the code's QR from the cache, its strong ETag, private caching. */
function qrRoutes(app: FastifyInstance, lpa: string): void {
  app.get<{ Params: { format: string } }>('/qr.:format', async (request, reply) => {
    const format = request.params.format === 'svg' ? 'svg' : 'png';
    const qr = await installQr(lpa, format);
    return reply
      .header('etag', qr.etag)
      .header('cache-control', 'private, max-age=3600')
      .type(qr.contentType)
      .send(qr.body);
  });
}

/** The anchor: the same bytes and headers, from constants. */
function anchorRoutes(app: FastifyInstance, bodies: Served) {
  for (const format of FORMATS) {
    const { body, type, etag } = bodies[format];
    app.get(`/anchor.${format}`, async (_request, reply) =>
      reply.header('etag', etag).header('cache-control', 'private, max-age=3600').type(type).send(body),
    );
  }
}

async function coldRate(format: QrFormat, count: number): Promise<number> {
  const started = performance.now();
  for (let index = 0; index < count; index++) {
    // Distinct matching ids: every one is a cache miss that renders a new QR code.
    const matchingId = `COLD-${format.toUpperCase()}-${process.pid}-${Date.now().toString(36).toUpperCase()}-${index}`;
    await installQr(`LPA:1$SMDP.SIMFILL.EXAMPLE$${matchingId}`, format);
  }
  return count / ((performance.now() - started) / 1000);
}

/** The PNG decodes back to the exact string (zbarimg, when installed); undefined when it is not. */
function decodes(png: Buffer, lpa: string): boolean | undefined {
  const file = path.join(os.tmpdir(), `simfill-qr-bench-${process.pid}.png`);
  try {
    fs.writeFileSync(file, png);
    return execFileSync('zbarimg', ['-q', '--raw', file], { encoding: 'utf8' }).trim() === lpa;
  } catch {
    return undefined;
  } finally {
    fs.rmSync(file, { force: true });
  }
}

type Served = Record<QrFormat, { body: Buffer; type: string; etag: string }>;

/** What the target answers: the anchor serves exactly these bytes. */
async function servedBytes(target: QrTarget | undefined): Promise<Served> {
  const served = {} as Served;
  for (const format of FORMATS) {
    if (!target) {
      const qr = await installQr(LPA, format);
      served[format] = { body: qr.body, type: qr.contentType, etag: qr.etag };
      continue;
    }
    const response = await fetch(target.urlOf(format), { headers: target.headers });
    if (response.status !== 200) throw new Error(`${target.urlOf(format)} answered ${response.status}`);
    served[format] = {
      body: Buffer.from(await response.arrayBuffer()),
      type: response.headers.get('content-type') ?? 'application/octet-stream',
      etag: response.headers.get('etag') ?? '"anchor"',
    };
  }
  return served;
}

function medianLoad(results: Load[]): Load {
  const sorted = [...results].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export async function measureEsimQr(
  options: { target?: QrTarget | undefined; durationS?: number } = {},
): Promise<EsimQrResult> {
  const durationS = options.durationS ?? Number(process.env.BENCH_DURATION_S ?? 5);
  const loadBefore = os.loadavg();
  const bodies = await servedBytes(options.target);
  const app = Fastify({ logger: false });
  anchorRoutes(app, bodies);
  if (!options.target) qrRoutes(app, LPA);
  await app.listen({ host: '127.0.0.1', port: 0 });
  try {
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('the bench server has no port');
    const base = `http://127.0.0.1:${address.port}`;
    const target: QrTarget = options.target ?? {
      urlOf: (format) => `${base}/qr.${format}`,
      describe: 'a Fastify route in this process calling `installQr` (src/modules/esim/qr-cache.ts)',
    };
    const targets = FORMATS.flatMap((format) => [
      { key: `anchor.${format}`, url: `${base}/anchor.${format}`, headers: {} },
      { key: `served.${format}`, url: target.urlOf(format), headers: target.headers ?? {} },
    ]);
    for (const item of targets) await wrk(item.url, 2, item.headers); // warm-up: JIT, connections
    const runs = new Map(targets.map((item) => [item.key, [] as Load[]]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const item of targets) runs.get(item.key)!.push(await wrk(item.url, durationS, item.headers));
    }
    const median = (key: string) => medianLoad(runs.get(key)!);
    const coldPerSecond = {} as Record<QrFormat, number>;
    for (const format of FORMATS) coldPerSecond[format] = await coldRate(format, COLD_CODES);
    return {
      served: { png: median('served.png'), svg: median('served.svg') },
      anchor: { png: median('anchor.png'), svg: median('anchor.svg') },
      bytes: { png: bodies.png.body.length, svg: bodies.svg.body.length },
      coldPerSecond,
      target: target.describe,
      decodedExactly: options.target ? undefined : decodes(bodies.png.body, LPA),
      loadAverage: { before: loadBefore, after: os.loadavg() },
      durationS,
    };
  } finally {
    await app.close();
  }
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const percent = (part: number, whole: number) => `${((part / whole) * 100).toFixed(0)} %`;
const loads = (values: number[]) => values.map((value) => value.toFixed(2)).join(' / ');

export function esimQrSection(result: EsimQrResult, machine: string, date: string): string {
  const row = (label: string, load: Load, anchor?: Load) =>
    `| ${label} | ${fmt(load.requestsPerSecond)} | ${load.p50Ms.toFixed(2)} / ${load.p99Ms.toFixed(2)} | ${
      anchor ? percent(load.requestsPerSecond, anchor.requestsPerSecond) : '—'
    } |`;
  const slowest = Math.min(result.served.png.requestsPerSecond, result.served.svg.requestsPerSecond);
  const met = slowest >= CACHED_TARGET_PER_SECOND;
  const decoded =
    result.decodedExactly === undefined
      ? ''
      : ` The PNG served decodes (\`zbarimg\`) to the exact \`LPA:\` string: **${result.decodedExactly ? 'yes' : 'NO'}**.`;
  return `${SECTION_HEADING}

Written by \`npm run bench\` or \`npm run bench:esim-qr\` (bench/esim-qr.ts) on ${date}; machine: ${machine}.
Served: ${result.target}, one activation code (\`LPA:1$…\`, ${fmt(result.bytes.png)} B PNG at 480 px, ${fmt(result.bytes.svg)} B SVG),
with its strong ETag and \`Cache-Control: private\`. Anchor: a plain Fastify route in the same process answering the
same bytes and headers from a constant. Load: wrk, 1 thread, ${CONNECTIONS} connections, ${result.durationS} s per run, the four
targets in turns for ${ROUNDS} rounds after a warm-up; each figure is the median round. The machine is shared: load
average (1 / 5 / 15 min) ${loads(result.loadAverage.before)} before, ${loads(result.loadAverage.after)} after; compare the ratios.${decoded}

| target | QR codes/s | latency p50 / p99 (ms) | of the anchor |
|---|---|---|---|
${row('anchor: plain Fastify, the PNG from a constant', result.anchor.png)}
${row('**PNG from the QR cache**', result.served.png, result.anchor.png)}
${row('anchor: plain Fastify, the SVG from a constant', result.anchor.svg)}
${row('**SVG from the QR cache**', result.served.svg, result.anchor.svg)}

| cold: distinct codes made per second (cache misses, one after another on one thread, ${COLD_CODES} each) | value |
|---|---|
| PNG (480 px) | ${fmt(result.coldPerSecond.png)} |
| SVG | ${fmt(result.coldPerSecond.svg)} |

Target: ≥ ${fmt(CACHED_TARGET_PER_SECOND)} QR codes/s from cache, PNG and SVG. **${met ? 'Met' : 'Not met'}** (the slower: ${fmt(slowest)}/s); the cold
rate is stated: a new eSIM's first QR code costs ~${(1000 / result.coldPerSecond.png).toFixed(1)} ms (PNG) / ~${(1000 / result.coldPerSecond.svg).toFixed(1)} ms (SVG) of one core, once.
`;
}

/** Replaces this section of an existing RESULTS.md (or adds it before the slow-link or start-up figures). */
export function withEsimQrSection(results: string, section: string): string {
  const start = results.indexOf(SECTION_HEADING);
  if (start === -1) {
    for (const heading of [SLOW_LINK_HEADING, START_UP_HEADING]) {
      const at = results.indexOf(`\n${heading}`);
      if (at !== -1) return `${results.slice(0, at + 1)}${section}\n${results.slice(at + 1)}`;
    }
    return `${results.trimEnd()}\n\n${section}`;
  }
  const next = results.indexOf('\n## ', start + SECTION_HEADING.length);
  return results.slice(0, start) + section + (next === -1 ? '' : results.slice(next + 1));
}

/** `BENCH_QR_URL=http://…/v1/esims/esim_…/qr.{format}` (and `BENCH_QR_COOKIE`) measures a running SimFill. */
export function targetFromEnvironment(): QrTarget | undefined {
  const url = process.env.BENCH_QR_URL;
  if (!url) return undefined;
  if (!url.includes('{format}')) throw new Error('BENCH_QR_URL must contain {format} (…/qr.{format})');
  const cookie = process.env.BENCH_QR_COOKIE;
  return {
    urlOf: (format) => url.replace('{format}', format),
    headers: cookie ? { cookie } : {},
    describe: `\`${url}\``,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const resultsFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'RESULTS.md');
  const { machineDescription } = await import('./slow-link.js');
  const result = await measureEsimQr({ target: targetFromEnvironment() });
  const date = new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
  const section = esimQrSection(result, machineDescription(), date);
  const existing = fs.existsSync(resultsFile)
    ? fs.readFileSync(resultsFile, 'utf8')
    : '# Benchmark results\n';
  fs.writeFileSync(resultsFile, withEsimQrSection(existing, section));
  console.log(section);
}
