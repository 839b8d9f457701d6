import './messages';
import { Suspense, useEffect, type ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { LanguageSwitch } from '../portal/LanguageSwitch';
import { api } from '../ui/http';
import { lazyPage } from '../ui/lazyPage';
import { Link, useRoute } from '../ui/router';
import type { StaffSession } from '../api/types';
import { AuditPage } from './AuditPage';
import { ConsoleLoginPage } from './ConsoleLoginPage';
import { CustomerPage } from './CustomerPage';
import { CustomersPage } from './CustomersPage';
import { MailboxPage } from './MailboxPage';
import { SetPasswordPage } from './SetPasswordPage';
import { StaffPage } from './StaffPage';
import { FxRatesPage } from './money/FxRatesPage';
import { ConsoleOrderDetailPage } from './money/OrderDetailPage';
import { ConsoleOrdersPage } from './money/OrdersPage';
import { ReportsPage } from './money/ReportsPage';
import { DeliveriesPage, DeliveryDetailPage } from './topups/DeliveriesPage';
import { HotlinePage } from './topups/HotlinePage';
import { ProviderPage } from './topups/ProviderPage';
import { ReconciliationDetailPage, ReconciliationsPage } from './topups/ReconciliationPage';
import { isFullySignedIn, StaffSessionProvider, useStaffSession } from './staffSession';

// The eSIM pages are fetched on first visit, not with the console.
const EsimsPage = lazyPage(() => import('./esim/EsimsPage'), 'EsimsPage');
const EsimDetailPage = lazyPage(() => import('./esim/EsimDetailPage'), 'EsimDetailPage');
const EsimOrdersPage = lazyPage(() => import('./esim/EsimOrdersPage'), 'EsimOrdersPage');

const NAV = [
  { href: '/console/audit', key: 'console.nav.audit', permission: 'audit.read' },
  { href: '/console/customers', key: 'console.nav.customers', permission: 'customers.read' },
  { href: '/console/orders', key: 'console.nav.orders', permission: 'orders.read' },
  { href: '/console/lines', key: 'console.nav.lines', permission: 'lines.read' },
  { href: '/console/deliveries', key: 'console.nav.deliveries', permission: 'orders.read' },
  { href: '/console/esims', key: 'console.nav.esim', permission: 'lines.read' },
  { href: '/console/provider', key: 'console.nav.provider', permission: 'orders.read' },
  { href: '/console/reconciliation', key: 'console.nav.reconciliation', permission: 'reports.read' },
  { href: '/console/fx', key: 'console.nav.fx', permission: 'orders.read' },
  { href: '/console/reports', key: 'console.nav.reports', permission: 'reports.read' },
  { href: '/console/staff', key: 'console.nav.staff', permission: 'staff.read' },
  { href: '/console/mailbox', key: 'console.nav.mailbox', permission: 'dev_mailbox.read' },
] as const;

/** The operator's console under /console: its own header, sign-in and pages. */
export function ConsoleApp() {
  return (
    <StaffSessionProvider>
      <div className="console">
        <ConsoleHeader />
        <main className="console__main">
          <ConsoleRoutes />
        </main>
      </div>
    </StaffSessionProvider>
  );
}

function ConsoleHeader() {
  const { t, locale } = useI18n();
  const { session, setSession } = useStaffSession();
  const { path, navigate } = useRoute();
  const signOut = async () => {
    await api('/v1/staff/session', { method: 'DELETE', locale, csrfToken: session?.csrf_token }).catch(
      () => undefined,
    );
    setSession(null);
    navigate('/console/login', { replace: true });
  };
  return (
    <header className="console__header">
      <span className="console__title">{t('console.title')}</span>
      {isFullySignedIn(session) ? (
        <nav aria-label={t('console.nav.label')}>
          <ul className="console__nav">
            {NAV.filter((item) => session!.staff.permissions.includes(item.permission)).map((item) => (
              <li key={item.href}>
                <Link
                  href={item.href}
                  aria-current={path === item.href || path.startsWith(`${item.href}/`) ? 'page' : undefined}
                >
                  {t(item.key)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <div className="console__account">
        {session ? (
          <>
            <span>
              {session.staff.email} · {t(`console.role.${session.staff.role}`)}
            </span>
            <button type="button" className="button button--link" onClick={() => void signOut()}>
              {t('auth.logout')}
            </button>
          </>
        ) : null}
        <LanguageSwitch
          onChosen={(chosen) => {
            if (!session || !isFullySignedIn(session)) return;
            // Kept on the account so the next browser opens in it; a failure leaves this browser's choice.
            void api<StaffSession['staff']>('/v1/staff/me', {
              method: 'PATCH',
              body: { locale: chosen },
              csrfToken: session.csrf_token,
              locale: chosen,
            })
              .then((staff) => setSession({ ...session, staff: { ...session.staff, ...staff } }))
              .catch(() => undefined);
          }}
        />
      </div>
    </header>
  );
}

function ConsoleRoutes() {
  const { path } = useRoute();
  if (path === '/console/login') return <ConsoleLoginPage />;
  if (path === '/console/set-password') return <SetPasswordPage />;
  const orderDetail = /^\/console\/orders\/(ord_[0-9a-z]{26})$/.exec(path);
  const deliveryDetail = /^\/console\/deliveries\/(dlv_[0-9a-z]{26})$/.exec(path);
  const reconciliationDetail = /^\/console\/reconciliation\/(rec_[0-9a-z]{26})$/.exec(path);
  const customerDetail = /^\/console\/customers\/(cus_[0-9a-z]{26})$/.exec(path);
  const esimDetail = /^\/console\/esims\/(esim_[0-9a-z]{26})$/.exec(path);
  const page = esimDetail ? (
    <EsimDetailPage esimId={esimDetail[1]!} />
  ) : path === '/console/esims' ? (
    <EsimsPage />
  ) : path === '/console/esims/orders' ? (
    <EsimOrdersPage />
  ) : orderDetail ? (
    <ConsoleOrderDetailPage orderId={orderDetail[1]!} />
  ) : customerDetail ? (
    <CustomerPage customerId={customerDetail[1]!} />
  ) : deliveryDetail ? (
    <DeliveryDetailPage deliveryId={deliveryDetail[1]!} />
  ) : reconciliationDetail ? (
    <ReconciliationDetailPage reconciliationId={reconciliationDetail[1]!} />
  ) : path === '/console/deliveries' ? (
    <DeliveriesPage />
  ) : path === '/console/provider' ? (
    <ProviderPage />
  ) : path === '/console/reconciliation' ? (
    <ReconciliationsPage />
  ) : path === '/console/lines' ? (
    <HotlinePage />
  ) : path === '/console/orders' ? (
    <ConsoleOrdersPage />
  ) : path === '/console/fx' ? (
    <FxRatesPage />
  ) : path === '/console/reports' ? (
    <ReportsPage />
  ) : path === '/console/staff' ? (
    <StaffPage />
  ) : path === '/console/mailbox' ? (
    <MailboxPage />
  ) : path === '/console/customers' ? (
    <CustomersPage />
  ) : (
    <AuditPage />
  );
  return (
    <SignedIn>
      <Suspense fallback={<PageLoading />}>{page}</Suspense>
    </SignedIn>
  );
}

function SignedIn({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { loaded, session } = useStaffSession();
  const { path, navigate } = useRoute();
  const ready = isFullySignedIn(session);
  useEffect(() => {
    if (loaded && !ready) navigate(`/console/login?next=${encodeURIComponent(path)}`, { replace: true });
  }, [loaded, ready, path, navigate]);
  if (!ready) return <p role="status">{t('account.loading')}</p>;
  return <>{children}</>;
}

function PageLoading() {
  const { t } = useI18n();
  return <p role="status">{t('account.loading')}</p>;
}

/** Shown when the API answers 403 permission_denied for a page the role cannot use. */
export function NoAccess() {
  const { t } = useI18n();
  return (
    <div className="notice notice--error" role="alert">
      <p className="notice__title">{t('console.noAccessTitle')}</p>
      <p className="notice__message">{t('console.noAccess')}</p>
    </div>
  );
}
