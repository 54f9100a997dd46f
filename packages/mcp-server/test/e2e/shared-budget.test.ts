/**
 * Issue 13's everyday case at the MCP level: two MCP servers (the built bin over stdio, two OS processes, as
 * Claude Desktop and Cursor would start them) on one token. Before the shared budget, 20 % of 2 x 60 tool calls
 * failed with concurrency refusals. Sharing the token's 2 slots (through the state directory on one machine, or
 * through Redis for two "machines" with their own directories), none fails, wolkvox never sees a third
 * simultaneous request, and no answer says the sharing was narrowed (which it would, were the bin's bundled
 * coordination unable to load its libraries).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_TOKEN, type MockServer } from '@wolkvox-mcp/mock-server';
import { redisAvailable, startRedisServer } from '@wolkvox-mcp/test-support/redis';
import { afterEach, describe, expect, it } from 'vitest';
import { connectV2Stdio, emulator, textOf } from '../helpers.js';

const dirs: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'wolkvox-two-servers-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** 2 x 60 tool calls at once, each a different closed day (the closed-day cache has nothing to reuse). */
async function twoServers(mock: MockServer, envs: [Record<string, string>, Record<string, string>]) {
  const servers = await Promise.all(envs.map((env) => connectV2Stdio(env)));
  try {
    const day = (i: number) => new Date(Date.UTC(2025, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    const results = await Promise.all(
      Array.from({ length: 120 }, (_, i) =>
        servers[i % 2]!.client.callTool({
          name: 'run_report',
          arguments: { report: 'act_3', from: day(i), to: day(i), limit: 1 },
        }),
      ),
    );
    expect(results.filter((result) => result.isError)).toEqual([]);
    expect(results.filter((result) => textOf(result).includes('Shared limits'))).toEqual([]);
    const stats = mock.control.statsFor(DEMO_TOKEN)!;
    expect(stats.requests).toBe(120);
    expect(stats.maxInFlight).toBeLessThanOrEqual(2);
    expect(stats.rejectedConcurrency).toBe(0);
  } finally {
    await Promise.all(servers.map(({ client }) => client.close()));
  }
}

describe('two MCP servers on one token', { timeout: 180_000 }, () => {
  it('one machine (one state directory): no isError, at most 2 in flight, no refusal', async () => {
    const mock = await emulator({ latencyMs: 20, now: '2025-06-02T12:00:00-05:00', volume: 100 });
    try {
      const env = { WOLKVOX_TOKEN: DEMO_TOKEN, WOLKVOX_BASE_URL: mock.url, WOLKVOX_CACHE_DIR: freshDir() };
      await twoServers(mock, [env, env]);
    } finally {
      await mock.close();
    }
  });

  it.runIf(redisAvailable())('two machines (own state directories) and one Redis: the same', async () => {
    const mock = await emulator({ latencyMs: 20, now: '2025-06-02T12:00:00-05:00', volume: 100 });
    const redis = await startRedisServer();
    try {
      const env = () => ({
        WOLKVOX_TOKEN: DEMO_TOKEN,
        WOLKVOX_BASE_URL: mock.url,
        WOLKVOX_CACHE_DIR: freshDir(),
        WOLKVOX_REDIS_URL: redis.url,
      });
      await twoServers(mock, [env(), env()]);
    } finally {
      await redis.stop();
      await mock.close();
    }
  });
});
