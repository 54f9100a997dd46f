/**
 * Where an export's rows go: a writer per format, fed batch by batch and closed once. The query process
 * (query/export.ts) feeds them from a result's chunks; each holds one batch at a time, so a year of rows is never
 * in memory twice. Parquet is not among them: DuckDB writes it (query/parquet.ts).
 */
import type { CellBatch, ExportColumn } from './cells.js';
import { csvWriter } from './csv.js';
import { jsonWriter } from './json.js';
import { xlsxWriter } from './xlsx.js';

export interface RowWriter {
  write(batch: CellBatch): Promise<void>;
  /** Finishes the file; resolves to its size in bytes. */
  close(): Promise<number>;
  /** Lets go of an unfinished file (its caller removes it). */
  abandon(): Promise<void>;
}

export interface WriterOptions {
  /** CSV: begin with a UTF-8 byte order mark, which Excel needs to read accents right. */
  bom: boolean;
  /** The file may not grow past this (TooLargeError). */
  maxBytes: number;
}

export type RowFormat = 'csv' | 'json' | 'xlsx';

export function openRowWriter(
  format: RowFormat,
  path: string,
  columns: readonly ExportColumn[],
  options: WriterOptions,
): Promise<RowWriter> {
  switch (format) {
    case 'csv':
      return csvWriter(path, columns, options);
    case 'json':
      return jsonWriter(path, columns, options);
    case 'xlsx':
      return xlsxWriter(path, columns, options);
  }
}
