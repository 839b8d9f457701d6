import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import type { Customer, CustomerSession } from '../api/types';
import { api, ApiError, hasSessionHint } from '../ui/http';

/** The signed-in customer's session as the API gives it (`GET /v1/session` on load), and what changes it. */
export interface SessionState {
  status: 'loading' | 'signed_out' | 'signed_in';
  session: CustomerSession | null;
  setSession: (session: CustomerSession | null) => void;
  setCustomer: (customer: Customer) => void;
  refresh: () => Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const { locale } = useI18n();
  const [session, setSessionState] = useState<CustomerSession | null>(null);
  const [loaded, setLoaded] = useState(false);

  const refresh = useCallback(async () => {
    if (!hasSessionHint('simfill_signed_in')) {
      setSessionState(null);
      setLoaded(true);
      return;
    }
    try {
      setSessionState(await api<CustomerSession>('/v1/session', { locale }));
    } catch (error) {
      if (!(error instanceof ApiError) || error.status === 401) setSessionState(null);
    } finally {
      setLoaded(true);
    }
  }, [locale]);

  useEffect(() => {
    // Only on first load: later changes come from the pages that make them.
    void refresh();
  }, []); // eslint has no react-hooks plugin here; the empty list is deliberate

  const value = useMemo<SessionState>(
    () => ({
      status: !loaded ? 'loading' : session ? 'signed_in' : 'signed_out',
      session,
      setSession: (next) => {
        setSessionState(next);
        setLoaded(true);
      },
      setCustomer: (customer) => setSessionState((current) => (current ? { ...current, customer } : current)),
      refresh,
    }),
    [loaded, session, refresh],
  );
  return <SessionContext value={value}>{children}</SessionContext>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession must be used inside <SessionProvider>');
  return state;
}
