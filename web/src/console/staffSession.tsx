import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import type { StaffSession } from '../api/types';
import { api, ApiError, hasSessionHint } from '../ui/http';

/** Past the sign-in steps: the password, and the second factor when the account has or needs one. */
export function isFullySignedIn(session: StaffSession | null): boolean {
  return (
    session !== null && (session.mfa === 'verified' || (!session.mfa_required && session.mfa !== 'pending'))
  );
}

interface StaffSessionState {
  loaded: boolean;
  session: StaffSession | null;
  setSession: (session: StaffSession | null) => void;
}

const StaffSessionContext = createContext<StaffSessionState | null>(null);

export function StaffSessionProvider({ children }: { children: ReactNode }) {
  const { locale, setLocale } = useI18n();
  const [session, setSessionState] = useState<StaffSession | null>(null);
  // The language the person chose (on whichever browser) wins once signed in; until they choose, this browser's.
  const adopt = (next: StaffSession | null) => {
    setSessionState(next);
    if (next?.staff.locale && next.staff.locale !== locale) setLocale(next.staff.locale);
  };
  const [loaded, setLoaded] = useState(false);
  const load = useCallback(async () => {
    if (!hasSessionHint('simfill_staff_signed_in')) {
      setLoaded(true);
      return;
    }
    try {
      adopt(await api<StaffSession>('/v1/staff/session', { locale }));
    } catch (error) {
      if (!(error instanceof ApiError) || error.status === 401 || error.status === 403) setSessionState(null);
    } finally {
      setLoaded(true);
    }
  }, [locale]);
  useEffect(() => {
    void load();
  }, []); // once on open
  const value = useMemo<StaffSessionState>(
    () => ({
      loaded,
      session,
      setSession: (next) => {
        adopt(next);
        setLoaded(true);
      },
    }),
    [loaded, session],
  );
  return <StaffSessionContext value={value}>{children}</StaffSessionContext>;
}

export function useStaffSession(): StaffSessionState {
  const state = useContext(StaffSessionContext);
  if (!state) throw new Error('useStaffSession must be used inside <StaffSessionProvider>');
  return state;
}
