/**
 * The one date grammar: what a caller may write for `from` and `to`, read as tenant wall time.
 *
 * - ISO-8601 date `2025-02-03` (the whole day) or date-time `2025-02-03T08:00`, `...T08:00:00`,
 *   `...T08:00:00.250` (`t` or a space may stand for `T`): tenant wall time, to the second (fractions dropped);
 * - the same date-time with `Z` or an offset (`-05:00`, `-0500`): an instant, read on the tenant's clock;
 * - wolkvox's own `YYYYmmddHHiiss`: tenant wall time;
 * - `today`, `yesterday`, `today-N` (N <= 366): days of the tenant's calendar (`today-N` as `from` without `to`
 *   reads "since": the window runs to the end of today);
 * - `this_week`, `last_week` (weeks start on Monday), `this_month`, `last_month`, `last_N_days` (N 1..366: the N
 *   whole days ending yesterday, so that two runs on the same day agree and no partial day skews a comparison).
 *   The current week and month run to the end of today.
 * Words are read in any case; every value must be a real calendar moment (no 31 February, hours 00-23).
 */
import { DAY_MS } from '../limits.js';
import {
  parseWolkvoxDate,
  startOfDay,
  type WallTime,
  wallParts,
  wallTimeAt,
  wallTimeFromParts,
} from '../time.js';

/** The clock and calendar relative values resolve against. */
export interface CalendarContext {
  /** The tenant's IANA time zone. */
  timeZone: string;
  /** The clock `today` reads; the system clock when absent (the emulator passes its own). */
  now?: () => Date | number;
}

/**
 * What one date value covers, in tenant wall time to the second: a moment (start = end), a day (00:00:00 to
 * 23:59:59) or a named range of days. `from` takes the start, `to` the end; a range given as `from` alone sets
 * both edges.
 */
export interface DateReading {
  kind: 'moment' | 'day' | 'range';
  start: WallTime;
  end: WallTime;
  /**
   * `today-N`: a day counted back from today, which people read as "since" when it starts a window ("from
   * today-7" is the last week up to now), so a `from` alone runs to the end of today. As `to` it is its day's end.
   */
  since?: true;
}

export interface DateRefusal {
  rule: string;
  hint: string;
}

/** The most days back a relative value may reach: a year, leap day included. */
const MAX_RELATIVE_DAYS = 366;

export const DATE_GRAMMAR_HINT =
  'an ISO-8601 date (2025-02-03) or date-time (2025-02-03T08:00:00, optionally Z or an offset such as -05:00), ' +
  'YYYYmmddHHiiss, today, yesterday, today-N, this_week, last_week, this_month, last_month or last_N_days';

const SECOND = 1000;

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?([Zz]|[+-]\d{2}:?\d{2})?)?$/;
const WOLKVOX = /^\d{14}$/;
const TODAY_MINUS = /^today\s*-\s*(\d+)$/;
const LAST_N_DAYS = /^last_(\d+)_days$/;

const refuse = (rule: string): DateRefusal => ({ rule, hint: `expected ${DATE_GRAMMAR_HINT}` });
const NOT_REAL = 'is not a real calendar date and time (check the day of the month; hours are 00-23)';

const day = (start: WallTime): DateReading => ({ kind: 'day', start, end: start + DAY_MS - SECOND });
const range = (first: WallTime, last: WallTime): DateReading => ({
  kind: 'range',
  start: first,
  end: last + DAY_MS - SECOND,
});

/** Start of the tenant's current day. */
function tenantToday(context: CalendarContext): WallTime {
  const now = context.now?.() ?? Date.now();
  return startOfDay(wallTimeAt(now, context.timeZone));
}

/** Reads one value of the grammar; a refusal says which rule it breaks. */
export function readDate(raw: string, context: CalendarContext): DateReading | DateRefusal {
  const text = raw.trim();
  const word = text.toLowerCase();
  const relative = readRelative(word, context);
  if (relative !== undefined) return relative;

  if (WOLKVOX.test(text)) {
    const wall = parseWolkvoxDate(text);
    return wall === undefined ? refuse(NOT_REAL) : { kind: 'moment', start: wall, end: wall };
  }
  const match = ISO.exec(text);
  // The value is not echoed back: whatever was put there (a token, by mistake) stays out of messages and logs.
  if (!match) return refuse('is not a date this grammar reads');
  const [, y, mo, d, h, mi, s, fraction, offset] = match;
  const hasTime = h !== undefined;
  const wall = wallTimeFromParts({
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: hasTime ? Number(h) : 0,
    minute: hasTime ? Number(mi) : 0,
    second: s === undefined ? 0 : Number(s),
  });
  if (wall === undefined) return refuse(NOT_REAL);
  if (!hasTime) return day(wall);
  if (offset === undefined) return { kind: 'moment', start: wall, end: wall };

  const minutes = offsetMinutes(offset);
  if (Math.abs(minutes) > 18 * 60) return refuse('has an offset beyond +-18:00');
  const millis = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
  const tenant = wallTimeAt(wall - minutes * 60_000 + millis, context.timeZone);
  const second = Math.floor(tenant / SECOND) * SECOND;
  return { kind: 'moment', start: second, end: second };
}

function offsetMinutes(offset: string): number {
  if (offset === 'Z' || offset === 'z') return 0;
  const digits = offset.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
  return offset.startsWith('-') ? -minutes : minutes;
}

/** The relative days and named ranges; undefined when the word is neither. */
function readRelative(word: string, context: CalendarContext): DateReading | DateRefusal | undefined {
  const today = (): WallTime => tenantToday(context);
  if (word === 'today') return day(today());
  if (word === 'yesterday') return day(today() - DAY_MS);
  const back = TODAY_MINUS.exec(word);
  if (back) {
    const days = Number(back[1]);
    if (days > MAX_RELATIVE_DAYS) {
      return refuse(`reaches back ${days} days; today-N goes back at most ${MAX_RELATIVE_DAYS}`);
    }
    return { ...day(today() - days * DAY_MS), since: true };
  }
  const last = LAST_N_DAYS.exec(word);
  if (last) {
    const days = Number(last[1]);
    if (days < 1 || days > MAX_RELATIVE_DAYS) {
      return refuse(`last_N_days takes N from 1 to ${MAX_RELATIVE_DAYS}, not ${days}`);
    }
    return range(today() - days * DAY_MS, today() - DAY_MS);
  }
  switch (word) {
    case 'this_week':
      return range(monday(today()), today());
    case 'last_week':
      return range(monday(today()) - 7 * DAY_MS, monday(today()) - DAY_MS);
    case 'this_month':
      return range(firstOfMonth(today()), today());
    case 'last_month': {
      const first = firstOfMonth(today());
      return range(firstOfMonth(first - DAY_MS), first - DAY_MS);
    }
    default:
      return undefined;
  }
}

/** The Monday starting the week of `dayStart` (wall times are naive UTC, so getUTCDay is the tenant's weekday). */
function monday(dayStart: WallTime): WallTime {
  const weekday = (new Date(dayStart).getUTCDay() + 6) % 7; // Monday 0 .. Sunday 6
  return dayStart - weekday * DAY_MS;
}

function firstOfMonth(dayStart: WallTime): WallTime {
  const { year, month } = wallParts(dayStart);
  return Date.UTC(year, month - 1, 1);
}

export function isDateRefusal(reading: DateReading | DateRefusal): reading is DateRefusal {
  return 'rule' in reading;
}
