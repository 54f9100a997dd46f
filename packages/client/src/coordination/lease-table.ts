/**
 * The lease table of one token on one machine: who holds the token's slots, who waits for one (in ticket order),
 * and the day's call count. It lives in a JSON file of the state directory and is only ever changed under the
 * file's lock (machine-budget.ts); everything here is a pure function of the table and the time, so the rules can
 * be read and tested apart from the file handling.
 *
 * A lease or ticket names its process (pid, host, and a per-process instance id against pid reuse) and expires
 * unless its process renews it: a process killed outright is dropped as soon as anyone sees its pid gone, a hung
 * one once its entries expire.
 */
import { z } from 'zod';

export const LeaseEntrySchema = z.object({
  id: z.string(),
  pid: z.number().int(),
  host: z.string(),
  instance: z.string(),
  /** Epoch ms after which the entry is dropped unless renewed. */
  expires: z.number(),
});
export type LeaseEntry = z.infer<typeof LeaseEntrySchema>;

export const DayCountSchema = z.object({
  /** The tenant's calendar day, YYYY-MM-DD in its time zone. */
  day: z.string(),
  /** Calls granted on this day (each lease is one HTTP call). */
  used: z.number().int().nonnegative(),
  /** Set when the platform refused a call for the daily quota: epoch ms when it resets. */
  exhaustedUntil: z.number().optional(),
  /** The quota as the platform showed it: the calls that had passed when it refused one. */
  learnedLimit: z.number().int().nonnegative().optional(),
});
export type DayCount = z.infer<typeof DayCountSchema>;

export const LeaseTableSchema = z.object({
  v: z.literal(1),
  holders: z.array(LeaseEntrySchema),
  queue: z.array(LeaseEntrySchema),
  quota: DayCountSchema.optional(),
});
export type LeaseTable = z.infer<typeof LeaseTableSchema>;

export function emptyTable(): LeaseTable {
  return { v: 1, holders: [], queue: [] };
}

/** This process, as entries name it. */
export interface Self {
  pid: number;
  host: string;
  instance: string;
}

/** Whether a pid on this host is running; a pid we may not signal (EPERM) is running. */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether an entry still stands: not expired, and (on this host) its process still runs as the one that wrote it. */
function standing(entry: LeaseEntry, now: number, self: Self, alive: (pid: number) => boolean): boolean {
  if (entry.expires < now) return false;
  if (entry.host !== self.host) return true;
  // Our own pid under another instance id: an earlier process that had our pid (a restarted container).
  if (entry.pid === self.pid) return entry.instance === self.instance;
  return alive(entry.pid);
}

/** Drops the leases and tickets of dead or hung processes; returns how many went. */
export function reap(
  table: LeaseTable,
  now: number,
  self: Self,
  alive: (pid: number) => boolean = pidAlive,
): number {
  const before = table.holders.length + table.queue.length;
  table.holders = table.holders.filter((entry) => standing(entry, now, self, alive));
  table.queue = table.queue.filter((entry) => standing(entry, now, self, alive));
  return before - table.holders.length - table.queue.length;
}

/** The day's counter, started afresh when the tenant's day changed. */
export function dayCount(table: LeaseTable, day: string): DayCount {
  if (table.quota?.day !== day) table.quota = { day, used: 0 };
  return table.quota;
}

/**
 * Gives free slots to the waiting tickets, first come first served, and counts each grant as a call of `day`.
 * A promoted ticket keeps its id: its process finds itself among the holders.
 */
export function promote(table: LeaseTable, limit: number, now: number, ttlMs: number, day: string): void {
  while (table.holders.length < limit && table.queue.length > 0) {
    const next = table.queue.shift()!;
    table.holders.push({ ...next, expires: now + ttlMs });
    dayCount(table, day).used++;
  }
}

/**
 * Takes a slot at once when one is free and nobody waits before us; otherwise queues a ticket. Returns whether
 * the slot was granted.
 */
export function enter(
  table: LeaseTable,
  entry: LeaseEntry,
  limit: number,
  now: number,
  ttlMs: number,
  day: string,
): boolean {
  table.queue.push(entry);
  promote(table, limit, now, ttlMs, day);
  return table.holders.some((holder) => holder.id === entry.id);
}

/** Removes a lease or ticket (released, or its waiter gave up); returns whether it was there. */
export function leave(table: LeaseTable, id: string): boolean {
  const before = table.holders.length + table.queue.length;
  table.holders = table.holders.filter((entry) => entry.id !== id);
  table.queue = table.queue.filter((entry) => entry.id !== id);
  return table.holders.length + table.queue.length < before;
}

/** Pushes back the expiry of this process's entries among `ids`. */
export function renew(table: LeaseTable, ids: ReadonlySet<string>, until: number): void {
  for (const entry of [...table.holders, ...table.queue]) {
    if (ids.has(entry.id)) entry.expires = until;
  }
}
