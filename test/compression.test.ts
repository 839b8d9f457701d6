import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../src/kernel/clock.js';
import { seedDemoCatalog } from '../src/modules/catalog/service.js';
import { buildTestApp } from './helpers/app.js';
import { describeEachDatabase } from './helpers/databases.js';

/** A built portal as web/build/precompress.ts leaves it: each file with its .br and .gz beside it. */
function aBuiltPortal() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'simfill-dist-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  const script = `export const plans = ${JSON.stringify(Array.from({ length: 200 }, (_, i) => `plan ${i}`))};\n`;
  const html =
    '<!doctype html><html><head><script type="module" src="/assets/index-Ab12Cd34.js"></script></head></html>';
  const files = { 'assets/index-Ab12Cd34.js': script, 'index.html': html };
  for (const [name, text] of Object.entries(files)) {
    fs.writeFileSync(path.join(dir, name), text);
    fs.writeFileSync(path.join(dir, `${name}.br`), zlib.brotliCompressSync(text));
    fs.writeFileSync(path.join(dir, `${name}.gz`), zlib.gzipSync(text));
  }
  return { dir, script, html };
}

const bigList = Array.from({ length: 100 }, (_, i) => ({
  id: `item_${i}`,
  object: 'item',
  name: `名称 ${i}`,
}));

describeEachDatabase('compression on a slow link', (testDb) => {
  let app: FastifyInstance;
  const portal = aBuiltPortal();

  beforeAll(async () => {
    await seedDemoCatalog(testDb.database.db, systemClock);
    app = await buildTestApp(testDb.database, {
      webDistDir: portal.dir,
      routes: (instance) => {
        instance.post(
          '/v1/test/big',
          { schema: { body: z.object({ n: z.number() }) }, config: { idempotent: true } },
          async () => ({ object: 'list', data: bigList, has_more: false }),
        );
        instance.get('/v1/test/events', async (_request, reply) =>
          reply.type('text/event-stream').send(`data: ${'x'.repeat(4000)}\n\n`),
        );
        instance.get('/v1/test/precompressed', async (_request, reply) =>
          reply
            .type('application/json')
            .header('content-encoding', 'gzip')
            .send(zlib.gzipSync(JSON.stringify(bigList))),
        );
      },
    });
  });
  afterAll(async () => {
    await app?.close();
    fs.rmSync(portal.dir, { recursive: true, force: true });
  });

  describe('the portal files', () => {
    const url = '/assets/index-Ab12Cd34.js';

    it('sends a hashed script as brotli when the browser accepts it, cached for a year', async () => {
      const response = await app.inject({ url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-encoding']).toBe('br');
      expect(response.headers['content-type']).toMatch(/javascript/);
      expect(response.headers.vary).toMatch(/accept-encoding/i);
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(zlib.brotliDecompressSync(response.rawPayload).toString()).toBe(portal.script);
    });

    it('sends gzip when only gzip is accepted', async () => {
      const response = await app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
      expect(response.headers['content-encoding']).toBe('gzip');
      expect(response.headers.vary).toMatch(/accept-encoding/i);
      expect(zlib.gunzipSync(response.rawPayload).toString()).toBe(portal.script);
    });

    it('sends the file as it is when no encoding is accepted, still saying it varies', async () => {
      const response = await app.inject({ url });
      expect(response.headers['content-encoding']).toBeUndefined();
      expect(response.headers.vary).toMatch(/accept-encoding/i);
      expect(response.body).toBe(portal.script);
    });

    it('sends index.html compressed but always revalidated, for / and for client-side routes', async () => {
      for (const pathname of ['/', '/account/orders']) {
        const response = await app.inject({
          url: pathname,
          headers: { accept: 'text/html', 'accept-encoding': 'br' },
        });
        expect(response.statusCode, pathname).toBe(200);
        expect(response.headers['content-encoding'], pathname).toBe('br');
        expect(response.headers['cache-control'], pathname).toBe('no-cache');
        expect(zlib.brotliDecompressSync(response.rawPayload).toString(), pathname).toBe(portal.html);
      }
    });
  });

  describe('API answers', () => {
    it('gzips a JSON list above the threshold when asked, and says it varies', async () => {
      const response = await app.inject({ url: '/v1/plans', headers: { 'accept-encoding': 'gzip' } });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-encoding']).toBe('gzip');
      expect(response.headers.vary).toMatch(/accept-encoding/i);
      const body = JSON.parse(zlib.gunzipSync(response.rawPayload).toString()) as { data: unknown[] };
      expect(body.data.length).toBeGreaterThan(5);
      expect(Number(response.headers['content-length'])).toBe(response.rawPayload.length);
      expect(response.rawPayload.length * 3).toBeLessThan(Buffer.byteLength(JSON.stringify(body)));
      const again = await app.inject({ url: '/v1/plans', headers: { 'accept-encoding': 'gzip' } });
      expect(JSON.parse(zlib.gunzipSync(again.rawPayload).toString())).toEqual(body);
    });

    it('prefers brotli when the client accepts both', async () => {
      const response = await app.inject({ url: '/v1/plans', headers: { 'accept-encoding': 'gzip, br' } });
      expect(response.headers['content-encoding']).toBe('br');
      expect(JSON.parse(zlib.brotliDecompressSync(response.rawPayload).toString())).toHaveProperty('data');
    });

    it('answers plain JSON to a client that accepts no encoding, and small bodies uncompressed', async () => {
      const plain = await app.inject({ url: '/v1/plans' });
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.json()).toHaveProperty('data');
      const small = await app.inject({ url: '/healthz', headers: { 'accept-encoding': 'gzip, br' } });
      expect(small.headers['content-encoding']).toBeUndefined();
      expect(small.json()).toEqual({ status: 'ok' });
    });

    it('replays an idempotent answer byte for byte, compressed or not', async () => {
      const send = (acceptEncoding?: string) =>
        app.inject({
          method: 'POST',
          url: '/v1/test/big',
          headers: {
            'idempotency-key': 'compress-replay-1',
            ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}),
          },
          payload: { n: 1 },
        });
      const first = await send('gzip');
      expect(first.headers['content-encoding']).toBe('gzip');
      const expected = { object: 'list', data: bigList, has_more: false };
      expect(JSON.parse(zlib.gunzipSync(first.rawPayload).toString())).toEqual(expected);
      const replay = await send();
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.json()).toEqual(expected);
    });

    it('never compresses an event stream or a body that is already encoded', async () => {
      const events = await app.inject({ url: '/v1/test/events', headers: { 'accept-encoding': 'gzip, br' } });
      expect(events.headers['content-encoding']).toBeUndefined();
      expect(events.body).toMatch(/^data: x+\n\n$/);
      const encoded = await app.inject({
        url: '/v1/test/precompressed',
        headers: { 'accept-encoding': 'br' },
      });
      expect(encoded.headers['content-encoding']).toBe('gzip');
      expect(JSON.parse(zlib.gunzipSync(encoded.rawPayload).toString())).toEqual(bigList);
    });

    it('keeps /metrics readable by a scraper', async () => {
      const response = await app.inject({ url: '/metrics', headers: { 'accept-encoding': 'gzip' } });
      expect(response.statusCode).toBe(200);
      const text =
        response.headers['content-encoding'] === 'gzip'
          ? zlib.gunzipSync(response.rawPayload).toString()
          : response.body;
      expect(text).toMatch(/simfill_http_requests_total/);
    });
  });
});
