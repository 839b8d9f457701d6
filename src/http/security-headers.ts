import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * Helmet's security headers, computed once at start-up instead of on every request (its middleware rebuilds
 * the Content-Security-Policy each time, which cost ~15 % of a cached catalog request). Our options are static,
 * so the headers are too.
 */
export function computeSecurityHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let done = false;
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    assert(!error, 'helmet options rejected');
    done = true;
  });
  assert(done, 'helmet middleware is expected to be synchronous');
  return headers;
}

export function registerSecurityHeaders(app: FastifyInstance, options: { https: boolean }): void {
  const headers = computeSecurityHeaders({
    contentSecurityPolicy: {
      directives: { 'img-src': ["'self'", 'data:'], 'upgrade-insecure-requests': null },
    },
    strictTransportSecurity: options.https,
  });
  app.addHook('onRequest', (_request, reply, done) => {
    void reply.headers(headers);
    done();
  });
}
