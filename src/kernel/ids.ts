import { TypeID, typeid } from 'typeid-js';

/**
 * Prefixed, sortable, unguessable ids (`plan_01jz…`): a TypeID is a UUIDv7 (48-bit millisecond time +
 * 74 random bits) in Crockford base32 behind a type prefix, so ids sort by creation time and cannot be
 * enumerated.
 */
export const ID_PREFIXES = {
  carrier: 'car',
  plan: 'plan',
  request: 'req',
  job: 'job',
  email: 'eml',
  devMessage: 'msg',
  customer: 'cus',
  staff: 'stf',
  session: 'ses',
  token: 'tok',
  apiKey: 'key',
  auditEvent: 'aud',
  ledgerAccount: 'acct',
  ledgerTransfer: 'txn',
  fxRate: 'fxr',
  quote: 'quo',
  order: 'ord',
  payment: 'pay',
  refund: 're',
  providerEvent: 'pev',
  operator: 'opr',
  topUpProduct: 'prod',
  line: 'line',
  delivery: 'dlv',
  deliveryEvent: 'dle',
  floatReading: 'flt',
  reconciliation: 'rec',
  mismatch: 'mis',
  esim: 'esim',
  esimOrder: 'esor',
  esimEvent: 'esev',
  esimPackage: 'espk',
} as const;

export type IdKind = keyof typeof ID_PREFIXES;
export type IdPrefix = (typeof ID_PREFIXES)[IdKind];

export function newId(kind: IdKind): string {
  return typeid(ID_PREFIXES[kind]).toString();
}

/** True when `value` is a well-formed id of the given kind (prefix and 26-char suffix). */
export function isId(kind: IdKind, value: string): boolean {
  try {
    return TypeID.fromString(value).getType() === ID_PREFIXES[kind];
  } catch {
    return false;
  }
}
