/**
 * A kept entry answers only the request it was kept for, and only when it was made with this token: on disk, an
 * index entry pointed at another day's intact content, or content planted by someone who can write the state
 * directory but does not hold the token, is refused, dropped and fetched again (the emulator's journal shows the
 * request), with a warning in the log and on the result. The seal itself is checked byte by byte below.
 */

import { join } from 'node:path';
import { inspect } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { MockServer } from '@wolkvox-mcp/mock-server';
import cacache from 'cacache';
import { afterEach, describe, expect, it } from 'vitest';
import { encodePiece } from '../src/coordination/result-cache/entry.js';
import { CLOSED_DAYS_DIR, ENTRY_MAC_PURPOSE } from '../src/coordination/result-cache/index.js';
import { ENTRY_VERSION, pieceKey } from '../src/coordination/result-cache/key.js';
import { RefusedEntry, seal, unseal } from '../src/coordination/result-cache/seal.js';
import { Credential } from '../src/credential.js';
import { emptyDrift } from '../src/drift.js';
import { cacheWarning, windowRequests } from './helpers/closed-day-warnings.js';
import { DEMO_TOKEN, startEmulator, testClients } from './helpers/emulator.js';

const DAY_A = { from: '2025-03-03', to: '2025-03-05' } as const;
const DAY_B = { from: '2025-03-10', to: '2025-03-11' } as const;
/** The MAC key of the test's token, as the client derives it; and one of a token the client does not hold. */
const MAC_KEY = new Credential(DEMO_TOKEN).derivedKey(ENTRY_MAC_PURPOSE);
const FOREIGN_MAC_KEY = new Credential('someone-else-s-token').derivedKey(ENTRY_MAC_PURPOSE);

let emulator: MockServer | undefined;
const opened = testClients(() => emulator!.url);
const connect = opened.connect;
const stateDir = () => opened.stateDir('wolkvox-bound-cache-');

afterEach(async () => {
  await opened.closeAll();
  await emulator?.close();
  emulator = undefined;
});

function logged() {
  const lines: string[] = [];
  return { lines, logger: { warn: (_obj: object, msg?: string) => lines.push(msg ?? '') } };
}

/** Keeps DAY_A and DAY_B in a fresh state directory; their rows, and their index entries in the disk store. */
async function keptDays() {
  const dir = stateDir();
  const keeper = connect({ stateDir: dir });
  const a = await keeper.reportById('act_3', DAY_A);
  const b = await keeper.reportById('act_3', DAY_B);
  await keeper.close();
  const cacheDir = join(dir, CLOSED_DAYS_DIR);
  const entries = Object.values(await cacache.ls(cacheDir));
  expect(entries).toHaveLength(2);
  const entryOf = (from: string) =>
    entries.find((e) => e.key.includes(`date_ini=${from.replaceAll('-', '')}`))!;
  return { dir, cacheDir, a, b, entryA: entryOf(DAY_A.from), entryB: entryOf(DAY_B.from) };
}

describe('on disk, an entry answers only its own request', () => {
  it('an index entry re-pointed at another day’s intact content is refused and fetched again', async () => {
    emulator = await startEmulator();
    const { dir, cacheDir, a, b, entryA, entryB } = await keptDays();
    // What someone who can write the state directory can do: A's index line names B's content (cacache checks
    // the content against the digest the index gives, and B's content is intact).
    await cacache.index.insert(cacheDir, entryA.key, entryB.integrity, { size: entryB.size });
    expect((await cacache.get.info(cacheDir, entryA.key))!.integrity).toBe(entryB.integrity);

    const log = logged();
    const client = connect({ stateDir: dir, logger: log.logger });
    const again = await client.reportById('act_3', DAY_A);
    expect(again).toMatchObject({ requests: 1, warnings: [cacheWarning.otherRequest('disk')] });
    expect(again.cachedWindows).toBeUndefined();
    expect(again.rows).toEqual(a.rows);
    expect(windowRequests(emulator!, DAY_A.from)).toBe(2);
    expect(log.lines).toContain(
      'closed-day cache: an entry kept for another request was refused; fetching it again',
    );
    // B's content was B's own and stays: B is still answered from it.
    const stillB = await client.reportById('act_3', DAY_B);
    expect(stillB).toMatchObject({ requests: 0, cachedWindows: 1 });
    expect(stillB.rows).toEqual(b.rows);
    expect(stillB.warnings).toBeUndefined();
    await client.close();
    // A was kept afresh, under its own key: the next client is answered from it.
    const next = await connect({ stateDir: dir }).reportById('act_3', DAY_A);
    expect(next).toMatchObject({ requests: 0, cachedWindows: 1 });
    expect(next.rows).toEqual(a.rows);
    expect(windowRequests(emulator!, DAY_A.from)).toBe(2);
  });

  it('an entry planted without the token (right key, rows of the planter’s own) is refused and fetched', async () => {
    emulator = await startEmulator();
    const { dir, cacheDir, a, entryA } = await keptDays();
    const planted = { rows: [{ planted: 'row' }], drift: emptyDrift(), windows: 1 };
    await cacache.put(cacheDir, entryA.key, seal(entryA.key, await encodePiece(planted), FOREIGN_MAC_KEY));

    const log = logged();
    const again = await connect({ stateDir: dir, logger: log.logger }).reportById('act_3', DAY_A);
    expect(again).toMatchObject({ requests: 1, warnings: [cacheWarning.notThisToken('disk')] });
    expect(again.rows).toEqual(a.rows);
    expect(windowRequests(emulator!, DAY_A.from)).toBe(2);
    expect(log.lines).toContain(
      'closed-day cache: an entry not made with this token was refused; fetching it again',
    );
  });

  it('an entry made with the token whose body is not a kept piece fails the shape check behind the seal', async () => {
    emulator = await startEmulator();
    const { dir, cacheDir, a, entryA } = await keptDays();
    const wrong = gzipSync(JSON.stringify({ windows: 1, drift: emptyDrift(), data: 'not rows' }));
    await cacache.put(cacheDir, entryA.key, seal(entryA.key, wrong, MAC_KEY));
    const again = await connect({ stateDir: dir }).reportById('act_3', DAY_A);
    expect(again).toMatchObject({ requests: 1, warnings: [cacheWarning.didNotDecode('disk')] });
    expect(again.rows).toEqual(a.rows);
  });

  it('entries of the previous version are never read: under their old key they are not found, and fetched', async () => {
    emulator = await startEmulator();
    const { dir, cacheDir, entryA } = await keptDays();
    expect(entryA.key.startsWith(`wolkvox-closed-day/v${ENTRY_VERSION} `)).toBe(true);
    await cacache.rm.entry(cacheDir, entryA.key);
    // As version 1 kept it: the bare compressed piece, under a v1 key.
    const v1Key = entryA.key.replace(`/v${ENTRY_VERSION} `, '/v1 ');
    const v1 = { rows: [{ stale: 'row' }], drift: emptyDrift(), windows: 1 };
    await cacache.put(cacheDir, v1Key, await encodePiece(v1));
    const again = await connect({ stateDir: dir }).reportById('act_3', DAY_A);
    expect(again.requests).toBe(1);
    expect(again.rows).not.toContainEqual({ stale: 'row' });
    expect(again.warnings).toBeUndefined();
  });
});

describe('the seal', () => {
  const identity = {
    server: 'https://wv0015.wolkvox.com',
    tokenFingerprint: new Credential(DEMO_TOKEN).fingerprint,
    report: 'act_3',
    query: { date_ini: '20250301000000', date_end: '20250301235959' },
  };
  const key = pieceKey(identity);
  const otherKey = pieceKey({ ...identity, query: { ...identity.query, date_ini: '20250302000000' } });
  const body = Buffer.from('the compressed piece');

  function refusal(run: () => unknown): RefusedEntry {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(RefusedEntry);
      return error as RefusedEntry;
    }
    throw new Error('not refused');
  }

  it('gives the body back under its own key and this token’s MAC key', () => {
    expect(unseal(seal(key, body, MAC_KEY), key, MAC_KEY)).toEqual(body);
  });

  it('refuses it under another key, and with another token’s MAC key', () => {
    const sealed = seal(key, body, MAC_KEY);
    expect(refusal(() => unseal(sealed, otherKey, MAC_KEY)).because).toBe('other-request');
    expect(refusal(() => unseal(sealed, key, FOREIGN_MAC_KEY)).because).toBe('unauthenticated');
  });

  it('refuses it when any one byte changed, or when it is cut short', () => {
    const sealed = seal(key, body, MAC_KEY);
    for (let at = 0; at < sealed.length; at += 1) {
      const changed = Buffer.from(sealed);
      changed[at] = changed[at]! ^ 0x01;
      expect(() => unseal(changed, key, MAC_KEY), `byte ${at}`).toThrow(RefusedEntry);
    }
    for (const length of [0, 4, 40, sealed.length - body.length - 1, sealed.length - 1]) {
      expect(() => unseal(sealed.subarray(0, length), key, MAC_KEY), `length ${length}`).toThrow(
        RefusedEntry,
      );
    }
    expect(refusal(() => unseal(gzipSync('{"windows":1}'), key, MAC_KEY)).because).toBe('unsealed');
  });

  it('holds the key, never the token; the MAC key is the token’s alone and never prints', () => {
    const sealed = seal(key, body, MAC_KEY);
    expect(sealed.includes(Buffer.from(key))).toBe(true);
    expect(sealed.includes(Buffer.from(DEMO_TOKEN))).toBe(false);
    const again = new Credential(DEMO_TOKEN).derivedKey(ENTRY_MAC_PURPOSE);
    expect(again.export()).toEqual(MAC_KEY.export());
    expect(FOREIGN_MAC_KEY.export()).not.toEqual(MAC_KEY.export());
    expect(new Credential(DEMO_TOKEN).derivedKey('another purpose').export()).not.toEqual(MAC_KEY.export());
    const secret = MAC_KEY.export().toString('hex');
    for (const printed of [inspect(MAC_KEY), JSON.stringify(MAC_KEY), String(MAC_KEY)]) {
      expect(printed).not.toContain(secret);
      expect(printed).not.toContain(DEMO_TOKEN);
    }
  });
});
