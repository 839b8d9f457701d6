import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addMoney,
  convertMoney,
  convertMoneyByInverseRate,
  divideRoundHalfEven,
  formatMoney,
  isRate,
  markUpRate,
  percentOf,
  minorUnitDigits,
  money,
  parseDecimalAmount,
  subtractMoney,
  toDecimalString,
} from './money.js';

const amountMinor = fc.integer({ min: -1_000_000_000, max: 1_000_000_000 });
const rate = fc
  .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99_999_999 }))
  .filter(([whole, fraction]) => whole > 0 || fraction > 0)
  .map(([whole, fraction]) => `${whole}.${String(fraction).padStart(8, '0')}`);

describe('money', () => {
  it('knows the minor unit of each currency', () => {
    expect(minorUnitDigits('USD')).toBe(2);
    expect(minorUnitDigits('CNY')).toBe(2);
    expect(minorUnitDigits('JPY')).toBe(0);
    expect(minorUnitDigits('KWD')).toBe(3);
  });

  it('refuses floats, unknown currencies and mixed-currency arithmetic', () => {
    expect(() => money(19.99, 'USD')).toThrow(/safe integer/);
    expect(() => money(100, 'XYZ')).toThrow(/ISO 4217/);
    expect(() => money(100, 'usd')).toThrow(/ISO 4217/);
    expect(() => addMoney(money(1, 'USD'), money(1, 'CNY'))).toThrow(/currency mismatch/);
  });

  it('adds and subtracts exactly (property)', () => {
    fc.assert(
      fc.property(amountMinor, amountMinor, (a, b) => {
        const sum = addMoney(money(a, 'USD'), money(b, 'USD'));
        expect(sum.amountMinor).toBe(a + b);
        expect(subtractMoney(sum, money(b, 'USD')).amountMinor).toBe(a);
      }),
    );
  });

  it('writes amounts as exact decimal strings', () => {
    expect(toDecimalString(money(1999, 'USD'))).toBe('19.99');
    expect(toDecimalString(money(-5, 'USD'))).toBe('-0.05');
    expect(toDecimalString(money(1000, 'JPY'))).toBe('1000');
    expect(toDecimalString(money(1, 'KWD'))).toBe('0.001');
    fc.assert(
      fc.property(amountMinor, (a) => {
        // Parsing the decimal string back gives the same minor units.
        const text = toDecimalString(money(a, 'USD'));
        const [whole = '', fraction = ''] = text.replace('-', '').split('.');
        const back = Number(whole) * 100 + Number(fraction);
        expect(text.startsWith('-') ? -back : back).toBe(a);
      }),
    );
  });

  it('formats money for people in their locale', () => {
    expect(formatMoney(money(3000, 'USD'), 'en')).toBe('$30.00');
    expect(formatMoney(money(3000, 'USD'), 'zh-CN')).toBe('US$30.00');
    expect(formatMoney(money(14250, 'CNY'), 'zh-CN')).toBe('¥142.50');
    expect(formatMoney(money(123456789, 'USD'), 'en')).toBe('$1,234,567.89');
  });
});

describe('rounding half to even', () => {
  it('rounds ties to the even neighbour and everything else to the nearest', () => {
    expect(divideRoundHalfEven(5n, 2n)).toBe(2n); // 2.5 → 2
    expect(divideRoundHalfEven(7n, 2n)).toBe(4n); // 3.5 → 4
    expect(divideRoundHalfEven(-5n, 2n)).toBe(-2n);
    expect(divideRoundHalfEven(10n, 3n)).toBe(3n);
    expect(divideRoundHalfEven(20n, 3n)).toBe(7n);
  });

  it('is never more than half a unit away from the exact quotient (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }),
        fc.bigInt({ min: 1n, max: 10n ** 9n }),
        (n, d) => {
          const q = divideRoundHalfEven(n, d);
          const error = n - q * d; // exact quotient minus q, times d
          expect(2n * (error < 0n ? -error : error) <= d).toBe(true);
        },
      ),
    );
  });
});

describe('currency conversion', () => {
  it('converts USD to CNY at a stated rate with half-even rounding', () => {
    expect(convertMoney(money(1000, 'USD'), '7.1234', 'CNY')).toEqual({ amountMinor: 7123, currency: 'CNY' });
    // 0.05 USD × 7.1 = 0.355 CNY → tie → 0.36 (6 is even)
    expect(convertMoney(money(5, 'USD'), '7.1', 'CNY').amountMinor).toBe(36);
    // 0.25 USD × 7.1 = 1.775 → tie → 1.78
    expect(convertMoney(money(25, 'USD'), '7.1', 'CNY').amountMinor).toBe(178);
    // 0.45 USD × 7.1 = 3.195 → tie → 3.20
    expect(convertMoney(money(45, 'USD'), '7.1', 'CNY').amountMinor).toBe(320);
    // to a zero-decimal currency
    expect(convertMoney(money(1000, 'USD'), '151.5', 'JPY').amountMinor).toBe(1515);
  });

  it('converts a face value in CNY back to USD at a CNY-per-USD rate, half to even', () => {
    // ¥50.00 ÷ 7.1 = $7.0422… → $7.04; ¥0.355 is not an amount, but ¥71.00 ÷ 7.1 is exactly $10.00
    expect(convertMoneyByInverseRate(money(5000, 'CNY'), '7.1', 'USD')).toEqual({
      amountMinor: 704,
      currency: 'USD',
    });
    expect(convertMoneyByInverseRate(money(7100, 'CNY'), '7.1', 'USD').amountMinor).toBe(1000);
    // ¥0.25 ÷ 2 = $0.125 → tie → $0.12 (2 is even); ¥0.75 ÷ 2 = $0.375 → $0.38
    expect(convertMoneyByInverseRate(money(25, 'CNY'), '2', 'USD').amountMinor).toBe(12);
    expect(convertMoneyByInverseRate(money(75, 'CNY'), '2', 'USD').amountMinor).toBe(38);
    expect(convertMoneyByInverseRate(money(1515, 'JPY'), '151.5', 'USD').amountMinor).toBe(1000);
  });

  it('inverse conversion is within half a minor unit of the exact quotient and monotonic (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000_000 }),
        fc.integer({ min: 0, max: 1000 }),
        rate,
        (a, step, r) => {
          const low = convertMoneyByInverseRate(money(a, 'CNY'), r, 'USD').amountMinor;
          const high = convertMoneyByInverseRate(money(a + step, 'CNY'), r, 'USD').amountMinor;
          expect(high).toBeGreaterThanOrEqual(low);
          const [whole = '0', fraction = ''] = r.split('.');
          const rateTimes1e8 = BigInt(whole + fraction);
          // exact = a × 10^8 / rateTimes1e8; |exact − low| ≤ ½  ⇔  |2(a·10^8 − low·rate)| ≤ rate
          const diff = BigInt(a) * 10n ** 8n - BigInt(low) * rateTimes1e8;
          expect(2n * (diff < 0n ? -diff : diff) <= rateTimes1e8).toBe(true);
        },
      ),
    );
  });

  it('reads an amount as typed, in the currency’s minor unit, refusing more decimals than it has', () => {
    expect(parseDecimalAmount('50', 'CNY')).toEqual({ ok: true, amountMinor: 5000 });
    expect(parseDecimalAmount(' 50.5 ', 'CNY')).toEqual({ ok: true, amountMinor: 5050 });
    expect(parseDecimalAmount('50.100', 'CNY')).toEqual({ ok: true, amountMinor: 5010 });
    expect(parseDecimalAmount('50.005', 'CNY')).toMatchObject({
      ok: false,
      reason: 'too_precise',
      digits: 2,
    });
    expect(parseDecimalAmount('500.5', 'JPY')).toMatchObject({ ok: false, reason: 'too_precise', digits: 0 });
    for (const bad of ['', '-5', '5,00', '1e3', 'abc', '.5']) {
      expect(parseDecimalAmount(bad, 'CNY')).toMatchObject({ ok: false, reason: 'invalid' });
    }
  });

  it('rejects rates that are not positive decimal strings', () => {
    for (const bad of ['0', '-7.1', '7,1', '1e3', '', 'abc', '0.000']) {
      expect(() => convertMoney(money(100, 'USD'), bad, 'CNY')).toThrow();
    }
  });

  it('is within half a minor unit of the exact value and monotonic in the amount (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000_000 }),
        fc.integer({ min: 0, max: 1000 }),
        rate,
        (a, step, r) => {
          const low = convertMoney(money(a, 'USD'), r, 'CNY').amountMinor;
          const high = convertMoney(money(a + step, 'USD'), r, 'CNY').amountMinor;
          expect(high).toBeGreaterThanOrEqual(low);
          const [whole = '0', fraction = ''] = r.split('.');
          const exactTimes1e8 = BigInt(a) * BigInt(whole + fraction); // = target_minor × 10^8
          const diff = exactTimes1e8 - BigInt(low) * 10n ** 8n;
          expect(2n * (diff < 0n ? -diff : diff) <= 10n ** 8n).toBe(true);
        },
      ),
    );
  });

  it('takes a percentage in basis points, rounding half to even, never above the exact value by more than half a cent (property)', () => {
    expect(percentOf(money(1000, 'USD'), 290).amountMinor).toBe(29);
    expect(percentOf(money(50, 'USD'), 100).amountMinor).toBe(0); // 0.5 → 0 (even)
    expect(percentOf(money(150, 'USD'), 100).amountMinor).toBe(2); // 1.5 → 2 (even)
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        (amount, bps) => {
          const fee = percentOf(money(amount, 'USD'), bps).amountMinor;
          const exactTimes10000 = amount * bps;
          expect(Math.abs(fee * 10_000 - exactTimes10000)).toBeLessThanOrEqual(5_000);
          expect(fee).toBeLessThanOrEqual(amount);
        },
      ),
    );
  });

  it('marks a rate up by basis points to six decimals, half to even, and never below the feed rate (property)', () => {
    expect(markUpRate('7.1234', 100)).toBe('7.194634');
    expect(markUpRate('7.2', 0)).toBe('7.2');
    expect(markUpRate('1', 50)).toBe('1.005');
    fc.assert(
      fc.property(rate, fc.integer({ min: 0, max: 10_000 }), (feed, bps) => {
        const marked = markUpRate(feed, bps);
        expect(isRate(marked) || marked === '0').toBe(true);
        // Compare exactly in units of 10^-8 (the feed has 8 decimals, the result 6).
        const toUnits = (value: string) => {
          const [whole, fraction = ''] = value.split('.');
          return BigInt(whole! + fraction.padEnd(8, '0'));
        };
        const exact = toUnits(feed) * BigInt(10_000 + bps); // ×10^4
        const got = toUnits(marked) * 10_000n;
        const difference = got > exact ? got - exact : exact - got;
        expect(difference).toBeLessThanOrEqual(50n * 10_000n); // at most half a unit of the 6th decimal
      }),
    );
  });

  it('accepts only positive decimal strings as rates', () => {
    expect(isRate('7.1234')).toBe(true);
    expect(isRate('0')).toBe(false);
    expect(isRate('0.000')).toBe(false);
    for (const bad of ['-7', '7,1', '1e3', ' 7', '7.', '.5', 'NaN', '']) expect(isRate(bad)).toBe(false);
  });
});
