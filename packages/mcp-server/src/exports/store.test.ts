/**
 * The export store: ids are unguessable and name nothing but an export of the server's own scope (no other token's,
 * no path), a file appears whole or not at all, exports expire, and every scope's exports together stay within the
 * bound, the oldest leaving first. Its clock is injected.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ExportStore, type ExportStoreOptions, exportScope } from './store.js';

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

function setup(options: Partial<ExportStoreOptions> = {}) {
  const root = mkdtempSync(join(tmpdir(), 'wolkvox-export-store-'));
  roots.push(root);
  let now = Date.UTC(2025, 1, 3, 12);
  const clock = {
    advance: (ms: number) => {
      now += ms;
    },
  };
  const store = (scope: string, more: Partial<ExportStoreOptions> = {}) =>
    new ExportStore({ root, scope, now: () => now, ...options, ...more });
  return { root, clock, store };
}

async function exportOf(store: ExportStore, text: string, format: 'csv' | 'json' = 'csv') {
  const pending = await store.begin(format);
  writeFileSync(pending.path, text);
  return store.commit(pending, { name: `rows.${format}`, rows: 1 });
}

describe('the export store', () => {
  it('reads back a committed export by its unguessable id; nothing is visible before the commit', async () => {
    const { store } = setup();
    const exports = store('a');
    const pending = await exports.begin('csv');
    writeFileSync(pending.path, 'x\r\n1\r\n');
    expect(await exports.list()).toEqual([]);
    expect(await exports.read(pending.id)).toBeUndefined();
    const record = await exports.commit(pending, { name: 'rows.csv', rows: 1 });
    expect(record.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(existsSync(pending.dir)).toBe(false);
    const read = await exports.read(record.id);
    expect(read && 'data' in read && read.data.toString()).toBe('x\r\n1\r\n');
    expect((await exports.list()).map((item) => item.id)).toEqual([record.id]);
    const ids = new Set(
      await Promise.all(Array.from({ length: 20 }, async () => (await exportOf(exports, 'y')).id)),
    );
    expect(ids.size).toBe(20);
  });

  it("keeps a JSON export's file apart from its record", async () => {
    const { store } = setup();
    const exports = store('a');
    const record = await exportOf(exports, '[]', 'json');
    const read = await exports.read(record.id);
    expect(read && 'data' in read && read.data.toString()).toBe('[]');
  });

  it("never reads another scope's export, nor anything an id of another shape would name", async () => {
    const { root, store } = setup();
    const mine = store(exportScope('server-a\ntoken-a'));
    const theirs = store(exportScope('server-a\ntoken-b'));
    const record = await exportOf(mine, 'secret rows');
    expect(await theirs.read(record.id)).toBeUndefined();
    expect(await theirs.list()).toEqual([]);
    writeFileSync(join(root, 'outside.record.json'), JSON.stringify({ ...record, id: 'x' }));
    for (const id of [
      '../outside',
      `../${exportScope('server-a\ntoken-a')}/${record.id}`,
      '',
      '.',
      '..',
      'a'.repeat(500),
    ]) {
      expect(await theirs.read(id)).toBeUndefined();
    }
    // The scope is a one-way fingerprint: the token is nowhere in the folder's name or files.
    expect(readdirSync(root).join(' ')).not.toContain('token');
  });

  it('lets an export expire after its time, and removes it from disk', async () => {
    const { clock, store } = setup({ ttlMs: 60_000 });
    const exports = store('a');
    const record = await exportOf(exports, 'rows');
    clock.advance(59_000);
    expect(await exports.read(record.id)).toBeDefined();
    clock.advance(1_000);
    expect(await exports.read(record.id)).toBeUndefined();
    expect(await exports.list()).toEqual([]);
    expect(existsSync(exports.pathOf(record))).toBe(false);
  });

  it('keeps every scope within the bound together, the oldest removed first, never the newest', async () => {
    const { clock, store } = setup({ maxBytes: 25 });
    const a = store('a');
    const b = store('b');
    const first = await exportOf(a, '0123456789');
    clock.advance(1_000);
    const second = await exportOf(b, '0123456789');
    clock.advance(1_000);
    const third = await exportOf(a, '0123456789');
    expect(await a.read(first.id)).toBeUndefined();
    expect(existsSync(a.pathOf(first))).toBe(false);
    expect(await b.read(second.id)).toBeDefined();
    expect(await a.read(third.id)).toBeDefined();
    // Larger than the whole bound: kept (its writer bounded it), the others make room.
    clock.advance(1_000);
    const big = await exportOf(b, 'x'.repeat(30));
    expect(await b.read(big.id)).toBeDefined();
    expect(await b.read(second.id)).toBeUndefined();
    expect(await a.read(third.id)).toBeUndefined();
  });

  it('says a file is too large for resources/read, and where it is, rather than reading it', async () => {
    const { store } = setup({ maxReadBytes: 4 });
    const exports = store('a');
    const record = await exportOf(exports, 'more than four bytes');
    const read = await exports.read(record.id);
    expect(read).toMatchObject({ tooLarge: true, path: exports.pathOf(record) });
  });

  it('removes the work folders of writers that died, once they are an hour old', async () => {
    const { root, store } = setup();
    const dead = join(root, 'a', '.work-dead');
    const young = join(root, 'a', '.work-young');
    mkdirSync(dead, { recursive: true });
    mkdirSync(young);
    const hourAgo = new Date(Date.UTC(2025, 1, 3, 10, 59));
    utimesSync(dead, hourAgo, hourAgo);
    const recent = new Date(Date.UTC(2025, 1, 3, 11, 59));
    utimesSync(young, recent, recent);
    await store('a').list();
    expect(existsSync(dead)).toBe(false);
    expect(existsSync(young)).toBe(true);
  });
});
