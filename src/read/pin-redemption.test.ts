import { describe, expect, it } from 'vitest';
import { redemptionSteps } from './pin-redemption.js';

describe('refill PIN redemption steps', () => {
  it.each(['t-mobile', 'att', 'verizon', undefined])(
    'gives %s the same steps in Chinese and English',
    (carrier) => {
      const zh = redemptionSteps(carrier, 'zh-CN');
      const en = redemptionSteps(carrier, 'en');
      expect(zh.length).toBe(en.length);
      expect(zh.length).toBeGreaterThanOrEqual(3);
    },
  );

  it('gives each carrier the number its own support pages name, the same in both languages', () => {
    const codes = { 't-mobile': '*233', att: '611', verizon: '*611' } as const;
    for (const [carrier, code] of Object.entries(codes)) {
      expect(redemptionSteps(carrier, 'zh-CN')[0]).toContain(code);
      expect(redemptionSteps(carrier, 'en')[0]).toContain(code);
    }
    expect(redemptionSteps('att', 'en').join(' ')).toContain('*888*PIN#');
  });

  it('falls back to the generic steps for a carrier it does not know', () => {
    expect(redemptionSteps('mint-mobile', 'en')).toEqual(redemptionSteps(undefined, 'en'));
  });
});
