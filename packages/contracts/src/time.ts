/**
 * Wall-clock time for wolkvox.
 *
 * wolkvox speaks in the tenant's local wall time and never names a zone: request dates are `YYYYmmddHHiiss`,
 * response dates `YYYY-MM-DD HH:MM:SS`. A `WallTime` is that wall time, held as the milliseconds it would be if
 * the wall clock were UTC ("naive" milliseconds). Arithmetic on it is exact and zone-free; a time zone is only
 * needed where a real instant (a `Date`, the emulator's clock) meets the tenant's wall clock.
 */

import { DAY_MS } from './limits.js';

/** Naive milliseconds: the wall time read as if it were UTC. */
export type WallTime = number;

export interface WallParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export const WOLKVOX_DATE_PATTERN = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;
export const WOLKVOX_DATE_FORMAT = 'YYYYmmddHHiiss';

/** Parses `YYYYmmddHHiiss`; undefined unless it is a real calendar date and time (no 31 February, no 24:00). */
export function parseWolkvoxDate(value: string): WallTime | undefined {
  const match = WOLKVOX_DATE_PATTERN.exec(value);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return wallTimeFromParts({ year, month, day, hour, minute, second });
}

/** Wall time from its parts; undefined when the parts are not a real calendar moment. */
export function wallTimeFromParts(parts: WallParts): WallTime | undefined {
  const { year, month, day, hour, minute, second } = parts;
  if (year < 1970 || year > 9999) return undefined;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC rolls 31 February over into March: a round trip tells a real date from a rolled one.
  const back = new Date(ms);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) {
    return undefined;
  }
  return ms;
}

export function wallParts(wall: WallTime): WallParts {
  const d = new Date(wall);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** `YYYYmmddHHiiss`, as request parameters want it. */
export function formatWolkvoxDate(wall: WallTime): string {
  const p = wallParts(wall);
  return `${p.year}${pad2(p.month)}${pad2(p.day)}${pad2(p.hour)}${pad2(p.minute)}${pad2(p.second)}`;
}

/** `YYYY-MM-DD HH:MM:SS`, as response rows carry timestamps. */
export function formatTimestamp(wall: WallTime): string {
  const p = wallParts(wall);
  return `${p.year}-${pad2(p.month)}-${pad2(p.day)} ${pad2(p.hour)}:${pad2(p.minute)}:${pad2(p.second)}`;
}

/** `YYYY-MM-DD`. */
export function formatDay(wall: WallTime): string {
  const p = wallParts(wall);
  return `${p.year}-${pad2(p.month)}-${pad2(p.day)}`;
}

/** `HH:MM:SS` for a number of seconds (hours may exceed 24, as wolkvox's accumulated times do). */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  return `${pad2(hours)}:${pad2(minutes)}:${pad2(s % 60)}`;
}

/** Parses `HH:MM:SS` (or `H:MM:SS`) to seconds; undefined when it is not one. */
export function parseDuration(value: string): number | undefined {
  const match = /^(\d+):([0-5]\d):([0-5]\d)$/.exec(value.trim());
  if (!match) return undefined;
  return Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3]);
}

/** Start of the wall-clock day holding `wall`. */
export function startOfDay(wall: WallTime): WallTime {
  return wall - (((wall % DAY_MS) + DAY_MS) % DAY_MS);
}

const zoneFormatters = new Map<string, Intl.DateTimeFormat>();

function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = zoneFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    zoneFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The tenant's time zone when none is configured: the client, the MCP server and the emulator all assume it. */
export const DEFAULT_TIME_ZONE = 'America/Bogota';

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    zoneFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The tenant's wall time at a real instant. */
export function wallTimeAt(instant: Date | number, timeZone: string): WallTime {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  const parts: Record<string, number> = {};
  for (const part of zoneFormatter(timeZone).formatToParts(ms)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const seconds = Math.floor(ms / 1000) * 1000;
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return wall + (ms - seconds);
}

/** The real instant at which the tenant's wall clock shows `wall` (the earlier one, across a DST fold). */
export function instantOfWallTime(wall: WallTime, timeZone: string): Date {
  // The zone's offset at a guess, corrected once: exact for every zone without a transition in between.
  let guess = wall;
  for (let i = 0; i < 2; i++) {
    const offset = wallTimeAt(guess, timeZone) - guess;
    guess = wall - offset;
  }
  return new Date(guess);
}
