import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';

/**
 * A browser-like client over `app.inject`: keeps cookies from `Set-Cookie` (honouring deletion), and sends the
 * session's CSRF token on state-changing requests once it knows it, as the portal does.
 */
export class TestClient {
  readonly cookies = new Map<string, string>();
  csrfToken: string | undefined;

  constructor(
    private readonly app: FastifyInstance,
    private readonly defaults: { ip?: string; locale?: string; userAgent?: string } = {},
  ) {}

  async request(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await this.app.inject({
      method,
      url,
      remoteAddress: this.defaults.ip ?? '198.51.100.10',
      headers: {
        'accept-language': this.defaults.locale ?? 'en',
        'user-agent': this.defaults.userAgent ?? 'TestClient/1.0',
        ...(cookie ? { cookie } : {}),
        ...(method !== 'GET' && this.csrfToken ? { 'x-csrf-token': this.csrfToken } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
    for (const set of response.cookies) {
      const expired = set.value === '' || (set.expires !== undefined && set.expires.getTime() <= Date.now());
      if (expired) this.cookies.delete(set.name);
      else this.cookies.set(set.name, set.value);
    }
    const json = response.headers['content-type']?.toString().includes('json')
      ? safeJson(response.body)
      : undefined;
    if (json && typeof json === 'object' && 'csrf_token' in json && typeof json.csrf_token === 'string') {
      this.csrfToken = json.csrf_token;
    }
    return response;
  }

  get = (url: string, headers?: Record<string, string>) => this.request('GET', url, undefined, headers);
  post = (url: string, body?: unknown, headers?: Record<string, string>) =>
    this.request('POST', url, body, headers);
  patch = (url: string, body?: unknown, headers?: Record<string, string>) =>
    this.request('PATCH', url, body, headers);
  delete = (url: string, headers?: Record<string, string>) => this.request('DELETE', url, undefined, headers);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export interface ApiError {
  type: string;
  code: string;
  param?: string;
  message: string;
}

/** GETs `url` and expects a 400 `parameter_invalid` in the one error shape; returns the error for more checks. */
export async function parameterRefusal(client: TestClient, url: string, locale?: string): Promise<ApiError> {
  const response = await client.get(url, locale ? { 'accept-language': locale } : {});
  expect(response.statusCode, url).toBe(400);
  const { error } = response.json<{ error: ApiError }>();
  expect(error, url).toMatchObject({ type: 'invalid_request_error', code: 'parameter_invalid' });
  return error;
}
