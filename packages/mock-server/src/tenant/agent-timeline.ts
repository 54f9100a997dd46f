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
  /** Hold and mute seconds of each call, in `calls` order, and how many times it was held or muted. */
  hold: number[];
  mute: number[];
  holdMutes: number[];
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
    hold: timeline.hold.slice(0, calls),
    mute: timeline.mute.slice(0, calls),
    holdMutes: timeline.holdMutes.slice(0, calls),
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

/** The agent states the real-time reports name (agent_2 and agent_14 document READY, TALK, ACW, RING). */
const STATE_NAMES: Readonly<Record<SpanState, string>> = {
  ring: 'RING',
  inbound: 'TALK',
  outbound: 'TALK',
  acw: 'ACW',
  aux: 'AUX',
};

/**
 * The state a timeline cut at `at` ends in, and how long it has lasted: the span running at `at` (a talk and the
 * wrap-up after it are separate states), else Ready since the last span ended (or since login).
 */
export function stateAt(timeline: AgentTimeline, at: WallTime): { state: string; seconds: number } {
  const last = timeline.spans.at(-1);
  if (last && last.to >= at && last.from < at) {
    let from = last.from;
    // A break is often cut in two by the clock; states of one kind in a row (talk after talk) are one state.
    for (let i = timeline.spans.length - 2; i >= 0; i--) {
      const span = timeline.spans[i]!;
      if (span.to !== from || STATE_NAMES[span.state] !== STATE_NAMES[last.state]) break;
      from = span.from;
    }
    return { state: STATE_NAMES[last.state], seconds: Math.round((at - from) / SECOND) };
  }
  const since = last ? Math.max(last.to, timeline.login) : timeline.login;
  return { state: 'READY', seconds: Math.max(0, Math.round((at - since) / SECOND)) };
}
