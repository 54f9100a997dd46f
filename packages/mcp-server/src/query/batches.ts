/**
 * A fetched report's rows into a query's table, in batches: each cell is read by `readCell` (table.ts, the one
 * reading of wolkvox's strings) and a batch of rows goes as one JSON text of columns (wire.ts). The server reads
 * and serializes the next batch while the query process inserts this one: the two overlap instead of adding up.
 */
import type { Row } from '../backend/source.js';
import { type ReportTable, readCell } from './table.js';
import type { TableShape } from './wire.js';

/**
 * Rows per batch: enough to amortise a statement, few enough that building one (on the server's event loop) stays
 * a short task and that the text in memory stays small.
 */
export const LOAD_BATCH_ROWS = 8_192;

/** Where a table's rows go: a query process (process.ts), or a session in this process (benchmarks, tests). */
export interface TableSink {
  createTable(table: TableShape, signal?: AbortSignal): Promise<void>;
  insert(table: string, columnsJson: string, signal?: AbortSignal): Promise<void>;
}

export interface LoadOutcome {
  rows: number;
  /** Per column, the values that were there but did not read as the column's type (NULL in it). */
  unreadable: Record<string, number>;
}

/** The rows `start` to `end` as the JSON text of their columns, counting values that do not read. */
function columnBatch(
  table: ReportTable,
  rows: readonly Row[],
  start: number,
  end: number,
  unreadable: Record<string, number>,
): string {
  const batch: Record<string, (number | string | null)[]> = {};
  table.columns.forEach((column, c) => {
    const values = new Array<number | string | null>(end - start);
    for (let i = start; i < end; i += 1) {
      const cell = readCell(column, rows[i]![column.field]);
      if (cell === undefined) unreadable[column.name] = (unreadable[column.name] ?? 0) + 1;
      values[i - start] = cell ?? null;
    }
    batch[`c${c}`] = values;
  });
  return JSON.stringify(batch);
}

/**
 * Creates the table in `sink` and loads the rows. A caller who gave up stops the load between batches (a year of
 * rows takes seconds to load); the sink may stop sooner (a query process is killed).
 */
export async function loadTable(
  sink: TableSink,
  table: ReportTable,
  rows: readonly Row[],
  signal?: AbortSignal,
): Promise<LoadOutcome> {
  const shape: TableShape = {
    name: table.name,
    columns: table.columns.map(({ name, type }) => ({ name, type })),
  };
  await sink.createTable(shape, signal);
  const unreadable: Record<string, number> = {};
  let inserting: Promise<void> | undefined;
  for (let start = 0; start < rows.length; start += LOAD_BATCH_ROWS) {
    const end = Math.min(rows.length, start + LOAD_BATCH_ROWS);
    const json = columnBatch(table, rows, start, end, unreadable);
    await inserting;
    // Checked once the batch before has landed, so no insert is left running unawaited.
    signal?.throwIfAborted();
    inserting = sink.insert(table.name, json, signal);
  }
  await inserting;
  return { rows: rows.length, unreadable };
}
