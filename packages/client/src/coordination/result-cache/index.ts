/**
 * The closed-day cache: rows of windows that ended before the tenant's today, kept so that a closed day is
 * fetched once per machine (on disk, across processes and restarts) or once per Redis (across machines), and
 * then answered without a request, without spending the daily quota.
 *
 * It is an optimisation and never a reason for a call to fail or to answer wrongly:
 * - a store that fails (a full disk, a file-size limit, no permission, Redis gone) is logged as a warning and the
 *   piece is fetched;
 * - an entry is answered only under the key it was kept for and only when its MAC was made with this token
 *   (seal.ts): one pointed at another request's bytes, or planted by someone without the token, is refused;
 * - an entry refused so, or that fails its integrity check, does not decode or has the wrong shape, is dropped and
 *   fetched again;
 * - only pieces wholly before the tenant's today are read or kept; real-time reports have no window and never are.
 * A call that met such a problem says so in its result's warnings, besides the log.
 *
 * Keeping a fetched piece happens in the background, after the answer is returned; `close()` waits for it.
 */
import type { KeyObject } from 'node:crypto';
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
import { RefusedEntry, seal, unseal } from './seal.js';
import { CorruptEntry, type PieceStore } from './store.js';

export { DEFAULT_MAX_BYTES } from './disk-store.js';
export type { KeptPiece } from './entry.js';
export { ENTRY_MAC_PURPOSE } from './seal.js';

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
  /**
   * The key entries are authenticated with: the token's `Credential.derivedKey(ENTRY_MAC_PURPOSE)`. Never logged,
   * never stored.
   */
  macKey: KeyObject;
  logger: WolkvoxLogger;
  /** The clock, ms since the epoch (tests). */
  now?: () => number;
}

/** What reading a slot gave. */
export interface SlotRead {
  /** The kept piece; absent when nothing usable was kept or the store failed (the piece is then fetched). */
  piece?: KeptPiece;
  /** A cache problem the call met (an entry refused or damaged, a store failing), for its result's warnings. */
  warning?: string;
}

/** One closed piece of one call: read what is kept for it, or keep what was fetched. */
export interface KeptPieceSlot {
  /** The kept piece, if any, and what went wrong on the way. Never throws. */
  read(): Promise<SlotRead>;
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

type NotAnswered = 'damaged' | 'undecodable' | 'other-request' | 'unauthenticated';

/** What the log and the call are told of an entry that is not answered, and whether its bytes stay in the store. */
const NOT_ANSWERED: Record<NotAnswered, { log: string; told: string; keepContent: boolean }> = {
  damaged: { log: 'a damaged entry was dropped', told: 'a kept entry was damaged', keepContent: false },
  undecodable: {
    log: 'an entry that does not decode was dropped',
    told: 'a kept entry did not decode',
    keepContent: false,
  },
  // Another request's intact entry, which a key was pointed at: its bytes are that request's, and stay.
  'other-request': {
    log: 'an entry kept for another request was refused',
    told: 'a kept entry belonged to another request and was refused',
    keepContent: true,
  },
  unauthenticated: {
    log: 'an entry not made with this token was refused',
    told: 'a kept entry was not made with this token and was refused',
    keepContent: false,
  },
};

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
  const codeOf = (error: unknown) =>
    (error as { code?: string }).code ?? (error instanceof Error ? error.name : 'Error');
  const failed = (what: string, report: string, error: unknown) => {
    const code = codeOf(error);
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
  /** The call's warning: one sentence per kind of problem, so that a call meeting it in every piece says it once. */
  const told = (what: string) => `closed-day cache (${store.name}): ${what}`;
  /**
   * Why the latest piece could not be kept (a full disk, a file-size limit), until a piece is kept again: the
   * failure happens after its call was answered, so the calls that fetch closed days meanwhile are told instead.
   */
  let keepFailure: string | undefined;
  const todayStart = (): WallTime => tenantTodayStart(options.timeZone, now());

  /** An entry not answered: logged, dropped (its bytes stay when they are another request's) and told to the call. */
  const notAnswered = async (report: string, key: string, why: NotAnswered, reason: string) => {
    const { log, told: tell, keepContent } = NOT_ANSWERED[why];
    logger.warn?.({ report, store: store.name, reason }, `closed-day cache: ${log}; fetching it again`);
    if (why !== 'damaged') {
      await store
        .drop(key, { keepContent })
        .catch((dropError: unknown) => failed('dropping', report, dropError));
    }
    return { warning: told(`${tell}; the window was fetched from wolkvox again`) };
  };

  const slotOf = (report: string, key: string): KeptPieceSlot => ({
    async read() {
      let bytes: Buffer | undefined;
      try {
        bytes = await store.read(key);
      } catch (error) {
        // A damaged entry was dropped by the store already.
        if (error instanceof CorruptEntry) return notAnswered(report, key, 'damaged', error.message);
        failed('reading', report, error);
        return { warning: told(`reading failed (${codeOf(error)}); the window was fetched from wolkvox`) };
      }
      if (bytes === undefined) {
        if (!keepFailure) return {};
        return {
          warning: told(
            `keeping failed (${keepFailure}); closed days are fetched from wolkvox until it works again`,
          ),
        };
      }
      try {
        return { piece: await decodePiece(unseal(bytes, key, options.macKey)) };
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        const refused = error instanceof RefusedEntry && error.because !== 'unsealed';
        return notAnswered(report, key, refused ? error.because : 'undecodable', reason);
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
        .then((body) => store.write(key, seal(key, body, options.macKey)))
        .then(
          () => {
            keepFailure = undefined;
          },
          (error: unknown) => {
            keepFailure = codeOf(error);
            failed('keeping', report, error);
          },
        )
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
