import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisServer, redisAvailable, startRedisServer } from '../src/redis.js';

// The harness the Redis-mode tests stand on: a real server that starts, answers, stops and comes back.
describe.runIf(redisAvailable())('test Redis server', () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('answers on its own loopback port, refuses when stopped and answers again after a restart', async () => {
    expect(server.url).toBe(`redis://127.0.0.1:${server.port}`);
    expect(await server.command(['SET', 'wolkvox:a', 'v'])).toBe('OK');
    expect(await server.command(['SET', 'other', 'v'])).toBe('OK');
    expect(await server.command(['GET', 'wolkvox:a'])).toBe('v');
    expect(await server.command(['GET', 'missing'])).toBeNull();
    expect(await server.keys('wolkvox:*')).toEqual(['wolkvox:a']);
    await expect(server.command(['NOT-A-COMMAND'])).rejects.toThrow(/Redis answered ERR/);

    await server.stop();
    await expect(server.command(['PING'])).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await server.restart();
    // No persistence: a restarted test server starts empty.
    expect(await server.keys('*')).toEqual([]);
  });
});
