import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The web's API types are the OpenAPI document as TypeScript (`npm run api:types`; CI fails while they are
// stale), descriptions included: reading them checks the document without building the app.
const SCHEMA = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web/src/api/schema.ts');

describe('the OpenAPI document', () => {
  it('names in its descriptions only routes that exist, with that method', () => {
    const text = fs.readFileSync(SCHEMA, 'utf8');
    const paths = text.slice(text.indexOf('export interface paths'), text.indexOf('export type webhooks'));
    const blocks = new Map<string, string>();
    const keys = [...paths.matchAll(/^ {2}'([^']+)': \{$/gm)];
    keys.forEach((key, index) =>
      blocks.set(key[1]!, paths.slice(key.index, keys[index + 1]?.index ?? paths.length)),
    );
    const mentioned = [
      ...text.matchAll(/\b(GET|POST|PUT|PATCH|DELETE) (\/v1\/[A-Za-z0-9_{}/-]*[A-Za-z0-9_}])/g),
    ];
    expect(mentioned.length).toBeGreaterThan(0);
    for (const [, method, route] of mentioned) {
      const block = blocks.get(route!);
      expect(block, `${method} ${route} is named in a description but is no route`).toBeDefined();
      expect(block, `${method} ${route}`).toMatch(new RegExp(`^ {4}${method!.toLowerCase()}: \\{$`, 'm'));
    }
  });
});
