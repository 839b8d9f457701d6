import type { ReloadlyRouter } from './api.js';
import { reloadlyDate } from './errors.js';
import { dollars } from './store.js';

/** `GET /accounts/balance`: the reseller's float, in US dollars. */

export function addBalanceRoutes(router: ReloadlyRouter): void {
  router.get('/accounts/balance', ({ store }) => ({
    status: 200,
    body: {
      balance: dollars(store.floatMinor),
      currencyCode: 'USD',
      currencyName: 'US Dollar',
      updatedAt: reloadlyDate(store.clock.now()),
    },
  }));
}
