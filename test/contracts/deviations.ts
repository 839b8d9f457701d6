import { resolve, type SchemaPatch, type Where } from './validator.js';

type Json = Record<string, unknown>;

/**
 * Where SimFill (client or simulator) knowingly differs from a provider's published spec, each with its
 * reason. The contract suite applies exactly these and nothing else: a `patch` corrects the published text
 * before validation (the provider's own examples or SDK fixtures contradict it; SimFill follows the SDK); an
 * `ignore` accepts violations that match it. An `ignore` nobody needs any more fails the suite, unless it is
 * `mayBeUnused` (it depends on random ids).
 */
export interface Deviation {
  provider: 'stripe' | 'paypal' | 'reloadly';
  reason: string;
  patch?: Omit<SchemaPatch, 'reason'>;
  ignore?: { where?: Where; operation?: RegExp; pointer: RegExp; message?: RegExp };
  /** Properties (by name) that may be `null` wherever they appear. */
  nullable?: string[];
  mayBeUnused?: boolean;
}

// ---- Reloadly -------------------------------------------------------------------------------------------------

const RELOADLY_MEDIA = 'application~1com.reloadly.topups-v1+json';
const reloadlyResponse = (template: string, method: string, status: string) =>
  `/paths/${template.replace(/\//g, '~1')}/${method}/responses/${status}/content/${RELOADLY_MEDIA}/schema`;
const at = (document: Record<string, unknown>, pointer: string) =>
  structuredClone(resolve(document, pointer)) as Json;

/**
 * One top-up transaction as Reloadly answers it: the fields of the spec's own status answer (strings for
 * `recipientPhone`, `pinDetail.serial` and `code`, where the top-up answer's schema says integers and its
 * example shows strings elsewhere), plus what the spec's examples and the Java SDK fixtures
 * (`topup/phone_topup_transaction_with_pin_detail.json`) carry and the schema leaves out: `recipientEmail` and
 * the PIN's `info1`–`info3` (the schema names one `info`).
 */
function reloadlyTransaction(document: Record<string, unknown>): Json {
  const transaction = at(document, reloadlyResponse('/topups/{transactionId}/status', 'get', '200'));
  const properties = transaction.properties as Record<string, Json>;
  properties.recipientEmail = { type: 'string' };
  const pin = properties.pinDetail!.properties as Record<string, Json>;
  for (const line of ['info1', 'info2', 'info3']) pin[line] = { type: 'string' };
  return transaction;
}

/** An operator as the Java SDK models it: the descriptions and suggested amounts are maps, not arrays. */
function reloadlyOperator(document: Record<string, unknown>): Json {
  const operator = at(
    document,
    reloadlyResponse('/operators/auto-detect/phone/{phone}/countries/{countryisocode}', 'get', '200'),
  );
  const properties = operator.properties as Record<string, Json>;
  for (const map of ['fixedAmountsDescriptions', 'localFixedAmountsDescriptions', 'suggestedAmountsMap']) {
    properties[map] = { type: 'object', additionalProperties: { type: ['string', 'number'] } };
  }
  return operator;
}

/** Reloadly's error body, as the spec documents it for 400 and 401 answers. */
const reloadlyError = (document: Record<string, unknown>) =>
  at(document, reloadlyResponse('/topups', 'post', '400'));

const RELOADLY: Deviation[] = [
  {
    provider: 'reloadly',
    reason:
      'Reloadly’s own examples and the Java SDK fixtures (java-sdk-airtime/src/test/resources) answer null for these, which the schemas type as strings, numbers or objects; the PIN’s info1–info3 are optional strings in the SDK’s PinDetail.',
    nullable: [
      'operatorTransactionId',
      'customIdentifier',
      'recipientPhone',
      'recipientEmail',
      'senderPhone',
      'pinDetail',
      'balanceInfo',
      'value',
      'info1',
      'info2',
      'info3',
      'minAmount',
      'maxAmount',
      'localMinAmount',
      'localMaxAmount',
      'mostPopularAmount',
      'mostPopularLocalAmount',
      'code',
      'message',
      'errorCode',
      'infoLink',
    ],
  },
  {
    provider: 'reloadly',
    reason:
      'POST /topups: the spec and its PHP sample send operatorId and amount as strings; the Java SDK (TopupRequest: Long operatorId, Double amount) sends numbers, as SimFill does. Both are accepted.',
    patch: {
      at: 'airtime#/paths/~1topups/post/requestBody/content/application~1json/schema/properties/operatorId',
      schema: { type: ['integer', 'string'] },
    },
  },
  {
    provider: 'reloadly',
    reason: 'POST /topups amount: a number as the Java SDK sends it (see operatorId).',
    patch: {
      at: 'airtime#/paths/~1topups/post/requestBody/content/application~1json/schema/properties/amount',
      schema: { type: ['number', 'string'] },
    },
  },
  {
    provider: 'reloadly',
    reason:
      'POST /topups 200: the schema types recipientPhone, pinDetail.serial and pinDetail.code as integers, the status answer’s schema and the Java SDK fixtures as strings; the SDK fixture (with recipientEmail, info1–info3) is followed.',
    patch: { at: `airtime#${reloadlyResponse('/topups', 'post', '200')}`, schema: reloadlyTransaction },
  },
  {
    provider: 'reloadly',
    reason:
      'GET /topups/{id}/status 200: the spec documents the bare transaction; the Java SDK fixture topup/phone_topup_transaction_status.json (and SimFill’s client) read {code, message, status, transaction}.',
    patch: {
      at: `airtime#${reloadlyResponse('/topups/{transactionId}/status', 'get', '200')}`,
      schema: (document) => ({
        type: 'object',
        required: ['status', 'transaction'],
        properties: {
          code: { type: 'string' },
          message: { type: 'string' },
          status: { type: 'string' },
          transaction: reloadlyTransaction(document),
        },
      }),
    },
  },
  {
    provider: 'reloadly',
    reason:
      'GET /topups/{id}/status 404: the spec documents only the not-found page of a mistyped URL; an unknown transaction answers Reloadly’s error body (errorCode TRANSACTION_NOT_FOUND), which the Java SDK’s ApiException reads. Either is accepted.',
    patch: {
      at: `airtime#${reloadlyResponse('/topups/{transactionId}/status', 'get', '404')}`,
      schema: (document) => ({
        anyOf: [
          at(document, reloadlyResponse('/topups/{transactionId}/status', 'get', '404')),
          reloadlyError(document),
        ],
      }),
    },
  },
  {
    provider: 'reloadly',
    reason:
      'GET /topups/reports/transactions 200: the schema describes one transaction, the spec’s own example and the Java SDK fixture report/transaction_history_unfiltered_page.json a Spring page of them ({content, pageable, totalElements, totalPages, last, …}).',
    patch: {
      at: `airtime#${reloadlyResponse('/topups/reports/transactions', 'get', '200')}`,
      schema: (document) => ({
        type: 'object',
        required: ['content'],
        properties: {
          content: { type: 'array', items: reloadlyTransaction(document) },
          pageable: { type: 'object', additionalProperties: true },
          sort: { type: 'object', additionalProperties: true },
          totalElements: { type: 'integer' },
          totalPages: { type: 'integer' },
          last: { type: 'boolean' },
          first: { type: 'boolean' },
          number: { type: 'integer' },
          size: { type: 'integer' },
          numberOfElements: { type: 'integer' },
          empty: { type: 'boolean' },
        },
      }),
    },
  },
  {
    provider: 'reloadly',
    reason:
      'GET /operators/countries/{iso} 200: the schema is one operator, the spec’s example and the Java SDK fixture operator/operators_by_country_code_unfiltered.json an array of them.',
    patch: {
      at: `airtime#${reloadlyResponse('/operators/countries/{countrycode}', 'get', '200')}`,
      schema: (document) => ({ type: 'array', items: reloadlyOperator(document) }),
    },
  },
  {
    provider: 'reloadly',
    reason:
      'Operators: fixedAmountsDescriptions, localFixedAmountsDescriptions and suggestedAmountsMap are typed as arrays but are maps in the spec’s own example and in the Java SDK (TreeMap) and its fixtures.',
    patch: {
      at: `airtime#${reloadlyResponse('/operators/auto-detect/phone/{phone}/countries/{countryisocode}', 'get', '200')}`,
      schema: reloadlyOperator,
    },
  },
];

// ---- PayPal ---------------------------------------------------------------------------------------------------

const PAYPAL: Deviation[] = [
  {
    provider: 'paypal',
    reason:
      'POST /v1/oauth2/token (client credentials) is in none of PayPal’s published REST specifications, so there is nothing to hold it against.',
    ignore: { where: 'operation', operation: /^POST \/v1\/oauth2\/token$/, pointer: /^\/$/ },
  },
  {
    provider: 'paypal',
    reason:
      'verify-webhook-signature: transmission_sig must match ^(?!\\d+$)\\w+\\S+, but a base64 signature (PayPal’s RSA ones as much as the simulator’s HMAC) starts with + or / one time in 32; the pattern is stricter than the signatures PayPal itself sends.',
    ignore: {
      where: 'request.body',
      operation: /verify-webhook-signature/,
      pointer: /^\/transmission_sig$/,
      message: /pattern/,
    },
    mayBeUnused: true,
  },
];

// ---- Stripe ---------------------------------------------------------------------------------------------------

const STRIPE_FORM = 'application~1x-www-form-urlencoded';
const allowedTypes = (nullable: boolean) => ({
  type: 'array',
  items: { type: 'string', maxLength: 5000 },
  ...(nullable ? { nullable: true } : {}),
});
const NEWER_API =
  'stripe-node 23.1.0 (API 2026-10-28.endive, OpenAPI v2596) names the payment method types a PaymentIntent or SetupIntent may use allowed_payment_method_types (its types: PaymentIntentCreateParams, PaymentIntent.allowed_payment_method_types: Array | null); the newest Stripe spec SimFill could read (v524, API 2023-08-16) predates it. The SDK is followed';

const STRIPE: Deviation[] = [
  {
    provider: 'stripe',
    reason: `${NEWER_API}: PaymentIntent.`,
    patch: {
      at: 'stripe#/components/schemas/payment_intent/properties/allowed_payment_method_types',
      schema: allowedTypes(true),
    },
  },
  {
    provider: 'stripe',
    reason: `${NEWER_API}: SetupIntent.`,
    patch: {
      at: 'stripe#/components/schemas/setup_intent/properties/allowed_payment_method_types',
      schema: allowedTypes(true),
    },
  },
  {
    provider: 'stripe',
    reason: `${NEWER_API}: create a PaymentIntent.`,
    patch: {
      at: `stripe#/paths/~1v1~1payment_intents/post/requestBody/content/${STRIPE_FORM}/schema/properties/allowed_payment_method_types`,
      schema: allowedTypes(false),
    },
  },
  {
    provider: 'stripe',
    reason: `${NEWER_API}: create a SetupIntent.`,
    patch: {
      at: `stripe#/paths/~1v1~1setup_intents/post/requestBody/content/${STRIPE_FORM}/schema/properties/allowed_payment_method_types`,
      schema: allowedTypes(false),
    },
  },
];

export const ALLOWED_DEVIATIONS: Deviation[] = [...STRIPE, ...PAYPAL, ...RELOADLY];
