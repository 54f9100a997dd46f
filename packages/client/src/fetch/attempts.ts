import type { WolkvoxError } from '../errors.js';
import { BUSY_WITHOUT_DEADLINE_MS, backoffDelay, busyDelay } from '../retry.js';
import type { TransientFailures } from './failures.js';

export interface RetryRules {
  /** Retries of a failure that is not a refusal for concurrency. */
  retries: number;
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  /** Whether the call has a deadline: without one, a token busy with other programs is ridden out for a minute. */
  deadline: boolean;
}

/**
 * The attempts at one window. Retries are spent on failures (at most `retries`); waits for a token kept busy by
 * others (a refusal for concurrency: someone else, another program or a cron job, holds the token's slots, which
 * our own gate cannot see) are counted apart and bounded by the deadline, so riding out someone else's load never
 * uses up the retries.
 */
export class WindowAttempts {
  /** Retries spent. */
  retries = 0;
  /** Waits for a busy token. */
  busyWaits = 0;

  constructor(
    private readonly rules: RetryRules,
    private readonly failures: TransientFailures,
    private readonly random: () => number = Math.random,
  ) {}

  /** HTTP calls made for the window so far. */
  get calls(): number {
    return this.retries + this.busyWaits + 1;
  }

  /** The error to throw for the window: it says how many calls it took. */
  final(error: WolkvoxError): WolkvoxError {
    error.attempts = this.calls;
    return error;
  }

  /**
   * The wait before asking again after a transient failure at `now`; throws the failure when no attempt is left.
   * A refusal for concurrency waits longer each time (up to 3 s) while the deadline allows; any other failure is
   * retried with full-jitter backoff, at least as long as a `Retry-After` the server sent (within the longest wait).
   */
  waitAfter(error: WolkvoxError, retryAfterMs: number | undefined, now: number): number {
    this.failures.record(error, now);
    const { rules } = this;
    if (error.code === 'CONCURRENCY') {
      const busyFor = this.failures.busyFor(now);
      if (!rules.deadline && busyFor >= BUSY_WITHOUT_DEADLINE_MS) {
        error.message += ` (the token was busy with other programs for ${Math.round(busyFor / 1000)} s)`;
        throw this.final(error);
      }
      return busyDelay(this.busyWaits++, rules.retryBaseDelayMs, this.random);
    }
    if (this.retries >= rules.retries) {
      error.message += ` (gave up after ${this.calls} attempts)`;
      throw this.final(error);
    }
    const jitter = backoffDelay(this.retries++, rules.retryBaseDelayMs, rules.retryMaxDelayMs, this.random);
    return retryAfterMs === undefined
      ? jitter
      : Math.max(jitter, Math.min(retryAfterMs, rules.retryMaxDelayMs));
  }
}
