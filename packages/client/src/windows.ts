import { formatTimestamp, formatWolkvoxDate, SECONDS_PER_DAY, type WallWindow } from '@wolkvox-mcp/contracts';
import type { WindowLabel } from './errors.js';

export type { WallWindow };

/*
 * Date windows in the tenant's wall time (contracts' `WallWindow`). wolkvox windows are inclusive at both ends
 * with one-second granularity (`date_end=20250131235959` includes that second), so every piece of a split window
 * ends one second before the next begins: nothing is asked twice and nothing falls between two pieces. Reading a
 * caller's dates is the contracts' date grammar (see request.ts).
 */

const SECOND = 1000;

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
 * The pieces a call fetches: its window split into the report's `maxDays` windows, then cut as `cut` says (the
 * closed-day cache cuts the piece running into today at today's start, so that its closed part is kept); a report
 * without a window is one piece, `null`.
 */
export function callPieces(
  window: WallWindow | null,
  maxDays: number,
  cut: (pieces: WallWindow[]) => WallWindow[] = (pieces) => pieces,
): (WallWindow | null)[] {
  return window ? cut(splitWindow(window, maxDays)) : [null];
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
