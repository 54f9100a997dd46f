/**
 * The token's budget and daily count across machines: a redis-semaphore permit per HTTP call (LIMIT permits per
 * token key; a permit not refreshed for the lease time, the holder being dead or cut off, lapses), and the day's
 * calls as a Redis counter that expires after the tenant's midnight.
 *
 * Every function answers `undefined` when Redis cannot be used right now (the link is down, or a command failed):
 * the caller then keeps to the machine's own budget, which it holds anyway (see coordinator.ts).
 */
import type { WolkvoxLogger } from '../config.js';
import { loadSemaphore } from './load.js';
import type { RedisLink } from './redis.js';

/** How many times a permit is refreshed within its lease time, as a machine lease is renewed. */
const REFRESHES_PER_LEASE = 5;
/** How often a waiter asks for a permit again. */
const RETRY_MS = 15;
/** Bound of one wait for a permit: the call's own deadline and signal usually end it first. */
const ACQUIRE_TIMEOUT_MS = 24 * 60 * 60 * 1000;

export interface RedisPermit {
  release(): Promise<void>;
}

/**
 * Waits for one of `limit` permits, held for `ttlMs` past its last refresh; undefined when Redis failed (then the
 * caller goes on without it).
 */
export async function redisPermit(
  link: RedisLink,
  key: string,
  limit: number,
  ttlMs: number,
  signal: AbortSignal,
  logger: WolkvoxLogger,
): Promise<RedisPermit | undefined> {
  const redis = await link.current();
  if (!redis) return undefined;
  let semaphore: InstanceType<Awaited<ReturnType<typeof loadSemaphore>>>;
  try {
    const Semaphore = await loadSemaphore();
    semaphore = new Semaphore(redis, `wolkvox:budget:${key}`, limit, {
      lockTimeout: ttlMs,
      refreshInterval: ttlMs / REFRESHES_PER_LEASE,
      retryInterval: RETRY_MS,
      acquireTimeout: ACQUIRE_TIMEOUT_MS,
      // Lost while the call runs (Redis gone, or this process stalled past the TTL): the call finishes under the
      // machine's lease it still holds; only the cross-machine share is lost for that call.
      onLockLost: (error) => {
        link.failed(error);
        logger.warn?.(
          { redis: link.label },
          'lost a Redis permit during a call; the machine lease still holds',
        );
      },
    });
    await semaphore.acquire(signal);
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    link.failed(error);
    return undefined;
  }
  return {
    release: async () => {
      try {
        await semaphore.release();
      } catch (error) {
        // The permit lapses by itself within the lease time.
        link.failed(error);
      }
    },
  };
}

export interface RedisDayCount {
  used: number;
  exhaustedUntil?: number;
  learnedLimit?: number;
}

const dayKey = (key: string, day: string) => `wolkvox:quota:${key}:${day}`;

/** Counts one call of the day; undefined when Redis failed. Keys expire a day after the tenant's midnight. */
export async function countRedisCall(
  link: RedisLink,
  key: string,
  day: string,
  expiresAt: number,
): Promise<RedisDayCount | undefined> {
  const counter = dayKey(key, day);
  return link.use(
    async (redis) => {
      const replies = await redis
        .multi()
        .incr(counter)
        .pexpireat(counter, expiresAt)
        .hmget(`${counter}:exhausted`, 'until', 'limit')
        .exec();
      if (!replies || replies.some(([error]) => error)) throw replies?.find(([e]) => e)?.[0] ?? 'no reply';
      const used = Number(replies[0]![1]);
      const [until, limit] = replies[2]![1] as (string | null)[];
      return {
        used,
        ...(until ? { exhaustedUntil: Number(until) } : {}),
        ...(limit ? { learnedLimit: Number(limit) } : {}),
      };
    },
    () => undefined,
  );
}

/** Records the platform's refusal for the daily quota for every machine, until it resets. */
export async function markRedisExhausted(
  link: RedisLink,
  key: string,
  day: string,
  resetsAt: number,
): Promise<void> {
  const counter = dayKey(key, day);
  await link.use(
    async (redis) => {
      const used = Number((await redis.get(counter)) ?? 0);
      await redis
        .multi()
        .hset(`${counter}:exhausted`, 'until', String(resetsAt))
        .hsetnx(`${counter}:exhausted`, 'limit', String(Math.max(0, used - 1)))
        .pexpireat(`${counter}:exhausted`, resetsAt)
        .exec();
    },
    () => undefined,
  );
}
