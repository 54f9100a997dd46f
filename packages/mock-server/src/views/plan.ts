import { type AnyReport, type FieldSpec, meansAll, type Range, type Where } from '@wolkvox-mcp/contracts';
import type { TenantRecord } from '../tenant/records.js';
import { readAttribute } from './attributes.js';

/**
 * A report compiled once into what the view engine runs for every row: which attribute each field reads (or
 * which aggregate it computes), the `where` predicate and the parameter filters. All of it comes from the
 * registry entry; nothing here knows a report by name.
 */

/** How a field gets its value: a record attribute, an aggregate over the group, or nested items. */
export type FieldReader =
  | {
      name: string;
      spec: FieldSpec;
      source: 'attribute';
      attribute: string;
      /** The report's spelling of the attribute's values (FieldSpec.spelling), when it has one. */
      spelling?: ReadonlyMap<string, string>;
    }
  | {
      name: string;
      spec: FieldSpec;
      source: 'aggregate';
      op: 'count' | 'sum' | 'avg' | 'min' | 'max' | 'distinct' | 'share' | 'shareOfTotal' | 'ratio';
      attribute: string;
      /** `ratio` only: the attribute whose sum divides the sum of `attribute`. */
      per?: string;
      /** Records the aggregate counts (`where`; for `share`, the denominator `of`). */
      among: RecordTest;
      /** `share` only: the numerator's test. */
      matching: RecordTest;
    }
  | { name: string; spec: FieldSpec; source: 'items'; items: FieldReader[]; groupBy: readonly string[] };

export type RecordTest = (record: TenantRecord) => boolean;

export interface ParamFilter {
  param: string;
  attribute: string;
  match: 'equals' | 'includes';
  all?: string;
  /** Per parameter value, attributes read from others (`ParamSpec.filter.reads`). */
  reads?: Readonly<Record<string, Readonly<Partial<Record<string, string>>>>>;
}

/** A report as the view engine runs it (the client's `ReportPlan` is a request plan: another thing). */
export interface ViewPlan {
  report: AnyReport;
  entity: string;
  fields: FieldReader[];
  where: RecordTest;
  filters: ParamFilter[];
  groupBy: readonly string[] | undefined;
  /** Grouped reports: groups without a record passing this test are left out. */
  groupsWith: RecordTest | undefined;
  /** The date attribute the window and the clock apply to (`date` unless the entry says otherwise). */
  windowBy: string | undefined;
  /** Real-time: the last N minutes of the clock. */
  lastMinutes: number | undefined;
}

const ALWAYS: RecordTest = () => true;

/** Attribute values compare as strings: wolkvox parameters are strings, records may hold numbers. */
export function attributeText(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
}

function rangeTest(range: Range): (value: unknown) => boolean {
  return (value) => {
    const n = typeof value === 'number' ? value : Number(value);
    if (!Number.isFinite(n)) return false;
    return (
      (range.gte === undefined || n >= range.gte) &&
      (range.gt === undefined || n > range.gt) &&
      (range.lte === undefined || n <= range.lte) &&
      (range.lt === undefined || n < range.lt)
    );
  };
}

/** A `where` compiled to a record test: equality, membership or a numeric range per attribute. */
export function predicateOf(where: Where | undefined): RecordTest {
  const tests = Object.entries(where ?? {}).map(([attribute, expected]) => {
    if (typeof expected === 'string' || Array.isArray(expected)) {
      const allowed = new Set<string>(typeof expected === 'string' ? [expected] : expected);
      return (record: TenantRecord) => allowed.has(attributeText(readAttribute(record, attribute)));
    }
    const inRange = rangeTest(expected as Range);
    return (record: TenantRecord) => inRange(readAttribute(record, attribute));
  });
  if (tests.length === 0) return ALWAYS;
  return (record) => tests.every((test) => test(record));
}

/** The reader of one field: `from` when it is a string (else the field's own name), an aggregate, or items. */
export function readerOf(name: string, spec: FieldSpec): FieldReader {
  if (spec.kind === 'list' && spec.items) {
    const items = Object.entries(spec.items).map(([itemName, itemSpec]) => readerOf(itemName, itemSpec));
    return { name, spec, source: 'items', items, groupBy: spec.groupBy ?? [] };
  }
  const from = spec.from;
  if (from === undefined || typeof from === 'string') {
    const attribute = from ?? name;
    return spec.spelling
      ? { name, spec, source: 'attribute', attribute, spelling: new Map(Object.entries(spec.spelling)) }
      : { name, spec, source: 'attribute', attribute };
  }
  const base = { name, spec, source: 'aggregate' as const, matching: ALWAYS };
  if ('count' in from) return { ...base, op: 'count', attribute: '', among: predicateOf(from.where) };
  if ('shareOfTotal' in from) {
    return { ...base, op: 'shareOfTotal', attribute: '', among: predicateOf(from.where) };
  }
  if ('share' in from) {
    return {
      ...base,
      op: 'share',
      attribute: '',
      among: predicateOf(from.of),
      matching: predicateOf(from.share),
    };
  }
  if ('ratio' in from) {
    return { ...base, op: 'ratio', attribute: from.ratio, per: from.per, among: predicateOf(from.where) };
  }
  for (const op of ['sum', 'avg', 'min', 'max', 'distinct'] as const) {
    if (op in from) {
      const source = from as Record<string, unknown> & { where?: Where };
      return { ...base, op, attribute: String(source[op]), among: predicateOf(source.where) };
    }
  }
  throw new TypeError(`field ${name}: unknown source ${JSON.stringify(from)}`);
}

const plans = new WeakMap<AnyReport, ViewPlan>();

export function planOf(report: AnyReport): ViewPlan {
  let plan = plans.get(report);
  if (!plan) {
    const filters: ParamFilter[] = [];
    for (const [param, spec] of Object.entries(report.params)) {
      if (spec.filter) filters.push({ param, ...spec.filter });
    }
    plan = {
      report,
      entity: report.rows.entity,
      fields: Object.entries(report.fields).map(([name, spec]) => readerOf(name, spec)),
      where: predicateOf(report.rows.where),
      filters,
      groupBy: report.rows.groupBy,
      groupsWith: report.rows.groupsWith ? predicateOf(report.rows.groupsWith) : undefined,
      windowBy: report.rows.windowBy,
      lastMinutes: report.rows.lastMinutes,
    };
    plans.set(report, plan);
  }
  return plan;
}

/**
 * The records as a request's parameters make the report read them: a parameter value with `reads` (cod_act2)
 * has some attributes read from others. The records themselves are shared and never changed.
 */
export function readAs(
  plan: ViewPlan,
  params: Readonly<Record<string, string>>,
  records: TenantRecord[],
): TenantRecord[] {
  let swapped = records;
  for (const filter of plan.filters) {
    const value = params[filter.param];
    const reads = value === undefined ? undefined : filter.reads?.[value];
    if (!reads) continue;
    const pairs = Object.entries(reads);
    swapped = swapped.map((record) => {
      const copy = { ...record };
      for (const [attribute, from] of pairs)
        if (from !== undefined) copy[attribute] = readAttribute(record, from);
      return copy;
    });
  }
  return swapped;
}

/** The predicate of the parameter filters a request sets (`all` and absent parameters filter nothing). */
export function filterPredicate(
  plan: ViewPlan,
  params: Readonly<Record<string, string>>,
): (record: TenantRecord) => boolean {
  const tests: ((record: TenantRecord) => boolean)[] = [];
  for (const filter of plan.filters) {
    const value = params[filter.param];
    if (value === undefined || meansAll(filter, value)) continue;
    if (filter.match === 'equals') {
      tests.push((record) => attributeText(readAttribute(record, filter.attribute)) === value);
    } else {
      tests.push((record) => {
        const list = readAttribute(record, filter.attribute);
        if (Array.isArray(list)) return list.includes(value);
        return attributeText(list).split(',').includes(value);
      });
    }
  }
  if (tests.length === 0) return plan.where;
  return (record) => plan.where(record) && tests.every((test) => test(record));
}
