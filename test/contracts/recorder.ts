import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback HTTP proxy between a real client (src/adapters/*) and a simulator (src/simulators/*) that keeps
 * every exchange as it went over the wire, so the contract suite trusts neither side: what the client sent
 * and what the simulator answered are both checked against the provider's published spec.
 */

export interface Exchange {
  method: string;
  /** Path and query, as sent. */
  url: string;
  /** Lower-case names. */
  requestHeaders: Record<string, string>;
  requestBody: string;
  status: number;
  responseHeaders: Record<string, string>;
  responseBody: string;
}

export interface RecordingProxy {
  url: string;
  exchanges: Exchange[];
  close(): Promise<void>;
}

const flatten = (headers: http.IncomingHttpHeaders): Record<string, string> =>
  Object.fromEntries(
    Object.entries(headers)
      .filter((entry): entry is [string, string | string[]] => entry[1] !== undefined)
      .map(([name, value]) => [name.toLowerCase(), Array.isArray(value) ? value.join(', ') : value]),
  );

const readAll = (stream: http.IncomingMessage) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });

/** Forwards everything to `target` (`http://127.0.0.1:port`); a request the target never answers is not kept. */
export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const upstream = new URL(target);
  const exchanges: Exchange[] = [];
  const server = http.createServer((request, response) => {
    void (async () => {
      const body = await readAll(request);
      const forwarded = http.request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: request.method,
          path: request.url,
          headers: { ...request.headers, host: upstream.host },
        },
        (answer) => {
          void readAll(answer).then((answerBody) => {
            exchanges.push({
              method: request.method ?? 'GET',
              url: request.url ?? '/',
              requestHeaders: flatten(request.headers),
              requestBody: body.toString('utf8'),
              status: answer.statusCode ?? 0,
              responseHeaders: flatten(answer.headers),
              responseBody: answerBody.toString('utf8'),
            });
            response.writeHead(answer.statusCode ?? 502, answer.headers);
            response.end(answerBody);
          });
        },
      );
      forwarded.on('error', () => response.destroy());
      request.on('close', () => {
        if (!response.writableEnded) forwarded.destroy();
      });
      forwarded.end(body);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    exchanges,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface Delivery {
  headers: Record<string, string>;
  body: string;
}

export interface WebhookReceiver {
  url: string;
  deliveries: Delivery[];
  close(): Promise<void>;
}

/** Receives the simulators' webhook deliveries, keeps them, and hands each to `handle` (200 unless it throws). */
export async function startWebhookReceiver(
  handle: (delivery: Delivery) => Promise<void> = async () => {},
): Promise<WebhookReceiver> {
  const deliveries: Delivery[] = [];
  const server = http.createServer((request, response) => {
    void (async () => {
      const delivery = { headers: flatten(request.headers), body: (await readAll(request)).toString('utf8') };
      deliveries.push(delivery);
      try {
        await handle(delivery);
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      } catch {
        response.writeHead(400).end();
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`,
    deliveries,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
