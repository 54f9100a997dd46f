import type { WallTime } from '@wolkvox-mcp/contracts';
import { DAY_MS, DEFAULT_TIME_ZONE, startOfDay } from '@wolkvox-mcp/contracts';
import { LRUCache } from 'lru-cache';
import { randomFor } from '../prng.js';
import { generateAgentAux } from './agent-aux.js';
import { generateAgentDays } from './agent-days.js';
import { generateAgentHours } from './agent-hours.js';
import { type AgentTimeline, cutAt } from './agent-timeline.js';
import { generateBotSessions } from './bots.js';
import { weekdayOf } from './calendar.js';
import { type CallContext, type CallDay, callContext, generateCalls, timelinesOf } from './calls.js';
import { buildCast, type Cast } from './cast.js';
import type { TenantDay } from './day.js';
import type { ClosedSeat } from './floor.js';
import { ACTIVITIES, activityLookback, generateActivity } from './generic.js';
import { generateLookup, LOOKUPS } from './lookups.js';
import { DEFAULT_PROFILE, type TenantProfile } from './profile.js';
import type { CallRecord, DayRecords, TenantRecord } from './records.js';
import { Roster } from './roster.js';
import { generateServerStatus } from './server-status.js';
import { generateSessions } from './sessions.js';
import { generateSkillHours } from './skill-hours.js';
import { generateTransfers } from './transfers.js';
import { dayStamp } from './wall-format.js';

interface Generation {
  calls: CallContext;
  roster: Roster;
  cast: Cast;
  volume: number;
}

/** What a generator of one entity's day is given. */
interface DayInput {
  g: Generation;
  seed: number;
  day: WallTime;
  key: string;
  /** Another entity's records of the same day. */
  records: (entity: string) => readonly TenantRecord[];
  /** The agents' timelines of the day, cut at `until` on the day in progress. */
  timelines: () => readonly AgentTimeline[];
  /** The clock, on the day in progress: a live summary describes the day up to here. */
  until?: WallTime;
  /** Keeps the floor that handled a day's calls, for as long as those calls are kept. */
  keep: (day: CallDay) => CallRecord[];
}

type Generator = (input: DayInput) => TenantRecord[];

function skillNameOf(cast: Cast, skillId: string): string {
  return cast.skills.find((skill) => skill.skill_id === skillId)?.name ?? '';
}

/** One entity's day to generate, with the entity's own random stream. */
function tenantDay({ g, seed, day, key }: DayInput, entity: string): TenantDay {
  return {
    cast: g.cast,
    roster: g.roster,
    volume: g.volume,
    rng: randomFor(seed, entity, day),
    day,
    dayKey: key,
    weekday: weekdayOf(day),
  };
}

/**
 * How each entity's records for one day are made. Each entity draws from its own generator; derived entities
 * (agent days, the floor now) read the same day's records or agents' timelines, so they agree with them.
 */
const GENERATORS: Record<string, Generator> = {
  calls: ({ g, seed, day, key, keep }) =>
    keep(generateCalls(g.calls, randomFor(seed, 'calls', day), day, key, weekdayOf(day))),
  transfers: (input) => generateTransfers(tenantDay(input, 'transfers'), input.records('chats')),
  agent_sessions: ({ g, day, key, timelines, until }) =>
    generateSessions(g.cast, timelines(), day, key, until),
  agent_days: ({ g, key, timelines }) =>
    generateAgentDays(timelines(), 3, key, (id) => skillNameOf(g.cast, id)),
  agent_hours: ({ day, key, timelines }) => generateAgentHours(timelines(), 4, day, key),
  agent_aux: ({ key, timelines }) => generateAgentAux(timelines(), 5, key),
  skill_hours: ({ g, day, key, records, timelines, until }) =>
    generateSkillHours(g.cast, records('calls') as readonly CallRecord[], timelines(), day, key, until),
  server_status: ({ day, key, records, timelines, until }) =>
    generateServerStatus(records('calls') as readonly CallRecord[], timelines(), day, key, until),
};

/**
 * Entities that summarise other records of their day. On the day the clock is in they are derived from what has
 * happened so far (and not cached, as they change with the clock); on other days they are ordinary records.
 */
const LIVE_SUMMARIES = new Set([
  'agent_days',
  'agent_hours',
  'agent_aux',
  'agent_sessions',
  'skill_hours',
  'server_status',
]);
for (const [index, [name, rows]] of Object.entries(LOOKUPS).entries()) {
  GENERATORS[name] = ({ g, day, key }) => generateLookup(rows(g.cast), 40 + index, day, key);
}
for (const [index, [name, spec]] of Object.entries(ACTIVITIES).entries()) {
  GENERATORS[name] =
    name === 'bot_sessions'
      ? (input) => generateBotSessions(spec, 50 + index, tenantDay(input, name), input.records('chats'))
      : (input) => generateActivity(name, spec, 50 + index, tenantDay(input, name));
}

/** The entities the tenant simulates: what a registry entry's `rows.entity` may name. */
export const ENTITIES: readonly string[] = Object.keys(GENERATORS);

function isEntity(entity: string): boolean {
  return Object.hasOwn(GENERATORS, entity);
}

/**
 * The simulated tenant: its cast, and its records day by day. A day of an entity is derived from the seed and
 * the date alone, generated the first time a query needs it (a call report never pays for transfers) and kept
 * in an LRU of hot days (a day with every entity asked of it), so a year-long run holds at most `cachedDays` days.
 */
export class Tenant {
  readonly cast: Cast;
  private readonly generation: Generation;
  /** Hot days, each with the records of the entities asked for so far: `cache.days` days in all. */
  private readonly days: LRUCache<WallTime, Map<string, readonly TenantRecord[]>>;
  /** Each cached day of calls' floor, and its agent timelines once read: they live as long as those calls. */
  private readonly seats = new WeakMap<readonly TenantRecord[], readonly ClosedSeat[]>();
  private readonly timelines = new WeakMap<readonly TenantRecord[], readonly AgentTimeline[]>();

  constructor(
    readonly seed: number,
    readonly volume: number,
    cachedDays: number,
    /** The tenant's zone: conn_ids carry real instants (unix epochs) of wall times in it. */
    timeZone = DEFAULT_TIME_ZONE,
    profile: TenantProfile = DEFAULT_PROFILE,
  ) {
    this.cast = buildCast(seed, volume, profile);
    const roster = new Roster(this.cast);
    const calls = callContext(this.cast, volume, timeZone);
    this.generation = { cast: this.cast, roster, volume, calls };
    this.days = new LRUCache({ max: Math.max(1, cachedDays) });
  }

  /** The entities records exist for. */
  entities(): readonly string[] {
    return ENTITIES;
  }

  /** One entity's records of the wall-clock day holding `wall`, sorted by date then conn_id. */
  records(entity: string, wall: WallTime): readonly TenantRecord[] {
    if (!isEntity(entity)) return [];
    const day = startOfDay(wall);
    let kept = this.days.get(day);
    if (!kept) {
      kept = new Map();
      this.days.set(day, kept);
    }
    let records = kept.get(entity);
    if (!records) {
      records = this.generate(entity, day);
      kept.set(entity, records);
    }
    return records;
  }

  /** The agents' timelines of the day holding `wall` (the whole day), drawn with that day's calls. */
  agentTimelines(wall: WallTime): readonly AgentTimeline[] {
    const day = startOfDay(wall);
    const calls = this.records('calls', day);
    let timelines = this.timelines.get(calls);
    if (!timelines) {
      // Only calls drawn here have their floor kept: else draw the day again (the same draws, the same calls).
      let seats = this.seats.get(calls);
      if (!seats) {
        const again = this.generate('calls', day);
        seats = this.seats.get(again)!;
      }
      timelines = timelinesOf(seats, calls as readonly CallRecord[]);
      this.timelines.set(calls, timelines);
    }
    return timelines;
  }

  private generate(entity: string, day: WallTime, until?: WallTime): TenantRecord[] {
    return GENERATORS[entity]!({
      g: this.generation,
      seed: this.seed,
      day,
      key: dayStamp(day),
      records: (other) => this.records(other, day),
      timelines: () => {
        const whole = this.agentTimelines(day);
        if (until === undefined) return whole;
        const cut: AgentTimeline[] = [];
        for (const timeline of whole) {
          const part = cutAt(timeline, until);
          if (part) cut.push(part);
        }
        return cut;
      },
      keep: ({ calls, seats }) => {
        this.seats.set(calls, seats);
        return calls;
      },
      ...(until === undefined ? {} : { until }),
    });
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
    return this.generate(entity, startOfDay(now), now);
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
