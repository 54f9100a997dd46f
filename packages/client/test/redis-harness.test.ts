import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisServer, redisAvailable, startRedisServer } from './helpers/redis-server.js';

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
    const redis = new Redis(server.url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    await redis.connect();
    expect(await redis.set('k', 'v')).toBe('OK');
    expect(await redis.get('k')).toBe('v');
    redis.disconnect();
    await server.stop();
    const refused = new Redis(server.url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    // The refusal is also emitted as 'error': heard here, ioredis does not print it as unhandled.
    refused.on('error', () => {});
    await expect(refused.connect()).rejects.toThrow();
    refused.disconnect();
    await server.restart();
    const again = new Redis(server.url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    await again.connect();
    // No persistence: a restarted test server starts empty.
    expect(await again.get('k')).toBeNull();
    again.disconnect();
  });
});
