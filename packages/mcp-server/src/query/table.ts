/**
 * A report's rows as a typed SQL table, derived from each field's `kind` in the registry: the query tool loads
 * fetched rows into DuckDB with these columns, and the server's resources and documentation describe them from
 * here. No per-report code: a new registry entry has its table, and a new field kind fails to compile here until
 * it has a column.
 *
 * The rules (one per kind, see `KIND_COLUMNS`):
 * - counts, integer seconds and hours of the day -> BIGINT; decimals, minutes and percentages -> DOUBLE
 *   (a percentage in percent units: `"34.64 %"` is 34.64, `"15,233.33 %"` is 15233.33);
 * - durations `"HH:MM:SS"` -> BIGINT seconds, in a column named `<field>_s`;
 * - timestamps (`YYYY-MM-DD HH:MM:SS`, `YYYYmmddHHiiss`, `YYYYMMDDHH`) -> TIMESTAMP, days -> DATE: the tenant's
 *   wall time as wolkvox sends it (no zone is attached; wolkvox names none);
 * - nested lists and objects -> JSON (DuckDB's JSON type: `->>`, `json_extract`, `unnest(from_json(...))`);
 * - everything else (ids, names, codes, enums, text) -> VARCHAR, as sent;
 * - the missing markers `""`, `"-"`, `"--"` (and null) -> NULL in every column but `_raw`;
 * - every column whose type is not text keeps its string as sent in `<field>_raw` (VARCHAR), so a value that does
 *   not read as its kind is still reachable (its typed column is NULL);
 * - a column wolkvox sent that the contract does not know (drift) is loaded as VARCHAR under its own name, never
 *   dropped.
 */
import {
  type AnyReport,
  type FieldKind,
  type FieldSpec,
  isMissingValue,
  parseWolkvoxDate,
  readWireNumber,
  type WallTime,
  wallTimeFromParts,
} from '@wolkvox-mcp/contracts';
import { sqlIdentifier } from './wire.js';

export { sqlIdentifier };

export type SqlType = 'BIGINT' | 'DOUBLE' | 'TIMESTAMP' | 'DATE' | 'VARCHAR' | 'JSON' | 'INTERVAL';

/** How a wire value becomes a column's value. */
export type ColumnReading =
  | 'integer'
  | 'decimal'
  | 'percent'
  | 'duration'
  | 'timestamp'
  | 'compact_timestamp'
  | 'hour_bucket'
  | 'day'
  | 'compact_day'
  | 'text'
  | 'json'
  /** The value exactly as sent (`_raw` columns): markers stay, only null and absent are NULL. */
  | 'raw';

export interface TableColumn {
  /** The SQL column name (quote it in SQL when it is not a plain identifier, e.g. `"0_5_seg"`). */
  name: string;
  /** The report field the column reads. */
  field: string;
  type: SqlType;
  reading: ColumnReading;
  /** What the column holds, for people and assistants. */
  meaning: string;
}

export interface ReportTable {
  /** The SQL table name: the report id, or the name the caller gave (`as`). */
  name: string;
  report: string;
  columns: TableColumn[];
}

interface KindColumn {
  type: SqlType;
  reading: ColumnReading;
  /** The column name for a field of this kind (`_s` for durations). */
  name?: (field: string) => string;
  /** Said after the field's meaning: the unit or the reading. */
  unit?: string;
}

const INTEGER: KindColumn = { type: 'BIGINT', reading: 'integer' };
const DECIMAL: KindColumn = { type: 'DOUBLE', reading: 'decimal' };
const TEXT: KindColumn = { type: 'VARCHAR', reading: 'text' };

/** The column of each field kind. */
export const KIND_COLUMNS: Readonly<Record<FieldKind, KindColumn>> = {
  count: INTEGER,
  seconds: { ...INTEGER, unit: 'seconds' },
  hour_of_day: { ...INTEGER, unit: '0..23' },
  number: DECIMAL,
  minutes: { ...DECIMAL, unit: 'minutes' },
  percent: { type: 'DOUBLE', reading: 'percent', unit: 'percent: 34.64 means 34.64 %' },
  duration: { type: 'BIGINT', reading: 'duration', name: (field) => `${field}_s`, unit: 'seconds' },
  timestamp: { type: 'TIMESTAMP', reading: 'timestamp', unit: "tenant's wall time" },
  compact_timestamp: { type: 'TIMESTAMP', reading: 'compact_timestamp', unit: "tenant's wall time" },
  hour_bucket: { type: 'TIMESTAMP', reading: 'hour_bucket', unit: "start of the hour, tenant's wall time" },
  day: { type: 'DATE', reading: 'day' },
  compact_day: { type: 'DATE', reading: 'compact_day' },
  list: { type: 'JSON', reading: 'json', unit: 'JSON array' },
  object: { type: 'JSON', reading: 'json', unit: 'JSON object' },
  conn_id: TEXT,
  agent_id: TEXT,
  skill_id: TEXT,
  campaign_id: TEXT,
  customer_id: TEXT,
  id: TEXT,
  person_name: TEXT,
  document: TEXT,
  phone: TEXT,
  email: TEXT,
  hour_label: TEXT,
  enum: TEXT,
  code: TEXT,
  text: TEXT,
  file: TEXT,
  url: TEXT,
  ip: TEXT,
};

/** The suffix of the column that keeps a typed field's string as sent. */
export const RAW_SUFFIX = '_raw';

/** Whether a column holds wolkvox's string unchanged (so it needs no `_raw` twin). */
const isText = (type: SqlType) => type === 'VARCHAR' || type === 'JSON';

/** The columns of one field: its typed column, and `<field>_raw` when the type is not text. */
export function fieldColumns(field: string, spec: FieldSpec): TableColumn[] {
  const kind = KIND_COLUMNS[spec.kind];
  const meaning = kind.unit ? `${spec.meaning} (${kind.unit})` : spec.meaning;
  const typed: TableColumn = {
    name: kind.name ? kind.name(field) : field,
    field,
    type: kind.type,
    reading: kind.reading,
    meaning,
  };
  if (isText(kind.type)) return [typed];
  return [
    typed,
    {
      name: `${field}${RAW_SUFFIX}`,
      field,
      type: 'VARCHAR',
      reading: 'raw',
      meaning: `${field} as wolkvox sent it`,
    },
  ];
}

/** The column of a field wolkvox sent that the report's contract does not know: its values as text. */
export function driftColumn(field: string): TableColumn {
  return {
    name: field,
    field,
    type: 'VARCHAR',
    reading: 'raw',
    meaning: 'a column wolkvox sent that the contract does not describe (as sent)',
  };
}

/** The table of a report's rows; `extraFields` are columns wolkvox sent beyond the contract (loaded as text). */
export function reportTable(
  report: AnyReport,
  name: string = report.id,
  extraFields: readonly string[] = [],
): ReportTable {
  const columns = Object.entries(report.fields).flatMap(([field, spec]) => fieldColumns(field, spec));
  const taken = new Set(columns.map((column) => column.name));
  for (const field of extraFields) {
    if (Object.hasOwn(report.fields, field) || taken.has(field)) continue;
    taken.add(field);
    columns.push(driftColumn(field));
  }
  return { name, report: report.id, columns };
}

const TIMESTAMP_TEXT = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?$/;
const DAY_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;
const COMPACT_DAY_TEXT = /^(\d{4})(\d{2})(\d{2})$/;

function wallOf(match: RegExpExecArray | null): WallTime | undefined {
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0));
  return wallTimeFromParts({
    year: year!,
    month: month!,
    day: day!,
    hour: hour ?? 0,
    minute: minute ?? 0,
    second: second ?? 0,
  });
}

/**
 * A cell's value as its column holds it: a number (BIGINT, DOUBLE), naive wall-time milliseconds (TIMESTAMP,
 * DATE), a string (VARCHAR, JSON), null when wolkvox sent a missing marker, or undefined when the value is there
 * but does not read as the column's kind (the column holds NULL; `_raw` keeps the string).
 */
export function readCell(column: TableColumn, value: unknown): number | string | null | undefined {
  if (column.reading === 'raw') {
    if (value === null || value === undefined) return null;
    return typeof value === 'string' ? value : JSON.stringify(value);
  }
  if (typeof value === 'string' ? isMarker(value) : isMissingValue(value)) return null;
  switch (column.reading) {
    case 'text':
    case 'json':
      return typeof value === 'string' ? value : JSON.stringify(value);
    case 'integer': {
      const number = readWireNumber(value, 'count');
      return number !== undefined && Number.isSafeInteger(number) ? number : undefined;
    }
    case 'decimal':
      return readWireNumber(value, 'number');
    case 'percent':
      return readWireNumber(value, 'percent');
    case 'duration':
      return readWireNumber(value, 'duration');
    default:
      return typeof value === 'string' ? readWallTime(column.reading, value.trim()) : undefined;
  }
}

/**
 * `isMissingValue` for a string, without trimming the common case: loading reads every cell of 60,000-row
 * results, and a value that starts and ends with a visible character is a marker only if it is `-` or `--`.
 */
function isMarker(value: string): boolean {
  const length = value.length;
  if (length > 2 && value.charCodeAt(0) > 32 && value.charCodeAt(length - 1) > 32) return false;
  return isMissingValue(value);
}

/** The number written by `count` digits of `text` from `at`; -1 when any is not a digit. */
function digitsAt(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i += 1) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * `YYYY-MM-DD HH:MM:SS`, the form wolkvox sends, read without a regular expression or a Date: a 60,000-row
 * result has a few of these per row. The same rules as `wallTimeFromParts` (1970..9999, a real calendar day).
 * Undefined when the text is not exactly that form (the general reading then decides).
 */
function fastTimestamp(text: string): WallTime | undefined {
  if (text.length !== 19 || text[4] !== '-' || text[7] !== '-' || text[13] !== ':' || text[16] !== ':') {
    return undefined;
  }
  if (text[10] !== ' ' && text[10] !== 'T') return undefined;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const second = digitsAt(text, 17, 2);
  if (year < 1970 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23) return undefined;
  if (minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > DAYS_IN_MONTH[month - 1]! + (leap ? 1 : 0)) return undefined;
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

function readWallTime(reading: ColumnReading, text: string): WallTime | undefined {
  switch (reading) {
    case 'timestamp':
      return fastTimestamp(text) ?? wallOf(TIMESTAMP_TEXT.exec(text));
    case 'compact_timestamp':
      return parseWolkvoxDate(text);
    case 'hour_bucket':
      return /^\d{10}$/.test(text) ? parseWolkvoxDate(`${text}0000`) : undefined;
    case 'day':
      return wallOf(DAY_TEXT.exec(text));
    case 'compact_day':
      return wallOf(COMPACT_DAY_TEXT.exec(text));
    default:
      return undefined;
  }
}

/** A table as documents show it (the MCP resource, the docs): its name, report and columns. */
export function tableDocument(table: ReportTable): Record<string, unknown> {
  return {
    table: table.name,
    report: table.report,
    columns: table.columns.map((column) => ({
      name: sqlIdentifier(column.name),
      type: column.type,
      meaning: column.meaning,
    })),
  };
}
