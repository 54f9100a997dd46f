import { type WallTime, wallTimeAt } from '@wolkvox-mcp/contracts';

/**
 * The instants the clock may show: every report's window and quota day is computed from it, and an instant past
 * what `Date` or the tenant's calendar can hold (year 275760, 1e20 ms) would fail every report call after it. The
 * range is wide for any test of the platform and narrow enough that nothing downstream can overflow.
 */
export const CLOCK_RANGE = {
  from: Date.UTC(2000, 0, 1),
  to: Date.UTC(2100, 0, 1),
  label: '2000-01-01T00:00:00Z to 2100-01-01T00:00:00Z',
} as const;

/** The longest single move of the clock (10 years of 365.25 days), either way. */
export const MAX_ADVANCE_MS = 10 * 365.25 * 86_400_000;

/**
 * The emulator's clock. It starts where the options say and then runs with real time, so a long-lived emulator
 * behaves like the platform; tests move it (set, advance) or freeze it to make real-time reports reproducible.
 */
export class Clock {
  /** The emulated instant at `realBase` (ms since epoch). */
  private base: number;
  private realBase: number;
  private frozen: boolean;

  constructor(
    readonly timeZone: string,
    start: Date | string | number | undefined,
    private readonly realNow: () => number = Date.now,
  ) {
    this.realBase = this.realNow();
    this.base = start === undefined ? this.realBase : clockInstant(start);
    this.frozen = false;
  }

  nowMs(): number {
    return this.frozen ? this.base : this.base + (this.realNow() - this.realBase);
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  /** The tenant's wall clock now (naive ms), what report windows are compared with. */
  wallNow(): WallTime {
    return wallTimeAt(this.nowMs(), this.timeZone);
  }

  isFrozen(): boolean {
    return this.frozen;
  }

  /** Jumps to `at` and keeps running from there (unfreezes). */
  set(at: Date | string | number): void {
    this.base = clockInstant(at);
    this.realBase = this.realNow();
    this.frozen = false;
  }

  /** Moves the clock by `ms` (negative goes back), frozen or not. */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || Math.abs(ms) > MAX_ADVANCE_MS) {
      throw new RangeError(
        `advanceMs must be a finite number of at most ${MAX_ADVANCE_MS} ms either way, got ${ms}`,
      );
    }
    // Checked before moving: a refused move leaves the clock where it was.
    const to = this.nowMs() + ms;
    inClockRange(to, `advancing by ${ms} ms`);
    this.base += ms;
  }

  /** Stops the clock at `at` (default: where it is now). */
  freeze(at?: Date | string | number): void {
    this.base = at === undefined ? this.nowMs() : clockInstant(at);
    this.realBase = this.realNow();
    this.frozen = true;
  }
}

/** Accepts a Date, an ISO string or epoch milliseconds; rejects anything that is not a real instant. */
export function toMillis(at: Date | string | number): number {
  const ms = at instanceof Date ? at.getTime() : typeof at === 'number' ? at : Date.parse(at);
  if (!Number.isFinite(ms)) throw new RangeError(`not a valid instant: ${String(at)}`);
  return ms;
}

/** An instant the clock may be set to: a real one, within CLOCK_RANGE. */
export function clockInstant(at: Date | string | number): number {
  return inClockRange(toMillis(at), String(at instanceof Date ? at.toISOString() : at));
}

function inClockRange(ms: number, what: string): number {
  if (ms < CLOCK_RANGE.from || ms >= CLOCK_RANGE.to) {
    throw new RangeError(`the clock must stay within ${CLOCK_RANGE.label}; ${what} is outside`);
  }
  return ms;
}
