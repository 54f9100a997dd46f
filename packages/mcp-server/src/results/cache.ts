/**
 * Fetched results, kept so that paging through a result never asks wolkvox again.
 *
 * Storage is `lru-cache` (the LRU the emulator uses too): at most `maxEntries` results and `maxBytes` bytes in
 * all, each for `ttlMs`. A result's bytes in memory are estimated from a sample of its rows (`estimateBytes`), not
 * by serializing it whole: the estimate runs on every fetch, and a 60,000-row result must not pay for a copy.
 * One policy for a result larger than the whole byte budget: it is answered but not kept (keeping it would evict
 * everything else and still hold more than the budget), and the caller is told so (`kept: false`) to say it in
 * the reply. What lru-cache does not do is shared fetching as this server needs
 * it: concurrent requests for a key share one fetch, aborted only when every caller waiting for it has gone.
 *
 * lru-cache is loaded when the first result is stored, not at start-up: before any fetch there is nothing to
 * keep, and a server that only lists tools never pays for loading it.
 */
import type { LRUCache } from 'lru-cache';

export interface CacheOptions {
  maxEntries?: number;
  /** Bytes of results kept in all, as `estimateBytes` counts them. */
  maxBytes?: number;
  ttlMs?: number;
  /** Clock in milliseconds, for tests (default: the monotonic `performance.now`). */
  now?: () => number;
}

export const CACHE_DEFAULTS = { maxEntries: 64, maxBytes: 256 * 1024 * 1024, ttlMs: 5 * 60_000 } as const;

/** Rows read to estimate a result's size: enough to average out long and short values, few enough to be free. */
const SAMPLE_ROWS = 64;

/** V8's layout on 64-bit Node, roughly: a pointer, an object's header, a string's header, a boxed number. */
const POINTER = 8;
const OBJECT_HEADER = 24;
const STRING_HEADER = 16;
const HEAP_NUMBER = 16;
/** A string of Latin-1 characters only is stored a byte per character; any other makes every one take two. */
function isTwoByte(value: string): boolean {
  for (let i = 0; i < value.length; i += 1) if (value.charCodeAt(i) > 0xff) return true;
  return false;
}

/**
 * One row's bytes on the heap, roughly as V8 lays it out: its slot in the rows array, the object with a slot per
 * property (the names are shared by every row of the same shape, so they cost nothing per row), and each value.
 */
export function rowBytes(row: unknown): number {
  if (typeof row !== 'object' || row === null) return POINTER + valueBytes(row);
  let bytes = POINTER + OBJECT_HEADER;
  for (const key in row) bytes += POINTER + valueBytes((row as Record<string, unknown>)[key]);
  return bytes;
}

function valueBytes(value: unknown): number {
  if (typeof value === 'string') {
    const chars = isTwoByte(value) ? value.length * 2 : value.length;
    // Heap objects are 8-byte aligned.
    return STRING_HEADER + Math.ceil(chars / 8) * 8;
  }
  if (typeof value === 'number')
    return Number.isInteger(value) && Math.abs(value) < 2 ** 30 ? 0 : HEAP_NUMBER;
  if (typeof value === 'object' && value !== null)
    return OBJECT_HEADER + 2 * (JSON.stringify(value)?.length ?? 0);
  return 0;
}

/**
 * A result's bytes in memory, estimated as its row count times the mean `rowBytes` of up to `SAMPLE_ROWS` rows
 * spread evenly over it (rows of one report have the same columns, so their sizes vary little). At least 1:
 * lru-cache sizes must be positive integers, and an empty result still takes a slot.
 */
export function estimateBytes(value: { rows: readonly unknown[] }): number {
  const { rows } = value;
  if (rows.length === 0) return 1;
  const step = Math.max(1, Math.floor(rows.length / SAMPLE_ROWS));
  let sampled = 0;
  let bytes = 0;
  for (let i = 0; i < rows.length && sampled < SAMPLE_ROWS; i += step) {
    bytes += rowBytes(rows[i]);
    sampled += 1;
  }
  return Math.max(1, Math.ceil((bytes / sampled) * rows.length));
}

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
  /** False when the value was over the byte budget and not kept: a next page fetches it again. */
  kept: boolean;
}

export class ResultCache<V extends { rows: readonly unknown[] }> {
  readonly maxEntries: number;
  readonly maxBytes: number;
  readonly ttlMs: number;
  private readonly now: (() => number) | undefined;
  /** Absent until the first result is stored. */
  private store: LRUCache<string, V> | undefined;
  private opening: Promise<LRUCache<string, V>> | undefined;
  private readonly pending = new Map<string, Pending<V>>();

  constructor(options: CacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? CACHE_DEFAULTS.maxEntries;
    this.maxBytes = options.maxBytes ?? CACHE_DEFAULTS.maxBytes;
    this.ttlMs = options.ttlMs ?? CACHE_DEFAULTS.ttlMs;
    this.now = options.now;
  }

  get size(): number {
    return this.store?.size ?? 0;
  }

  /** Bytes held, as `estimateBytes` counts them: never more than `maxBytes`. */
  get bytes(): number {
    return this.store?.calculatedSize ?? 0;
  }

  /** The live entry for `key`, marked as just used; undefined when absent or expired. */
  get(key: string): V | undefined {
    return this.store?.get(key);
  }

  /** Keeps `value` under `key`; false when it is over the byte budget and so was not kept. */
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
        maxSize: this.maxBytes,
        maxEntrySize: this.maxBytes,
        sizeCalculation: estimateBytes,
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
   * `signal` withdraws this caller; the fetch itself is aborted when no caller waits for it any more. A kept value
   * that `isFresh` refuses (a real-time result past its age) is dropped and fetched again.
   */
  async getOrFetch(
    key: string,
    fetch: (signal: AbortSignal) => Promise<V>,
    signal?: AbortSignal,
    isFresh?: (value: V) => boolean,
  ): Promise<Cached<V>> {
    signal?.throwIfAborted();
    const hit = this.get(key);
    if (hit && (!isFresh || isFresh(hit))) return { value: hit, fromCache: true, kept: true };
    if (hit) this.delete(key);

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
