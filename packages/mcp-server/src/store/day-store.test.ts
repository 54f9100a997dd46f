/**
 * The store's own guarantees, on plain files (the query process writes the Parquet ones): a day replaced while
 * another store reads it is never taken for a damaged one, a day a query pinned stays readable, unchanged,
 * whatever eviction or a replacement does to the store meanwhile, and a record is read only under the token that
 * sealed it, in its own place.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DayStore } from './day-store.js';
import { recordKey } from './layout.js';

const SCOPE = { tenant: 'emulator', token: 'demo' };
const DAY = '2025-01-02';
const roots: string[] = [];

afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function newStore(root?: string, maxBytes?: number): DayStore {
  const dir = root ?? mkdtempSync(join(tmpdir(), 'wolkvox-day-store-'));
  if (!root) roots.push(dir);
  return new DayStore({ root: dir, scope: SCOPE, ...(maxBytes === undefined ? {} : { maxBytes }) });
}

/** Commits `content` as the day (the bytes of a file the query process would have written). */
async function store(days: DayStore, content: string): Promise<void> {
  const work = await days.workFolder();
  const path = join(work, `${DAY}.parquet`);
  writeFileSync(path, content);
  await days.commit('cdr_1', 'none', { day: DAY, path, rows: content.length }, 0);
  await days.discard(work);
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('DayStore', () => {
  it('a day replaced again and again while another store reads it is never taken for a damaged one', async () => {
    const writer = newStore();
    const reader = newStore(writer.root);
    await store(writer, 'v0');
    let writing = true;
    const replaces = (async () => {
      // Each version a different size and content: a record paired with another version's file would show.
      for (let version = 1; version <= 150; version += 1) await store(writer, `v${version}`.repeat(version));
      writing = false;
    })();
    const reads = (async () => {
      let lookups = 0;
      const pins = await reader.workFolder();
      while (writing || lookups === 0) {
        const { found, missing, warnings } = await reader.lookup('cdr_1', 'none', [DAY], pins);
        expect({ missing, warnings }).toEqual({ missing: [], warnings: [] });
        // What a query would read is the content its record describes.
        expect(sha256(readFileSync(found[0]!.file))).toBe(found[0]!.record.sha256);
        lookups += 1;
      }
      await reader.discard(pins);
      return lookups;
    })();
    const [, lookups] = await Promise.all([replaces, reads]);
    expect(lookups).toBeGreaterThan(1);
    // The replaced files are gone: the day is one record and one file.
    expect((await reader.summary())[0]).toMatchObject({ days: 1, bytes: 'v150'.length * 150 });
  });

  it('a pinned day stays readable, unchanged, when it is evicted or replaced before its statement reads it', async () => {
    const days = newStore();
    await store(days, 'the first version');
    const pins = await days.workFolder();
    const { found } = await days.lookup('cdr_1', 'none', [DAY], pins);
    const pinned = found[0]!.file;
    expect(pinned.startsWith(pins)).toBe(true);
    // Another store on the root (another process's) evicts every day, then the day is written anew.
    await newStore(days.root, 0).evict();
    expect((await days.lookup('cdr_1', 'none', [DAY])).missing).toEqual([DAY]);
    await store(days, 'a second version');
    expect(readFileSync(pinned, 'utf8')).toBe('the first version');
    await days.discard(pins);
    const again = await days.lookup('cdr_1', 'none', [DAY]);
    expect(readFileSync(again.found[0]!.file, 'utf8')).toBe('a second version');
  });

  it('a record naming a file that is gone is damaged: removed, and told', async () => {
    const days = newStore();
    await store(days, 'content');
    const { found } = await days.lookup('cdr_1', 'none', [DAY]);
    rmSync(found[0]!.file);
    const lookup = await days.lookup('cdr_1', 'none', [DAY]);
    expect(lookup.missing).toEqual([DAY]);
    expect(lookup.warnings[0]).toMatch(/\(2025-01-02\) was damaged \(its file is missing\)/);
    expect(await days.days('cdr_1', 'none')).toEqual([]);
  });
});

describe('DayStore records sealed with a key from the token', () => {
  it("reads its own token's records, and refuses one sealed with another token's key or moved to another day", async () => {
    const root = mkdtempSync(join(tmpdir(), 'wolkvox-day-store-'));
    roots.push(root);
    const mine = new DayStore({ root, scope: SCOPE, key: recordKey('my token') });
    await store(mine, 'my rows');
    expect((await mine.lookup('cdr_1', 'none', [DAY])).found).toHaveLength(1);

    // Written by a holder of another token (or by nobody's: no key) into this token's folder: refused, removed.
    const theirs = new DayStore({ root, scope: SCOPE, key: recordKey('their token') });
    await store(theirs, 'planted rows');
    const planted = await mine.lookup('cdr_1', 'none', [DAY]);
    expect(planted.missing).toEqual([DAY]);
    expect(planted.warnings[0]).toMatch(/was damaged \(its record is not sealed with this token\)/);
    await store(new DayStore({ root, scope: SCOPE }), 'unsealed rows');
    expect((await mine.lookup('cdr_1', 'none', [DAY])).missing).toEqual([DAY]);

    // A sealed record and its file copied under another day's name: refused too.
    await store(mine, 'my rows');
    const dir = join(root, 'emulator', 'demo', 'report=cdr_1', 'params=none');
    copyFileSync(join(dir, `day=${DAY}.json`), join(dir, 'day=2025-01-03.json'));
    expect((await mine.lookup('cdr_1', 'none', ['2025-01-03', DAY])).missing).toEqual(['2025-01-03']);
  });
});
