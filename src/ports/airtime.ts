/**
 * The one interface every airtime provider adapter implements (src/adapters/reloadly). Amounts are integer
 * minor units of the provider account's currency (USD here) unless named `local…`; the provider de-duplicates
 * top-ups on `customIdentifier`, which SimFill derives from the order, so a retry can never top up twice.
 */

export type AirtimeProductKind =
  /** Money added to the line's balance (fixed denominations or any amount in a range). */
  | 'airtime'
  /** A plan or bundle renewal: "$40 · 30 days · 10 GB". */
  | 'bundle'
  /** A data add-on extending the current plan. */
  | 'data'
  /** A refill card code (PIN) the customer redeems with the carrier. */
  | 'pin';

export interface AirtimeDenomination {
  /** What the provider charges the operator's account, in its currency. */
  amountMinor: number;
  /** What the line receives, in the destination currency (equal to `amountMinor` for US lines). */
  localAmountMinor: number;
  /** The provider's own words for it ("T-Mobile $40 Unlimited 30 Days"), when it has any. */
  description: string | undefined;
}

export interface AirtimeOperator {
  providerOperatorId: string;
  name: string;
  countryIso: string;
  kind: AirtimeProductKind;
  /** `fixed`: only `denominations`; `range`: any amount from `minAmountMinor` to `maxAmountMinor`. */
  denominationType: 'fixed' | 'range';
  denominations: AirtimeDenomination[];
  minAmountMinor: number | undefined;
  maxAmountMinor: number | undefined;
  /** The provider account's currency (what SimFill pays) and the line's currency. */
  currency: string;
  localCurrency: string;
  /**
   * The provider can take the amount in the line's currency and deliver exactly that (Reloadly's
   * `supportsLocalAmounts` / `useLocalAmount`); then `localMin…`/`localMax…` bound a ranged amount.
   */
  supportsLocalAmounts: boolean;
  localMinAmountMinor: number | undefined;
  localMaxAmountMinor: number | undefined;
  /** Units of `localCurrency` per one unit of `currency` (the provider's rate), a decimal string. */
  fxRate: string | undefined;
  /** The provider's discount to the operator, in basis points of the amount (its commission). */
  discountBps: number;
  logoUrl: string | undefined;
}

export type AirtimeTransactionStatus = 'processing' | 'successful' | 'failed' | 'refunded';

export interface AirtimeTransaction {
  providerTransactionId: string;
  customIdentifier: string;
  status: AirtimeTransactionStatus;
  recipientE164: string;
  providerOperatorId: string;
  /** Requested (what the operator's account paid, before discount) and delivered (what the line got). */
  requestedAmountMinor: number;
  requestedCurrency: string;
  deliveredAmountMinor: number;
  deliveredCurrency: string;
  /** The provider's discount on this transaction: the operator paid `requested − discount`. */
  discountMinor: number;
  at: Date;
  /**
   * The balance of SimFill's own account at the provider (the float) before and after this transaction, when
   * the provider reports it (Reloadly's `balanceInfo`). Never the line's balance: carriers do not report that
   * through the provider, so SimFill does not know it.
   */
  accountBalance: { beforeMinor: number; afterMinor: number; currency: string; at: Date } | undefined;
  /** A refill card: the code to redeem and how. */
  pin:
    | { code: string; serial: string | undefined; instructions: string[]; validity: string | undefined }
    | undefined;
  failureCode: string | undefined;
}

export interface TopUpRequest {
  /** Unique for ever at the provider; derived from SimFill's order. */
  customIdentifier: string;
  providerOperatorId: string;
  /** In the provider account's currency, or, with `localCurrency`, in the line's (delivered exactly). */
  amountMinor: number;
  /** Set: `amountMinor` is in this currency, the line's, and the provider converts (useLocalAmount). */
  localCurrency?: string | undefined;
  recipientE164: string;
  countryIso: string;
}

/** Why a call failed. `unknown`: the request may have reached the provider; ask its status before retrying. */
export type AirtimeErrorKind =
  | 'rejected'
  | 'recently_recharged'
  | 'insufficient_float'
  | 'operator_unavailable'
  | 'duplicate'
  | 'not_found'
  | 'authentication'
  | 'unavailable'
  | 'unknown';

export class AirtimeProviderError extends Error {
  constructor(
    readonly kind: AirtimeErrorKind,
    /** The provider's code: `INVALID_RECIPIENT_PHONE`, `PHONE_RECENTLY_RECHARGED`, … */
    readonly providerCode: string,
    message: string,
  ) {
    super(message);
    this.name = 'AirtimeProviderError';
  }
}

export interface AirtimeProvider {
  readonly name: string;
  listOperators(countryIso: string): Promise<AirtimeOperator[]>;
  /** The airtime operator a number belongs to, or undefined when the provider cannot tell. */
  detectOperator(e164: string, countryIso: string): Promise<string | undefined>;
  topUp(request: TopUpRequest): Promise<AirtimeTransaction>;
  transactionStatus(providerTransactionId: string): Promise<AirtimeTransaction>;
  /** The provider's record of a `customIdentifier`, or undefined when it never received it. */
  findTransaction(customIdentifier: string, around: Date): Promise<AirtimeTransaction | undefined>;
  /** The provider's transaction report, a page at a time (`page` from 1); `pages` when the provider says. */
  transactions(range: { from: Date; to: Date; page: number; size: number }): Promise<{
    transactions: AirtimeTransaction[];
    hasMore: boolean;
    pages: number | undefined;
  }>;
  /** The operator's prepaid float at the provider. */
  balance(): Promise<{ amountMinor: number; currency: string }>;
}
