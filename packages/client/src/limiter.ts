/**
 * The per-token concurrency budget. wolkvox refuses a third simultaneous request on one token
 * (403 EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN), whoever sends it, so the budget belongs to the
 * token, not to a client instance: every client of this process using the same token waits at the same gate.
 * Waiting is first come, first served, and a cancelled waiter leaves the queue at once. The gate itself knows
 * nothing of tokens: the MCP server bounds its SQL queries with one too (`@wolkvox-mcp/client/limiter`).
 *
 * This gate is the process's part of the budget. Behind it, each call also takes the machine's lease (and, with
 * Redis, a permit shared by machines): coordination/coordinator.ts. The gate keeps a process's own callers in order
 * and spares the lease table traffic: at most `limit` callers of a process ever wait there.
 */

/** Gives the slot back; calling it again does nothing. */
export type Release = () => void;

interface Waiter {
  grant(release: Release): void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

export class TokenGate {
  #active = 0;
  readonly #queue: Waiter[] = [];
  /** The limit each joined client asked for; the gate honours the strictest. */
  readonly #limits = new Map<symbol, number>();
  readonly #onIdle: (gate: TokenGate) => void;

  constructor(onIdle: (gate: TokenGate) => void = () => {}) {
    this.#onIdle = onIdle;
  }

  get limit(): number {
    let limit = Number.POSITIVE_INFINITY;
    for (const value of this.#limits.values()) limit = Math.min(limit, value);
    return Number.isFinite(limit) ? limit : 1;
  }

  get active(): number {
    return this.#active;
  }

  get queued(): number {
    return this.#queue.length;
  }

  get members(): number {
    return this.#limits.size;
  }

  join(limit: number): () => void {
    const key = Symbol('client');
    this.#limits.set(key, limit);
    this.#pump();
    return () => {
      this.#limits.delete(key);
      // A looser limit may now apply.
      this.#pump();
      this.#checkIdle();
    };
  }

  /** Resolves with a release function once a slot is free; rejects with the signal's reason if cancelled first. */
  acquire(signal?: AbortSignal): Promise<Release> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#queue.length === 0 && this.#active < this.limit) {
      this.#active++;
      return Promise.resolve(this.#releaser());
    }
    return new Promise<Release>((resolve, reject) => {
      const waiter: Waiter = {
        grant: resolve,
        signal,
        onAbort: () => {
          const index = this.#queue.indexOf(waiter);
          if (index !== -1) this.#queue.splice(index, 1);
          reject(signal!.reason);
          this.#checkIdle();
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.#queue.push(waiter);
    });
  }

  #releaser(): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#active--;
      this.#pump();
      this.#checkIdle();
    };
  }

  #pump(): void {
    while (this.#active < this.limit && this.#queue.length > 0) {
      const waiter = this.#queue.shift()!;
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      this.#active++;
      waiter.grant(this.#releaser());
    }
  }

  #checkIdle(): void {
    if (this.#active === 0 && this.#queue.length === 0 && this.#limits.size === 0) this.#onIdle(this);
  }
}

// On globalThis so that two copies of this module (say, the built package and its sources loaded side by side)
// still share one budget per token.
const REGISTRY_KEY = Symbol.for('@wolkvox-mcp/client/token-gates');
type Registry = Map<string, TokenGate>;

function registry(): Registry {
  const holder = globalThis as { [REGISTRY_KEY]?: Registry };
  holder[REGISTRY_KEY] ??= new Map();
  return holder[REGISTRY_KEY];
}

/** The process-wide gate of a token, keyed by the token's fingerprint (never the token itself). */
export function tokenGate(fingerprint: string): TokenGate {
  const gates = registry();
  let gate = gates.get(fingerprint);
  if (!gate) {
    gate = new TokenGate((idle) => {
      if (gates.get(fingerprint) === idle) gates.delete(fingerprint);
    });
    gates.set(fingerprint, gate);
  }
  return gate;
}

/** Gate state for a fingerprint, for tests and diagnostics; undefined when no client uses the token. */
export function tokenGateState(
  fingerprint: string,
): { active: number; queued: number; limit: number } | undefined {
  const gate = registry().get(fingerprint);
  return gate && { active: gate.active, queued: gate.queued, limit: gate.limit };
}
