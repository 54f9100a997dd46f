/**
 * The query processes of one server: at most `concurrentQueries` exist at any moment (working, idle, being reset or
 * being killed), each within its memory cap, so N assistants asking together cannot hold N caps. A query takes one
 * for the check of its statement (a parse: the process goes back idle as it was) and one for loading and running.
 * Afterwards its database is replaced by a fresh one (no table of one call reaches another) and the process waits
 * for the next query, unless it holds more memory than a fresh one should (`RECYCLE_RSS_BYTES`,
 * `RECYCLE_GROWTH_BYTES`): then it is ended.
 * A process killed on a limit or a cancellation frees its place as soon as it has exited, milliseconds later.
 *
 * Past the bound a query waits its turn (first come, first served, still cancellable) at the same kind of gate the
 * client keeps per token. A process is started on the first query, never at the server's start (a start is a Node
 * start plus DuckDB's native binary, a few hundred milliseconds: kept processes spare the next queries that), and an
 * idle one ends after `idleMs` unused, so a server between conversations holds none.
 */
import { type Release, TokenGate } from '@wolkvox-mcp/client/limiter';
import { type CapMechanism, detectCapMechanism } from './cap.js';
import { QueryFailure } from './errors.js';
import type { QueryLimits } from './limits.js';
import { QueryProcess, type QueryProcessOptions, serverPaths, workerEntry } from './process.js';

export interface QueryPoolOptions {
  /** How the memory cap is applied; detected on first use by default (tests force each one). */
  mechanism?: CapMechanism;
  /** An idle process ends after this many milliseconds unused. Default 5 minutes. */
  idleMs?: number;
  /** A used process above this resident memory after its reset is ended. Default RECYCLE_RSS_BYTES. */
  recycleRssBytes?: number;
}

/** What a query did with its process: only parsed a statement, or loaded tables (and ran one). */
export type ProcessUse = 'parsed' | 'loaded';

export interface QueryLease {
  readonly process: QueryProcess;
  /**
   * Gives the process back; a killed one ends, a used one gets a fresh database first. Its place is free once it is
   * idle again or has exited.
   */
  release(use: ProcessUse): void;
}

const DEFAULT_IDLE_MS = 5 * 60_000;
/**
 * A process whose resident memory is above this after its database was replaced is ended rather than kept: a fresh
 * one takes about 90 MB, and what a large query's allocations leave behind is better returned to the system.
 */
export const RECYCLE_RSS_BYTES = 256 * 1024 * 1024;
/**
 * Nor is one that holds this much more address space than when it started (Linux): under RLIMIT_AS, room a large
 * result left reserved (V8's grown heap) would be missing from the next query.
 */
export const RECYCLE_GROWTH_BYTES = 128 * 1024 * 1024;
/** Replacing a database takes milliseconds; a process that does not manage it in this long is ended. */
const RESET_TIMEOUT_MS = 5_000;

export class QueryPool {
  private readonly gate = new TokenGate();
  private readonly idle: QueryProcess[] = [];
  private readonly idleTimers = new Map<QueryProcess, NodeJS.Timeout>();
  /** Processes whose database is being replaced: whether they are fit to keep, once it is. */
  private readonly resets = new Map<QueryProcess, Promise<boolean>>();
  private setup: Promise<QueryProcessOptions> | undefined;
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
      // A process kept while its database was being replaced: once that is done, if it turned out to hold too
      // much, it makes way for a fresh one (after it has exited, so the bound holds).
      const fit = this.resets.get(process);
      if (fit && !(await fit)) {
        this.end(process);
        await process.exited;
        process = this.start(settings);
      }
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
    let released = false;
    return {
      process,
      release: (use) => {
        if (released) return;
        released = true;
        if (!process.alive || this.closed) this.retire(process, leave);
        else if (use === 'parsed') this.park(process, leave);
        else this.recycle(process, leave);
      },
    };
  }

  /** Ends every idle process and keeps none from now on (a leased one ends when its query gives it back). */
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

  /**
   * What every process is started with, found once (the cap's mechanism, the script, the paths to scrub, and for
   * the shell's ulimit what a ready process holds); found again at the next query if that failed.
   */
  private prepare(): Promise<QueryProcessOptions> {
    this.setup ??= (async () => {
      const entry = workerEntry();
      const options: QueryProcessOptions = {
        limits: this.limits,
        mechanism: this.options.mechanism ?? (await detectCapMechanism()),
        entry,
        scrubPaths: serverPaths(entry),
      };
      if (options.mechanism.kind !== 'ulimit') return options;
      return { ...options, readyAddressSpace: await this.measure(options) };
    })();
    this.setup.catch(() => {
      this.setup = undefined;
    });
    return this.setup;
  }

  /**
   * The address space a ready process holds, from one started unlimited that runs no statement and is ended at
   * once (counted among the processes meanwhile: it takes the place of the query that asked first).
   */
  private async measure(options: QueryProcessOptions): Promise<number> {
    const probe = this.start(options);
    try {
      await probe.ready;
    } finally {
      this.end(probe);
      await probe.exited;
    }
    if (probe.readyAddressSpace <= 0) {
      throw new QueryFailure('unavailable', "the query process's address space could not be read");
    }
    return probe.readyAddressSpace;
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

  /**
   * A fresh database in place of the used one. The process is idle at once (the next query's requests queue behind
   * the reset in the process), and ended when the reset says it holds more than a fresh one should.
   */
  private recycle(process: QueryProcess, leave: Release): void {
    const fit = process.reset(undefined, RESET_TIMEOUT_MS).then(
      ({ rss, addressSpaceGrowth }) =>
        rss <= (this.options.recycleRssBytes ?? RECYCLE_RSS_BYTES) &&
        addressSpaceGrowth <= RECYCLE_GROWTH_BYTES,
      () => false,
    );
    this.resets.set(process, fit);
    void fit.then((kept) => {
      this.resets.delete(process);
      // Still idle: ended here; taken meanwhile: the acquire that took it ends it.
      const at = this.idle.indexOf(process);
      if (!kept && at >= 0) {
        this.idle.splice(at, 1);
        this.end(process);
      }
    });
    this.park(process, leave);
  }

  /** An idle process waits for the next query without keeping the server running, for `idleMs` at most. */
  private park(process: QueryProcess, leave: Release): void {
    process.unref();
    this.idle.push(process);
    const timer = setTimeout(() => {
      const at = this.idle.indexOf(process);
      if (at >= 0) this.idle.splice(at, 1);
      this.end(process);
    }, this.options.idleMs ?? DEFAULT_IDLE_MS);
    timer.unref();
    this.idleTimers.set(process, timer);
    leave();
  }

  /** Ends a process; its place frees once it has exited. */
  private retire(process: QueryProcess, leave: Release): void {
    this.end(process);
    void process.exited.then(leave);
  }

  private end(process: QueryProcess): void {
    process.stop(new QueryFailure('cancelled', 'the query process was ended'));
  }
}
