/**
 * One query process, seen from the server: it starts worker.ts, caps its memory (cap.ts), sends it requests
 * (protocol.ts) and reads its bounded answers. Nothing DuckDB does runs in the server's process, so the server's
 * event loop never waits on a query. A statement past its time, or a caller who gives up, gets the process killed
 * (SIGKILL: a single long DuckDB function heeds no interrupt) and its request rejected at once; a process that dies
 * on its own (its memory cap) is told apart by how it ended.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join, parse } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { TableSink } from './batches.js';
import { addressSpaceLimit, type CapMechanism, limitRunning, startCommand } from './cap.js';
import type { ReferencedNames } from './columns.js';
import type { ExportOutcome, ExportRequest, QueryOutcome, ResultBudget } from './engine.js';
import { MEMORY_ADVICE, QueryFailure } from './errors.js';
import type { QueryLimits } from './limits.js';
import {
  type StoreFiles,
  WATCHDOG_MARK,
  type WorkerProgress,
  type WorkerReady,
  type WorkerReply,
  type WorkerRequest,
  type WorkerResults,
  type WorkerSettings,
} from './protocol.js';
import type { TableShape } from './wire.js';

/** The query process's script, and what Node needs to run it. */
export interface WorkerEntry {
  path: string;
  execArgv: string[];
  /** Variables the script needs besides the query process's own. */
  env?: Record<string, string>;
}

/** The name of the query process's bundle (scripts/build.mjs writes dist/bundle/query-worker.js). */
export const WORKER_BUNDLE = 'query-worker';

/**
 * Where the query process's script is, from where this module runs: beside it in the library build (dist/query/),
 * beside the bundle that holds this code (dist/bundle/, or its chunks/ directory) in a packed install, or the
 * TypeScript source when the server itself runs from source (tests: then through tsx, as the tests run).
 */
export function workerEntry(): WorkerEntry {
  const here = fileURLToPath(import.meta.url);
  const dir = dirname(here);
  if (here.endsWith('.ts')) {
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    // tsx transforms some CommonJS files (exceljs' tree among them) with esbuild's synchronous API, which runs in a
    // worker thread: a new V8 isolate, whose code range the address-space cap leaves no room for. Without the
    // thread, esbuild answers from its own process.
    return {
      path: join(dir, 'worker.ts'),
      execArgv: ['--import', tsx],
      env: { ESBUILD_WORKER_THREADS: '0' },
    };
  }
  const candidates = [
    join(dir, 'worker.js'),
    join(dir, `${WORKER_BUNDLE}.js`),
    join(dir, '..', `${WORKER_BUNDLE}.js`),
  ];
  const path = candidates.find((candidate) => existsSync(candidate));
  if (!path) {
    throw new QueryFailure(
      'unavailable',
      "the query process's script is missing from this installation; reinstall @wolkvox-mcp/mcp-server",
    );
  }
  return { path, execArgv: [] };
}

/** Directories of this machine that must not reach an answer (scrub.ts). */
export function serverPaths(entry: WorkerEntry): string[] {
  return [process.cwd(), homedir(), dirname(process.execPath), dirname(dirname(dirname(entry.path)))];
}

export interface QueryProcessOptions {
  limits: QueryLimits;
  mechanism: CapMechanism;
  entry: WorkerEntry;
  scrubPaths: readonly string[];
  /**
   * The shell's ulimit only: the address space, in bytes, a ready process holds (measured by the pool); the process
   * starts under it plus the cap. Without it the process starts unlimited and may only be measured.
   */
  readyAddressSpace?: number;
}

/** Characters of the process's stderr kept, to tell why it ended (its last words: V8's or DuckDB's). */
const STDERR_KEPT = 4_096;
/** Generous: a cold start on a loaded machine takes a second or two. */
const START_TIMEOUT_MS = 30_000;

const sizeMb = (mb: number) => `${mb.toLocaleString('en-US')} MB`;

function timeoutFailure(ms: number, what: string): QueryFailure {
  return new QueryFailure(
    'timeout',
    `${what} ran longer than ${ms / 1000} s and was stopped (its process ended); aggregate ` +
      'earlier, join on keys, or narrow the window',
  );
}

/** Whichever bound caught it (DuckDB's own limit, the process's cap, V8's heap), the caller hears both limits. */
function memoryFailure(limits: QueryLimits): QueryFailure {
  return new QueryFailure(
    'memory',
    `the query needed more memory than a query may use (${limits.memoryLimit} for its data, ` +
      `${sizeMb(limits.processMemoryMb)} for its process beyond its start) and was stopped; ${MEMORY_ADVICE}`,
  );
}

/** Why a process that nobody killed ended: its memory cap (by its last words or the kernel's kill), or not. */
function exitFailure(
  limits: QueryLimits,
  code: number | null,
  signal: NodeJS.Signals | null,
  stderr: string,
): QueryFailure {
  const memory =
    stderr.includes(WATCHDOG_MARK) ||
    /out of memory|bad_alloc|Cannot allocate|allocation failed/i.test(stderr) ||
    // Nobody here sent it: the kernel's out-of-memory killer.
    signal === 'SIGKILL';
  if (memory) return memoryFailure(limits);
  const how = signal ? `signal ${signal}` : `exit code ${code}`;
  return new QueryFailure(
    'crashed',
    `the query's process ended unexpectedly (${how}) and nothing was answered; the server is unaffected: ask again, ` +
      'or simplify the query',
  );
}

/** A process that ended before it could answer: the installation (Node, DuckDB's native library) most likely. */
function startFailure(code: number | null, signal: NodeJS.Signals | null): QueryFailure {
  const how = signal ? `signal ${signal}` : `exit code ${code}`;
  return new QueryFailure(
    'unavailable',
    `no query process could start (${how}); the server's log has its last words`,
  );
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: unknown): void;
  progress?: (done: number) => void;
}

export class QueryProcess implements TableSink {
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private stderr = '';
  /** Why the server ended it, when it did. */
  private stopped: QueryFailure | undefined;
  private exitedResolve!: () => void;
  private markReady!: () => void;
  private failStart!: (error: QueryFailure) => void;
  private isReady = false;
  private readyBytes = 0;
  /** Resolves once the database is open, the memory cap applied, and requests are answered. */
  readonly ready: Promise<void>;
  /** Resolves once the process has ended (its memory is the system's again). */
  readonly exited: Promise<void>;
  /** Whether the process runs (false from the moment the server kills it). */
  alive = true;

  constructor(private readonly options: QueryProcessOptions) {
    const { limits, mechanism, entry } = options;
    const settings: WorkerSettings = {
      memoryLimit: limits.memoryLimit,
      scrubPaths: [...options.scrubPaths],
      ...(mechanism.kind === 'watchdog' ? { watchRssGrowthBytes: limits.processMemoryMb * 1024 * 1024 } : {}),
    };
    // V8's heap holds a batch of rows and the kept result at most: a quarter of the cap, 512 MB at most.
    const heapMb = Math.max(64, Math.min(512, Math.floor(limits.processMemoryMb / 4)));
    const node = [
      `--max-old-space-size=${heapMb}`,
      // WebAssembly reserves ~10 GB of guard regions per memory, which no address-space cap leaves room for (the
      // worker uses none; tsx's lexer does, when the server runs from source).
      '--disable-wasm-trap-handler',
      ...entry.execArgv,
      entry.path,
      JSON.stringify(settings),
    ];
    const { command, args } = startCommand(
      mechanism,
      options.readyAddressSpace === undefined
        ? undefined
        : addressSpaceLimit(options.readyAddressSpace, limits.processMemoryMb),
      process.execPath,
      node,
    );
    const env: Record<string, string> = {
      // glibc's per-thread arenas reserve 64 MB of address space each: two keep Node and DuckDB at ~0.9 GB of it.
      MALLOC_ARENA_MAX: '2',
      ...entry.env,
    };
    // Times shown by now() and the like follow the server's zone; Windows needs SYSTEMROOT to start anything.
    for (const name of ['TZ', 'SYSTEMROOT']) {
      const value = process.env[name];
      if (value !== undefined) env[name] = value;
    }
    this.ready = new Promise<void>((resolve, reject) => {
      this.markReady = resolve;
      this.failStart = reject;
    });
    // Awaited by whoever uses the process; never an unhandled rejection when nobody did yet.
    this.ready.catch(() => undefined);
    this.exited = new Promise<void>((resolve) => {
      this.exitedResolve = resolve;
    });
    // The filesystem's root and an empty environment: nothing of the server's directories to show (scrub.ts).
    this.child = spawn(command, args, {
      cwd: parse(process.cwd()).root,
      env,
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'advanced',
      windowsHide: true,
    });
    this.child.stderr?.setEncoding('utf8');
    this.child.stderr?.on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-STDERR_KEPT);
    });
    this.child.on('message', (message: WorkerReply | WorkerReady | WorkerProgress) => this.receive(message));
    this.child.on('error', (error) => {
      this.end(new QueryFailure('unavailable', `no query process could be started (${error.message})`));
      this.exitedResolve();
    });
    this.child.on('exit', () => {
      this.alive = false;
      this.exitedResolve();
    });
    // After the exit and the end of stderr: its last words are all read.
    this.child.on('close', (code, signal) => {
      this.end(
        this.stopped ??
          (this.isReady ? exitFailure(limits, code, signal, this.stderr) : startFailure(code, signal)),
      );
    });
    const startTimer = setTimeout(() => {
      if (!this.isReady)
        this.stop(new QueryFailure('unavailable', 'the query process did not start in time'));
    }, START_TIMEOUT_MS);
    startTimer.unref();
    void this.ready.then(
      () => clearTimeout(startTimer),
      () => clearTimeout(startTimer),
    );
  }

  /** The operating system's id of the process (benchmarks read its peaks). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** The address space, in bytes, the process held when it was ready (0 before, and where the system does not say). */
  get readyAddressSpace(): number {
    return this.readyBytes;
  }

  /** The process's last words, for the server's log (never an answer: they may name the server's paths). */
  get lastWords(): string {
    return this.stderr.trim();
  }

  /** Keeps the server running while the process works. */
  ref(): void {
    this.child.ref();
    this.child.channel?.ref();
    (this.child.stderr as { ref?: () => void } | null)?.ref?.();
  }

  /** An idle process does not keep the server running. */
  unref(): void {
    this.child.unref();
    this.child.channel?.unref();
    (this.child.stderr as { unref?: () => void } | null)?.unref?.();
  }

  /** Kills the process; its requests reject with `why` at once. */
  stop(why: QueryFailure): void {
    if (!this.stopped) this.stopped = why;
    if (this.alive) {
      this.alive = false;
      // Watched until it has exited (milliseconds), so that whoever waits for its place hears of it.
      this.ref();
      this.child.kill('SIGKILL');
    }
    this.end(this.stopped);
  }

  /** Every request still waiting, and the start if it is, rejected with `failure`. */
  private end(failure: QueryFailure): void {
    this.alive = false;
    if (!this.isReady) this.failStart(failure);
    for (const pending of this.pending.values()) pending.reject(failure);
    this.pending.clear();
  }

  private receive(message: WorkerReply | WorkerReady | WorkerProgress): void {
    if ('ready' in message) {
      void this.started(message.addressSpace);
      return;
    }
    const pending = this.pending.get(message.id);
    if (!pending) return;
    if ('progress' in message) {
      pending.progress?.(message.progress);
      return;
    }
    this.pending.delete(message.id);
    if (message.ok) pending.resolve(message.value);
    else if (message.kind === 'memory') pending.reject(memoryFailure(this.options.limits));
    else pending.reject(new QueryFailure(message.kind, message.message));
  }

  /** The process has its database open: under prlimit its cap applies now, counted from what it holds (cap.ts). */
  private async started(addressSpace: number): Promise<void> {
    this.readyBytes = addressSpace;
    const { mechanism, limits } = this.options;
    if (mechanism.kind === 'prlimit') {
      const pid = this.child.pid;
      try {
        if (!pid || addressSpace <= 0) throw new Error('its address space could not be read');
        await limitRunning(mechanism.command, pid, addressSpaceLimit(addressSpace, limits.processMemoryMb));
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        this.stop(
          new QueryFailure('unavailable', `the query process's memory cap could not be set (${reason})`),
        );
        return;
      }
    }
    // Ended while its cap was being set: `close` has said why.
    if (this.stopped || !this.alive) return;
    this.isReady = true;
    this.markReady();
  }

  /**
   * One request, answered in order. `signal` aborting kills the process (the caller gave up); so does `timeoutMs`
   * passing (the statement's limit).
   */
  private request<K extends WorkerRequest['op']>(
    message: Omit<Extract<WorkerRequest, { op: K }>, 'id'>,
    signal?: AbortSignal,
    timeoutMs?: number,
    progress?: (done: number) => void,
  ): Promise<WorkerResults[K]> {
    if (this.stopped || !this.alive) {
      return Promise.reject(this.stopped ?? new QueryFailure('crashed', 'the query process has ended'));
    }
    if (signal?.aborted) {
      this.stop(cancelled());
      return Promise.reject(this.stopped);
    }
    const id = this.nextId;
    this.nextId += 1;
    return new Promise<WorkerResults[K]>((resolve, reject) => {
      const onAbort = () => this.stop(cancelled());
      const timer =
        timeoutMs === undefined
          ? undefined
          : setTimeout(
              () =>
                this.stop(timeoutFailure(timeoutMs, message.op === 'export' ? 'the export' : 'the query')),
              timeoutMs,
            );
      signal?.addEventListener('abort', onAbort, { once: true });
      const settle = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      this.pending.set(id, {
        ...(progress ? { progress } : {}),
        resolve: (value) => {
          settle();
          resolve(value as WorkerResults[K]);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
      });
      this.child.send({ ...message, id } as WorkerRequest, (error) => {
        // The channel closed under it: the process is ending, and `close` says why.
        if (error && this.alive)
          this.stop(new QueryFailure('crashed', `the query process stopped answering (${error.message})`));
      });
    });
  }

  /** Refuses anything but one SELECT and says which columns it reads, within the statement's time. */
  async checkStatement(sql: string, signal?: AbortSignal): Promise<ReferencedNames> {
    const { names } = await this.request<'check'>(
      { op: 'check', sql },
      signal,
      this.options.limits.timeoutMs,
    );
    return names === 'all' ? 'all' : new Set(names);
  }

  /** A fresh database in place of the current one; resolves to what the process holds then (protocol.ts). */
  reset(signal?: AbortSignal, timeoutMs?: number, readable?: StoreFiles): Promise<WorkerResults['reset']> {
    return this.request<'reset'>({ op: 'reset', ...(readable ? { readable } : {}) }, signal, timeoutMs);
  }

  /** A table over stored days and a loaded memory table (the files must be readable: `reset`'s `readable`). */
  async createStoredView(
    table: TableShape,
    files: string[],
    memory: string,
    signal?: AbortSignal,
  ): Promise<void> {
    await this.request<'view'>({ op: 'view', table, files, memory }, signal);
  }

  /** Writes a loaded table as the store's day files in `dir` (then drops it); resolves to each day's rows. */
  writeDays(
    table: string,
    dayColumn: string | undefined,
    dir: string,
    days: { day: string; path: string }[],
    signal?: AbortSignal,
  ): Promise<number[]> {
    return this.request<'days'>(
      { op: 'days', table, ...(dayColumn ? { dayColumn } : {}), dir, days },
      signal,
      this.options.limits.exportTimeoutMs,
    );
  }

  async createTable(table: TableShape, signal?: AbortSignal): Promise<void> {
    await this.request<'create'>({ op: 'create', table }, signal);
  }

  async insert(table: string, json: string, signal?: AbortSignal): Promise<void> {
    await this.request<'insert'>({ op: 'insert', table, json }, signal);
  }

  /**
   * Runs the statement and writes its whole result into a file (`request`), within the export's time; `onRows`
   * hears how many rows are written so far.
   */
  export(
    sql: string,
    request: ExportRequest,
    signal?: AbortSignal,
    onRows?: (rows: number) => void,
  ): Promise<ExportOutcome> {
    return this.request<'export'>(
      { op: 'export', sql, request },
      signal,
      this.options.limits.exportTimeoutMs,
      onRows,
    );
  }

  /** Runs the statement; what comes back is within `budget`. */
  run(sql: string, budget: ResultBudget, signal?: AbortSignal): Promise<QueryOutcome> {
    return this.request<'run'>({ op: 'run', sql, budget }, signal, this.options.limits.timeoutMs);
  }
}

function cancelled(): QueryFailure {
  return new QueryFailure('cancelled', 'the call was cancelled, and its query process stopped');
}
