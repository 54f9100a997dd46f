/**
 * The store of closed days (layout.ts): one Parquet file per report, parameter set and closed day, written by the
 * query process's DuckDB (query/parquet.ts) and read in place by later queries. It is an optimisation and never a
 * reason for an answer to be wrong or to fail:
 * - **Whole or absent**: a day file is written in a work folder of its own and renamed into place under a name of
 *   its content, then its record (the file's name, rows, bytes, SHA-256) is renamed over the day's old one: a day
 *   without its record is not stored, and replacing a day is one rename for a reader (the old file goes after).
 * - **Checked on read**: a file whose size or SHA-256 differs from its record is damaged: it is removed, the day is
 *   fetched again, and the answer says so. A file checked once is not hashed again by this process while its size
 *   and modification time stay the same. A file missing under a record is looked for once more under the record
 *   read again (another process may just have replaced the day) before it counts as damaged.
 * - **Pinned while read**: a query links each day it reads into a work folder of its own (`lookup`'s `pins`), so a
 *   day evicted or replaced meanwhile is still there, unchanged, for its statement.
 * - **Bounded**: the day files of every scope under the root together stay within `maxBytes` (DEFAULT_STORE_BYTES),
 *   the least recently used days removed first (a day's use is its record's modification time, set on each read).
 * - **Degrading**: a store that cannot be read or written (a read-only or full disk) is told as a warning; the
 *   days are then fetched and answered from memory, as without a store.
 */
import { createHash, createHmac, type KeyObject, randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { link, mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { z } from 'zod';
import {
  DAY_FILE_NAME,
  dayFileName,
  INCOMING_DIR,
  partitionDir,
  recordDay,
  recordPath,
  type StoreScope,
  scopeDir,
} from './layout.js';

/** What every day file under the root may take together, by default: 4 GiB (about 20 years of a busy cdr_1). */
export const DEFAULT_STORE_BYTES = 4 * 1024 * 1024 * 1024;
/** Work folders of writers that died, and day files no record names (a writer that lost a race), go once this old. */
const WORK_MAX_AGE_MS = 3_600_000;

const DAY_RECORD = z.object({
  day: z.string(),
  report: z.string(),
  /** The day's file, in the record's folder. */
  file: z.string().regex(DAY_FILE_NAME),
  rows: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  fetchedAt: z.number(),
  /** HMAC-SHA256 of the rest and where the record is, keyed from the token (`DayStoreOptions.key`). */
  seal: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
});

export type DayRecord = z.infer<typeof DAY_RECORD>;

/** A stored day, checked, ready to be read in place. */
export interface StoredDay {
  day: string;
  /** The file to read: its link in the query's pins folder, or the stored file itself when unpinned. */
  file: string;
  record: DayRecord;
}

export interface DayLookup {
  found: StoredDay[];
  /** Days not stored (or damaged, or unreadable): to fetch. */
  missing: string[];
  /** Problems met, one sentence each, for the answer's notes. */
  warnings: string[];
}

/** What a day's rows were, as the query process wrote them. */
export interface WrittenDay {
  day: string;
  /** The Parquet file in the work folder. */
  path: string;
  rows: number;
}

export interface DayStoreOptions {
  /** The data directory (`WOLKVOX_DATA_DIR`, default `<state dir>/data`). */
  root: string;
  scope: StoreScope;
  maxBytes?: number;
  /**
   * The key records are sealed with (layout.ts `recordKey`, from the token): a record this store reads must carry
   * a seal made with it for its own place (scope, report, parameters, day), so that one planted by someone without
   * the token, or moved from another token's or day's folder, is refused as damaged. Absent (the embedded
   * emulator, whose rows are made up): records are only hashed.
   */
  key?: KeyObject;
  /** Milliseconds since the epoch (tests move it). */
  now?: () => number;
}

const codeOf = (error: unknown) =>
  (error as { code?: string }).code ?? (error instanceof Error ? error.name : 'Error');

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** A file's text, or undefined when it does not exist. */
async function readIfAny(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return undefined;
    throw error;
  }
}

/** A record's text as a record, or undefined when it does not read as one. */
function parseRecord(text: string): DayRecord | undefined {
  try {
    return DAY_RECORD.parse(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/** A file a record names that is not there. */
const MISSING = 'its file is missing';

/** One record under the root, as eviction and the summary see it. */
interface StoredEntry {
  /** The record. */
  path: string;
  /** The file it names (undefined: the record does not read). */
  file: string | undefined;
  record: DayRecord | undefined;
  bytes: number;
  /** Its last use: the record's modification time. */
  used: number;
}

/** How a day's record and file were found. */
type Checked =
  | { record: DayRecord; file: string }
  | { absent: true }
  | { damaged: string; text: string; file?: string };

/** One summary line per report of a scope (the `wolkvox://store` resource). */
export interface StoredReport {
  report: string;
  days: number;
  rows: number;
  bytes: number;
  oldest: string;
  newest: string;
}

export class DayStore {
  readonly root: string;
  readonly scope: StoreScope;
  readonly maxBytes: number;
  private readonly now: () => number;
  private readonly key: KeyObject | undefined;
  /** Files whose hash matched, by path, size and modification time. */
  private readonly checked = new Set<string>();
  /** Days being written after their answer (`track`): a lookup waits for them rather than fetch them again. */
  private readonly writing = new Set<Promise<unknown>>();
  /** What went wrong writing days after their answer: the next lookup says it (its answer carries it), once. */
  private readonly lateFailures = new Set<string>();

  constructor(options: DayStoreOptions) {
    this.root = options.root;
    this.scope = options.scope;
    this.maxBytes = options.maxBytes ?? DEFAULT_STORE_BYTES;
    this.now = options.now ?? Date.now;
    this.key = options.key;
  }

  /** The seal of a record at `path` (hex): over its place and every field but the seal, in a fixed order. */
  private sealOf(path: string, record: DayRecord, key: KeyObject): string {
    const { seal: _, ...fields } = record;
    // The record's own path under the root: moved to another scope, report, parameter set or day, it is refused.
    const place = relative(this.root, path);
    return createHmac('sha256', key)
      .update(JSON.stringify([place, ...Object.entries(fields).sort(([a], [b]) => (a < b ? -1 : 1))]))
      .digest('hex');
  }

  /** Whether a record carries this store's seal for its place (any record does, for a store without a key). */
  private sealed(path: string, record: DayRecord): boolean {
    if (!this.key) return true;
    if (!record.seal) return false;
    return timingSafeEqual(
      Buffer.from(record.seal, 'hex'),
      Buffer.from(this.sealOf(path, record, this.key), 'hex'),
    );
  }

  /** The scope's folder: the only one the query engine may read files in. */
  get dir(): string {
    return scopeDir(this.root, this.scope);
  }

  /** Keeps `work` (days written after their answer) until it ends: `settled` and `lookup` wait for it. */
  track(work: Promise<unknown>): void {
    const kept = work.catch(() => undefined).finally(() => this.writing.delete(kept));
    this.writing.add(kept);
  }

  /**
   * A failure of work `track` keeps (a disk that filled while days were written after their answer): that answer is
   * out, so the next lookup's warnings say it.
   */
  reportLate(warning: string): void {
    this.lateFailures.add(warning);
  }

  /** Resolves once no work `track` keeps is left (a server's shutdown waits for it). */
  async settled(): Promise<void> {
    while (this.writing.size > 0) await Promise.all([...this.writing]);
  }

  /**
   * The stored days among `days`, each checked; the others missing. With `pins` (a work folder of the query's),
   * each found day is linked there and read from there, so that its statement finds it whatever happens to the
   * store meanwhile. Waits first for days being written by this store. Never throws.
   */
  async lookup(report: string, params: string, days: readonly string[], pins?: string): Promise<DayLookup> {
    await this.settled();
    const dir = partitionDir(this.root, this.scope, report, params);
    const found: StoredDay[] = [];
    const missing: string[] = [];
    const warnings = new Set<string>(this.lateFailures);
    this.lateFailures.clear();
    for (const day of days) {
      const record = recordPath(dir, day);
      const outcome = await this.find(record, pins).catch((error: unknown) => ({
        failed: codeOf(error),
      }));
      if ('record' in outcome) {
        found.push({ day, file: outcome.file, record: outcome.record });
        continue;
      }
      missing.push(day);
      if ('damaged' in outcome) {
        warnings.add(
          `store: a stored day of ${report} (${day}) was damaged (${outcome.damaged}); it was fetched from wolkvox again`,
        );
        await this.remove(record, outcome.text, outcome.file);
      } else if ('failed' in outcome) {
        warnings.add(`store: reading failed (${outcome.failed}); the days were fetched from wolkvox`);
      }
    }
    return { found, missing, warnings: [...warnings] };
  }

  /** The days stored (by their records) of a report and parameter set, in order; unchecked (`lookup` checks). */
  async days(report: string, params: string): Promise<string[]> {
    const dir = partitionDir(this.root, this.scope, report, params);
    const names = await readdir(dir).catch(() => [] as string[]);
    return names
      .map(recordDay)
      .filter((day): day is string => day !== undefined)
      .sort();
  }

  /**
   * A day's record and the file it names, checked (and pinned in `pins`). A file missing under its record may
   * have been replaced or evicted just now: the record is read once more, and only a record that still names a
   * missing file is damaged.
   */
  private async find(record: string, pins: string | undefined): Promise<Checked> {
    let seen: string | undefined;
    let outcome: Checked = { absent: true };
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const text = await readIfAny(record);
      if (text === undefined) return { absent: true };
      if (text === seen) return outcome;
      seen = text;
      outcome = await this.check(record, text);
      if (!('record' in outcome)) {
        if ('damaged' in outcome && outcome.damaged === MISSING) continue;
        return outcome;
      }
      if (!pins) return outcome;
      const pinned = join(
        pins,
        `${basename(dirname(dirname(record)))}.${basename(dirname(record))}.${outcome.record.file}`,
      );
      try {
        await link(outcome.file, pinned);
        return { ...outcome, file: pinned };
      } catch (error) {
        const code = codeOf(error);
        if (code === 'EEXIST') return { ...outcome, file: pinned };
        if (code === 'ENOENT') {
          outcome = { damaged: MISSING, text, file: outcome.file };
          continue;
        }
        // A file system without hard links: read in place, as the store's file.
        return outcome;
      }
    }
    return outcome;
  }

  /** A record's text checked against the file it names; its use time set (for eviction). */
  private async check(path: string, text: string): Promise<Checked> {
    const record = parseRecord(text);
    if (!record) return { damaged: 'its record does not read', text };
    if (!this.sealed(path, record)) return { damaged: 'its record is not sealed with this token', text };
    const file = join(dirname(path), record.file);
    let size: number;
    let mtimeMs: number;
    try {
      ({ size, mtimeMs } = await stat(file));
    } catch (error) {
      if (codeOf(error) === 'ENOENT') return { damaged: MISSING, text, file };
      throw error;
    }
    if (size !== record.bytes)
      return { damaged: `${size} bytes where ${record.bytes} were written`, text, file };
    const seen = `${file}\n${size}\n${mtimeMs}`;
    if (!this.checked.has(seen)) {
      if ((await sha256Of(file)) !== record.sha256) return { damaged: 'its content changed', text, file };
      this.checked.add(seen);
    }
    // Its use, for the least-recently-used eviction; a read-only store just keeps the old time.
    const at = new Date(this.now());
    await utimes(path, at, at).catch(() => undefined);
    return { record, file };
  }

  /**
   * Removes a damaged day: its record, unless another writer replaced it since it was read (`text`), and its file.
   * Never throws.
   */
  private async remove(record: string, text: string, file: string | undefined): Promise<void> {
    const now = await readIfAny(record).catch(() => undefined);
    if (now === text) await rm(record, { force: true }).catch(() => undefined);
    if (file) await rm(file, { force: true }).catch(() => undefined);
  }

  /** A new work folder for one query's day files or pins (nothing in it is stored). Throws when unwritable. */
  async workFolder(): Promise<string> {
    const dir = join(this.root, INCOMING_DIR, randomBytes(12).toString('hex'));
    await mkdir(dir, { recursive: true });
    return dir;
  }

  /** Removes a work folder and what is left in it. Never throws. */
  async discard(work: string): Promise<void> {
    await rm(work, { recursive: true, force: true }).catch(() => undefined);
  }

  /**
   * Moves a written day into place under its content's name, then its record over the day's old one (one rename:
   * from then on it is stored), then the old file.
   */
  async commit(report: string, params: string, written: WrittenDay, fetchedAt: number): Promise<StoredDay> {
    const dir = partitionDir(this.root, this.scope, report, params);
    const path = recordPath(dir, written.day);
    const { size } = await stat(written.path);
    const sha256 = await sha256Of(written.path);
    const record: DayRecord = {
      day: written.day,
      report,
      file: dayFileName(written.day, sha256),
      rows: written.rows,
      bytes: size,
      sha256,
      fetchedAt,
    };
    if (this.key) record.seal = this.sealOf(path, record, this.key);
    const file = join(dir, record.file);
    await mkdir(dir, { recursive: true });
    await rename(written.path, file);
    const recordWork = `${written.path}.json`;
    await writeFile(recordWork, JSON.stringify(record));
    const old = parseRecord((await readIfAny(path).catch(() => undefined)) ?? '');
    await rename(recordWork, path);
    if (old && old.file !== record.file)
      await rm(join(dir, old.file), { force: true }).catch(() => undefined);
    return { day: written.day, file, record };
  }

  /** Every day record under the root: its paths, what it says, its file's size and last use. */
  private async allDays(): Promise<StoredEntry[]> {
    const days: StoredEntry[] = [];
    const list = (dir: string) => readdir(dir).catch(() => [] as string[]);
    for (const tenant of await list(this.root)) {
      // The store's own folders (work files, sync leases) start with a dot; a tenant's label never does.
      if (tenant.startsWith('.')) continue;
      for (const token of await list(join(this.root, tenant))) {
        const scope = join(this.root, tenant, token);
        for (const report of await list(scope)) {
          for (const params of await list(join(scope, report))) {
            const dir = join(scope, report, params);
            const names = await list(dir);
            const named = new Set<string>();
            for (const name of names) {
              if (recordDay(name) === undefined) continue;
              const path = join(dir, name);
              const [info, text] = await Promise.all([
                stat(path).catch(() => undefined),
                readIfAny(path).catch(() => undefined),
              ]);
              if (!info || text === undefined) continue;
              const record = parseRecord(text);
              const file = record ? join(dir, record.file) : undefined;
              if (record) named.add(record.file);
              const bytes = file ? ((await stat(file).catch(() => undefined))?.size ?? 0) : 0;
              days.push({ path, file, record, bytes, used: info.mtimeMs });
            }
            // A day file no record names: a writer's that lost a race for its day, or died between its renames.
            for (const name of names) {
              if (!name.endsWith('.parquet') || named.has(name)) continue;
              const info = await stat(join(dir, name)).catch(() => undefined);
              if (info && this.now() - info.mtimeMs > WORK_MAX_AGE_MS) {
                await rm(join(dir, name), { force: true }).catch(() => undefined);
              }
            }
          }
        }
      }
    }
    return days;
  }

  /**
   * Removes work folders of writers that died, then the least recently used days until every scope's days fit in
   * `maxBytes`. Resolves to the bytes kept. A query reading an evicted day still reads it (its pin).
   */
  async evict(): Promise<number> {
    const incoming = join(this.root, INCOMING_DIR);
    for (const name of await readdir(incoming).catch(() => [] as string[])) {
      const path = join(incoming, name);
      const info = await stat(path).catch(() => undefined);
      if (info && this.now() - info.mtimeMs > WORK_MAX_AGE_MS) await this.discard(path);
    }
    const days = (await this.allDays()).sort((a, b) => a.used - b.used);
    let total = days.reduce((sum, day) => sum + day.bytes, 0);
    for (const day of days) {
      if (total <= this.maxBytes) break;
      // The record first: a reader never takes a half-removed day for a stored one.
      await rm(day.path, { force: true });
      if (day.file) await rm(day.file, { force: true });
      total -= day.bytes;
    }
    return total;
  }

  /** What this scope holds, per report (the `wolkvox://store` resource), days being written included. */
  async summary(): Promise<StoredReport[]> {
    await this.settled();
    const byReport = new Map<string, StoredReport>();
    for (const day of await this.allDays()) {
      const { record } = day;
      if (!record || dirname(dirname(dirname(day.path))) !== this.dir) continue;
      const kept = byReport.get(record.report);
      if (!kept) {
        byReport.set(record.report, {
          report: record.report,
          days: 1,
          rows: record.rows,
          bytes: day.bytes,
          oldest: record.day,
          newest: record.day,
        });
        continue;
      }
      kept.days += 1;
      kept.rows += record.rows;
      kept.bytes += day.bytes;
      if (record.day < kept.oldest) kept.oldest = record.day;
      if (record.day > kept.newest) kept.newest = record.day;
    }
    return [...byReport.values()].sort((a, b) => (a.report < b.report ? -1 : 1));
  }
}
