import { mixSeeds, Random } from '../prng.js';
import { type FaultRule, type FaultSpec, parseFaultRule } from './fault-rule.js';

/**
 * Injected faults: each rule hits the next `times` requests that match it (by api, family, token), optionally
 * only with some probability, drawn from a generator seeded by the tenant seed and the rule, so a run with the
 * same seed and the same requests fails the same way.
 */

/** A rule as the book holds it (and `GET /__mock/faults` lists it): its defaults filled in, its hits counted down. */
export interface ActiveRule {
  id: string;
  fault: FaultSpec;
  remaining: number;
  probability: number;
  match: NonNullable<FaultRule['match']>;
}

export interface FaultTarget {
  api?: string | undefined;
  family?: string | undefined;
  /** The raw token of the request, when it has a known one. */
  token?: string | undefined;
}

export class FaultBook {
  private rules: (ActiveRule & { rng: Random })[] = [];
  private counter = 0;

  constructor(
    private readonly seed: number,
    /** Whether a rule's token (raw or label) names the request's raw token. */
    private readonly tokenMatches: (token: string, value: string) => boolean,
  ) {}

  add(given: FaultRule): string {
    const rule = parseFaultRule(given);
    const id = `fault_${++this.counter}`;
    this.rules.push({
      id,
      fault: { ...rule.fault },
      remaining: rule.times ?? 1,
      probability: rule.probability ?? 1,
      match: { ...rule.match },
      rng: new Random(mixSeeds(this.seed, 0xfa017, this.counter)),
    });
    return id;
  }

  list(): ActiveRule[] {
    return this.rules.map(({ rng: _rng, ...rule }) => ({ ...rule, match: { ...rule.match } }));
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((rule) => rule.id !== id);
    return this.rules.length < before;
  }

  clear(): void {
    this.rules = [];
  }

  private matches(rule: ActiveRule, target: FaultTarget): boolean {
    const { api, family, token } = rule.match;
    if (api !== undefined && api !== target.api) return false;
    if (family !== undefined && family !== target.family) return false;
    if (token !== undefined && (target.token === undefined || !this.tokenMatches(target.token, token)))
      return false;
    return true;
  }

  /** The fault this request suffers, if any; spends one of the rule's `times`. First matching rule wins. */
  take(target: FaultTarget): FaultSpec | undefined {
    for (const rule of this.rules) {
      if (!this.matches(rule, target)) continue;
      if (rule.probability < 1 && rule.rng.next() >= rule.probability) continue;
      rule.remaining--;
      if (rule.remaining <= 0) this.remove(rule.id);
      return rule.fault;
    }
    return undefined;
  }
}

export function describeFault(fault: FaultSpec): string {
  switch (fault.kind) {
    case 'status':
      return `status ${fault.status}`;
    case 'delay':
      return `delay ${fault.ms}ms`;
    case 'drift':
      return 'drift';
    default:
      return fault.kind;
  }
}
