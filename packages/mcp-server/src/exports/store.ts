/**
 * Where exports are kept: files under the state directory (`<state dir>/exports/<scope>/<id>.<ext>`, beside each its
 * record `<id>.record.json`), for as long as they live.
 *
 * - **Scoped**: a server reads and lists only its own scope's folder, named by a one-way fingerprint of its token
 *   and where wolkvox is (`exportScope`), so one token's exports are not readable through another token's server.
 * - **Unguessable**: an id is 128 random bits (base64url); an id of any other shape is no export, so nothing a
 *   caller writes can name a path (no traversal).
 * - **Whole or absent**: a file is written in a work folder of its own, renamed into place when finished, and its
 *   record written (then renamed) last: a reader sees a whole export or none. Work folders of writers that died are
 *   removed once they are an hour old.
 * - **Expiring and bounded**: an export lives `ttlMs` (default 24 h); the finished exports of every scope on the
 *   machine together stay within `maxBytes` (default 1 GiB), the oldest removed first to make room.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { EXPORT_FORMATS, type ExportFormat, FORMATS } from './formats.js';

export const EXPORT_DEFAULTS = {
  /** How long an export is kept. */
  ttlMs: 24 * 60 * 60 * 1000,
  /** The finished exports of every scope on this machine, together. */
  maxBytes: 1024 * 1024 * 1024,
  /** The largest file resources/read serves (base64 makes a third more of a binary one). */
  maxReadBytes: 4 * 1024 * 1024,
};

/** A writer's work folder older than this was left by a process that died (an export takes minutes at most). */
const WORK_MAX_AGE_MS = 60 * 60 * 1000;
const WORK_PREFIX = '.work-';
const ID = /^[A-Za-z0-9_-]{22}$/;
const RECORD_SUFFIX = '.record.json';
const recordName = (id: string) => `${id}${RECORD_SUFFIX}`;

export interface ExportStoreOptions {
  /** The exports folder of this machine (`<state dir>/exports`): every scope's exports are bounded together. */
  root: string;
  /** This server's scope (`exportScope`): its exports live in `<root>/<scope>`. */
  scope: string;
  ttlMs?: number;
  maxBytes?: number;
  maxReadBytes?: number;
  /** Milliseconds since the epoch (tests move it). */
  now?: () => number;
}

const RECORD = z.object({
  id: z.string().regex(ID),
  format: z.enum(EXPORT_FORMATS),
  /** The file name to offer: what it holds, not where it is. */
  name: z.string(),
  rows: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  createdAt: z.number(),
  expiresAt: z.number(),
});
export type ExportRecord = z.infer<typeof RECORD>;

/** An export being written: the file to write, in a work folder of its own. */
export interface PendingExport {
  id: string;
  format: ExportFormat;
  /** The work folder: the query process may write here and nowhere else. */
  dir: string;
  path: string;
}

export type ExportRead =
  | { record: ExportRecord; data: Buffer }
  /** Larger than resources/read serves: `path` is where it is on this machine. */
  | { record: ExportRecord; tooLarge: true; path: string };

/** The scope of a server's exports: a one-way fingerprint of what identifies its data (the token, where wolkvox is). */
export function exportScope(identity: string): string {
  return createHash('sha256').update(`wolkvox-mcp exports\n${identity}`).digest('hex').slice(0, 32);
}

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException)?.code === 'ENOENT';

export class ExportStore {
  readonly ttlMs: number;
  readonly maxBytes: number;
  readonly maxReadBytes: number;
  private readonly dir: string;
  private readonly now: () => number;

  constructor(private readonly options: ExportStoreOptions) {
    this.ttlMs = options.ttlMs ?? EXPORT_DEFAULTS.ttlMs;
    this.maxBytes = options.maxBytes ?? EXPORT_DEFAULTS.maxBytes;
    this.maxReadBytes = options.maxReadBytes ?? EXPORT_DEFAULTS.maxReadBytes;
    this.dir = join(options.root, options.scope);
    this.now = options.now ?? Date.now;
  }

  /** Where a finished export's file is. */
  pathOf(record: Pick<ExportRecord, 'id' | 'format'>): string {
    return join(this.dir, `${record.id}.${FORMATS[record.format].extension}`);
  }

  /** A new export's work folder and file (nothing is visible until `commit`). */
  async begin(format: ExportFormat): Promise<PendingExport> {
    await this.sweep();
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const id = randomBytes(16).toString('base64url');
    const dir = join(this.dir, `${WORK_PREFIX}${id}`);
    await mkdir(dir, { mode: 0o700 });
    return { id, format, dir, path: join(dir, `${id}.${FORMATS[format].extension}`) };
  }

  /** Moves a written file into place and records it; older exports leave if the bound needs room. */
  async commit(pending: PendingExport, what: { name: string; rows: number }): Promise<ExportRecord> {
    const { size } = await stat(pending.path);
    const createdAt = this.now();
    const record: ExportRecord = {
      id: pending.id,
      format: pending.format,
      name: what.name,
      rows: what.rows,
      bytes: size,
      createdAt,
      expiresAt: createdAt + this.ttlMs,
    };
    await rename(pending.path, this.pathOf(record));
    const recordPath = join(this.dir, recordName(record.id));
    await writeFile(`${recordPath}.tmp`, JSON.stringify(record), { mode: 0o600 });
    await rename(`${recordPath}.tmp`, recordPath);
    await this.discard(pending);
    await this.sweep(record.id);
    return record;
  }

  /** Removes an unfinished export. */
  async discard(pending: PendingExport): Promise<void> {
    await rm(pending.dir, { recursive: true, force: true });
  }

  /** This scope's export, read whole when resources/read may serve it; undefined when there is none (or no longer). */
  async read(id: string): Promise<ExportRead | undefined> {
    const record = await this.record(id);
    if (!record) return undefined;
    const path = this.pathOf(record);
    if (record.bytes > this.maxReadBytes) return { record, tooLarge: true, path };
    try {
      return { record, data: await readFile(path) };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  /** This scope's live exports, newest first. */
  async list(): Promise<ExportRecord[]> {
    await this.sweep();
    const records = (await this.records(this.dir)).filter((record) => !this.expired(record));
    return records.sort((a, b) => b.createdAt - a.createdAt);
  }

  /** The record of a live export of this scope. */
  private async record(id: string): Promise<ExportRecord | undefined> {
    if (!ID.test(id)) return undefined;
    const record = await this.readRecord(join(this.dir, recordName(id)));
    return record && !this.expired(record) ? record : undefined;
  }

  private expired(record: ExportRecord): boolean {
    return record.expiresAt <= this.now();
  }

  private async readRecord(path: string): Promise<ExportRecord | undefined> {
    try {
      const parsed = RECORD.safeParse(JSON.parse(await readFile(path, 'utf8')));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  private async records(dir: string): Promise<ExportRecord[]> {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
    const records = await Promise.all(
      names
        .filter((name) => name.endsWith(RECORD_SUFFIX) && ID.test(name.slice(0, -RECORD_SUFFIX.length)))
        .map((name) => this.readRecord(join(dir, name))),
    );
    return records.filter((record): record is ExportRecord => record !== undefined);
  }

  /**
   * Removes what has expired (in every scope), work folders left by writers that died, and then the oldest exports
   * until the rest fit `maxBytes` (`keep`, the export just made, stays whatever its size: the writer bounded it).
   */
  private async sweep(keep?: string): Promise<void> {
    let scopes: string[];
    try {
      scopes = (await readdir(this.options.root, { withFileTypes: true }))
        .filter((entry) => entry.isDirectory())
        .map((entry) => join(this.options.root, entry.name));
    } catch (error) {
      if (isMissing(error)) return;
      throw error;
    }
    const now = this.now();
    const live: { dir: string; record: ExportRecord }[] = [];
    for (const dir of scopes) {
      for (const record of await this.records(dir)) {
        if (record.expiresAt <= now) await this.remove(dir, record);
        else live.push({ dir, record });
      }
      const work = (await readdir(dir).catch(() => [] as string[])).filter((name) =>
        name.startsWith(WORK_PREFIX),
      );
      for (const name of work) {
        const path = join(dir, name);
        const age = now - (await stat(path).catch(() => ({ mtimeMs: now }))).mtimeMs;
        if (age > WORK_MAX_AGE_MS) await rm(path, { recursive: true, force: true });
      }
    }
    let total = live.reduce((sum, item) => sum + item.record.bytes, 0);
    for (const { dir, record } of live.sort((a, b) => a.record.createdAt - b.record.createdAt)) {
      if (total <= this.maxBytes) break;
      if (record.id === keep) continue;
      await this.remove(dir, record);
      total -= record.bytes;
    }
  }

  /** The record first, so that nobody finds a record without its file. */
  private async remove(dir: string, record: ExportRecord): Promise<void> {
    await rm(join(dir, recordName(record.id)), { force: true });
    await rm(join(dir, `${record.id}.${FORMATS[record.format].extension}`), { force: true });
  }
}
