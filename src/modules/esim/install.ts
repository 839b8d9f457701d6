import QRCode from 'qrcode';
import { buildActivationCode, lpaString, type ActivationCode } from './activation-code.js';

/**
 * The ways a customer installs an eSIM, all from one activation code: a QR code to scan (PNG for email and
 * download, SVG for the page), Apple's one-tap link (iOS 17.4 and later: the phone opens its own installer, no
 * second device needed), the `LPA:` string Android's "enter code manually" screen accepts, and the two fields of
 * manual entry (SM-DP+ address, activation code) for any device.
 */

// Upper-case codes stay inside QR's alphanumeric set; medium error correction survives a scratched screen.
const QR_OPTIONS = { errorCorrectionLevel: 'M', margin: 2 } as const;

export async function installQrPng(code: ActivationCode, widthPx = 480): Promise<Buffer> {
  return QRCode.toBuffer(lpaString(code), { ...QR_OPTIONS, type: 'png', width: widthPx });
}

export async function installQrSvg(code: ActivationCode): Promise<string> {
  return QRCode.toString(lpaString(code), { ...QR_OPTIONS, type: 'svg' });
}

/** Apple's universal link: opening it on the iPhone itself starts the eSIM installation. */
export function appleInstallLink(code: ActivationCode): string {
  return `https://esimsetup.apple.com/esim_qrcode_provisioning?carddata=${encodeURIComponent(lpaString(code))}`;
}

export interface ManualEntry {
  /** iOS "SM-DP+ Address", Android "Server" / the first part of the code. */
  smdpAddress: string;
  /** iOS "Activation Code": the matching id. */
  activationCode: string;
  /** The whole `LPA:1$…` string, which Android's manual-entry field takes as is. */
  lpa: string;
  confirmationCodeRequired: boolean;
}

export function manualEntry(code: ActivationCode): ManualEntry {
  buildActivationCode(code);
  return {
    smdpAddress: code.smdpAddress,
    activationCode: code.matchingId,
    lpa: lpaString(code),
    confirmationCodeRequired: code.confirmationCodeRequired,
  };
}
