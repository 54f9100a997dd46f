import { Answers } from './answers.js';
import { Clock } from './clock.js';
import type { ResolvedOptions } from './config/options.js';
import { FaultBook } from './faults/fault-book.js';
import { Journal } from './journal.js';
import { quotaDay } from './limits/quota-day.js';
import { TokenBook } from './limits/token-book.js';
import { Tenant } from './tenant/store.js';
import { ViewEngine } from './views/engine.js';

/**
 * Everything one emulator instance holds: its clock, simulated tenant, caches, tokens, faults and journal. The
 * HTTP routes and the in-process control both work on this object, so they can never disagree.
 */
export class Emulator {
  readonly clock: Clock;
  readonly tenant: Tenant;
  readonly engine: ViewEngine;
  readonly answers: Answers;
  readonly tokens: TokenBook;
  readonly faults: FaultBook;
  readonly journal = new Journal();
  /** Reports this tenant's server does not have (registry ids): they answer 404 like an empty window. */
  readonly disabledReports: Set<string>;

  constructor(readonly options: ResolvedOptions) {
    this.clock = new Clock(options.timeZone, options.now);
    this.tenant = new Tenant(
      options.seed,
      options.volume,
      options.cache.days,
      options.timeZone,
      options.profile,
    );
    this.engine = new ViewEngine(this.tenant);
    this.answers = new Answers(this.engine, options, options.cache.bodyBytes);
    this.tokens = new TokenBook(options.tokens, options.limits.maxConcurrentPerToken, options.dailyQuota);
    this.disabledReports = new Set(options.disabledReports);
    this.faults = new FaultBook(options.seed, (token, value) => this.tokens.names(token, value));
  }

  /** The quota day it is now (from the tenant's wall-clock midnight). */
  today(): number {
    return quotaDay(this.clock.wallNow());
  }

  reset(): void {
    this.journal.clear();
    this.tokens.reset();
    this.faults.clear();
  }
}
