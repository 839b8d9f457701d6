// Bundles the server and CLI (src/cli.ts) into dist/server for `simfill start`: one ESM graph of a few files
// loads in a fraction of the time tsx needs to resolve and transform ~300 TypeScript modules. Packages stay
// external (node_modules). bin/simfill.js uses the bundle only while it is newer than every file in src/.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist/server');
fs.rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: [path.join(root, 'src/cli.ts')],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});
// Files the sources read beside themselves (`new URL('./…', import.meta.url)`).
fs.copyFileSync(
  path.join(root, 'src/modules/identity/common-passwords.txt'),
  path.join(outdir, 'common-passwords.txt'),
);
