/**
 * The answer controls over a fetched result: `filter` (column -> exact value), `group_by` (one row per group with
 * `count` and the sums of numeric fields) and `fields` (which columns to show). Pure functions over rows.
 */
import { type FieldMap, isNumericField, readWireNumber } from '@wolkvox-mcp/contracts';
import type { Row } from '../backend/source.js';
import { roundSum, sumColumn } from './numbers.js';

/** A value as a filter or a group key reads it: missing values read as the empty string. */
export function cellText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string'
    ? value
    : typeof value === 'object'
      ? JSON.stringify(value)
      : String(value);
}

/** Rows whose every filtered column equals the given value exactly. */
export function filterRows(
  rows: readonly Row[],
  filter: Readonly<Record<string, string>> | undefined,
): readonly Row[] {
  const entries = Object.entries(filter ?? {});
  if (entries.length === 0) return rows;
  return rows.filter((row) => entries.every(([column, value]) => cellText(row[column]) === value));
}

export interface GroupedRows {
  rows: Row[];
  /** The columns of a group row, in order: the group keys, `count`, then the sums. */
  columns: string[];
  /** Values that could not be read as numbers, per summed field (left out of the sum). */
  unreadable: Record<string, number>;
}

/**
 * One row per distinct combination of `groupBy` values: the keys, `count`, and the sum of every numeric field
 * (or of the numeric fields among `sumFields` when given). Groups are ordered by count, largest first, then by key.
 */
export function groupRows(
  rows: readonly Row[],
  groupBy: readonly string[],
  fields: FieldMap,
  sumFields?: readonly string[],
): GroupedRows {
  const summed = Object.entries(fields).filter(
    ([name, spec]) =>
      isNumericField(spec) && !groupBy.includes(name) && (!sumFields || sumFields.includes(name)),
  );
  const groups = new Map<string, { keys: string[]; count: number; sums: number[] }>();
  const unreadable: Record<string, number> = {};

  for (const row of rows) {
    const keys = groupBy.map((column) => cellText(row[column]));
    const id = JSON.stringify(keys);
    let group = groups.get(id);
    if (!group) {
      group = { keys, count: 0, sums: summed.map(() => 0) };
      groups.set(id, group);
    }
    group.count += 1;
    summed.forEach(([name, spec], index) => {
      const value = row[name];
      if (value === undefined || value === null || value === '') return;
      const number = readWireNumber(value, spec.kind);
      if (number === undefined) unreadable[name] = (unreadable[name] ?? 0) + 1;
      else group.sums[index]! += number;
    });
  }

  const sumColumns = summed.map(([name, spec]) => sumColumn(name, spec));
  const ordered = [...groups.values()].sort((a, b) => b.count - a.count || compareKeys(a.keys, b.keys));
  const grouped = ordered.map((group) => {
    const row: Row = {};
    groupBy.forEach((column, index) => {
      row[column] = group.keys[index];
    });
    row.count = group.count;
    sumColumns.forEach((column, index) => {
      row[column] = roundSum(group.sums[index]!);
    });
    return row;
  });
  return { rows: grouped, columns: [...groupBy, 'count', ...sumColumns], unreadable };
}

function compareKeys(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < a.length; i++) {
    const order = a[i]!.localeCompare(b[i]!);
    if (order !== 0) return order;
  }
  return 0;
}

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
