/**
 * The wait before the `attempt`-th retry (1-based) from a schedule of delays: the n-th delay, the last one repeating
 * once the schedule runs out. Shared by every leased work queue that retries an outside system.
 */
export function delayForAttempt(delaysMs: readonly number[], attempt: number): number {
  return delaysMs[Math.min(Math.max(attempt - 1, 0), delaysMs.length - 1)] ?? 60_000;
}
