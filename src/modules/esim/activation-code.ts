/**
 * eSIM activation codes (GSMA SGP.22 §4.1, AC_Format "1"): `1$<SM-DP+ address>$<matching id>[$<SM-DP+ OID>[$1]]`,
 * where a final `1` says the profile needs a confirmation code. A QR code carries it behind `LPA:`. Parsing and
 * building round-trip byte for byte: an empty OID before the confirmation flag is kept as `$$1`.
 */

export interface ActivationCode {
  /** The SM-DP+ server's host name, e.g. `SMDP.GSMA.COM`. */
  smdpAddress: string;
  /** The profile's matching id (may be empty: the device then asks its default SM-DP+ or the SM-DS). */
  matchingId: string;
  /** The SM-DP+ object identifier, when the code names one. */
  smdpOid: string | undefined;
  /** A confirmation code must be typed on the device as well. */
  confirmationCodeRequired: boolean;
}

export const LPA_PREFIX = 'LPA:';

// FQDN labels: letters, digits and hyphens (the `$` separator can never appear in a part).
const SMDP_ADDRESS =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const MATCHING_ID = /^[0-9A-Za-z-]{0,255}$/;
const OID = /^\d+(?:\.\d+)+$/;

export type ActivationCodeProblem =
  'format' | 'smdp_address' | 'matching_id' | 'smdp_oid' | 'confirmation_flag';

/** Reads an activation code, with or without its `LPA:` prefix; says which part is wrong when it is not one. */
export function parseActivationCode(
  input: string,
): { ok: true; code: ActivationCode } | { ok: false; problem: ActivationCodeProblem } {
  const text = input.trim().startsWith(LPA_PREFIX) ? input.trim().slice(LPA_PREFIX.length) : input.trim();
  const parts = text.split('$');
  if (parts[0] !== '1' || parts.length < 3 || parts.length > 5) return { ok: false, problem: 'format' };
  const [, smdpAddress = '', matchingId = '', oid = '', flag] = parts;
  if (!SMDP_ADDRESS.test(smdpAddress)) return { ok: false, problem: 'smdp_address' };
  if (!MATCHING_ID.test(matchingId)) return { ok: false, problem: 'matching_id' };
  if (oid !== '' && !OID.test(oid)) return { ok: false, problem: 'smdp_oid' };
  if (flag !== undefined && flag !== '1') return { ok: false, problem: 'confirmation_flag' };
  // `…$<oid>` with nothing after it and `…$` (an empty OID with no flag) are different texts: keep the OID's
  // presence only when it has a value, so building gives back exactly what a well-formed code says.
  if (parts.length === 4 && oid === '') return { ok: false, problem: 'smdp_oid' };
  return {
    ok: true,
    code: {
      smdpAddress,
      matchingId,
      smdpOid: oid === '' ? undefined : oid,
      confirmationCodeRequired: flag === '1',
    },
  };
}

/** The activation code's text (without `LPA:`). Throws on a part that cannot be written (a `$`, a bad host). */
export function buildActivationCode(code: ActivationCode): string {
  if (!SMDP_ADDRESS.test(code.smdpAddress)) throw new RangeError('the SM-DP+ address is not a host name');
  if (!MATCHING_ID.test(code.matchingId))
    throw new RangeError('the matching id has characters a code cannot carry');
  if (code.smdpOid !== undefined && !OID.test(code.smdpOid))
    throw new RangeError('the SM-DP+ OID is not an OID');
  let text = `1$${code.smdpAddress}$${code.matchingId}`;
  if (code.smdpOid !== undefined || code.confirmationCodeRequired) text += `$${code.smdpOid ?? ''}`;
  if (code.confirmationCodeRequired) text += '$1';
  return text;
}

/** What an eSIM QR code holds: `LPA:` and the activation code. */
export function lpaString(code: ActivationCode): string {
  return LPA_PREFIX + buildActivationCode(code);
}
