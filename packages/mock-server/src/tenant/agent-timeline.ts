import type { WallTime } from '@wolkvox-mcp/contracts';
import type { Agent } from './cast.js';
import type { CallRecord } from './records.js';

/**
 * An agent's working day laid out as states, the way the platform's state log has it: logged in from `login` to
 * `logout`, and inside that a sequence of spans that never overlap (ring, talk, wrap-up around each call, the
 * breaks), with Ready the time left over. The floor simulation (floor.ts) writes it while it hands out the day's
 * calls, so a call waits in queue only while every agent of its skill is busy or on a break. Every agent-state
 * report (the day in agent_1, the hours in agent_8, the breaks in agent_3) and the real-time floor (agents,
 * latency, info_server) is cut from the same timeline, so their figures partition the login and add up across
 * reports to the second, at any instant of the day.
 */

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
  /** The agent's calls of the day (up to the cut on the day in progress), by date. */
  calls: CallRecord[];
  login: WallTime;
  logout: WallTime;
  /** Sorted, non-overlapping, inside [login, logout], on whole seconds. */
  spans: Span[];
  /** On a timeline cut at the clock while its agent is logged in: the state at the clock and how long it has lasted. */
  now?: AgentState;
}

export interface AgentState {
  state: string;
  seconds: number;
}

const SECOND = 1000;

/**
 * The timeline as it stands at `until` (the clock, on the day in progress): undefined when the agent has not yet
 * logged in; otherwise calls up to then, states cut there, and logged in until then (or the logout, if earlier).
 */
export function cutAt(timeline: AgentTimeline, until: WallTime): AgentTimeline | undefined {
  if (timeline.login > until) return undefined;
  if (timeline.logout <= until) return timeline;
  const end = Math.floor(until / SECOND) * SECOND;
  const spans: Span[] = [];
  for (const span of timeline.spans) {
    if (span.from >= end) break;
    spans.push(span.to <= end ? span : { ...span, to: end });
  }
  let calls = 0;
  while (calls < timeline.calls.length && timeline.calls[calls]!.date <= until) calls++;
  return {
    agent: timeline.agent,
    calls: timeline.calls.slice(0, calls),
    login: timeline.login,
    logout: Math.max(timeline.login, end),
    spans,
    now: stateAt(timeline, end),
  };
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

/**
 * The state figures every agent-state record carries (agent days, hours, sessions): the seconds per state, handle
 * time (talk + wrap-up) and the time available (login outside auxiliary states), what occupancy is measured against.
 */
export function stateFigures(states: StateSeconds) {
  return {
    login_seconds: states.login,
    ready_seconds: states.ready,
    inbound_seconds: states.inbound,
    outbound_seconds: states.outbound,
    ring_seconds: states.ring,
    acw_seconds: states.acw,
    aux_seconds: states.aux,
    handle_seconds: states.inbound + states.outbound + states.acw,
    available_seconds: states.login - states.aux,
  };
}

/** Calls counted as the agent reports count them: inbound, outbound, and internal (agent to agent). */
export function callCounts(calls: readonly CallRecord[]): {
  inbound: number;
  outbound: number;
  internal: number;
} {
  let inbound = 0;
  let outbound = 0;
  for (const call of calls) {
    if (OUTBOUND_KINDS.has(call.type_interaction)) outbound++;
    else if (INBOUND_KINDS.has(call.type_interaction)) inbound++;
  }
  return { inbound, outbound, internal: calls.length - inbound - outbound };
}

/** The agent states the real-time reports name (agent_2 and agent_14 document READY, TALK, ACW, RING). */
const STATE_NAMES: Readonly<Record<SpanState, string>> = {
  ring: 'RING',
  inbound: 'TALK',
  outbound: 'TALK',
  acw: 'ACW',
  aux: 'AUX',
};

/**
 * The state of a whole day's timeline at the second `at` begins, and how long it has lasted: the span running then
 * (one that starts at `at` already counts: the agent is ringing from that second), a run of spans with the same
 * name (two talks in a row) being one state; else Ready since the last span ended (or since login).
 */
export function stateAt(timeline: AgentTimeline, at: WallTime): AgentState {
  const spans = timeline.spans;
  let i = spans.length - 1;
  while (i >= 0 && spans[i]!.from > at) i--;
  const span = spans[i];
  if (span && span.to > at) {
    let from = span.from;
    for (let k = i - 1; k >= 0; k--) {
      const before = spans[k]!;
      if (before.to !== from || STATE_NAMES[before.state] !== STATE_NAMES[span.state]) break;
      from = before.from;
    }
    return { state: STATE_NAMES[span.state], seconds: Math.round((at - from) / SECOND) };
  }
  const since = span ? Math.max(span.to, timeline.login) : timeline.login;
  return { state: 'READY', seconds: Math.max(0, Math.round((at - since) / SECOND)) };
}
