import {
  formatTimestamp,
  formatWolkvoxDate,
  parseWolkvoxDate,
  SECONDS_PER_DAY,
  type WallTime,
  wallTimeAt,
  wallTimeFromParts,
} from '@wolkvox-mcp/contracts';
import { type WindowLabel, WolkvoxRequestError } from './errors.js';

/**
 * Date windows in the tenant's wall time. wolkvox windows are inclusive at both ends with one-second
 * granularity (`date_end=20250131235959` includes that second), so every piece of a split window ends one
 * second before the next begins: nothing is asked twice and nothing falls between two pieces.
 */
export interface WallWindow {
  /** First second, tenant wall time (naive ms, see contracts' `WallTime`). */
  start: WallTime;
  /** Last second, inclusive. */
  end: WallTime;
}

const SECOND = 1000;

// YYYY-MM-DD, optionally followed by a time (T or space) with optional seconds, fraction and zone.
const ISO_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))?)?$/;

/**
 * Reads a caller's `from`/`to` as tenant wall time, to the second.
 * - a `Date` is an instant: the tenant's clock reading at it;
 * - a string with `Z` or an offset is an instant too;
 * - a string without one is already tenant wall time;
 * - a bare date is the whole day: 00:00:00 as a start, 23:59:59 as an end;
 * - wolkvox's own `YYYYmmddHHiiss` is accepted as wall time.
 * Fractions of a second are dropped: wolkvox cannot ask for them.
 */
export function toWallTime(
  input: Date | string,
  timeZone: string,
  edge: 'start' | 'end',
  parameter: string = edge === 'start' ? 'from' : 'to',
): WallTime {
  const fail = (rule: string): never => {
    throw new WolkvoxRequestError([{ parameter, rule }]);
  };
  if (input instanceof Date) {
    const ms = input.getTime();
    if (Number.isNaN(ms)) fail('is an invalid Date');
    return floorSecond(wallTimeAt(ms, timeZone));
  }
  if (typeof input !== 'string') {
    return fail('must be a Date or an ISO-8601 date / date-time string');
  }
  const text = input.trim();
  const wolkvox = parseWolkvoxDate(text);
  if (wolkvox !== undefined) return wolkvox;

  const match = ISO_PATTERN.exec(text);
  if (!match) {
    return fail(
      'must be an ISO-8601 date (2025-02-01) or date-time (2025-02-01T08:00:00, optionally with Z or an offset)',
    );
  }
  const [, y, mo, d, h, mi, s, fraction, zulu, sign, offH, offM] = match;
  const hasTime = h !== undefined;
  const parts = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: hasTime ? Number(h) : 0,
    minute: hasTime ? Number(mi) : 0,
    second: s === undefined ? 0 : Number(s),
  };
  const wall = wallTimeFromParts(parts);
  if (wall === undefined) return fail('is not a real calendar date and time');

  if (zulu !== undefined || sign !== undefined) {
    const offsetMinutes =
      sign === undefined ? 0 : (sign === '-' ? -1 : 1) * (Number(offH) * 60 + Number(offM));
    if (Math.abs(offsetMinutes) > 18 * 60) return fail('has an offset beyond +-18:00');
    const millis = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
    const instant = wall - offsetMinutes * 60_000 + millis;
    return floorSecond(wallTimeAt(instant, timeZone));
  }
  if (!hasTime && edge === 'end') return wall + (SECONDS_PER_DAY - 1) * SECOND;
  return wall;
}

function floorSecond(wall: WallTime): WallTime {
  return Math.floor(wall / SECOND) * SECOND;
}

/**
 * Splits a window into pieces of at most `maxDays` days: a piece ends at start + maxDays x 86,400 s (the
 * longest span the platform accepts) and the next starts one second later. In order, covering every second once.
 */
export function splitWindow(window: WallWindow, maxDays: number): WallWindow[] {
  if (!(window.end >= window.start)) throw new RangeError('window end is before its start');
  if (!(maxDays > 0)) throw new RangeError('maxDays must be positive');
  const span = maxDays * SECONDS_PER_DAY * SECOND;
  const pieces: WallWindow[] = [];
  let start = window.start;
  for (;;) {
    const end = Math.min(start + span, window.end);
    pieces.push({ start, end });
    if (end >= window.end) return pieces;
    start = end + SECOND;
  }
}

/**
 * Halves a window at a whole second, for a window that came back at the row cap. Undefined for a single second:
 * that one cannot be narrowed any further.
 */
export function bisectWindow(window: WallWindow): [WallWindow, WallWindow] | undefined {
  const seconds = Math.floor((window.end - window.start) / SECOND);
  if (seconds < 1) return undefined;
  const middle = window.start + Math.floor(seconds / 2) * SECOND;
  return [
    { start: window.start, end: middle },
    { start: middle + SECOND, end: window.end },
  ];
}

/** `YYYY-MM-DD HH:MM:SS` at both ends, as rows write dates. */
export function windowLabel(window: WallWindow): WindowLabel {
  return { from: formatTimestamp(window.start), to: formatTimestamp(window.end) };
}

/** The window as wolkvox's query parameters. */
export function windowParams(window: WallWindow): { date_ini: string; date_end: string } {
  return { date_ini: formatWolkvoxDate(window.start), date_end: formatWolkvoxDate(window.end) };
}
