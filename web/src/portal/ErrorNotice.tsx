import { useI18n } from '../i18n/I18nProvider';
import type { LoadError } from './api';

/** A failed request, in the user's language, with a way to try again. */
export function ErrorNotice({ error, onRetry }: { error: LoadError; onRetry: () => void }) {
  const { t } = useI18n();
  const message =
    error.kind === 'api'
      ? error.message
      : error.kind === 'http'
        ? t('error.http', { status: error.status })
        : t('error.network');
  return (
    <div className="notice notice--error" role="alert">
      <p className="notice__title">{t('error.title')}</p>
      <p className="notice__message">{message}</p>
      <button type="button" className="button button--secondary" onClick={onRetry}>
        {t('error.retry')}
      </button>
    </div>
  );
}
