import type { consoleEn } from './console-en';
import type { consoleZhCN } from './console-zh-CN';
import type { esimEn } from './esim-en';
import type { esimZhCN } from './esim-zh-CN';
import { en } from './en';
import { zhCN } from './zh-CN';

/**
 * A tiny typed i18n: two dictionaries with the same keys, `{name}` placeholders, and the locale choice kept
 * in localStorage and in the `simfill_locale` cookie the API reads to pick the language of names and errors.
 */

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** The portal's keys (loaded with the first page) and the console's (loaded with the console's code). */
type PortalKey = keyof typeof en;
type ConsoleKey = keyof typeof consoleEn;
/** The eSIM pages' keys (buy, install, the eSIM line, its top-up): loaded with those pages' code. */
type EsimKey = keyof typeof esimEn;
export type MessageKey = PortalKey | ConsoleKey | EsimKey;
type English = typeof en & typeof consoleEn & typeof esimEn;
type Chinese = typeof zhCN & typeof consoleZhCN & typeof esimZhCN;
export type Messages = { readonly [K in PortalKey]: string };
export type ConsoleMessages = { readonly [K in ConsoleKey]: string };
export type EsimMessages = { readonly [K in EsimKey]: string };

/** The placeholder names in a message: `'{count} plans'` → `'count'`. */
type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never;
type ParamsOf<K extends MessageKey> = Placeholders<English[K]>;
export type MessageValues<K extends MessageKey> = Record<ParamsOf<K>, string | number>;
/** `t('results.empty')` takes no values; `t('results.count_other', { count })` requires them. */
export type MessageArgs<K extends MessageKey> = [ParamsOf<K>] extends [never]
  ? []
  : [values: MessageValues<K>];

// Both dictionaries must use the same placeholders for every key (a type error names no key, so check the
// `Mismatched` union in your editor when this line fails).
type Mismatched = {
  [K in MessageKey]: [ParamsOf<K>] extends [Placeholders<Chinese[K]>]
    ? [Placeholders<Chinese[K]>] extends [ParamsOf<K>]
      ? never
      : K
    : K;
}[MessageKey];
type Assert<T extends true> = T;
export type PlaceholdersMatch = Assert<[Mismatched] extends [never] ? true : false>;

const DICTIONARIES: Record<Locale, Partial<Record<MessageKey, string>>> = {
  'zh-CN': { ...zhCN },
  en: { ...en },
};

/**
 * Adds the console's messages (its lazily loaded code calls this once, before its first render): the portal's
 * first page does not carry the staff pages' two hundred strings.
 */
export function registerConsoleMessages(messages: Record<Locale, ConsoleMessages>): void {
  for (const locale of LOCALES) Object.assign(DICTIONARIES[locale], messages[locale]);
}

/** Adds the eSIM pages' messages (install guides in two languages stay out of the portal's first load). */
export function registerEsimMessages(messages: Record<Locale, EsimMessages>): void {
  for (const locale of LOCALES) Object.assign(DICTIONARIES[locale], messages[locale]);
}

/** A key whose dictionary is not loaded (a console key before the console's code) reads as itself. */
const messageOf = (locale: Locale, key: MessageKey): string => DICTIONARIES[locale][key] ?? key;

function interpolate(template: string, values: Partial<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => {
    const value = values[name];
    return value === undefined ? match : String(value);
  });
}

export function translate<K extends MessageKey>(locale: Locale, key: K, ...args: MessageArgs<K>): string {
  return interpolate(messageOf(locale, key), args[0] ?? {});
}

/** Message keys that come in `_one` / `_other` pairs, each with a `{count}` placeholder. */
export type PluralKey = {
  [K in MessageKey]: K extends `${infer Base}_one`
    ? `${Base}_other` extends MessageKey
      ? Base
      : never
    : never;
}[MessageKey];

export function translatePlural(locale: Locale, key: PluralKey, count: number): string {
  const category = new Intl.PluralRules(locale).select(count) === 'one' ? 'one' : 'other';
  const fullKey: MessageKey = `${key}_${category}`;
  return interpolate(messageOf(locale, fullKey), { count: new Intl.NumberFormat(locale).format(count) });
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(DICTIONARIES.en, key);
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export const LOCALE_STORAGE_KEY = 'simfill_locale';
export const LOCALE_COOKIE = 'simfill_locale';
const ONE_YEAR_SECONDS = 31_536_000;

/** The browser's preference: any Chinese (`zh`, `zh-TW`, `zh-Hans-CN`, …) → zh-CN, anything else → en. */
export function localeFromBrowser(languages: readonly string[]): Locale {
  return languages.some((tag) => /^zh(-|$)/i.test(tag)) ? 'zh-CN' : 'en';
}

function readStoredLocale(): Locale | undefined {
  try {
    const stored = window.localStorage.getItem(LOCALE_STORAGE_KEY);
    if (isLocale(stored)) return stored;
  } catch {
    // Storage can be disabled (private browsing, policies); the cookie still remembers the choice.
  }
  const cookie = document.cookie
    .split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${LOCALE_COOKIE}=`));
  const value = cookie?.slice(LOCALE_COOKIE.length + 1);
  return isLocale(value) ? value : undefined;
}

/** Remembers an explicit choice for the portal (localStorage) and for the API (cookie). */
export function rememberLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // See readStoredLocale.
  }
  document.cookie = `${LOCALE_COOKIE}=${locale}; path=/; max-age=${ONE_YEAR_SECONDS}; samesite=lax`;
}

/** The remembered choice, else the browser's languages. A remembered choice also refreshes the cookie. */
export function initialLocale(): Locale {
  const stored = readStoredLocale();
  if (stored) {
    rememberLocale(stored);
    return stored;
  }
  const languages = navigator.languages.length > 0 ? navigator.languages : [navigator.language];
  return localeFromBrowser(languages);
}

/** Keeps `<html lang>` and the tab title in the page's language. */
export function applyLocaleToDocument(locale: Locale): void {
  document.documentElement.lang = locale;
  document.title = translate(locale, 'app.title');
}
