/**
 * How the controls read a column's values: by the field's kind in the contracts. wolkvox sends every value
 * as a string; numbers are read by contracts' `readWireNumber` (durations as seconds, percentages without `%`),
 * dates and hours as wall times, and text is compared folded (case and accents ignored), so that
 * `{"type_interaction": "INBOUND"}` finds `inbound`. Extra columns that drifted rows carry read as text.
 */
import {
  DAY_MS,
  FIELD_KINDS,
  type FieldKind,
  isMissingValue,
  parseWolkvoxDate,
  readWireNumber,
  type WallTime,
  wallTimeFromParts,
} from '@wolkvox-mcp/contracts';

/**
 * How a column compares: `number` (counts, durations, percentages...), `time` (dates, hours: compared in time
 * order), `text` (folded), `nested` (lists and objects: nothing to compare).
 */
export type ColumnClass = 'number' | 'time' | 'text' | 'nested';

const TIME_KINDS: ReadonlySet<FieldKind> = new Set<FieldKind>([
  'timestamp',
  'compact_timestamp',
  'day',
  'compact_day',
  'hour_bucket',
  'hour_of_day',
  'hour_label',
]);

export function columnClass(kind: FieldKind | undefined): ColumnClass {
  if (kind === undefined) return 'text';
  if (kind === 'list' || kind === 'object') return 'nested';
  if (FIELD_KINDS[kind].numeric) return 'number';
  return TIME_KINDS.has(kind) ? 'time' : 'text';
}

/** Folded texts kept: a column's values repeat (a few interaction types, a few hundred agents over 60,000 rows). */
const folded = new Map<string, string>();
const MAX_FOLDED = 50_000;

/** Lower case, without accents: "Jiménez" matches "jimenez", "INBOUND" matches "inbound". */
export function fold(text: string): string {
  let result = folded.get(text);
  if (result === undefined) {
    result = text
      .normalize('NFD')
      .replace(/\p{Diacritic}/gu, '')
      .toLowerCase();
    if (folded.size >= MAX_FOLDED) folded.clear();
    folded.set(text, result);
  }
  return result;
}

/** A value as text reads it: missing values read as the empty string, nested ones as JSON. */
export function cellText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string'
    ? value
    : typeof value === 'object'
      ? JSON.stringify(value)
      : String(value);
}

const HOUR = 3_600_000;
const STAMP = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;
const DIGITS = /^(\d{4})(\d{2})(\d{2})(\d{2})?$/;

/**
 * A date or hour column's value as a point in time order, with the span it covers (a day column's value covers
 * its day, an hour bucket its hour): wall-time milliseconds for dates, the hour (0..23) for `hour_of_day`, minutes
 * of the day for `hour_label`. Undefined when missing or not of the kind's format.
 */
export function readTimeSpan(value: unknown, kind: FieldKind): { start: number; end: number } | undefined {
  if (isMissingValue(value)) return undefined;
  const text = cellText(value).trim();
  if (kind === 'hour_of_day') {
    const hour = /^\d{1,2}$/.test(text) ? Number(text) : Number.NaN;
    return hour >= 0 && hour <= 23 ? { start: hour, end: hour } : undefined;
  }
  if (kind === 'hour_label') {
    const match = /^(\d{1,2}):(\d{2})(?::\d{2})?$/.exec(text);
    if (!match) return undefined;
    const minutes = Number(match[1]) * 60 + Number(match[2]);
    return Number(match[1]) <= 23 && Number(match[2]) <= 59 ? { start: minutes, end: minutes } : undefined;
  }
  const wall = readWall(text);
  if (!wall) return undefined;
  return { start: wall.start, end: wall.start + wall.span - 1000 };
}

/** A wall time in any of wolkvox's date formats, with how long the value spans (a day, an hour, a second). */
function readWall(text: string): { start: WallTime; span: number } | undefined {
  if (/^\d{14}$/.test(text)) {
    const start = parseWolkvoxDate(text);
    return start === undefined ? undefined : { start, span: 1000 };
  }
  const stamp = STAMP.exec(text);
  const digits = stamp ? undefined : DIGITS.exec(text);
  const parts = stamp ?? digits;
  if (!parts) return undefined;
  const [, y, mo, d, h, mi, s] = parts;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = h === undefined ? 0 : Number(h);
  const minute = mi === undefined ? 0 : Number(mi);
  const second = s === undefined ? 0 : Number(s);
  // Rows are read by the tens of thousands: the cheap range checks first, and contracts' full check (no 31
  // February) only for a day past the 28th.
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59)
    return undefined;
  const start =
    day <= 28 && year >= 1970
      ? Date.UTC(year, month - 1, day, hour, minute, second)
      : wallTimeFromParts({ year, month, day, hour, minute, second });
  if (start === undefined) return undefined;
  const span = h === undefined ? DAY_MS : stamp && mi !== undefined ? 1000 : HOUR;
  return { start, span };
}

/** A number column's value, or undefined when missing or unreadable. */
export function readNumber(value: unknown, kind: FieldKind): number | undefined {
  return readWireNumber(value, kind);
}

/**
 * The value a column sorts by: a number (numbers, and dates in time order), folded text, or undefined for a
 * missing value (sorted last).
 */
export function sortKey(value: unknown, kind: FieldKind | undefined): number | string | undefined {
  const kindClass = columnClass(kind);
  if (kindClass === 'number') return readWireNumber(value, kind!);
  if (kindClass === 'time') {
    const span = readTimeSpan(value, kind!);
    if (span) return span.start;
  }
  if (isMissingValue(value)) return undefined;
  return fold(cellText(value));
}

/**
 * Ascending order of two sort keys (missing values are the caller's to place): numbers by value, text by its folded
 * form's code points (folding has already dropped case and accents), a number before text.
 */
export function compareKeys(a: number | string, b: number | string): number {
  if (typeof a === 'number') return typeof b === 'number' ? a - b : -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A value as structured content carries it: numbers as JSON numbers where the column is numeric (a percentage as
 * its number of percent, missing markers as null), except durations, which keep wolkvox's `HH:MM:SS` (their column
 * names do not say a unit; group aggregates of durations are `_seconds` numbers). A value that does not read as
 * its kind is kept as sent (the drift notes say which columns differ).
 */
export function structuredValue(value: unknown, kind: FieldKind | undefined): unknown {
  if (kind === undefined || kind === 'duration' || columnClass(kind) !== 'number') return value;
  if (typeof value === 'number') return value;
  if (isMissingValue(value)) return null;
  return readWireNumber(value, kind) ?? value;
}
