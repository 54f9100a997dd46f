/**
 * Which windows are closed: a window that ended before the tenant's current day began (on the tenant's wall
 * clock) will not change any more, so its rows may be kept and reused. Today's rows are still being written, and
 * a real-time report has no window at all: neither is ever kept.
 */
import { startOfDay, type WallTime, wallTimeAt } from '@wolkvox-mcp/contracts';
import type { WallWindow } from '../../windows.js';

const SECOND = 1000;

/** The first wall-clock second of the tenant's today, at the instant `now` (ms since the epoch). */
export function tenantTodayStart(timeZone: string, now: number = Date.now()): WallTime {
  return startOfDay(wallTimeAt(now, timeZone));
}

/** True when every second of the window is before the tenant's today. */
export function isClosed(window: WallWindow, todayStart: WallTime): boolean {
  return window.end < todayStart;
}

/**
 * Cuts the one piece that runs from a closed day into today at today's first second, so that its closed part can
 * be kept and reused while today's part is fetched afresh every time. Pieces stay in order and cover every second
 * once; a cut piece is never longer than the piece it came from, so the report's `maxDays` still holds.
 */
export function cutAtToday(pieces: WallWindow[], todayStart: WallTime): WallWindow[] {
  return pieces.flatMap((piece) =>
    piece.start < todayStart && piece.end >= todayStart
      ? [
          { start: piece.start, end: todayStart - SECOND },
          { start: todayStart, end: piece.end },
        ]
      : [piece],
  );
}
