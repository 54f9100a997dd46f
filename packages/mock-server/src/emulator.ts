import { Answers } from './answers.js';
import { Clock } from './clock.js';
import type { ResolvedOptions, TenantOptions } from './config/options.js';
import { FaultBook } from './faults/fault-book.js';
import { Journal } from './journal.js';
import { quotaDay } from './limits/quota-day.js';
import { TokenBook } from './limits/token-book.js';
import { ownTenant, sharedTenant } from './tenant/shared.js';
import type { Tenant } from './tenant/store.js';
import { ViewEngine } from './views/engine.js';

/**
 * Everything one emulator instance holds: its clock, simulated tenant, caches, tokens, faults and journal. The
 * HTTP routes and the in-process control both work on this object, so they can never disagree.
 */
export class Emulator {
  readonly clock: Clock;
  readonly tokens: TokenBook;
  readonly faults: FaultBook;
  readonly journal = new Journal();
  /** Reports this tenant's server does not have (registry ids): they answer 404 like an empty window. */
  readonly disabledReports: Set<string>;
  // The tenant and what reads it: replaced together when a scenario is set, so no cache outlives its tenant.
  private current: ResolvedOptions;
  private built!: { tenant: Tenant; engine: ViewEngine; answers: Answers };

  constructor(options: ResolvedOptions) {
    this.current = options;
    this.clock = new Clock(options.timeZone, options.now);
    this.tokens = new TokenBook(options.tokens, options.limits.maxConcurrentPerToken, options.dailyQuota);
    this.disabledReports = new Set(options.disabledReports);
    this.faults = new FaultBook(options.seed, (token, value) => this.tokens.names(token, value));
    this.build();
  }

  get options(): ResolvedOptions {
    return this.current;
  }

  get tenant(): Tenant {
    return this.built.tenant;
  }

  get engine(): ViewEngine {
    return this.built.engine;
  }

  get answers(): Answers {
    return this.built.answers;
  }

  /**
   * The tenant a scenario makes replaces the running one: its days and answers are dropped, so every report reads
   * the new tenant from the next call. The clock, tokens (their use today included), faults and journal stay.
   */
  setTenant(tenant: TenantOptions): void {
    this.current = { ...this.current, ...tenant };
    this.tokens.setDailyQuota(tenant.dailyQuota);
    this.build();
  }

  private build(): void {
    const options = this.current;
    const key = {
      seed: options.seed,
      volume: options.volume,
      cachedDays: options.cache.days,
      timeZone: options.timeZone,
      profile: options.profile,
    };
    const tenant = options.cache.shared ? sharedTenant(key) : ownTenant(key);
    const engine = new ViewEngine(tenant);
    this.built = { tenant, engine, answers: new Answers(engine, options, options.cache.bodyBytes) };
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
