/**
 * Two HTTP replicas behind one address, as a team deploys them: the same WOLKVOX_MCP_CURSOR_KEY, one Redis, each
 * its own state directory. A cursor replica A hands out pages on replica B, and for a closed-day window B answers
 * it from the closed-day cache in Redis: not one more request reaches wolkvox (the emulator's journal).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/client';
import { DEMO_TOKEN, type MockServer } from '@wolkvox-mcp/mock-server';
import { type RedisServer, redisAvailable, startRedisServer } from '@wolkvox-mcp/test-support/redis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RunningWolkvoxMcp, startWolkvoxMcp } from '../../src/start.js';
import { connectV2Http, emulator, structured } from '../helpers.js';

const CURSOR_KEY = 'replicas-share-this-cursor-key';
/** A closed day (before the emulator's clock and the real one). */
const DAY = '2025-02-03';

describe.runIf(redisAvailable())('replicas sharing one Redis', () => {
  let redis: RedisServer;
  let mock: MockServer;
  const replicas: RunningWolkvoxMcp[] = [];
  const clients: Client[] = [];
  const dirs: string[] = [];

  async function replica(): Promise<{ server: RunningWolkvoxMcp; client: Client }> {
    const stateDir = mkdtempSync(join(tmpdir(), 'wolkvox-replica-'));
    dirs.push(stateDir);
    const server = await startWolkvoxMcp({
      argv: ['--http', '--port', '0', '--base-url', mock.url],
      env: {
        WOLKVOX_TOKEN: DEMO_TOKEN,
        WOLKVOX_MCP_CURSOR_KEY: CURSOR_KEY,
        WOLKVOX_REDIS_URL: redis.url,
        WOLKVOX_CACHE_DIR: stateDir,
      },
      bannerOut: null,
      logger: pino({ level: 'silent' }),
    });
    replicas.push(server);
    const client = await connectV2Http(server.url!);
    clients.push(client);
    return { server, client };
  }

  beforeAll(async () => {
    redis = await startRedisServer();
    mock = await emulator({ now: '2025-02-05T15:00:00Z' });
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await Promise.all(replicas.map((r) => r.close()));
    await mock?.close();
    await redis?.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('a cursor from replica A pages on replica B with 0 new requests for a closed day', async () => {
    const a = await replica();
    const b = await replica();
    const run = (client: Client, args: Record<string, unknown>) =>
      client.callTool({ name: 'run_report', arguments: args }).then(structured);

    const first = await run(a.client, { report: 'act_3', from: DAY, limit: 5 });
    expect(first.has_more).toBe(true);
    const fetched = mock.control.journal().length;
    expect(fetched).toBe(1);
    // A keeps the closed day in Redis in the background, right after answering: wait until it is there.
    await vi.waitFor(async () => expect(await redis.keys('wolkvox:closed-day:*')).toHaveLength(1), {
      timeout: 15_000,
      interval: 100,
    });

    const second = await run(b.client, { report: 'act_3', cursor: first.next_cursor });
    expect(mock.control.journal()).toHaveLength(fetched);
    // And B says where the page came from: the closed-day cache, not a new fetch that may have moved.
    expect(second.notes.join(' ')).toContain('read again from the closed-day cache');
    expect(second.notes.join(' ')).not.toContain('fetched again');
    // The page B gives is the one A would give: rows 6-10 of the same result.
    const whole = await run(a.client, { report: 'act_3', from: DAY, limit: 10 });
    expect([...first.rows, ...second.rows]).toEqual(whole.rows);
    expect(mock.control.journal()).toHaveLength(fetched);
  });
});
