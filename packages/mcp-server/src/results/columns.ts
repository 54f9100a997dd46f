/**
 * Columns of a reply: which ones a page shows (`fields`, or the report's documented fields and any extra column
 * the rows carry) and the rows reduced to them. Pure functions over rows.
 */
import type { FieldMap } from '@wolkvox-mcp/contracts';
import type { Row } from '../backend/source.js';
import { boundNames, type NameBound } from './budget.js';

/**
 * The extra columns a reply shows at most: a backend may send thousands of columns the contract does not know, or
 * columns named in megabytes. The documented fields are always shown; extra ones within this bound, in the order
 * they came (a name longer than a column name may be is not shown).
 */
export const EXTRA_COLUMNS: NameBound = { maxNameChars: 64, maxChars: 2_000 };

/** Rows reduced to `columns`, in that order (a missing value stays missing), as own keys whatever their names. */
export function projectRows(rows: readonly Row[], columns: readonly string[]): Row[] {
  return rows.map((row) =>
    Object.fromEntries(
      columns.filter((column) => Object.hasOwn(row, column)).map((column) => [column, row[column]]),
    ),
  );
}

export interface DetailColumns {
  columns: string[];
  /** Extra columns the rows carry that are not shown (over EXTRA_COLUMNS). */
  unshown: number;
}

/** The columns of detail rows: the report's documented fields, then the extra columns the rows carry that fit. */
export function detailColumns(rows: readonly Row[], fields: FieldMap): DetailColumns {
  const documented = Object.keys(fields);
  const known = new Set(documented);
  const extra: string[] = [];
  for (const row of rows.slice(0, 50)) {
    for (const column of Object.keys(row)) {
      if (!known.has(column)) {
        known.add(column);
        extra.push(column);
      }
    }
  }
  const { kept, left } = boundNames(extra, EXTRA_COLUMNS);
  return { columns: [...documented, ...kept], unshown: left };
}
