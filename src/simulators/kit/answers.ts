/** What a simulator handler gives back, and the three shapes most answers take. */

export interface SimAnswer {
  status: number;
  headers?: Record<string, string>;
  body: string | Buffer;
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): SimAnswer {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

export function html(body: string, status = 200): SimAnswer {
  return { status, headers: { 'content-type': 'text/html; charset=utf-8' }, body };
}

export function redirect(location: string, status = 303): SimAnswer {
  return { status, headers: { 'content-type': 'text/plain', location }, body: '' };
}
