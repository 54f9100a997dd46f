import type { FieldKind } from './fields.js';
import { parseDuration } from './time.js';

/**
 * Reading wolkvox's value strings as numbers, the one reading every consumer (MCP group sums, typed tables)
 * shares. wolkvox sends every value as a string (FACTS.md section 7, and what running code saw):
 * - missing values are `""`, `"-"` or `"--"` (a duration's missing value `"00:00:00"` reads as 0 s, as the
 *   platform means it);
 * - percentages `"34.64 %"`, with a thousands separator past 999 (`"15,233.33 %"`);
 * - decimals with as many places as they have (`"2.887"`, `"61.4"`), the point as decimal separator.
 */

/** The strings wolkvox sends for "no value". */
const MISSING_VALUE_MARKERS: readonly string[] = ['', '-', '--'];

export function isMissingValue(value: unknown): boolean {
  return (
    value === null ||
    value === undefined ||
    (typeof value === 'string' && MISSING_VALUE_MARKERS.includes(value.trim()))
  );
}

/** Digits with comma thousands separators and an optional point decimal part: `15,233.33`, `1,000`. */
const THOUSANDS = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;
/** A plain decimal; a lone comma is a decimal comma (`2,5`), as some exports write it. */
const DECIMAL = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/;

/** The number a value stands for, or undefined when it is missing or does not read as one of its kind. */
export function readWireNumber(value: unknown, kind: FieldKind): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || isMissingValue(value)) return undefined;
  let text = value.trim();
  if (kind === 'duration') return parseDuration(text);
  if (kind === 'percent') text = text.replace(/\s*%$/, '');
  if (THOUSANDS.test(text)) return Number(text.replaceAll(',', ''));
  if (!DECIMAL.test(text)) return undefined;
  return Number(text.replace(',', '.'));
}
