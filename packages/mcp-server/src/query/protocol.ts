/**
 * The messages between the server and a query process (worker.ts), over Node's IPC channel with the `advanced`
 * serialization (a batch's JSON text crosses as one string, not re-escaped inside another JSON). Requests are
 * answered in order, each by its id.
 */
import type { ReferencedNames } from './columns.js';
import type { ExportOutcome, ExportRequest, QueryOutcome, ResultBudget, SessionSettings } from './engine.js';
import type { QueryFailureKind } from './errors.js';
import type { TableShape } from './wire.js';

/** What a query process is started with (its one command-line argument, as JSON). */
export interface WorkerSettings extends SessionSettings {
  /** Directories of the server's machine that never leave the process (scrub.ts). */
  scrubPaths: string[];
  /**
   * Where no operating-system limit applies: the resident memory, in bytes, the process may add to what it holds
   * when ready; past it the process ends itself.
   */
  watchRssGrowthBytes?: number;
}

export type WorkerRequest =
  | { id: number; op: 'check'; sql: string }
  /**
   * A fresh database in place of the current one (the tables go); answers the process's resident memory and how
   * much more address space it holds than when it started (0 where the system does not say), in bytes.
   */
  | { id: number; op: 'reset'; readable?: StoreFiles }
  | { id: number; op: 'create'; table: TableShape }
  /** A table over stored days read in place and a loaded memory table (engine.ts, `createStoredView`). */
  | { id: number; op: 'view'; table: TableShape; files: string[]; memory: string }
  /** A loaded table written as the store's day files, then dropped (engine.ts, `writeDays`). */
  | {
      id: number;
      op: 'days';
      table: string;
      dayColumn?: string;
      dir: string;
      days: { day: string; path: string }[];
    }
  | { id: number; op: 'insert'; table: string; json: string }
  | { id: number; op: 'run'; sql: string; budget: ResultBudget }
  /** Runs the statement and writes its whole result into a file (engine.ts, `export`). */
  | { id: number; op: 'export'; sql: string; request: ExportRequest };

/** The store's files a fresh database may read (and nothing else), and the store's folder, scrubbed from answers. */
export interface StoreFiles {
  files: string[];
  root: string;
}

/** What each request answers. */
export interface WorkerResults {
  check: { names: string[] | 'all' };
  reset: { rss: number; addressSpaceGrowth: number };
  create: null;
  view: null;
  days: number[];
  insert: null;
  run: QueryOutcome;
  export: ExportOutcome;
}

export type WorkerReply =
  | { id: number; ok: true; value: WorkerResults[keyof WorkerResults] }
  | { id: number; ok: false; kind: QueryFailureKind; message: string };

/** How far a request got (an export's rows written), sent while it works. */
export interface WorkerProgress {
  id: number;
  progress: number;
}

/** Sent once, when the database is open and requests can come. */
export interface WorkerReady {
  ready: true;
  /** The process's address space then, in bytes (0 where the system does not say): its memory cap counts from it. */
  addressSpace: number;
}

/** Written to stderr by a process that ends itself past its memory watch (read by the server, on any platform). */
export const WATCHDOG_MARK = 'wolkvox-query: past its memory cap';

export const toNames = (names: ReferencedNames): string[] | 'all' => (names === 'all' ? 'all' : [...names]);
