/**
 * Kept pieces in a Redis shared by several machines, so that a closed day fetched by one replica is answered by
 * all. Redis bounds itself (its maxmemory policy); every entry also expires 30 days after its last read (GETEX
 * renews it), so a Redis without a memory policy does not fill up with days nobody asks for any more. Keys are
 * hashed: `wolkvox:closed-day:<sha256 of the key>`, nothing readable about the tenant. Values are sealed entries
 * (seal.ts): the rows, the whole key they answer and a MAC only a holder of the token can make, so that what
 * anyone else writes here, or moves between keys, is refused.
 *
 * Failure policy, the same as the budget's (redis.ts): while Redis cannot be used, pieces are read from and
 * written to this machine's disk store instead, with one warning when Redis goes away (logged by the shared
 * connection); a command that fails marks Redis as failing until it answers again. A report call never fails
 * because Redis did. What was kept on the disk meanwhile is still read when Redis does not have it.
 */
import type { RedisLink } from '../redis.js';
import { hashedKey } from './key.js';
import type { PieceStore } from './store.js';

export const REDIS_TTL_SECONDS = 30 * 24 * 3600;
const PREFIX = 'wolkvox:closed-day:';

export function redisStore(link: RedisLink, fallback: PieceStore): PieceStore {
  const redisKey = (key: string) => PREFIX + hashedKey(key);

  return {
    name: 'redis',
    async read(key) {
      const inRedis = await link.use<Buffer | null | undefined>(
        (redis) => redis.getexBuffer(redisKey(key), 'EX', REDIS_TTL_SECONDS),
        () => fallback.read(key),
      );
      // Not in Redis: maybe kept on this machine's disk while Redis was away (one index file read to know). Read
      // outside `use`, so that a damaged disk entry is not taken for a failing Redis.
      return inRedis === null ? fallback.read(key) : inRedis;
    },
    write: (key, bytes) =>
      link.use(
        async (redis) => {
          await redis.set(redisKey(key), bytes, 'EX', REDIS_TTL_SECONDS);
        },
        () => fallback.write(key, bytes),
      ),
    drop: (key) =>
      link.use(
        async (redis) => {
          await redis.del(redisKey(key));
        },
        () => fallback.drop(key),
      ),
    async close() {
      await fallback.close();
      await link.release();
    },
  };
}
