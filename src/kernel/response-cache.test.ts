import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock.js';
import { ResponseCache } from './response-cache.js';

describe('response cache', () => {
  it('serves a loaded body until its time is up, then loads again', async () => {
    const clock = new ManualClock();
    const cache = new ResponseCache(clock, 5_000);
    let loads = 0;
    const load = async () => `v${++loads}`;
    expect(await cache.get('k', load)).toBe('v1');
    clock.advance(4_999);
    expect(await cache.get('k', load)).toBe('v1');
    clock.advance(1);
    expect(await cache.get('k', load)).toBe('v2');
  });

  it('shares one load between concurrent misses and never caches a failure', async () => {
    const cache = new ResponseCache(new ManualClock(), 5_000);
    let loads = 0;
    const slow = () => new Promise<string>((resolve) => setTimeout(() => resolve(`v${++loads}`), 10));
    expect(await Promise.all([cache.get('k', slow), cache.get('k', slow)])).toEqual(['v1', 'v1']);
    await expect(cache.get('bad', () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    expect(await cache.get('bad', async () => 'ok')).toBe('ok');
  });

  it('keeps at most maxEntries keys, and a zero TTL disables it', async () => {
    const cache = new ResponseCache(new ManualClock(), 5_000, 2);
    for (const key of ['a', 'b', 'c']) await cache.get(key, async () => key);
    expect(cache.size).toBe(2);
    expect(await cache.get('a', async () => 'reloaded')).toBe('reloaded');
    const off = new ResponseCache(new ManualClock(), 0);
    let loads = 0;
    await off.get('k', async () => String(++loads));
    await off.get('k', async () => String(++loads));
    expect(loads).toBe(2);
  });
});
