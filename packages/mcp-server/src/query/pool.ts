/**
 * The query processes of one server: at most `concurrentQueries` exist at any moment (working, idle or being
 * killed), each within its memory cap, so N assistants asking together cannot hold N caps. A query takes one for
 * the check of its statement (a parse: the process stays clean and goes back idle) and one for loading and running
 * (the process is ended afterwards: its database held the query's tables and its memory the statement's work). A
 * process killed on a limit or a cancellation frees its place as soon as it has exited, milliseconds later.
 *
 * Past the bound a query waits its turn (first come, first served, still cancellable) at the same kind of gate the
 * client keeps per token. A process is started on the first query, never at the server's start; from then on, while
 * there is room, one more is started ahead for the next query (a spare: a process start is a Node start plus
 * DuckDB's native binary, a few hundred milliseconds), and an idle one ends after `idleMs` unused, so a server
 * between questions holds none.
 */
import { type Release, TokenGate } from '@wolkvox-mcp/client/limiter';
import { type CapMechanism, detectCapMechanism } from './cap.js';
import { QueryFailure } from './errors.js';
import type { QueryLimits } from './limits.js';
import { QueryProcess, type QueryProcessOptions, serverPaths, workerEntry } from './process.js';

export interface QueryPoolOptions {
  /** How the memory cap is applied; detected on first use by default (tests force each one). */
  mechanism?: CapMechanism;
  /** Start a process ahead for the next query once one ends. Default true. */
  spare?: boolean;
  /** An idle process ends after this many milliseconds unused. Default 60 s. */
  idleMs?: number;
}

export interface QueryLease {
  readonly process: QueryProcess;
  /**
   * Gives the process back: kept for another query when it only parsed (`keep`), else ended. Its place is free
   * once it has exited.
   */
  release(keep: boolean): void;
}

const DEFAULT_IDLE_MS = 60_000;

export class QueryPool {
  private readonly gate = new TokenGate();
  private readonly idle: QueryProcess[] = [];
  private readonly idleTimers = new Map<QueryProcess, NodeJS.Timeout>();
  private setup: Promise<QueryProcessOptions> | undefined;
  private settings: QueryProcessOptions | undefined;
  private live = 0;
  private closed = false;

  constructor(
    private readonly limits: QueryLimits,
    private readonly options: QueryPoolOptions = {},
  ) {
    this.gate.join(limits.concurrentQueries);
  }

  /** Processes that exist now (working, idle or not yet exited): never more than `concurrentQueries`. */
  get processes(): number {
    return this.live;
  }

  /** A ready process for one query, once a place is free; `signal` withdraws the wait (and the start). */
  async acquire(signal: AbortSignal): Promise<QueryLease> {
    const leave = await this.gate.acquire(signal);
    let process: QueryProcess;
    try {
      const settings = await this.prepare();
      // Taken or started in one step: nothing runs between the count and the start.
      process = this.takeIdle() ?? this.start(settings);
    } catch (error) {
      leave();
      throw error;
    }
    process.ref();
    const onAbort = () =>
      process.stop(new QueryFailure('cancelled', 'the call was cancelled, and its query process stopped'));
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      if (signal.aborted) onAbort();
      await process.ready;
    } catch (error) {
      this.retire(process, leave);
      throw error;
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
    // The next query finds a process started while this one works, when there is room for one.
    this.startSpare();
    let released = false;
    return {
      process,
      release: (keep) => {
        if (released) return;
        released = true;
        if (keep && process.alive && !this.closed) {
          this.park(process);
          leave();
        } else {
          this.retire(process, leave);
        }
      },
    };
  }

  /** Ends every idle process and starts no more (a leased one ends when its query gives it back). */
  close(): void {
    this.closed = true;
    for (const process of this.idle.splice(0)) this.end(process);
  }

  private takeIdle(): QueryProcess | undefined {
    for (let process = this.idle.pop(); process; process = this.idle.pop()) {
      clearTimeout(this.idleTimers.get(process));
      this.idleTimers.delete(process);
      if (process.alive) return process;
    }
    return undefined;
  }

  /** What every process is started with, found once (the cap's mechanism, the script, the paths to scrub). */
  private prepare(): Promise<QueryProcessOptions> {
    this.setup ??= (async () => {
      const entry = workerEntry();
      const options: QueryProcessOptions = {
        limits: this.limits,
        mechanism: this.options.mechanism ?? (await detectCapMechanism()),
        entry,
        scrubPaths: serverPaths(entry),
      };
      this.settings = options;
      return options;
    })();
    return this.setup;
  }

  private start(settings: QueryProcessOptions): QueryProcess {
    const process = new QueryProcess(settings);
    this.live += 1;
    void process.exited.then(() => {
      this.live -= 1;
      const at = this.idle.indexOf(process);
      if (at >= 0) this.idle.splice(at, 1);
      clearTimeout(this.idleTimers.get(process));
      this.idleTimers.delete(process);
    });
    return process;
  }

  /** An idle process waits for the next query without keeping the server running, for `idleMs` at most. */
  private park(process: QueryProcess): void {
    process.unref();
    this.idle.push(process);
    const timer = setTimeout(() => {
      const at = this.idle.indexOf(process);
      if (at >= 0) this.idle.splice(at, 1);
      this.end(process);
    }, this.options.idleMs ?? DEFAULT_IDLE_MS);
    timer.unref();
    this.idleTimers.set(process, timer);
  }

  /** Ends a process; its place frees once it has exited, and a spare is started for the next query. */
  private retire(process: QueryProcess, leave: Release): void {
    this.end(process);
    void process.exited.then(() => {
      leave();
      this.startSpare();
    });
  }

  private end(process: QueryProcess): void {
    process.stop(new QueryFailure('cancelled', 'the query process was ended'));
  }

  private startSpare(): void {
    if (this.closed || this.options.spare === false) return;
    if (!this.settings || this.idle.length > 0 || this.live >= this.limits.concurrentQueries) return;
    this.park(this.start(this.settings));
  }
}
