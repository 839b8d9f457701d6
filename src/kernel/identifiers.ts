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
