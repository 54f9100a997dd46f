/**
 * The closed-day cache in a shared Redis, against a real redis-server on a free port: anyone who can write to that
 * Redis can move values between keys or set values of their own, but only a holder of the token makes an entry
 * that is read. Two swapped values and a planted one (for a day nobody fetched yet, under the key a client would
 * use) are refused and fetched again (the emulator's journal shows the requests), with a warning on the result.
 */
import type { MockServer } from '@wolkvox-mcp/mock-server';
import { type RedisServer, redisAvailable, startRedisServer } from '@wolkvox-mcp/test-support/redis';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { encodePiece } from '../src/coordination/result-cache/entry.js';
import { ENTRY_MAC_PURPOSE } from '../src/coordination/result-cache/index.js';
import { hashedKey, pieceKey } from '../src/coordination/result-cache/key.js';
import { seal } from '../src/coordination/result-cache/seal.js';
import { Credential } from '../src/credential.js';
import { emptyDrift } from '../src/drift.js';
import type { WolkvoxClient } from '../src/index.js';
import { cacheWarning, windowRequests } from './helpers/closed-day-warnings.js';
import { DEMO_TOKEN, startEmulator, testClients } from './helpers/emulator.js';

const DAY_A = { from: '2025-03-03', to: '2025-03-05' } as const;
const DAY_B = { from: '2025-03-10', to: '2025-03-11' } as const;
const PREFIX = 'wolkvox:closed-day:';

/** The key a sealed entry names: after `WVCD`, the version byte, the 32-byte MAC and the key's 4-byte length. */
function keyInside(entry: Buffer): string {
  const length = entry.readUInt32BE(37);
  return entry.subarray(41, 41 + length).toString('utf8');
}

describe.runIf(redisAvailable())('the closed-day cache in Redis answers only what the token kept', () => {
  let redis: RedisServer;
  let direct: Redis;
  let emulator: MockServer | undefined;
  const opened = testClients(() => emulator!.url);

  beforeAll(async () => {
    redis = await startRedisServer();
    direct = new Redis(redis.url);
  });
  afterAll(async () => {
    direct?.disconnect();
    await redis?.stop();
  });
  afterEach(async () => {
    await opened.closeAll();
    await emulator?.close();
    emulator = undefined;
    await direct.flushall();
  });

  /** A client on a state directory of its own: whatever it reads kept, it read from Redis. */
  function connect(logger?: { warn: (obj: object, msg?: string) => void }): WolkvoxClient {
    const stateDir = opened.stateDir('wolkvox-redis-bound-');
    return opened.connect({ redisUrl: redis.url, stateDir, ...(logger ? { logger } : {}) });
  }

  /** Keeps DAY_A and DAY_B in Redis; their rows and their Redis keys. */
  async function keptDays() {
    const keeper = connect();
    const a = await keeper.reportById('act_3', DAY_A);
    const b = await keeper.reportById('act_3', DAY_B);
    await keeper.close();
    const keys = await direct.keys(`${PREFIX}*`);
    expect(keys).toHaveLength(2);
    const entries = await Promise.all(
      keys.map(async (redisKey) => ({ redisKey, value: (await direct.getBuffer(redisKey))! })),
    );
    const entryOf = (from: string) =>
      entries.find((e) => keyInside(e.value).includes(`date_ini=${from.replaceAll('-', '')}`))!;
    return { a, b, entryA: entryOf(DAY_A.from), entryB: entryOf(DAY_B.from) };
  }

  it('two swapped values are both refused and fetched again, then kept right', async () => {
    emulator = await startEmulator();
    const { a, b, entryA, entryB } = await keptDays();
    await direct.set(entryA.redisKey, entryB.value);
    await direct.set(entryB.redisKey, entryA.value);

    const warnings: string[] = [];
    const reader = connect({ warn: (_obj, msg) => warnings.push(msg ?? '') });
    const againA = await reader.reportById('act_3', DAY_A);
    const againB = await reader.reportById('act_3', DAY_B);
    for (const [again, original] of [
      [againA, a],
      [againB, b],
    ] as const) {
      expect(again).toMatchObject({ requests: 1, warnings: [cacheWarning.otherRequest('redis')] });
      expect(again.rows).toEqual(original.rows);
    }
    expect(windowRequests(emulator!, DAY_A.from)).toBe(2);
    expect(windowRequests(emulator!, DAY_B.from)).toBe(2);
    expect(warnings.filter((w) => w.includes('kept for another request was refused'))).toHaveLength(2);
    await reader.close();

    // Kept again under their own keys: another replica is answered from Redis.
    const other = connect();
    expect(await other.reportById('act_3', DAY_A)).toMatchObject({
      requests: 0,
      cachedWindows: 1,
      rows: a.rows,
    });
    expect(await other.reportById('act_3', DAY_B)).toMatchObject({
      requests: 0,
      cachedWindows: 1,
      rows: b.rows,
    });
  });

  it('a value planted under the key of a day nobody fetched, without the token, is refused and fetched', async () => {
    emulator = await startEmulator();
    const { entryA } = await keptDays();
    // Everything in a key is known or guessable (the token's fingerprint is no secret): the planter computes it.
    const identity = {
      server: emulator.url,
      tokenFingerprint: new Credential(DEMO_TOKEN).fingerprint,
      report: 'act_3',
      query: { date_ini: '20250303000000', date_end: '20250305235959' },
    };
    expect(PREFIX + hashedKey(pieceKey(identity))).toBe(entryA.redisKey);
    const dayC = { from: '2025-03-20', to: '2025-03-20' };
    const keyC = pieceKey({ ...identity, query: { date_ini: '20250320000000', date_end: '20250320235959' } });
    const planted = { rows: [{ planted: 'row' }], drift: emptyDrift(), windows: 1 };
    const foreignKey = new Credential('a-token-the-planter-holds').derivedKey(ENTRY_MAC_PURPOSE);
    await direct.set(PREFIX + hashedKey(keyC), seal(keyC, await encodePiece(planted), foreignKey));

    const fetched = await connect().reportById('act_3', dayC);
    expect(fetched).toMatchObject({ requests: 1, warnings: [cacheWarning.notThisToken('redis')] });
    expect(fetched.rows).not.toContainEqual({ planted: 'row' });
    expect(fetched.rows.length).toBeGreaterThan(0);
    expect(windowRequests(emulator!, dayC.from)).toBe(1);

    // Nor is a bare compressed piece, as version 1 kept it, with no seal at all.
    await direct.set(entryA.redisKey, await encodePiece(planted));
    const a = await connect().reportById('act_3', DAY_A);
    expect(a).toMatchObject({ requests: 1, warnings: [cacheWarning.didNotDecode('redis')] });
    expect(a.rows).not.toContainEqual({ planted: 'row' });
  });
});
