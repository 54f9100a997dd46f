/**
 * The token's budget and daily count across machines through a real Redis (redis-server on a free port, see
 * @wolkvox-mcp/test-support/redis): three processes on three state directories (three "machines") share one Redis; Redis
 * down at start and stopped mid-run leave every call succeeding under the machine's own budget, with a warning on
 * the result, and Redis is used again once it is back.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MockServer } from '@wolkvox-mcp/mock-server';
import { type RedisServer, redisAvailable, startRedisServer } from '@wolkvox-mcp/test-support/redis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createWolkvoxClient, type WolkvoxClient, type WolkvoxLogger } from '../../src/index.js';
import { assertBuilt, startCallers } from '../helpers/callers.js';
import { DEMO_TOKEN, startEmulator } from '../helpers/emulator.js';

const dirs: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'wolkvox-redis-budget-'));
  dirs.push(dir);
  return dir;
};

describe.runIf(redisAvailable())('the token budget shared through Redis', { timeout: 120_000 }, () => {
  let emulator: MockServer;
  let redis: RedisServer;
  const clients: WolkvoxClient[] = [];

  beforeAll(async () => {
    assertBuilt();
    emulator = await startEmulator({ latencyMs: 20 });
    redis = await startRedisServer();
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
    emulator.control.reset();
  });
  afterAll(async () => {
    await redis?.stop();
    await emulator?.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  const day = (i: number) => {
    const d = new Date(Date.UTC(2025, 2, 1) + i * 86_400_000).toISOString().slice(0, 10);
    return { from: d, to: d };
  };
  const connect = (redisUrl: string, logger?: WolkvoxLogger) => {
    const client = createWolkvoxClient({
      ...(logger ? { logger } : {}),
      token: DEMO_TOKEN,
      baseUrl: emulator.url,
      redisUrl,
      stateDir: freshDir(),
      closedDayCacheBytes: 0,
      retryBaseDelayMs: 50,
    });
    clients.push(client);
    return client;
  };

  it('3 processes on 3 state directories, one Redis: every call succeeds, at most 2 in flight, one count', async () => {
    const outcomes = await Promise.all(
      [0, 1, 2].map(
        (i) =>
          startCallers({
            url: emulator.url,
            token: DEMO_TOKEN,
            stateDir: freshDir(),
            redisUrl: redis.url,
            callers: 25,
            firstDay: i * 25,
            dailyQuota: 1000,
          }).done,
      ),
    );
    for (const outcome of outcomes) {
      expect(outcome).toMatchObject({ ok: 25, failed: 0, codes: {}, warnings: [] });
      expect(outcome.quota?.counted).toBe('redis');
    }
    const stats = emulator.control.statsFor(DEMO_TOKEN)!;
    expect(stats.requests).toBe(75);
    expect(stats.maxInFlight).toBeLessThanOrEqual(2);
    expect(stats.rejectedConcurrency).toBe(0);
    // The count is the three processes' together: the last one to finish saw (nearly) all of them.
    expect(Math.max(...outcomes.map((o) => o.quota!.used))).toBe(75);
  });

  it('Redis down at start: calls succeed under the machine budget, and the result says why', async () => {
    const gone = await startRedisServer();
    await gone.stop();
    const client = connect(gone.url);
    const results = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => client.report('act_3', day(i))));
    for (const result of results) {
      expect(result.complete).toBe(true);
      expect(result.warnings?.[0]).toMatch(
        /^Redis \(redis:\/\/127\.0\.0\.1:\d+\) is unreachable: .*; the budget was shared by this machine only$/,
      );
      expect(result.quota?.counted).toBe('machine');
    }
    const stats = emulator.control.statsFor(DEMO_TOKEN)!;
    expect(stats.maxInFlight).toBeLessThanOrEqual(2);
    expect(stats.rejectedConcurrency).toBe(0);
  });

  it('Redis stopped mid-run: calls go on under the machine budget with a warning, and use Redis again once back', async () => {
    // Two "machines" (state directories) on one Redis, as two replicas would be.
    // Both clients log to one list: they share this process's one connection to Redis, and whichever of them
    // notices first that Redis went (a failed command, or the connection's own error) is the one that says so.
    const warned: string[] = [];
    const log = { warn: (_o: object, msg?: string) => warned.push(String(msg)) };
    const a = connect(redis.url, log);
    const b = connect(redis.url, log);
    const round = (offset: number) =>
      Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? a : b).report('act_3', day(offset + i))));

    const before = await round(0);
    expect(before.every((r) => r.warnings === undefined && r.quota?.counted === 'redis')).toBe(true);

    // Stopped while a round is in flight (two calls hold Redis permits, the others wait for one): every call
    // finishes. The emulator holds the first two calls until Redis is gone.
    emulator.control.injectFault({ fault: { kind: 'delay', ms: 300 }, times: 2 });
    const cut = round(30);
    await vi.waitFor(() => expect(emulator.control.statsFor(DEMO_TOKEN)?.inFlight).toBe(2), {
      timeout: 10_000,
      interval: 5,
    });
    await redis.stop();
    expect((await cut).every((r) => r.complete)).toBe(true);
    const during = await round(10);
    expect(during.every((r) => r.complete)).toBe(true);
    expect(during.every((r) => r.warnings?.some((w) => w.includes('this machine only')))).toBe(true);

    await redis.restart();
    // ioredis reconnects within its backoff (at most 2 s); calls move back to Redis without a restart.
    await vi.waitFor(
      async () => {
        const after = await round(20);
        expect(after.every((r) => r.warnings === undefined && r.quota?.counted === 'redis')).toBe(true);
      },
      { timeout: 10_000, interval: 100 },
    );
    // The log says when Redis went and when it came back, once each (not once per call or reconnect attempt).
    expect(warned.filter((m) => /^Redis (unreachable|command failed)/.test(m))).toHaveLength(1);
    expect(warned.filter((m) => m.startsWith('Redis reachable again'))).toHaveLength(1);

    // Whatever Redis did, no more than 2 were in flight from this machine (the process's gate and each machine
    // lease stay in force while Redis is away): the platform refused nothing.
    const stats = emulator.control.statsFor(DEMO_TOKEN)!;
    expect(stats.maxInFlight).toBeLessThanOrEqual(2);
    expect(stats.rejectedConcurrency).toBe(0);
  });
});
