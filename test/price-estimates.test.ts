import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convertMoney, money } from '../src/kernel/money.js';
import { convertMinor } from '../web/src/ui/format.js';

/**
 * The CNY estimate beside a price on a plan card or an offer is computed in the portal; it must round exactly as the
 * server's quotes do (kernel `convertMoney`, half to even), or the card and the quote would disagree by a fen.
 */
describe('the portal’s CNY estimate', () => {
  it('converts at a decimal-string rate exactly as quotes do', () => {
    const rate = fc
      .tuple(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 0, max: 999_999 }),
        fc.integer({ min: 0, max: 6 }),
      )
      .map(([whole, fraction, digits]) =>
        digits === 0 ? String(whole) : `${whole}.${String(fraction).padStart(6, '0').slice(0, digits)}`,
      );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), rate, (amountMinor, decimalRate) => {
        expect(convertMinor(amountMinor, 'USD', decimalRate, 'CNY')).toBe(
          convertMoney(money(amountMinor, 'USD'), decimalRate, 'CNY').amountMinor,
        );
      }),
    );
  });

  it('rounds a half fen to even', () => {
    // Whole fen are kept; exactly half a fen goes to the even neighbour (0.5 → 0, 1.5 → 2).
    expect(convertMinor(5, 'USD', '7.25', 'CNY')).toBe(36);
    expect(convertMinor(7, 'USD', '7.25', 'CNY')).toBe(51);
    expect(convertMinor(1, 'USD', '0.5', 'CNY')).toBe(0);
    expect(convertMinor(3, 'USD', '0.5', 'CNY')).toBe(2);
  });
});
