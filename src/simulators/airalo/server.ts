import { createHmac } from 'node:crypto';
import { systemClock, type Clock } from '../../kernel/clock.js';
import { SimulatorFaults } from '../kit/faults.js';
import { doublingRetry, WebhookOutbox } from '../kit/outbox.js';
import { startSimulatorServer } from '../kit/server.js';
import { airaloApi } from './api.js';
import { airaloControl } from './control.js';
import { airaloAnswer, notFound } from './errors.js';
import { headProbe, type WebhookProbe } from './notifications.js';
import { issueToken } from './oauth.js';
import { DEFAULT_LIMITS_PER_MINUTE, RateLimiter, type LimitName } from './rate-limits.js';
import { AiraloStore, type LowDataEvent, type LowDataKind, type SimEsim, type SimOrder } from './store.js';

export type { LowDataEvent, SimEsim, SimOrder } from './store.js';

/**
 * An Airalo Partner API v2 simulator on loopback: the client-credentials token, the package catalog (countries →
 * operators → packages), orders with their eSIMs (SGP.22 activation codes, QR and Apple install links), the order
 * list filtered by description, top-ups on the same ICCID, usage and package history, the low-data opt-in with
 * its HEAD probe, and low-data webhooks signed `airalo-signature` (HMAC-SHA512 of the raw body with the client
 * secret). The partner's credit, stock, maintenance and recycled eSIMs give Airalo's 422 codes; the documented
 * rate limits answer 429 with `x-ratelimit-*`. Built on the simulator kit (`../kit`).
 */

/** Airalo says its tokens last a year (`expires_in: 31622400` in its example). */
const TOKEN_TTL_SECONDS = 31_622_400;

const LEVELS: Record<LowDataKind, string> = {
  data_75: '75%',
  data_90: '90%',
  expire_3: '3 days',
  expire_1: '1 day',
};

export interface AiraloWebhookDelivery {
  type: LowDataKind;
  iccid: string;
  status: number;
  signature: string;
}

export interface AiraloSimulator {
  baseUrl: string;
  faults: SimulatorFaults;
  creditMinor(): number;
  setCreditMinor(amountMinor: number): void;
  esim(iccid: string): SimEsim | undefined;
  orders(): SimOrder[];
  /** POST /v2/orders requests received. */
  orderRequests(): number;
  tokenRequests(): number;
  /** The phone uses data (as `POST /_simulator/sims/{iccid}/consume`). */
  consume(iccid: string, bytes: number): void;
  recycle(iccid: string): void;
  setOperatorMaintenance(operatorId: number, on: boolean): void;
  setStock(packageId: string, stock: number | undefined): void;
  /** Sends the expiry notifications due by the simulator clock. */
  checkNotifications(): void;
  webhookDeliveries(): AiraloWebhookDelivery[];
  webhooksSettled(): Promise<void>;
  close(): Promise<void>;
}

export interface AiraloSimulatorOptions {
  host?: string;
  port?: number;
  clientId: string;
  clientSecret: string;
  clock?: Clock;
  /** The partner's Airalo credit, in US cents. */
  creditMinor?: number;
  /** The SM-DP+ named in the activation codes. */
  smdpAddress?: string;
  tokenTtlSeconds?: number;
  limitsPerMinute?: Partial<Record<LimitName, number>>;
  /** How the opt-in's HEAD request is sent (tests may answer it themselves). */
  probe?: WebhookProbe;
}

export const webhookSignature = (rawBody: string, secret: string) =>
  createHmac('sha512', secret).update(rawBody).digest('hex');

export async function startAiraloSimulator(options: AiraloSimulatorOptions): Promise<AiraloSimulator> {
  const clock = options.clock ?? systemClock;
  const faults = new SimulatorFaults();
  const outbox = new WebhookOutbox<LowDataEvent & { packageName: string }, AiraloWebhookDelivery>({
    faults,
    // Airalo retries 20 times, 15 minutes apart; the simulator keeps the count and shortens the wait.
    retry: doublingRetry({ firstDelayMs: 200, delayMsMax: 5_000, attemptsMax: 20 }),
    transmit: (event) => {
      const body = JSON.stringify({
        event: 'low_data_notification',
        type: event.kind,
        iccid: event.iccid,
        package_name: event.packageName,
        level: LEVELS[event.kind],
        ...(event.remainingPercentage === undefined
          ? {}
          : { remaining_percentage: event.remainingPercentage }),
      });
      return {
        body,
        headers: {
          'content-type': 'application/json',
          'airalo-signature': webhookSignature(body, options.clientSecret),
        },
      };
    },
    record: (event, transmission, status) => ({
      type: event.kind,
      iccid: event.iccid,
      status,
      signature: transmission.headers['airalo-signature']!,
    }),
  });
  const store: AiraloStore = new AiraloStore({
    clock,
    creditMinor: options.creditMinor ?? 100_000,
    tokenTtlSeconds: options.tokenTtlSeconds ?? TOKEN_TTL_SECONDS,
    smdpAddress: options.smdpAddress ?? 'smdp.sim.airalo.test',
    onLowData: (event) => {
      outbox.url = store.lowDataWebhookUrl;
      if (!outbox.url) return;
      outbox.enqueue({
        ...event,
        packageName: store.findPackage(event.packageId)?.pkg.title ?? event.packageId,
      });
    },
  });
  const limiter = new RateLimiter(clock, { ...DEFAULT_LIMITS_PER_MINUTE, ...options.limitsPerMinute });
  const server = await startSimulatorServer({
    host: options.host,
    port: options.port,
    faults,
    // The token endpoint is never failed by the faults; every other path is the API (Airalo's 404 included).
    isApiRequest: ({ method, url }) => !(method === 'POST' && url.pathname === '/v2/token'),
    api: airaloApi(store, limiter, options.probe ?? headProbe),
    failure: (status) =>
      airaloAnswer({
        status,
        body: {
          code: 53,
          reason:
            "Something unexpected happened. We're working to resolve the issue. Please try again later.",
        },
      }),
    internalError: (error) => airaloAnswer({ status: 500, body: { code: 53, reason: String(error) } }),
    pages: async (request) =>
      request.method === 'POST' && request.url.pathname === '/v2/token'
        ? airaloAnswer(await issueToken(store, limiter, options, request))
        : airaloAnswer(notFound()),
    control: { extra: airaloControl(store), deliveries: () => outbox.deliveries() },
    onClose: () => outbox.close(),
  });

  const esimOf = (iccid: string) => {
    const esim = store.esims.get(iccid);
    if (!esim) throw new Error(`no eSIM ${iccid}`);
    return esim;
  };
  return {
    baseUrl: server.baseUrl,
    faults,
    creditMinor: () => store.creditMinor,
    setCreditMinor: (amountMinor) => void (store.creditMinor = amountMinor),
    esim: (iccid) => store.esims.get(iccid),
    orders: () => [...store.orders],
    orderRequests: () => store.orderRequestCount,
    tokenRequests: () => store.tokenRequestCount,
    consume: (iccid, bytes) => store.consume(esimOf(iccid), bytes),
    recycle: (iccid) => void (esimOf(iccid).recycled = true),
    setOperatorMaintenance: (operatorId, on) =>
      void (on
        ? store.maintenanceOperatorIds.add(operatorId)
        : store.maintenanceOperatorIds.delete(operatorId)),
    setStock: (packageId, stock) => {
      const found = store.findPackage(packageId);
      if (!found) throw new Error(`no package ${packageId}`);
      found.pkg.stock = stock;
    },
    checkNotifications: () => store.checkAllThresholds(),
    webhookDeliveries: () => outbox.deliveries(),
    webhooksSettled: () => outbox.settled(),
    close: () => server.close(),
  };
}
