import { Suspense, type ComponentType } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { lazyPage } from '../ui/lazyPage';
import { Link, useRoute } from '../ui/router';
import { PlanBrowser } from './PlanBrowser';
import { PricesProvider } from './prices';
import { SessionProvider } from './session';
import { SiteFooter } from './SiteFooter';
import { SiteHeader } from './SiteHeader';

// The home page is in the first load; the console and every other page are fetched on first visit, which keeps
// the first load small on a slow link (bench/slow-link.ts measures it; test/web-bundle-size.test.ts caps it).
const ConsoleApp = lazyPage(() => import('../console/ConsoleApp'), 'ConsoleApp');
const ApiKeysPage = lazyPage(() => import('./account/ApiKeysPage'), 'ApiKeysPage');
const ForgotPasswordPage = lazyPage(() => import('./account/ForgotPasswordPage'), 'ForgotPasswordPage');
const LoginPage = lazyPage(() => import('./account/LoginPage'), 'LoginPage');
const PrivacyPage = lazyPage(() => import('./account/PrivacyPage'), 'PrivacyPage');
const ProfilePage = lazyPage(() => import('./account/ProfilePage'), 'ProfilePage');
const RegisterPage = lazyPage(() => import('./account/RegisterPage'), 'RegisterPage');
const ResetPasswordPage = lazyPage(() => import('./account/ResetPasswordPage'), 'ResetPasswordPage');
const SecurityPage = lazyPage(() => import('./account/SecurityPage'), 'SecurityPage');
const VerifyEmailPage = lazyPage(() => import('./account/VerifyEmailPage'), 'VerifyEmailPage');
const LinePage = lazyPage(() => import('./lines/LinePage'), 'LinePage');
const LinesPage = lazyPage(() => import('./lines/LinesPage'), 'LinesPage');
const GiftTopUpPage = lazyPage(() => import('./lines/GiftTopUpPage'), 'GiftTopUpPage');
const OrderPage = lazyPage(() => import('./wallet/OrderPage'), 'OrderPage');
const OrdersPage = lazyPage(() => import('./wallet/OrdersPage'), 'OrdersPage');
const PaymentMethodsPage = lazyPage(() => import('./wallet/PaymentMethodsPage'), 'PaymentMethodsPage');
const ReceiptPage = lazyPage(() => import('./wallet/ReceiptPage'), 'ReceiptPage');
const TopUpPage = lazyPage(() => import('./wallet/TopUpPage'), 'TopUpPage');
const WalletPage = lazyPage(() => import('./wallet/WalletPage'), 'WalletPage');
const CompatibilityPage = lazyPage(() => import('./esim/CompatibilityPage'), 'CompatibilityPage');
const EsimBuyPage = lazyPage(() => import('./esim/EsimBuyPage'), 'EsimBuyPage');
const EsimPage = lazyPage(() => import('./esim/EsimPage'), 'EsimPage');
const EsimInstallPage = lazyPage(() => import('./esim/EsimInstallPage'), 'EsimInstallPage');
const EsimTopUpPage = lazyPage(() => import('./esim/EsimTopUpPage'), 'EsimTopUpPage');

const PAGES: Record<string, ComponentType> = {
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
  '/esim/compatibility': CompatibilityPage,
};

/** Pages with an id in the path. */
function pageWithId(path: string): React.JSX.Element | null {
  const line = /^\/account\/lines\/(line_[0-9a-z]{26})$/.exec(path);
  if (line) return <LinePage lineId={line[1]!} />;
  const receipt = /^\/account\/orders\/(ord_[0-9a-z]{26})\/receipt$/.exec(path);
  if (receipt) return <ReceiptPage orderId={receipt[1]!} />;
  const order = /^\/account\/orders\/(ord_[0-9a-z]{26})$/.exec(path);
  if (order) return <OrderPage orderId={order[1]!} />;
  const esimBuy = /^\/esim\/buy\/([a-z0-9][a-z0-9-]{0,99})$/.exec(path);
  if (esimBuy) return <EsimBuyPage planSlug={esimBuy[1]!} />;
  const esim = /^\/esims\/(esim_[0-9a-z]{26})(?:\/(install|top-up))?$/.exec(path);
  if (esim?.[2] === 'install') return <EsimInstallPage esimId={esim[1]!} />;
  if (esim?.[2] === 'top-up') return <EsimTopUpPage esimId={esim[1]!} />;
  if (esim) return <EsimPage esimId={esim[1]!} />;
  return null;
}

export function App() {
  const { path } = useRoute();
  if (path === '/console' || path.startsWith('/console/')) {
    return (
      <Suspense fallback={<PageLoading />}>
        <ConsoleApp />
      </Suspense>
    );
  }
  return (
    <SessionProvider>
      <PricesProvider>
        <div className="page">
          <SiteHeader />
          <main className="site-main">
            <Suspense fallback={<PageLoading />}>
              <PortalPage path={path} />
            </Suspense>
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

/** While a page's chunk is on its way. */
function PageLoading() {
  const { t } = useI18n();
  return (
    <p className="content" role="status">
      {t('account.loading')}
    </p>
  );
}
