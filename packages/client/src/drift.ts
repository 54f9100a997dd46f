/**
 * Drift: how a real answer differs from the report's contract. A tenant's wolkvox drops a column, sends null, a
 * number where the docs say string, or a renamed column, and one such field must not make a report unusable. The
 * client keeps every row as sent and tallies the differences here; strict mode turns the same tally into a
 * validation error. "Documented" has one definition: the report's zod row schema (`report.rowSchema`), plus its
 * field map for the names it lists (zod keeps unknown keys without a word).
 *
 * Only field names, row counts and the JSON kind of a value are kept, never a value: rows hold personal data.
 */
import type { AnyReport } from '@wolkvox-mcp/contracts';
import type { ResponseIssue } from './errors.js';

/** The JSON kind of a value: what a drift report says instead of the value itself. */
export type ValueKind = 'string' | 'number' | 'boolean' | 'null' | 'array' | 'object';

/**
 * How an answer's envelope was read past the contract (counted in windows, `non-object-rows` in items):
 * - `data-object`: `data` was one object where the report documents a list; read as one row;
 * - `data-list`: `data` was a list where the report documents one object; every item read as a row;
 * - `data-missing`: a success whose `data` is null, absent or not rows; read as no rows;
 * - `bare-404`: a 404 with an empty or non-JSON body, without `Validate dates entered`; read as an empty window;
 * - `non-object-rows`: items of `data` that are not objects (no fields to read); left out of the rows.
 */
export type EnvelopeDrift = 'data-object' | 'data-list' | 'data-missing' | 'bare-404' | 'non-object-rows';

export interface ReportDrift {
  /** Rows (over every window) that differ from the contract in any field. */
  rows: number;
  /** Documented fields absent from rows: field -> rows. */
  missing: Record<string, number>;
  /** Documented fields sent as null: field -> rows. */
  nulls: Record<string, number>;
  /** Documented fields holding another JSON type: field -> rows, and the kind of the first such value. */
  unexpectedType: Record<string, { rows: number; received: ValueKind }>;
  /** Fields the contract does not list (new or renamed columns): field -> rows, and the kind of the first value. */
  extra: Record<string, { rows: number; kind: ValueKind }>;
  /** Envelope readings past the contract: kind -> windows (items for `non-object-rows`). */
  envelope: Partial<Record<EnvelopeDrift, number>>;
}

/** What strict mode says for each envelope drift, in the validation error's `data` issue. */
export const ENVELOPE_RULES: Record<EnvelopeDrift, string> = {
  'data-object': 'expected an array of rows, received one object',
  'data-list': 'expected one object, received an array',
  'data-missing': 'expected rows, received none (null, absent or not an object)',
  'bare-404':
    "a 404 without wolkvox's envelope (no 'Validate dates entered'), which is not a documented answer",
  'non-object-rows': 'expected every item to be an object (a row)',
};

export function kindOf(value: unknown): ValueKind {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const type = typeof value;
  return type === 'string' || type === 'number' || type === 'boolean' ? type : 'object';
}

export function emptyDrift(): ReportDrift {
  return { rows: 0, missing: {}, nulls: {}, unexpectedType: {}, extra: {}, envelope: {} };
}

export function hasDrift(drift: ReportDrift): boolean {
  return drift.rows > 0 || Object.keys(drift.envelope).length > 0;
}

export function countEnvelope(drift: ReportDrift, kind: EnvelopeDrift, count = 1): void {
  drift.envelope[kind] = (drift.envelope[kind] ?? 0) + count;
}

/** Adds `from` into `into`: counts add up, the first sample kind seen stays (windows merge in order). */
export function mergeDrift(into: ReportDrift, from: ReportDrift): void {
  into.rows += from.rows;
  for (const [field, rows] of Object.entries(from.missing))
    into.missing[field] = (into.missing[field] ?? 0) + rows;
  for (const [field, rows] of Object.entries(from.nulls)) into.nulls[field] = (into.nulls[field] ?? 0) + rows;
  for (const [field, entry] of Object.entries(from.unexpectedType)) {
    const known = into.unexpectedType[field];
    if (known) known.rows += entry.rows;
    else into.unexpectedType[field] = { ...entry };
  }
  for (const [field, entry] of Object.entries(from.extra)) {
    const known = into.extra[field];
    if (known) known.rows += entry.rows;
    else into.extra[field] = { ...entry };
  }
  for (const [kind, count] of Object.entries(from.envelope) as [EnvelopeDrift, number][]) {
    countEnvelope(into, kind, count);
  }
}

/** Most issues kept for a strict-mode error: enough to fix a contract, not a 60,000-line error. */
const MAX_ISSUES = 20;

export interface ExaminedRows {
  /** The rows to return: the objects of `data`, as sent (the same objects, not copies). */
  rows: Record<string, unknown>[];
  drift: ReportDrift;
  /** The first differences with their row index, for strict mode's validation error. */
  issues: ResponseIssue[];
}

/** A zod issue path as a field name: nested list items drop their index (`status_x_hour[].hour`). */
function fieldName(path: readonly PropertyKey[]): string {
  let name = '';
  for (const part of path) {
    if (typeof part === 'number') name += '[]';
    else name += name === '' ? String(part) : `.${String(part)}`;
  }
  return name || '(row)';
}

function valueAt(row: unknown, path: readonly PropertyKey[]): unknown {
  let value = row;
  for (const part of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return value;
}

/**
 * Reads one window's `data` items against the report's row schema: which documented fields are missing, null or
 * of another type, and which fields the contract does not know, counted once per row. Rows that match cost one
 * schema check and one pass over their keys.
 */
export function examineRows(report: AnyReport, items: readonly unknown[]): ExaminedRows {
  const drift = emptyDrift();
  const issues: ResponseIssue[] = [];
  const documented = new Set(Object.keys(report.fields));
  let rows = items as Record<string, unknown>[];
  let skipped = 0;
  // Fields already counted for the current row (a field counts a row once), reused from row to row.
  const seen = new Set<string>();
  let index = 0;
  /** Records an issue of the current row; true the first time the row shows this field. */
  const note = (field: string, message: string): boolean => {
    if (issues.length < MAX_ISSUES) issues.push({ row: index, field, message });
    if (seen.has(field)) return false;
    seen.add(field);
    return true;
  };

  for (; index < items.length; index++) {
    const row = items[index];
    if (row === null || typeof row !== 'object' || Array.isArray(row)) {
      // Nothing to read in it: the first one starts a filtered copy of the rows.
      if (skipped === 0) rows = items.slice(0, index) as Record<string, unknown>[];
      skipped += 1;
      if (issues.length < MAX_ISSUES) {
        issues.push({ row: index, field: '(row)', message: `expected an object, received ${kindOf(row)}` });
      }
      continue;
    }
    if (skipped > 0) rows.push(row as Record<string, unknown>);

    seen.clear();
    const result = report.rowSchema.safeParse(row);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const field = fieldName(issue.path);
        const value = valueAt(row, issue.path);
        if (!note(field, issue.message)) continue;
        if (value === undefined) drift.missing[field] = (drift.missing[field] ?? 0) + 1;
        else if (value === null) drift.nulls[field] = (drift.nulls[field] ?? 0) + 1;
        else {
          const entry = drift.unexpectedType[field];
          if (entry) entry.rows += 1;
          else drift.unexpectedType[field] = { rows: 1, received: kindOf(value) };
        }
      }
    }
    for (const field in row) {
      if (!Object.hasOwn(row, field) || documented.has(field)) continue;
      note(field, 'is not in the contract (an unknown or renamed field)');
      const entry = drift.extra[field];
      if (entry) entry.rows += 1;
      else drift.extra[field] = { rows: 1, kind: kindOf((row as Record<string, unknown>)[field]) };
    }
    if (seen.size > 0) drift.rows += 1;
  }
  if (skipped > 0) countEnvelope(drift, 'non-object-rows', skipped);
  return { rows, drift, issues };
}
