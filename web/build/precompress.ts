import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Plugin } from 'vite';

/**
 * Writes `name.br` and `name.gz` beside every text asset of the build, so the server sends the smallest bytes
 * without compressing on each request (@fastify/static `preCompressed`). Build time is the place for the
 * slowest, smallest settings: brotli quality 11, gzip level 9. A variant is kept only when it is smaller.
 */
const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|txt|xml|webmanifest|map)$/;
/** Below this a compressed variant saves less than its own headers cost. */
const MIN_BYTES = 256;

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await fs.readdir(folder, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

export async function precompressFolder(folder: string): Promise<number> {
  const files = (await filesUnder(folder)).filter((file) => COMPRESSIBLE.test(file));
  let written = 0;
  for (const file of files) {
    const bytes = await fs.readFile(file);
    if (bytes.length < MIN_BYTES) continue;
    const variants: Array<[string, Buffer]> = [
      [
        '.br',
        await brotli(bytes, {
          params: {
            [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
            [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
            [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
          },
        }),
      ],
      ['.gz', await gzip(bytes, { level: zlib.constants.Z_BEST_COMPRESSION })],
    ];
    for (const [extension, compressed] of variants) {
      if (compressed.length >= bytes.length) continue;
      await fs.writeFile(file + extension, compressed);
      written += 1;
    }
  }
  return written;
}

/** The Vite plugin: runs once the bundle is on disk (`vite build` only; the dev server compresses nothing). */
export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'simfill-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      await precompressFolder(outDir);
    },
  };
}
