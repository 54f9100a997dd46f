import type { WallTime } from '@wolkvox-mcp/contracts';
import { startOfDay } from '@wolkvox-mcp/contracts';
import { LruCache } from '../lru.js';
import { randomFor } from '../prng.js';
import { weekdayOf } from './calendar.js';
import { callContext, generateCalls } from './calls.js';
import { buildCast, type Cast } from './cast.js';
import { type DayRecords, ENTITIES, type TenantRecord } from './records.js';
import { Roster } from './roster.js';
import { generateTransfers } from './transfers.js';
import { dayStamp } from './wall-format.js';

const DAY_MS = 86_400_000;

/**
 * The simulated tenant: its cast, and its records day by day. A day is derived from the seed and the date alone
 * (each entity with its own generator), kept in an LRU of hot days, and never generated before a query needs
 * it, so a year-long run costs only the days it touches.
 */
export class Tenant {
  readonly cast: Cast;
  private readonly roster: Roster;
  private readonly days: LruCache<WallTime, DayRecords>;
  private readonly calls;

  constructor(
    readonly seed: number,
    readonly volume: number,
    cachedDays: number,
  ) {
    this.cast = buildCast(seed);
    this.roster = new Roster(this.cast);
    this.calls = callContext(this.cast, this.roster, volume);
    this.days = new LruCache(Math.max(1, cachedDays));
  }

  /** The entities records exist for. */
  entities(): readonly string[] {
    return ENTITIES;
  }

  /** Every record of the wall-clock day holding `wall`. */
  day(wall: WallTime): DayRecords {
    const day = startOfDay(wall);
    let records = this.days.get(day);
    if (!records) {
      records = this.generateDay(day);
      this.days.set(day, records);
    }
    return records;
  }

  private generateDay(day: WallTime): DayRecords {
    const weekday = weekdayOf(day);
    const key = dayStamp(day);
    const calls = generateCalls(this.calls, randomFor(this.seed, 'calls', day), day, key, weekday);
    const transfers = generateTransfers(
      this.cast,
      this.roster,
      this.volume,
      randomFor(this.seed, 'transfers', day),
      day,
      key,
      weekday,
    );
    return { day, entities: { calls, transfers }, size: calls.length + transfers.length };
  }

  /**
   * Calls `visit` for each record of `entity` with `from <= date <= to`, in date then conn_id order (days are
   * visited in order and each day's list is already sorted).
   */
  forEachRecord(entity: string, from: WallTime, to: WallTime, visit: (record: TenantRecord) => void): void {
    if (!(ENTITIES as readonly string[]).includes(entity) || to < from) return;
    for (let day = startOfDay(from); day <= to; day += DAY_MS) {
      const list = this.day(day).entities[entity] ?? [];
      for (let i = firstAtOrAfter(list, from); i < list.length; i++) {
        const record = list[i]!;
        if (record.date > to) break;
        visit(record);
      }
    }
  }
}

/** Binary search: index of the first record dated at or after `from`. */
function firstAtOrAfter(list: readonly TenantRecord[], from: WallTime): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (list[mid]!.date < from) low = mid + 1;
    else high = mid;
  }
  return low;
}
