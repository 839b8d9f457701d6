import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const WEB_DIST_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

/** The budget for what the home page's first load may carry: 100 KB of gzipped first-party script. */
export const FIRST_LOAD_JS_GZIP_BYTES_MAX = 100 * 1000;

export interface FirstLoadScript {
  url: string;
  bytes: number;
  gzipBytes: number;
}

/**
 * The scripts a browser fetches before the portal can render: the entry module and the chunks index.html
 * preloads (Vite writes a `modulepreload` link for each static import of the entry). Pages behind a dynamic
 * import are not among them. Sizes are those of the files served: the script and the .gz beside it.
 */
export function firstLoadScripts(distDir = WEB_DIST_DIR): FirstLoadScript[] {
  const indexHtml = path.join(distDir, 'index.html');
  if (!fs.existsSync(indexHtml)) throw new Error(`${indexHtml} is missing: run npm run build:web first`);
  const html = fs.readFileSync(indexHtml, 'utf8');
  const urls = [
    ...html.matchAll(/<script[^>]*\btype="module"[^>]*\bsrc="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g),
  ].map((match) => match[1]!);
  return urls.map((url) => {
    const file = path.join(distDir, url);
    const gzip = `${file}.gz`;
    if (!fs.existsSync(gzip)) throw new Error(`${gzip} is missing: the build writes one beside each script`);
    return { url, bytes: fs.statSync(file).size, gzipBytes: fs.statSync(gzip).size };
  });
}
