import { safeNextPath } from '../../ui/router';

/**
 * Where a visitor was going when they were asked to sign in (a plan card's checkout), kept through registration
 * and the emailed verification link so a new customer lands there too. Only in this browser (localStorage):
 * a link opened on another device simply ends at the account page.
 */
const KEY = 'simfill_after_sign_in';

export function rememberNext(next: string | null): void {
  const path = safeNextPath(next, '');
  if (!path) return;
  try {
    localStorage.setItem(KEY, path);
  } catch {
    // storage refused (private mode): the customer lands on the account page instead
  }
}

/**
 * The remembered path, or undefined. Read-only, so a render React discards and repeats reads the same value;
 * `forgetNext` clears it once the customer has signed in.
 */
export function rememberedNext(): string | undefined {
  try {
    const path = localStorage.getItem(KEY);
    return path ? safeNextPath(path, '') || undefined : undefined;
  } catch {
    return undefined;
  }
}

export function forgetNext(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // nothing was stored
  }
}

/** The sign-in page's address that returns to `next` afterwards. */
export const loginPath = (next: string | undefined) =>
  next ? `/login?next=${encodeURIComponent(next)}` : '/login';
