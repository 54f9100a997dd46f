/**
 * The sums of a group_by answer: which fields sum and where their sums go. Values are read by contracts'
 * `readWireNumber` (durations as seconds, percentages without `%` or thousands separators).
 */
import type { FieldSpec } from '@wolkvox-mcp/contracts';

/** The column a numeric field's sum goes to: `sum_<field>`, with `_seconds` for durations. */
export function sumColumn(name: string, spec: FieldSpec): string {
  return spec.kind === 'duration' ? `sum_${name}_seconds` : `sum_${name}`;
}

/** Sums without binary-fraction noise (0.1 + 0.2 reads 0.3). */
export function roundSum(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
