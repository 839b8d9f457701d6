import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import FindMyWay, { type HTTPMethod } from 'find-my-way';
import { AppError } from '../kernel/errors.js';
import { sendError } from './errors.js';
import { isWebClientRoute } from './portal-routes.js';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/**
 * Unknown URLs: the portal's client-side routes get `index.html`; any other page a browser asks for gets it too,
 * with 404, so the portal shows its not-found page; a known path with the wrong method gets 405
 * with `Allow`; anything else 404 — both in the one error shape. A shadow router of every registered route
 * answers "which methods exist for this path", which Fastify itself does not expose.
 */
export function registerRouteFallbacks(
  app: FastifyInstance,
  options: { webDistDir: string | undefined },
): void {
  const known = FindMyWay({ ignoreTrailingSlash: true });
  app.addHook('onRoute', (route) => {
    const methods = ([] as string[]).concat(route.method);
    for (const method of methods) {
      if ((METHODS as readonly string[]).includes(method)) {
        known.on(method as HTTPMethod, route.url, () => undefined);
      }
    }
  });

  const indexHtml = options.webDistDir ? path.join(options.webDistDir, 'index.html') : undefined;
  const hasPortal = indexHtml !== undefined && fs.existsSync(indexHtml);

  app.setNotFoundHandler((request, reply) => {
    const pathname = request.url.split('?')[0] ?? '/';
    const isApi = pathname.startsWith('/v1/') || pathname === '/v1';
    const wantsHtml = request.method === 'GET' && (request.headers.accept ?? '').includes('text/html');
    if (hasPortal && !isApi && wantsHtml && !path.extname(pathname)) {
      if (isWebClientRoute(pathname)) return reply.header('cache-control', 'no-cache').sendFile('index.html');
      return reply
        .code(404)
        .header('cache-control', 'no-cache')
        .type('text/html; charset=utf-8')
        .send(fs.createReadStream(indexHtml));
    }
    const allowed = METHODS.filter((method) => known.find(method, pathname) !== null);
    if (allowed.length > 0) {
      return sendError(
        reply,
        new AppError('method_not_allowed', {
          values: { method: request.method, path: pathname, allowed: allowed.join(', ') },
          headers: { allow: allowed.join(', ') },
        }),
      );
    }
    return sendError(
      reply,
      new AppError('route_not_found', { values: { method: request.method, path: pathname.slice(0, 200) } }),
    );
  });
}
