import type { WallTime } from '@wolkvox-mcp/contracts';
import { DAY_MS, DEFAULT_TIME_ZONE, startOfDay } from '@wolkvox-mcp/contracts';
import { LRUCache } from 'lru-cache';
import { randomFor } from '../prng.js';
import { generateAgentAux } from './agent-aux.js';
import { generateAgentDays } from './agent-days.js';
import { generateAgentHours } from './agent-hours.js';
import { agentTimelines } from './agent-timeline.js';
import { weekdayOf } from './calendar.js';
import { type CallContext, callContext, generateCalls } from './calls.js';
import { agentsFor, buildCast, type Cast } from './cast.js';
import type { TenantDay } from './day.js';
import { ACTIVITIES, activityLookback, generateActivity } from './generic.js';
import { generateLookup, LOOKUPS } from './lookups.js';
import type { CallRecord, DayRecords, TenantRecord } from './records.js';
import { Roster } from './roster.js';
import { generateSessions } from './sessions.js';
import { generateTransfers } from './transfers.js';
import { dayStamp } from './wall-format.js';

interface Generation {
  calls: CallContext;
  roster: Roster;
  cast: Cast;
  volume: number;
}

type Generator = (
  g: Generation,
  seed: number,
  day: WallTime,
  key: string,
  records: (entity: string) => readonly TenantRecord[],
  until?: WallTime,
) => TenantRecord[];

/** One entity's day to generate, with the entity's own random stream. */
function tenantDay(g: Generation, seed: number, entity: string, day: WallTime, dayKey: string): TenantDay {
  return {
    cast: g.cast,
    roster: g.roster,
    volume: g.volume,
    rng: randomFor(seed, entity, day),
    day,
    dayKey,
    weekday: weekdayOf(day),
  };
}

/**
 * The agents' timelines of a day (up to `until` on the day in progress). Every agent-state entity is cut from
 * them, each rebuilding them from the same random stream, so they all describe the same day.
 */
function timelinesOf(
  g: Generation,
  seed: number,
  day: WallTime,
  records: (entity: string) => readonly TenantRecord[],
  until?: WallTime,
) {
  return agentTimelines(
    g.cast,
    records('calls') as readonly CallRecord[],
    randomFor(seed, 'agent_days', day),
    until,
  );
}

/**
 * How each entity's records for one day are made. Each entity draws from its own generator; derived entities
 * (agent days) read the same day's records of the entity they summarise, so they agree with it.
 */
const GENERATORS: Record<string, Generator> = {
  calls: (g, seed, day, key) =>
    generateCalls(g.calls, randomFor(seed, 'calls', day), day, key, weekdayOf(day)),
  transfers: (g, seed, day, key) => generateTransfers(tenantDay(g, seed, 'transfers', day, key)),
  agent_sessions: (g, _seed, day, key, records) => generateSessions(g.cast, records('calls'), day, key),
  agent_days: (g, seed, day, key, records, until) =>
    generateAgentDays(timelinesOf(g, seed, day, records, until), 3, key),
  agent_hours: (g, seed, day, key, records, until) =>
    generateAgentHours(timelinesOf(g, seed, day, records, until), 4, day, key),
  agent_aux: (g, seed, day, key, records, until) =>
    generateAgentAux(timelinesOf(g, seed, day, records, until), 5, key),
};

/**
 * Entities that summarise other records of their day. On the day the clock is in they are derived from what has
 * happened so far (and not cached, as they change with the clock); on other days they are ordinary records.
 */
const LIVE_SUMMARIES = new Set(['agent_days', 'agent_hours', 'agent_aux']);
for (const [index, [name, rows]] of Object.entries(LOOKUPS).entries()) {
  GENERATORS[name] = (g, _seed, day, key) => generateLookup(rows(g.cast), 40 + index, day, key);
}
for (const [index, [name, spec]] of Object.entries(ACTIVITIES).entries()) {
  GENERATORS[name] = (g, seed, day, key) =>
    generateActivity(name, spec, 50 + index, tenantDay(g, seed, name, day, key));
}

/** The entities the tenant simulates: what a registry entry's `rows.entity` may name. */
export const ENTITIES: readonly string[] = Object.keys(GENERATORS);

function isEntity(entity: string): boolean {
  return Object.hasOwn(GENERATORS, entity);
}

/**
 * The simulated tenant: its cast, and its records day by day. A day of an entity is derived from the seed and
 * the date alone, generated the first time a query needs it (a call report never pays for transfers) and kept
 * in an LRU of hot days, so a year-long run costs only the days it touches.
 */
export class Tenant {
  readonly cast: Cast;
  private readonly generation: Generation;
  private readonly days: LRUCache<string, readonly TenantRecord[]>;

  constructor(
    readonly seed: number,
    readonly volume: number,
    cachedDays: number,
    /** The tenant's zone: conn_ids carry real instants (unix epochs) of wall times in it. */
    timeZone = DEFAULT_TIME_ZONE,
  ) {
    this.cast = buildCast(seed, agentsFor(volume));
    const roster = new Roster(this.cast);
    const calls = callContext(this.cast, roster, volume, timeZone);
    this.generation = { cast: this.cast, roster, volume, calls };
    this.days = new LRUCache({ max: Math.max(1, cachedDays) * ENTITIES.length });
  }

  /** The entities records exist for. */
  entities(): readonly string[] {
    return ENTITIES;
  }

  /** One entity's records of the wall-clock day holding `wall`, sorted by date then conn_id. */
  records(entity: string, wall: WallTime): readonly TenantRecord[] {
    if (!isEntity(entity)) return [];
    const day = startOfDay(wall);
    const key = `${entity}|${day}`;
    let records = this.days.get(key);
    if (!records) {
      records = GENERATORS[entity]!(this.generation, this.seed, day, dayStamp(day), (other) =>
        this.records(other, day),
      );
      this.days.set(key, records);
    }
    return records;
  }

  /** Every entity's records of the day holding `wall`. */
  day(wall: WallTime): DayRecords {
    const day = startOfDay(wall);
    const entities: Record<string, readonly TenantRecord[]> = {};
    let size = 0;
    for (const entity of ENTITIES) {
      entities[entity] = this.records(entity, day);
      size += entities[entity].length;
    }
    return { day, entities, size };
  }

  /**
   * How long after its own `date` a record of `entity` may carry a later date a report windows by (a chat's
   * `date_close`): a window on that date must look this far back.
   */
  lookback(entity: string): number {
    const activity = Object.hasOwn(ACTIVITIES, entity) ? ACTIVITIES[entity] : undefined;
    return activity ? activityLookback(activity) : 0;
  }

  /** Whether `entity` on the day holding `now` is a summary of the day so far (see LIVE_SUMMARIES). */
  isLive(entity: string, from: WallTime, to: WallTime, now: WallTime): boolean {
    return LIVE_SUMMARIES.has(entity) && from <= now && startOfDay(now) <= to;
  }

  /** A live summary of the day holding `now`, from that day's records up to `now`. Never cached. */
  private recordsSoFar(entity: string, now: WallTime): readonly TenantRecord[] {
    const day = startOfDay(now);
    return GENERATORS[entity]!(
      this.generation,
      this.seed,
      day,
      dayStamp(day),
      (other) => this.records(other, day),
      now,
    );
  }

  /**
   * Calls `visit` for each record of `entity` with `from <= date <= to`, in date then conn_id order (days are
   * visited in order and each day's list is already sorted). With `now`, a summary entity's day in progress is
   * derived from what has happened so far.
   */
  forEachRecord(
    entity: string,
    from: WallTime,
    to: WallTime,
    visit: (record: TenantRecord) => void,
    now?: WallTime,
  ): void {
    if (!isEntity(entity) || to < from) return;
    const liveDay = now !== undefined && LIVE_SUMMARIES.has(entity) ? startOfDay(now) : undefined;
    for (let day = startOfDay(from); day <= to; day += DAY_MS) {
      const list = day === liveDay ? this.recordsSoFar(entity, now!) : this.records(entity, day);
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
