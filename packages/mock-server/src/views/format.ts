import { DAY_MS, type FieldKind, formatDuration } from '@wolkvox-mcp/contracts';

/**
 * Wire formats by field kind. Records hold raw values (a WallTime for dates, seconds for every duration); the
 * kind decides the string wolkvox would send: `YYYY-MM-DD HH:MM:SS`, `HH:MM:SS`, minutes with two decimals...
 * Every value leaves as a string, as every wolkvox value does.
 */

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** `YYYY-MM-DD` per day number; a 60,000-row answer spans at most a few dozen days, so this stays tiny. */
const dayLabels = new Map<number, string>();

function dayLabel(wall: number): string {
  const dayNumber = Math.floor(wall / DAY_MS);
  let label = dayLabels.get(dayNumber);
  if (label === undefined) {
    const d = new Date(dayNumber * DAY_MS);
    label = `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
    if (dayLabels.size > 4096) dayLabels.clear();
    dayLabels.set(dayNumber, label);
  }
  return label;
}

/** `YYYY-MM-DD HH:MM:SS` without building a Date per row (the hot path of every detail report). */
export function timestampLabel(wall: number): string {
  const seconds = Math.floor((wall - Math.floor(wall / DAY_MS) * DAY_MS) / 1000);
  return `${dayLabel(wall)} ${pad2(Math.floor(seconds / 3600))}:${pad2(Math.floor((seconds % 3600) / 60))}:${pad2(seconds % 60)}`;
}

/** `YYYYmmddHHiiss`, the form a few real-time fields are documented in (hits_last_hour `date`). */
function compactTimestampLabel(wall: number): string {
  return timestampLabel(wall).replace(/[- :]/g, '');
}

function hourBucketLabel(wall: number): string {
  const hour = Math.floor((wall - Math.floor(wall / DAY_MS) * DAY_MS) / 3_600_000);
  return dayLabel(wall).replaceAll('-', '') + pad2(hour);
}

function plain(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.join(',');
  return String(value);
}

/** Formats a raw record value for a field of `kind`. Strings already in wire form pass through. */
export function formatValue(kind: FieldKind, value: unknown): string {
  if (typeof value !== 'number') return plain(value);
  switch (kind) {
    case 'timestamp':
      return timestampLabel(value);
    case 'compact_timestamp':
      return compactTimestampLabel(value);
    case 'day':
      return dayLabel(value);
    case 'hour_bucket':
      return hourBucketLabel(value);
    case 'hour_of_day':
      // A small number is already an hour; a larger one is a wall time.
      return String(value < 24 ? value : Math.floor((value % DAY_MS) / 3_600_000));
    case 'duration':
      return formatDuration(value);
    case 'seconds':
    case 'count':
      return String(Math.round(value));
    case 'minutes':
      return (value / 60).toFixed(2);
    case 'number':
      return String(Math.round(value * 100) / 100);
    case 'percent':
      return `${value.toFixed(2)} %`;
    default:
      return String(value);
  }
}
