/**
 * The bounds of one SQL query over fetched reports. Every query runs in a process of its own (process.ts) with an
 * operating-system memory cap, in an in-memory DuckDB locked down at creation (no file, network or extension
 * access, configuration locked), within these limits; what comes back is bounded by what an answer can carry.
 */
import { MAX_REPLY_CHARS } from '../results/budget.js';
import type { ResultBudget } from './engine.js';

export interface QueryLimits {
  /**
   * Milliseconds the statement may take (checked, then run) before its process is killed; loading the tables is
   * not counted (it is bounded by the rows fetched, and by cancellation).
   */
  timeoutMs: number;
  /**
   * Milliseconds an export may take, its statement and the writing of every row together, before its process is
   * killed: writing a year of rows as XLSX takes tens of seconds.
   */
  exportTimeoutMs: number;
  /** DuckDB's `memory_limit` for the query's database (its tables and the statement's work). */
  memoryLimit: string;
  /**
   * The query process's memory cap, in MiB, beyond what a ready process holds (Node, DuckDB and an open database:
   * ~0.85 GiB of address space on Node 20 and 22, ~1.26 GiB on Node 24): its address space on Linux (RLIMIT_AS),
   * its resident memory where a watchdog applies it (cap.ts). Lists and long strings escape DuckDB's `memoryLimit`;
   * they do not escape this.
   */
  processMemoryMb: number;
  /** Result rows counted at most: a larger result is refused (aggregate it, or LIMIT it). */
  maxResultRows: number;
  /** Result rows kept to answer with (the first ones); the rest are only counted. */
  keepRows: number;
  /** Characters of the kept rows' JSON the query process sends at most: an answer cannot carry more. */
  maxRowChars: number;
  /** Characters of one result value sent at most; a longer one is cut, and the answer says so. */
  maxCellChars: number;
  /** Characters of a result's column list (names and types, as JSON): a wider result is refused. */
  maxColumnChars: number;
  /** Query processes of one server at once (each within its memory cap); other queries wait their turn. */
  concurrentQueries: number;
}

export const QUERY_LIMITS: QueryLimits = {
  timeoutMs: 10_000,
  exportTimeoutMs: 120_000,
  memoryLimit: '1GB',
  // DuckDB's 1 GB, V8's heap (a quarter of this) and DuckDB's threads' arenas, with room to spare.
  processMemoryMb: 1_664,
  maxResultRows: 1_000_000,
  keepRows: 500,
  maxRowChars: MAX_REPLY_CHARS,
  maxCellChars: 10_000,
  // A fifth of an answer: SELECT * over six of the widest reports (41 columns, 1,600 characters each) fits.
  maxColumnChars: 10_000,
  // Two query processes at most, on the machines this runs on (a laptop, a small replica).
  concurrentQueries: 2,
};

/** The longest SQL text accepted: a question over a few tables never comes near it. */
export const MAX_SQL_CHARS = 8_000;

/** What a query's process sends back at most: what its answer can carry. */
export function resultBudget(limits: QueryLimits): ResultBudget {
  const { maxResultRows, keepRows, maxRowChars, maxCellChars, maxColumnChars } = limits;
  return { maxResultRows, keepRows, maxRowChars, maxCellChars, maxColumnChars };
}
