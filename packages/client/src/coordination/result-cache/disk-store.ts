/**
 * Kept pieces on this machine's disk, with cacache: content-addressed (a file per distinct content, named by its
 * SHA-512), written to a temporary file and moved into place (a crash leaves no half entry), and checked against
 * its digest and size on every read, so damaged bytes are detected and never answered.
 *
 * cacache has no size bound, so this store keeps one: least recently used first. "Used" is the time of the key's
 * latest index line, which cacache records anyway; a read appends a fresh line when the last one is older than
 * `touchAfterMs` (an hour), which keeps the index small (at most a line an hour per entry) at the cost of ranking
 * uses within the same hour as one. Totals come from listing the index: done on the first write and then once
 * every 1/20 of the bound written (or when the running total passes the bound), so other processes' writes are
 * seen without listing on every write. A sweep drops the least recently used entries until the total is 90 % of
 * the bound, and removes a content file only when no kept key still points to it.
 */
import type Cacache from 'cacache';
import { CorruptEntry, type PieceStore } from './store.js';

type CacacheModule = typeof Cacache;
let cacacheModule: Promise<CacacheModule> | undefined;
/** Loaded on first use: a process that never keeps a piece never loads it. */
function loadCacache(): Promise<CacacheModule> {
  cacacheModule ??= import('cacache').then(
    (module) => ((module as { default?: CacacheModule }).default ?? module) as CacacheModule,
  );
  return cacacheModule;
}

export const DEFAULT_MAX_BYTES = 1024 ** 3;
const HOUR_MS = 3_600_000;
/** A sweep frees down to this share of the bound, so that the next writes do not each trigger one. */
const SWEEP_TO = 0.9;
/** Share of the bound written (by this process) after which the totals are listed again. */
const RELIST_SHARE = 1 / 20;

export interface DiskStoreOptions {
  /** The cacache directory. */
  dir: string;
  /** Bytes of content kept at most (index lines aside). */
  maxBytes: number;
  /** A read records a new last use when the recorded one is older than this. Default one hour. */
  touchAfterMs?: number;
  /** The clock, in ms since the epoch (tests). */
  now?: () => number;
}

export interface SweepOutcome {
  /** Content bytes kept after the sweep. */
  bytes: number;
  /** Keys dropped, least recently used first. */
  evicted: string[];
}

export interface DiskStore extends PieceStore {
  /** Lists the totals and evicts down to 90 % of the bound when over it. Runs one at a time. */
  sweep(): Promise<SweepOutcome>;
}

interface IndexEntry {
  key: string;
  integrity: string;
  size: number;
  time: number;
}

export function diskStore(options: DiskStoreOptions): DiskStore {
  const { dir, maxBytes } = options;
  const touchAfterMs = options.touchAfterMs ?? HOUR_MS;
  const now = options.now ?? Date.now;
  /** Bytes kept as of the last listing, plus what this process wrote since; undefined before the first listing. */
  let total: number | undefined;
  let writtenSinceListing = 0;
  let sweeping: Promise<SweepOutcome> | undefined;
  let sweepAgain: Promise<SweepOutcome> | undefined;

  const removeKey = async (cacache: CacacheModule, key: string) => {
    // removeFully deletes the key's index file instead of appending a tombstone to it.
    await (cacache.rm.entry as (dir: string, key: string, opts: object) => Promise<unknown>)(dir, key, {
      removeFully: true,
    });
  };

  const runSweep = async (): Promise<SweepOutcome> => {
    const cacache = await loadCacache();
    const entries = Object.values(await cacache.ls(dir)) as IndexEntry[];
    // Contents are shared by keys with identical bytes (two empty windows): counted, and removed, once.
    const holders = new Map<string, number>();
    const sizes = new Map<string, number>();
    for (const entry of entries) {
      holders.set(entry.integrity, (holders.get(entry.integrity) ?? 0) + 1);
      sizes.set(entry.integrity, entry.size ?? 0);
    }
    let bytes = 0;
    for (const size of sizes.values()) bytes += size;
    const evicted: string[] = [];
    if (bytes > maxBytes) {
      entries.sort((a, b) => a.time - b.time);
      for (const entry of entries) {
        if (bytes <= maxBytes * SWEEP_TO) break;
        await removeKey(cacache, entry.key);
        evicted.push(entry.key);
        const left = holders.get(entry.integrity)! - 1;
        holders.set(entry.integrity, left);
        if (left === 0) {
          await cacache.rm.content(dir, entry.integrity);
          bytes -= sizes.get(entry.integrity)!;
        }
      }
    }
    total = bytes;
    writtenSinceListing = 0;
    return { bytes, evicted };
  };

  /**
   * One sweep at a time. Asked while one runs, another follows it (once, for every request meanwhile): the running
   * one may have listed the index before the write that asked.
   */
  const sweep = (): Promise<SweepOutcome> => {
    if (!sweeping) {
      sweeping = runSweep().finally(() => {
        sweeping = undefined;
      });
      return sweeping;
    }
    sweepAgain ??= sweeping
      .catch(() => undefined)
      .then(() => {
        sweepAgain = undefined;
        return sweep();
      });
    return sweepAgain;
  };

  return {
    name: 'disk',
    sweep,

    async read(key) {
      const cacache = await loadCacache();
      const info = await cacache.get.info(dir, key);
      if (!info) return undefined;
      let bytes: Buffer;
      try {
        // With the recorded size, a truncated file fails as EBADSIZE; altered bytes fail the digest (EINTEGRITY).
        bytes = await cacache.get.byDigest(dir, info.integrity, { size: info.size, memoize: false });
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code === 'EINTEGRITY' || code === 'EBADSIZE') {
          await removeKey(cacache, key);
          await cacache.rm.content(dir, info.integrity);
          throw new CorruptEntry(
            `the kept content failed its ${code === 'EBADSIZE' ? 'size' : 'digest'} check`,
          );
        }
        if (code === 'ENOENT') {
          // Evicted by another process between the index read and the content read.
          await removeKey(cacache, key);
          return undefined;
        }
        throw error;
      }
      if (now() - info.time >= touchAfterMs) {
        // cacache takes the entry's time (its types leave it out): the clock here is the one eviction sorts by.
        // Only the eviction order needs it: on a read-only or full disk the kept bytes are answered all the same.
        await cacache.index
          .insert(dir, key, info.integrity, { size: info.size, time: now() } as Cacache.index.InsertOptions)
          .catch(() => undefined);
      }
      return bytes;
    },

    async write(key, bytes) {
      // An entry larger than the whole bound would only evict everything else and then itself.
      if (bytes.length > maxBytes) return;
      const cacache = await loadCacache();
      await cacache.put(dir, key, bytes, { time: now(), memoize: false } as Cacache.put.Options);
      writtenSinceListing += bytes.length;
      if (total !== undefined) total += bytes.length;
      if (total === undefined || total > maxBytes || writtenSinceListing > maxBytes * RELIST_SHARE) {
        await sweep();
      }
    },

    async drop(key, dropOptions) {
      const cacache = await loadCacache();
      const info = await cacache.get.info(dir, key);
      await removeKey(cacache, key);
      if (info && !dropOptions?.keepContent) await cacache.rm.content(dir, info.integrity);
    },

    async close() {
      await sweepAgain;
      await sweeping;
    },
  };
}
