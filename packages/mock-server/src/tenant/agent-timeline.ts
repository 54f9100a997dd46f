import type { WallTime } from '@wolkvox-mcp/contracts';
import type { Random } from '../prng.js';
import type { Agent, Cast } from './cast.js';
import type { CallRecord } from './records.js';

/**
 * An agent's working day laid out as states, the way the platform's state log has it: logged in from `login` to
 * `logout`, and inside that a sequence of spans that never overlap (ring, talk, wrap-up around each call, a few
 * auxiliary breaks in the gaps), with Ready the time left over. Every agent-state report (the day in agent_1,
 * the hours in agent_8, the breaks in agent_3) is cut from the same timeline, so its figures partition the
 * login and add up across reports to the second.
 */

/** Ring before a call is answered and wrap-up (ACW) after it, in seconds. */
export const RING_SECONDS = [3, 12] as const;
export const ACW_SECONDS = [10, 60] as const;
/**
 * How long after a call's end its agent stays taken: room for the call's wrap-up and the next call's ring, so
 * the roster never hands an agent a call whose states would overlap the previous one's.
 */
export const RESERVE_MS = (RING_SECONDS[1] + ACW_SECONDS[1]) * 1000;

/** Auxiliary (not-ready) states configured in the simulated operation. */
export const AUX_STATES = ['Break', 'Almuerzo', 'Capacitación', 'Pausa activa', 'Retroalimentación'] as const;

export type SpanState = 'ring' | 'inbound' | 'outbound' | 'acw' | 'aux';

export interface Span {
  state: SpanState;
  from: WallTime;
  to: WallTime;
  /** The auxiliary state's name, for `aux` spans. */
  auxState?: string;
}

/** Call kinds whose talk is inbound time; every other kind (outbound, agent-to-agent) counts as outbound time. */
export const INBOUND_KINDS: ReadonlySet<string> = new Set([
  'inbound',
  'internal call_inb',
  'internal call_que',
  'transfer',
  'conference',
]);
export const OUTBOUND_KINDS: ReadonlySet<string> = new Set(['out_pre', 'outbound_ma']);

export interface AgentTimeline {
  agent: Agent;
  /** The agent's calls of the day (up to the clock on the day in progress), by date. */
  calls: CallRecord[];
  login: WallTime;
  logout: WallTime;
  /** Sorted, non-overlapping, inside [login, logout], on whole seconds. */
  spans: Span[];
  /** Per-call extras drawn with the timeline: hold and mute. */
  holdSeconds: number;
  muteSeconds: number;
  holdMutes: number;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** The agents' calls of a day, by agent id in id order, each list by date. */
function callsByAgent(calls: readonly CallRecord[], until: WallTime): [string, CallRecord[]][] {
  const byAgent = new Map<string, CallRecord[]>();
  for (const call of calls) {
    if (call.handled_by !== 'agent' || !call.agent_id || call.date > until) continue;
    let list = byAgent.get(call.agent_id);
    if (!list) {
      list = [];
      byAgent.set(call.agent_id, list);
    }
    list.push(call);
  }
  return [...byAgent].sort(([a], [b]) => (a < b ? -1 : 1));
}

function clip(span: Span, login: WallTime, logout: WallTime): Span | undefined {
  const from = Math.max(span.from, login);
  const to = Math.min(span.to, logout);
  return to > from ? { ...span, from, to } : undefined;
}

/** Ring, talk and wrap-up of one call: talk ends when the call does, ring right before it, wrap-up right after. */
function callSpans(call: CallRecord, ring: number, acw: number): Span[] {
  const talkEnd = call.date + call.time * SECOND;
  const talkStart = talkEnd - call.talk_seconds * SECOND;
  const talk: SpanState = INBOUND_KINDS.has(call.type_interaction) ? 'inbound' : 'outbound';
  return [
    { state: 'ring', from: talkStart - ring * SECOND, to: talkStart },
    { state: talk, from: talkStart, to: talkEnd },
    { state: 'acw', from: talkEnd, to: talkEnd + acw * SECOND },
  ];
}

/** The free stretches of [login, logout] between the call spans. */
function gapsOf(spans: readonly Span[], login: WallTime, logout: WallTime): [WallTime, WallTime][] {
  const gaps: [WallTime, WallTime][] = [];
  let cursor = login;
  for (const span of spans) {
    if (span.from > cursor) gaps.push([cursor, span.from]);
    cursor = Math.max(cursor, span.to);
  }
  if (logout > cursor) gaps.push([cursor, logout]);
  return gaps;
}

/**
 * About three auxiliary breaks (two to four distinct states), together 5-15 % of the login, each placed inside a
 * gap between calls (the largest left), so breaks never cut into a call.
 */
function auxSpans(rng: Random, gaps: [WallTime, WallTime][], loginSeconds: number): Span[] {
  const states = [...AUX_STATES];
  const count = rng.int(2, 4);
  const target = loginSeconds * (0.05 + 0.1 * rng.next());
  const spans: Span[] = [];
  for (let i = 0; i < count; i++) {
    const auxState = states.splice(rng.int(0, states.length - 1), 1)[0]!;
    const wanted = Math.round((target / count) * (0.6 + 0.8 * rng.next()));
    let largest = 0;
    for (let g = 1; g < gaps.length; g++) {
      if (gaps[g]![1] - gaps[g]![0] > gaps[largest]![1] - gaps[largest]![0]) largest = g;
    }
    const gap = gaps[largest];
    if (!gap) break;
    const room = (gap[1] - gap[0]) / SECOND;
    const seconds = Math.min(wanted, room - 1);
    if (seconds < 60) continue;
    const from = gap[0] + rng.int(0, room - seconds) * SECOND;
    const to = from + seconds * SECOND;
    spans.push({ state: 'aux', from, to, auxState });
    gaps.splice(largest, 1, [gap[0], from], [to, gap[1]]);
  }
  return spans;
}

/**
 * One timeline per agent who handled a call that day. `until` (the clock, on the day in progress) ends the day
 * early: calls after it are not yet there and states are cut at it.
 */
export function agentTimelines(
  cast: Cast,
  calls: readonly CallRecord[],
  rng: Random,
  until = Number.POSITIVE_INFINITY,
): AgentTimeline[] {
  const agents = new Map(cast.agents.map((agent) => [agent.agent_id, agent]));
  // Whole seconds, so every state time is whole seconds and the figures partition the login exactly.
  const end = Number.isFinite(until) ? Math.floor(until / SECOND) * SECOND : until;
  const timelines: AgentTimeline[] = [];
  for (const [agentId, list] of callsByAgent(calls, end)) {
    const first = list[0]!;
    const last = list[list.length - 1]!;
    const login = first.date - rng.int(5, 25) * MINUTE;
    const logout = Math.min(end, last.date + last.time * SECOND + rng.int(5, 20) * MINUTE);
    const spans: Span[] = [];
    let holdSeconds = 0;
    let muteSeconds = 0;
    let holdMutes = 0;
    for (const call of list) {
      const ring = rng.int(RING_SECONDS[0], RING_SECONDS[1]);
      const acw = rng.int(ACW_SECONDS[0], ACW_SECONDS[1]);
      for (const span of callSpans(call, ring, acw)) {
        const inside = clip(span, login, logout);
        if (inside) spans.push(inside);
      }
      if (rng.chance(0.3)) {
        holdSeconds += rng.int(10, 120);
        holdMutes++;
      }
      if (rng.chance(0.15)) {
        muteSeconds += rng.int(5, 40);
        holdMutes++;
      }
    }
    const loginSeconds = (logout - login) / SECOND;
    spans.push(...auxSpans(rng, gapsOf(spans, login, logout), loginSeconds));
    spans.sort((a, b) => a.from - b.from);
    timelines.push({
      agent: agents.get(agentId)!,
      calls: list,
      login,
      logout,
      spans,
      holdSeconds,
      muteSeconds,
      holdMutes,
    });
  }
  return timelines;
}

/** Seconds per state of the spans' parts inside [from, to), and the logged-in seconds there. */
export interface StateSeconds {
  login: number;
  ready: number;
  ring: number;
  inbound: number;
  outbound: number;
  acw: number;
  aux: number;
}

export function stateSeconds(timeline: AgentTimeline, from: WallTime, to: WallTime): StateSeconds {
  const login = Math.max(0, Math.min(to, timeline.logout) - Math.max(from, timeline.login)) / SECOND;
  const totals: StateSeconds = { login, ready: 0, ring: 0, inbound: 0, outbound: 0, acw: 0, aux: 0 };
  let busy = 0;
  for (const span of timeline.spans) {
    if (span.to <= from) continue;
    if (span.from >= to) break;
    const seconds = (Math.min(span.to, to) - Math.max(span.from, from)) / SECOND;
    totals[span.state] += seconds;
    busy += seconds;
  }
  totals.ready = login - busy;
  return totals;
}
