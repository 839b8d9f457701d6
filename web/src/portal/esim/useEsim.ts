import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { useLoad, type Load } from '../../ui/forms';
import { api } from '../../ui/http';
import { useSession } from '../session';
import type { Esim, EsimInstallState } from './types';

/**
 * One of the customer's eSIMs (`GET /v1/esims/{id}`), read once signed in and, while `pollUntil` does not hold,
 * every `pollMs` (the install page waits for the phone to report the profile installed).
 */
export function useEsim(
  esimId: string,
  { pollMs = 3_000, pollWhile }: { pollMs?: number; pollWhile?: (state: EsimInstallState) => boolean } = {},
): { esim: Esim | null; load: Load } {
  const { locale } = useI18n();
  const { session } = useSession();
  const load = useLoad();
  const [esim, setEsim] = useState<Esim | null>(null);

  useEffect(() => {
    if (!session) return;
    let stopped = false;
    let timer: number | undefined;
    const tick = async () => {
      const loaded = await load.run(() => api<Esim>(`/v1/esims/${encodeURIComponent(esimId)}`, { locale }));
      if (stopped) return;
      if (loaded) setEsim(loaded);
      // A failed read is tried again too: a phone on a train loses its connection for a moment.
      if (pollWhile && (!loaded || pollWhile(loaded.install_state)))
        timer = window.setTimeout(() => void tick(), pollMs);
    };
    void tick();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [esimId, session?.id, locale]);
  return { esim, load };
}
