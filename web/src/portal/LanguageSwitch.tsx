import { useId } from 'react';
import { isLocale, LOCALES, type Locale } from '../i18n';
import { useI18n } from '../i18n/I18nProvider';

/**
 * The language picker; its label is bilingual so it can be found whichever language is showing. `onChosen`
 * hears a choice the person made here (the portal saves it to the signed-in account, so emails follow it).
 */
export function LanguageSwitch({ onChosen }: { onChosen?: (locale: Locale) => void } = {}) {
  const { locale, setLocale, t } = useI18n();
  const id = useId();
  return (
    <div className="language-switch">
      <label htmlFor={id}>{t('language.label')}</label>
      <select
        id={id}
        value={locale}
        onChange={(event) => {
          if (!isLocale(event.target.value)) return;
          setLocale(event.target.value);
          onChosen?.(event.target.value);
        }}
      >
        {LOCALES.map((option) => (
          <option key={option} value={option} lang={option}>
            {t(`language.${option}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
