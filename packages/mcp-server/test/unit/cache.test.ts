/**
 * The result cache: LRU bounds, time to live, one shared fetch per key, and aborting only when nobody waits.
 */
import { describe, expect, it } from 'vitest';
import { ResultCache } from '../../src/answers/cache.js';

const value = (n: number) => ({ rows: Array.from({ length: n }, (_, i) => i) });

describe('ResultCache', () => {
  it('evicts the least recently used entry beyond maxEntries', () => {
    const cache = new ResultCache({ maxEntries: 2 });
    cache.set('a', value(1));
    cache.set('b', value(1));
    expect(cache.get('a')).toBeDefined(); // a is now the most recent
    cache.set('c', value(1));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    expect(cache.get('c')).toBeDefined();
  });

  it('bounds the rows kept but always keeps the newest result', () => {
    const cache = new ResultCache({ maxRows: 10 });
    cache.set('a', value(6));
    cache.set('b', value(6));
    expect(cache.get('a')).toBeUndefined();
    cache.set('huge', value(50));
    expect(cache.get('huge')?.rows.length).toBe(50);
    expect(cache.rowCount).toBe(50);
  });

  it('forgets entries after the time to live', () => {
    let now = 0;
    const cache = new ResultCache({ ttlMs: 1000, now: () => now });
    cache.set('a', value(1));
    now = 999;
    expect(cache.get('a')).toBeDefined();
    now = 2000;
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('shares one fetch between concurrent callers of a key', async () => {
    const cache = new ResultCache();
    let fetches = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const fetch = async () => {
      fetches += 1;
      await gate;
      return value(3);
    };
    const first = cache.getOrFetch('k', fetch);
    const second = cache.getOrFetch('k', fetch);
    release();
    const [a, b] = await Promise.all([first, second]);
    expect(fetches).toBe(1);
    expect(a.fromCache).toBe(false);
    expect(b.fromCache).toBe(true);
    expect((await cache.getOrFetch('k', fetch)).fromCache).toBe(true);
    expect(fetches).toBe(1);
  });

  it('aborts the fetch only when every caller has gone', async () => {
    const cache = new ResultCache();
    let fetchSignal: AbortSignal | undefined;
    const fetch = (signal: AbortSignal) =>
      new Promise<ReturnType<typeof value>>((_resolve, reject) => {
        fetchSignal = signal;
        signal.addEventListener('abort', () => reject(signal.reason));
      });
    const one = new AbortController();
    const two = new AbortController();
    const first = cache.getOrFetch('k', fetch, one.signal);
    const second = cache.getOrFetch('k', fetch, two.signal);
    one.abort(new Error('first gone'));
    await expect(first).rejects.toThrow('first gone');
    expect(fetchSignal?.aborted).toBe(false);
    two.abort(new Error('second gone'));
    await expect(second).rejects.toThrow('second gone');
    expect(fetchSignal?.aborted).toBe(true);
    expect(cache.size).toBe(0);
  });
});
