import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  eidCheckDigits,
  hasValidLuhn,
  iccidFromEfBcd,
  iccidToEfBcd,
  luhnCheckDigit,
  parseEid,
  parseIccid,
  parseImei,
} from './identifiers.js';

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

describe('EF.ICCID, EIDs and IMEIs', () => {
  it('encodes an ICCID as EF.ICCID holds it, F-padded, and reads it back', () => {
    expect(iccidToEfBcd('8988211000000530082')).toBe('988812010000500380F2');
    expect(iccidFromEfBcd('988812010000500380F2')).toBe('8988211000000530082');
    expect(iccidFromEfBcd(iccidToEfBcd('89882110000005300811'))).toBe('89882110000005300811');
    expect(iccidFromEfBcd('988812010000500380F3')).toBeUndefined();
  });

  it('accepts the published EIDs and refuses a wrong check digit', () => {
    for (const eid of [
      '89049032123451234512345678901235',
      '89086030202200000022000023022943',
      '89044045116727494800000004479366',
    ]) {
      expect(parseEid(eid)).toBe(eid);
    }
    expect(parseEid('89049032123451234512345678901234')).toBeUndefined();
    expect(parseEid('8904 9032 1234 5123 4512 3456 7890 1235')).toBe('89049032123451234512345678901235');
    expect(parseEid('99049032123451234512345678901235')).toBeUndefined();
    expect(parseEid('8904903212345123451234567890123')).toBeUndefined();
  });

  it('computes EID check digits from the first 30 digits (SGP.29 examples)', () => {
    expect(eidCheckDigits('890490321234512345123456789012')).toBe('35');
    expect(eidCheckDigits('898821199000000000000000000000'.slice(0, 28) + '16')).toBe('54');
  });

  it('catches every single mistyped EID digit (property)', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^89\d{28}$/),
        fc.nat(),
        fc.integer({ min: 1, max: 9 }),
        (body, at, delta) => {
          const eid = body + eidCheckDigits(body);
          expect(parseEid(eid)).toBe(eid);
          const position = 2 + (at % 30);
          const typo = (Number(eid[position]) + delta) % 10;
          expect(parseEid(eid.slice(0, position) + String(typo) + eid.slice(position + 1))).toBeUndefined();
        },
      ),
    );
  });

  it('reads an IMEI with its TAC, an IMEISV, and refuses a wrong check digit', () => {
    expect(parseImei('490154203237518')).toEqual({ imei: '490154203237518', tac: '49015420' });
    expect(parseImei('49-015420-323751-8')).toEqual({ imei: '490154203237518', tac: '49015420' });
    expect(parseImei('260531793113837')?.tac).toBe('26053179');
    expect(parseImei('490154203237519')).toBeUndefined();
    expect(parseImei('4901542032375101')).toEqual({
      imei: '490154203237518',
      tac: '49015420',
      softwareVersion: '01',
    });
    expect(parseImei('49015420323751')).toBeUndefined();
  });
});
