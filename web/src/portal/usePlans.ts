import { useCallback, useEffect, useRef, useState } from 'react';
import type { Locale } from '../i18n';
import type { Plan } from '../api/types';
import { getList, isAbort, PAGE_LIMIT, toLoadError, type LoadError } from './api';

export interface PlanList {
  /** `loading`: the first page for the current filters and language is on its way. */
  status: 'loading' | 'ready' | 'error';
  /** The plans so far; while a new first page loads, the previous results stay (dimmed) until it lands. */
  plans: Plan[];
  hasMore: boolean;
  loadingMore: boolean;
  error: LoadError | null;
  loadMore: () => void;
  retry: () => void;
}

interface State {
  status: PlanList['status'];
  plans: Plan[];
  hasMore: boolean;
  loadingMore: boolean;
  error: LoadError | null;
  /** Which request failed, so "Try again" repeats that one. */
  failed: 'first' | 'more' | null;
}

const INITIAL: State = {
  status: 'loading',
  plans: [],
  hasMore: false,
  loadingMore: false,
  error: null,
  failed: null,
};

function pageParams(filterQuery: string, startingAfter?: string): URLSearchParams {
  const params = new URLSearchParams(filterQuery);
  params.set('limit', String(PAGE_LIMIT));
  if (startingAfter) params.set('starting_after', startingAfter);
  return params;
}

/**
 * Plans for a filter query (`filtersToQuery(...).toString()`) in a language: refetched whenever either
 * changes, with cursor pagination through `loadMore`.
 */
export function usePlans(filterQuery: string, locale: Locale): PlanList {
  const [state, setState] = useState<State>(INITIAL);
  const [attempt, setAttempt] = useState(0);
  const moreRequest = useRef<AbortController | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    setState((previous) => ({
      ...previous,
      status: 'loading',
      loadingMore: false,
      error: null,
      failed: null,
    }));
    getList('/v1/plans', pageParams(filterQuery), locale, controller.signal).then(
      (page) => {
        if (controller.signal.aborted) return;
        setState({
          status: 'ready',
          plans: page.data,
          hasMore: page.has_more,
          loadingMore: false,
          error: null,
          failed: null,
        });
      },
      (error: unknown) => {
        if (controller.signal.aborted || isAbort(error)) return;
        setState({ ...INITIAL, status: 'error', error: toLoadError(error), failed: 'first' });
      },
    );
    return () => {
      controller.abort();
      moreRequest.current?.abort();
    };
  }, [filterQuery, locale, attempt]);

  const lastId = state.plans.at(-1)?.id;
  const loadMore = useCallback(() => {
    if (!lastId) return;
    moreRequest.current?.abort();
    const controller = new AbortController();
    moreRequest.current = controller;
    setState((previous) => ({ ...previous, loadingMore: true, error: null, failed: null }));
    getList('/v1/plans', pageParams(filterQuery, lastId), locale, controller.signal).then(
      (page) => {
        if (controller.signal.aborted) return;
        setState((previous) => ({
          ...previous,
          plans: [...previous.plans, ...page.data],
          hasMore: page.has_more,
          loadingMore: false,
        }));
      },
      (error: unknown) => {
        if (controller.signal.aborted || isAbort(error)) return;
        setState((previous) => ({
          ...previous,
          loadingMore: false,
          error: toLoadError(error),
          failed: 'more',
        }));
      },
    );
  }, [filterQuery, locale, lastId]);

  const failed = state.failed;
  const retry = useCallback(() => {
    if (failed === 'more') loadMore();
    else setAttempt((count) => count + 1);
  }, [failed, loadMore]);

  return {
    status: state.status,
    plans: state.plans,
    hasMore: state.hasMore,
    loadingMore: state.loadingMore,
    error: state.error,
    loadMore,
    retry,
  };
}
