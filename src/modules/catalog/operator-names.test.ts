import { describe, expect, it } from 'vitest';
import { operatorDisplayName, operatorNames } from './operator-names.js';

describe('operator names', () => {
  it('gives the well-known operators their own names, in Chinese for the Chinese ones', () => {
    expect(operatorDisplayName('China Mobile China', 'zh-CN')).toBe('中国移动');
    expect(operatorDisplayName('China Mobile China', 'en')).toBe('China Mobile');
    expect(operatorDisplayName('China Unicom China', 'zh-CN')).toBe('中国联通');
    expect(operatorDisplayName('China Telecom China', 'zh-CN')).toBe('中国电信');
    expect(operatorDisplayName('T-Mobile United States', 'zh-CN')).toBe('T-Mobile');
    expect(operatorDisplayName('T-Mobile PIN United States', 'en')).toBe('T-Mobile');
    expect(operatorDisplayName('AT&T United States Bundles', 'zh-CN')).toBe('AT&T');
    expect(operatorDisplayName('Verizon United States', 'en')).toBe('Verizon');
    expect(operatorDisplayName('Metro by T-Mobile United States', 'en')).toBe('Metro by T-Mobile');
    expect(operatorNames('China Mobile China')).toEqual({ 'zh-CN': '中国移动', en: 'China Mobile' });
  });

  it('drops the country and product line a provider appends to any other operator, and keeps the rest', () => {
    expect(operatorDisplayName('Tello Mobile United States Data', 'zh-CN')).toBe('Tello Mobile');
    expect(operatorDisplayName('Red Pocket USA', 'en')).toBe('Red Pocket');
    expect(operatorDisplayName('China Something Mobile', 'en')).toBe('China Something Mobile');
    expect(operatorDisplayName('United States', 'en')).toBe('United States');
  });
});
