import { describe, expect, it } from 'vitest';
import { FIRST_LOAD_JS_GZIP_BYTES_MAX, firstLoadScripts } from './helpers/web-bundle.js';

// Reads the built portal (npm test builds it first; alone: npm run build:web).
describe('the portal on a slow link', () => {
  it('loads the home page with at most 100 KB of gzipped first-party script', () => {
    const scripts = firstLoadScripts();
    expect(scripts.length).toBeGreaterThan(0);
    const gzipBytes = scripts.reduce((sum, script) => sum + script.gzipBytes, 0);
    expect(gzipBytes, JSON.stringify(scripts)).toBeLessThanOrEqual(FIRST_LOAD_JS_GZIP_BYTES_MAX);
  });
});
