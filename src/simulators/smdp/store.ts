import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../../kernel/clock.js';
import { parseEid, parseIccid } from '../../kernel/identifiers.js';

/**
 * The SM-DP+'s profile inventory and the SGP.22 profile state machine, per ICCID (telecom.md §1.4, from
 * osmo-smdpp's ES2+/ES9+ handlers — but strict where osmo is lenient: only a Released profile downloads):
 *
 *   Available ─DownloadOrder→ Allocated (no EID) | Linked (EID bound)
 *   Allocated, Linked ─ConfirmOrder(releaseFlag)→ Released | Confirmed ─ReleaseProfile→ Released
 *   Released ─device download→ Downloaded ─install ok→ Installed   (install failure: back to Released)
 *   Allocated…Released ─CancelOrder→ Available (cleared) | Unavailable (never reused)
 *
 * Every refusal is an ES2+ status code pair (subject, reason), answered with HTTP 200 and `Failed`.
 */

export type ProfileState =
  | 'Available'
  | 'Allocated'
  | 'Linked'
  | 'Confirmed'
  | 'Released'
  | 'Downloaded'
  | 'Installed'
  | 'Unavailable';

export interface SimProfile {
  iccid: string;
  profileType: string;
  /** The operator (functionRequesterIdentifier) the profile belongs to. */
  owner: string;
  state: ProfileState;
  eid: string | undefined;
  matchingId: string | undefined;
  /** SHA-256 of the confirmation code, when the order has one (the code itself is never kept). */
  confirmationCodeHash: Buffer | undefined;
  smdsAddress: string | undefined;
  downloadAttempts: number;
  orderedAt: Date | undefined;
}

export interface Refusal {
  subjectCode: string;
  reasonCode: string;
  message: string;
  subjectIdentifier?: string;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });
const refuse = (subjectCode: string, reasonCode: string, message: string, subjectIdentifier?: string) =>
  ({ ok: false, refusal: { subjectCode, reasonCode, message, subjectIdentifier } }) as const;

/** The SGP.22 confirmation-code hash a device sends: SHA-256(SHA-256(code) ‖ transactionId). */
export function hashConfirmationCode(codeSha256: Buffer, transactionIdHex: string): Buffer {
  return createHash('sha256')
    .update(Buffer.concat([codeSha256, Buffer.from(transactionIdHex, 'hex')]))
    .digest();
}

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** Matching ids SGP.22 allows (§4.1.1): upper-case letters, digits and `-`. */
const MATCHING_ID = /^[-0-9A-Z]{1,255}$/;
/** How many downloads one order allows (operators commonly configure 3). */
export const DOWNLOAD_ATTEMPTS_MAX = 3;

const BOOKED: readonly ProfileState[] = ['Allocated', 'Linked', 'Confirmed', 'Released'];

export class SmdpStore {
  readonly profiles = new Map<string, SimProfile>();

  constructor(
    readonly clock: Clock,
    readonly smdpAddress: string,
    /** How long a confirmed order stays downloadable (undefined: no limit). */
    readonly orderTtlMs: number | undefined,
  ) {}

  /** Adds profiles from a CSV of `iccid,profileType,owner` (a header line is allowed); answers how many. */
  importInventory(csv: string): number {
    let added = 0;
    for (const raw of csv.split(/\r?\n/)) {
      const [iccidText = '', profileType = '', owner = ''] = raw.split(',').map((part) => part.trim());
      if (!iccidText || iccidText.toLowerCase() === 'iccid') continue;
      const iccid = parseIccid(iccidText.replace(/F$/i, ''));
      if (!iccid || !profileType || !owner) throw new RangeError(`bad inventory line: ${raw}`);
      if (this.profiles.has(iccid)) continue;
      this.profiles.set(iccid, {
        iccid,
        profileType,
        owner,
        state: 'Available',
        eid: undefined,
        matchingId: undefined,
        confirmationCodeHash: undefined,
        smdsAddress: undefined,
        downloadAttempts: 0,
        orderedAt: undefined,
      });
      added += 1;
    }
    return added;
  }

  /** The profile `iccid` names, if it exists and belongs to `owner`. */
  private owned(owner: string, iccid: string | undefined): Outcome<SimProfile> {
    const digits = iccid === undefined ? undefined : parseIccid(iccid.replace(/F$/i, ''));
    if (!digits) return refuse('8.2.1', '2.1', 'Invalid ICCID', iccid);
    const profile = this.profiles.get(digits);
    if (!profile) return refuse('8.2.1', '3.9', 'Unknown ICCID', digits);
    if (profile.owner !== owner)
      return refuse('8.2.1', '1.2', 'Not allowed: another operator’s profile', digits);
    return ok(profile);
  }

  downloadOrder(
    owner: string,
    input: { eid?: string; iccid?: string; profileType?: string },
  ): Outcome<{ iccid: string }> {
    let eid: string | undefined;
    if (input.eid !== undefined) {
      eid = parseEid(input.eid);
      if (!eid) return refuse('8.1.1', '2.1', 'Invalid EID', input.eid);
    }
    let profile: SimProfile;
    if (input.iccid !== undefined) {
      const found = this.owned(owner, input.iccid);
      if (!found.ok) return found;
      profile = found.value;
      if (input.profileType !== undefined && input.profileType !== profile.profileType) {
        return refuse('8.2.5', '3.10', 'Profile type does not match the ICCID', profile.iccid);
      }
      if (profile.state !== 'Available') return refuse('8.2.1', '3.3', 'Already in use', profile.iccid);
    } else if (input.profileType !== undefined) {
      const ofType = [...this.profiles.values()].filter(
        (candidate) => candidate.owner === owner && candidate.profileType === input.profileType,
      );
      if (ofType.length === 0) return refuse('8.2.5', '3.9', 'Unknown profile type', input.profileType);
      const free = ofType.find((candidate) => candidate.state === 'Available');
      if (!free) return refuse('8.2.5', '3.7', 'No profile of this type is available', input.profileType);
      profile = free;
    } else {
      return refuse('8.2.1', '2.3', 'Either iccid or profileType is required');
    }
    profile.state = eid ? 'Linked' : 'Allocated';
    profile.eid = eid;
    profile.orderedAt = this.clock.now();
    return ok({ iccid: profile.iccid });
  }

  confirmOrder(
    owner: string,
    input: {
      iccid: string;
      releaseFlag: boolean;
      eid?: string;
      matchingId?: string;
      confirmationCode?: string;
      smdsAddress?: string;
    },
  ): Outcome<{ matchingId: string; eid: string | undefined; smdpAddress: string }> {
    const found = this.owned(owner, input.iccid);
    if (!found.ok) return found;
    const profile = found.value;
    let eid: string | undefined;
    if (input.eid !== undefined) {
      eid = parseEid(input.eid);
      if (!eid) return refuse('8.1.1', '2.1', 'Invalid EID', input.eid);
    }
    const answer = () =>
      ok({ matchingId: profile.matchingId!, eid: profile.eid, smdpAddress: this.smdpAddress });
    if (profile.state === 'Confirmed' || profile.state === 'Released') {
      // The same confirmation again (a retried call) is answered as the first; anything else is a wrong step.
      const same =
        (input.matchingId === undefined || input.matchingId === profile.matchingId) &&
        (eid === undefined || eid === profile.eid);
      return same ? answer() : refuse('8.2.1', '3.5', 'Invalid transition', profile.iccid);
    }
    if (profile.state !== 'Allocated' && profile.state !== 'Linked') {
      return refuse('8.2.1', '3.5', 'Invalid transition', profile.iccid);
    }
    if (profile.eid && eid && eid !== profile.eid) {
      return refuse('8.1.1', '3.10', 'EID differs from the one linked at DownloadOrder', eid);
    }
    const boundEid = profile.eid ?? eid;
    if (input.smdsAddress !== undefined && !boundEid) {
      return refuse('8.1.1', '2.2', 'An SM-DS address needs an EID');
    }
    let matchingId = input.matchingId;
    if (matchingId === '') {
      if (!boundEid) return refuse('8.1.1', '2.2', 'An empty matching id needs an EID');
    } else if (matchingId !== undefined) {
      if (!MATCHING_ID.test(matchingId)) return refuse('8.2.6', '2.1', 'Invalid matching id', matchingId);
      const taken = [...this.profiles.values()].some(
        (other) => other !== profile && other.matchingId === matchingId && BOOKED.includes(other.state),
      );
      if (taken) return refuse('8.2.6', '3.3', 'Matching id already in use', matchingId);
    } else {
      matchingId = `MID-${randomBytes(6).toString('hex').toUpperCase()}`;
    }
    profile.eid = boundEid;
    profile.matchingId = matchingId;
    profile.confirmationCodeHash =
      input.confirmationCode === undefined ? undefined : sha256(input.confirmationCode);
    profile.smdsAddress = input.smdsAddress;
    profile.state = input.releaseFlag ? 'Released' : 'Confirmed';
    profile.orderedAt = this.clock.now();
    return answer();
  }

  cancelOrder(
    owner: string,
    input: { iccid: string; finalProfileStatusIndicator: string; eid?: string; matchingId?: string },
  ): Outcome<null> {
    const found = this.owned(owner, input.iccid);
    if (!found.ok) return found;
    const profile = found.value;
    if (
      input.finalProfileStatusIndicator !== 'Available' &&
      input.finalProfileStatusIndicator !== 'Unavailable'
    ) {
      return refuse('8.2', '2.1', 'finalProfileStatusIndicator must be Available or Unavailable');
    }
    if (profile.state === 'Downloaded' || profile.state === 'Installed') {
      return refuse('8.2.1', '3.3', 'Already downloaded', profile.iccid);
    }
    if (!BOOKED.includes(profile.state)) return refuse('8.2.1', '3.5', 'Invalid transition', profile.iccid);
    if (input.eid !== undefined && input.eid !== profile.eid) {
      return refuse('8.1.1', '3.10', 'EID does not match the order', input.eid);
    }
    if (input.matchingId !== undefined && input.matchingId !== profile.matchingId) {
      return refuse('8.2.6', '3.10', 'Matching id does not match the order', input.matchingId);
    }
    Object.assign(profile, {
      state: input.finalProfileStatusIndicator,
      eid: undefined,
      matchingId: undefined,
      confirmationCodeHash: undefined,
      smdsAddress: undefined,
      downloadAttempts: 0,
      orderedAt: undefined,
    });
    return ok(null);
  }

  releaseProfile(owner: string, input: { iccid: string }): Outcome<null> {
    const found = this.owned(owner, input.iccid);
    if (!found.ok) return found;
    const profile = found.value;
    if (profile.state === 'Released') return ok(null);
    if (profile.state !== 'Confirmed') return refuse('8.2.1', '3.5', 'Invalid transition', profile.iccid);
    profile.state = 'Released';
    return ok(null);
  }

  /**
   * A device asks for the profile behind an activation code (what ES9+ AuthenticateClient and
   * GetBoundProfilePackage check): the order is released, for this EID, not expired, within its attempts, and the
   * confirmation code's hash matches. Answers the profile, now Downloaded, or the refusal and its notification
   * point (1 eligibility, 2 confirmation code).
   */
  download(input: {
    matchingId: string;
    eid: string;
    confirmationCode?: string;
  }):
    { ok: true; profile: SimProfile } | { ok: false; refusal: Refusal; point: 1 | 2; profile?: SimProfile } {
    const profile = [...this.profiles.values()].find(
      (candidate) => candidate.matchingId === input.matchingId,
    );
    if (!profile)
      return { ok: false, point: 1, refusal: refuse('8.2.6', '3.8', 'Unknown matching id').refusal };
    const fail = (point: 1 | 2, refusal: Refusal) => ({ ok: false as const, point, refusal, profile });
    if (profile.state !== 'Released') return fail(1, refuse('8.2', '1.2', 'Profile not released').refusal);
    if (profile.eid && profile.eid !== input.eid)
      return fail(1, refuse('8.1.1', '3.8', 'Refused: other EID').refusal);
    const expired =
      this.orderTtlMs !== undefined &&
      profile.orderedAt !== undefined &&
      this.clock.now().getTime() - profile.orderedAt.getTime() > this.orderTtlMs;
    if (expired) return fail(1, refuse('8.8.5', '4.10', 'Download order expired').refusal);
    if (profile.downloadAttempts >= DOWNLOAD_ATTEMPTS_MAX) {
      return fail(1, refuse('8.8.5', '6.4', 'Maximum number of download attempts exceeded').refusal);
    }
    if (profile.confirmationCodeHash) {
      if (input.confirmationCode === undefined) {
        return fail(2, refuse('8.2.7', '2.2', 'Confirmation code missing').refusal);
      }
      // The device hashes the code with a fresh transaction id; the SM-DP+ checks against its stored hash.
      const transactionId = randomBytes(16).toString('hex').toUpperCase();
      const sent = hashConfirmationCode(sha256(input.confirmationCode), transactionId);
      const expected = hashConfirmationCode(profile.confirmationCodeHash, transactionId);
      if (!sent.equals(expected)) return fail(2, refuse('8.2.7', '3.8', 'Confirmation code refused').refusal);
    }
    profile.downloadAttempts += 1;
    profile.eid = input.eid;
    profile.state = 'Downloaded';
    return { ok: true, profile };
  }

  /** The device reports the installation (PIR): Installed, or back to Released for another attempt. */
  installed(profile: SimProfile, success: boolean): void {
    profile.state = success ? 'Installed' : 'Released';
  }
}
