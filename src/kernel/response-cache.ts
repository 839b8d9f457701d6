import type { Clock } from './clock.js';

/**
 * A small in-process cache of serialized responses for read-mostly data (the catalog). Entries live `ttlMs`;
 * concurrent misses for one key share a single load; failures are never cached; at most `maxEntries` keys are
 * kept (the oldest is dropped first). With several replicas each keeps its own copy, so a change is visible
 * everywhere within `ttlMs`; a writer in the same process calls `clear()` to make it visible at once.
 */
export class ResponseCache {
  readonly #entries = new Map<string, { body: string; expiresAtMs: number }>();
  readonly #loading = new Map<string, Promise<string>>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs: number,
    private readonly maxEntries = 1000,
  ) {}

  async get(key: string, load: () => Promise<string>): Promise<string> {
    if (this.ttlMs <= 0) return load();
    const nowMs = this.clock.now().getTime();
    const entry = this.#entries.get(key);
    if (entry && entry.expiresAtMs > nowMs) return entry.body;
    const pending = this.#loading.get(key);
    if (pending) return pending;
    const loading = load()
      .then((body) => {
        this.#entries.delete(key);
        if (this.#entries.size >= this.maxEntries) {
          const oldest = this.#entries.keys().next().value;
          if (oldest !== undefined) this.#entries.delete(oldest);
        }
        this.#entries.set(key, { body, expiresAtMs: this.clock.now().getTime() + this.ttlMs });
        return body;
      })
      .finally(() => this.#loading.delete(key));
    this.#loading.set(key, loading);
    return loading;
  }

  clear(): void {
    this.#entries.clear();
  }

  get size(): number {
    return this.#entries.size;
  }
}
