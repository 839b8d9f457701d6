import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildActivationCode, lpaString, parseActivationCode } from './activation-code.js';

const VECTORS = [
  '1$SMDP.GSMA.COM$04386-AGYFT-A74Y8-3F815',
  '1$SMDP.GSMA.COM$04386-AGYFT-A74Y8-3F815$$1',
  '1$SMDP.GSMA.COM$04386-AGYFT-A74Y8-3F815$1.3.6.1.4.1.31746$1',
  '1$SMDP.GSMA.COM$04386-AGYFT-A74Y8-3F815$1.3.6.1.4.1.31746',
  '1$SMDP.GSMA.COM$$1.3.6.1.4.1.31746',
];

describe('eSIM activation codes (SGP.22 §4.1)', () => {
  it('parses the published vectors and builds each back byte for byte', () => {
    for (const text of VECTORS) {
      const parsed = parseActivationCode(text);
      expect(parsed.ok).toBe(true);
      if (parsed.ok) expect(buildActivationCode(parsed.code)).toBe(text);
    }
  });

  it('reads each part: address, matching id, OID and the confirmation-code flag', () => {
    expect(parseActivationCode('LPA:1$SMDP.GSMA.COM$04386-AGYFT-A74Y8-3F815$$1')).toEqual({
      ok: true,
      code: {
        smdpAddress: 'SMDP.GSMA.COM',
        matchingId: '04386-AGYFT-A74Y8-3F815',
        smdpOid: undefined,
        confirmationCodeRequired: true,
      },
    });
    const withOid = parseActivationCode(VECTORS[3]!);
    expect(withOid.ok && withOid.code.smdpOid).toBe('1.3.6.1.4.1.31746');
    expect(withOid.ok && withOid.code.confirmationCodeRequired).toBe(false);
  });

  it('names the part that is wrong', () => {
    expect(parseActivationCode('2$SMDP.GSMA.COM$ABC')).toEqual({ ok: false, problem: 'format' });
    expect(parseActivationCode('1$SMDP.GSMA.COM')).toEqual({ ok: false, problem: 'format' });
    expect(parseActivationCode('1$SMDP GSMA$ABC')).toEqual({ ok: false, problem: 'smdp_address' });
    expect(parseActivationCode('1$SMDP.GSMA.COM$AB_C')).toEqual({ ok: false, problem: 'matching_id' });
    expect(parseActivationCode('1$SMDP.GSMA.COM$ABC$not-an-oid')).toEqual({ ok: false, problem: 'smdp_oid' });
    expect(parseActivationCode('1$SMDP.GSMA.COM$ABC$$2')).toEqual({
      ok: false,
      problem: 'confirmation_flag',
    });
    expect(parseActivationCode('1$SMDP.GSMA.COM$ABC$$1$extra')).toEqual({ ok: false, problem: 'format' });
  });

  it('refuses to build a code with a `$` inside a part', () => {
    const code = {
      smdpAddress: 'SMDP.GSMA.COM',
      matchingId: 'AB$C',
      smdpOid: undefined,
      confirmationCodeRequired: false,
    };
    expect(() => buildActivationCode(code)).toThrow(RangeError);
    expect(() => buildActivationCode({ ...code, matchingId: 'ABC', smdpAddress: 'SMDP$GSMA.COM' })).toThrow(
      RangeError,
    );
    expect(lpaString({ ...code, matchingId: 'ABC' })).toBe('LPA:1$SMDP.GSMA.COM$ABC');
  });

  it('round-trips every code it can build (property)', () => {
    const label = fc.stringMatching(/^[A-Za-z0-9]([A-Za-z0-9-]{0,8}[A-Za-z0-9])?$/);
    fc.assert(
      fc.property(
        fc.array(label, { minLength: 1, maxLength: 4 }),
        fc.stringMatching(/^[0-9A-Z-]{0,40}$/),
        fc.option(fc.stringMatching(/^[1-9]\d{0,3}(\.\d{1,5}){1,6}$/), { nil: undefined }),
        fc.boolean(),
        (labels, matchingId, smdpOid, confirmationCodeRequired) => {
          const code = { smdpAddress: labels.join('.'), matchingId, smdpOid, confirmationCodeRequired };
          expect(parseActivationCode(lpaString(code))).toEqual({ ok: true, code });
        },
      ),
    );
  });
});
