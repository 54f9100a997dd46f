/**
 * `group_by` and `aggregate`: one row per group (or one row over every matched row when only `aggregate` is
 * given) with `count` and the aggregates asked for, computed exactly over all the rows, never over a page.
 * Without `aggregate`, a group row carries the sums of the fields that add up (counts, durations, costs: contracts'
 * addsUp), those among `fields` when it is given; percentages and averages are never summed, since their sum means
 * nothing (`avg` takes them).
 * Values are read by contracts' `readWireNumber` (durations as seconds, percentages without `%`).
 * Averages, minimums and maximums skip missing values, as SQL's do; a value that does not read as its kind is
 * left out and counted, so the reply can say so.
 */
import {
  addsUp,
  type FieldKind,
  type FieldMap,
  type FieldSpec,
  isMissingValue,
} from '@wolkvox-mcp/contracts';
import type { Row } from '../backend/source.js';
import { cellText, columnClass, compareKeys, fold, readNumber, readTimeSpan } from './values.js';

/** The column a numeric field's sum goes to: `sum_<field>`, with `_seconds` for durations. */
function sumColumn(name: string, spec: FieldSpec): string {
  return spec.kind === 'duration' ? `sum_${name}_seconds` : `sum_${name}`;
}

/** Sums without binary-fraction noise (0.1 + 0.2 reads 0.3). */
function roundSum(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

export const AGGREGATE_OPS = ['sum', 'avg', 'min', 'max'] as const;
export type AggregateOp = (typeof AGGREGATE_OPS)[number];
/** Which fields each aggregate applies to: `{"avg": ["talk_time"], "max": ["talk_time", "date"]}`. */
export type Aggregates = { [Op in AggregateOp]?: string[] };

/** What a field that does not add up is, for the rule that refuses its sum. */
function notATotal(spec: FieldSpec): string {
  if (spec.kind === 'percent') return 'a percentage';
  const from = spec.from;
  if (typeof from === 'object' && ('avg' in from || 'ratio' in from)) return 'an average';
  return `a level, not a total (${spec.kind})`;
}

/**
 * Which kinds an aggregate takes: averages need numbers, sums numbers that add up (a sum of percentages or of
 * averages means nothing); min and max take dates and hours too.
 */
export function aggregateRule(op: AggregateOp, spec: FieldSpec | undefined): string | undefined {
  const kindClass = columnClass(spec?.kind);
  if (kindClass === 'number') {
    if (op === 'sum' && spec && !addsUp(spec)) {
      return `sum adds up counts, durations and costs; this one is ${notATotal(spec)}: use avg, min or max`;
    }
    return undefined;
  }
  if ((op === 'min' || op === 'max') && kindClass === 'time') return undefined;
  return op === 'min' || op === 'max'
    ? `${op} takes numeric, date or hour columns; this one is ${spec ? spec.kind : 'unknown'}`
    : `${op} takes numeric columns (counts, durations, percentages...); this one is ${spec ? spec.kind : 'unknown'}`;
}

/**
 * The column an aggregate goes to: `<op>_<field>`, with `_seconds` for durations (`sum_talk_time_seconds`); a
 * sum is named as group_by's own sums are.
 */
export function aggregateColumn(op: AggregateOp, name: string, spec: FieldSpec): string {
  if (op === 'sum') return sumColumn(name, spec);
  return spec.kind === 'duration' ? `${op}_${name}_seconds` : `${op}_${name}`;
}

interface Measure {
  op: AggregateOp;
  field: string;
  kind: FieldKind;
  column: string;
}

/**
 * The aggregates asked for, in the order of AGGREGATE_OPS then of their fields; the default is the sum of every
 * field that adds up (among `sumFields` when given: an empty list asks for the count alone).
 */
function measuresOf(
  fields: FieldMap,
  groupBy: readonly string[],
  aggregates: Aggregates | undefined,
  sumFields: readonly string[] | undefined,
): Measure[] {
  if (aggregates) {
    return AGGREGATE_OPS.flatMap((op) =>
      (aggregates[op] ?? []).map((field) => {
        const spec = fields[field]!;
        return { op, field, kind: spec.kind, column: aggregateColumn(op, field, spec) };
      }),
    );
  }
  return Object.entries(fields)
    .filter(
      ([name, spec]) => addsUp(spec) && !groupBy.includes(name) && (!sumFields || sumFields.includes(name)),
    )
    .map(([field, spec]) => ({ op: 'sum', field, kind: spec.kind, column: sumColumn(field, spec) }));
}

export interface GroupedRows {
  rows: Row[];
  /** The columns of a group row, in order: the group keys, `count`, then the aggregates. */
  columns: string[];
  /** The kind each column reads as (for ordering and structured values): keys keep their field's. */
  kinds: Record<string, FieldKind>;
  /** Values that could not be read as their kind, per field (left out of its aggregates). */
  unreadable: Record<string, number>;
  /** Averages a few far values pull away from the typical one, per aggregate column (skewedAverages). */
  skewed: SkewedAverage[];
}

/** An `avg` column whose mean, in some groups, is more than twice the median, with values past ten medians. */
export interface SkewedAverage {
  column: string;
  field: string;
  kind: FieldKind;
  /** Groups where it is so, of all groups. */
  groups: number;
  /** The group with the most such values: its keys, mean, median, and how many values lie past ten medians. */
  example: { keys: string[]; mean: number; median: number; far: number; largest: number };
}

/** An average is flagged when it is over this many medians and some values are past FAR_MEDIANS medians. */
const SKEW_RATIO = 2;
const FAR_MEDIANS = 10;
/** Fewer values than this make no median worth comparing. */
const SKEW_MIN_VALUES = 5;

/** The output columns of a grouped reply, before any row is read: what `order_by` may name. */
export function groupedColumns(
  fields: FieldMap,
  groupBy: readonly string[],
  aggregates: Aggregates | undefined,
  sumFields: readonly string[] | undefined,
): string[] {
  return [...groupBy, 'count', ...measuresOf(fields, groupBy, aggregates, sumFields).map((m) => m.column)];
}

interface Accumulator {
  sum: number;
  n: number;
  /** For avg: every value read, to compare the mean with the median. */
  values?: number[];
  /** For min/max: the best value so far and the row value it came from (dates keep their wolkvox text). */
  best?: number;
  bestValue?: unknown;
}

interface Group {
  keys: string[];
  count: number;
  acc: Accumulator[];
}

/**
 * One row per distinct combination of `groupBy` values (all rows in one group when `groupBy` is empty): the keys,
 * `count`, and the aggregates. Groups are ordered by count, largest first, then by key.
 */
export function groupRows(
  rows: readonly Row[],
  groupBy: readonly string[],
  fields: FieldMap,
  options: { aggregates?: Aggregates; sumFields?: readonly string[] } = {},
): GroupedRows {
  const measures = measuresOf(fields, groupBy, options.aggregates, options.sumFields);
  const timeMeasure = measures.map((measure) => columnClass(measure.kind) === 'time');
  const groups = new Map<string, Group>();
  const unreadable: Record<string, number> = {};
  const fresh = (keys: string[]): Group => ({
    keys,
    count: 0,
    acc: measures.map((measure) => (measure.op === 'avg' ? { sum: 0, n: 0, values: [] } : { sum: 0, n: 0 })),
  });
  // Every matched row in one group when only aggregates are asked: that group exists even with no rows.
  if (groupBy.length === 0) groups.set('', fresh([]));

  for (const row of rows) {
    const keys = groupBy.map((column) => cellText(row[column]));
    // A control character no wolkvox value holds joins the keys: cheaper than JSON per row, and as unambiguous.
    const id = keys.length === 1 ? keys[0]! : keys.join('\u0001');
    let group = groups.get(id);
    if (!group) {
      group = fresh(keys);
      groups.set(id, group);
    }
    group.count += 1;
    for (let index = 0; index < measures.length; index++) {
      const measure = measures[index]!;
      const value = row[measure.field];
      if (isMissingValue(value)) continue;
      const number = timeMeasure[index]
        ? readTimeSpan(value, measure.kind)?.start
        : readNumber(value, measure.kind);
      if (number === undefined) {
        unreadable[measure.field] = (unreadable[measure.field] ?? 0) + 1;
        continue;
      }
      const acc = group.acc[index]!;
      acc.sum += number;
      acc.n += 1;
      acc.values?.push(number);
      const better =
        acc.best === undefined ||
        (measure.op === 'min' && number < acc.best) ||
        (measure.op === 'max' && number > acc.best);
      if (better) {
        acc.best = number;
        acc.bestValue = value;
      }
    }
  }

  const ordered = [...groups.values()].sort((a, b) => b.count - a.count || compareKeyLists(a.keys, b.keys));
  const grouped = ordered.map((group) => {
    const row: Row = {};
    groupBy.forEach((column, index) => {
      row[column] = group.keys[index];
    });
    row.count = group.count;
    measures.forEach((measure, index) => {
      row[measure.column] = measureValue(measure, group.acc[index]!);
    });
    return row;
  });

  const kinds: Record<string, FieldKind> = { count: 'count' };
  for (const column of groupBy) {
    const kind = fields[column]?.kind;
    if (kind) kinds[column] = kind;
  }
  for (const measure of measures) {
    // A date's min or max keeps its wolkvox text (and its kind); every other aggregate is a plain number.
    kinds[measure.column] = columnClass(measure.kind) === 'time' ? measure.kind : 'number';
  }
  return {
    rows: grouped,
    columns: [...groupBy, 'count', ...measures.map((m) => m.column)],
    kinds,
    unreadable,
    skewed: skewedAverages(measures, ordered),
  };
}

function median(values: number[]): number {
  const sorted = values.sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * The averages a few far values pull away from the typical one (chats closed by a day-long inactivity timeout
 * among five-minute ones): the mean tells neither, and the reply should say so.
 */
function skewedAverages(measures: readonly Measure[], groups: readonly Group[]): SkewedAverage[] {
  const skewed: SkewedAverage[] = [];
  measures.forEach((measure, index) => {
    if (measure.op !== 'avg') return;
    let count = 0;
    let example: SkewedAverage['example'] | undefined;
    for (const group of groups) {
      const acc = group.acc[index]!;
      if (!acc.values || acc.n < SKEW_MIN_VALUES) continue;
      const mean = acc.sum / acc.n;
      const middle = median(acc.values);
      if (middle <= 0 || mean <= SKEW_RATIO * middle) continue;
      const far = acc.values.filter((value) => value > FAR_MEDIANS * middle).length;
      if (far === 0) continue;
      count += 1;
      if (!example || far > example.far) {
        example = {
          keys: group.keys,
          mean: roundSum(mean),
          median: roundSum(middle),
          far,
          largest: acc.values.at(-1)!,
        };
      }
    }
    if (example)
      skewed.push({
        column: measure.column,
        field: measure.field,
        kind: measure.kind,
        groups: count,
        example,
      });
  });
  return skewed;
}

function measureValue(measure: Measure, acc: Accumulator): unknown {
  if (measure.op === 'sum') return roundSum(acc.sum);
  if (acc.n === 0) return null;
  if (measure.op === 'avg') return roundSum(acc.sum / acc.n);
  return columnClass(measure.kind) === 'time' ? acc.bestValue : roundSum(acc.best!);
}

function compareKeyLists(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < a.length; i++) {
    const order = compareKeys(fold(a[i]!), fold(b[i]!));
    if (order !== 0) return order;
  }
  return 0;
}
