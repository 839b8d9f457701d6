import { randomBytes } from 'node:crypto';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { Clock } from '../../kernel/clock.js';
import { isAirtime, SIM_OPERATORS, type SimOperator } from './catalog.js';
import type { ReloadlyFaults } from './faults.js';

/**
 * The Reloadly simulator's state: access tokens, the reseller's float, the transactions (by id and by
 * `customIdentifier`), and the carrier behind Reloadly, which keeps each number's operator, balance, plan and
 * expiry so a top-up really changes the line.
 */

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
  /** USD the sender pays, and what the line got in the operator's currency. */
  requestedAmount: number;
  deliveredAmount: number;
  /** The request named the amount in the operator's currency (`useLocalAmount: true`). */
  useLocalAmount: boolean;
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

/** A recipient phone as Reloadly takes it, checked against its country. */
export interface Recipient {
  e164: string;
  national: string;
  countryIso: string;
}

/** Reloadly's amounts are US dollars with cents; the float is kept in cents. */
export const cents = (amount: number) => Math.round(amount * 100);
export const dollars = (minor: number) => Math.round(minor) / 100;

export interface ReloadlyStoreOptions {
  clock: Clock;
  faults: ReloadlyFaults;
  floatMinor: number;
  tokenTtlSeconds: number;
  /** How long a number is refused after a top-up (`PHONE_RECENTLY_RECHARGED`). */
  recentRechargeMs: number;
}

export class ReloadlyStore {
  /** Access token → expiry. */
  readonly tokens = new Map<string, Date>();
  /** What the carrier knows about each number (E.164), created on first sight. */
  readonly lines = new Map<string, SimLine>();
  /** Numbers pinned to an operator (`assignNumber`): detection and new lines follow it. */
  readonly assignedOperatorIds = new Map<string, number>();
  /** Operators whose top-ups are refused (they still list: Reloadly's operators have no status). */
  readonly inactiveOperatorIds = new Set<number>();
  readonly transactions: SimTransaction[] = [];
  readonly transactionsByIdentifier = new Map<string, SimTransaction>();
  /** Each number's last top-up, for `PHONE_RECENTLY_RECHARGED`. */
  readonly lastTopUpAt = new Map<string, Date>();
  readonly clock: Clock;
  readonly faults: ReloadlyFaults;
  readonly tokenTtlSeconds: number;
  readonly recentRechargeMs: number;
  /** The reseller's prepaid balance at Reloadly, in US cents. */
  floatMinor: number;
  /** POST /topups and /topups-async requests received. */
  topUpRequestCount = 0;
  private nextTransactionId = 1000;

  constructor(options: ReloadlyStoreOptions) {
    this.clock = options.clock;
    this.faults = options.faults;
    this.floatMinor = options.floatMinor;
    this.tokenTtlSeconds = options.tokenTtlSeconds;
    this.recentRechargeMs = options.recentRechargeMs;
  }

  operatorById(operatorId: number): SimOperator | undefined {
    return SIM_OPERATORS.find((operator) => operator.operatorId === operatorId);
  }

  takeTransactionId(): number {
    return this.nextTransactionId++;
  }

  /** The carrier's line for this number, created on first sight on the carrier's airtime operator. */
  lineOf(phone: string, operator: SimOperator): SimLine {
    let line = this.lines.get(phone);
    if (!line) {
      const airtimeOperator =
        this.assignedOperatorIds.get(phone) ??
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
      this.lines.set(phone, line);
    }
    return line;
  }

  /** Settles PROCESSING transactions whose time has come (on every read, against the simulator clock). */
  settleDue(): void {
    const now = this.clock.now();
    for (const transaction of this.transactions) {
      if (transaction.status !== 'PROCESSING' || !transaction.settlesAt || transaction.settlesAt > now)
        continue;
      transaction.status = transaction.settlesAs;
      if (transaction.status === 'SUCCESSFUL') this.applyToCarrier(transaction);
      else this.floatMinor += cents(transaction.requestedAmount - transaction.discount);
    }
  }

  /** What a successful top-up does to the line: airtime, a bundle's plan, extra data, or a PIN. */
  applyToCarrier(transaction: SimTransaction): void {
    if (transaction.applied) return;
    transaction.applied = true;
    const operator = this.operatorById(transaction.operatorId)!;
    const line = this.lineOf(transaction.phone, operator);
    const amountMinor = cents(transaction.requestedAmount);
    const denomination = operator.fixed.find((entry) => cents(entry.amount) === amountMinor);
    if (operator.pin) {
      transaction.pin = { serial: String(transaction.transactionId).padStart(10, '0'), code: pinCode() };
    } else if (operator.bundle && denomination?.validityDays) {
      line.plan = {
        name: denomination.description,
        dataMb: denomination.dataMb ?? null,
        expiresAt: new Date(this.clock.now().getTime() + denomination.validityDays * 86_400_000),
      };
    } else if (operator.data) {
      line.extraDataMb += denomination?.dataMb ?? 0;
    } else {
      line.balanceMinor += cents(transaction.deliveredAmount);
    }
  }

  /** Reverses a successful transaction at the carrier: REFUNDED, its cost back on the float. */
  refund(transactionId: number): void {
    const transaction = this.transactions.find((t) => t.transactionId === transactionId);
    if (!transaction || transaction.status !== 'SUCCESSFUL') return;
    transaction.status = 'REFUNDED';
    this.floatMinor += cents(transaction.requestedAmount - transaction.discount);
  }
}

/** `{countryCode, number}` as a top-up or auto-detect names it; undefined unless valid for that country. */
export function parseRecipient(raw: unknown): Recipient | undefined {
  const recipient = raw as { countryCode?: unknown; number?: unknown } | undefined;
  if (typeof recipient?.number !== 'string' || typeof recipient.countryCode !== 'string') return undefined;
  const digits = recipient.number.replace(/^\+/, '');
  const parsed = parsePhoneNumberFromString(`+${digits}`);
  if (!parsed?.isValid() || parsed.country !== recipient.countryCode.toUpperCase()) return undefined;
  return { e164: parsed.number, national: parsed.nationalNumber, countryIso: parsed.country };
}

function pinCode(): string {
  const digits = randomBytes(8).reduce((text, byte) => text + String(byte % 10), '');
  return `${digits.slice(0, 4)}${digits.slice(4, 8)}${randomBytes(2).readUInt16BE() % 10_000}`
    .padEnd(12, '0')
    .slice(0, 12);
}
