import type { FieldKind } from '@wolkvox-mcp/contracts';
import type { Cast } from '../tenant/cast.js';
import type { TenantRecord } from '../tenant/records.js';
import { readAttribute } from './attributes.js';
import { fallbackValue } from './fallback.js';
import { formatValue } from './format.js';
import { attributeText, type FieldReader, type ViewPlan } from './plan.js';

/**
 * Rows from selected records: one per record for detail reports, one per group for aggregates. Fields come out in
 * registry order, every value a string.
 */

/** A row's value: a string, or nested items for `list` fields. */
export type RowValue = string | Row[] | Row;
export type Row = { [field: string]: RowValue };

interface RowContext {
  seed: number;
  cast: Cast;
  plan: ViewPlan;
}

function missing(ctx: RowContext, reader: FieldReader, record: TenantRecord, key: string): string {
  return fallbackValue(ctx.seed, ctx.cast, ctx.plan.report.id, key, reader.name, reader.spec, record);
}

/** A record value in wire form: strings already are (the common case, kept cheap), others by kind. */
function wire(kind: FieldKind, value: unknown): string {
  return typeof value === 'string' ? value : formatValue(kind, value);
}

/** An attribute field's wire value, in the report's own spelling when it has one (campaign_3 `NO-ANSWER`). */
function attributeWire(reader: Extract<FieldReader, { source: 'attribute' }>, value: unknown): string {
  const text = wire(reader.spec.kind, value);
  return reader.spelling ? (reader.spelling.get(text) ?? text) : text;
}

function numberOf(value: unknown): number | undefined {
  // Number(null) and Number('') are 0: a missing value must not count as a zero (a login at 1970-01-01).
  if (value === null || value === undefined || value === '') return undefined;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * An aggregate over a group's records, as a number the field's kind then formats. `population` is every record
 * the group was cut from (the report's, or the parent row's for nested items): the base of `shareOfTotal`.
 */
function aggregate(
  reader: Extract<FieldReader, { source: 'aggregate' }>,
  records: readonly TenantRecord[],
  population: readonly TenantRecord[],
): number {
  if (reader.op === 'shareOfTotal') {
    let total = 0;
    for (const record of population) if (reader.among(record)) total++;
    let part = 0;
    for (const record of records) if (reader.among(record)) part++;
    return total === 0 ? 0 : (part / total) * 100;
  }
  let count = 0;
  let matched = 0;
  let total = 0;
  let divisor = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  const distinct = reader.op === 'distinct' ? new Set<string>() : undefined;
  for (const record of records) {
    if (!reader.among(record)) continue;
    count++;
    if (reader.op === 'count') continue;
    if (reader.op === 'share') {
      if (reader.matching(record)) matched++;
      continue;
    }
    const value = readAttribute(record, reader.attribute);
    if (distinct) {
      distinct.add(attributeText(value));
      continue;
    }
    const n = numberOf(value);
    if (n === undefined) continue;
    if (reader.per !== undefined) divisor += numberOf(readAttribute(record, reader.per)) ?? 0;
    total += n;
    if (n < min) min = n;
    if (n > max) max = n;
  }
  switch (reader.op) {
    case 'count':
      return count;
    case 'share':
      return count === 0 ? 0 : (matched / count) * 100;
    case 'distinct':
      return distinct!.size;
    case 'sum':
      return total;
    case 'avg':
      return count === 0 ? 0 : total / count;
    case 'ratio':
      return divisor === 0 ? 0 : ((reader.spec.kind === 'percent' ? 100 : 1) * total) / divisor;
    // The min or max of no value is no value (NaN formats as the kind's missing marker, e.g. a login of "-").
    case 'min':
      return min === Number.POSITIVE_INFINITY ? Number.NaN : min;
    case 'max':
      return max === Number.NEGATIVE_INFINITY ? Number.NaN : max;
    default:
      return 0;
  }
}

const FALLBACK_ITEMS = 3;

/**
 * Nested items of a `list` field. With `groupBy`, one item per distinct value among the group's records (their
 * aggregates computed like a row's); without, the record attribute's own array of objects, or, when the record
 * has none, a few items drawn from the items' kinds (so a new nested report is served with no code).
 */
function itemsOf(
  ctx: RowContext,
  reader: Extract<FieldReader, { source: 'items' }>,
  records: readonly TenantRecord[],
  key: string,
): Row[] {
  if (reader.groupBy.length > 0) return buildGroups(ctx, reader.items, records, reader.groupBy, key);
  const first = records[0]!;
  const attribute = first[reader.name] ?? first[reader.spec.from as string];
  // A list attribute may be built when read (a chat's messages: a function of the record, not kept in memory).
  const stored = typeof attribute === 'function' ? (attribute as () => unknown)() : attribute;
  if (Array.isArray(stored)) {
    return stored.map((item, i) =>
      buildRow(ctx, reader.items, [item as TenantRecord], `${key}/${reader.name}${i}`),
    );
  }
  const count = 1 + ((Number.parseInt(first.conn_id.slice(-2), 10) || 0) % FALLBACK_ITEMS);
  return Array.from({ length: count }, (_, i) =>
    buildRow(ctx, reader.items, [first], `${key}/${reader.name}${i}`),
  );
}

/** One row from a group of records (a single record for detail reports) cut from `population`. */
function buildRow(
  ctx: RowContext,
  readers: readonly FieldReader[],
  records: readonly TenantRecord[],
  key: string,
  population: readonly TenantRecord[] = records,
): Row {
  const first = records[0]!;
  const row: Row = {};
  for (const reader of readers) {
    if (reader.source === 'aggregate') {
      row[reader.name] = formatValue(reader.spec.kind, aggregate(reader, records, population));
    } else if (reader.source === 'items') {
      row[reader.name] = itemsOf(ctx, reader, records, key);
    } else {
      const value = readAttribute(first, reader.attribute);
      row[reader.name] =
        value === undefined ? missing(ctx, reader, first, key) : attributeWire(reader, value);
    }
  }
  return row;
}

function buildGroups(
  ctx: RowContext,
  readers: readonly FieldReader[],
  records: readonly TenantRecord[],
  groupBy: readonly string[],
  parentKey = '',
  keep?: (record: TenantRecord) => boolean,
): Row[] {
  const groups = new Map<string, TenantRecord[]>();
  for (const record of records) {
    const key = groupBy.map((attribute) => attributeText(readAttribute(record, attribute))).join('\u0001');
    let group = groups.get(key);
    if (!group) {
      group = [];
      groups.set(key, group);
    }
    group.push(record);
  }
  const rows: Row[] = [];
  for (const [key, group] of groups) {
    if (keep && !group.some(keep)) continue;
    rows.push(buildRow(ctx, readers, group, parentKey + key, records));
  }
  return rows;
}

/**
 * One row per record. Plain attribute fields take a fast path (a 60,000-row answer is mostly that); aggregate
 * and nested fields treat the record as a group of one.
 */
export function detailRows(ctx: RowContext, records: readonly TenantRecord[]): Row[] {
  const readers = ctx.plan.fields;
  const simple = readers.every((reader) => reader.source === 'attribute');
  if (!simple) return records.map((record) => buildRow(ctx, readers, [record], record.conn_id, records));
  // Cloning a template with every field already in place gives all rows one shape and turns the per-field
  // stores into updates of existing properties: much cheaper than growing 60,000 objects key by key.
  const template: Row = Object.fromEntries(readers.map((reader) => [reader.name, '']));
  const rows: Row[] = new Array(records.length);
  for (let i = 0; i < records.length; i++) {
    const record = records[i]!;
    const row: Row = { ...template };
    for (const reader of readers as Extract<FieldReader, { source: 'attribute' }>[]) {
      const value = record[reader.attribute] ?? readAttribute(record, reader.attribute);
      row[reader.name] =
        value === undefined ? missing(ctx, reader, record, record.conn_id) : attributeWire(reader, value);
    }
    rows[i] = row;
  }
  return rows;
}

/**
 * One row per distinct value of the `groupBy` attributes, in order of first appearance (records arrive in date
 * order, so hourly buckets come out chronologically). Attribute fields read the group's first record. With
 * `rows.groupsWith`, a group none of whose records passes it has no row (skill_5's hours nobody answered).
 */
export function groupedRows(
  ctx: RowContext,
  records: readonly TenantRecord[],
  groupBy: readonly string[],
): Row[] {
  return buildGroups(ctx, ctx.plan.fields, records, groupBy, '', ctx.plan.groupsWith);
}
