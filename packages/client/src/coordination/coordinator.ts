/**
 * What one HTTP call asks of the shared state before it goes out: a slot of the token's budget and a count of the
 * day's calls. The process's own TokenGate (limiter.ts) stands in front and keeps a process's callers in order;
 * this adds the machine (lease files) and, with Redis, every machine.
 *
 * - 'process': nothing shared; a slot is granted at once (the TokenGate alone bounds the calls).
 * - 'machine': a lease of the machine's table (machine-budget.ts); its count is the day's calls of the machine.
 * - 'redis': the machine lease first, then a Redis permit (redis-budget.ts), counted in Redis. Because the machine
 *   lease is always held, one machine never has more than the budget in flight, whatever Redis does. While Redis
 *   fails the call goes on under the machine lease alone, and the slot carries a warning saying so.
 *
 * Nothing here throws but the signal's reason: a state directory that cannot be written or a Redis that fails
 * narrows the sharing (with a warning), it never fails a report.
 */
import { createHash } from 'node:crypto';
import { formatDay, LIMITS, wallTimeAt } from '@wolkvox-mcp/contracts';
import type { ClientConfig, WolkvoxCoordination } from '../config.js';
import { nextTenantMidnight } from '../response.js';
import type { QuotaState } from '../types.js';
import { type DayCountSnapshot, type MachineEntry, machineBudget } from './machine-budget.js';
import { openRedis, type RedisLink } from './redis.js';
import { countRedisCall, markRedisExhausted, type RedisDayCount, redisPermit } from './redis-budget.js';

/** A quota is running low below this share of it left. */
const LOW_SHARE = 0.1;

export type CallSlot =
  | {
      kind: 'granted';
      /**
       * Gives the slot back, in the background: the caller's answer never waits for the lease file or Redis (the
       * release hands the slot to the next in line itself). Never throws; `close()` waits for it.
       */
      release(): void;
      quota?: QuotaState;
      /** Why the call was shared less widely than configured (Redis down, state directory unusable). */
      warning?: string;
    }
  /** The platform refused a call for the daily quota earlier today (in any process sharing the count). */
  | { kind: 'exhausted'; resetsAt: Date; quota?: QuotaState };

export interface Coordinator {
  readonly scope: WolkvoxCoordination;
  /** Waits for a slot; rejects only with the signal's reason. */
  acquire(signal: AbortSignal): Promise<CallSlot>;
  /** After a 403 for the daily quota: every process sharing the count stops calling until `resetsAt`. */
  quotaExhausted(resetsAt: Date): Promise<void>;
  close(): Promise<void>;
}

/** The shared state's name for a token on a server: never the token, only a hash of its fingerprint and origin. */
export function coordinationKey(config: ClientConfig): string {
  return createHash('sha256')
    .update(`${config.origin}${config.basePath}\n${config.credential.fingerprint}`)
    .digest('hex')
    .slice(0, 24);
}

/** The tenant's calendar day of `now`, `YYYY-MM-DD`: the day its quota is counted for. */
export function tenantDay(now: number, timeZone: string): string {
  return formatDay(wallTimeAt(now, timeZone));
}

const noRelease = async () => {};

function granted(release: () => void = noRelease, quota?: QuotaState, warning?: string): CallSlot {
  return {
    kind: 'granted',
    release,
    ...(quota ? { quota } : {}),
    ...(warning ? { warning } : {}),
  };
}

export function createCoordinator(config: ClientConfig): Coordinator {
  const { logger, timeZone, coordination } = config;
  if (coordination === 'process') {
    return {
      scope: 'process',
      acquire: async () => granted(),
      quotaExhausted: async () => {},
      close: async () => {},
    };
  }
  const key = coordinationKey(config);
  const limit = Math.min(config.maxConcurrent, LIMITS.maxConcurrentPerToken);
  const machine = machineBudget(config.stateDir, key, config.leaseTtlMs, logger);
  const link: RedisLink | undefined = config.redis && openRedis(config.redis.url, config.redis.label, logger);
  let machineProblem: string | undefined;
  // Releases under way, so that close() lets go of nothing before they are written.
  const releasing = new Set<Promise<void>>();
  const inBackground = (release: () => Promise<void>) => () => {
    const done = release().catch((error) =>
      logger.warn?.({ err: String(error) }, 'could not give a slot back; it expires by itself'),
    );
    releasing.add(done);
    void done.finally(() => releasing.delete(done));
  };
  let warnedLowOn: string | undefined;

  const quotaState = (
    day: string,
    scope: 'machine' | 'redis',
    count: DayCountSnapshot | RedisDayCount | undefined,
  ): QuotaState => {
    const used = count?.used ?? 0;
    const limitKnown = config.dailyQuota ?? count?.learnedLimit;
    const exhausted = count?.exhaustedUntil !== undefined && count.exhaustedUntil > Date.now();
    const state: QuotaState = { day, used, counted: scope, low: exhausted };
    if (limitKnown !== undefined) {
      state.limit = limitKnown;
      state.remaining = exhausted ? 0 : Math.max(0, limitKnown - used);
      state.low = state.remaining <= Math.max(1, Math.ceil(limitKnown * LOW_SHARE));
    }
    if (state.low && warnedLowOn !== day) {
      warnedLowOn = day;
      logger.warn?.(
        { day, used, limit: state.limit, remaining: state.remaining },
        "the token's daily quota is running low",
      );
    }
    return state;
  };

  /** The machine lease, or (state directory unusable) a slot of this process only, with a warning. */
  const machineSlot = async (
    day: string,
    signal: AbortSignal,
  ): Promise<MachineEntry | { kind: 'unshared' }> => {
    try {
      return await machine.acquire(limit, day, Date.now, signal);
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      if (machineProblem === undefined) {
        logger.warn?.(
          { stateDir: config.stateDir, err: String(error) },
          'the state directory cannot be used: the token budget is kept per process',
        );
      }
      machineProblem = `the state directory cannot be used (${(error as Error).message ?? error}): the budget was kept within this process`;
      return { kind: 'unshared' };
    }
  };

  return {
    scope: coordination,
    async acquire(signal) {
      const now = Date.now();
      const day = tenantDay(now, timeZone);
      const local = await machineSlot(day, signal);
      if (local.kind === 'exhausted') {
        return {
          kind: 'exhausted',
          resetsAt: new Date(local.resetsAt),
          quota: quotaState(day, 'machine', local.count),
        };
      }
      const releaseLocal = local.kind === 'granted' ? local.release : noRelease;
      const localWarning = local.kind === 'unshared' ? machineProblem : undefined;
      const localQuota = local.kind === 'granted' ? quotaState(day, 'machine', local.count) : undefined;
      if (!link) {
        return granted(inBackground(releaseLocal), localQuota, localWarning);
      }

      let permit: Awaited<ReturnType<typeof redisPermit>>;
      try {
        permit = await redisPermit(link, key, limit, config.leaseTtlMs, signal, logger);
      } catch (reason) {
        // Only the signal's reason comes here (redisPermit answers undefined for Redis's own failures).
        await releaseLocal();
        throw reason;
      }
      const count = permit
        ? await countRedisCall(link, key, day, nextTenantMidnight(now, timeZone).getTime() + 86_400_000)
        : undefined;
      if (!permit || !count) {
        await permit?.release();
        const warning = `${link.problem ?? `Redis (${link.label}) failed`}; the budget was shared by this machine only`;
        return granted(
          inBackground(releaseLocal),
          localQuota,
          localWarning ? `${warning}; ${localWarning}` : warning,
        );
      }
      if (count.exhaustedUntil !== undefined && count.exhaustedUntil > Date.now()) {
        await permit.release();
        await releaseLocal();
        return {
          kind: 'exhausted',
          resetsAt: new Date(count.exhaustedUntil),
          quota: quotaState(day, 'redis', count),
        };
      }
      // The machine's lease is kept for this process's next call (no I/O); Redis's permit goes back at once.
      const releaseBoth = async () => {
        await Promise.all([releaseLocal(), permit.release()]);
      };
      return granted(inBackground(releaseBoth), quotaState(day, 'redis', count), localWarning);
    },
    async quotaExhausted(resetsAt) {
      const day = tenantDay(Date.now(), timeZone);
      await machine.markExhausted(day, resetsAt.getTime()).catch(() => {});
      if (link) await markRedisExhausted(link, key, day, resetsAt.getTime());
    },
    async close() {
      await Promise.all(releasing);
      await machine.close();
      await link?.release();
    },
  };
}
