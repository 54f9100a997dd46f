/**
 * Fetched results, kept so that paging through an answer never asks wolkvox again.
 *
 * Storage is `lru-cache` (the LRU the emulator uses too): at most `maxEntries` results and `maxRows` rows in
 * all, each for `ttlMs`. One policy for a result larger than the whole row budget: it is answered but not kept
 * (keeping it would evict everything else and still hold more than the budget), and the caller is told so
 * (`kept: false`) to say it in the answer. What lru-cache does not do is shared fetching as this server needs
 * it: concurrent requests for a key share one fetch, aborted only when every caller waiting for it has gone.
 *
 * lru-cache is loaded when the first result is stored, not at start-up: before any fetch there is nothing to
 * keep, and a server that only lists tools never pays for loading it.
 */
import type { LRUCache } from 'lru-cache';

export interface CacheOptions {
  maxEntries?: number;
  maxRows?: number;
  ttlMs?: number;
  /** Clock in milliseconds, for tests (default: the monotonic `performance.now`). */
  now?: () => number;
}

export const CACHE_DEFAULTS = { maxEntries: 64, maxRows: 1_000_000, ttlMs: 5 * 60_000 } as const;

interface Pending<V> {
  promise: Promise<Stored<V>>;
  controller: AbortController;
  waiters: number;
}

interface Stored<V> {
  value: V;
  kept: boolean;
}

export interface Cached<V> {
  value: V;
  /** True when the value came from the cache (or from a fetch another caller had started). */
  fromCache: boolean;
  /** False when the value was over the row budget and not kept: a next page fetches it again. */
  kept: boolean;
}

/** lru-cache sizes must be positive integers; an empty result still takes a slot. */
const sizeOf = (value: { rows: readonly unknown[] }): number => Math.max(1, value.rows.length);

export class ResultCache<V extends { rows: readonly unknown[] }> {
  readonly maxEntries: number;
  readonly maxRows: number;
  readonly ttlMs: number;
  private readonly now: (() => number) | undefined;
  /** Absent until the first result is stored. */
  private store: LRUCache<string, V> | undefined;
  private opening: Promise<LRUCache<string, V>> | undefined;
  private readonly pending = new Map<string, Pending<V>>();

  constructor(options: CacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? CACHE_DEFAULTS.maxEntries;
    this.maxRows = options.maxRows ?? CACHE_DEFAULTS.maxRows;
    this.ttlMs = options.ttlMs ?? CACHE_DEFAULTS.ttlMs;
    this.now = options.now;
  }

  get size(): number {
    return this.store?.size ?? 0;
  }

  /** Rows held (an empty result counts as one, the slot it takes). */
  get rowCount(): number {
    return this.store?.calculatedSize ?? 0;
  }

  /** The live entry for `key`, marked as just used; undefined when absent or expired. */
  get(key: string): V | undefined {
    return this.store?.get(key);
  }

  /** Keeps `value` under `key`; false when it is over the row budget and so was not kept. */
  async set(key: string, value: V): Promise<boolean> {
    const store = await this.open();
    const status: LRUCache.Status<string, V> = {};
    store.set(key, value, { status });
    return status.maxEntrySizeExceeded !== true;
  }

  delete(key: string): void {
    this.store?.delete(key);
  }

  clear(): void {
    this.store?.clear();
  }

  private open(): Promise<LRUCache<string, V>> {
    this.opening ??= import('lru-cache').then(({ LRUCache }) => {
      this.store = new LRUCache<string, V>({
        max: this.maxEntries,
        maxSize: this.maxRows,
        maxEntrySize: this.maxRows,
        sizeCalculation: sizeOf,
        ttl: this.ttlMs,
        // Read the clock at every look-up: a cached reading (1 ms by default) would hide a test clock.
        ttlResolution: 0,
        ...(this.now ? { perf: { now: this.now } } : {}),
      });
      return this.store;
    });
    return this.opening;
  }

  /**
   * The cached value for `key`, or the result of `fetch` (shared with concurrent callers of the same key).
   * `signal` withdraws this caller; the fetch itself is aborted when no caller waits for it any more.
   */
  async getOrFetch(
    key: string,
    fetch: (signal: AbortSignal) => Promise<V>,
    signal?: AbortSignal,
  ): Promise<Cached<V>> {
    signal?.throwIfAborted();
    const hit = this.get(key);
    if (hit) return { value: hit, fromCache: true, kept: true };

    let pending = this.pending.get(key);
    const joined = pending !== undefined;
    if (!pending) {
      const controller = new AbortController();
      const promise = fetch(controller.signal).then(async (value) => ({
        value,
        // A fetch its callers abandoned is not stored: the next caller starts afresh.
        kept: this.pending.get(key) === created ? await this.set(key, value) : false,
      }));
      const created: Pending<V> = { promise, controller, waiters: 0 };
      pending = created;
      this.pending.set(key, created);
      const forget = () => {
        if (this.pending.get(key) === created) this.pending.delete(key);
      };
      promise.then(forget, forget);
    }

    const current = pending;
    current.waiters += 1;
    try {
      const { value, kept } = await waitFor(current.promise, signal);
      return { value, fromCache: joined, kept };
    } finally {
      current.waiters -= 1;
      if (current.waiters === 0 && signal?.aborted) {
        // The last caller left before the fetch ended: stop it, and let the next caller start afresh.
        if (this.pending.get(key) === current) this.pending.delete(key);
        current.controller.abort(signal.reason);
      }
    }
  }
}

/** Resolves with `promise`, or rejects with the signal's reason as soon as it aborts. */
function waitFor<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
