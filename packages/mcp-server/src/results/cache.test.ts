/**
 * The result cache: LRU bounds, one policy for a result over the byte budget (not kept, and the answer says so),
 * time to live, one shared fetch per key, and aborting only when nobody waits.
 */
import { describe, expect, it } from 'vitest';
import { estimateBytes, ResultCache, rowBytes } from './cache.js';
import { reportReply } from './reply.js';

/** `n` rows of one shape; the byte bounds below are counted in rows of it. */
const value = (n: number) => ({ rows: Array.from({ length: n }, () => '12345678') });
const ROW_BYTES = estimateBytes(value(1));

describe('ResultCache', () => {
  it('evicts the least recently used entry beyond maxEntries', async () => {
    const cache = new ResultCache({ maxEntries: 2 });
    await cache.set('a', value(1));
    await cache.set('b', value(1));
    expect(cache.get('a')).toBeDefined(); // a is now the most recent
    await cache.set('c', value(1));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    expect(cache.get('c')).toBeDefined();
  });

  it('estimates a row by what it holds, and a result by a sample of its rows, within 10% of every row', () => {
    // Rows of one shape cost the same: a result is its row count times one of them.
    expect(estimateBytes(value(7))).toBe(7 * ROW_BYTES);
    // An empty result still takes a slot.
    expect(estimateBytes({ rows: [] })).toBeGreaterThan(0);
    // A longer value, another column, a character outside Latin-1 (two bytes each in V8, 'ñ' being one) cost more.
    expect(rowBytes({ a: 'a'.repeat(64) })).toBeGreaterThan(rowBytes({ a: 'a' }));
    expect(rowBytes({ a: 'x', b: 'y' })).toBeGreaterThan(rowBytes({ a: 'x' }));
    expect(rowBytes({ a: 'Ω'.repeat(16) })).toBeGreaterThan(rowBytes({ a: 'ñ'.repeat(16) }));
    expect(rowBytes({ a: 'ñ'.repeat(16) })).toBe(rowBytes({ a: 'n'.repeat(16) }));
    // Rows of varied width (names from 1 to 40 characters, non-ASCII in some): 100,000 rows, 64 read.
    const rows = Array.from({ length: 100_000 }, (_, i) => ({
      agent: 'Ω'.repeat((i * 7919) % 40) || 'a',
      calls: String(i),
    }));
    const exact = rows.reduce((sum, row) => sum + rowBytes(row), 0);
    expect(Math.abs(estimateBytes({ rows }) - exact) / exact).toBeLessThan(0.1);
  });

  it('bounds the bytes kept, evicting the least recently used', async () => {
    const cache = new ResultCache({ maxBytes: 10 * ROW_BYTES });
    expect(await cache.set('a', value(6))).toBe(true);
    expect(await cache.set('b', value(6))).toBe(true);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')?.rows.length).toBe(6);
    expect(cache.bytes).toBe(6 * ROW_BYTES);
  });

  it('never holds more than its byte bound, the newest result included', async () => {
    const maxBytes = 50_000;
    const cache = new ResultCache({ maxBytes });
    let seed = 11;
    const next = () => {
      seed = (seed * 48_271) % 2_147_483_647;
      return seed;
    };
    const answers: boolean[] = [];
    for (let i = 0; i < 200; i += 1) {
      const rows = next() % 8_000;
      answers.push(await cache.set(`window-${i}`, value(rows)));
      expect(cache.bytes).toBeLessThanOrEqual(maxBytes);
      // What it accounts is what it holds: the estimate of every live entry.
      let held = 0;
      for (let j = 0; j <= i; j += 1) {
        const entry = cache.get(`window-${j}`);
        if (entry) held += estimateBytes(entry);
      }
      expect(held).toBe(cache.bytes);
    }
    // Both kinds happened: results over the bound (not kept) and results kept.
    expect(answers).toContain(false);
    expect(answers).toContain(true);
  });

  it('does not keep a result larger than the whole byte budget, and keeps the others', async () => {
    const cache = new ResultCache({ maxBytes: 10 * ROW_BYTES });
    await cache.set('a', value(4));
    expect(await cache.set('huge', value(11))).toBe(false);
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.get('a')?.rows.length).toBe(4);
    expect(await cache.set('fits', value(10))).toBe(true);
  });

  it('says when a fetched result was not kept, and fetches it again next time', async () => {
    const cache = new ResultCache({ maxBytes: 10 * ROW_BYTES });
    let fetches = 0;
    const fetch = async () => {
      fetches += 1;
      return value(50);
    };
    const first = await cache.getOrFetch('k', fetch);
    expect(first).toMatchObject({ fromCache: false, kept: false });
    expect(first.value.rows.length).toBe(50);
    expect(await cache.getOrFetch('k', fetch)).toMatchObject({ fromCache: false, kept: false });
    expect(fetches).toBe(2);
    expect(await cache.getOrFetch('small', async () => value(3))).toMatchObject({ kept: true });
  });

  it('forgets entries after the time to live', async () => {
    let now = 10_000;
    const cache = new ResultCache({ ttlMs: 1000, now: () => now });
    await cache.set('a', value(1));
    now = 11_000;
    expect(cache.get('a')).toBeDefined();
    now = 11_001;
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

describe('an answer over a result that was not kept', () => {
  const answer = (kept: boolean, limit: number) =>
    reportReply({
      report: { id: 'demo_1', title: 'Demo', fields: { id: { kind: 'text', meaning: 'id' } } },
      tool: 'wolkvox_demo_1',
      result: {
        rows: Array.from({ length: 30 }, (_, i) => ({ id: String(i) })),
        window: null,
        windows: 1,
        requests: 1,
        fetchedAt: Date.UTC(2025, 1, 4),
      },
      fromCache: false,
      kept,
      controls: { offset: 0, limit },
      timeZone: 'America/Bogota',
      source: 'emulator',
      cursorAt: (offset) => `cursor-${offset}`,
    });
  const NOTE = 'the result was not kept: a next page fetches it again';

  it('says its next page fetches it again', () => {
    expect(answer(false, 10).structured.notes).toEqual([expect.stringContaining(NOTE)]);
    expect(answer(false, 10).text).toContain(
      `Note: The 30 rows fetched take more memory than this server keeps`,
    );
  });

  it('says nothing when it was kept, or when there is no next page', () => {
    expect(answer(true, 10).text).not.toContain(NOTE);
    expect(answer(false, 50).text).not.toContain(NOTE);
  });
});
