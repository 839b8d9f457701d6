import { z } from 'zod';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import {
  AirtimeProviderError,
  type AirtimeErrorKind,
  type AirtimeOperator,
  type AirtimeProvider,
  type AirtimeTransaction,
  type AirtimeTransactionStatus,
} from '../../ports/airtime.js';
import { isCurrencyCode, isRate, minorUnitDigits } from '../../kernel/money.js';

/**
 * The Reloadly Airtime API client (https://developers.reloadly.com): OAuth2 client credentials for the topups
 * audience, `Accept: application/com.reloadly.topups-v1+json` on every call, responses validated with zod,
 * Reloadly's `errorCode`s mapped onto SimFill's vocabulary. A top-up whose answer is lost (timeout, 5xx) is
 * `unknown`: the caller asks the report for its `customIdentifier` before sending anything again.
 */

export const RELOADLY_ACCEPT = 'application/com.reloadly.topups-v1+json';

export interface ReloadlyOptions {
  clientId: string;
  clientSecret: string;
  /** `https://auth.reloadly.com` */
  authUrl: string;
  /** `https://topups.reloadly.com` (or the sandbox, or the simulator) */
  apiBase: string;
  /** The token's audience: `https://topups.reloadly.com` or `https://topups-sandbox.reloadly.com`. */
  audience: string;
  timeoutMs: number;
  /** Shown in SimFill (provider name on deliveries and the float). */
  name?: string;
}

const money = z.number();
/**
 * Digits Reloadly sends as a JSON string in one place and a number in another: the top-up answer's spec example
 * has `recipientPhone: 447951631337` and `pinDetail.code: 773709733097662`, the status answer and the Java SDK's
 * fixtures have strings. A number past 2^53 has already lost digits in JSON.parse, and a wrong PIN is worse than
 * none, so such a value is refused (the top-up's outcome then counts as unknown and is asked for again).
 */
const digits = z.union([
  z.string(),
  z
    .number()
    .refine(Number.isSafeInteger, { message: 'a number too long to keep every digit' })
    .transform(String),
]);
const text = z.union([z.string(), z.number().transform(String)]);
const reloadlyDate = z.string().transform((text) => new Date(`${text.replace(' ', 'T')}Z`));

const operatorSchema = z.object({
  operatorId: z.number(),
  name: z.string(),
  bundle: z.boolean(),
  data: z.boolean(),
  pin: z.boolean(),
  supportsLocalAmounts: z.boolean().nullish(),
  denominationType: z.enum(['RANGE', 'FIXED']),
  senderCurrencyCode: z.string(),
  destinationCurrencyCode: z.string(),
  internationalDiscount: z.number().nullish(),
  minAmount: money.nullish(),
  maxAmount: money.nullish(),
  localMinAmount: money.nullish(),
  localMaxAmount: money.nullish(),
  country: z.object({ isoName: z.string() }),
  fx: z.object({ rate: z.number() }).nullish(),
  logoUrls: z.array(z.string()).nullish(),
  fixedAmounts: z.array(money).nullish(),
  fixedAmountsDescriptions: z.record(z.string(), z.string()).nullish(),
  localFixedAmounts: z.array(money).nullish(),
});

const transactionSchema = z.object({
  transactionId: z.number(),
  status: z.enum(['PROCESSING', 'SUCCESSFUL', 'FAILED', 'REFUNDED']).default('SUCCESSFUL'),
  customIdentifier: z.string().nullish(),
  recipientPhone: digits.nullish(),
  countryCode: z.string().nullish(),
  operatorId: z.number(),
  discount: money.nullish(),
  requestedAmount: money,
  requestedAmountCurrencyCode: z.string(),
  deliveredAmount: money,
  deliveredAmountCurrencyCode: z.string(),
  transactionDate: reloadlyDate,
  // The spec names one `info`; the SDK (and its fixtures) read `info1`–`info3`: both are kept, in that order.
  pinDetail: z
    .object({
      serial: digits.nullish(),
      info: text.nullish(),
      info1: text.nullish(),
      info2: text.nullish(),
      info3: text.nullish(),
      value: text.nullish(),
      code: digits,
      ivr: text.nullish(),
      validity: text.nullish(),
    })
    .nullish(),
  // The sender's (SimFill's) Reloadly account before and after this top-up, not the line's balance.
  balanceInfo: z
    .object({ oldBalance: money, newBalance: money, currencyCode: z.string(), updatedAt: reloadlyDate })
    .nullish(),
});

const errorSchema = z.object({ errorCode: z.string().nullish(), message: z.string().nullish() });

const ERROR_KINDS: Record<string, AirtimeErrorKind> = {
  PHONE_RECENTLY_RECHARGED: 'recently_recharged',
  INSUFFICIENT_BALANCE: 'insufficient_float',
  OPERATOR_UNAVAILABLE_OR_CURRENTLY_INACTIVE: 'operator_unavailable',
  OPERATOR_NOT_IN_SERVICE: 'operator_unavailable',
  TRANSACTION_CANNOT_BE_PROCESSED_AT_THE_MOMENT: 'operator_unavailable',
  CUSTOM_IDENTIFIER_ALREADY_USED: 'duplicate',
  INVALID_CREDENTIALS: 'authentication',
  INACTIVE_ACCOUNT: 'authentication',
  TOKEN_EXPIRED: 'authentication',
  COULD_NOT_AUTO_DETECT_OPERATOR: 'not_found',
};

const toMinor = (amount: number) => Math.round(amount * 100);

/** An amount in `currency`'s minor unit (CNY fen, JPY yen): Reloadly sends major units as JSON numbers. */
function toMinorOf(amount: number, currency: string): number {
  return Math.round(amount * 10 ** minorDigitsOr2(currency));
}

function minorDigitsOr2(currency: string): number {
  return isCurrencyCode(currency) ? minorUnitDigits(currency) : 2;
}

/** Reloadly's `fx.rate` as SimFill's decimal string; one that cannot be written exactly is no rate. */
function rateOf(rate: number | undefined): string | undefined {
  if (rate === undefined) return undefined;
  const text = String(rate);
  return isRate(text) ? text : undefined;
}

const optionalMinor = (amount: number | null | undefined, currency: string) =>
  amount === null || amount === undefined ? undefined : toMinorOf(amount, currency);

function mapOperator(raw: z.infer<typeof operatorSchema>): AirtimeOperator {
  const fx = raw.fx?.rate ?? 1;
  const descriptions = raw.fixedAmountsDescriptions ?? {};
  const local = raw.destinationCurrencyCode;
  const localFixed = raw.localFixedAmounts ?? [];
  return {
    providerOperatorId: String(raw.operatorId),
    name: raw.name,
    countryIso: raw.country.isoName,
    kind: raw.pin ? 'pin' : raw.bundle ? 'bundle' : raw.data ? 'data' : 'airtime',
    denominationType: raw.denominationType === 'RANGE' ? 'range' : 'fixed',
    denominations: (raw.fixedAmounts ?? []).map((amount, index) => ({
      amountMinor: toMinor(amount),
      localAmountMinor: toMinorOf(localFixed[index] ?? amount * fx, local),
      description: descriptions[amount.toFixed(2)] ?? descriptions[String(amount)],
    })),
    minAmountMinor:
      raw.minAmount === null || raw.minAmount === undefined ? undefined : toMinor(raw.minAmount),
    maxAmountMinor:
      raw.maxAmount === null || raw.maxAmount === undefined ? undefined : toMinor(raw.maxAmount),
    currency: raw.senderCurrencyCode,
    localCurrency: local,
    supportsLocalAmounts: raw.supportsLocalAmounts ?? false,
    localMinAmountMinor: optionalMinor(raw.localMinAmount, local),
    localMaxAmountMinor: optionalMinor(raw.localMaxAmount, local),
    fxRate: rateOf(raw.fx?.rate),
    discountBps: Math.round((raw.internationalDiscount ?? 0) * 100),
    logoUrl: raw.logoUrls?.[0],
  };
}

function mapTransaction(raw: z.infer<typeof transactionSchema>): AirtimeTransaction {
  const pin = raw.pinDetail;
  return {
    providerTransactionId: String(raw.transactionId),
    customIdentifier: raw.customIdentifier ?? '',
    status: raw.status.toLowerCase() as AirtimeTransactionStatus,
    recipientE164: raw.recipientPhone ? `+${raw.recipientPhone.replace(/^\+/, '')}` : '',
    providerOperatorId: String(raw.operatorId),
    requestedAmountMinor: toMinor(raw.requestedAmount),
    requestedCurrency: raw.requestedAmountCurrencyCode,
    deliveredAmountMinor: toMinorOf(raw.deliveredAmount, raw.deliveredAmountCurrencyCode),
    deliveredCurrency: raw.deliveredAmountCurrencyCode,
    discountMinor: toMinor(raw.discount ?? 0),
    at: raw.transactionDate,
    accountBalance: raw.balanceInfo
      ? {
          beforeMinor: toMinor(raw.balanceInfo.oldBalance),
          afterMinor: toMinor(raw.balanceInfo.newBalance),
          currency: raw.balanceInfo.currencyCode,
          at: raw.balanceInfo.updatedAt,
        }
      : undefined,
    pin: pin
      ? {
          code: pin.code,
          serial: pin.serial ?? undefined,
          instructions: [
            ...new Set(
              [pin.info, pin.info1, pin.info2, pin.info3].filter((line): line is string => Boolean(line)),
            ),
          ],
          validity: pin.validity ?? undefined,
        }
      : undefined,
    failureCode: raw.status === 'FAILED' ? 'TOPUP_TRANSACTION_FAILED' : undefined,
  };
}

/** A local amount in major units, as Reloadly takes it (5000 CNY fen → 50). */
function localAmountOf(amountMinor: number, currency: string): number {
  return amountMinor / 10 ** minorDigitsOr2(currency);
}

const reportDate = (date: Date) => date.toISOString().slice(0, 19).replace('T', ' ');

export function createReloadlyProvider(options: ReloadlyOptions): AirtimeProvider {
  let token: { value: string; expiresAt: number } | undefined;

  async function send(url: string, init: RequestInit, writes: boolean): Promise<Response> {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(options.timeoutMs) });
    } catch (error) {
      // No answer: for a top-up the provider may have done it; for a read nothing happened.
      throw new AirtimeProviderError(writes ? 'unknown' : 'unavailable', 'NO_RESPONSE', String(error));
    }
  }

  async function accessToken(): Promise<string> {
    if (token && token.expiresAt > Date.now() + 60_000) return token.value;
    const response = await send(
      `${options.authUrl}/oauth/token`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({
          client_id: options.clientId,
          client_secret: options.clientSecret,
          grant_type: 'client_credentials',
          audience: options.audience,
        }),
      },
      false,
    );
    if (!response.ok) throw await failure(response, false);
    const body = z.object({ access_token: z.string(), expires_in: z.number() }).parse(await response.json());
    token = { value: body.access_token, expiresAt: Date.now() + body.expires_in * 1000 };
    return token.value;
  }

  async function failure(response: Response, writes: boolean): Promise<AirtimeProviderError> {
    const parsed = errorSchema.safeParse(await response.json().catch(() => ({})));
    const code = (parsed.success ? parsed.data.errorCode : undefined) ?? `HTTP_${response.status}`;
    const message = (parsed.success ? parsed.data.message : undefined) ?? response.statusText;
    if (response.status >= 500)
      return new AirtimeProviderError(writes ? 'unknown' : 'unavailable', code, message);
    if (response.status === 401) return new AirtimeProviderError('authentication', code, message);
    return new AirtimeProviderError(
      ERROR_KINDS[code] ?? (response.status === 404 ? 'not_found' : 'rejected'),
      code,
      message,
    );
  }

  async function call<T>(
    path: string,
    schema: z.ZodType<T>,
    init: { method?: string; body?: unknown } = {},
  ): Promise<T> {
    const writes = init.method === 'POST' && path.startsWith('/topups');
    for (let attempt = 0; ; attempt += 1) {
      const response = await send(
        `${options.apiBase}${path}`,
        {
          method: init.method ?? 'GET',
          headers: {
            authorization: `Bearer ${await accessToken()}`,
            accept: RELOADLY_ACCEPT,
            ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: init.body === undefined ? undefined : JSON.stringify(init.body),
        },
        writes,
      );
      if (response.status === 401 && attempt === 0) {
        token = undefined; // expired or revoked: one fresh token, then the real answer
        continue;
      }
      if (!response.ok) throw await failure(response, writes);
      const parsed = schema.safeParse(await response.json());
      if (!parsed.success) {
        throw new AirtimeProviderError(
          writes ? 'unknown' : 'unavailable',
          'UNEXPECTED_RESPONSE',
          parsed.error.message,
        );
      }
      return parsed.data;
    }
  }

  const reportPage = z.object({
    content: z.array(transactionSchema),
    totalPages: z.number().optional(),
    last: z.boolean().optional(),
  });

  return {
    name: options.name ?? 'reloadly',
    async listOperators(countryIso) {
      const operators = await call(
        `/operators/countries/${encodeURIComponent(countryIso)}?includeBundles=true&includeData=true&includePin=true`,
        z.array(operatorSchema),
      );
      // Reloadly's operators carry no status: one that is down still lists, and its top-ups are refused with
      // OPERATOR_UNAVAILABLE_OR_CURRENTLY_INACTIVE (provisioning handles that).
      return operators.map(mapOperator);
    },
    async detectOperator(e164, countryIso) {
      const digits = e164.replace(/^\+/, '');
      try {
        const operator = await call(
          `/operators/auto-detect/phone/${digits}/countries/${encodeURIComponent(countryIso)}`,
          operatorSchema,
        );
        return String(operator.operatorId);
      } catch (error) {
        if (error instanceof AirtimeProviderError && error.kind === 'not_found') return undefined;
        throw error;
      }
    },
    async topUp(request) {
      const national = parsePhoneNumberFromString(request.recipientE164);
      const transaction = await call('/topups', transactionSchema, {
        method: 'POST',
        body: {
          operatorId: Number(request.providerOperatorId),
          // With useLocalAmount Reloadly takes the amount in the operator's currency and delivers exactly that
          // (only for operators with supportsLocalAmounts); without it, in the account's currency.
          amount: request.localCurrency
            ? localAmountOf(request.amountMinor, request.localCurrency)
            : request.amountMinor / 100,
          useLocalAmount: request.localCurrency !== undefined,
          customIdentifier: request.customIdentifier,
          recipientPhone: {
            countryCode: request.countryIso,
            number: national
              ? `${national.countryCallingCode}${national.nationalNumber}`
              : request.recipientE164,
          },
        },
      });
      return {
        ...mapTransaction(transaction),
        customIdentifier: transaction.customIdentifier ?? request.customIdentifier,
      };
    },
    async transactionStatus(providerTransactionId) {
      const status = await call(
        `/topups/${encodeURIComponent(providerTransactionId)}/status`,
        z.object({ status: z.string(), transaction: transactionSchema }),
      );
      return mapTransaction(status.transaction);
    },
    async findTransaction(customIdentifier, around) {
      const from = new Date(around.getTime() - 86_400_000);
      const to = new Date(around.getTime() + 86_400_000);
      const page = await call(
        `/topups/reports/transactions?page=1&size=20&customIdentifier=${encodeURIComponent(customIdentifier)}` +
          `&startDate=${encodeURIComponent(reportDate(from))}&endDate=${encodeURIComponent(reportDate(to))}`,
        reportPage,
      );
      const found = page.content.map(mapTransaction).filter((t) => t.customIdentifier === customIdentifier);
      return found.find((t) => t.status === 'successful') ?? found[0];
    },
    async transactions(range) {
      const page = await call(
        `/topups/reports/transactions?page=${range.page}&size=${range.size}` +
          `&startDate=${encodeURIComponent(reportDate(range.from))}&endDate=${encodeURIComponent(reportDate(range.to))}`,
        reportPage,
      );
      return {
        transactions: page.content.map(mapTransaction),
        hasMore: page.last === undefined ? page.content.length === range.size : !page.last,
        pages: page.totalPages,
      };
    },
    async balance() {
      const body = await call(
        '/accounts/balance',
        z.object({ balance: z.number(), currencyCode: z.string() }),
      );
      return { amountMinor: toMinor(body.balance), currency: body.currencyCode };
    },
  };
}
