import type { FieldKind } from '@wolkvox-mcp/contracts';
import type { Cast } from '../tenant/cast.js';
import type { TenantRecord } from '../tenant/records.js';
import { fallbackValue } from './fallback.js';
import { formatValue } from './format.js';
import { attributeText, type FieldReader, type ReportPlan } from './plan.js';

/**
 * Rows from selected records: one per record for detail reports, one per group for aggregates. Fields come out in
 * registry order, every value a string.
 */

export type Row = Record<string, string>;

interface RowContext {
  seed: number;
  cast: Cast;
  plan: ReportPlan;
}

function missing(ctx: RowContext, reader: FieldReader, record: TenantRecord, key: string): string {
  return fallbackValue(ctx.seed, ctx.cast, ctx.plan.report.id, key, reader.name, reader.spec, record);
}

/** A record value in wire form: strings already are (the common case, kept cheap), others by kind. */
function wire(kind: FieldKind, value: unknown): string {
  return typeof value === 'string' ? value : formatValue(kind, value);
}

/** One row per record. A `{count}` field reads 1 and a `{sum}` field the record's own value. */
export function detailRows(ctx: RowContext, records: readonly TenantRecord[]): Row[] {
  const readers = ctx.plan.fields;
  // Cloning a template with every field already in place gives all rows one shape and turns the per-field
  // stores into updates of existing properties: much cheaper than growing 60,000 objects key by key.
  const template: Row = Object.fromEntries(readers.map((reader) => [reader.name, '']));
  const rows: Row[] = new Array(records.length);
  for (let i = 0; i < records.length; i++) {
    const record = records[i]!;
    const row: Row = { ...template };
    for (const reader of readers) {
      let text: string;
      if (reader.source === 'count') {
        text = '1';
      } else {
        const value = record[reader.attribute];
        text =
          value === undefined
            ? reader.source === 'sum'
              ? formatValue(reader.spec.kind, 0)
              : missing(ctx, reader, record, record.conn_id)
            : wire(reader.spec.kind, value);
      }
      row[reader.name] = text;
    }
    rows[i] = row;
  }
  return rows;
}

interface Group {
  key: string;
  first: TenantRecord;
  count: number;
  sums: number[];
}

/**
 * One row per distinct value of the `groupBy` attributes, in order of first appearance (records arrive in date
 * order, so hourly buckets come out chronologically). Non-aggregate fields read the group's first record.
 */
export function groupedRows(
  ctx: RowContext,
  records: readonly TenantRecord[],
  groupBy: readonly string[],
): Row[] {
  const readers = ctx.plan.fields;
  const groups = new Map<string, Group>();
  for (const record of records) {
    const key = groupBy.map((attribute) => attributeText(record[attribute])).join('\u0001');
    let group = groups.get(key);
    if (!group) {
      group = { key, first: record, count: 0, sums: readers.map(() => 0) };
      groups.set(key, group);
    }
    group.count++;
    readers.forEach((reader, i) => {
      if (reader.source === 'sum') group.sums[i]! += Number(record[reader.attribute] ?? 0) || 0;
    });
  }
  const rows: Row[] = [];
  for (const group of groups.values()) {
    const row: Row = {};
    readers.forEach((reader, i) => {
      if (reader.source === 'count') row[reader.name] = formatValue(reader.spec.kind, group.count);
      else if (reader.source === 'sum') row[reader.name] = formatValue(reader.spec.kind, group.sums[i]!);
      else {
        const value = group.first[reader.attribute];
        row[reader.name] =
          value === undefined ? missing(ctx, reader, group.first, group.key) : wire(reader.spec.kind, value);
      }
    });
    rows.push(row);
  }
  return rows;
}
