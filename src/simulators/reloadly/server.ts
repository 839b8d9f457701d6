import { systemClock, type Clock } from '../../kernel/clock.js';
import { startSimulatorServer } from '../kit/server.js';
import { bodyOf, reloadlyApi } from './api.js';
import { reloadlyControl } from './control.js';
import { errorReply, reloadlyAnswer } from './errors.js';
import { ReloadlyFaults } from './faults.js';
import { issueToken } from './oauth.js';
import { ReloadlyStore, type SimLine, type SimTransaction } from './store.js';

export { RELOADLY_ACCEPT } from './errors.js';
export { ReloadlyFaults } from './faults.js';
export type { SimLine, SimTransaction } from './store.js';

/**
 * A Reloadly Airtime API simulator on loopback: the OAuth2 client-credentials token (with audience), the
 * `application/com.reloadly.topups-v1+json` API (operators, auto-detect, fx-rate, top-ups sync and async,
 * status, the transactions report, the account balance), Reloadly's error body and codes, and a carrier behind
 * it that keeps each number's balance, plan and expiry so a top-up really changes the line. Fault switches make
 * it slow, fail, hang, answer PROCESSING for a while, or report a success twice. Built on the simulator kit
 * (`../kit`): its control API is under `/_simulator/`, not Reloadly's.
 */

export const RELOADLY_AUDIENCE = 'https://topups.reloadly.com';
/** Reloadly refuses a number topped up within the last 2 minutes. */
const RECENT_RECHARGE_MS = 2 * 60_000;
/** Reloadly's tokens last 60 days. */
const TOKEN_TTL_SECONDS = 5_184_000;

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

export async function startReloadlySimulator(options: ReloadlySimulatorOptions): Promise<ReloadlySimulator> {
  const clock = options.clock ?? systemClock;
  const faults = new ReloadlyFaults();
  const store = new ReloadlyStore({
    clock,
    faults,
    floatMinor: options.floatMinor ?? 1_000_000,
    tokenTtlSeconds: options.tokenTtlSeconds ?? TOKEN_TTL_SECONDS,
    recentRechargeMs: options.recentRechargeMs ?? RECENT_RECHARGE_MS,
  });
  const credentials = { ...options, audience: options.audience ?? RELOADLY_AUDIENCE };
  const server = await startSimulatorServer({
    host: options.host,
    port: options.port,
    faults,
    // The token endpoint is never failed by the faults; every other path is the API (Reloadly's 404 included).
    isApiRequest: ({ method, url }) => !(method === 'POST' && url.pathname === '/oauth/token'),
    api: reloadlyApi(store),
    failure: (status, request) =>
      reloadlyAnswer(
        errorReply(status, 'INTERNAL_SERVER_ERROR', 'Internal server error', request.url.pathname, clock),
        request.url.pathname,
      ),
    internalError: (error) =>
      reloadlyAnswer(errorReply(500, 'INTERNAL_SERVER_ERROR', String(error), '/', clock), '/'),
    pages: (request) =>
      Promise.resolve(reloadlyAnswer(issueToken(store, credentials, bodyOf(request)), '/oauth/token')),
    control: { extra: reloadlyControl(store) },
  });

  return {
    baseUrl: server.baseUrl,
    faults,
    line: (phone) => {
      store.settleDue();
      return store.lines.get(phone);
    },
    assignNumber: (phone, operatorId) => void store.assignedOperatorIds.set(phone, operatorId),
    setOperatorActive: (operatorId, active) =>
      void (active
        ? store.inactiveOperatorIds.delete(operatorId)
        : store.inactiveOperatorIds.add(operatorId)),
    floatMinor: () => store.floatMinor,
    setFloatMinor: (amountMinor) => void (store.floatMinor = amountMinor),
    transactions: () => {
      store.settleDue();
      return [...store.transactions];
    },
    topUpRequests: () => store.topUpRequestCount,
    refund: (transactionId) => store.refund(transactionId),
    close: () => server.close(),
  };
}
