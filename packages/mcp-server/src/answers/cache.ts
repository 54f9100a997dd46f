/**
 * Fetched results, kept so that paging through an answer never asks wolkvox again.
 *
 * A bounded LRU with a time to live: at most `maxEntries` results and `maxRows` rows in all (the newest result
 * always stays, however large, so the answer being paged survives), each for `ttlMs`. Concurrent requests for
 * the same key share one fetch; the fetch is aborted only when every caller waiting for it has gone.
 */

export interface CacheOptions {
  maxEntries?: number;
  maxRows?: number;
  ttlMs?: number;
  /** Clock, for tests. */
  now?: () => number;
}

export const CACHE_DEFAULTS = { maxEntries: 64, maxRows: 1_000_000, ttlMs: 5 * 60_000 } as const;

interface Entry<V> {
  value: V;
  rows: number;
  storedAt: number;
}

interface Pending<V> {
  promise: Promise<V>;
  controller: AbortController;
  waiters: number;
}

export interface Cached<V> {
  value: V;
  /** True when the value came from the cache (or from a fetch another caller had started). */
  fromCache: boolean;
}

export class ResultCache<V extends { rows: readonly unknown[] }> {
  readonly maxEntries: number;
  readonly maxRows: number;
  readonly ttlMs: number;
  private readonly now: () => number;
  /** Map order is recency order: the first key is the least recently used. */
  private readonly entries = new Map<string, Entry<V>>();
  private readonly pending = new Map<string, Pending<V>>();
  private totalRows = 0;

  constructor(options: CacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? CACHE_DEFAULTS.maxEntries;
    this.maxRows = options.maxRows ?? CACHE_DEFAULTS.maxRows;
    this.ttlMs = options.ttlMs ?? CACHE_DEFAULTS.ttlMs;
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  get rowCount(): number {
    return this.totalRows;
  }

  /** The live entry for `key`, marked as just used; undefined when absent or expired. */
  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.now() - entry.storedAt >= this.ttlMs) {
      this.delete(key);
      return undefined;
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: V): void {
    this.delete(key);
    this.entries.set(key, { value, rows: value.rows.length, storedAt: this.now() });
    this.totalRows += value.rows.length;
    this.evict(key);
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.totalRows -= entry.rows;
  }

  clear(): void {
    this.entries.clear();
    this.totalRows = 0;
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
    if (hit) return { value: hit, fromCache: true };

    let pending = this.pending.get(key);
    const joined = pending !== undefined;
    if (!pending) {
      const controller = new AbortController();
      const promise = fetch(controller.signal).then((value) => {
        if (this.pending.get(key) === created) this.set(key, value);
        return value;
      });
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
      const value = await waitFor(current.promise, signal);
      return { value, fromCache: joined };
    } finally {
      current.waiters -= 1;
      if (current.waiters === 0 && signal?.aborted) {
        // The last caller left before the fetch ended: stop it, and let the next caller start afresh.
        if (this.pending.get(key) === current) this.pending.delete(key);
        current.controller.abort(signal.reason);
      }
    }
  }

  private evict(keep: string): void {
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries && this.totalRows <= this.maxRows) return;
      if (key !== keep) this.delete(key);
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
