import { describe, expect, it } from 'vitest';
import { AppError } from './errors.js';
import { formatPhoneNumber, parseE164, parseRealNumber } from './phone.js';

const codeOf = (input: string) => {
  try {
    parseRealNumber(input);
    return 'ok';
  } catch (error) {
    return (error as AppError).code;
  }
};

describe('the one phone rule', () => {
  it('takes a real number with its country code, and says what is wrong with any other', () => {
    expect(parseRealNumber(' +1 (646) 217-4512 ')).toMatchObject({
      e164: '+16462174512',
      countryIso: 'US',
      type: 'FIXED_LINE_OR_MOBILE',
    });
    expect(parseRealNumber('+86 10 6552 9988')).toMatchObject({ countryIso: 'CN', type: 'FIXED_LINE' });
    expect(codeOf('646 217 4512')).toBe('phone_country_code_missing');
    expect(codeOf('+1 123 456 7890')).toBe('phone_invalid');
    expect(codeOf('+1 212 555 0123')).toBe('phone_fictional');
    expect(codeOf('+1 212 555 0199')).toBe('phone_fictional');
    expect(codeOf('+1 212 555 0200')).toBe('ok');
  });

  it('formats a number for any reader, internationally', () => {
    expect(formatPhoneNumber('+16462174512')).toBe('+1 646 217 4512');
    expect(formatPhoneNumber('+8613812345678')).toBe('+86 138 1234 5678');
    expect(formatPhoneNumber('not a number')).toBe('not a number');
  });

  it('lets a search find a number stored before the rule refused it', () => {
    expect(parseE164('+1 212 555 0123')).toBe('+12125550123');
    expect(parseE164('212 555 0123')).toBeUndefined();
  });
});
