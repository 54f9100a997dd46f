/**
 * How a report's values compare with the formats its registry entry documents, field by field, without keeping a
 * value: a number or a duration that does not read as its kind, a date that does not read as a date, an enum value
 * the entry does not list. What a finding may show of a value is its shape (digits as 9, letters as a), and only for
 * fields whose kind is a format (numbers, durations, dates): never for names, codes or text.
 */
import { type FieldMap, type FieldSpec, isMissingValue } from '@wolkvox-mcp/contracts';
import { columnClass, fold, readNumber, readTimeSpan } from '../results/values.js';

export interface FormatFinding {
  /** What the registry documents for the field: its kind, and for an enum that it lists its values. */
  expected: string;
  /** Rows whose value does not read as documented. */
  rows: number;
  /** The shapes of those values (`99.9`, `9999-99-99`), at most a few; absent for enums. */
  shapes?: string[];
}

const MAX_SHAPES = 3;
const MAX_SHAPE_CHARS = 24;

/** A value's shape: digits as 9, letters as a, the rest as it is, cut; a value of another JSON type by its type. */
export function shapeOf(value: unknown): string {
  if (typeof value !== 'string') return value === null ? 'null' : typeof value;
  const shape = value.replace(/\p{N}/gu, '9').replace(/\p{L}/gu, 'a');
  return shape.length > MAX_SHAPE_CHARS ? `${shape.slice(0, MAX_SHAPE_CHARS)}…` : shape;
}

/** Whether a present value reads as the field documents; undefined when the kind documents no format to check. */
function reads(value: unknown, spec: FieldSpec): boolean | undefined {
  const kindClass = columnClass(spec.kind);
  if (kindClass === 'number') return readNumber(value, spec.kind) !== undefined;
  if (kindClass === 'time') return readTimeSpan(value, spec.kind) !== undefined;
  if (spec.kind === 'enum' && spec.values?.length) {
    const documented = new Set(spec.values.map(fold));
    return typeof value === 'string' && documented.has(fold(value));
  }
  return undefined;
}

/** The fields of `rows` whose present values do not read as `fields` documents them. */
export function formatFindings(
  rows: readonly Record<string, unknown>[],
  fields: FieldMap,
): Record<string, FormatFinding> {
  const findings: Record<string, FormatFinding> = {};
  for (const [name, spec] of Object.entries(fields)) {
    if (spec.kind === 'list' || spec.kind === 'object') continue;
    let count = 0;
    const shapes = new Set<string>();
    for (const row of rows) {
      if (!Object.hasOwn(row, name)) continue;
      const value = row[name];
      if (isMissingValue(value)) continue;
      if (reads(value, spec) !== false) continue;
      count += 1;
      if (spec.kind !== 'enum' && shapes.size < MAX_SHAPES) shapes.add(shapeOf(value));
    }
    if (count === 0) continue;
    findings[name] = {
      expected: spec.kind === 'enum' ? 'one of the documented values' : spec.kind,
      rows: count,
      ...(shapes.size ? { shapes: [...shapes] } : {}),
    };
  }
  return findings;
}
