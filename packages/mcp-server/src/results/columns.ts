/**
 * Columns of a reply: which ones a page shows (`fields`, or the report's documented fields and any extra column
 * the rows carry) and the rows reduced to them. Pure functions over rows.
 */
import type { FieldMap } from '@wolkvox-mcp/contracts';
import type { Row } from '../backend/source.js';

/** Rows reduced to `columns`, in that order (a missing value stays missing). */
export function projectRows(rows: readonly Row[], columns: readonly string[]): Row[] {
  return rows.map((row) => {
    const picked: Row = {};
    for (const column of columns) if (column in row) picked[column] = row[column];
    return picked;
  });
}

/** The columns of detail rows: the report's documented fields, then any extra column the rows carry. */
export function detailColumns(rows: readonly Row[], fields: FieldMap): string[] {
  const columns = Object.keys(fields);
  const known = new Set(columns);
  for (const row of rows.slice(0, 50)) {
    for (const column of Object.keys(row)) {
      if (!known.has(column)) {
        known.add(column);
        columns.push(column);
      }
    }
  }
  return columns;
}
