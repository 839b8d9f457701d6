/**
 * The operator's side of an SM-DP+ (GSMA SGP.22 v2.x §5.3, ES2+): reserve a profile (DownloadOrder), confirm it
 * with a matching id for the activation code (ConfirmOrder), cancel or release it. The SM-DP+ reports download
 * and installation back with HandleDownloadProgressInfo, which SimFill hosts. ICCIDs travel as 19 or 20 digits;
 * a trailing `F` (padding some peers send) is dropped on the way in.
 */

export type ProfileOrderStatus = 'Executed-Success' | 'Executed-WithWarning' | 'Failed' | 'Expired';

/** The status code data of an ES2+ answer that did not succeed (SGP.22 §5.1.6.4). */
export interface Es2StatusCode {
  subjectCode: string;
  reasonCode: string;
  subjectIdentifier: string | undefined;
  message: string | undefined;
}

/** The SM-DP+ answered `Failed` (or `Expired`): what it said, for the caller to act on. */
export class Es2PlusFailure extends Error {
  constructor(
    readonly functionName: string,
    readonly status: ProfileOrderStatus,
    readonly code: Es2StatusCode,
  ) {
    super(
      `${functionName} ${status}: ${code.subjectCode}/${code.reasonCode}${code.message ? ` ${code.message}` : ''}`,
    );
    this.name = 'Es2PlusFailure';
  }
}

/** The SM-DP+ could not be reached or answered something that is not ES2+ (a timeout, a 5xx, broken JSON). */
export class Es2PlusTransportError extends Error {
  constructor(
    readonly functionName: string,
    message: string,
  ) {
    super(`${functionName}: ${message}`);
    this.name = 'Es2PlusTransportError';
  }
}

export interface DownloadOrderInput {
  /** Bind the profile to this device now (32 digits); omitted, any device may download it. */
  eid?: string;
  /** A given profile; or `profileType` for the next free one of that type. At least one of the two. */
  iccid?: string;
  profileType?: string;
}

export interface ConfirmOrderInput {
  iccid: string;
  eid?: string;
  /** Omitted: the SM-DP+ makes one. */
  matchingId?: string;
  /** A code the customer must type when installing (the SM-DP+ keeps only its hash). */
  confirmationCode?: string;
  smdsAddress?: string;
  /** True: downloadable at once (Released); false: Confirmed, released later with `releaseProfile`. */
  releaseFlag: boolean;
}

export interface ConfirmedOrder {
  matchingId: string;
  eid: string | undefined;
  smdpAddress: string | undefined;
}

export interface CancelOrderInput {
  iccid: string;
  /** `Available`: the profile goes back to the pool; `Unavailable`: never used again. */
  finalProfileStatusIndicator: 'Available' | 'Unavailable';
  eid?: string;
  matchingId?: string;
}

export interface SmdpPlus {
  /** Answers the ICCID of the reserved profile. */
  downloadOrder(input: DownloadOrderInput): Promise<{ iccid: string }>;
  confirmOrder(input: ConfirmOrderInput): Promise<ConfirmedOrder>;
  cancelOrder(input: CancelOrderInput): Promise<void>;
  releaseProfile(input: { iccid: string }): Promise<void>;
}

/** HandleDownloadProgressInfo's notification points (SGP.22 §5.3.5). */
export const NOTIFICATION_POINTS = {
  eligibility: 1,
  confirmationFailure: 2,
  downloaded: 3,
  installed: 4,
} as const;

/** What the SM-DP+ tells the operator about one step of a download (SimFill hosts the endpoint). */
export interface DownloadProgress {
  iccid: string;
  profileType: string;
  eid: string | undefined;
  timestamp: Date;
  notificationPointId: number;
  status: ProfileOrderStatus;
  code: Es2StatusCode | undefined;
  /** The call's `functionCallIdentifier`: the same on a resend of the same notification. */
  functionCallIdentifier?: string;
}
