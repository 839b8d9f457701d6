import { randomBytes, timingSafeEqual } from 'node:crypto';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { systemClock, type Clock } from '../../kernel/clock.js';
import type { SimAnswer } from '../kit/answers.js';
import { Router, type RouteParams } from '../kit/router.js';
import { startSimulatorServer, type SimRequest } from '../kit/server.js';
import { detectOperatorId, isAirtime, SIM_OPERATORS, type SimOperator } from './catalog.js';
import { ReloadlyFaults } from './faults.js';

export { ReloadlyFaults } from './faults.js';

/**
 * A Reloadly Airtime API simulator on loopback: the OAuth2 client-credentials token (with audience), the
 * `application/com.reloadly.topups-v1+json` API (operators, auto-detect, fx-rate, top-ups sync and async,
 * status, the transactions report, the account balance), Reloadly's error body and codes, and a carrier behind
 * it that keeps each number's balance, plan and expiry so a top-up really changes the line. Fault switches make
 * it slow, fail, hang, answer PROCESSING for a while, or report a success twice. Built on the simulator kit
 * (`../kit`): its control API is under `/_simulator/` (plus the older `/__sim/…` paths), not Reloadly's.
 */

export const RELOADLY_ACCEPT = 'application/com.reloadly.topups-v1+json';
export const RELOADLY_AUDIENCE = 'https://topups.reloadly.com';
const RECENT_RECHARGE_MS = 2 * 60_000;

export interface SimLine {
  phone: string;
  operatorId: number;
  balanceMinor: number;
  plan: { name: string; dataMb: number | null; expiresAt: Date } | null;
  extraDataMb: number;
}

export interface SimTransaction {
  transactionId: number;
  status: 'PROCESSING' | 'SUCCESSFUL' | 'FAILED' | 'REFUNDED';
  customIdentifier: string;
  operatorId: number;
  phone: string;
  countryCode: string;
  requestedAmount: number;
  deliveredAmount: number;
  discount: number;
  at: Date;
  /** When a PROCESSING transaction settles, and how. */
  settlesAt: Date | null;
  settlesAs: 'SUCCESSFUL' | 'FAILED';
  /** The sender's account (the reseller's float) before and after this top-up's cost, in US dollars. */
  balance: { oldBalance: number; newBalance: number } | null;
  pin: { serial: string; code: string } | null;
  applied: boolean;
}

export interface ReloadlySimulator {
  baseUrl: string;
  faults: ReloadlyFaults;
  /** What the carrier knows about a number (created on first sight). */
  line(phoneE164: string): SimLine | undefined;
  /** Pins the operator a number belongs to (detection and top-ups follow it). */
  assignNumber(phoneE164: string, operatorId: number): void;
  /** An inactive operator still lists (Reloadly's operators have no status); its top-ups are refused. */
  setOperatorActive(operatorId: number, active: boolean): void;
  floatMinor(): number;
  setFloatMinor(amountMinor: number): void;
  transactions(): SimTransaction[];
  /** POST /topups and /topups-async requests received (to prove a retry never sent twice). */
  topUpRequests(): number;
  /** Reverses a successful transaction at the carrier (REFUNDED, float back). */
  refund(transactionId: number): void;
  close(): Promise<void>;
}

export interface ReloadlySimulatorOptions {
  host?: string;
  port?: number;
  clientId: string;
  clientSecret: string;
  /** Tokens are issued for this audience only. */
  audience?: string;
  tokenTtlSeconds?: number;
  clock?: Clock;
  /** The operator's prepaid balance at Reloadly, in US cents. */
  floatMinor?: number;
  /**
   * How long a number is refused after a top-up (`PHONE_RECENTLY_RECHARGED`): Reloadly's 2 minutes by default.
   * A load test that tops up each of a few numbers many times a minute sets 0; it measures SimFill, not the rule.
   */
  recentRechargeMs?: number;
}

interface Reply {
  status: number;
  body: unknown;
}

const cents = (amount: number) => Math.round(amount * 100);
const dollars = (minor: number) => Math.round(minor) / 100;
const reloadlyDate = (date: Date) => date.toISOString().slice(0, 19).replace('T', ' ');

function errorReply(status: number, errorCode: string, message: string, path: string, clock: Clock): Reply {
  return {
    status,
    body: {
      timeStamp: reloadlyDate(clock.now()),
      message,
      path,
      errorCode,
      infoLink: null,
      details: [],
    },
  };
}

/** The prefix of the control paths this simulator had before the kit's `/_simulator/`. */
const LEGACY_CONTROL_PREFIX = '/__sim';

/** Bodies are JSON objects; anything else reads as `{}`, as Reloadly's gateway is lenient. */
function bodyOf(request: SimRequest): Record<string, unknown> {
  try {
    return request.rawBody ? (JSON.parse(request.rawBody) as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** As Reloadly's spec documents: the auth server answers JSON, the API its media type (errors too). */
function reloadlyAnswer(reply: Reply, path: string): SimAnswer {
  if (reply.status === 204) return { status: 204, body: '' };
  return {
    status: reply.status,
    headers: { 'content-type': path === '/oauth/token' ? 'application/json' : RELOADLY_ACCEPT },
    body: JSON.stringify(reply.body),
  };
}

export async function startReloadlySimulator(options: ReloadlySimulatorOptions): Promise<ReloadlySimulator> {
  const clock = options.clock ?? systemClock;
  const audience = options.audience ?? RELOADLY_AUDIENCE;
  const tokens = new Map<string, Date>();
  const lines = new Map<string, SimLine>();
  const assigned = new Map<string, number>();
  const inactive = new Set<number>();
  const transactions: SimTransaction[] = [];
  const byIdentifier = new Map<string, SimTransaction>();
  const recent = new Map<string, Date>();
  let float = options.floatMinor ?? 1_000_000;
  let nextId = 1000;
  let topUpRequests = 0;
  const faults = new ReloadlyFaults();

  const operatorById = (id: number) => SIM_OPERATORS.find((operator) => operator.operatorId === id);

  function lineOf(phone: string, operator: SimOperator): SimLine {
    let line = lines.get(phone);
    if (!line) {
      const airtimeOperator =
        assigned.get(phone) ??
        SIM_OPERATORS.find((o) => o.carrier === operator.carrier && isAirtime(o))?.operatorId ??
        operator.operatorId;
      // A starting balance that differs per number, so a change is visible.
      line = {
        phone,
        operatorId: airtimeOperator,
        balanceMinor: 100 + (Number(phone.slice(-2)) % 50) * 10,
        plan: null,
        extraDataMb: 0,
      };
      lines.set(phone, line);
    }
    return line;
  }

  function parseRecipient(raw: unknown): { e164: string; national: string; countryIso: string } | undefined {
    const recipient = raw as { countryCode?: unknown; number?: unknown } | undefined;
    if (typeof recipient?.number !== 'string' || typeof recipient.countryCode !== 'string') return undefined;
    const digits = recipient.number.replace(/^\+/, '');
    const parsed = parsePhoneNumberFromString(`+${digits}`);
    if (!parsed?.isValid() || parsed.country !== recipient.countryCode.toUpperCase()) return undefined;
    return { e164: parsed.number, national: parsed.nationalNumber, countryIso: parsed.country };
  }

  /** Settles PROCESSING transactions whose time has come (on every read, against the simulator clock). */
  function settleDue(): void {
    const now = clock.now();
    for (const transaction of transactions) {
      if (transaction.status !== 'PROCESSING' || !transaction.settlesAt || transaction.settlesAt > now)
        continue;
      transaction.status = transaction.settlesAs;
      if (transaction.status === 'SUCCESSFUL') applyToCarrier(transaction);
      else float += cents(transaction.requestedAmount - transaction.discount);
    }
  }

  function applyToCarrier(transaction: SimTransaction): void {
    if (transaction.applied) return;
    transaction.applied = true;
    const operator = operatorById(transaction.operatorId)!;
    const line = lineOf(transaction.phone, operator);
    const amountMinor = cents(transaction.requestedAmount);
    const denomination = operator.fixed.find((entry) => cents(entry.amount) === amountMinor);
    if (operator.pin) {
      transaction.pin = { serial: String(transaction.transactionId).padStart(10, '0'), code: pinCode() };
    } else if (operator.bundle && denomination?.validityDays) {
      line.plan = {
        name: denomination.description,
        dataMb: denomination.dataMb ?? null,
        expiresAt: new Date(clock.now().getTime() + denomination.validityDays * 86_400_000),
      };
    } else if (operator.data) {
      line.extraDataMb += denomination?.dataMb ?? 0;
    } else {
      line.balanceMinor += cents(transaction.deliveredAmount);
    }
  }

  function transactionView(transaction: SimTransaction) {
    const operator = operatorById(transaction.operatorId)!;
    return {
      transactionId: transaction.transactionId,
      status: transaction.status,
      operatorTransactionId: transaction.status === 'SUCCESSFUL' ? `OP${transaction.transactionId}` : null,
      customIdentifier: transaction.customIdentifier,
      recipientPhone: transaction.phone.replace('+', ''),
      recipientEmail: null,
      senderPhone: null,
      countryCode: transaction.countryCode,
      operatorId: transaction.operatorId,
      operatorName: operator.name,
      discount: transaction.discount,
      discountCurrencyCode: 'USD',
      requestedAmount: transaction.requestedAmount,
      requestedAmountCurrencyCode: 'USD',
      deliveredAmount: transaction.deliveredAmount,
      deliveredAmountCurrencyCode: operator.destinationCurrencyCode,
      transactionDate: reloadlyDate(transaction.at),
      pinDetail: transaction.pin
        ? {
            serial: transaction.pin.serial,
            info1: 'Dial *233 from your phone, or call 611, and enter the PIN.',
            info2: 'The refill adds its value to the account balance.',
            info3: null,
            value: null,
            code: transaction.pin.code,
            ivr: '1-877-778-2106',
            validity: '12 months',
          }
        : null,
      // The sender's account, as in the Java SDK's fixtures: debited by the cost (amount − discount), in the
      // account's currency — never the line's balance, which Reloadly does not report.
      balanceInfo: transaction.balance
        ? {
            oldBalance: transaction.balance.oldBalance,
            newBalance: transaction.balance.newBalance,
            currencyCode: 'USD',
            currencyName: 'US Dollar',
            updatedAt: reloadlyDate(transaction.at),
          }
        : null,
    };
  }

  function operatorView(operator: SimOperator) {
    const descriptions = Object.fromEntries(
      operator.fixed.map((entry) => [entry.amount.toFixed(2), entry.description]),
    );
    return {
      id: operator.operatorId,
      operatorId: operator.operatorId,
      name: operator.name,
      bundle: operator.bundle,
      data: operator.data,
      pin: operator.pin,
      supportsLocalAmounts: false,
      denominationType: operator.denominationType,
      senderCurrencyCode: 'USD',
      senderCurrencySymbol: '$',
      destinationCurrencyCode: operator.destinationCurrencyCode,
      destinationCurrencySymbol: operator.destinationCurrencyCode === 'USD' ? '$' : '¥',
      commission: operator.internationalDiscount,
      internationalDiscount: operator.internationalDiscount,
      localDiscount: 0,
      mostPopularAmount: operator.fixed[0]?.amount ?? operator.minAmount,
      minAmount: operator.minAmount,
      maxAmount: operator.maxAmount,
      localMinAmount: operator.minAmount === null ? null : operator.minAmount * operator.fxRate,
      localMaxAmount: operator.maxAmount === null ? null : operator.maxAmount * operator.fxRate,
      country: {
        isoName: operator.countryIso,
        name: operator.countryIso === 'US' ? 'United States' : 'China',
      },
      fx: { rate: operator.fxRate, currencyCode: operator.destinationCurrencyCode },
      logoUrls: [`https://s3.amazonaws.com/rld-operator/simulated-${operator.operatorId}-1.png`],
      fixedAmounts: operator.fixed.map((entry) => entry.amount),
      fixedAmountsDescriptions: descriptions,
      localFixedAmounts: operator.fixed.map((entry) => entry.amount * operator.fxRate),
      localFixedAmountsDescriptions: descriptions,
      suggestedAmounts: [],
      suggestedAmountsMap: {},
      promotions: [],
    };
  }

  function topUp(body: Record<string, unknown>, path: string, async: boolean): Reply | 'hang' {
    topUpRequests += 1;
    const customIdentifier = typeof body.customIdentifier === 'string' ? body.customIdentifier : undefined;
    const operator = operatorById(Number(body.operatorId));
    const amount = Number(body.amount);
    if (!operator) return errorReply(404, 'OPERATOR_NOT_FOUND', 'Operator not found', path, clock);
    if (!customIdentifier)
      return errorReply(400, 'INVALID_CUSTOM_IDENTIFIER', 'customIdentifier is required', path, clock);
    if (byIdentifier.has(customIdentifier)) {
      return errorReply(
        400,
        'CUSTOM_IDENTIFIER_ALREADY_USED',
        'The custom identifier has already been used',
        path,
        clock,
      );
    }
    const recipient = parseRecipient(body.recipientPhone);
    if (!recipient || recipient.countryIso !== operator.countryIso) {
      return errorReply(400, 'INVALID_RECIPIENT_PHONE', 'Invalid recipient phone number', path, clock);
    }
    if (inactive.has(operator.operatorId)) {
      return errorReply(
        400,
        'OPERATOR_UNAVAILABLE_OR_CURRENTLY_INACTIVE',
        'The operator is currently unavailable',
        path,
        clock,
      );
    }
    const validAmount =
      operator.denominationType === 'RANGE'
        ? amount >= operator.minAmount! && amount <= operator.maxAmount!
        : operator.fixed.some((entry) => cents(entry.amount) === cents(amount));
    if (!Number.isFinite(amount) || !validAmount) {
      return errorReply(
        400,
        'INVALID_AMOUNT_FOR_OPERATOR',
        'The amount is not valid for this operator',
        path,
        clock,
      );
    }
    // Per number, whatever the amount or operator: the same number cannot be topped up again for 2 minutes.
    const last = recent.get(recipient.e164);
    if (last && clock.now().getTime() - last.getTime() < (options.recentRechargeMs ?? RECENT_RECHARGE_MS)) {
      return errorReply(
        400,
        'PHONE_RECENTLY_RECHARGED',
        'This phone number was recharged recently; try again in 2 minutes',
        path,
        clock,
      );
    }
    const discount = Math.round(amount * operator.internationalDiscount) / 100;
    const cost = cents(amount - discount);
    if (cost > float)
      return errorReply(400, 'INSUFFICIENT_BALANCE', 'Your account balance is insufficient', path, clock);
    const transaction: SimTransaction = {
      transactionId: nextId++,
      status: 'SUCCESSFUL',
      customIdentifier,
      operatorId: operator.operatorId,
      phone: recipient.e164,
      countryCode: recipient.countryIso,
      requestedAmount: amount,
      deliveredAmount: Math.round(amount * operator.fxRate * 100) / 100,
      discount,
      at: clock.now(),
      settlesAt: null,
      settlesAs: 'SUCCESSFUL',
      balance: null,
      pin: null,
      applied: false,
    };
    lineOf(recipient.e164, operator);
    transactions.push(transaction);
    byIdentifier.set(customIdentifier, transaction);
    const refusal = faults.takeRefusal();
    if (refusal !== undefined) {
      transaction.status = 'FAILED';
      return errorReply(400, refusal, 'The top-up failed at the operator', path, clock);
    }
    transaction.balance = { oldBalance: dollars(float), newBalance: dollars(float - cost) };
    float -= cost;
    recent.set(recipient.e164, clock.now());
    const processing = faults.takeProcessing();
    if (processing) {
      transaction.status = 'PROCESSING';
      transaction.settlesAt = new Date(clock.now().getTime() + processing.forMs);
      transaction.settlesAs = processing.settlesAs;
    } else {
      applyToCarrier(transaction);
    }
    if (faults.takeTopUpTimeout(true)) return 'hang';
    return {
      status: 200,
      body: async ? { transactionId: transaction.transactionId } : transactionView(transaction),
    };
  }

  function report(url: URL): Reply {
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1));
    const size = Math.min(200, Math.max(1, Number(url.searchParams.get('size') ?? 20)));
    const start = url.searchParams.get('startDate');
    const end = url.searchParams.get('endDate');
    const wanted = url.searchParams.get('customIdentifier');
    const from = start ? new Date(`${start.replace(' ', 'T')}Z`) : undefined;
    const to = end ? new Date(`${end.replace(' ', 'T')}Z`) : undefined;
    const matching = transactions.filter(
      (t) => (!wanted || t.customIdentifier === wanted) && (!from || t.at >= from) && (!to || t.at <= to),
    );
    const listed = faults.reportSuccessesTwice
      ? matching.flatMap((t) => (t.status === 'SUCCESSFUL' ? [t, t] : [t]))
      : matching;
    const content = listed.slice((page - 1) * size, page * size).map(transactionView);
    const totalPages = Math.max(1, Math.ceil(listed.length / size));
    return {
      status: 200,
      body: {
        content,
        pageable: { pageNumber: page - 1, pageSize: size },
        totalElements: listed.length,
        totalPages,
        last: page >= totalPages,
        first: page === 1,
        number: page - 1,
        size,
        numberOfElements: content.length,
        empty: content.length === 0,
      },
    };
  }

  const notFound = (path: string): Reply => ({
    status: 404,
    body: {
      timeStamp: reloadlyDate(clock.now()),
      status: 404,
      error: 'Not Found',
      message: 'No message available',
      path,
    },
  });

  function operatorsOfCountry(path: string, country: string): Reply {
    if (!/^[A-Za-z]+$/.test(country)) return notFound(path);
    const iso = country.toUpperCase();
    if (iso.length !== 2)
      return errorReply(
        404,
        'COUNTRY_NOT_SUPPORTED',
        'Country code must be 2 characters ISO-Alpha-2',
        path,
        clock,
      );
    return {
      status: 200,
      body: SIM_OPERATORS.filter((operator) => operator.countryIso === iso).map(operatorView),
    };
  }

  function autoDetect(path: string, phone: string, country: string): Reply {
    if (!/^\+?\d+$/.test(phone) || !/^[A-Za-z]+$/.test(country)) return notFound(path);
    const recipient = parseRecipient({ number: phone, countryCode: country });
    const id = recipient
      ? (assigned.get(recipient.e164) ?? detectOperatorId(recipient.national, recipient.countryIso))
      : undefined;
    const operator = id === undefined ? undefined : operatorById(id);
    if (!operator)
      return errorReply(
        404,
        'COULD_NOT_AUTO_DETECT_OPERATOR',
        'Could not detect the operator of this number',
        path,
        clock,
      );
    lineOf(recipient!.e164, operator); // the carrier has known this number all along
    return { status: 200, body: operatorView(operator) };
  }

  function topUpStatus(path: string, transactionId: string): Reply {
    if (!/^\d+$/.test(transactionId)) return notFound(path);
    const transaction = transactions.find((t) => t.transactionId === Number(transactionId));
    if (!transaction) return errorReply(404, 'TRANSACTION_NOT_FOUND', 'Transaction not found', path, clock);
    return {
      status: 200,
      body: {
        code: null,
        message: null,
        status: transaction.status,
        transaction: transactionView(transaction),
      },
    };
  }

  function fxRate(path: string, body: Record<string, unknown>): Reply {
    const operator = operatorById(Number(body.operatorId));
    if (!operator) return errorReply(404, 'OPERATOR_NOT_FOUND', 'Operator not found', path, clock);
    return {
      status: 200,
      body: {
        id: operator.operatorId,
        name: operator.name,
        fxRate: operator.fxRate * Number(body.amount ?? 1),
        currencyCode: operator.destinationCurrencyCode,
      },
    };
  }

  type ReloadlyHandler = (call: {
    url: URL;
    params: RouteParams;
    body: Record<string, unknown>;
  }) => Reply | 'hang';
  const router = new Router<ReloadlyHandler>()
    .get('/accounts/balance', () => ({
      status: 200,
      body: {
        balance: dollars(float),
        currencyCode: 'USD',
        currencyName: 'US Dollar',
        updatedAt: reloadlyDate(clock.now()),
      },
    }))
    .get('/operators', () => ({
      status: 200,
      body: { content: SIM_OPERATORS.map(operatorView), totalElements: SIM_OPERATORS.length },
    }))
    .get('/operators/countries/:country', ({ url, params }) =>
      operatorsOfCountry(url.pathname, params.country!),
    )
    .get('/operators/:id', ({ url, params }) => {
      if (!/^\d+$/.test(params.id!)) return notFound(url.pathname);
      const operator = operatorById(Number(params.id));
      return operator
        ? { status: 200, body: operatorView(operator) }
        : errorReply(404, 'OPERATOR_NOT_FOUND', 'Operator not found', url.pathname, clock);
    })
    .get('/operators/auto-detect/phone/:phone/countries/:country', ({ url, params }) =>
      autoDetect(url.pathname, params.phone!, params.country!),
    )
    .post('/operators/fx-rate', ({ url, body }) => fxRate(url.pathname, body))
    .post('/topups', ({ url, body }) => topUp(body, url.pathname, false))
    .post('/topups-async', ({ url, body }) => topUp(body, url.pathname, true))
    .get('/topups/:id/status', ({ url, params }) => topUpStatus(url.pathname, params.id!))
    .get('/topups/reports/transactions', ({ url }) => report(url));

  function api(method: string, url: URL, body: Record<string, unknown>): Reply | 'hang' {
    settleDue();
    const route = router.match(method, url.pathname);
    return route ? route.handler({ url, params: route.params, body }) : notFound(url.pathname);
  }

  function token(body: Record<string, unknown>): Reply {
    const id = typeof body.client_id === 'string' ? body.client_id : '';
    const secret = typeof body.client_secret === 'string' ? body.client_secret : '';
    const good =
      body.grant_type === 'client_credentials' &&
      id === options.clientId &&
      secret.length === options.clientSecret.length &&
      timingSafeEqual(Buffer.from(secret), Buffer.from(options.clientSecret));
    if (!good) return errorReply(401, 'INVALID_CREDENTIALS', 'Access Denied', '/oauth/token', clock);
    if (body.audience !== audience)
      return errorReply(
        400,
        'INVALID_AUDIENCE',
        `Unknown audience ${String(body.audience)}`,
        '/oauth/token',
        clock,
      );
    const accessToken = randomBytes(24).toString('base64url');
    const ttl = options.tokenTtlSeconds ?? 5_184_000;
    tokens.set(accessToken, new Date(clock.now().getTime() + ttl * 1000));
    return {
      status: 200,
      body: { access_token: accessToken, scope: 'developer', expires_in: ttl, token_type: 'Bearer' },
    };
  }

  function authorised(request: SimRequest, path: string): Reply | undefined {
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const expiry = bearer ? tokens.get(bearer) : undefined;
    if (!expiry)
      return errorReply(
        401,
        'INVALID_TOKEN',
        'Full authentication is required to access this resource',
        path,
        clock,
      );
    if (expiry <= clock.now())
      return errorReply(401, 'TOKEN_EXPIRED', 'The access token has expired', path, clock);
    if (!String(request.headers.accept ?? '').includes(RELOADLY_ACCEPT)) {
      return errorReply(406, 'INVALID_ACCEPT_HEADER', `Send Accept: ${RELOADLY_ACCEPT}`, path, clock);
    }
    return undefined;
  }

  /**
   * The simulator's own control paths: `float` and `lines/{+E164}` under the kit's `/_simulator/`, and the older
   * `/__sim/…` (snake_case faults, 204 answers) that the browser tests and demos still call.
   */
  function control(method: string, path: string, body: Record<string, unknown>): Reply | undefined {
    if (method === 'POST' && path === '/faults') {
      faults.applyLegacy(body);
      return { status: 204, body: null };
    }
    if (method === 'POST' && path === '/float' && typeof body.float_minor === 'number') {
      float = body.float_minor;
      return { status: 204, body: null };
    }
    const line = /^\/lines\/(\+\d+)$/.exec(path);
    if (method === 'GET' && line) {
      const found = lines.get(line[1]!);
      return found ? { status: 200, body: found } : { status: 404, body: { error: 'unknown number' } };
    }
    if (method === 'GET' && path === '/float') return { status: 200, body: { float_minor: float } };
    return undefined;
  }

  /** The API behind the kit's faults: the bearer check, the top-up timeouts, then Reloadly's resources. */
  const answerApi = (request: SimRequest): Promise<SimAnswer | undefined> => {
    const { method, url } = request;
    const reply =
      authorised(request, url.pathname) ?? topUpTimeout(request) ?? api(method, url, bodyOf(request));
    return Promise.resolve(reply === 'hang' ? undefined : reloadlyAnswer(reply, url.pathname));
  };

  const topUpTimeout = ({ method, url }: SimRequest): 'hang' | undefined => {
    if (method !== 'POST' || !url.pathname.startsWith('/topups') || !faults.takeTopUpTimeout(false))
      return undefined;
    topUpRequests += 1;
    return 'hang';
  };

  /** The token endpoint (never failed by the faults) and the `/__sim/` control paths. */
  const answerOther = (request: SimRequest): Promise<SimAnswer | undefined> => {
    const { method, url } = request;
    const body = bodyOf(request);
    const reply =
      url.pathname === '/oauth/token'
        ? token(body)
        : (control(method, url.pathname.slice(LEGACY_CONTROL_PREFIX.length), body) ??
          authorised(request, url.pathname) ??
          api(method, url, body));
    return Promise.resolve(reply === 'hang' ? undefined : reloadlyAnswer(reply, url.pathname));
  };

  const server = await startSimulatorServer({
    host: options.host,
    port: options.port,
    faults,
    isApiRequest: ({ method, url }) =>
      !(method === 'POST' && url.pathname === '/oauth/token') &&
      !url.pathname.startsWith(`${LEGACY_CONTROL_PREFIX}/`),
    api: answerApi,
    failure: (status, request) =>
      reloadlyAnswer(
        errorReply(status, 'INTERNAL_SERVER_ERROR', 'Internal server error', request.url.pathname, clock),
        request.url.pathname,
      ),
    internalError: (error) =>
      reloadlyAnswer(errorReply(500, 'INTERNAL_SERVER_ERROR', String(error), '/', clock), '/'),
    pages: answerOther,
    control: {
      extra: (method, path, input) => {
        const reply = control(method, path, input);
        return reply && reloadlyAnswer(reply, path);
      },
    },
  });

  return {
    baseUrl: server.baseUrl,
    faults,
    line: (phone) => {
      settleDue();
      return lines.get(phone);
    },
    assignNumber: (phone, operatorId) => void assigned.set(phone, operatorId),
    setOperatorActive: (operatorId, active) =>
      void (active ? inactive.delete(operatorId) : inactive.add(operatorId)),
    floatMinor: () => float,
    setFloatMinor: (amountMinor) => void (float = amountMinor),
    transactions: () => {
      settleDue();
      return [...transactions];
    },
    topUpRequests: () => topUpRequests,
    refund(transactionId) {
      const transaction = transactions.find((t) => t.transactionId === transactionId);
      if (!transaction || transaction.status !== 'SUCCESSFUL') return;
      transaction.status = 'REFUNDED';
      float += cents(transaction.requestedAmount - transaction.discount);
    },
    close: () => server.close(),
  };
}

function pinCode(): string {
  const digits = randomBytes(8).reduce((text, byte) => text + String(byte % 10), '');
  return `${digits.slice(0, 4)}${digits.slice(4, 8)}${randomBytes(2).readUInt16BE() % 10_000}`
    .padEnd(12, '0')
    .slice(0, 12);
}
