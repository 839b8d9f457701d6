import { createHash } from 'node:crypto';
import { parseActivationCode } from './activation-code.js';
import { installQrPng, installQrSvg } from './install.js';

/**
 * The install QR codes as served: made once per activation code and format, then answered from memory. A QR code
 * never changes for its code, so the cache needs no invalidation, only a bound: the least recently served entry
 * goes once `QR_CACHE_ENTRIES_MAX` are held (a 480 px PNG is about 6 KB, an SVG about 9 KB: under 40 MB in all).
 */

export type QrFormat = 'png' | 'svg';

export interface ServedQr {
  body: Buffer;
  contentType: 'image/png' | 'image/svg+xml';
  /** A strong validator: the same code and format always give the same bytes. */
  etag: string;
}

export const QR_CACHE_ENTRIES_MAX = 4_000;

const cache = new Map<string, Promise<ServedQr>>();

async function render(lpa: string, format: QrFormat): Promise<ServedQr> {
  const parsed = parseActivationCode(lpa);
  if (!parsed.ok) throw new Error(`not an activation code (${parsed.problem})`);
  const code = parsed.code;
  const body = format === 'png' ? await installQrPng(code) : Buffer.from(await installQrSvg(code), 'utf8');
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  return { body, contentType: format === 'png' ? 'image/png' : 'image/svg+xml', etag };
}

/** The QR code of `lpa` (an `LPA:1$…` string) in `format`, from the cache when it was made before. */
export function installQr(lpa: string, format: QrFormat): Promise<ServedQr> {
  const key = `${format}\n${lpa}`;
  const cached = cache.get(key);
  if (cached) {
    // Map keeps insertion order: re-inserting makes this entry the most recently used.
    cache.delete(key);
    cache.set(key, cached);
    return cached;
  }
  const made = render(lpa, format);
  // A failure (a malformed code) is not kept: the caller sees it, the next call tries again.
  made.catch(() => cache.delete(key));
  cache.set(key, made);
  if (cache.size > QR_CACHE_ENTRIES_MAX) cache.delete(cache.keys().next().value!);
  return made;
}

/** How many QR codes are held (for `/metrics` and the benchmark). */
export function installQrCacheSize(): number {
  return cache.size;
}
