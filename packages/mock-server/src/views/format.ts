import { DAY_MS, type FieldKind, formatDuration } from '@wolkvox-mcp/contracts';

/**
 * Wire formats by field kind. Records hold raw values (a WallTime for dates, seconds for every duration); the
 * kind decides the string wolkvox would send: `YYYY-MM-DD HH:MM:SS`, `HH:MM:SS`, minutes with two decimals...
 * Every value leaves as a string, as every wolkvox value does: never null, never a JSON number.
 */

/**
 * What wolkvox sends where it has no value, by kind (running code against the platform never saw a null). A
 * record attribute that is `null` (or a number that is not finite, like the min of nothing) means "the platform
 * has no value here" and leaves as its kind's marker:
 * - dates and hours `-`: agent_1 `login`/`logout` of an agent without a session;
 * - durations `00:00:00`: a state the agent never entered reads as zero time;
 * - other figures (counts, seconds, minutes, numbers, percentages) `--`: a ring of `--`;
 * - text, ids, codes and every other kind `""`.
 * An attribute that is absent (undefined) is not missing data but data the simulation does not hold: the view
 * draws a plausible value for it instead (views/fallback.ts).
 */
export const MISSING_MARKERS: Readonly<Record<FieldKind, string>> = {
  conn_id: '',
  agent_id: '',
  skill_id: '',
  campaign_id: '',
  customer_id: '',
  id: '',
  person_name: '',
  document: '',
  phone: '',
  email: '',
  timestamp: '-',
  compact_timestamp: '-',
  day: '-',
  hour_bucket: '-',
  hour_of_day: '-',
  compact_day: '-',
  hour_label: '-',
  duration: '00:00:00',
  seconds: '--',
  minutes: '--',
  count: '--',
  number: '--',
  percent: '--',
  enum: '',
  code: '',
  text: '',
  file: '',
  url: '',
  ip: '',
  list: '',
  object: '',
};

/** The string wolkvox sends for a `kind` field that has no value. */
export function missingValue(kind: FieldKind): string {
  return MISSING_MARKERS[kind];
}

/**
 * Decimals as PHP prints a rounded float: at most three places, no trailing zeros (`2.887`, `61.4`, `12`), the
 * precision the value has rather than a fixed two places.
 */
export function decimalLabel(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}

/** `1234567.891` -> `1,234,567.89`: two places and a thousands separator, as PHP's number_format. */
function thousandsLabel(value: number): string {
  const [whole = '0', fraction = '00'] = value.toFixed(2).split('.');
  return `${whole.replace(/\B(?=(\d{3})+$)/g, ',')}.${fraction}`;
}

/**
 * Percentages as wolkvox sends them: `34.64 %`, `15,233.33 %` past 999, and `0 %` for exactly nothing (the
 * samples: occupancy `34.64 %`, preview_percent `28.81 %` and `15,233.33 %`, service levels `0 %`; FACTS.md
 * section 7). That nonzero values keep two places while zero keeps none is read from those samples (number_format
 * behind a guarded division), not documented.
 */
export function percentLabel(value: number): string {
  return value === 0 ? '0 %' : `${thousandsLabel(value)} %`;
}

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

function plain(kind: FieldKind, value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return missingValue(kind);
  if (Array.isArray(value)) return value.join(',');
  return String(value);
}

/**
 * Formats a raw record value for a field of `kind`. Strings already in wire form pass through; null, undefined
 * and numbers that are not finite leave as the kind's missing marker.
 */
export function formatValue(kind: FieldKind, value: unknown): string {
  if (typeof value !== 'number') return plain(kind, value);
  if (!Number.isFinite(value)) return missingValue(kind);
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
    case 'compact_day':
      // `YYYYMMDD` (agent_8's date, as the platform sends it).
      return dayLabel(value).replaceAll('-', '');
    case 'hour_label':
      // `HH:00`, the hour as a clock label (agent_6 and agent_8: "13:00"); like hour_of_day, an hour or a wall time.
      return `${pad2(value < 24 ? value : Math.floor((value % DAY_MS) / 3_600_000))}:00`;
    case 'duration':
      return formatDuration(value);
    case 'seconds':
    case 'count':
      return String(Math.round(value));
    case 'minutes':
      return (value / 60).toFixed(2);
    case 'number':
      return decimalLabel(value);
    case 'percent':
      return percentLabel(value);
    default:
      return String(value);
  }
}
