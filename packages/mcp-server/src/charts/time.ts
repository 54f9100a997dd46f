/**
 * Days and hours read from a result's time values as text, never through Date: values are the tenant's wall time
 * as the result gives it, and a chart shows them as they are (no zone conversion, whatever the server's own zone).
 */
import type { ChartValue } from './chart.js';

/** `2025-02-03 08:15:00`, `2025-02-03T08:15`, `2025-02-03` */
const STAMP = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2})(?::(\d{2})(?::(\d{2})(?:\.\d+)?)?)?)?$/;
/** `2025020308` (an hour bucket), `20250203081500`, `20250203` */
const DIGITS = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(?:(\d{2})(\d{2}))?)?$/;
/** `8`, `08`, `08:00`, `08:00:00` */
const CLOCK = /^(\d{1,2})(?::(\d{2})(?::(\d{2}))?)?$/;

export interface WallParts {
  /** YYYY-MM-DD */
  day: string;
  /** 0..23, when the value has a time of day. */
  hour?: number;
  /** `YYYY-MM-DD HH:MM:SS`: sorts as time does. */
  key: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A date or date-time value's day, hour and sort key; undefined when it is not one. */
export function wallParts(value: ChartValue): WallParts | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  const parts = STAMP.exec(text) ?? DIGITS.exec(text);
  if (!parts) return undefined;
  const [, y, mo, d, h, mi, s] = parts;
  const month = Number(mo);
  const date = Number(d);
  const hour = h === undefined ? undefined : Number(h);
  if (month < 1 || month > 12 || date < 1 || date > 31) return undefined;
  if (hour !== undefined && hour > 23) return undefined;
  const day = `${y}-${mo}-${d}`;
  const key = `${day} ${pad(hour ?? 0)}:${mi ?? '00'}:${s ?? '00'}`;
  return hour === undefined ? { day, key } : { day, hour, key };
}

/** An hour of the day: a whole number 0..23, a clock label (`08:00`), or a date-time's hour. */
export function hourOf(value: ChartValue): number | undefined {
  if (typeof value === 'number')
    return Number.isInteger(value) && value >= 0 && value <= 23 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const clock = CLOCK.exec(value.trim());
  if (clock) {
    const hour = Number(clock[1]);
    return hour <= 23 && Number(clock[2] ?? 0) <= 59 ? hour : undefined;
  }
  return wallParts(value)?.hour;
}

/** The order two x values of a time or hour column go in: time order, values that do not read last. */
export function timeOrder(a: ChartValue, b: ChartValue): number {
  const ka = sortKey(a);
  const kb = sortKey(b);
  if (ka === undefined || kb === undefined) return ka === undefined ? (kb === undefined ? 0 : 1) : -1;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

function sortKey(value: ChartValue): string | undefined {
  const wall = wallParts(value);
  if (wall) return wall.key;
  if (typeof value === 'number') return String(value).padStart(12, '0');
  if (typeof value !== 'string') return undefined;
  const clock = CLOCK.exec(value.trim());
  return clock ? `${pad(Number(clock[1]))}:${clock[2] ?? '00'}:${clock[3] ?? '00'}` : undefined;
}
