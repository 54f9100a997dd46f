/**
 * How many queries of this process load and run their tables at once. Each query has a DuckDB of its own with its
 * own memory limit, so without a bound N assistants asking at once could hold N times that limit; past the bound a
 * query waits its turn (first come, first served), still cancellable. Fetching from wolkvox is not held here: the
 * client bounds that by the token's own budget.
 */

/** Gives the turn back; calling it again does nothing. */
export type Release = () => void;

export class QueryGate {
  #active = 0;
  #peak = 0;
  readonly #waiting: { grant: () => void; signal: AbortSignal | undefined; onAbort: () => void }[] = [];

  constructor(readonly limit: number) {
    if (!(Number.isInteger(limit) && limit >= 1))
      throw new RangeError('QueryGate: limit must be an integer >= 1');
  }

  /** Queries loading or running now. */
  get active(): number {
    return this.#active;
  }

  /** The most that ever ran at once (for tests and diagnostics). */
  get peak(): number {
    return this.#peak;
  }

  /** Resolves when the query may run; rejects with the signal's reason if it is cancelled while it waits. */
  async enter(signal?: AbortSignal): Promise<Release> {
    signal?.throwIfAborted();
    if (this.#active >= this.limit || this.#waiting.length > 0) {
      await new Promise<void>((resolve, reject) => {
        const waiter = {
          grant: resolve,
          signal,
          onAbort: () => {
            this.#waiting.splice(this.#waiting.indexOf(waiter), 1);
            reject(signal!.reason);
          },
        };
        signal?.addEventListener('abort', waiter.onAbort, { once: true });
        this.#waiting.push(waiter);
      });
    } else {
      this.#take();
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#active--;
      this.#next();
    };
  }

  #take(): void {
    this.#active++;
    this.#peak = Math.max(this.#peak, this.#active);
  }

  #next(): void {
    while (this.#active < this.limit && this.#waiting.length > 0) {
      const waiter = this.#waiting.shift()!;
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      this.#take();
      waiter.grant();
    }
  }
}
