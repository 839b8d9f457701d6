import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPayPalProvider } from '../../src/adapters/paypal/provider.js';
import { createReloadlyProvider } from '../../src/adapters/reloadly/provider.js';
import { createStripeProvider } from '../../src/adapters/stripe/provider.js';
import { startPayPalSimulator, type PayPalSimulator } from '../../src/simulators/paypal/server.js';
import { startReloadlySimulator, type ReloadlySimulator } from '../../src/simulators/reloadly/server.js';
import { startStripeSimulator, type StripeSimulator } from '../../src/simulators/stripe/server.js';
import { startRecordingProxy, type Exchange, type RecordingProxy } from './recorder.js';
import { explain, validatorFor } from './suite.js';
import { decodeBracketed, type ContractValidator } from './validator.js';

/**
 * The contract suite must not pass vacuously: a real exchange that passes is changed the way a simulator or
 * client change would drift (a renamed field, a wrong type, a missing required field, a value outside an
 * enum, an undocumented status or parameter), and each change must be caught. And the operations the trimmed
 * specs keep must be the ones the clients' code calls.
 */

type Json = Record<string, unknown>;

/** What no allowed deviation explains, sorted. */
const unexplained = (validator: ContractValidator, exchange: Exchange) =>
  explain(validator.validateExchange(exchange), new Map())
    .map((violation) => `${violation.where} ${violation.pointer}: ${violation.message}`)
    .sort();

const withResponse = (exchange: Exchange, change: (body: Json) => void): Exchange => {
  const body = JSON.parse(exchange.responseBody) as Json;
  change(body);
  return { ...exchange, responseBody: JSON.stringify(body) };
};

const withJsonRequest = (exchange: Exchange, change: (body: Json) => void): Exchange => {
  const body = JSON.parse(exchange.requestBody) as Json;
  change(body);
  return { ...exchange, requestBody: JSON.stringify(body) };
};

describe('the contract validator catches drift', () => {
  let reloadly: ReloadlySimulator;
  let stripe: StripeSimulator;
  let paypal: PayPalSimulator;
  const proxies: RecordingProxy[] = [];

  beforeAll(async () => {
    reloadly = await startReloadlySimulator({ clientId: 'drift', clientSecret: 'drift-secret' });
    stripe = await startStripeSimulator({ secretKey: 'sk_test_drift', webhookSecret: 'whsec_drift' });
    paypal = await startPayPalSimulator({
      clientId: 'drift',
      clientSecret: 'drift-secret',
      webhookId: 'WH1DRIFT',
    });
  });
  afterAll(async () => {
    for (const proxy of proxies) await proxy.close();
    await Promise.all([reloadly?.close(), stripe?.close(), paypal?.close()]);
  });

  const recording = async (target: string) => {
    const proxy = await startRecordingProxy(target);
    proxies.push(proxy);
    return proxy;
  };

  it('Reloadly: a renamed field, a wrong type, a renamed request field and an undocumented status', async () => {
    const proxy = await recording(reloadly.baseUrl);
    const client = createReloadlyProvider({
      clientId: 'drift',
      clientSecret: 'drift-secret',
      authUrl: proxy.url,
      apiBase: proxy.url,
      audience: 'https://topups.reloadly.com',
      timeoutMs: 5_000,
    });
    await client.topUp({
      customIdentifier: `drift-${Date.now()}`,
      providerOperatorId: '211',
      amountMinor: 1500,
      recipientE164: '+12025550150',
      countryIso: 'US',
    });
    const validator = validatorFor('reloadly');
    const topUp = proxy.exchanges.find((exchange) => exchange.url === '/topups')!;
    expect(unexplained(validator, topUp)).toEqual([]);

    expect(
      unexplained(
        validator,
        withResponse(topUp, (body) => {
          body.balance = body.balanceInfo;
          delete body.balanceInfo;
        }),
      ),
    ).toEqual(['response.body /balance: unknown property "balance"']);
    expect(
      unexplained(
        validator,
        withResponse(topUp, (body) => {
          body.deliveredAmount = String(body.deliveredAmount);
        }),
      ),
    ).toEqual(['response.body /deliveredAmount: must be number']);
    expect(
      unexplained(
        validator,
        withJsonRequest(topUp, (body) => {
          body.recipient = body.recipientPhone;
          delete body.recipientPhone;
        }),
      ),
    ).toEqual([
      'request.body /recipient: unknown property "recipient"',
      'request.body /recipientPhone: missing property "recipientPhone"',
    ]);
    expect(unexplained(validator, { ...topUp, status: 409 })).toEqual([
      'response.status /: status 409 not documented (200, 400, 401, 404)',
    ]);
    expect(unexplained(validator, { ...topUp, url: '/topups/v2' })).toEqual([
      'operation /: no such operation in the published spec',
    ]);
  });

  it('Stripe: a missing required field, a wrong type, a value outside the enum, an unknown form parameter', async () => {
    const proxy = await recording(stripe.baseUrl);
    const client = createStripeProvider({
      secretKey: 'sk_test_drift',
      webhookSecret: 'whsec_drift',
      apiBase: proxy.url,
      timeoutMs: 5_000,
    });
    await client.createPayment({
      idempotencyKey: `drift-${Date.now()}`,
      amountMinor: 2088,
      currency: 'USD',
      method: 'card',
      description: 'drift',
      metadata: { order_id: 'ord_drift' },
      returnUrl: 'http://localhost:8080/back',
      cancelUrl: 'http://localhost:8080/back',
      locale: 'en',
      customerEmail: undefined,
      saved: undefined,
    });
    const validator = validatorFor('stripe');
    const created = proxy.exchanges.find((exchange) => exchange.url === '/v1/payment_intents')!;
    expect(unexplained(validator, created)).toEqual([]);
    expect(
      unexplained(
        validator,
        withResponse(created, (body) => {
          delete body.status;
          body.amount = String(body.amount);
          body.capture_method = 'whenever';
        }),
      ),
    ).toEqual([
      'response.body /amount: must be integer',
      'response.body /capture_method: must be equal to one of the allowed values',
      'response.body /status: missing property "status"',
    ]);
    expect(unexplained(validator, { ...created, requestBody: `${created.requestBody}&amout=2088` })).toEqual([
      'request.body /amout: unknown property "amout"',
    ]);
    expect(
      unexplained(validator, {
        ...created,
        url: '/v1/payment_intents?expand[0]=customer&limit=3',
        method: 'POST',
      }),
    ).toEqual([
      'request.query /expand: query parameter not in the spec',
      'request.query /limit: query parameter not in the spec',
    ]);
  });

  it('PayPal: a status outside the enum, a renamed field, a malformed amount', async () => {
    const proxy = await recording(paypal.baseUrl);
    const client = createPayPalProvider({
      clientId: 'drift',
      clientSecret: 'drift-secret',
      webhookId: 'WH1DRIFT',
      apiBase: proxy.url,
      timeoutMs: 5_000,
    });
    await client.createPayment({
      idempotencyKey: `drift-${Date.now()}`,
      amountMinor: 1030,
      currency: 'USD',
      method: 'paypal',
      description: 'drift',
      metadata: { order_id: 'ord_drift' },
      returnUrl: 'http://localhost:8080/back',
      cancelUrl: 'http://localhost:8080/back',
      locale: 'en',
      customerEmail: undefined,
      saved: undefined,
    });
    const validator = validatorFor('paypal');
    const created = proxy.exchanges.find((exchange) => exchange.url === '/v2/checkout/orders')!;
    expect(unexplained(validator, created)).toEqual([]);
    const drifted = unexplained(
      validator,
      withResponse(created, (body) => {
        body.status = 'DONE';
        body.link = body.links;
        delete body.links;
        (body.purchase_units as { amount: { value: string } }[])[0]!.amount.value = '10.30 USD';
      }),
    );
    expect(drifted).toEqual([
      'response.body /link: unknown property "link"',
      expect.stringMatching(/^response\.body \/purchase_units\/0\/amount\/value: must match pattern/),
      'response.body /status: must be equal to one of the allowed values',
    ]);
  });

  it('Stripe webhooks: an event whose object lost a required field or gained an unknown one', () => {
    const validator = validatorFor('stripe');
    const refund = {
      id: 're_1',
      object: 'refund',
      amount: 100,
      currency: 'usd',
      created: 1,
      status: 'succeeded',
    };
    expect(validator.validateSchema('stripe', 'refund', refund, 'refund.created')).toEqual([]);
    const withoutAmount: Json = { ...refund };
    delete withoutAmount.amount;
    expect(
      validator
        .validateSchema('stripe', 'refund', { ...withoutAmount, amount_minor: 100 }, 'refund.created')
        .map((violation) => `${violation.pointer}: ${violation.message}`)
        .sort(),
    ).toEqual(['/amount: missing property "amount"', '/amount_minor: unknown property "amount_minor"']);
  });

  it('decodes Stripe’s bracketed form encoding into objects and arrays', () => {
    expect(
      decodeBracketed('amount=1&metadata[order_id]=o&expand[0]=a&expand[1]=b&payment_method_data[type]=card'),
    ).toEqual({
      amount: '1',
      metadata: { order_id: 'o' },
      expand: ['a', 'b'],
      payment_method_data: { type: 'card' },
    });
  });
});

describe('the trimmed specs keep exactly the operations the clients’ code calls', () => {
  const source = (file: string) =>
    fs.readFileSync(new URL(`../../src/adapters/${file}`, import.meta.url), 'utf8');
  const placeholder = (path: string) => path.replace(/\$\{[^}]+\}/g, 'x').replace(/\?.*$/, '');

  it('Stripe: every SDK call the adapter makes maps to a kept operation, and every kept operation is called', () => {
    const operations: Record<string, string> = {
      'customers.create': 'POST /v1/customers',
      'customers.listPaymentMethods': 'GET /v1/customers/{customer}/payment_methods',
      'paymentIntents.create': 'POST /v1/payment_intents',
      'paymentIntents.retrieve': 'GET /v1/payment_intents/{intent}',
      'paymentIntents.cancel': 'POST /v1/payment_intents/{intent}/cancel',
      'paymentMethods.detach': 'POST /v1/payment_methods/{payment_method}/detach',
      'refunds.create': 'POST /v1/refunds',
      'setupIntents.create': 'POST /v1/setup_intents',
      'setupIntents.retrieve': 'GET /v1/setup_intents/{intent}',
    };
    const calls = new Set(
      [...source('stripe/provider.ts').matchAll(/stripe\.(\w+)\.(\w+)\(/g)]
        .map((match) => `${match[1]}.${match[2]}`)
        .filter((call) => call !== 'webhooks.constructEvent'),
    );
    expect([...calls].sort()).toEqual(Object.keys(operations).sort());
    expect(validatorFor('stripe').operationNames().sort()).toEqual(Object.values(operations).sort());
  });

  it('PayPal: every path the adapter calls is a kept operation (the OAuth token endpoint is in no published spec)', () => {
    const validator = validatorFor('paypal');
    const calls = [
      ...source('paypal/provider.ts').matchAll(/api(?:<\w+>)?\(\s*'(GET|POST)',\s*(?:`([^`]+)`|'([^']+)')/g),
    ].map(
      (match) =>
        validator.operationOf(match[1]!, placeholder(match[2] ?? match[3]!)) ??
        `${match[1]} ${match[2] ?? match[3]} (not in the spec)`,
    );
    expect([...new Set(calls)].sort()).toEqual(validator.operationNames().sort());
    expect(source('paypal/provider.ts')).toContain("send('/v1/oauth2/token'");
  });

  it('Reloadly: every path the adapter calls is a kept operation, and every kept operation is called', () => {
    const validator = validatorFor('reloadly');
    const text = source('reloadly/provider.ts');
    const paths = [...text.matchAll(/call\(\s*[`']([^`']+)[`']/g)].map((match) => placeholder(match[1]!));
    const calls = paths.map(
      (path) =>
        validator.operationOf('GET', path) ??
        validator.operationOf('POST', path) ??
        `${path} (not in the spec)`,
    );
    expect(text).toContain('`${options.authUrl}/oauth/token`');
    expect([...new Set([...calls, 'POST /oauth/token'])].sort()).toEqual(validator.operationNames().sort());
  });
});
