import { useI18n } from '../i18n/I18nProvider';
import { BrandMark } from './BrandMark';
import { LanguageSwitch } from './LanguageSwitch';

export function SiteHeader() {
  const { t } = useI18n();
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <a className="brand" href="/">
          <BrandMark />
          <span className="brand__text">
            <span className="brand__name">{t('brand.name')}</span>
            <span className="brand__tagline">{t('brand.tagline')}</span>
          </span>
        </a>
        <LanguageSwitch />
      </div>
    </header>
  );
}
