import { DAY_MS, formatDay, wallTimeAt } from '@wolkvox-mcp/contracts';
import type { ReportSource } from '../backend/source.js';

/**
 * `from`/`to` as callers write them: an ISO-8601 date (`2025-02-03`) or date-time (`2025-02-03T08:00:00`), in the
 * tenant's wall time unless it carries an offset. A space may stand for the `T`, as report rows write times.
 * `today`, `yesterday` and `today-N` name days of the tenant's calendar: an assistant rarely knows the date in the
 * tenant's time zone, and "how did yesterday go?" is the most common ask.
 */

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export const DATE_FORMAT_HINT =
  'an ISO-8601 date like 2025-02-03 or date-time like 2025-02-03T08:30:00 (tenant wall time; an offset such as -05:00 or Z is also accepted), or today, yesterday, today-7';

/** `today`, `yesterday`, `today-7` (days before today); at most a year back, as one call covers. */
const RELATIVE_DAY = /^(today|yesterday)(?:\s*-\s*(\d{1,3}))?$/i;

/** The tenant's calendar day (`YYYY-MM-DD`) relative words resolve against. */
export type TenantToday = () => string;

/** Today on the source's clock (the embedded emulator's own, or the system's), in the tenant's time zone. */
export function tenantToday(source: ReportSource): string {
  return formatDay(wallTimeAt(source.now?.() ?? new Date(), source.timeZone));
}

export interface WindowEdge {
  /** The value to hand to the client (a space normalised to `T`). */
  value: string;
  /** Whether only a date was given. */
  dateOnly: boolean;
  /** Wall-clock milliseconds (as if UTC) of the first and last instant the value covers; undefined with an offset. */
  start?: number;
  end?: number;
  /** Real milliseconds since the epoch when the value carries an offset. */
  instant?: number;
}

/** Parses one edge of a window; a string saying what is wrong otherwise. */
export function parseWindowEdge(raw: unknown, today?: TenantToday): WindowEdge | string {
  if (typeof raw !== 'string') return `expected a string: ${DATE_FORMAT_HINT}`;
  const text = raw.trim();
  const relative = RELATIVE_DAY.exec(text);
  if (relative && today) {
    const back = (relative[1]!.toLowerCase() === 'yesterday' ? 1 : 0) + Number(relative[2] ?? 0);
    if (back > 366) return `${JSON.stringify(raw)} reaches back more than a year; give an ISO-8601 date`;
    return parseWindowEdge(daysBefore(today(), back));
  }
  const match = ISO.exec(text);
  if (!match) return `${JSON.stringify(raw)} is not ${DATE_FORMAT_HINT}`;
  const [, y, mo, d, h, mi, s, fraction, offset] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = h === undefined ? 0 : Number(h);
  const minute = mi === undefined ? 0 : Number(mi);
  const second = s === undefined ? 0 : Number(s);
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const back = new Date(wall);
  if (
    year < 1970 ||
    back.getUTCFullYear() !== year ||
    back.getUTCMonth() !== month - 1 ||
    back.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return `${JSON.stringify(raw)} is not a real calendar date and time (check the month, the day of the month and that hours are 00-23)`;
  }
  const value = text.replace(' ', 'T');
  const dateOnly = h === undefined;
  if (offset) return { value, dateOnly, instant: Date.parse(normaliseOffset(value)) };
  const ms = fraction ? Math.floor(Number(fraction) * 1000) : 0;
  return {
    value,
    dateOnly,
    start: wall + ms,
    end: dateOnly ? wall + DAY_MS - 1000 : wall + ms,
  };
}

/** The `YYYY-MM-DD` `days` before `day`. */
export function daysBefore(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}

/** `+0500` -> `+05:00`, which Date.parse reads everywhere. */
function normaliseOffset(value: string): string {
  return value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
}

/** Days a window spans, when both edges are comparable; undefined otherwise. */
export function windowDays(from: WindowEdge, to: WindowEdge | undefined): number | undefined {
  const end = to ?? from;
  if (from.start !== undefined && end.end !== undefined) return (end.end - from.start) / DAY_MS;
  if (from.instant !== undefined && end.instant !== undefined) return (end.instant - from.instant) / DAY_MS;
  return undefined;
}
