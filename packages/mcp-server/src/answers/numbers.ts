/**
 * Reading wolkvox's numeric-looking strings by field kind, for the sums of a group_by answer.
 * Durations (HH:MM:SS) are read as seconds; percentages drop their `%`.
 */
import { type FieldKind, type FieldSpec, isNumericField, parseDuration } from '@wolkvox-mcp/contracts';

/** The column a numeric field's sum goes to: `sum_<field>`, with `_seconds` for durations. */
export function sumColumn(name: string, spec: FieldSpec): string {
  return spec.kind === 'duration' ? `sum_${name}_seconds` : `sum_${name}`;
}

export function isSummable(spec: FieldSpec): boolean {
  return isNumericField(spec);
}

const DECIMAL = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/;

/** The number a value stands for, or undefined when it does not read as one of its kind. */
export function readNumber(value: unknown, kind: FieldKind): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  let text = value.trim();
  if (text === '') return undefined;
  if (kind === 'duration') return parseDuration(text);
  if (kind === 'percent') text = text.replace(/\s*%$/, '');
  if (!DECIMAL.test(text)) return undefined;
  return Number(text.replace(',', '.'));
}

/** Sums without binary-fraction noise (0.1 + 0.2 reads 0.3). */
export function roundSum(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
