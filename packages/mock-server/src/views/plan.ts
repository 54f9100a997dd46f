import type { AnyReport, FieldSpec } from '@wolkvox-mcp/contracts';
import type { TenantRecord } from '../tenant/records.js';

/**
 * A report compiled once into what the view engine runs for every row: which attribute each field reads (or
 * which aggregate it computes), the `where` predicate and the parameter filters. All of it comes from the
 * registry entry; nothing here knows a report by name.
 */

export type FieldReader =
  | { name: string; spec: FieldSpec; source: 'attribute'; attribute: string }
  | { name: string; spec: FieldSpec; source: 'count' }
  | { name: string; spec: FieldSpec; source: 'sum'; attribute: string };

export interface ParamFilter {
  param: string;
  attribute: string;
  match: 'equals' | 'includes';
  all?: string;
}

export interface ReportPlan {
  report: AnyReport;
  entity: string;
  fields: FieldReader[];
  where: (record: TenantRecord) => boolean;
  filters: ParamFilter[];
  groupBy: readonly string[] | undefined;
  /** Real-time reports: the last N minutes of the clock. */
  lastMinutes: number | undefined;
}

/** The record attribute a field reads: `from` when it is a string, else the field's own name. */
function readerOf(name: string, spec: FieldSpec): FieldReader {
  const from = spec.from;
  if (from === undefined || typeof from === 'string') {
    return { name, spec, source: 'attribute', attribute: from ?? name };
  }
  if ('count' in from) return { name, spec, source: 'count' };
  return { name, spec, source: 'sum', attribute: from.sum };
}

/** Attribute values compare as strings: wolkvox parameters are strings, records may hold numbers. */
export function attributeText(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
}

function wherePredicate(where: AnyReport['rows']['where']): (record: TenantRecord) => boolean {
  const tests = Object.entries(where ?? {}).map(([attribute, expected]) => {
    const allowed = new Set(typeof expected === 'string' ? [expected] : expected);
    return (record: TenantRecord) => allowed.has(attributeText(record[attribute]));
  });
  if (tests.length === 0) return () => true;
  return (record) => tests.every((test) => test(record));
}

const plans = new WeakMap<AnyReport, ReportPlan>();

export function planOf(report: AnyReport): ReportPlan {
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
      where: wherePredicate(report.rows.where),
      filters,
      groupBy: report.rows.groupBy,
      lastMinutes: report.rows.lastMinutes,
    };
    plans.set(report, plan);
  }
  return plan;
}

/** The predicate of the parameter filters a request sets (`all` and absent parameters filter nothing). */
export function filterPredicate(
  plan: ReportPlan,
  params: Readonly<Record<string, string>>,
): (record: TenantRecord) => boolean {
  const tests: ((record: TenantRecord) => boolean)[] = [];
  for (const filter of plan.filters) {
    const value = params[filter.param];
    if (value === undefined || (filter.all !== undefined && value === filter.all)) continue;
    if (filter.match === 'equals') {
      tests.push((record) => attributeText(record[filter.attribute]) === value);
    } else {
      tests.push((record) => {
        const list = record[filter.attribute];
        if (Array.isArray(list)) return list.includes(value);
        return attributeText(list).split(',').includes(value);
      });
    }
  }
  if (tests.length === 0) return plan.where;
  return (record) => plan.where(record) && tests.every((test) => test(record));
}
