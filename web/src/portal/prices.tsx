import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { api } from '../ui/http';
import type { ApiList, FxRate, MethodFee } from '../api/types';
import { useSession } from './session';

/**
 * What the portal needs to state a price before any quote: each method's fee (the rule a quote adds) and the
 * USD→CNY rate quotes lock now, read once per visit from the public API, and the customer's display currency.
 */
export interface PriceContext {
  methodFees: MethodFee[] | null;
  /** USD→CNY now; null until loaded or when no fresh rate exists (no estimate is shown then). */
  usdToCny: FxRate | null;
  /** The profile's display currency; before sign-in, the one a new account in this language starts with. */
  displayCurrency: 'USD' | 'CNY';
  /** The customer's time zone for the rate's time (the browser's before sign-in). */
  timeZone: string | undefined;
}

/** Outside the portal (the console) nothing is estimated: prices stay in their own currency. */
const Prices = createContext<PriceContext>({
  methodFees: null,
  usdToCny: null,
  displayCurrency: 'USD',
  timeZone: undefined,
});

/** Refreshed while a page stays open, so an estimate's "updated" time stays close to the quote's rate. */
const FX_REFRESH_MS = 5 * 60_000;

export function PricesProvider({ children }: { children: ReactNode }) {
  const { locale } = useI18n();
  const { status, session } = useSession();
  // While the session loads nothing is estimated: a customer who chose USD never sees CNY flash by.
  const displayCurrency =
    status === 'loading'
      ? 'USD'
      : (session?.customer.display_currency ?? (locale === 'zh-CN' ? 'CNY' : 'USD'));
  const timeZone = session?.customer.time_zone;
  const [methodFees, setMethodFees] = useState<MethodFee[] | null>(null);
  const [usdToCny, setUsdToCny] = useState<FxRate | null>(null);

  useEffect(() => {
    void api<ApiList<'/v1/method-fees'>>('/v1/method-fees', { locale })
      .then((list) => setMethodFees(list.data))
      .catch(() => setMethodFees(null));
    const loadRate = () =>
      void api<ApiList<'/v1/fx-rates'>>('/v1/fx-rates', { locale })
        .then((list) =>
          setUsdToCny(list.data.find((rate) => rate.base === 'USD' && rate.quote === 'CNY') ?? null),
        )
        .catch(() => undefined);
    loadRate();
    const timer = window.setInterval(loadRate, FX_REFRESH_MS);
    return () => window.clearInterval(timer);
  }, []); // once per visit: fees and rates do not depend on the language

  const value = useMemo(
    () => ({ methodFees, usdToCny, displayCurrency, timeZone }),
    [methodFees, usdToCny, displayCurrency, timeZone],
  );
  return <Prices value={value}>{children}</Prices>;
}

export function usePrices(): PriceContext {
  return useContext(Prices);
}

export function useDisplayCurrency(): 'USD' | 'CNY' {
  return useContext(Prices).displayCurrency;
}
