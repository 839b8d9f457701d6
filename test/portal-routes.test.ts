import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { isWebClientRoute } from '../src/http/portal-routes.js';
import { buildTestApp } from './helpers/app.js';
import { describeEachDatabase } from './helpers/databases.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

it('knows every page in the portal’s page table (web/src/portal/App.tsx)', () => {
  const app = fs.readFileSync(path.join(ROOT, 'web/src/portal/App.tsx'), 'utf8');
  const table = app.slice(app.indexOf('const PAGES'), app.indexOf('};', app.indexOf('const PAGES')));
  const pages = [...table.matchAll(/^ {2}'(\/[^']*)': /gm)].map((match) => match[1]!);
  expect(pages.length).toBeGreaterThan(10);
  for (const page of pages) expect(isWebClientRoute(page), page).toBe(true);
  expect(isWebClientRoute('/account/lines/line_01jz8x4e5qf0m8g4v3k2y1t9bc')).toBe(true);
  expect(isWebClientRoute('/account/orders/ord_01jz8x4e5qf0m8g4v3k2y1t9bc/receipt')).toBe(true);
  expect(isWebClientRoute('/account/lines/not-a-line')).toBe(false);
  expect(isWebClientRoute('/esim/buy/travel-usa-1gb-7d')).toBe(true);
  for (const page of ['', '/install', '/top-up'])
    expect(isWebClientRoute(`/esims/esim_01jz8x4e5qf0m8g4v3k2y1t9bc${page}`), page).toBe(true);
  expect(isWebClientRoute('/esims/esim_01jz8x4e5qf0m8g4v3k2y1t9bc/nope')).toBe(false);
  expect(isWebClientRoute('/esim/buy/')).toBe(false);
});

describeEachDatabase('unknown pages', (testDb) => {
  let app: FastifyInstance;
  let webDistDir: string;
  beforeAll(async () => {
    webDistDir = fs.mkdtempSync(path.join(os.tmpdir(), 'simfill-web-'));
    fs.writeFileSync(
      path.join(webDistDir, 'index.html'),
      '<!doctype html><title>SimFill</title><div id="root"></div>',
    );
    app = await buildTestApp(testDb.database, { webDistDir });
  });
  afterAll(async () => {
    await app.close();
    fs.rmSync(webDistDir, { recursive: true, force: true });
  });
  const page = (url: string) => app.inject({ url, headers: { accept: 'text/html,*/*' } });

  it('answers 404 with the portal (its not-found page) for a page that does not exist; real deep links stay 200', async () => {
    for (const url of ['/no-such-page', '/account/nope', '/account/lines/not-a-line', '/pricing/']) {
      const response = await page(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type'], url).toContain('text/html');
      expect(response.body, url).toContain('<div id="root"></div>');
    }
    for (const url of [
      '/',
      '/login',
      '/account/wallet/top-up',
      '/account/orders/ord_01jz8x4e5qf0m8g4v3k2y1t9bc',
      '/reset-password?token=abc',
      '/console/customers/cus_01jz8x4e5qf0m8g4v3k2y1t9bc',
    ]) {
      const response = await page(url);
      expect(response.statusCode, url).toBe(200);
      expect(response.body, url).toContain('<div id="root"></div>');
    }
    // An API path is never the portal, even for a browser.
    expect((await page('/v1/nope')).json()).toMatchObject({ error: { code: 'route_not_found' } });
  });
});
