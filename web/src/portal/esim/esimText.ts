// Pure text helpers (no imports: test/esim-portal-text.test.ts reads them from Node as they are).

/** The phone this page is open on, as far as its user agent tells: what the install page offers first. */
export type Platform = 'ios' | 'android' | 'other';

export function platformOf(userAgent: string): Platform {
  // iPadOS 13+ reports a Mac: a touch screen tells them apart.
  if (/iPhone|iPad|iPod/.test(userAgent)) return 'ios';
  if (/Macintosh/.test(userAgent) && typeof navigator !== 'undefined' && navigator.maxTouchPoints > 1)
    return 'ios';
  if (/Android/.test(userAgent)) return 'android';
  return 'other';
}

/** Which Android guide fits this phone: Samsung's menus differ from Pixel's (and most others'). */
export function androidGuideOf(userAgent: string): 'samsung' | 'pixel' {
  return /Samsung|SM-[A-Z0-9]/.test(userAgent) ? 'samsung' : 'pixel';
}

/** An ICCID in groups of four digits, as it is printed on a SIM card: `8985 2000 0000 0000 123`. */
export function groupedIccid(iccid: string): string {
  return iccid.replace(/(.{4})(?=.)/g, '$1 ');
}

const regionNames = new Map<string, Intl.DisplayNames>();

/** `['US', 'CA']` → `美国、加拿大` / `United States, Canada`: the first `max` names and how many more. */
export function countryNames(locale: string, codes: string[], max = 6): { names: string; more: number } {
  let names = regionNames.get(locale);
  if (!names) {
    names = new Intl.DisplayNames([locale], { type: 'region' });
    regionNames.set(locale, names);
  }
  const shown = codes.slice(0, max).map((code) => {
    try {
      return names.of(code) ?? code;
    } catch {
      return code;
    }
  });
  return { names: shown.join(locale === 'zh-CN' ? '、' : ', '), more: Math.max(0, codes.length - max) };
}
