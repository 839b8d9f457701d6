import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import {
  applyLocaleToDocument,
  initialLocale,
  rememberLocale,
  translate,
  translatePlural,
  type Locale,
  type MessageArgs,
  type MessageKey,
  type PluralKey,
} from './index';

export interface I18n {
  locale: Locale;
  /** An explicit choice: remembered in localStorage and the `simfill_locale` cookie. */
  setLocale: (locale: Locale) => void;
  t: <K extends MessageKey>(key: K, ...args: MessageArgs<K>) => string;
  /** A `_one` / `_other` message for `count`, with `{count}` formatted for the locale. */
  plural: (key: PluralKey, count: number) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);

  useEffect(() => applyLocaleToDocument(locale), [locale]);

  const setLocale = useCallback((next: Locale) => {
    rememberLocale(next);
    setLocaleState(next);
  }, []);

  const value = useMemo<I18n>(
    () => ({
      locale,
      setLocale,
      t: (key, ...args) => translate(locale, key, ...args),
      plural: (key, count) => translatePlural(locale, key, count),
    }),
    [locale, setLocale],
  );

  return <I18nContext value={value}>{children}</I18nContext>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n must be used inside <I18nProvider>');
  return i18n;
}
