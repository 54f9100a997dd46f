import type { WallTime } from '@wolkvox-mcp/contracts';
import type { Random } from '../prng.js';
import type { Span, SpanState } from './agent-timeline.js';
import { agentHours, type Weekday } from './calendar.js';
import type { Agent, Cast } from './cast.js';

/**
 * The floor of one day: who is logged in, when they are free, and what they did. The day's calls are handed out
 * in the order they need an agent, each to the agent of its skill who is free soonest (of those free now, the one
 * idle longest), as an ACD routes; a queued caller waits until then, or hangs up when that is past their
 * patience. Breaks are planned per agent (a lunch mid-shift, a few short breaks) and taken at the planned time or,
 * when the agent is on a call then, right after its wrap-up. So a call waits only while every agent of its skill
 * is ringing, talking, wrapping up or on a break: never while one of them sits Ready.
 */

const MINUTE = 60_000;
const HOUR = 3_600_000;
const SECOND = 1000;

interface PlannedBreak {
  state: string;
  at: WallTime;
  minutes: number;
}

/** One agent's place on the day's floor. */
export interface Seat {
  agent: Agent;
  /** Position in the cast (stable tie-break). */
  index: number;
  login: WallTime;
  logout: WallTime;
  /** When the agent's last call's wrap-up (or last break) ends. */
  freeAt: WallTime;
  breaks: PlannedBreak[];
  nextBreak: number;
  spans: Span[];
}

/** What an agent does with a call: ring, talk and wrap-up seconds, and whether the talk counts as inbound. */
export interface Work {
  ring: number;
  talk: number;
  acw: number;
  talkState: SpanState;
}

/**
 * A seat once the day is over, kept with the day's calls until the day leaves the cache: its spans in order, in
 * typed arrays (a busy day holds thousands; objects would weigh on every call report that never reads them).
 */
export interface ClosedSeat {
  agent: Agent;
  login: WallTime;
  logout: WallTime;
  from: Float64Array;
  to: Float64Array;
  state: Uint8Array;
  /** The auxiliary state's name of each `aux` span, by span index. */
  aux: ReadonlyMap<number, string>;
}

const SPAN_STATES: readonly SpanState[] = ['ring', 'inbound', 'outbound', 'acw', 'aux'];

/** The seat's spans in order, packed. */
export function closeSeat(seat: Seat): ClosedSeat {
  const spans = [...seat.spans].sort((a, b) => a.from - b.from);
  const from = new Float64Array(spans.length);
  const to = new Float64Array(spans.length);
  const state = new Uint8Array(spans.length);
  const aux = new Map<number, string>();
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i]!;
    from[i] = span.from;
    to[i] = span.to;
    state[i] = SPAN_STATES.indexOf(span.state);
    if (span.auxState !== undefined) aux.set(i, span.auxState);
  }
  return { agent: seat.agent, login: seat.login, logout: seat.logout, from, to, state, aux };
}

/** A closed seat's spans as objects, in order. */
export function spansOf(seat: ClosedSeat): Span[] {
  const spans: Span[] = new Array(seat.from.length);
  for (let i = 0; i < spans.length; i++) {
    const auxState = seat.aux.get(i);
    spans[i] = {
      state: SPAN_STATES[seat.state[i]!]!,
      from: seat.from[i]!,
      to: seat.to[i]!,
      ...(auxState === undefined ? {} : { auxState }),
    };
  }
  return spans;
}

export class Floor {
  readonly seats: Seat[] = [];
  private readonly bySkill = new Map<string, Seat[]>();

  constructor(cast: Cast, day: WallTime, weekday: Weekday, rng: Random) {
    const open = agentHours(cast.profile, weekday);
    if (!open) return;
    const shifts = new Map(cast.profile.shifts.map((shift) => [shift.id, shift]));
    for (const [index, agent] of cast.agents.entries()) {
      if (!agent.workdays.includes(weekday)) continue;
      const window =
        weekday === 6
          ? open
          : (() => {
              const shift = shifts.get(agent.shift);
              return shift ? { open: shift.start, close: shift.end } : undefined;
            })();
      if (!window) continue;
      // Agents log in a few minutes before their shift and out at its end (later when a call runs over).
      const login = day + window.open * HOUR - rng.int(0, 9) * MINUTE;
      const logout = day + window.close * HOUR + rng.int(0, 4) * MINUTE;
      const seat: Seat = {
        agent,
        index,
        login,
        logout,
        freeAt: login,
        breaks: planBreaks(cast, rng, day + window.open * HOUR, day + window.close * HOUR),
        nextBreak: 0,
        spans: [],
      };
      this.seats.push(seat);
      for (const skill of agent.skills) {
        let list = this.bySkill.get(skill);
        if (!list) {
          list = [];
          this.bySkill.set(skill, list);
        }
        list.push(seat);
      }
    }
  }

  /** The agents logged into a skill today (every agent working today when `skillId` is undefined). */
  pool(skillId: string | undefined): readonly Seat[] {
    return skillId === undefined ? this.seats : (this.bySkill.get(skillId) ?? []);
  }

  /**
   * When the seat can take work wanted at `at`: its breaks planned before then are taken first (at their time, or
   * when the agent gets free); Infinity when that is past the agent's logout.
   */
  availableAt(seat: Seat, at: WallTime): number {
    while (seat.nextBreak < seat.breaks.length) {
      const planned = seat.breaks[seat.nextBreak]!;
      const free = Math.max(seat.freeAt, seat.login);
      if (planned.at > Math.max(at, free)) break;
      seat.nextBreak++;
      const from = Math.max(planned.at, free);
      if (from >= seat.logout) continue;
      const to = Math.min(from + planned.minutes * MINUTE, seat.logout);
      seat.spans.push({ state: 'aux', from, to, auxState: planned.state });
      seat.freeAt = to;
    }
    const when = Math.max(at, seat.freeAt, seat.login);
    return when < seat.logout ? when : Number.POSITIVE_INFINITY;
  }

  /**
   * The seat of `pool` that can take work wanted at `at` soonest, and when: of those free already, the one idle
   * the longest; undefined when nobody of the pool is logged in before their logout.
   */
  soonest(pool: readonly Seat[], at: WallTime): { seat: Seat; at: number } | undefined {
    let best: Seat | undefined;
    let bestAt = Number.POSITIVE_INFINITY;
    for (const seat of pool) {
      const when = this.availableAt(seat, at);
      if (when === Number.POSITIVE_INFINITY) continue;
      if (
        when < bestAt ||
        (when === bestAt &&
          best !== undefined &&
          Math.max(seat.freeAt, seat.login) < Math.max(best.freeAt, best.login))
      ) {
        best = seat;
        bestAt = when;
      }
    }
    return best ? { seat: best, at: bestAt } : undefined;
  }

  /** The seat takes a call from `at`: ring, then talk, then wrap-up. Returns when the talk starts. */
  take(seat: Seat, at: WallTime, work: Work): WallTime {
    const talkFrom = at + work.ring * SECOND;
    const talkTo = talkFrom + work.talk * SECOND;
    const acwTo = talkTo + work.acw * SECOND;
    if (work.ring > 0) seat.spans.push({ state: 'ring', from: at, to: talkFrom });
    if (work.talk > 0) seat.spans.push({ state: work.talkState, from: talkFrom, to: talkTo });
    if (work.acw > 0) seat.spans.push({ state: 'acw', from: talkTo, to: acwTo });
    seat.freeAt = acwTo;
    // A call that runs past the shift's end keeps the agent logged in until its wrap-up is done.
    if (acwTo > seat.logout) seat.logout = acwTo;
    return talkFrom;
  }

  /** The day's seats once every call is handed out: the breaks still ahead are taken, the spans in order. */
  close(): Seat[] {
    for (const seat of this.seats) {
      this.availableAt(seat, seat.logout);
      seat.spans.sort((a, b) => a.from - b.from);
    }
    return this.seats;
  }

  /**
   * The Ready stretches of a closed seat, in order: between login, the spans, and logout. A call placed inside one
   * (`fill`) ends before the next span starts, so no call the floor handed out moves.
   */
  static gaps(seat: Seat): [WallTime, WallTime][] {
    const gaps: [WallTime, WallTime][] = [];
    let cursor = seat.login;
    for (const span of seat.spans) {
      if (span.from > cursor) gaps.push([cursor, span.from]);
      cursor = Math.max(cursor, span.to);
    }
    if (seat.logout > cursor) gaps.push([cursor, seat.logout]);
    return gaps;
  }

  /**
   * A closed seat places a call inside one of its Ready stretches (from `gaps`, read before the first fill): its
   * spans are appended, and put back in order when the day's timelines are read.
   */
  fill(seat: Seat, at: WallTime, work: Work): void {
    const talkFrom = at + work.ring * SECOND;
    const talkTo = talkFrom + work.talk * SECOND;
    if (work.ring > 0) seat.spans.push({ state: 'ring', from: at, to: talkFrom });
    if (work.talk > 0) seat.spans.push({ state: work.talkState, from: talkFrom, to: talkTo });
    if (work.acw > 0) seat.spans.push({ state: 'acw', from: talkTo, to: talkTo + work.acw * SECOND });
  }
}

/**
 * A shift's breaks: a lunch past the middle of the shift (in shifts long enough) and a few short breaks spread
 * over it, each in a distinct auxiliary state, on whole minutes. As a workforce team schedules them, each falls
 * in the quieter hours of its window (weighted by how little traffic the hour has), so breaks do not pile up on
 * the peak.
 */
function planBreaks(cast: Cast, rng: Random, start: WallTime, end: WallTime): PlannedBreak[] {
  const { states, lunch, short } = cast.profile.breaks;
  const minutes = (end - start) / MINUTE;
  const breaks: PlannedBreak[] = [];
  const at = (from: number, to: number) => start + quietMinute(cast, rng, start, from, to) * MINUTE;
  if (minutes >= lunch.minShiftHours * 60) {
    const length = rng.int(lunch.minutes[0], lunch.minutes[1]);
    breaks.push({ state: lunch.state, at: at(minutes * 0.45, minutes * 0.8 - length), minutes: length });
  }
  const others = states.filter((state) => state !== lunch.state);
  const count = Math.min(others.length, rng.int(short.count[0], short.count[1]));
  for (let k = 0; k < count; k++) {
    const state = others.splice(rng.int(0, others.length - 1), 1)[0]!;
    const middle = (minutes * (k + 1)) / (count + 1);
    breaks.push({
      state,
      at: at(middle - 60, middle + 60),
      minutes: rng.int(short.minutes[0], short.minutes[1]),
    });
  }
  return breaks.sort((a, b) => a.at - b.at);
}

/** A minute of [from, to) after the shift's start, drawn with weight 1 / traffic of its hour squared. */
function quietMinute(cast: Cast, rng: Random, start: WallTime, from: number, to: number): number {
  const first = Math.max(0, Math.round(from));
  const last = Math.max(first, Math.round(to));
  const day = start - (start % (24 * HOUR));
  const weights: number[] = [];
  let total = 0;
  for (let minute = first; minute <= last; minute += 5) {
    const hour = Math.floor((start + minute * MINUTE - day) / HOUR);
    const traffic = cast.profile.hourShape[hour] ?? 0.5;
    const weight = 1 / (traffic * traffic);
    weights.push(weight);
    total += weight;
  }
  let roll = rng.next() * total;
  for (let i = 0; i < weights.length; i++) {
    roll -= weights[i]!;
    if (roll < 0) return first + i * 5 + rng.int(0, 4);
  }
  return last;
}
