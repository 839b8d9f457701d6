import { systemClock, type Clock } from '../../kernel/clock.js';
import { json } from '../kit/answers.js';
import { SimulatorFaults } from '../kit/faults.js';
import { doublingRetry, WebhookOutbox } from '../kit/outbox.js';
import { startSimulatorServer } from '../kit/server.js';
import { deviceControl, type ProgressEvent } from './device.js';
import { ES2PLUS_PATH, es2plusAnswer, failed, SMDP_ADMIN_PROTOCOL, smdpRequestHeader } from './es2plus.js';
import { SmdpStore, type SimProfile } from './store.js';

export { DOWNLOAD_ATTEMPTS_MAX, hashConfirmationCode, sha256, type SimProfile } from './store.js';

/**
 * An SM-DP+ on loopback speaking GSMA SGP.22 ES2+ (DownloadOrder, ConfirmOrder, CancelOrder, ReleaseProfile)
 * with the profile state machine, EID binding, confirmation-code hashes, a download attempt limit and a CSV
 * inventory; it reports downloads back to the operator with HandleDownloadProgressInfo (retried until the
 * operator answers 2xx). Built on the simulator kit: faults and control API under `/_simulator/`, plus a
 * simulated device (`device.ts`).
 */

export interface SmdpSimulatorOptions {
  host?: string;
  port?: number;
  clock?: Clock;
  /** The host name in activation codes (`1$<this>$<matching id>`). */
  smdpAddress?: string;
  /** This SM-DP+'s own requester id on the calls it makes to the operator. */
  smdpId?: string;
  /** The operators allowed to call (their functionRequesterIdentifier). */
  operators: string[];
  /** The operator's HandleDownloadProgressInfo endpoint. */
  notificationUrl?: string;
  /**
   * Sent as `Authorization: Bearer <this>` on every notification: the shared secret SimFill checks in place of
   * the mutual TLS a production SM-DP+ authenticates with.
   */
  notificationSecret?: string;
  /** Profiles to start with: CSV `iccid,profileType,owner`. */
  inventoryCsv?: string;
  orderTtlMs?: number;
}

export interface SmdpSimulator {
  baseUrl: string;
  smdpAddress: string;
  faults: SimulatorFaults;
  profile(iccid: string): SimProfile | undefined;
  importInventory(csv: string): number;
  /** Where notifications go (set after the operator's server is listening). */
  setNotificationUrl(url: string): void;
  notificationsSettled(): Promise<void>;
  close(): Promise<void>;
}

export async function startSmdpSimulator(options: SmdpSimulatorOptions): Promise<SmdpSimulator> {
  const clock = options.clock ?? systemClock;
  const smdpAddress = options.smdpAddress ?? 'SMDP.SIMFILL.TEST';
  const smdpId = options.smdpId ?? smdpAddress;
  const faults = new SimulatorFaults();
  const store = new SmdpStore(clock, smdpAddress, options.orderTtlMs);
  if (options.inventoryCsv) store.importInventory(options.inventoryCsv);
  const operators = new Set(options.operators);
  const outbox = new WebhookOutbox<ProgressEvent, unknown>({
    faults,
    retry: doublingRetry({ firstDelayMs: 1_000, delayMsMax: 60_000, attemptsMax: 8 }),
    url: options.notificationUrl,
    transmit: (event) => ({
      headers: {
        'content-type': 'application/json',
        'x-admin-protocol': SMDP_ADMIN_PROTOCOL,
        ...(options.notificationSecret ? { authorization: `Bearer ${options.notificationSecret}` } : {}),
      },
      body: JSON.stringify({
        header: smdpRequestHeader(smdpId, event.callId),
        iccid: event.iccid,
        profileType: event.profileType,
        timestamp: event.timestamp.toISOString().replace(/\.\d{3}Z$/, 'Z'),
        notificationPointId: event.notificationPointId,
        notificationPointStatus: event.refusal
          ? {
              status: 'Failed',
              statusCodeData: {
                subjectCode: event.refusal.subjectCode,
                reasonCode: event.refusal.reasonCode,
                message: event.refusal.message,
              },
            }
          : { status: 'Executed-Success' },
        ...(event.eid ? { eid: event.eid } : {}),
      }),
    }),
    record: (event, _transmission, status) => ({
      iccid: event.iccid,
      notificationPointId: event.notificationPointId,
      status,
    }),
  });
  const server = await startSimulatorServer({
    host: options.host,
    port: options.port,
    faults,
    isApiRequest: ({ url }) => url.pathname.startsWith(ES2PLUS_PATH),
    api: async (request) =>
      es2plusAnswer(store, operators, request) ?? json(404, { error: 'no such ES2+ function' }),
    // A server failure still answers as ES2+ does: the function provider is busy.
    failure: () => failed({ subjectCode: '1.2', reasonCode: '4.4', message: 'Busy' }),
    internalError: (error) => failed({ subjectCode: '1.2', reasonCode: '4.2', message: String(error) }),
    pages: async () => json(404, { error: 'not found' }),
    control: { deliveries: () => outbox.deliveries(), extra: deviceControl(store, outbox) },
    onClose: () => outbox.close(),
  });
  return {
    baseUrl: server.baseUrl,
    smdpAddress,
    faults,
    profile: (iccid) => store.profiles.get(iccid),
    importInventory: (csv) => store.importInventory(csv),
    setNotificationUrl: (url) => {
      outbox.url = url;
    },
    notificationsSettled: () => outbox.settled(),
    close: () => server.close(),
  };
}
