/// <reference lib="dom" />
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { freePort, startServer } from '../test/helpers/cli.js';
import { FIRST_LOAD_JS_GZIP_BYTES_MAX, WEB_DIST_DIR } from '../test/helpers/web-bundle.js';

/**
 * The home page on a slow link (SimFill issue 16): `simfill start`, then Chromium loading `/` cold (a new
 * context each run, so nothing cached) through DevTools' network and CPU emulation — 1.6 Mbps down, 750 kbps
 * up, 150 ms round trip, the CPU 4× slower — as a customer on a weak roaming signal or behind a long
 * mainland-China route would. Reports the median of the runs: bytes transferred, first-party script (as served,
 * and as its gzipped size), the largest contentful paint, and any request to another host (there must be none).
 *
 * Alone: `npm run bench:slow-link` (rewrites only its section of bench/RESULTS.md); `npm run bench` runs it too.
 */
export const SLOW_LINK = {
  downloadBitsPerSecond: 1_600_000,
  uploadBitsPerSecond: 750_000,
  roundTripMs: 150,
  cpuSlowdown: 4,
} as const;
export const LCP_TARGET_MS = 1800;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const VIEWPORT = { width: 390, height: 844 };
const SECTION_HEADING = '## The home page on a slow link';
const START_UP_HEADING = '## Start-up';

interface Load {
  lcpMs: number;
  lcpElement: string;
  plansShownMs: number;
  transferredBytes: number;
  requests: number;
  scriptTransferredBytes: number;
  scriptGzipBytes: number;
  scripts: string[];
  contentEncodings: string[];
  thirdPartyUrls: string[];
  fontBytes: number;
}

interface Measured {
  median: Load;
  lcpRunsMs: number[];
}

export interface SlowLinkResult extends Measured {
  runs: number;
  /** The anchor: the same loads with compression refused. */
  identity: Measured;
}

/** Size of the .gz the build wrote beside a served script (the figure the issue's budget is stated in). */
function gzipBytesOf(urlPath: string): number {
  const gzip = path.join(WEB_DIST_DIR, decodeURIComponent(urlPath)) + '.gz';
  return fs.existsSync(gzip) ? fs.statSync(gzip).size : NaN;
}

/** `identity`: the anchor, the same build and server with every compressed answer refused. */
type Encodings = 'as the browser asks' | 'identity';

async function loadHomeOnce(browser: Browser, baseUrl: string, encodings: Encodings): Promise<Load> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: VIEWPORT, isMobile: true });
  try {
    const page = await context.newPage();
    await page.addInitScript(() => {
      const record = { startTime: 0, element: '', plansShownMs: 0 };
      // When the first plan card is in the page: the home page's content, which waits for /v1/plans.
      new MutationObserver((_mutations, observer) => {
        if (!document.querySelector('.plan-card')) return;
        record.plansShownMs = performance.now();
        observer.disconnect();
      }).observe(document, { childList: true, subtree: true });
      (window as unknown as { __lcp: typeof record }).__lcp = record;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & { element?: Element | null })[]) {
          record.startTime = entry.startTime;
          const element = entry.element;
          record.element = element
            ? `<${element.tagName.toLowerCase()}${element.className ? ` class="${String(element.className)}"` : ''}>`
            : '';
        }
      }).observe({ type: 'largest-contentful-paint', buffered: true });
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: SLOW_LINK.roundTripMs,
      downloadThroughput: SLOW_LINK.downloadBitsPerSecond / 8,
      uploadThroughput: SLOW_LINK.uploadBitsPerSecond / 8,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOW_LINK.cpuSlowdown });
    if (encodings === 'identity') {
      await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': 'identity' } });
    }

    const responses = new Map<string, { url: string; type: string; encoding: string }>();
    const transferred = new Map<string, number>();
    cdp.on('Network.responseReceived', (event) => {
      const headers = Object.fromEntries(
        Object.entries(event.response.headers).map(([name, value]) => [name.toLowerCase(), String(value)]),
      );
      responses.set(event.requestId, {
        url: event.response.url,
        type: event.type ?? '',
        encoding: headers['content-encoding'] ?? 'identity',
      });
    });
    cdp.on('Network.loadingFinished', (event) => transferred.set(event.requestId, event.encodedDataLength));

    await page.goto(`${baseUrl}/`, { waitUntil: 'load' });
    // The page is done when the plans the home page asks for are on screen and the network is quiet.
    await page.locator('.plan-card, [role="alert"]').first().waitFor({ timeout: 60_000 });
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(300);
    const lcp = await page.evaluate(
      () =>
        (window as unknown as { __lcp: { startTime: number; element: string; plansShownMs: number } }).__lcp,
    );

    const origin = new URL(baseUrl).origin;
    const all = [...responses.entries()].filter(([, response]) => !response.url.startsWith('data:'));
    const bytesOf = (id: string) => transferred.get(id) ?? 0;
    const scripts = all.filter(
      ([, response]) => response.type === 'Script' && response.url.startsWith(origin),
    );
    return {
      lcpMs: lcp.startTime,
      lcpElement: lcp.element,
      plansShownMs: lcp.plansShownMs,
      transferredBytes: all.reduce((sum, [id]) => sum + bytesOf(id), 0),
      requests: all.length,
      scriptTransferredBytes: scripts.reduce((sum, [id]) => sum + bytesOf(id), 0),
      scriptGzipBytes: scripts.reduce(
        (sum, [, response]) => sum + gzipBytesOf(new URL(response.url).pathname),
        0,
      ),
      scripts: scripts.map(([, response]) => new URL(response.url).pathname),
      contentEncodings: [...new Set(all.map(([, response]) => response.encoding))],
      fontBytes: all
        .filter(([, response]) => response.type === 'Font')
        .reduce((sum, [id]) => sum + bytesOf(id), 0),
      thirdPartyUrls: all.map(([, response]) => response.url).filter((url) => !url.startsWith(origin)),
    };
  } finally {
    await context.close();
  }
}

function medianByLcp(loads: Load[]): Measured {
  const sorted = [...loads].sort((a, b) => a.lcpMs - b.lcpMs);
  return { median: sorted[Math.floor(sorted.length / 2)]!, lcpRunsMs: loads.map((load) => load.lcpMs) };
}

export async function measureSlowLink(options: { runs?: number } = {}): Promise<SlowLinkResult> {
  const runs = options.runs ?? Number(process.env.BENCH_SLOW_LINK_RUNS ?? 5);
  if (!fs.existsSync(path.join(WEB_DIST_DIR, 'index.html'))) {
    throw new Error('web/dist is missing: run npm run build:web first');
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'simfill-slow-link-'));
  const server = await startServer('start', { SIMFILL_DATA_DIR: dataDir }, await freePort());
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
  });
  try {
    await loadHomeOnce(browser, server.baseUrl, 'as the browser asks'); // warm-up: caches, JIT, Chromium
    // In turns (compressed, identity, compressed, …) so drifting machine load hits both alike.
    const loads: Load[] = [];
    const identityLoads: Load[] = [];
    for (let run = 0; run < runs; run += 1) {
      loads.push(await loadHomeOnce(browser, server.baseUrl, 'as the browser asks'));
      identityLoads.push(await loadHomeOnce(browser, server.baseUrl, 'identity'));
    }
    return { runs, ...medianByLcp(loads), identity: medianByLcp(identityLoads) };
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const runsOf = (measured: Measured) =>
  measured.lcpRunsMs.map((ms) => (ms / 1000).toFixed(2)).join(', ') + ' s';
const percent = (part: number, whole: number) => `${((part / whole) * 100).toFixed(0)} %`;

export function slowLinkSection(result: SlowLinkResult, machine: string, date: string): string {
  const { median, identity } = result;
  const lcpMet = median.lcpMs <= LCP_TARGET_MS;
  const jsMet = median.scriptGzipBytes <= FIRST_LOAD_JS_GZIP_BYTES_MAX;
  return `${SECTION_HEADING}

Written by \`npm run bench\` or \`npm run bench:slow-link\` (bench/slow-link.ts) on ${date}; machine: ${machine}.
\`simfill start\`, then Chromium (playwright-core) loading \`/\` cold in zh-CN at ${VIEWPORT.width}×${VIEWPORT.height}, through
DevTools emulation: ${SLOW_LINK.downloadBitsPerSecond / 1e6} Mbps down, ${SLOW_LINK.uploadBitsPerSecond / 1e3} kbps up, ${SLOW_LINK.roundTripMs} ms round trip, CPU ${SLOW_LINK.cpuSlowdown}× slower; a warm-up load,
then ${result.runs} loads, each in a new browser context (nothing cached); the figures are those of the median load by LCP.
The anchor, loaded in turns with them: the same build and server with \`Accept-Encoding: identity\` (what every
load was before issue 16, less the code splitting). "Was" figures are issue 16's, one 405 KB bundle and
uncompressed answers.

| figure | value | anchor: compression refused | target |
|---|---|---|---|
| **largest contentful paint** (PerformanceObserver; element \`${median.lcpElement || 'unknown'}\`) | **${seconds(median.lcpMs)}** (runs: ${runsOf(result)}) | ${seconds(identity.median.lcpMs)} (runs: ${runsOf(identity)}) | ≤ ${seconds(LCP_TARGET_MS)}: **${lcpMet ? 'met' : 'not met'}** (was 2.80 s) |
| the first plan card in the page (after \`/v1/plans\` answered) | ${seconds(median.plansShownMs)} | ${seconds(identity.median.plansShownMs)} | stated |
| transferred, everything the page fetched | ${kb(median.transferredBytes)} in ${median.requests} requests (${median.contentEncodings.join(', ')}) | ${kb(identity.median.transferredBytes)} in ${identity.median.requests} requests | stated (was 423 KB) |
| first-party script on first load, as gzip (the .gz the build wrote) | ${kb(median.scriptGzipBytes)} (${median.scripts.join(', ')}) | — | ≤ ${kb(FIRST_LOAD_JS_GZIP_BYTES_MAX)}: **${jsMet ? 'met' : 'not met'}** (was 113 KB) |
| first-party script on first load, as sent | ${kb(median.scriptTransferredBytes)} | ${kb(identity.median.scriptTransferredBytes)} | stated |
| web fonts fetched (the portal uses the system's CJK fonts; Noto Sans SC is only embedded in receipt PDFs, on the server) | ${kb(median.fontBytes)} | ${kb(identity.median.fontBytes)} | 0, nothing blocks the first paint |
| requests to any other host | ${median.thirdPartyUrls.length}${median.thirdPartyUrls.length ? ` (${median.thirdPartyUrls.join(', ')})` : ''} | ${identity.median.thirdPartyUrls.length} | 0 |

Ratios: LCP ${percent(median.lcpMs, LCP_TARGET_MS)} of the 1.8 s budget and ${percent(median.lcpMs, identity.median.lcpMs)} of the anchor's; bytes transferred
${percent(median.transferredBytes, identity.median.transferredBytes)} of the anchor's; first-load script ${percent(median.scriptGzipBytes, FIRST_LOAD_JS_GZIP_BYTES_MAX)} of the 100 KB budget.
`;
}

/** Replaces this section of an existing RESULTS.md (or appends it), leaving the other benches' figures as they are. */
export function withSlowLinkSection(results: string, section: string): string {
  const start = results.indexOf(SECTION_HEADING);
  if (start === -1) {
    // bench/run.ts writes it just before the start-up figures.
    const startUp = results.indexOf(`\n${START_UP_HEADING}`);
    if (startUp === -1) return `${results.trimEnd()}\n\n${section}`;
    return `${results.slice(0, startUp + 1)}${section}\n${results.slice(startUp + 1)}`;
  }
  const next = results.indexOf('\n## ', start + SECTION_HEADING.length);
  return results.slice(0, start) + section + (next === -1 ? '' : results.slice(next + 1));
}

export function machineDescription(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}, Node ${process.version}`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const resultsFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'RESULTS.md');
  const result = await measureSlowLink();
  const date = new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
  const section = slowLinkSection(result, machineDescription(), date);
  const existing = fs.existsSync(resultsFile)
    ? fs.readFileSync(resultsFile, 'utf8')
    : '# Benchmark results\n';
  fs.writeFileSync(resultsFile, withSlowLinkSection(existing, section));
  console.log(section);
}
