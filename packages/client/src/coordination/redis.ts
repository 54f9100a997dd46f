/**
 * The one place Redis is reached. ioredis is imported here only, lazily, so a client without a Redis URL never
 * loads it. One connection per URL per process, shared by every client and coordination piece that uses it.
 *
 * Failure policy (issue 13): Redis is an optimisation of sharing, not a dependency of a report. While Redis is
 * unreachable (down at start, or gone mid-run), `current()` answers undefined and callers fall back to the
 * machine's own files (the budget and the quota count) with a warning in the log and on the result; ioredis keeps
 * reconnecting in the background and the callers go back to Redis as soon as it answers again. Commands never
 * queue while it is down (they fail at once) and never wait more than COMMAND_TIMEOUT_MS for an answer, so a hung
 * Redis costs a call at most that long once before the fallback takes over.
 *
 * Logs and messages name Redis by its label (scheme, host, port, database): never its password.
 */
import type { Redis } from 'ioredis';
import type { WolkvoxLogger } from '../config.js';
import { loadRedis } from './load.js';

/** A Redis command that does not answer within this is taken as Redis being down. */
export const COMMAND_TIMEOUT_MS = 1_000;
/** How long the first use waits for the first connection before falling back. */
const FIRST_CONNECT_WAIT_MS = 1_500;
const CONNECT_TIMEOUT_MS = 1_500;
const RECONNECT_MAX_DELAY_MS = 2_000;

export interface RedisLink {
  /** `redis://host:port/db`, never with credentials. */
  readonly label: string;
  /**
   * The connected client, or undefined while Redis cannot be used (then `problem` says why). The first use after
   * opening waits for the first connection attempt, briefly, so a healthy Redis is not skipped at start-up.
   */
  current(): Promise<Redis | undefined>;
  /** Why Redis is not usable right now (for the warning on results), undefined while it is. */
  readonly problem: string | undefined;
  /** Marks Redis as failing after a command error, until ioredis reconnects; `reason` is logged. */
  failed(reason: unknown): void;
  /**
   * The one way to run a command on the shared Redis: `command` while Redis is usable; `otherwise` while it is not,
   * or when the command fails (which marks Redis failing). Never throws for Redis's sake.
   */
  use<T>(command: (redis: Redis) => Promise<T>, otherwise: () => T | Promise<T>): Promise<T>;
  /** Lets go of this user's share of the connection; the last user's release closes it. */
  release(): Promise<void>;
}

interface Shared {
  redis: Redis;
  users: number;
  up: boolean;
  problem: string | undefined;
  firstConnect: Promise<void>;
  /** When a ping last checked a connection that is open but failed a command (a hung Redis). */
  probedAt: number;
}

const REGISTRY_KEY = Symbol.for('@wolkvox-mcp/client/redis-links');

function registry(): Map<string, Promise<Shared>> {
  const holder = globalThis as { [REGISTRY_KEY]?: Map<string, Promise<Shared>> };
  holder[REGISTRY_KEY] ??= new Map();
  return holder[REGISTRY_KEY];
}

/** The error's message with the URL's password (if any) blanked out, whatever the driver put in it. */
function scrub(reason: unknown, url: string): string {
  const text = reason instanceof Error ? reason.message : String(reason);
  let password = '';
  try {
    password = decodeURIComponent(new URL(url).password);
  } catch {}
  return password ? text.split(password).join('***') : text;
}

async function connect(url: string, label: string, logger: WolkvoxLogger): Promise<Shared> {
  const Redis = await loadRedis();
  const redis = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: COMMAND_TIMEOUT_MS,
    connectTimeout: CONNECT_TIMEOUT_MS,
    // Keep trying forever, at most every 2 s: the callers use the machine's files meanwhile.
    retryStrategy: (times) => Math.min(times * 200, RECONNECT_MAX_DELAY_MS),
  });
  const shared: Shared = {
    redis,
    users: 0,
    up: false,
    problem: 'Redis is not connected yet',
    firstConnect: Promise.resolve(),
    probedAt: 0,
  };
  const down = (reason: unknown) => {
    const problem = `Redis (${label}) is unreachable: ${scrub(reason, url)}`;
    if (shared.up || shared.problem === 'Redis is not connected yet') {
      logger.warn?.(
        { redis: label, err: scrub(reason, url) },
        'Redis unreachable: the token budget and quota count fall back to this machine until it is back',
      );
    }
    shared.up = false;
    shared.problem = problem;
  };
  redis.on('ready', () => {
    if (!shared.up && shared.problem !== 'Redis is not connected yet') {
      logger.warn?.({ redis: label }, 'Redis reachable again: the token budget is shared through it again');
    }
    shared.up = true;
    shared.problem = undefined;
  });
  redis.on('error', down);
  redis.on('close', () => {
    if (shared.up) down(new Error('connection closed'));
  });
  shared.firstConnect = new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, FIRST_CONNECT_WAIT_MS);
    timer.unref();
    const settle = () => {
      clearTimeout(timer);
      resolve();
    };
    redis.once('ready', settle);
    redis.once('error', settle);
  });
  // A failed first connection is reported through 'error' and retried by the retry strategy.
  redis.connect().catch(() => {});
  return shared;
}

/**
 * ioredis reconnects by itself when the connection drops; a connection that stays open but failed a command (a
 * hung or overloaded Redis) is put back in use by a ping that answers, tried at most every 2 s.
 */
function probe(shared: Shared): void {
  const now = Date.now();
  if (now - shared.probedAt < RECONNECT_MAX_DELAY_MS) return;
  shared.probedAt = now;
  shared.redis.ping().then(
    () => {
      if (shared.redis.status === 'ready') {
        shared.up = true;
        shared.problem = undefined;
      }
    },
    () => {},
  );
}

/**
 * Opens (or joins) the process's connection to the Redis at `url`. Never throws for an unreachable Redis: that is
 * the fallback's business. `label` is the URL without credentials (config.redis.label).
 */
export function openRedis(url: string, label: string, logger: WolkvoxLogger): RedisLink {
  const links = registry();
  let entry = links.get(url);
  if (!entry) {
    entry = connect(url, label, logger);
    links.set(url, entry);
  }
  const sharedPromise = entry;
  let released = false;
  let shared: Shared | undefined;
  // Set when the driver itself could not be loaded or built: Redis is then unusable for this link's life.
  let broken: string | undefined;
  const joined = sharedPromise.then(
    (value) => {
      value.users++;
      shared = value;
      return value;
    },
    (error: unknown) => {
      broken = `Redis (${label}) cannot be used: ${scrub(error, url)}`;
      logger.warn?.(
        { redis: label, err: scrub(error, url) },
        'Redis cannot be used: the budget stays on this machine',
      );
      if (links.get(url) === sharedPromise) links.delete(url);
      return undefined;
    },
  );

  return {
    label,
    get problem() {
      return broken ?? (shared ? shared.problem : 'Redis is not connected yet');
    },
    async current() {
      if (released) return undefined;
      const value = await joined;
      if (!value) return undefined;
      await value.firstConnect;
      if (!value.up && value.redis.status === 'ready') probe(value);
      return value.up && value.redis.status === 'ready' ? value.redis : undefined;
    },
    async use(command, otherwise) {
      const redis = await this.current();
      if (!redis) return otherwise();
      try {
        return await command(redis);
      } catch (error) {
        this.failed(error);
        return otherwise();
      }
    },
    failed(reason) {
      if (!shared) return;
      if (shared.up) {
        logger.warn?.(
          { redis: label, err: scrub(reason, url) },
          'Redis command failed: falling back to this machine until Redis answers again',
        );
      }
      shared.up = false;
      shared.problem = `Redis (${label}) failed: ${scrub(reason, url)}`;
      shared.probedAt = Date.now();
    },
    async release() {
      if (released) return;
      released = true;
      const value = await joined;
      if (!value) return;
      value.users--;
      if (value.users > 0) return;
      if (links.get(url) === sharedPromise) links.delete(url);
      value.redis.removeAllListeners();
      // Errors after this point are nobody's business; the listener keeps them from being unhandled.
      value.redis.on('error', () => {});
      await value.redis.quit().catch(() => value.redis.disconnect());
    },
  };
}
