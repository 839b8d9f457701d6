#!/usr/bin/env node
// SimFill runs from its TypeScript sources. `npm start` (and `npm run build:server`) also bundles them into
// dist/server, which loads about 1.5 s faster; the bundle is used only while it is newer than every file under
// src/, so an edited source is never shadowed by a stale build.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = path.join(root, 'dist/server/cli.js');

function newestUnder(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestUnder(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

const built = fs.statSync(bundle, { throwIfNoEntry: false });
if (
  built &&
  process.env.SIMFILL_FROM_SOURCE !== '1' &&
  built.mtimeMs >= newestUnder(path.join(root, 'src'))
) {
  await import(bundle);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli.ts');
}
