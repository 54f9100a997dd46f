/**
 * Which part of a request's window the store may answer: its whole days that closed before the tenant's today.
 * The rest (a partial first or last day, today) is fetched and held in memory as before, never stored.
 *
 * Two kinds of report (`dayColumn`):
 * - rows that carry their day (call records, rows grouped by a date part): a run of days is fetched as one window
 *   (the client splits it into the platform's windows) and its rows are cut into days by that column;
 * - rows grouped over the whole window (agent_1: one row per agent for the window): a day's file is that report
 *   for that one day, so only a window of exactly one closed day is stored, and a longer window is fetched as
 *   before (a union of days would answer another question than the window's own grouping).
 */
import {
  type AnyReport,
  DAY_MS,
  formatTimestamp,
  startOfDay,
  type WallTime,
  type WallWindow,
} from '@wolkvox-mcp/contracts';
import { fieldColumns } from '../query/table.js';

const SECOND = 1000;

/** The grouping attributes whose rows each fall in one day. */
const DAY_PARTS = new Set(['date', 'date_day', 'date_hour', 'date_half_hour']);

/**
 * The TIMESTAMP or DATE column whose day is a row's day, or undefined when rows do not carry one (grouped over the whole
 * window). From the registry: the field bound to the attribute the window applies to (or a date part it groups by).
 */
export function dayColumn(report: AnyReport): string | undefined {
  const rows = report.rows as { windowBy?: string; groupBy?: readonly string[] };
  const groupBy = rows.groupBy ?? [];
  if (groupBy.length > 0 && !groupBy.some((part) => DAY_PARTS.has(part))) return undefined;
  const attributes = new Set(groupBy.length > 0 ? groupBy.filter((part) => DAY_PARTS.has(part)) : []);
  attributes.add(rows.windowBy ?? 'date');
  for (const [name, spec] of Object.entries(report.fields)) {
    const column = fieldColumns(name, spec)[0]!;
    if (column.type !== 'TIMESTAMP' && column.type !== 'DATE') continue;
    const source = typeof spec.from === 'string' ? spec.from : spec.from === undefined ? name : undefined;
    if (source !== undefined && attributes.has(source)) return column.name;
  }
  return undefined;
}

/** `YYYY-MM-DD` of a wall time. */
export const dayLabel = (wall: WallTime): string => formatTimestamp(wall).slice(0, 10);

/** How one request's window divides between the store and memory. */
export interface DayPlan {
  /** Whole closed days the store answers (or is filled with), in order, as `YYYY-MM-DD` with their start. */
  days: { day: string; start: WallTime }[];
  /** The windows around them, fetched and held in memory (a partial day, today), in order. */
  memory: WallWindow[];
}

/**
 * The window's whole closed days and what is left. `todayStart` is the tenant's today's first second; `byDay`
 * whether rows can be cut into days (otherwise only a window of exactly one closed day is stored).
 */
export function planDays(window: WallWindow, todayStart: WallTime, byDay: boolean): DayPlan {
  const first = startOfDay(window.start) === window.start ? window.start : startOfDay(window.start) + DAY_MS;
  // The last whole day ends at most at the window's end and before today.
  const endLimit = Math.min(window.end + SECOND, todayStart);
  const days: DayPlan['days'] = [];
  for (let start = first; start + DAY_MS <= endLimit; start += DAY_MS) {
    days.push({ day: dayLabel(start), start });
  }
  if (days.length === 0 || (!byDay && days.length !== 1)) return { days: [], memory: [window] };
  if (!byDay && (window.start !== days[0]!.start || window.end !== days[0]!.start + DAY_MS - SECOND)) {
    return { days: [], memory: [window] };
  }
  const memory: WallWindow[] = [];
  const storedStart = days[0]!.start;
  const storedEnd = days.at(-1)!.start + DAY_MS;
  if (window.start < storedStart) memory.push({ start: window.start, end: storedStart - SECOND });
  if (window.end >= storedEnd) memory.push({ start: storedEnd, end: window.end });
  return { days, memory };
}

/** Consecutive days as windows (one fetch each): `days` in order. */
export function dayRuns(days: readonly { day: string; start: WallTime }[]): {
  window: WallWindow;
  days: string[];
}[] {
  const runs: { window: WallWindow; days: string[] }[] = [];
  for (const { day, start } of days) {
    const run = runs.at(-1);
    if (run && run.window.end + SECOND === start) {
      run.window.end = start + DAY_MS - SECOND;
      run.days.push(day);
    } else runs.push({ window: { start, end: start + DAY_MS - SECOND }, days: [day] });
  }
  return runs;
}
