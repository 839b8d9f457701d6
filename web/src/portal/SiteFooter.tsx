import { useI18n } from '../i18n/I18nProvider';
import { useDisplayCurrency } from './prices';

export function SiteFooter() {
  const { t } = useI18n();
  const currency = useDisplayCurrency();
  return (
    <footer className="site-footer">
      <div className="site-footer__inner">
        <p>
          {t('footer.copyright')} · <a href="/docs">{t('footer.docs')}</a>
        </p>
        <p className="site-footer__note">{t(currency === 'CNY' ? 'footer.pricesCny' : 'footer.prices')}</p>
      </div>
    </footer>
  );
}
