/** The closed-day cache's pure parts (which windows are closed, where a window is cut, the key) and its store. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cutAtToday, isClosed, tenantTodayStart } from '../src/coordination/result-cache/closed-day.js';
import { diskStore } from '../src/coordination/result-cache/disk-store.js';
import { decodePiece, encodePiece } from '../src/coordination/result-cache/entry.js';
import { canonicalQuery, hashedKey, pieceKey } from '../src/coordination/result-cache/key.js';
import { Credential } from '../src/credential.js';
import { emptyDrift } from '../src/drift.js';

const wall = (text: string) => Date.parse(`${text}Z`);
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('closed days', () => {
  it('today starts at the tenant’s midnight, not UTC’s', () => {
    // 03:00 UTC on 10 March is still 9 March (22:00) in Bogota.
    const now = Date.parse('2025-03-10T03:00:00Z');
    expect(tenantTodayStart('America/Bogota', now)).toBe(wall('2025-03-09T00:00:00'));
    expect(tenantTodayStart('Europe/Madrid', now)).toBe(wall('2025-03-10T00:00:00'));
  });

  it('a window is closed when its last second is before today', () => {
    const today = wall('2025-03-10T00:00:00');
    expect(isClosed({ start: wall('2025-03-01T00:00:00'), end: wall('2025-03-09T23:59:59') }, today)).toBe(
      true,
    );
    expect(isClosed({ start: wall('2025-03-01T00:00:00'), end: today }, today)).toBe(false);
    expect(isClosed({ start: today, end: wall('2025-03-10T10:00:00') }, today)).toBe(false);
  });

  it('cuts only the piece that runs into today, at today’s first second, covering every second once', () => {
    const today = wall('2025-03-10T00:00:00');
    const pieces = [
      { start: wall('2025-02-01T00:00:00'), end: wall('2025-03-04T00:00:00') },
      { start: wall('2025-03-04T00:00:01'), end: wall('2025-03-10T08:00:00') },
    ];
    expect(cutAtToday(pieces, today)).toEqual([
      pieces[0],
      { start: wall('2025-03-04T00:00:01'), end: wall('2025-03-09T23:59:59') },
      { start: today, end: wall('2025-03-10T08:00:00') },
    ]);
    // Nothing to cut: all closed, or all today.
    expect(cutAtToday([pieces[0]!], today)).toEqual([pieces[0]]);
    const todayOnly = [{ start: today, end: wall('2025-03-10T08:00:00') }];
    expect(cutAtToday(todayOnly, today)).toEqual(todayOnly);
  });
});

describe('the key', () => {
  const identity = {
    server: 'https://wv0015.wolkvox.com',
    tokenFingerprint: new Credential('a-secret-token-value').fingerprint,
    report: 'act_3',
    query: { date_ini: '20250301000000', date_end: '20250301235959', cod_act: 'a b&c' },
  };

  it('spells one request one way, whatever the order of its parameters', () => {
    expect(canonicalQuery({ b: '2', a: '1' })).toBe('a=1&b=2');
    const reordered = {
      ...identity,
      query: { cod_act: 'a b&c', date_end: '20250301235959', date_ini: '20250301000000' },
    };
    expect(pieceKey(reordered)).toBe(pieceKey(identity));
    expect(pieceKey(identity)).toContain('cod_act=a%20b%26c');
  });

  it('tells apart servers, tokens, reports and windows, and never holds the token', () => {
    const key = pieceKey(identity);
    expect(key).not.toContain('a-secret-token-value');
    const others = [
      { ...identity, server: 'https://wv0016.wolkvox.com' },
      { ...identity, tokenFingerprint: new Credential('another-token').fingerprint },
      { ...identity, report: 'act_2' },
      { ...identity, query: { ...identity.query, date_end: '20250302235959' } },
    ];
    for (const other of others) expect(pieceKey(other)).not.toBe(key);
    expect(hashedKey(key)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe('entries', () => {
  it('round-trip rows, drift and windows, batch after batch', async () => {
    const rows = Array.from({ length: 2_345 }, (_, i) => ({
      conn_id: `c${i}`,
      agent_name: 'Müller Ñandú',
      n: i,
    }));
    const drift = { ...emptyDrift(), rows: 1, missing: { date: 1 }, envelope: { 'bare-404': 1 } };
    const bytes = await encodePiece({ rows, drift, windows: 3 });
    expect(await decodePiece(bytes)).toEqual({ rows, drift, windows: 3 });
    expect(await decodePiece(await encodePiece({ rows: [], drift: emptyDrift(), windows: 1 }))).toEqual({
      rows: [],
      drift: emptyDrift(),
      windows: 1,
    });
  });

  it('keeps what the rows were when kept, not what the caller made of them after', async () => {
    const rows = [{ conn_id: 'c1' }];
    const kept = encodePiece({ rows, drift: emptyDrift(), windows: 1 });
    rows[0]!.conn_id = 'changed';
    expect((await decodePiece(await kept)).rows).toEqual([{ conn_id: 'c1' }]);
  });
});

describe('the disk store', () => {
  it('a content shared by two keys (identical bytes) outlives the eviction of one of them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wolkvox-store-'));
    dirs.push(dir);
    let clock = 1_000;
    const store = diskStore({ dir, maxBytes: 3_000, touchAfterMs: 0, now: () => clock });
    const same = Buffer.alloc(1_000, 0x61);
    const tick = () => {
      clock += 10;
    };
    await store.write('x', same);
    tick();
    await store.write('y', same); // the same content: 1,000 bytes kept for both
    tick();
    await store.write('z', Buffer.alloc(1_500, 0x62));
    tick();
    expect(await store.read('y')).toEqual(same); // y is now the most recently used
    tick();
    // 3,100 bytes: x goes first (freeing nothing: y holds its content), then z, down to 1,600.
    await store.write('w', Buffer.alloc(600, 0x63));
    expect(await store.read('x')).toBeUndefined();
    expect(await store.read('z')).toBeUndefined();
    expect(await store.read('y')).toEqual(same);
    expect(await store.sweep()).toEqual({ bytes: 1_600, evicted: [] });
    await store.close();
  });
});
