import { type WallTime, wallTimeAt } from '@wolkvox-mcp/contracts';

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
    this.base = start === undefined ? this.realBase : toMillis(start);
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
    this.base = toMillis(at);
    this.realBase = this.realNow();
    this.frozen = false;
  }

  /** Moves the clock by `ms` (negative goes back), frozen or not. */
  advance(ms: number): void {
    if (!Number.isFinite(ms)) throw new RangeError(`advanceMs must be a finite number, got ${ms}`);
    this.base += ms;
  }

  /** Stops the clock at `at` (default: where it is now). */
  freeze(at?: Date | string | number): void {
    this.base = at === undefined ? this.nowMs() : toMillis(at);
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
