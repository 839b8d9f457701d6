import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasValidLuhn, luhnCheckDigit, parseIccid } from './identifiers.js';

describe('Luhn check digits and ICCIDs', () => {
  it('matches the published test vectors', () => {
    expect(luhnCheckDigit('898821100000053008')).toBe(2);
    expect(luhnCheckDigit('26053179311383')).toBe(7); // TS 23.003's IMEI example
    expect(luhnCheckDigit('890126000000000123')).toBe(6);
    expect(hasValidLuhn('490154203237518')).toBe(true);
    expect(hasValidLuhn('490154203237519')).toBe(false);
  });

  it('accepts 19- and 20-digit ICCIDs with their check digit, as people type them', () => {
    expect(parseIccid('8988211000000530082')).toBe('8988211000000530082');
    expect(parseIccid('89882110000005300811')).toBe('89882110000005300811');
    expect(parseIccid('8901 2600 0000 0001 236')).toBe('8901260000000001236');
  });

  it('refuses a wrong check digit, a wrong prefix, the wrong length and letters', () => {
    for (const bad of ['8988211000000530081', '9988211000000530082', '898821100000053008', 'ABCD', '']) {
      expect(parseIccid(bad)).toBeUndefined();
    }
  });

  it('catches every single mistyped digit (property)', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^89\d{16,17}$/),
        fc.nat(),
        fc.integer({ min: 1, max: 9 }),
        (payload, at, delta) => {
          const iccid = payload + String(luhnCheckDigit(payload));
          expect(parseIccid(iccid)).toBe(iccid);
          const position = 2 + (at % (iccid.length - 2));
          const typo = (Number(iccid[position]) + delta) % 10;
          const mistyped = iccid.slice(0, position) + String(typo) + iccid.slice(position + 1);
          expect(parseIccid(mistyped)).toBeUndefined();
        },
      ),
    );
  });
});
