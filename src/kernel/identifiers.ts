/**
 * Telecom identifiers with a check digit. Luhn (ISO/IEC 7812 Annex B, mod 10): from the rightmost digit of the
 * payload, double every second digit starting with that one, subtract 9 from results above 9, sum everything;
 * the check digit is `(10 − sum mod 10) mod 10`.
 */

export function luhnCheckDigit(payload: string): number {
  if (!/^\d+$/.test(payload)) throw new RangeError('a Luhn payload is decimal digits');
  let sum = 0;
  for (let index = 0; index < payload.length; index += 1) {
    const digit = payload.charCodeAt(payload.length - 1 - index) - 48;
    const weighted = index % 2 === 0 ? digit * 2 : digit;
    sum += weighted > 9 ? weighted - 9 : weighted;
  }
  return (10 - (sum % 10)) % 10;
}

export function hasValidLuhn(digits: string): boolean {
  return /^\d{2,}$/.test(digits) && luhnCheckDigit(digits.slice(0, -1)) === Number(digits.at(-1));
}

/**
 * An ICCID as printed on a SIM card (E.118): `89` (telecom), 19 or 20 digits of which the last is the Luhn check
 * digit. Spaces and dashes a person types are ignored. Returns the digits, or undefined when it is not one.
 */
export function parseIccid(input: string): string | undefined {
  const digits = input.replace(/[\s-]/g, '');
  if (!/^89\d{17,18}$/.test(digits)) return undefined;
  return hasValidLuhn(digits) ? digits : undefined;
}

/**
 * An ICCID as a SIM's EF.ICCID holds it: 10 bytes of nibble-swapped BCD, a 19-digit ICCID padded with `F`
 * (TS 102 221 §13.2). `8988211000000530082` → `988812010000500380F2`.
 */
export function iccidToEfBcd(iccid: string): string {
  if (parseIccid(iccid) !== iccid) throw new RangeError('not an ICCID');
  const padded = iccid.padEnd(20, 'F');
  let hex = '';
  for (let index = 0; index < padded.length; index += 2) hex += padded[index + 1]! + padded[index]!;
  return hex;
}

/** Reads EF.ICCID's BCD back (the `F` padding dropped); undefined when it does not hold a valid ICCID. */
export function iccidFromEfBcd(hex: string): string | undefined {
  if (!/^[0-9A-Fa-f]{20}$/.test(hex)) return undefined;
  let digits = '';
  for (let index = 0; index < hex.length; index += 2) digits += hex[index + 1]! + hex[index]!;
  return parseIccid(digits.toUpperCase().replace(/F$/, ''));
}

/**
 * EID check digits (GSMA SGP.29, ISO/IEC 7064 mod 97-10): the last two digits of the 32 set to `00`, the check
 * is `98 − (N mod 97)`, two digits. BigInt: 32 digits do not fit a double.
 */
export function eidCheckDigits(first30: string): string {
  if (!/^\d{30}$/.test(first30)) throw new RangeError('an EID without its check digits is 30 digits');
  const remainder = BigInt(`${first30}00`) % 97n;
  return String(98n - remainder).padStart(2, '0');
}

/**
 * An EID (the eUICC's id, shown under Settings → About or by dialling *#06#): 32 digits starting `89` whose
 * value mod 97 is 1. Spaces a person types are ignored. A valid EID proves the device has an eSIM chip.
 */
export function parseEid(input: string): string | undefined {
  const digits = input.replace(/\s/g, '');
  if (!/^89\d{30}$/.test(digits)) return undefined;
  return BigInt(digits) % 97n === 1n ? digits : undefined;
}

/**
 * An IMEI (TS 23.003 §6.2): 15 digits, TAC (8, the model) + serial (6) + Luhn check digit; an IMEISV (16 digits:
 * TAC + serial + software version, no check digit) is accepted too. Spaces, dashes and slashes are ignored.
 */
export function parseImei(
  input: string,
): { imei: string; tac: string; softwareVersion?: string } | undefined {
  const digits = input.replace(/[\s/-]/g, '');
  if (/^\d{15}$/.test(digits))
    return hasValidLuhn(digits) ? { imei: digits, tac: digits.slice(0, 8) } : undefined;
  if (/^\d{16}$/.test(digits)) {
    const imei = digits.slice(0, 14) + String(luhnCheckDigit(digits.slice(0, 14)));
    return { imei, tac: digits.slice(0, 8), softwareVersion: digits.slice(14) };
  }
  return undefined;
}
