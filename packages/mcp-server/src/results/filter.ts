/**
 * The `filter` control: per column a condition, typed by the column's kind. Text compares folded (case and accents
 * ignored); numbers as numbers (durations as seconds, `"00:05:00"` or `300`); dates and hours in time order, the
 * operand read by the column's own format or the contracts' date grammar (`2025-02-03`, `yesterday`,
 * `last_week`...). Operators of one column all hold (`{">=": 60, "<": 300}` is a range); columns all hold.
 *
 * One compiler serves both the call's check (a condition that cannot apply to its column is a problem naming the
 * field and the rule) and the reply (the row tests), so what is refused and what is run cannot disagree.
 */
import {
  type CalendarContext,
  type FieldKind,
  type FieldMap,
  isDateRefusal,
  readDate,
  readWireNumber,
} from '@wolkvox-mcp/contracts';
import type { Row } from '../backend/source.js';
import { formatCount } from './render.js';
import { cellText, columnClass, fold, readTimeSpan } from './values.js';

export const FILTER_OPERATORS = ['=', '>', '>=', '<', '<=', 'contains', 'in'] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];
export type FilterScalar = string | number;
/** A column's condition in its one written form: `{"=": "inbound"}`, `{">=": 60, "<": 300}`, `{"in": [...]}`. */
export type Condition = { [Op in FilterOperator]?: Op extends 'in' ? FilterScalar[] : FilterScalar };
export type Filter = Record<string, Condition>;

export interface FilterProblem {
  path: (string | number)[];
  rule: string;
}

type Test = (value: unknown) => boolean;
/**
 * How far a value is from meeting a number or time condition (0 when it does; in the column's unit: seconds,
 * milliseconds, the number), undefined when the value does not read as the column's kind.
 */
type Gap = (value: unknown) => number | undefined;

/** One operator's check on one column: its test, and for numbers, durations and dates, its gap. */
interface Check {
  test: Test;
  gap?: Gap;
}

export interface CompiledFilter {
  /** Per filtered column, the test of its whole condition, and its gap where the column is ordered. */
  tests: [column: string, test: Test, gap?: Gap][];
  problems: FilterProblem[];
}

const COMPARISONS: ReadonlySet<FilterOperator> = new Set(['>', '>=', '<', '<=']);
const DATE_EXAMPLES = '2025-02-03, 2025-02-03T08:00, yesterday, last_week';
/** Distinct values a zero-match hint names, and how much of each. */
const HINT_VALUES = 10;
const HINT_VALUE_CHARS = 60;

function operandText(value: FilterScalar): string {
  return typeof value === 'number' ? String(value) : value;
}

/** A number operand: a JSON number, or text read as the column's kind (`"00:05:00"`, `"34.5 %"`, `"300"`). */
function numberOperand(value: FilterScalar, kind: FieldKind): number | undefined {
  if (typeof value === 'number') return value;
  const read = readWireNumber(value, kind);
  if (read !== undefined) return read;
  // A duration given as plain seconds in a string.
  return /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : undefined;
}

/** A date or hour operand as the span it covers: the column's own format, else the date grammar. */
function timeOperand(
  value: FilterScalar,
  kind: FieldKind,
  calendar: CalendarContext,
): { start: number; end: number } | undefined {
  const own = readTimeSpan(typeof value === 'number' ? String(value) : value, kind);
  if (own) return own;
  if (typeof value === 'number' || kind === 'hour_of_day' || kind === 'hour_label') return undefined;
  const reading = readDate(value, calendar);
  return isDateRefusal(reading) ? undefined : { start: reading.start, end: reading.end };
}

function timeRule(kind: FieldKind): string {
  if (kind === 'hour_of_day') return 'expected an hour of the day, 0 to 23';
  if (kind === 'hour_label') return 'expected an hour as HH:MM, e.g. 13:00';
  return `expected a date or date-time (${DATE_EXAMPLES}…) or the column's own format`;
}

/** One operator's check on one column, or the rule it breaks there. */
function operatorCheck(
  op: FilterOperator,
  operand: FilterScalar,
  column: string,
  kind: FieldKind | undefined,
  calendar: CalendarContext,
): Check | string {
  const kindClass = columnClass(kind);
  if (kindClass === 'nested') return `${column} is a nested ${kind}; filters compare plain columns`;
  if (kindClass === 'number') {
    if (op === 'contains') {
      return `contains searches text; ${column} is a ${kind} column (use =, in, >, >=, <, <=)`;
    }
    const x = numberOperand(operand, kind!);
    if (x === undefined) {
      return kind === 'duration'
        ? 'expected seconds (a number) or HH:MM:SS for a duration column'
        : `expected a number for a ${kind} column`;
    }
    const read = (value: unknown) => readWireNumber(value, kind!);
    return numberCheck(op, x, read);
  }
  if (op === 'contains') {
    const needle = fold(operandText(operand));
    return { test: (value) => fold(cellText(value)).includes(needle) };
  }
  if (kindClass === 'time') {
    const span = timeOperand(operand, kind!, calendar);
    if (!span) return timeRule(kind!);
    return spanCheck(op, span, (value) => readTimeSpan(value, kind!)?.start);
  }
  if (COMPARISONS.has(op)) {
    return `${op} compares numbers, durations and dates; ${column} is ${kind ? `a ${kind}` : 'a text'} column (use =, in or contains)`;
  }
  const wanted = fold(operandText(operand));
  return { test: (value) => fold(cellText(value)) === wanted };
}

/** A number condition: the operand is one point (equality within a rounding error). */
function numberCheck(op: FilterOperator, x: number, read: (value: unknown) => number | undefined): Check {
  const point = { start: x, end: x };
  const check = spanCheck(op, point, read);
  if (op !== '=') return check;
  return {
    test: (value) => {
      const v = read(value);
      return v !== undefined && Math.abs(v - x) < 1e-9;
    },
    gap: check.gap,
  };
}

/**
 * A comparison with a span (a date covers a day; a number is a span of one point): the test, and the gap a value
 * has to close to meet it.
 */
function spanCheck(
  op: FilterOperator,
  span: { start: number; end: number },
  read: (value: unknown) => number | undefined,
): Check {
  const gapOf = (t: number): number => {
    if (op === '>') return t > span.end ? 0 : span.end - t;
    if (op === '>=') return Math.max(0, span.start - t);
    if (op === '<') return t < span.start ? 0 : t - span.start;
    if (op === '<=') return Math.max(0, t - span.end);
    return t < span.start ? span.start - t : Math.max(0, t - span.end);
  };
  return {
    test: (value) => {
      const t = read(value);
      if (t === undefined) return false;
      if (op === '>') return t > span.end;
      if (op === '>=') return t >= span.start;
      if (op === '<') return t < span.start;
      if (op === '<=') return t <= span.end;
      return t >= span.start && t <= span.end;
    },
    gap: (value) => {
      const t = read(value);
      return t === undefined ? undefined : gapOf(t);
    },
  };
}

/** Every condition's test, or the problems of those that cannot apply to their column. */
export function compileFilter(
  filter: Filter | undefined,
  fields: FieldMap,
  calendar: CalendarContext,
): CompiledFilter {
  const tests: CompiledFilter['tests'] = [];
  const problems: FilterProblem[] = [];
  for (const [column, condition] of Object.entries(filter ?? {})) {
    if (!Object.hasOwn(fields, column)) continue; // unknown columns are the column check's to name
    const kind = fields[column]!.kind;
    const parts: Check[] = [];
    for (const [op, operand] of Object.entries(condition) as [
      FilterOperator,
      FilterScalar | FilterScalar[],
    ][]) {
      const operands = Array.isArray(operand) ? operand : [operand];
      const alternatives: Check[] = [];
      operands.forEach((item, index) => {
        const check = operatorCheck(op === 'in' ? '=' : op, item, column, kind, calendar);
        if (typeof check === 'string') {
          problems.push({ path: Array.isArray(operand) ? [column, op, index] : [column, op], rule: check });
        } else alternatives.push(check);
      });
      parts.push(alternatives.length === 1 ? alternatives[0]! : anyOf(alternatives));
    }
    const test: Test = (value) => parts.every((part) => part.test(value));
    const gaps = parts.map((part) => part.gap);
    if (gaps.length > 0 && gaps.every((gap) => gap !== undefined)) {
      // Every operator must hold: a value is as far from the condition as from its farthest operator.
      const gap: Gap = (value) => {
        let worst = 0;
        for (const part of gaps) {
          const g = part!(value);
          if (g === undefined) return undefined;
          worst = Math.max(worst, g);
        }
        return worst;
      };
      tests.push([column, test, gap]);
    } else tests.push([column, test]);
  }
  return { tests, problems };
}

/** Any of the alternatives (`in`): its gap is the nearest one's. */
function anyOf(alternatives: readonly Check[]): Check {
  const gaps = alternatives.map((check) => check.gap);
  const test: Test = (value) => alternatives.some((check) => check.test(value));
  if (gaps.length === 0 || gaps.some((gap) => gap === undefined)) return { test };
  return {
    test,
    gap: (value) => {
      let best: number | undefined;
      for (const gap of gaps) {
        const g = gap!(value);
        if (g !== undefined && (best === undefined || g < best)) best = g;
      }
      return best;
    },
  };
}

/** Rows on which every column's condition holds. */
export function filterRows(rows: readonly Row[], compiled: CompiledFilter): readonly Row[] {
  if (compiled.tests.length === 0) return rows;
  return rows.filter((row) => compiled.tests.every(([column, test]) => test(row[column])));
}

/** The filter as the reply's totals tell it: `type_interaction = "inbound"`, `talk_time >= 60 and < 300`. */
export function describeFilter(filter: Filter): string {
  return Object.entries(filter)
    .map(([column, condition]) =>
      Object.entries(condition)
        .map(([op, operand], index) => `${index === 0 ? `${column} ` : ''}${op} ${JSON.stringify(operand)}`)
        .join(' and '),
    )
    .join(', ');
}

/**
 * Why a filter matched nothing among rows that exist, so an assistant can correct it instead of concluding "none":
 * each column whose own condition matches no row, with up to 10 values it does hold: for numbers, durations and
 * dates the nearest to the condition (`occupancy > 85` names the highest there are), for text the most frequent.
 */
export function unmatchedNotes(rows: readonly Row[], compiled: CompiledFilter): string[] {
  if (rows.length === 0) return [];
  const notes: string[] = [];
  for (const [column, test, gap] of compiled.tests) {
    if (rows.some((row) => test(row[column]))) continue;
    const counts = new Map<string, { count: number; gap: number | undefined }>();
    for (const row of rows) {
      const text = cellText(row[column]);
      const seen = counts.get(text);
      if (seen) seen.count += 1;
      else counts.set(text, { count: 1, gap: gap?.(row[column]) });
    }
    const near = gap !== undefined;
    const farthest = (g: number | undefined) => (g === undefined ? Number.POSITIVE_INFINITY : g);
    const values = [...counts.entries()]
      .sort(
        (a, b) =>
          (near ? farthest(a[1].gap) - farthest(b[1].gap) : 0) ||
          b[1].count - a[1].count ||
          a[0].localeCompare(b[0]),
      )
      .slice(0, HINT_VALUES)
      .map(([value]) =>
        JSON.stringify(value.length > HINT_VALUE_CHARS ? `${value.slice(0, HINT_VALUE_CHARS - 1)}…` : value),
      );
    const more = counts.size > HINT_VALUES ? ` (${formatCount(counts.size)} distinct in all)` : '';
    const which = near ? 'the values nearest it' : 'values it holds';
    notes.push(`No row's ${column} matches its condition; ${which}: ${values.join(', ')}${more}.`);
  }
  if (notes.length === 0 && compiled.tests.length > 1) {
    notes.push('Each condition matches some rows, but no row matches all of them together.');
  }
  return notes;
}
