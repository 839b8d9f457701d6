import { describe, expect, it } from 'vitest';
import { androidGuideOf, countryNames, groupedIccid, platformOf } from '../web/src/portal/esim/esimText.js';

/** What the eSIM pages decide from the browser and show to the eye: the install way offered first, the ICCID. */
describe('the eSIM install page', () => {
  const ua = {
    iphone:
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
    pixel:
      'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
    samsung:
      'Mozilla/5.0 (Linux; Android 14; SM-S921B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36',
    desktop:
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  };

  it('offers the one-tap install on an iPhone, the LPA code on Android, the QR code elsewhere', () => {
    expect(platformOf(ua.iphone)).toBe('ios');
    expect(platformOf(ua.pixel)).toBe('android');
    expect(platformOf(ua.samsung)).toBe('android');
    expect(platformOf(ua.desktop)).toBe('other');
  });

  it('opens Samsung’s guide on a Samsung and Pixel’s on other Android phones', () => {
    expect(androidGuideOf(ua.samsung)).toBe('samsung');
    expect(androidGuideOf(ua.pixel)).toBe('pixel');
  });

  it('groups an ICCID in fours as a SIM card prints it', () => {
    expect(groupedIccid('8985200000000001234')).toBe('8985 2000 0000 0001 234');
    expect(groupedIccid('89852000000000012345')).toBe('8985 2000 0000 0001 2345');
  });

  it('names countries in the reader’s language, the first few and how many more', () => {
    expect(countryNames('zh-CN', ['US', 'CA'])).toEqual({ names: '美国、加拿大', more: 0 });
    expect(countryNames('en', ['US', 'CA', 'MX'], 2)).toEqual({ names: 'United States, Canada', more: 1 });
  });
});
