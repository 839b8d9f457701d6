import type { ApiRequest, Customer } from '../api/types';
import type { Locale } from '../i18n';
import { useI18n } from '../i18n/I18nProvider';
import { api } from '../ui/http';
import { Link, useRoute } from '../ui/router';
import { BrandMark } from './BrandMark';
import { LanguageSwitch } from './LanguageSwitch';
import { useSession } from './session';

export function SiteHeader() {
  const { t } = useI18n();
  const saveLanguage = useSaveLanguage();
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link className="brand" href="/">
          <BrandMark />
          <span className="brand__text">
            <span className="brand__name">{t('brand.name')}</span>
            <span className="brand__tagline">{t('brand.tagline')}</span>
          </span>
        </Link>
        <div className="site-header__tools">
          <AccountMenu />
          <LanguageSwitch onChosen={saveLanguage} />
        </div>
      </div>
    </header>
  );
}

/**
 * A signed-in customer's language choice in the header is their account's language too: emails, SMS and
 * receipts follow it. Signed out, the choice stays in this browser only.
 */
function useSaveLanguage(): (locale: Locale) => void {
  const { status, session, setCustomer } = useSession();
  return (locale) => {
    if (status !== 'signed_in' || !session || session.customer.locale === locale) return;
    void api<Customer>('/v1/account', {
      method: 'PATCH',
      body: { locale } satisfies ApiRequest<'/v1/account', 'patch'>,
      locale,
      csrfToken: session.csrf_token,
    })
      .then(setCustomer)
      // The page already shows the new language; the account keeps the old one until the next choice.
      .catch(() => undefined);
  };
}

function AccountMenu() {
  const { t, locale } = useI18n();
  const { status, session, setSession } = useSession();
  const { navigate } = useRoute();
  if (status === 'loading') return null;
  if (!session) {
    return (
      <nav className="account-menu" aria-label={t('account.menu')}>
        <Link href="/login">{t('auth.login')}</Link>
        <Link className="button button--primary" href="/register">
          {t('auth.register')}
        </Link>
      </nav>
    );
  }
  const logOut = async () => {
    await api('/v1/session', { method: 'DELETE', locale, csrfToken: session.csrf_token }).catch(
      () => undefined,
    );
    setSession(null);
    navigate('/', { replace: true });
  };
  return (
    <nav className="account-menu" aria-label={t('account.menu')}>
      <Link href="/account">{t('account.myAccount')}</Link>
      <span className="account-menu__who">{session.customer.name ?? session.customer.email}</span>
      <button type="button" className="button button--link" onClick={() => void logOut()}>
        {t('auth.logout')}
      </button>
    </nav>
  );
}
