import { randomUUID } from 'node:crypto';
import { json, type SimAnswer } from '../kit/answers.js';
import type { ControlInput } from '../kit/faults.js';
import type { WebhookOutbox } from '../kit/outbox.js';
import type { Refusal, SimProfile, SmdpStore } from './store.js';

/**
 * Not ES2+: the simulator's stand-in for a phone and the ES9+ side. `POST /_simulator/devices/download`
 * `{activation_code | matching_id, eid, confirmation_code?, install: "ok" | "fail"}` makes a device download and
 * install the profile; each step goes to the operator as HandleDownloadProgressInfo (point 1 eligibility or 2
 * confirmation code on a refusal, 3 downloaded, 4 installed), exactly as a real SM-DP+ reports them.
 * `POST /_simulator/inventory {csv}` imports profiles; `GET /_simulator/profiles/<iccid>` shows one.
 */

export interface ProgressEvent {
  iccid: string;
  profileType: string;
  eid: string | undefined;
  notificationPointId: 1 | 2 | 3 | 4;
  refusal: Refusal | undefined;
  timestamp: Date;
  /** One per notification: every resend of it carries the same functionCallIdentifier. */
  callId: string;
}

const profileView = (profile: SimProfile) => ({
  iccid: profile.iccid,
  profile_type: profile.profileType,
  owner: profile.owner,
  state: profile.state,
  eid: profile.eid ?? null,
  matching_id: profile.matchingId ?? null,
  download_attempts: profile.downloadAttempts,
});

function download(
  store: SmdpStore,
  outbox: WebhookOutbox<ProgressEvent, unknown>,
  input: ControlInput,
): SimAnswer {
  let matchingId = typeof input.matching_id === 'string' ? input.matching_id : undefined;
  if (typeof input.activation_code === 'string') {
    // What a phone's LPA does with a scanned code: `LPA:1$<SM-DP+>$<matching id>…` (its own reading, not SimFill's).
    const [format, address, matching] = input.activation_code.replace(/^LPA:/, '').split('$');
    if (format !== '1' || matching === undefined) return json(400, { error: 'not an activation code' });
    if (address !== store.smdpAddress) return json(400, { error: 'another SM-DP+' });
    matchingId = matching;
  }
  if (matchingId === undefined || typeof input.eid !== 'string') {
    return json(400, { error: 'activation_code or matching_id, and eid, are required' });
  }
  const notify = (profile: SimProfile, point: ProgressEvent['notificationPointId'], refusal?: Refusal) =>
    outbox.enqueue({
      iccid: profile.iccid,
      profileType: profile.profileType,
      eid: profile.eid,
      notificationPointId: point,
      refusal,
      timestamp: store.clock.now(),
      callId: `FCI-${randomUUID()}`,
    });
  const result = store.download({
    matchingId,
    eid: input.eid,
    confirmationCode: typeof input.confirmation_code === 'string' ? input.confirmation_code : undefined,
  });
  if (!result.ok) {
    if (result.profile) notify(result.profile, result.point, result.refusal);
    return json(200, { result: 'refused', refusal: result.refusal });
  }
  notify(result.profile, 3);
  const installs = input.install !== 'fail';
  store.installed(result.profile, installs);
  notify(
    result.profile,
    4,
    installs ? undefined : { subjectCode: '8.1', reasonCode: '4.2', message: 'Profile installation failed' },
  );
  return json(200, {
    result: installs ? 'installed' : 'install_failed',
    profile: profileView(result.profile),
  });
}

export function deviceControl(
  store: SmdpStore,
  outbox: WebhookOutbox<ProgressEvent, unknown>,
): (method: string, path: string, input: ControlInput) => SimAnswer | undefined {
  return (method, path, input) => {
    if (method === 'POST' && path === '/devices/download') return download(store, outbox, input);
    if (method === 'POST' && path === '/inventory' && typeof input.csv === 'string') {
      try {
        return json(200, { added: store.importInventory(input.csv) });
      } catch (error) {
        return json(400, { error: (error as Error).message });
      }
    }
    const profile = /^\/profiles\/(\d{19,20})$/.exec(path);
    if (method === 'GET' && profile) {
      const found = store.profiles.get(profile[1]!);
      return found ? json(200, profileView(found)) : json(404, { error: 'unknown ICCID' });
    }
    return undefined;
  };
}
