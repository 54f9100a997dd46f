/**
 * The token's in-flight budget shared by every process of this machine: a lease table per token (lease-table.ts)
 * in `<stateDir>/budget/<key>.json`, changed only under proper-lockfile's lock, written whole by rename so an
 * unlocked reader never sees half a table.
 *
 * One HTTP call holds one lease. A process that finds no free slot queues a ticket and waits; slots are handed
 * out in ticket order by whoever frees one (a release, or any pass that drops a dead process's leases). A waiter
 * learns of its grant by reading the table when it changes (fs.watch, with a short poll behind it in case the
 * platform drops watch events). Every fifth of the lease time (`leaseTtlMs`, 5 s by default) a process renews its
 * leases and tickets and drops those of dead (pid gone) or hung (not renewed for the lease time) processes, so
 * their slots come back within seconds.
 */
import { randomUUID } from 'node:crypto';
import { type FSWatcher, readFileSync, renameSync, watch, writeFileSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { WolkvoxLogger } from '../config.js';
import {
  type DayCount,
  dayCount,
  emptyTable,
  enter,
  type LeaseTable,
  LeaseTableSchema,
  leave,
  promote,
  reap,
  renew,
  type Self,
} from './lease-table.js';
import { loadLockfile } from './load.js';

/** How many times a lease is renewed within its lease time: a late renewal or two still keeps it. */
const RENEWALS_PER_LEASE = 5;
/** A waiter's read of the table when no change was signalled. */
const POLL_MS = 100;
/**
 * A released lease is kept this long for this process's next call, which then takes it without touching the lock
 * (back-to-back calls are the common case: a window split in pieces, a caller's loop). It is taken only while the
 * table shows nobody waiting, and given back when the time is up or when this process queues behind someone.
 */
const PARK_MS = 20;
/**
 * The lock over the table is held for a read and a write; one older than this is from a process that died holding
 * it and is broken (proper-lockfile's stale rule; it renews the lock's mtime while held).
 */
const LOCK_STALE_MS = 4_000;
const LOCK_RETRIES = { retries: 2_000, factor: 1, minTimeout: 2, maxTimeout: 10, randomize: true };

// Per process: the pid, the host, and an id that tells this process from an earlier one that had the same pid.
const SELF: Self = { pid: process.pid, host: hostname(), instance: randomUUID() };

/** The day's count as it stood when the lease was granted. */
export type DayCountSnapshot = Readonly<DayCount>;

export type MachineEntry =
  | { kind: 'granted'; release: () => Promise<void>; count: DayCountSnapshot | undefined }
  /** The platform said the daily quota is spent: nothing is granted until then. */
  | { kind: 'exhausted'; resetsAt: number; count: DayCountSnapshot | undefined };

interface Waiter {
  id: string;
  limit: number;
  day: string;
  resolve(entry: MachineEntry): void;
}

class MachineBudget {
  readonly #file: string;
  readonly #dir: string;
  readonly #logger: WolkvoxLogger;
  readonly #held = new Map<string, { limit: number; day: string }>();
  readonly #waiting = new Map<string, Waiter>();
  /** Released leases kept for a next call of this process, with the timer that gives each back. */
  readonly #parked = new Map<string, NodeJS.Timeout>();
  /** Calls made on parked leases, not yet added to the table's count (the next pass under the lock adds them). */
  #uncounted: { day: string; calls: number } | undefined;
  #heartbeat: NodeJS.Timeout | undefined;
  #poll: NodeJS.Timeout | undefined;
  #watcher: FSWatcher | undefined;
  #dirReady: Promise<unknown> | undefined;
  /** A lease or ticket not renewed for this long belongs to a hung process and is dropped. */
  readonly #ttlMs: number;
  users = 0;

  constructor(dir: string, key: string, ttlMs: number, logger: WolkvoxLogger) {
    this.#dir = dir;
    this.#file = join(dir, `${key}.json`);
    this.#ttlMs = ttlMs;
    this.#logger = logger;
  }

  /** Waits for a slot (or learns the quota is spent). Rejects with the signal's reason when it aborts first. */
  async acquire(limit: number, day: string, now: () => number, signal: AbortSignal): Promise<MachineEntry> {
    signal.throwIfAborted();
    const reused = this.#reuse(day, now());
    if (reused) return reused;
    const id = randomUUID();
    const first = await this.#withTable((table) => {
      const at = now();
      // Leases kept for us go back in the same pass: whoever waits gets them before our new ticket.
      for (const parked of this.#unpark()) leave(table, parked);
      reap(table, at, SELF);
      const count = table.quota?.day === day ? table.quota : undefined;
      if (count?.exhaustedUntil !== undefined && count.exhaustedUntil > at) {
        return { kind: 'exhausted' as const, resetsAt: count.exhaustedUntil, count: { ...count } };
      }
      const granted = enter(table, { id, ...SELF, expires: at + this.#ttlMs }, limit, at, this.#ttlMs, day);
      return { kind: granted ? ('granted' as const) : ('queued' as const), count: snapshot(table, day) };
    });
    if (first.kind === 'exhausted') return first;
    if (signal.aborted) {
      // Cancelled while the lock was awaited: the ticket (or slot) goes back before the caller moves on.
      await this.#withTable((table) => {
        leave(table, id);
        promote(table, limit, now(), this.#ttlMs, day);
        this.#grantFrom(table);
      });
      throw signal.reason;
    }
    if (first.kind === 'granted') {
      this.#held.set(id, { limit, day });
      this.#keepAlive();
      return { kind: 'granted', release: () => this.#park(id), count: first.count };
    }

    return new Promise<MachineEntry>((resolve, reject) => {
      const onAbort = () => {
        if (!this.#waiting.delete(id)) return;
        this.#idle();
        // Give the ticket back (or the slot, when it was granted meanwhile) before the caller moves on.
        this.#withTable((table) => {
          leave(table, id);
          reap(table, now(), SELF);
          promote(table, limit, now(), this.#ttlMs, day);
        }).then(
          () => reject(signal.reason),
          () => reject(signal.reason),
        );
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.#waiting.set(id, {
        id,
        limit,
        day,
        resolve: (entry) => {
          signal.removeEventListener('abort', onAbort);
          resolve(entry);
        },
      });
      this.#keepAlive();
      this.#watch();
    });
  }

  /**
   * A parked lease for this call, when the table (read without the lock: it is always whole) shows nobody
   * waiting and the lease still ours; undefined otherwise.
   */
  #reuse(day: string, at: number): MachineEntry | undefined {
    const [id, timer] = this.#parked.entries().next().value ?? [];
    if (id === undefined || this.#held.get(id)?.day !== day) return undefined;
    let table: LeaseTable;
    try {
      const parsed = LeaseTableSchema.safeParse(safeJson(readFileSync(this.#file, 'utf8')));
      if (!parsed.success) return undefined;
      table = parsed.data;
    } catch {
      return undefined;
    }
    const count = table.quota?.day === day ? table.quota : undefined;
    if (table.queue.length > 0 || !table.holders.some((holder) => holder.id === id)) return undefined;
    if (count?.exhaustedUntil !== undefined && count.exhaustedUntil > at) return undefined;
    clearTimeout(timer);
    this.#parked.delete(id);
    const calls = (this.#uncounted?.day === day ? this.#uncounted.calls : 0) + 1;
    this.#uncounted = { day, calls };
    return {
      kind: 'granted',
      release: () => this.#park(id),
      count: { ...(count ?? { day }), used: (count?.used ?? 0) + calls },
    };
  }

  /** Keeps a released lease for PARK_MS for this process's next call, then gives it back. */
  #park(id: string): Promise<void> {
    if (!this.#held.has(id) || this.#parked.has(id)) return Promise.resolve();
    const timer = setTimeout(() => {
      this.#parked.delete(id);
      void this.#release(id);
    }, PARK_MS);
    timer.unref();
    this.#parked.set(id, timer);
    return Promise.resolve();
  }

  /** Takes every parked lease out of this process's hands; the caller removes them from the table. */
  #unpark(): string[] {
    const ids = [...this.#parked.keys()];
    for (const id of ids) {
      clearTimeout(this.#parked.get(id));
      this.#parked.delete(id);
      this.#held.delete(id);
    }
    return ids;
  }

  async #release(id: string): Promise<void> {
    const held = this.#held.get(id);
    if (!held) return;
    this.#held.delete(id);
    this.#idle();
    try {
      await this.#withTable((table) => {
        const at = Date.now();
        leave(table, id);
        reap(table, at, SELF);
        promote(table, held.limit, at, this.#ttlMs, held.day);
        this.#grantFrom(table);
      });
    } catch (error) {
      // The lease expires on its own within the lease time; nothing is lost but those seconds.
      this.#logger.warn?.({ err: String(error) }, 'could not release a machine lease; it expires by itself');
    }
  }

  /** Resolves the waiters of this process that the table shows as holders. */
  #grantFrom(table: LeaseTable): void {
    for (const waiter of [...this.#waiting.values()]) {
      if (!table.holders.some((holder) => holder.id === waiter.id)) continue;
      this.#waiting.delete(waiter.id);
      this.#held.set(waiter.id, { limit: waiter.limit, day: waiter.day });
      waiter.resolve({
        kind: 'granted',
        release: () => this.#park(waiter.id),
        count: snapshot(table, waiter.day),
      });
    }
    this.#idle();
  }

  /** The heartbeat pass: renew ours, drop the dead, hand out free slots, and put back anything of ours lost. */
  async #beat(): Promise<void> {
    if (this.#held.size === 0 && this.#waiting.size === 0) return;
    await this.#withTable((table) => {
      const at = Date.now();
      reap(table, at, SELF);
      const until = at + this.#ttlMs;
      // Entries dropped while this process was stopped: a call still in flight holds its slot, a waiter queues again.
      for (const id of this.#held.keys()) {
        if (!table.holders.some((e) => e.id === id)) table.holders.push({ id, ...SELF, expires: until });
      }
      for (const waiter of this.#waiting.values()) {
        if (!table.holders.some((e) => e.id === waiter.id) && !table.queue.some((e) => e.id === waiter.id)) {
          table.queue.push({ id: waiter.id, ...SELF, expires: until });
        }
      }
      renew(table, new Set([...this.#held.keys(), ...this.#waiting.keys()]), until);
      const waiter = this.#waiting.values().next().value;
      if (waiter) promote(table, waiter.limit, at, this.#ttlMs, waiter.day);
      this.#grantFrom(table);
    });
  }

  /** An unlocked look at the table: enough to see a grant, which only ever comes under the lock. */
  async #look(): Promise<void> {
    if (this.#waiting.size === 0) return;
    let text: string;
    try {
      text = await readFile(this.#file, 'utf8');
    } catch {
      return;
    }
    const parsed = LeaseTableSchema.safeParse(safeJson(text));
    if (parsed.success) this.#grantFrom(parsed.data);
  }

  #keepAlive(): void {
    this.#heartbeat ??= setInterval(() => {
      this.#beat().catch((error) =>
        this.#logger.warn?.({ err: String(error) }, 'machine budget heartbeat failed'),
      );
    }, this.#ttlMs / RENEWALS_PER_LEASE).unref();
    // Referenced while someone waits: a pending report keeps the process alive, as a pending HTTP call would.
    if (this.#waiting.size > 0) this.#poll ??= setInterval(() => void this.#look(), POLL_MS);
  }

  #watch(): void {
    if (this.#watcher) return;
    try {
      const name = `${this.#file.slice(this.#dir.length + 1)}`;
      this.#watcher = watch(this.#dir, { persistent: false }, (_event, changed) => {
        if (changed === null || changed === name) void this.#look();
      });
      this.#watcher.on('error', () => this.#unwatch());
    } catch {
      // No watch on this file system: the poll alone notices grants.
    }
  }

  #unwatch(): void {
    this.#watcher?.close();
    this.#watcher = undefined;
  }

  #idle(): void {
    if (this.#waiting.size === 0) {
      clearInterval(this.#poll);
      this.#poll = undefined;
      this.#unwatch();
    }
    if (this.#waiting.size === 0 && this.#held.size === 0) {
      clearInterval(this.#heartbeat);
      this.#heartbeat = undefined;
    }
  }

  /**
   * Runs `change` on the table under the lock and writes the result back whole. The section under the lock is
   * synchronous: a few hundred bytes read and written, where the event-loop hops of asynchronous calls would cost
   * more than the work on a loaded machine (and stretch the time the lock is held). Only waiting for a lock that
   * another process holds is asynchronous.
   */
  async #withTable<T>(change: (table: LeaseTable) => T): Promise<T> {
    this.#dirReady ??= mkdir(this.#dir, { recursive: true });
    await this.#dirReady;
    // proper-lockfile (and graceful-fs under it) load with the first lease, not with the client.
    const lockfile = await loadLockfile();
    const options = {
      realpath: false,
      stale: LOCK_STALE_MS,
      // A lock held past the stale time by a stalled process was broken by another: its write still lands whole
      // (rename), and the next pass repairs the counts. Never throw from a timer.
      onCompromised: (error: Error) =>
        this.#logger.warn?.({ err: String(error) }, 'the machine budget lock was taken over'),
    };
    let unlock: () => unknown;
    try {
      unlock = lockfile.lockSync(this.#file, options);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
      unlock = await lockfile.lock(this.#file, { ...options, retries: LOCK_RETRIES });
    }
    try {
      const table = this.#read();
      if (this.#uncounted) {
        dayCount(table, this.#uncounted.day).used += this.#uncounted.calls;
        this.#uncounted = undefined;
      }
      const result = change(table);
      const temp = `${this.#file}.${SELF.pid}.${randomUUID().slice(0, 8)}.tmp`;
      writeFileSync(temp, JSON.stringify(table));
      renameSync(temp, this.#file);
      return result;
    } finally {
      try {
        await unlock();
      } catch {
        // Already released (compromised and taken over): nothing of ours to remove.
      }
    }
  }

  #read(): LeaseTable {
    let text: string;
    try {
      text = readFileSync(this.#file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyTable();
      throw error;
    }
    const parsed = LeaseTableSchema.safeParse(safeJson(text));
    if (parsed.success) return parsed.data;
    // Not ours or damaged: start over. Leases in it are lost, which at worst lets a call or two through early.
    this.#logger.warn?.({ file: this.#file }, 'the machine lease table was unreadable; started afresh');
    return emptyTable();
  }

  /** Records the platform's refusal for the daily quota, for every process of the machine. */
  async markExhausted(day: string, resetsAt: number): Promise<void> {
    await this.#withTable((table) => {
      const count = dayCount(table, day);
      count.exhaustedUntil = resetsAt;
      // This call was counted but refused: the calls before it are what the platform allowed.
      count.learnedLimit ??= Math.max(0, count.used - 1);
    });
  }

  /** Gives back the leases kept for a next call (the others end with their calls). */
  async close(): Promise<void> {
    const parked = this.#unpark();
    this.#idle();
    if (parked.length === 0 && this.#uncounted === undefined) return;
    await this.#withTable((table) => {
      for (const id of parked) leave(table, id);
      const waiter = this.#waiting.values().next().value;
      if (waiter) promote(table, waiter.limit, Date.now(), this.#ttlMs, waiter.day);
    }).catch((error) =>
      this.#logger.warn?.(
        { err: String(error) },
        'could not give the kept leases back; they expire by themselves',
      ),
    );
  }
}

function snapshot(table: LeaseTable, day: string): DayCountSnapshot | undefined {
  return table.quota?.day === day ? { ...table.quota } : undefined;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export interface MachineBudgetHandle {
  acquire(limit: number, day: string, now: () => number, signal: AbortSignal): Promise<MachineEntry>;
  markExhausted(day: string, resetsAt: number): Promise<void>;
  close(): Promise<void>;
}

const REGISTRY_KEY = Symbol.for('@wolkvox-mcp/client/machine-budgets');

/**
 * The process's handle on a token's machine budget: one per table file, shared by every client of the process,
 * so the heartbeat and the watch are one per token, not one per client (the first client's lease time holds).
 */
export function machineBudget(
  stateDir: string,
  key: string,
  ttlMs: number,
  logger: WolkvoxLogger,
): MachineBudgetHandle {
  const holder = globalThis as { [REGISTRY_KEY]?: Map<string, MachineBudget> };
  holder[REGISTRY_KEY] ??= new Map();
  const budgets = holder[REGISTRY_KEY];
  const dir = join(stateDir, 'budget');
  const path = join(dir, key);
  let budget = budgets.get(path);
  if (!budget) {
    budget = new MachineBudget(dir, key, ttlMs, logger);
    budgets.set(path, budget);
  }
  budget.users++;
  const shared = budget;
  let closed = false;
  return {
    acquire: (limit, day, now, signal) => shared.acquire(limit, day, now, signal),
    markExhausted: (day, resetsAt) => shared.markExhausted(day, resetsAt),
    async close() {
      if (closed) return;
      closed = true;
      shared.users--;
      if (shared.users === 0) {
        if (budgets.get(path) === shared) budgets.delete(path);
        await shared.close();
      }
    },
  };
}
