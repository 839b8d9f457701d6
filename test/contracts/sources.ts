/**
 * Where each provider's published OpenAPI description comes from, and the operations SimFill's clients call
 * (what `scripts/contracts/trim-openapi.ts` keeps, and what the contract suite must see exercised).
 */

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface SpecFile {
  /** Path in the source repository. */
  path: string;
  /** File name under test/contracts/specs/<provider>/. */
  output: string;
  /** [method, path template] as the spec spells them. */
  operations: [Method, string][];
  /** Component schemas kept beyond the operations' closure (webhook payloads). */
  schemas?: string[];
  /** Stripe: expandable resources SimFill expands; every other expandable resource is kept as `object`. */
  expandedResources?: string[];
}

export interface SpecSource {
  provider: 'stripe' | 'paypal' | 'reloadly';
  title: string;
  repo: string;
  commit: string;
  licence: string;
  note?: string;
  files: SpecFile[];
}

export const SPEC_SOURCES: SpecSource[] = [
  {
    provider: 'stripe',
    title: 'Stripe API v1',
    repo: 'stripe/openapi',
    // Tag v524 (API 2023-08-16): the newest openapi/spec3.* whose contents the mirror SimFill could read holds;
    // later commits' spec files are larger than it keeps. See the allowed deviations for what moved since.
    commit: '63a674638635c68de26b9f3add13e58198f4df44',
    licence: 'MIT (Copyright (c) 2011- Stripe, Inc.)',
    note: 'Source file `openapi/spec3.yaml` at tag v524, API version 2023-08-16: the newest Stripe spec whose full text the repository snapshot available to SimFill held (later spec files were too large for it; re-run the script on a full clone to move on). stripe-node 23.1.0 (API 2026-10-28.endive, OpenAPI v2596) is newer: fields it added since are listed in test/contracts/deviations.ts.',
    files: [
      {
        path: 'openapi/spec3.yaml',
        output: 'stripe.json',
        operations: [
          ['post', '/v1/customers'],
          ['get', '/v1/customers/{customer}/payment_methods'],
          ['post', '/v1/payment_intents'],
          ['get', '/v1/payment_intents/{intent}'],
          ['post', '/v1/payment_intents/{intent}/cancel'],
          ['post', '/v1/payment_methods/{payment_method}/detach'],
          ['post', '/v1/refunds'],
          ['post', '/v1/setup_intents'],
          ['get', '/v1/setup_intents/{intent}'],
        ],
        schemas: ['event', 'payment_intent', 'setup_intent', 'refund', 'charge'],
        expandedResources: ['payment_method', 'charge'],
      },
    ],
  },
  {
    provider: 'paypal',
    title: 'PayPal REST APIs (Orders v2, Payments v2, Webhooks v1)',
    repo: 'paypal/paypal-rest-api-specifications',
    commit: 'ec4d8f36a6ab0abcc3865e1072aaddc85ea14d5c',
    licence: 'Apache-2.0',
    note: 'The OAuth 2.0 token endpoint (`POST /v1/oauth2/token`) is in none of these files, so it is not checked.',
    files: [
      {
        path: 'openapi/checkout_orders_v2.json',
        output: 'checkout_orders_v2.json',
        operations: [
          ['post', '/v2/checkout/orders'],
          ['get', '/v2/checkout/orders/{id}'],
          ['post', '/v2/checkout/orders/{id}/capture'],
        ],
        schemas: ['order'],
      },
      {
        path: 'openapi/payments_payment_v2.json',
        output: 'payments_payment_v2.json',
        operations: [
          ['get', '/v2/payments/captures/{capture_id}'],
          ['post', '/v2/payments/captures/{capture_id}/refund'],
        ],
        schemas: ['capture-2', 'refund'],
      },
      {
        path: 'openapi/notifications_webhooks_v1.json',
        output: 'notifications_webhooks_v1.json',
        operations: [['post', '/v1/notifications/verify-webhook-signature']],
        schemas: ['event'],
      },
    ],
  },
  {
    provider: 'reloadly',
    title: 'Reloadly Airtime API',
    repo: 'Reloadly/reloadly-api-documentation',
    commit: 'c774a73c3de7c9c30b259fdf6e0489ed39582bab',
    licence: 'MIT (Copyright (c) 2022 Reloadly)',
    note: 'Source `openapi/openapi.yaml` (OpenAPI 3.1) with its per-path and per-schema YAML files inlined (bundled).',
    files: [
      {
        path: 'openapi/openapi.yaml',
        output: 'airtime.json',
        operations: [
          ['post', '/oauth/token'],
          ['get', '/accounts/balance'],
          ['get', '/operators/countries/{countrycode}'],
          ['get', '/operators/auto-detect/phone/{phone}/countries/{countryisocode}'],
          ['post', '/topups'],
          ['get', '/topups/{transactionId}/status'],
          ['get', '/topups/reports/transactions'],
        ],
      },
    ],
  },
];
