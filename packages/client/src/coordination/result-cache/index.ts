/**
 * The closed-day cache: rows of windows that ended before the tenant's today, kept so that a closed day is
 * fetched once per machine (on disk, across processes and restarts) or once per Redis (across machines), and
 * then answered without a request, without spending the daily quota.
 *
 * It is an optimisation and never a reason for a call to fail or to answer wrongly:
 * - a store that fails (a full disk, no permission, Redis gone) is logged as a warning and the piece is fetched;
 * - an entry that fails its integrity check, does not decode or has the wrong shape is dropped and fetched again;
 * - only pieces wholly before the tenant's today are read or kept; real-time reports have no window and never are.
 *
 * Keeping a fetched piece happens in the background, after the answer is returned; `close()` waits for it.
 */
import { join } from 'node:path';
import type { WallTime } from '@wolkvox-mcp/contracts';
import type { WolkvoxLogger } from '../../config.js';
import type { WallWindow } from '../../windows.js';
import { openRedis } from '../redis.js';
import { cutAtToday, isClosed, tenantTodayStart } from './closed-day.js';
import { DEFAULT_MAX_BYTES, diskStore } from './disk-store.js';
import { decodePiece, encodePiece, type KeptPiece } from './entry.js';
import { type PieceIdentity, pieceKey } from './key.js';
import { redisStore } from './redis-store.js';
import { CorruptEntry, type PieceStore } from './store.js';

export { DEFAULT_MAX_BYTES } from './disk-store.js';
export type { KeptPiece } from './entry.js';

/** Where the disk store lives under the state directory. */
export const CLOSED_DAYS_DIR = 'closed-days';

export interface ClosedDayCacheOptions {
  /** The client's state directory (the cacache directory is `closed-days` in it). */
  stateDir: string;
  /** Bytes the disk store keeps at most. */
  maxBytes?: number;
  /** A Redis to keep pieces in instead of the disk (which it falls back to while Redis is unusable). */
  redis?: { url: string; label: string };
  timeZone: string;
  /** Origin and path prefix of the tenant. */
  server: string;
  tokenFingerprint: string;
  logger: WolkvoxLogger;
  /** The clock, ms since the epoch (tests). */
  now?: () => number;
}

/** One closed piece of one call: read what is kept for it, or keep what was fetched. */
export interface KeptPieceSlot {
  /** The kept piece, or undefined (nothing kept, or the store failed: then it is fetched). Never throws. */
  read(): Promise<KeptPiece | undefined>;
  /** Keeps a fetched piece, in the background. Never throws. */
  keep(piece: KeptPiece): void;
}

export interface ClosedDayCache {
  /** Where the store is, for the result and the logs: `disk` or `redis`. */
  readonly store: string;
  /** The pieces of a call's window, the one that runs into today cut at today's first second. */
  cut(pieces: WallWindow[]): WallWindow[];
  /** The slot of a piece, or undefined when the piece is not wholly closed (it then is always fetched). */
  slot(report: string, piece: WallWindow, query: Record<string, string>): KeptPieceSlot | undefined;
  /** Waits for pieces still being kept. */
  flush(): Promise<void>;
  /** Flushes and lets go of the stores. */
  close(): Promise<void>;
}

export function openClosedDayCache(options: ClosedDayCacheOptions): ClosedDayCache {
  const { logger } = options;
  const now = options.now ?? Date.now;
  const disk = diskStore({
    dir: join(options.stateDir, CLOSED_DAYS_DIR),
    maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
    now,
  });
  const store: PieceStore = options.redis
    ? redisStore(openRedis(options.redis.url, options.redis.label, logger), disk)
    : disk;
  const pending = new Set<Promise<void>>();
  /** Failures are warned once per kind and then logged at debug: a broken disk would otherwise warn on every call. */
  const warned = new Set<string>();
  const failed = (what: string, report: string, error: unknown) => {
    const code = (error as { code?: string }).code ?? (error instanceof Error ? error.name : 'Error');
    const detail = {
      report,
      store: store.name,
      code,
      err: error instanceof Error ? error.message : String(error),
    };
    const message = `closed-day cache: ${what} failed; the window is fetched from wolkvox instead`;
    if (warned.has(`${what} ${code}`)) logger.debug?.(detail, message);
    else {
      warned.add(`${what} ${code}`);
      logger.warn?.(detail, message);
    }
  };
  const todayStart = (): WallTime => tenantTodayStart(options.timeZone, now());

  const slotOf = (report: string, key: string): KeptPieceSlot => ({
    async read() {
      let bytes: Buffer | undefined;
      try {
        bytes = await store.read(key);
      } catch (error) {
        if (error instanceof CorruptEntry) {
          logger.warn?.(
            { report, store: store.name, reason: error.message },
            'closed-day cache: a damaged entry was dropped; fetching it again',
          );
        } else failed('reading', report, error);
        return undefined;
      }
      if (bytes === undefined) return undefined;
      try {
        return await decodePiece(bytes);
      } catch (error) {
        logger.warn?.(
          { report, store: store.name, reason: error instanceof Error ? error.message : String(error) },
          'closed-day cache: an entry that does not decode was dropped; fetching it again',
        );
        await store.drop(key).catch((dropError: unknown) => failed('dropping', report, dropError));
        return undefined;
      }
    },
    keep(piece) {
      let encoding: Promise<Buffer>;
      try {
        // Serialized now (the caller gets these very rows); a failure here must not reach the call either.
        encoding = encodePiece(piece);
      } catch (error) {
        failed('keeping', report, error);
        return;
      }
      const writing = encoding
        .then((bytes) => store.write(key, bytes))
        .catch((error: unknown) => failed('keeping', report, error))
        .finally(() => pending.delete(writing));
      pending.add(writing);
    },
  });

  const flush = async () => {
    while (pending.size > 0) await Promise.all(pending);
  };

  return {
    store: store.name,
    cut: (pieces) => cutAtToday(pieces, todayStart()),
    slot(report, piece, query) {
      if (!isClosed(piece, todayStart())) return undefined;
      const identity: PieceIdentity = {
        server: options.server,
        tokenFingerprint: options.tokenFingerprint,
        report,
        query,
      };
      return slotOf(report, pieceKey(identity));
    },
    flush,
    async close() {
      await flush();
      await store.close();
    },
  };
}
