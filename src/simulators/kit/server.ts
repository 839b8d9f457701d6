import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CONTROL_PREFIX, controlAnswer, type ControlOptions } from './control.js';
import type { SimulatorFaults } from './faults.js';
import type { SimAnswer } from './answers.js';

/**
 * The HTTP side every simulator shares: body reading with a size limit, the control API under `/_simulator/`,
 * the fault switches on API requests (latency, planned and random failures, requests never answered), hosted
 * pages, and start / stop. A simulator supplies its API handler, its provider's error answer and its pages.
 */

export interface SimRequest {
  method: string;
  url: URL;
  headers: http.IncomingHttpHeaders;
  rawBody: string;
}

export interface SimulatorServerOptions {
  host?: string;
  port?: number;
  faults: SimulatorFaults;
  /** Whether the request is for the provider's API (faults apply); every other request goes to `pages`. */
  isApiRequest(request: SimRequest): boolean;
  /** The API's answer; undefined = never answer (a provider that hangs, as a fault of the simulator's own). */
  api(request: SimRequest, baseUrl: string): Promise<SimAnswer | undefined>;
  /** The provider's answer to a simulated server failure (`failNextRequests`, `failureRate`). */
  failure(status: number, request: SimRequest): SimAnswer;
  /** The provider's answer to an exception the simulator did not expect. */
  internalError(error: unknown): SimAnswer;
  /** Every request that is not for the API nor the control API: hosted pages (checkout, 3-D Secure…), 404s. */
  pages(request: SimRequest, baseUrl: string): Promise<SimAnswer | undefined>;
  control?: Omit<ControlOptions, 'faults'>;
  /** Called by close() before the sockets end (stop webhooks, wake waiting timers). */
  onClose?(): void;
}

export interface SimulatorServer {
  baseUrl: string;
  port: number;
  close(): Promise<void>;
}

/** Request bodies above this are cut off (the socket is destroyed), as a provider's edge would. */
export const REQUEST_BODY_BYTES_MAX = 1_000_000;

const readBody = (request: http.IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > REQUEST_BODY_BYTES_MAX) request.destroy();
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });

const send = (response: http.ServerResponse, answer: SimAnswer) => {
  response.writeHead(answer.status, answer.headers ?? {});
  response.end(answer.body);
};

export async function startSimulatorServer(options: SimulatorServerOptions): Promise<SimulatorServer> {
  const host = options.host ?? '127.0.0.1';
  const { faults } = options;
  let baseUrl = '';

  /** The answer to one request, or undefined when a timeout fault says never to answer. */
  const answer = async (request: SimRequest): Promise<SimAnswer | undefined> => {
    const path = request.url.pathname;
    if (path.startsWith(`${CONTROL_PREFIX}/`)) {
      return controlAnswer({ ...options.control, faults }, request.method, path, request.rawBody);
    }
    if (faults.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.latencyMs));
    if (options.isApiRequest(request)) {
      const timeout = faults.takeTimeout();
      if (timeout) {
        // Never answer: the client's timeout decides. Closing the server ends the socket.
        if (timeout.afterProcessing) await options.api(request, baseUrl);
        return undefined;
      }
      const failureStatus = faults.takeFailure();
      if (failureStatus !== undefined) return options.failure(failureStatus, request);
      return options.api(request, baseUrl);
    }
    if (path === '/favicon.ico') return { status: 204, body: '' };
    const page = await options.pages(request, baseUrl);
    return page && { ...page, headers: { ...page.headers, 'cache-control': 'no-store' } };
  };

  const server = http.createServer((incoming, response) => {
    void (async () => {
      const request: SimRequest = {
        method: incoming.method ?? 'GET',
        url: new URL(incoming.url ?? '/', baseUrl),
        headers: incoming.headers,
        rawBody: await readBody(incoming),
      };
      const result = await answer(request);
      if (result) send(response, result);
    })().catch((error: unknown) => {
      if (!response.headersSent) send(response, options.internalError(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://${host}:${port}`;
  return {
    baseUrl,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        options.onClose?.();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
