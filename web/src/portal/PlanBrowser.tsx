import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import {
  filtersFromSearch,
  filtersToQuery,
  hasFilters,
  NO_FILTERS,
  replaceUrlFilters,
  type PlanFilterValues,
} from './filters';
import { PlanFilters } from './PlanFilters';
import { PlanResults } from './PlanResults';
import { useCarriers } from './useCarriers';
import { usePlans } from './usePlans';

/** Filters and the plans they select; the filters live in the URL so a reload or a shared link keeps them. */
export function PlanBrowser() {
  const { locale } = useI18n();
  const [filters, setFilters] = useState<PlanFilterValues>(() => filtersFromSearch(window.location.search));
  const { carriers, loaded: carriersLoaded } = useCarriers(locale);
  const plans = usePlans(filtersToQuery(filters).toString(), locale);

  useEffect(() => replaceUrlFilters(filters), [filters]);

  // A carrier in an old link that no longer exists: drop it rather than keep showing its error.
  const unknownCarrier =
    carriersLoaded && filters.carrier !== '' && !carriers.some((carrier) => carrier.slug === filters.carrier);
  useEffect(() => {
    if (unknownCarrier) setFilters((current) => ({ ...current, carrier: '' }));
  }, [unknownCarrier]);

  return (
    <div className="plan-browser">
      <PlanFilters values={filters} carriers={carriers} onChange={setFilters} />
      <PlanResults
        list={plans}
        filtered={hasFilters(filters)}
        onClearFilters={() => setFilters(NO_FILTERS)}
      />
    </div>
  );
}
