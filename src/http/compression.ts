import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { Negotiator } from '@fastify/accept-negotiator';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * API answers compressed for the client that asks (`Accept-Encoding: br` or `gzip`): a plan list is ~15 kB of
 * JSON and ~2 kB compressed, which is what a customer on a slow or far link waits for. Only bodies already in
 * memory are compressed (strings and buffers): streams — the portal's files, which @fastify/static serves
 * precompressed, and any event stream — pass untouched, as does a body that already has a Content-Encoding.
 */
export const COMPRESSION_THRESHOLD_BYTES = 1024;
/** Text that shrinks; never `text/event-stream`, whose events must reach the client as they are written. */
const COMPRESSIBLE_TYPE =
  /^(?:text\/(?!event-stream)|application\/(?:json|[\w.+-]+\+json|xml|javascript)|image\/svg\+xml)/i;
/** Per request, speed matters more than the last per cent: brotli 4 is about as fast as gzip 6 and smaller. */
const BROTLI_OPTIONS = { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } };
const GZIP_OPTIONS = { level: 6 };
/** Distinct Accept-Encoding values seen are few; the cache forgets them all past this, so it stays bounded. */
const NEGOTIATION_CACHE_ENTRIES_MAX = 100;

const brotliCompress = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/**
 * The last answers compressed, by encoding and body: the catalog's cache hands out the same string for seconds,
 * and compressing it again each time (~0.2–0.4 ms for a plan list) would cost more than serving it. Bounded in
 * entries and in the size of a body kept; the oldest goes first.
 */
const RECENT_ENTRIES_MAX = 32;
const RECENT_BODY_CHARS_MAX = 64 * 1024;
const recent = { br: new Map<string, Buffer>(), gzip: new Map<string, Buffer>() };

async function compress(encoding: 'br' | 'gzip', payload: string | Buffer): Promise<Buffer> {
  const memo =
    typeof payload === 'string' && payload.length <= RECENT_BODY_CHARS_MAX ? recent[encoding] : undefined;
  const known = memo?.get(payload as string);
  if (known) return known;
  const compressed =
    encoding === 'br' ? await brotliCompress(payload, BROTLI_OPTIONS) : await gzip(payload, GZIP_OPTIONS);
  if (memo) {
    if (memo.size >= RECENT_ENTRIES_MAX) memo.delete(memo.keys().next().value!);
    memo.set(payload as string, compressed);
  }
  return compressed;
}

function boundedCache() {
  const entries = new Map<string, string>();
  const cache = {
    get: (key: string) => entries.get(key),
    has: (key: string) => entries.has(key),
    set: (key: string, value: string) => {
      if (entries.size >= NEGOTIATION_CACHE_ENTRIES_MAX) entries.clear();
      entries.set(key, value);
      return cache;
    },
  };
  return cache;
}

const encodings = new Negotiator<'br' | 'gzip'>({ supportedValues: ['br', 'gzip'], cache: boundedCache() });

/** Adds `accept-encoding` to Vary, keeping what is there (a shared cache must not mix the two answers). */
function varyOnAcceptEncoding(reply: FastifyReply): void {
  const current = reply.getHeader('vary');
  const value = Array.isArray(current) ? current.join(', ') : current === undefined ? '' : String(current);
  const tokens = value.split(',').map((token) => token.trim().toLowerCase());
  if (tokens.includes('accept-encoding') || tokens.includes('*')) return;
  void reply.header('vary', value ? `${value}, accept-encoding` : 'accept-encoding');
}

async function compressPayload(request: FastifyRequest, reply: FastifyReply, payload: unknown) {
  if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
  if (reply.hasHeader('content-encoding')) return payload;
  if (!COMPRESSIBLE_TYPE.test(String(reply.getHeader('content-type') ?? ''))) return payload;
  varyOnAcceptEncoding(reply);
  if (Buffer.byteLength(payload) < COMPRESSION_THRESHOLD_BYTES) return payload;
  if (/no-transform/i.test(String(reply.getHeader('cache-control') ?? ''))) return payload;
  const encoding = encodings.negotiate(request.headers['accept-encoding'] ?? '');
  if (!encoding) return payload;
  const compressed = await compress(encoding, payload);
  void reply.header('content-encoding', encoding).removeHeader('content-length');
  return compressed;
}

/**
 * Compresses every route's answer as its last onSend step. Register it after every plugin whose onSend reads
 * the body as the route wrote it (the idempotency store keeps the JSON, not its brotli): route-level hooks run
 * in the order they were added, after the app-wide ones.
 */
export function registerCompression(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    route.onSend = [...([] as unknown[]).concat(route.onSend ?? []), compressPayload] as typeof route.onSend;
  });
}
