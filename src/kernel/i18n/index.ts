import i18next, { type i18n } from 'i18next';
import { en } from './en.js';
import { zhCN } from './zh-CN.js';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';
/** The cookie the portal's language switch sets; an explicit choice beats the browser's header. */
export const LOCALE_COOKIE = 'simfill_locale';

const instance: i18n = i18next.createInstance();
void instance.init({
  initAsync: false,
  resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
  lng: DEFAULT_LOCALE,
  fallbackLng: DEFAULT_LOCALE,
  supportedLngs: [...LOCALES],
  interpolation: { escapeValue: false },
  returnNull: false,
});

export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}

/** Maps a language tag onto a supported locale: any Chinese → zh-CN, any English → en. */
export function matchLocale(tag: string): Locale | undefined {
  const lower = tag.trim().toLowerCase();
  if (lower === 'zh' || lower.startsWith('zh-')) return 'zh-CN';
  if (lower === 'en' || lower.startsWith('en-')) return 'en';
  return undefined;
}

/** Picks the best supported locale from an `Accept-Language` header, honouring q-values. */
export function localeFromAcceptLanguage(header: string | undefined): Locale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .slice(0, 20)
    .map((part, index) => {
      const [tag = '', ...params] = part.split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q ? Number(q.slice(2)) : 1;
      return { tag, quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((entry) => entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const entry of ranked) {
    const locale = matchLocale(entry.tag);
    if (locale) return locale;
  }
  return undefined;
}

/** The user's explicit choice first, then the browser's Accept-Language, then the default. */
export function resolveLocale(choice: string | undefined, acceptLanguage: string | undefined): Locale {
  if (choice) {
    const chosen = matchLocale(choice);
    if (chosen) return chosen;
  }
  return localeFromAcceptLanguage(acceptLanguage) ?? DEFAULT_LOCALE;
}

export function translate(locale: Locale, key: string, values: Record<string, unknown> = {}): string {
  return instance.t(key, { lng: locale, ...values });
}

/** The translation of `key` when the catalog has one, else `fallback` (a field name with no label, say). */
export function translateIfKnown(locale: Locale, key: string, fallback: string): string {
  return instance.exists(key, { lng: locale }) ? instance.t(key, { lng: locale }) : fallback;
}

/** A localized text stored with content (plan names, descriptions): one string per locale. */
export type LocalizedText = Record<Locale, string>;

export function pickText(text: LocalizedText, locale: Locale): string {
  return text[locale] || text[DEFAULT_LOCALE];
}
