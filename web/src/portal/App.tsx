import { useI18n } from '../i18n/I18nProvider';
import { PlanBrowser } from './PlanBrowser';
import { SiteFooter } from './SiteFooter';
import { SiteHeader } from './SiteHeader';

export function App() {
  const { t } = useI18n();
  return (
    <div className="page">
      <SiteHeader />
      <main className="site-main">
        <div className="hero">
          <div className="hero__inner">
            <h1>{t('browser.title')}</h1>
            <p className="hero__intro">{t('browser.intro')}</p>
          </div>
        </div>
        <PlanBrowser />
      </main>
      <SiteFooter />
    </div>
  );
}
