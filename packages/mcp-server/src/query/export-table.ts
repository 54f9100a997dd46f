/**
 * The table a report call's rows are exported from (run_report with `format`): the columns the answer shows, after
 * filter, group_by, aggregate, order_by and top, loaded into a query process so that every export is written there,
 * by one writer per format, from SQL-typed values.
 *
 * - `query` typing (Parquet): as the query tables type a report (table.ts): a field's typed column and its
 *   `<field>_raw` string as sent, durations as `<field>_s` seconds; group counts BIGINT, aggregates DOUBLE, a date's
 *   min or max a TIMESTAMP.
 * - `answer` typing (CSV, JSON, XLSX): one column per column the answer shows, under its name: numbers typed as the
 *   query tables type them, durations as INTERVAL (written `HH:MM:SS`, or as Excel durations), times as TIMESTAMP or
 *   DATE, text exactly as sent. A value that does not read as its kind is NULL there (the load counts them).
 */
import type { AnyReport, FieldKind, FieldSpec } from '@wolkvox-mcp/contracts';
import { driftColumn, fieldColumns, KIND_COLUMNS, type ReportTable, type TableColumn } from './table.js';

export type ExportTyping = 'query' | 'answer';

/** A column of an answer's own (a group's count, an aggregate) typed by the kind its values read as. */
function kindColumn(name: string, kind: FieldKind, meaning: string): TableColumn {
  const { type, reading } = KIND_COLUMNS[kind];
  return { name, field: name, type, reading, meaning };
}

function answerColumn(name: string, kind: FieldKind | undefined, spec: FieldSpec | undefined): TableColumn {
  const meaning = spec?.meaning ?? '';
  if (kind === undefined) return { ...driftColumn(name), meaning };
  if (kind === 'duration') return { name, field: name, type: 'INTERVAL', reading: 'duration', meaning };
  const column = kindColumn(name, kind, meaning);
  // Text columns keep wolkvox's string exactly, markers included, as answers show them.
  return column.type === 'VARCHAR' ? { ...column, reading: 'raw' } : column;
}

/**
 * The export table of an answer's `columns`, whose values read as `kinds` (a report field's own kind, or the kind a
 * group column's values read as).
 */
export function exportTable(
  report: AnyReport,
  columns: readonly string[],
  kinds: Readonly<Record<string, FieldKind | undefined>>,
  typing: ExportTyping,
): ReportTable {
  const tableColumns = columns.flatMap((name): TableColumn[] => {
    const kind = kinds[name];
    const spec = Object.hasOwn(report.fields, name) ? report.fields[name] : undefined;
    if (typing === 'answer') return [answerColumn(name, kind, spec)];
    // A report field shown as sent (a detail row, a group key): the query tables' columns of that field.
    if (spec && kind === spec.kind) return fieldColumns(name, spec);
    return [kind === undefined ? driftColumn(name) : kindColumn(name, kind, spec?.meaning ?? '')];
  });
  return { name: report.id, report: report.id, columns: tableColumns };
}
