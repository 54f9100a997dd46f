/**
 * The closed-day cache in Redis, against a real redis-server on a free port: shared by clients that share no
 * disk, and when Redis goes away mid-run, calls go on with the machine's disk cache and a warning, then use Redis
 * again once it is back.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MockServer } from '@wolkvox-mcp/mock-server';
import { type RedisServer, redisAvailable, startRedisServer } from '@wolkvox-mcp/test-support/redis';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { REDIS_TTL_SECONDS } from '../src/coordination/result-cache/redis-store.js';
import { createWolkvoxClient, type WolkvoxClient, type WolkvoxClientOptions } from '../src/index.js';
import { DEMO_TOKEN, startEmulator, testClients } from './helpers/emulator.js';

const DAYS = { from: '2025-03-03', to: '2025-03-05' } as const;
/** Pieces are kept in the background after the answer: room for a loaded CI machine. */
const BACKGROUND = { timeout: 15_000, interval: 100 };

describe.runIf(redisAvailable())('the closed-day cache in Redis', () => {
  let redis: RedisServer;
  let emulator: MockServer | undefined;
  const opened = testClients(() => emulator!.url);

  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await redis?.stop();
  });
  afterEach(async () => {
    await opened.closeAll();
    await emulator?.close();
    emulator = undefined;
    if (redis) await flushAll(redis.url);
  });

  async function flushAll(url: string) {
    const direct = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    try {
      await direct.connect();
      await direct.flushall();
    } catch {
      // Stopped by the test: nothing to flush.
    } finally {
      direct.disconnect();
    }
  }

  /** A client on a state directory of its own: whatever it shares with another client, Redis shared it. */
  function connect(options: Partial<WolkvoxClientOptions> = {}): WolkvoxClient {
    return opened.connect({
      redisUrl: redis.url,
      stateDir: opened.stateDir('wolkvox-redis-cache-'),
      ...options,
    });
  }

  it('two clients with different state directories share one fetch of a closed day', async () => {
    emulator = await startEmulator();
    const first = connect();
    const fetched = await first.reportById('act_3', DAYS);
    expect(fetched.requests).toBe(1);
    await first.close();
    const seen = emulator!.control.journal().length;

    const kept = await connect().reportById('act_3', DAYS);
    expect(emulator!.control.journal().length).toBe(seen);
    expect(kept).toMatchObject({ requests: 0, cachedWindows: 1 });
    expect(kept.rows).toEqual(fetched.rows);

    // Kept under a hashed key (nothing about the tenant readable), compressed, with its 30-day expiry.
    const direct = new Redis(redis.url);
    try {
      const keys = await direct.keys('wolkvox:closed-day:*');
      expect(keys).toHaveLength(1);
      expect(keys[0]).toMatch(/^wolkvox:closed-day:[A-Za-z0-9_-]{43}$/);
      const ttl = await direct.ttl(keys[0]!);
      expect(ttl).toBeGreaterThan(REDIS_TTL_SECONDS - 60);
      expect(ttl).toBeLessThanOrEqual(REDIS_TTL_SECONDS);
      const bytes = await direct.getBuffer(keys[0]!);
      expect(bytes!.includes(Buffer.from(DEMO_TOKEN))).toBe(false);
    } finally {
      direct.disconnect();
    }
  });

  it('a call that keeps closed days itself (keepClosedDays: false) still keeps them in Redis for the others', async () => {
    emulator = await startEmulator();
    const storing = connect();
    expect((await storing.reportById('act_3', DAYS, { keepClosedDays: false })).requests).toBe(1);
    await storing.close();
    const seen = emulator!.control.journal().length;
    const other = await connect().reportById('act_3', DAYS, { keepClosedDays: false });
    expect(emulator!.control.journal().length).toBe(seen);
    expect(other).toMatchObject({ requests: 0, cachedWindows: 1 });
  });

  it('Redis stopped mid-run: calls succeed from the disk cache with a warning; Redis is used again when back', async () => {
    emulator = await startEmulator();
    const warnings: string[] = [];
    const logger = { warn: (_obj: object, msg?: string) => warnings.push(msg ?? '') };
    const client = connect({ logger });
    expect((await client.reportById('act_3', DAYS)).requests).toBe(1);
    await vi.waitFor(async () => {
      // Kept in Redis (in the background): another client on another disk is answered from it.
      const other = connect();
      expect((await other.reportById('act_3', DAYS)).requests).toBe(0);
    }, BACKGROUND);

    await redis.stop();
    // Another closed window while Redis is down: fetched, and kept on this machine's disk instead.
    const other = { from: '2025-03-10', to: '2025-03-11' };
    const duringOutage = await client.reportById('act_3', other);
    expect(duringOutage.requests).toBe(1);
    expect(warnings.some((w) => /Redis/.test(w))).toBe(true);
    await vi.waitFor(async () => {
      expect((await client.reportById('act_3', other)).requests).toBe(0);
    }, BACKGROUND);

    await redis.restart(); // an empty Redis (no persistence), as after a failover
    // What this machine kept on its disk during the outage is still served once Redis is back.
    await vi.waitFor(async () => {
      expect((await client.reportById('act_3', other)).requests).toBe(0);
    }, BACKGROUND);
    await vi.waitFor(
      async () => {
        const afterRestart = connect();
        // Fetched once more and kept in Redis again, then shared with yet another client.
        await afterRestart.reportById('act_3', { from: '2025-03-20' });
        const shared = await connect().reportById('act_3', { from: '2025-03-20' });
        expect(shared.requests).toBe(0);
      },
      { timeout: 15_000, interval: 500 },
    );
  }, 60_000);
});

describe('the closed-day cache with a Redis that is down from the start', () => {
  it('answers from wolkvox, keeps the closed day on disk, and the next call is served from there', async () => {
    const emulator = await startEmulator();
    const stateDir = mkdtempSync(join(tmpdir(), 'wolkvox-redis-down-'));
    const warnings: string[] = [];
    // Port 9 (discard) on loopback: nothing answers there.
    const client = createWolkvoxClient({
      token: DEMO_TOKEN,
      baseUrl: emulator.url,
      redisUrl: 'redis://127.0.0.1:9',
      stateDir,
      logger: { warn: (_obj: object, msg?: string) => warnings.push(msg ?? '') },
    });
    try {
      expect((await client.reportById('act_3', DAYS)).requests).toBe(1);
      await vi.waitFor(async () => {
        expect(await client.reportById('act_3', DAYS)).toMatchObject({ requests: 0, cachedWindows: 1 });
      }, BACKGROUND);
      expect(warnings.some((w) => /Redis/.test(w))).toBe(true);
    } finally {
      await client.close();
      await emulator.close();
      rmSync(stateDir, { recursive: true, force: true });
    }
  });
});
