import { useI18n } from '../../i18n/I18nProvider';

/** A moment as staff read it in the console's tables: date and time to the second, in the page's language. */
export function useWhen(): (iso: string) => string {
  const { locale } = useI18n();
  return (iso) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(iso));
}
