/**
 * The values an export writes, one model for every format: each column has a cell type, told from its SQL type
 * (query/export-cells.ts reads DuckDB's), and each cell is a number, text, a boolean or null. Times are the tenant's
 * wall time as naive milliseconds (as the query tables hold them), durations are seconds. A value that did not
 * read as its column's type arrives as text and is written as text, whatever the column.
 *
 * CSV and JSON write a cell as the answers' structured content shows values: numbers as numbers, times as
 * `YYYY-MM-DD HH:MM:SS`, durations as `HH:MM:SS`; XLSX types the cell (xlsx.ts); Parquet keeps DuckDB's types.
 */

export type CellType = 'integer' | 'number' | 'boolean' | 'duration' | 'timestamp' | 'date' | 'text' | 'json';

export type Cell = number | string | boolean | null;

export interface ExportColumn {
  name: string;
  type: CellType;
}

/** A batch of rows, column by column (as DuckDB hands them over): `columns[c][r]`. */
export interface CellBatch {
  rows: number;
  columns: readonly (readonly Cell[])[];
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** Wall-time milliseconds as `YYYY-MM-DD HH:MM:SS` (with `.mmm` when there are milliseconds). */
export function timestampText(wall: number): string {
  const date = new Date(wall);
  const ms = date.getUTCMilliseconds();
  return (
    `${dateText(wall)} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}` +
    (ms ? `.${pad(ms, 3)}` : '')
  );
}

/** Wall-time milliseconds as `YYYY-MM-DD`. */
export function dateText(wall: number): string {
  const date = new Date(wall);
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** Seconds as `HH:MM:SS` (hours past 24 kept: `27:00:00`), as wolkvox writes durations; a sign when negative. */
export function durationText(seconds: number): string {
  const sign = seconds < 0 ? '-' : '';
  const whole = Math.abs(seconds);
  const s = whole % 60;
  const m = Math.floor(whole / 60) % 60;
  const h = Math.floor(whole / 3600);
  const fraction = Number.isInteger(s) ? pad(s) : s.toFixed(3).padStart(6, '0');
  return `${sign}${pad(h)}:${pad(m)}:${fraction}`;
}

/** A cell as text (CSV): null is undefined (an empty field), text as is, the rest by its column's type. */
export function cellText(cell: Cell, type: CellType): string | undefined {
  if (cell === null) return undefined;
  if (typeof cell !== 'number') return String(cell);
  switch (type) {
    case 'timestamp':
      return timestampText(cell);
    case 'date':
      return dateText(cell);
    case 'duration':
      return durationText(cell);
    default:
      return String(cell);
  }
}

/** A cell as a JSON value's text: numbers and booleans bare, JSON columns as their JSON, times and text quoted. */
export function cellJson(cell: Cell, type: CellType): string {
  if (cell === null) return 'null';
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  if (typeof cell === 'number' && (type === 'integer' || type === 'number')) return String(cell);
  if (typeof cell === 'string' && type === 'json') return cell;
  return JSON.stringify(cellText(cell, type));
}
