/**
 * The paths the web client answers (web/src/portal/App.tsx: its page table and the pages with an id), so an
 * unknown path gets the portal's not-found page with a 404 instead of a 200: a crawler, a monitor or a
 * mistyped link learns the page does not exist, and deep links to real pages keep working. The console
 * (`/console/…`) routes its own pages. test/portal-routes.test.ts holds this list to the portal's table.
 */
const PORTAL_PAGES = new Set([
  '/',
  '/register',
  '/verify-email',
  '/login',
  '/forgot-password',
  '/reset-password',
  '/account',
  '/account/security',
  '/account/api-keys',
  '/account/privacy',
  '/account/wallet',
  '/account/wallet/top-up',
  '/account/orders',
  '/account/payment-methods',
  '/account/lines',
  '/account/top-up',
  '/esim/compatibility',
]);

const PORTAL_PAGES_WITH_ID = [
  /^\/account\/lines\/line_[0-9a-z]{26}$/,
  /^\/account\/orders\/ord_[0-9a-z]{26}(\/receipt)?$/,
  /^\/esim\/buy\/[a-z0-9][a-z0-9-]{0,99}$/,
  /^\/esims\/esim_[0-9a-z]{26}(\/install|\/top-up)?$/,
];

export function isWebClientRoute(pathname: string): boolean {
  const trimmed = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  if (trimmed === '/console' || trimmed.startsWith('/console/')) return true;
  return PORTAL_PAGES.has(trimmed) || PORTAL_PAGES_WITH_ID.some((pattern) => pattern.test(trimmed));
}
