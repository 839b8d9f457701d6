/**
 * A browser-like client over real HTTP, for a SimFill running in another process: keeps cookies, sends the
 * session's CSRF token on state-changing requests once it knows it (as the portal does).
 */
export interface HttpResponse {
  status: number;
  headers: Headers;
  body: string;
  json<T>(): T;
}

export class HttpBrowser {
  readonly cookies = new Map<string, string>();
  csrfToken: string | undefined;

  constructor(readonly baseUrl: string) {}

  async request(
    method: 'GET' | 'POST',
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<HttpResponse> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(new URL(url, this.baseUrl), {
      method,
      headers: {
        'accept-language': 'en',
        ...(cookie ? { cookie } : {}),
        ...(method !== 'GET' && this.csrfToken ? { 'x-csrf-token': this.csrfToken } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      redirect: 'manual',
      signal: AbortSignal.timeout(30_000),
    });
    for (const set of response.headers.getSetCookie()) {
      const [pair] = set.split(';');
      const separator = pair!.indexOf('=');
      const name = pair!.slice(0, separator).trim();
      const value = pair!.slice(separator + 1).trim();
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(set)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (
      parsed &&
      typeof parsed === 'object' &&
      'csrf_token' in parsed &&
      typeof parsed.csrf_token === 'string'
    ) {
      this.csrfToken = parsed.csrf_token;
    }
    return { status: response.status, headers: response.headers, body: text, json: <T>() => parsed as T };
  }

  get = (url: string, headers?: Record<string, string>) => this.request('GET', url, undefined, headers);
  post = (url: string, body?: unknown, headers?: Record<string, string>) =>
    this.request('POST', url, body, headers);
}

/** Registers `email`, follows the verification link from `mailbox`, signs in. */
export async function signUpOverHttp(
  baseUrl: string,
  mailbox: { nextMessageTo(address: string): Promise<{ text: string }> },
  email: string,
): Promise<HttpBrowser> {
  const browser = new HttpBrowser(baseUrl);
  const password = 'customer password 1';
  const registered = await browser.post('/v1/registrations', { email, password });
  if (registered.status !== 202)
    throw new Error(`registration answered ${registered.status}: ${registered.body}`);
  const message = await mailbox.nextMessageTo(email);
  const link = message.text.match(/https?:\/\/\S+\/verify-email\?\S+/)?.[0];
  if (!link) throw new Error(`no verification link in: ${message.text}`);
  const token = new URL(link).searchParams.get('token');
  await browser.post('/v1/email-verifications', { token });
  const login = await browser.post('/v1/sessions', { email, password });
  if (login.status !== 201) throw new Error(`sign-in answered ${login.status}: ${login.body}`);
  return browser;
}

export interface StartedTopUp {
  orderId: string;
  paymentId: string;
  amountMinor: number;
  /** The provider's hosted page the customer is sent to. */
  payUrl: string;
}

/** Quote, order and payment attempt for a wallet top-up by card, as the portal makes them. */
export async function startWalletTopUp(browser: HttpBrowser, amountMinor: number): Promise<StartedTopUp> {
  const quote = await browser.post('/v1/quotes', {
    product: { type: 'wallet_credit', amount_minor: amountMinor },
    method: 'card',
  });
  if (quote.status !== 201 && quote.status !== 200) throw new Error(`quote: ${quote.status} ${quote.body}`);
  const order = await browser.post('/v1/orders', { quote: quote.json<{ id: string }>().id });
  if (order.status !== 201) throw new Error(`order: ${order.status} ${order.body}`);
  const orderId = order.json<{ id: string }>().id;
  const payment = await browser.post(
    `/v1/orders/${orderId}/payments`,
    {},
    { 'idempotency-key': `pay-${orderId}` },
  );
  if (payment.status !== 201) throw new Error(`payment: ${payment.status} ${payment.body}`);
  const body = payment.json<{ id: string; next_action: { url: string } }>();
  return { orderId, paymentId: body.id, amountMinor, payUrl: body.next_action.url };
}
