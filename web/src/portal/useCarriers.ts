import { useEffect, useState } from 'react';
import type { Locale } from '../i18n';
import type { Carrier } from '../api/types';
import { getList, PAGE_LIMIT } from './api';

/** Stops a runaway cursor; the catalog has a handful of carriers. */
const MAX_PAGES = 10;

export interface CarrierList {
  carriers: Carrier[];
  /** True once a full list has arrived (in any language); false while the first one loads or if it failed. */
  loaded: boolean;
}

/**
 * Every carrier, for the carrier filter, with names in the page's language. A failure leaves the list empty:
 * the filter then offers only "All carriers", and the plan list (which shows its own errors) still works.
 */
export function useCarriers(locale: Locale): CarrierList {
  const [list, setList] = useState<CarrierList>({ carriers: [], loaded: false });

  useEffect(() => {
    const controller = new AbortController();
    async function loadAll(): Promise<Carrier[]> {
      const carriers: Carrier[] = [];
      let startingAfter: string | undefined;
      for (let page = 0; page < MAX_PAGES; page += 1) {
        const params = new URLSearchParams({ limit: String(PAGE_LIMIT) });
        if (startingAfter) params.set('starting_after', startingAfter);
        const result = await getList('/v1/carriers', params, locale, controller.signal);
        carriers.push(...result.data);
        startingAfter = result.data.at(-1)?.id;
        if (!result.has_more || !startingAfter) break;
      }
      return carriers;
    }
    loadAll().then(
      (carriers) => {
        if (!controller.signal.aborted) setList({ carriers, loaded: true });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) console.error('SimFill: could not load carriers', error);
      },
    );
    return () => controller.abort();
  }, [locale]);

  return list;
}
