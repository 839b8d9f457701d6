import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

// A page with whatever props it takes; the JSX that renders the lazy page checks them against Module[Name].
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyPage = ComponentType<any>;

const RELOADED_AT_KEY = 'simfill_chunk_reload_at';
const RELOAD_GUARD_MS = 10_000;

/**
 * A page loaded on first visit instead of in the first load (`React.lazy` over a named export). A chunk that
 * no longer exists (the portal was redeployed while this tab was open) reloads the page once, which fetches
 * the new index.html and its chunks; a second failure within seconds is a real error and is thrown.
 */
export function lazyPage<Module extends Record<Name, AnyPage>, Name extends string>(
  load: () => Promise<Module>,
  name: Name,
): LazyExoticComponent<Module[Name]> {
  return lazy(async () => {
    try {
      return { default: (await load())[name] };
    } catch (error) {
      const lastReloadMs = Number(sessionStorage.getItem(RELOADED_AT_KEY) ?? 0);
      if (Date.now() - lastReloadMs < RELOAD_GUARD_MS) throw error;
      sessionStorage.setItem(RELOADED_AT_KEY, String(Date.now()));
      window.location.reload();
      return new Promise<never>(() => undefined);
    }
  });
}
