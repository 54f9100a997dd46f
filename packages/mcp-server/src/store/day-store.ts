/**
 * The store of closed days (layout.ts): one Parquet file per report, parameter set and closed day, written by the
 * query process's DuckDB (query/parquet.ts) and read in place by later queries. It is an optimisation and never a
 * reason for an answer to be wrong or to fail:
 * - **Whole or absent**: a day file is written in a work folder of its own and renamed into place, then its record
 *   (rows, bytes, SHA-256) is written beside it and renamed: a day without its record is not stored.
 * - **Checked on read**: a file whose size or SHA-256 differs from its record is damaged: it is removed, the day is
 *   fetched again, and the answer says so. A file checked once is not hashed again by this process while its size
 *   and modification time stay the same.
 * - **Bounded**: the day files of every scope under the root together stay within `maxBytes` (DEFAULT_STORE_BYTES),
 *   the least recently used days removed first (a day's use is its record's modification time, set on each read).
 * - **Degrading**: a store that cannot be read or written (a read-only or full disk) is told as a warning; the
 *   days are then fetched and answered from memory, as without a store.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { dayPaths, INCOMING_DIR, partitionDir, type StoreScope, scopeDir } from './layout.js';

/** What every day file under the root may take together, by default: 4 GiB (about 20 years of a busy cdr_1). */
export const DEFAULT_STORE_BYTES = 4 * 1024 * 1024 * 1024;
/** Work folders of writers that died are removed once this old. */
const WORK_MAX_AGE_MS = 3_600_000;

const DAY_RECORD = z.object({
  day: z.string(),
  report: z.string(),
  rows: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  fetchedAt: z.number(),
});

export type DayRecord = z.infer<typeof DAY_RECORD>;

/** A stored day, checked, ready to be read in place. */
export interface StoredDay {
  day: string;
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
  /** Files whose hash matched, by path, size and modification time. */
  private readonly checked = new Set<string>();

  constructor(options: DayStoreOptions) {
    this.root = options.root;
    this.scope = options.scope;
    this.maxBytes = options.maxBytes ?? DEFAULT_STORE_BYTES;
    this.now = options.now ?? Date.now;
  }

  /** The scope's folder: the only one the query engine may read files in. */
  get dir(): string {
    return scopeDir(this.root, this.scope);
  }

  /** Where one day of a report and parameter set is (for the engine's allowed files, before it is written). */
  dayFile(report: string, params: string, day: string): string {
    return dayPaths(partitionDir(this.root, this.scope, report, params), day).file;
  }

  /** The stored days among `days`, each checked; the others missing. Never throws. */
  async lookup(report: string, params: string, days: readonly string[]): Promise<DayLookup> {
    const dir = partitionDir(this.root, this.scope, report, params);
    const found: StoredDay[] = [];
    const missing: string[] = [];
    const warnings = new Set<string>();
    for (const day of days) {
      const paths = dayPaths(dir, day);
      const outcome = await this.check(paths).catch((error: unknown) => ({
        failed: codeOf(error),
      }));
      if ('record' in outcome) {
        found.push({ day, file: paths.file, record: outcome.record });
        continue;
      }
      missing.push(day);
      if ('damaged' in outcome) {
        warnings.add(
          `store: a stored day of ${report} (${day}) was damaged (${outcome.damaged}); it was fetched from wolkvox again`,
        );
        await rm(paths.record, { force: true }).catch(() => undefined);
        await rm(paths.file, { force: true }).catch(() => undefined);
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
      .map((name) => /^day=(\d{4}-\d{2}-\d{2})\.json$/.exec(name)?.[1])
      .filter((day): day is string => day !== undefined)
      .sort();
  }

  /** A day's record and file checked against each other; its use time set (for eviction). */
  private async check(paths: {
    file: string;
    record: string;
  }): Promise<{ record: DayRecord } | { absent: true } | { damaged: string }> {
    let text: string;
    try {
      text = await readFile(paths.record, 'utf8');
    } catch (error) {
      if (codeOf(error) === 'ENOENT') return { absent: true };
      throw error;
    }
    let record: DayRecord;
    try {
      record = DAY_RECORD.parse(JSON.parse(text));
    } catch {
      return { damaged: 'its record does not read' };
    }
    let size: number;
    let mtimeMs: number;
    try {
      ({ size, mtimeMs } = await stat(paths.file));
    } catch (error) {
      if (codeOf(error) === 'ENOENT') return { damaged: 'its file is missing' };
      throw error;
    }
    if (size !== record.bytes) return { damaged: `${size} bytes where ${record.bytes} were written` };
    const seen = `${paths.file}\n${size}\n${mtimeMs}`;
    if (!this.checked.has(seen)) {
      if ((await sha256Of(paths.file)) !== record.sha256) return { damaged: 'its content changed' };
      this.checked.add(seen);
    }
    // Its use, for the least-recently-used eviction; a read-only store just keeps the old time.
    const at = new Date(this.now());
    await utimes(paths.record, at, at).catch(() => undefined);
    return { record };
  }

  /** A new work folder for one query's day files (nothing in it is stored until `commit`). Throws when unwritable. */
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
   * Moves a written day into place, then its record: from then on it is stored.
   */
  async commit(report: string, params: string, written: WrittenDay, fetchedAt: number): Promise<StoredDay> {
    const dir = partitionDir(this.root, this.scope, report, params);
    const paths = dayPaths(dir, written.day);
    const { size } = await stat(written.path);
    const record: DayRecord = {
      day: written.day,
      report,
      rows: written.rows,
      bytes: size,
      sha256: await sha256Of(written.path),
      fetchedAt,
    };
    await mkdir(dir, { recursive: true });
    // A record left from a damaged day goes first: the new file is never taken for the old record's.
    await rm(paths.record, { force: true });
    await rename(written.path, paths.file);
    const recordWork = `${written.path}.json`;
    await writeFile(recordWork, JSON.stringify(record));
    await rename(recordWork, paths.record);
    return { day: written.day, file: paths.file, record };
  }

  /** Every day record under the root: its paths, size and last use. */
  private async allDays(): Promise<{ record: string; file: string; bytes: number; used: number }[]> {
    const days: { record: string; file: string; bytes: number; used: number }[] = [];
    const list = (dir: string) => readdir(dir).catch(() => [] as string[]);
    for (const tenant of await list(this.root)) {
      if (tenant === INCOMING_DIR) continue;
      for (const token of await list(join(this.root, tenant))) {
        const scope = join(this.root, tenant, token);
        for (const report of await list(scope)) {
          for (const params of await list(join(scope, report))) {
            const dir = join(scope, report, params);
            for (const name of await list(dir)) {
              if (!/^day=\d{4}-\d{2}-\d{2}\.json$/.test(name)) continue;
              const record = join(dir, name);
              const file = record.replace(/\.json$/, '.parquet');
              const [recordStat, fileStat] = await Promise.all([
                stat(record).catch(() => undefined),
                stat(file).catch(() => undefined),
              ]);
              if (!recordStat) continue;
              days.push({ record, file, bytes: fileStat?.size ?? 0, used: recordStat.mtimeMs });
            }
          }
        }
      }
    }
    return days;
  }

  /**
   * Removes work folders of writers that died, then the least recently used days until every scope's days fit in
   * `maxBytes`. Resolves to the bytes kept.
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
      await rm(day.record, { force: true });
      await rm(day.file, { force: true });
      total -= day.bytes;
    }
    return total;
  }

  /** What this scope holds, per report (the `wolkvox://store` resource). */
  async summary(): Promise<StoredReport[]> {
    const byReport = new Map<string, StoredReport>();
    for (const day of await this.allDays()) {
      if (dirname(dirname(dirname(day.record))) !== this.dir) continue;
      let record: DayRecord;
      try {
        record = DAY_RECORD.parse(JSON.parse(await readFile(day.record, 'utf8')));
      } catch {
        continue;
      }
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
