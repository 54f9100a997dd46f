import type { WallTime } from '@wolkvox-mcp/contracts';
import {
  type AgentTimeline,
  INBOUND_KINDS,
  OUTBOUND_KINDS,
  stateFigures,
  stateSeconds,
} from './agent-timeline.js';
import type { BaseRecord } from './records.js';
import { hourStamp, recordId } from './wall-format.js';

/**
 * One record per agent per worked day, the sum of the agent's timeline (agent-timeline.ts) so that the agent
 * reports agree with the call detail and with each other: `calls`, `inbound`, `outbound`, `internal` count the
 * agent's calls; the state seconds (ready, ring, inbound and outbound talk, wrap-up, auxiliary) partition
 * `login_seconds`. For the day the emulator's clock is in, the tenant derives them from the calls so far
 * (`until`), so agent reports and call detail agree at any time. An agent logged in without a call yet (a
 * shift just begun) has a day of Ready and breaks, and no calls.
 */
export interface AgentDayRecord extends BaseRecord {
  agent_id: string;
  agent_name: string;
  agent_dni: string;
  skill_id: string;
  /** Name of `skill_id` (the skill of the agent's first call that day, else the agent's primary skill). */
  skill_name: string;
  login: WallTime;
  logout: WallTime;
  calls: number;
  inbound: number;
  outbound: number;
  internal: number;
  transfers: number;
  conferences: number;
  login_seconds: number;
  ready_seconds: number;
  inbound_seconds: number;
  outbound_seconds: number;
  ring_seconds: number;
  acw_seconds: number;
  hold_seconds: number;
  mute_seconds: number;
  aux_seconds: number;
  /**
   * Handle time (talk + wrap-up), in all and per direction (talk plus the day's mean wrap-up per call), and busy
   * time (handle + ring): totals, so that averages over several days are ratios of sums, as the platform's are.
   * Talk of agent-to-agent calls counts as outbound time (the agent dialled), so the states partition the login.
   */
  handle_seconds: number;
  inbound_handle_seconds: number;
  outbound_handle_seconds: number;
  busy_seconds: number;
  /** Times the agent put a call on hold or muted it. */
  hold_mute_count: number;
  hold_mute_seconds: number;
  /** Calls coded with a code flagged HIT (the calls' `hit` attribute: a sale, a payment promise). */
  hits: number;
  /** Right-party contacts: outbound calls answered by the customer. */
  rpc: number;
  /** Logged-in time outside auxiliary states: what occupancy is measured against. */
  available_seconds: number;
}

export function generateAgentDays(
  timelines: readonly AgentTimeline[],
  entityDigit: number,
  dayKey: string,
  skillName: (skillId: string) => string,
) {
  const days: AgentDayRecord[] = [];
  for (const timeline of timelines) {
    const { agent, calls, login, logout } = timeline;
    let inbound = 0;
    let outbound = 0;
    let internal = 0;
    let transfers = 0;
    let conferences = 0;
    let hits = 0;
    let rpc = 0;
    for (const call of calls) {
      if (OUTBOUND_KINDS.has(call.type_interaction)) {
        outbound++;
        if (call.result === 'answer') rpc++;
      } else if (INBOUND_KINDS.has(call.type_interaction)) {
        inbound++;
      } else {
        internal++;
      }
      if (call.type_interaction === 'transfer') transfers++;
      if (call.type_interaction === 'conference') conferences++;
      if (call.hit === 'yes') hits++;
    }
    const states = stateSeconds(timeline, login, logout);
    let hold = 0;
    let mute = 0;
    let holdMutes = 0;
    for (const call of calls) {
      hold += call.hold_seconds;
      mute += call.mute_seconds;
      holdMutes += call.hold_mute_count;
    }
    const handle = states.inbound + states.outbound + states.acw;
    const skillId = calls[0]?.skill_id ?? agent.skills[0] ?? '';
    const perCall = (part: number) => (calls.length === 0 ? 0 : (states.acw * part) / calls.length);
    days.push({
      conn_id: recordId(dayKey, entityDigit, days.length),
      // Dated at logout (or now, for the day in progress): a record never shows a call after its own date.
      date: logout,
      date_hour: hourStamp(dayKey, new Date(logout).getUTCHours()),
      agent_id: agent.agent_id,
      agent_name: agent.agent_name,
      agent_dni: agent.agent_dni,
      skill_id: skillId,
      skill_name: calls[0]?.skill_name ?? skillName(skillId),
      login,
      logout,
      calls: calls.length,
      inbound,
      outbound,
      internal,
      transfers,
      conferences,
      ...stateFigures(states),
      hold_seconds: hold,
      mute_seconds: mute,
      inbound_handle_seconds: states.inbound + perCall(inbound),
      outbound_handle_seconds: states.outbound + perCall(outbound + internal),
      busy_seconds: handle + states.ring,
      hold_mute_count: holdMutes,
      hold_mute_seconds: hold + mute,
      hits,
      rpc,
    });
  }
  return days.sort((a, b) => a.date - b.date || (a.conn_id < b.conn_id ? -1 : 1));
}
