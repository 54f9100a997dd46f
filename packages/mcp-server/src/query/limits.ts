/**
 * The bounds of one SQL query over fetched reports. Every query runs in its own in-memory DuckDB, locked down at
 * creation (no file, network or extension access, configuration locked), within these limits.
 */
export interface QueryLimits {
  /** Milliseconds the statement may run before it is interrupted (loading the tables is not counted). */
  timeoutMs: number;
  /** DuckDB's `memory_limit` for the query's database (its tables and the statement's work). */
  memoryLimit: string;
  /** Result rows counted at most: a larger result is refused (aggregate it, or LIMIT it). */
  maxResultRows: number;
  /** Result rows kept to answer with (the first ones); the rest are only counted. */
  keepRows: number;
  /** Queries of one server that load and run at once (each within memoryLimit); the rest wait their turn. */
  concurrentQueries: number;
}

export const QUERY_LIMITS: QueryLimits = {
  timeoutMs: 10_000,
  memoryLimit: '1GB',
  maxResultRows: 1_000_000,
  keepRows: 500,
  // Two databases of 1 GB at most, on the machines this runs on (a laptop, a small replica).
  concurrentQueries: 2,
};

/** The longest SQL text accepted: a question over a few tables never comes near it. */
export const MAX_SQL_CHARS = 8_000;
