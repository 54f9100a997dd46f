import { createHash } from 'node:crypto';
import type { TokenStats } from '../types.js';

/**
 * The tenant's tokens and what each has done: requests, calls in flight (the platform allows 2 at once), and the
 * daily quota. Tokens are only ever shown by label (`tok_` + 8 hex of their sha256), never in clear.
 */

export function tokenLabel(token: string): string {
  return `tok_${createHash('sha256').update(token).digest('hex').slice(0, 8)}`;
}

interface TokenState {
  label: string;
  requests: number;
  inFlight: number;
  maxInFlight: number;
  rejectedConcurrency: number;
  quotaUsed: number;
  /** The tenant day (wall-time midnight) `quotaUsed` counts for; a new day starts from zero. */
  quotaDay: number;
}

export class TokenBook {
  private readonly states = new Map<string, TokenState>();
  private readonly byLabel = new Map<string, string>();

  constructor(
    tokens: readonly string[],
    private readonly maxConcurrent: number,
    private dailyQuota: number,
  ) {
    for (const token of tokens) {
      const label = tokenLabel(token);
      this.byLabel.set(label, token);
      this.states.set(token, this.fresh(label));
    }
  }

  private fresh(label: string): TokenState {
    return {
      label,
      requests: 0,
      inFlight: 0,
      maxInFlight: 0,
      rejectedConcurrency: 0,
      quotaUsed: 0,
      quotaDay: Number.NaN,
    };
  }

  /** A new tenant's quota; what each token used today still counts against it. */
  setDailyQuota(quota: number): void {
    this.dailyQuota = quota;
  }

  isKnown(token: string): boolean {
    return this.states.has(token);
  }

  /** The label of a configured token, or of any string. */
  label(token: string): string {
    return this.states.get(token)?.label ?? tokenLabel(token);
  }

  /** True when `value` names this token, raw or by label (fault rules accept either). */
  names(token: string, value: string): boolean {
    return value === token || value === this.label(token);
  }

  private state(token: string): TokenState {
    const state = this.states.get(token);
    if (!state) throw new Error('unknown token');
    return state;
  }

  /** Counts a request and takes an in-flight slot; false (and counted as rejected) when none is free. */
  admit(token: string): boolean {
    const state = this.state(token);
    state.requests++;
    if (state.inFlight >= this.maxConcurrent) {
      state.rejectedConcurrency++;
      return false;
    }
    state.inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    return true;
  }

  release(token: string): void {
    const state = this.state(token);
    state.inFlight = Math.max(0, state.inFlight - 1);
  }

  /** A forced concurrency fault is a rejection the client sees like a real one. */
  countRejected(token: string): void {
    this.state(token).rejectedConcurrency++;
  }

  private rollDay(state: TokenState, day: number): void {
    if (state.quotaDay !== day) {
      state.quotaDay = day;
      state.quotaUsed = 0;
    }
  }

  /** Uses one call of today's quota; false when it is spent. `day` is the tenant's current wall-clock midnight. */
  consume(token: string, day: number): boolean {
    const state = this.state(token);
    this.rollDay(state, day);
    if (state.quotaUsed >= this.dailyQuota) return false;
    state.quotaUsed++;
    return true;
  }

  stats(day: number): TokenStats[] {
    return [...this.states.keys()].map((token) => this.statsFor(token, day)!);
  }

  statsFor(token: string, day: number): TokenStats | undefined {
    const state = this.states.get(token);
    if (!state) return undefined;
    this.rollDay(state, day);
    return {
      token: state.label,
      requests: state.requests,
      inFlight: state.inFlight,
      maxInFlight: state.maxInFlight,
      rejectedConcurrency: state.rejectedConcurrency,
      quotaUsed: state.quotaUsed,
      quotaRemaining: Math.max(0, this.dailyQuota - state.quotaUsed),
    };
  }

  /** Forgets counters and quotas; calls still in flight keep their slots so they release cleanly. */
  reset(): void {
    for (const [token, state] of this.states) {
      const inFlight = state.inFlight;
      const next = this.fresh(state.label);
      next.inFlight = inFlight;
      next.maxInFlight = inFlight;
      this.states.set(token, next);
    }
  }
}
