import { ConsoleApp } from '../console/ConsoleApp';
import { useI18n } from '../i18n/I18nProvider';
import { Link, useRoute } from '../ui/router';
import { ApiKeysPage } from './account/ApiKeysPage';
import { ForgotPasswordPage } from './account/ForgotPasswordPage';
import { LoginPage } from './account/LoginPage';
import { PrivacyPage } from './account/PrivacyPage';
import { ProfilePage } from './account/ProfilePage';
import { RegisterPage } from './account/RegisterPage';
import { ResetPasswordPage } from './account/ResetPasswordPage';
import { SecurityPage } from './account/SecurityPage';
import { VerifyEmailPage } from './account/VerifyEmailPage';
import { PlanBrowser } from './PlanBrowser';
import { LinePage } from './lines/LinePage';
import { LinesPage } from './lines/LinesPage';
import { GiftTopUpPage } from './lines/GiftTopUpPage';
import { OrderPage } from './wallet/OrderPage';
import { OrdersPage } from './wallet/OrdersPage';
import { PaymentMethodsPage } from './wallet/PaymentMethodsPage';
import { ReceiptPage } from './wallet/ReceiptPage';
import { TopUpPage } from './wallet/TopUpPage';
import { WalletPage } from './wallet/WalletPage';
import { PricesProvider } from './prices';
import { SessionProvider } from './session';
import { SiteFooter } from './SiteFooter';
import { SiteHeader } from './SiteHeader';

const PAGES: Record<string, () => React.JSX.Element> = {
  '/register': RegisterPage,
  '/verify-email': VerifyEmailPage,
  '/login': LoginPage,
  '/forgot-password': ForgotPasswordPage,
  '/reset-password': ResetPasswordPage,
  '/account': ProfilePage,
  '/account/security': SecurityPage,
  '/account/api-keys': ApiKeysPage,
  '/account/privacy': PrivacyPage,
  '/account/wallet': WalletPage,
  '/account/wallet/top-up': TopUpPage,
  '/account/orders': OrdersPage,
  '/account/payment-methods': PaymentMethodsPage,
  '/account/lines': LinesPage,
  '/account/top-up': GiftTopUpPage,
};

/** Pages with an id in the path. */
function pageWithId(path: string): React.JSX.Element | null {
  const line = /^\/account\/lines\/(line_[0-9a-z]{26})$/.exec(path);
  if (line) return <LinePage lineId={line[1]!} />;
  const receipt = /^\/account\/orders\/(ord_[0-9a-z]{26})\/receipt$/.exec(path);
  if (receipt) return <ReceiptPage orderId={receipt[1]!} />;
  const order = /^\/account\/orders\/(ord_[0-9a-z]{26})$/.exec(path);
  if (order) return <OrderPage orderId={order[1]!} />;
  return null;
}

export function App() {
  const { path } = useRoute();
  if (path === '/console' || path.startsWith('/console/')) return <ConsoleApp />;
  return (
    <SessionProvider>
      <PricesProvider>
        <div className="page">
          <SiteHeader />
          <main className="site-main">
            <PortalPage path={path} />
          </main>
          <SiteFooter />
        </div>
      </PricesProvider>
    </SessionProvider>
  );
}

function PortalPage({ path }: { path: string }) {
  const { t } = useI18n();
  if (path === '/') {
    return (
      <>
        <div className="hero">
          <div className="hero__inner">
            <h1>{t('browser.title')}</h1>
            <p className="hero__intro">{t('browser.intro')}</p>
          </div>
        </div>
        <PlanBrowser />
      </>
    );
  }
  const withId = pageWithId(path);
  if (withId) return <div className="content">{withId}</div>;
  const Page = PAGES[path];
  if (Page) {
    return (
      <div className="content">
        <Page />
      </div>
    );
  }
  return (
    <div className="content">
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <Link href="/">{t('notFound.home')}</Link>
    </div>
  );
}
