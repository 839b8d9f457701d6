import { useEffect, useId, useRef } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { ErrorNotice } from './ErrorNotice';
import { FeeRule } from './FeeRule';
import { PlanCard } from './PlanCard';
import type { PlanList } from './usePlans';

interface PlanResultsProps {
  list: PlanList;
  /** Whether any filter is set, to offer clearing them when nothing matches. */
  filtered: boolean;
  onClearFilters: () => void;
}

function CountLine({ list }: { list: PlanList }) {
  const { t, plural } = useI18n();
  let text = '';
  if (list.status === 'loading') text = t('results.loading');
  else if (list.status === 'ready') {
    text = plural(list.hasMore ? 'results.countMore' : 'results.count', list.plans.length);
  }
  return (
    <p className="plan-results__count" aria-live="polite">
      {text}
    </p>
  );
}

/** The count, the plan grid, and the loading, empty and error states around it. */
export function PlanResults({ list, filtered, onClearFilters }: PlanResultsProps) {
  const { t } = useI18n();
  const headingId = useId();
  const loading = list.status === 'loading';
  const empty = list.status === 'ready' && list.plans.length === 0;

  // Buttons that vanish once used (clear, retry, load more) hand keyboard focus on instead of dropping it.
  const headingRef = useRef<HTMLHeadingElement>(null);
  const gridRef = useRef<HTMLDivElement>(null);
  const firstNewPlan = useRef<number | null>(null);
  const planCount = list.plans.length;
  useEffect(() => {
    const index = firstNewPlan.current;
    if (index === null || planCount <= index) return;
    firstNewPlan.current = null;
    const card = gridRef.current?.children[index];
    if (card instanceof HTMLElement) card.focus();
  }, [planCount]);

  const clearFilters = () => {
    onClearFilters();
    headingRef.current?.focus();
  };
  const retry = () => {
    list.retry();
    headingRef.current?.focus();
  };
  const loadMore = () => {
    if (list.loadingMore) return;
    firstNewPlan.current = planCount;
    list.loadMore();
  };

  return (
    <section className="plan-results" aria-labelledby={headingId} aria-busy={loading || list.loadingMore}>
      <div className="plan-results__bar">
        <h2 id={headingId} ref={headingRef} tabIndex={-1} className="visually-hidden">
          {t('results.heading')}
        </h2>
        <CountLine list={list} />
        {filtered && !empty && (
          <button type="button" className="button button--link" onClick={clearFilters}>
            {t('filters.clear')}
          </button>
        )}
      </div>

      {list.status === 'error' && list.error && <ErrorNotice error={list.error} onRetry={retry} />}

      {empty && (
        <div className="notice notice--empty">
          <p>{t('results.empty')}</p>
          {filtered && (
            <button type="button" className="button button--secondary" onClick={clearFilters}>
              {t('filters.clear')}
            </button>
          )}
        </div>
      )}

      {loading && list.plans.length === 0 && (
        <div className="plan-grid" aria-hidden="true">
          {[0, 1, 2].map((placeholder) => (
            <div key={placeholder} className="plan-card plan-card--skeleton" />
          ))}
        </div>
      )}

      {list.plans.length > 0 && list.status !== 'error' && <FeeRule />}

      {list.plans.length > 0 && list.status !== 'error' && (
        <div ref={gridRef} className={loading ? 'plan-grid plan-grid--stale' : 'plan-grid'}>
          {list.plans.map((plan) => (
            <PlanCard key={plan.id} plan={plan} />
          ))}
        </div>
      )}

      {list.status === 'ready' && list.error && <ErrorNotice error={list.error} onRetry={retry} />}

      {list.status === 'ready' && list.hasMore && !list.error && (
        <div className="plan-results__more">
          <button
            type="button"
            className="button button--primary"
            aria-disabled={list.loadingMore}
            onClick={loadMore}
          >
            {list.loadingMore ? t('results.loading') : t('results.loadMore')}
          </button>
        </div>
      )}
    </section>
  );
}
