import type { WolkvoxError } from '../errors.js';

/**
 * The transient failures of one call, over all its pieces: the latest (for a deadline error), and how long other
 * users of the token kept it busy (refusals for concurrency): when the first and the latest such refusal came.
 */
export class TransientFailures {
  /** The latest transient failure's message. */
  last: string | undefined;
  private busySince: number | undefined;
  private busyLast = 0;
  private latestBusy = false;

  /** A transient failure at `now` (ms, performance clock). */
  record(error: WolkvoxError, now: number): void {
    this.last = error.message;
    this.latestBusy = error.code === 'CONCURRENCY';
    if (!this.latestBusy) return;
    this.busySince ??= now;
    this.busyLast = now;
  }

  /** How long since the first refusal for concurrency (0 before any). */
  busyFor(now: number): number {
    return this.busySince === undefined ? 0 : now - this.busySince;
  }

  /** Busy until now when the latest failure was a refusal for concurrency, else until that latest refusal. */
  busyMs(now: number): number | undefined {
    if (this.busySince === undefined) return undefined;
    return Math.round((this.latestBusy ? now : this.busyLast) - this.busySince);
  }
}
