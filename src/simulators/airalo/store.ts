import { randomBytes, randomUUID } from 'node:crypto';
import type { Clock } from '../../kernel/clock.js';
import { luhnCheckDigit } from '../../kernel/identifiers.js';
import { seededCatalog, type SimCountry, type SimOperator, type SimPackage } from './catalog.js';

/**
 * The Airalo simulator's state: tokens, the partner's credit, the catalog and its stock, orders (eSIMs and
 * top-ups), each eSIM's packages and the data it has used, the low-data opt-in and which thresholds each eSIM
 * has already been told about.
 */

export interface SimEsimPackage {
  packageId: string;
  type: 'sim' | 'topup';
  amountMb: number;
  isUnlimited: boolean;
  day: number;
  usedBytes: number;
  /** First use starts the validity (`activation_policy: first-usage`). */
  activatedAt: Date | null;
  expiresAt: Date | null;
}

export interface SimEsim {
  id: number;
  iccid: string;
  smdpAddress: string;
  matchingId: string;
  operatorId: number;
  createdAt: Date;
  packages: SimEsimPackage[];
  recycled: boolean;
  /** Notification types already sent for the current allowance (`data_75`, `expire_1`, …). */
  notified: Set<string>;
}

export interface SimOrder {
  id: number;
  code: string;
  packageId: string;
  quantity: number;
  type: 'sim' | 'topup';
  description: string | null;
  /** Dollars, as Airalo states them. */
  price: number;
  createdAt: Date;
  iccids: string[];
}

export type LowDataKind = 'data_75' | 'data_90' | 'expire_3' | 'expire_1';

export interface LowDataEvent {
  kind: LowDataKind;
  iccid: string;
  packageId: string;
  remainingPercentage: number | undefined;
}

const BYTES_PER_MB = 1024 * 1024;
const DAY_MS = 86_400_000;

export interface AiraloStoreOptions {
  clock: Clock;
  creditMinor: number;
  tokenTtlSeconds: number;
  smdpAddress: string;
  onLowData: (event: LowDataEvent) => void;
}

export class AiraloStore {
  readonly clock: Clock;
  readonly tokens = new Map<string, Date>();
  readonly catalog: SimCountry[] = seededCatalog();
  readonly orders: SimOrder[] = [];
  readonly esims = new Map<string, SimEsim>();
  readonly maintenanceOperatorIds = new Set<number>();
  readonly tokenTtlSeconds: number;
  readonly smdpAddress: string;
  /** The partner's Airalo credit, in US cents. */
  creditMinor: number;
  lowDataWebhookUrl: string | undefined;
  /** POST /v2/orders requests received (to prove a retry never ordered twice). */
  orderRequestCount = 0;
  tokenRequestCount = 0;
  private nextOrderId = 9000;
  private nextSimId = 500;
  private nextIccid = 1;
  private readonly onLowData: (event: LowDataEvent) => void;

  constructor(options: AiraloStoreOptions) {
    this.clock = options.clock;
    this.creditMinor = options.creditMinor;
    this.tokenTtlSeconds = options.tokenTtlSeconds;
    this.smdpAddress = options.smdpAddress;
    this.onLowData = options.onLowData;
  }

  findPackage(packageId: string): { operator: SimOperator; pkg: SimPackage } | undefined {
    for (const country of this.catalog) {
      for (const operator of country.operators) {
        const pkg = operator.packages.find((candidate) => candidate.id === packageId);
        if (pkg) return { operator, pkg };
      }
    }
    return undefined;
  }

  operatorById(operatorId: number): SimOperator | undefined {
    return this.catalog.flatMap((country) => country.operators).find((o) => o.id === operatorId);
  }

  /** Airalo's order codes: the date and a running number (`20230227-009666`). */
  takeOrder(fields: Omit<SimOrder, 'id' | 'code' | 'createdAt'>): SimOrder {
    const id = this.nextOrderId++;
    const now = this.clock.now();
    const day = now.toISOString().slice(0, 10).replace(/-/g, '');
    const order = { ...fields, id, code: `${day}-${String(id).padStart(6, '0')}`, createdAt: now };
    this.orders.push(order);
    return order;
  }

  /** A new eSIM with a valid ICCID (89 852 … Luhn) and a fresh SGP.22 matching id. */
  issueEsim(operatorId: number, pkg: SimPackage): SimEsim {
    const payload = `8985200001${String(this.nextIccid++).padStart(8, '0')}`;
    const esim: SimEsim = {
      id: this.nextSimId++,
      iccid: payload + String(luhnCheckDigit(payload)),
      smdpAddress: this.smdpAddress,
      matchingId: randomUUID().toUpperCase(),
      operatorId,
      createdAt: this.clock.now(),
      packages: [packageOf(pkg)],
      recycled: false,
      notified: new Set(),
    };
    this.esims.set(esim.iccid, esim);
    return esim;
  }

  addTopUp(esim: SimEsim, pkg: SimPackage): void {
    esim.packages.push(packageOf(pkg));
    // New data: the thresholds count again from the new allowance.
    esim.notified.clear();
  }

  /** Uses data on the eSIM, oldest package first, then tells the partner about any threshold crossed. */
  consume(esim: SimEsim, bytes: number): void {
    let left = bytes;
    const now = this.clock.now();
    for (const pkg of esim.packages) {
      if (left <= 0) break;
      if (pkg.expiresAt && pkg.expiresAt <= now) continue;
      pkg.activatedAt ??= now;
      pkg.expiresAt ??= new Date(now.getTime() + pkg.day * DAY_MS);
      const room = pkg.isUnlimited ? left : Math.max(0, pkg.amountMb * BYTES_PER_MB - pkg.usedBytes);
      const used = Math.min(room, left);
      pkg.usedBytes += used;
      left -= used;
    }
    this.checkThresholds(esim);
  }

  /** Sends what is due for one eSIM: 75 % and 90 % of its data used, 3 days and 1 day before it expires. */
  checkThresholds(esim: SimEsim): void {
    if (esim.recycled) return;
    const usage = usageOf(esim, this.clock.now());
    const due: LowDataKind[] = [];
    if (!usage.isUnlimited && usage.totalMb > 0) {
      const usedShare = 1 - usage.remainingMb / usage.totalMb;
      if (usedShare >= 0.75) due.push('data_75');
      if (usedShare >= 0.9) due.push('data_90');
    }
    if (usage.expiresAt) {
      const leftMs = usage.expiresAt.getTime() - this.clock.now().getTime();
      if (leftMs > 0 && leftMs <= 3 * DAY_MS) due.push('expire_3');
      if (leftMs > 0 && leftMs <= DAY_MS) due.push('expire_1');
    }
    for (const kind of due) {
      if (esim.notified.has(kind)) continue;
      esim.notified.add(kind);
      this.onLowData({
        kind,
        iccid: esim.iccid,
        packageId: esim.packages.at(-1)!.packageId,
        remainingPercentage:
          usage.isUnlimited || usage.totalMb === 0
            ? undefined
            : Math.round((usage.remainingMb / usage.totalMb) * 100),
      });
    }
  }

  checkAllThresholds(): void {
    for (const esim of this.esims.values()) this.checkThresholds(esim);
  }

  issueToken(): { token: string; expiresIn: number } {
    const token = randomBytes(32).toString('base64url');
    this.tokens.set(token, new Date(this.clock.now().getTime() + this.tokenTtlSeconds * 1000));
    return { token, expiresIn: this.tokenTtlSeconds };
  }
}

function packageOf(pkg: SimPackage): SimEsimPackage {
  return {
    packageId: pkg.id,
    type: pkg.type,
    amountMb: pkg.amountMb,
    isUnlimited: pkg.isUnlimited,
    day: pkg.day,
    usedBytes: 0,
    activatedAt: null,
    expiresAt: null,
  };
}

export type SimStatus = 'NOT_ACTIVE' | 'ACTIVE' | 'FINISHED' | 'EXPIRED' | 'RECYCLED';

/** A package's state now: not used yet, in use, all data used, or past its validity. */
export function packageStatus(pkg: SimEsimPackage, now: Date): SimStatus {
  if (!pkg.activatedAt) return 'NOT_ACTIVE';
  if (pkg.expiresAt && pkg.expiresAt <= now) return 'EXPIRED';
  if (!pkg.isUnlimited && pkg.usedBytes >= pkg.amountMb * BYTES_PER_MB) return 'FINISHED';
  return 'ACTIVE';
}

export const remainingMbOf = (pkg: SimEsimPackage) =>
  pkg.isUnlimited ? 0 : Math.max(0, Math.floor((pkg.amountMb * BYTES_PER_MB - pkg.usedBytes) / BYTES_PER_MB));

/** What `/usage` reports: the allowance of every package not yet expired, summed. */
export function usageOf(esim: SimEsim, now: Date) {
  const live = esim.packages.filter((pkg) => packageStatus(pkg, now) !== 'EXPIRED');
  const isUnlimited = live.some((pkg) => pkg.isUnlimited);
  const statuses = live.map((pkg) => packageStatus(pkg, now));
  const status: SimStatus = esim.recycled
    ? 'RECYCLED'
    : statuses.includes('ACTIVE')
      ? 'ACTIVE'
      : statuses.includes('NOT_ACTIVE')
        ? 'NOT_ACTIVE'
        : live.length === 0
          ? 'EXPIRED'
          : 'FINISHED';
  const expiries = live.map((pkg) => pkg.expiresAt).filter((at): at is Date => at !== null);
  return {
    status,
    isUnlimited,
    totalMb: isUnlimited ? 0 : live.reduce((sum, pkg) => sum + pkg.amountMb, 0),
    remainingMb: isUnlimited ? 0 : live.reduce((sum, pkg) => sum + remainingMbOf(pkg), 0),
    expiresAt: expiries.length ? new Date(Math.max(...expiries.map((at) => at.getTime()))) : null,
  };
}
