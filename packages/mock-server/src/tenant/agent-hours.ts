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
 * Every hour (0-23) of every agent day, cut from the agent's timeline: the platform lists all 24 hours of an agent
 * who worked that day, zeros where nothing happened (agent_8). Calls count in the hour they started; state times
 * are the parts of the day's states inside the hour, so an hour's login is at most 3600 s, its states partition
 * its login, and an agent day's hours add up to its agent-day record (agent_1) to the second.
 */
export interface AgentHourRecord extends BaseRecord {
  agent_id: string;
  agent_name: string;
  agent_dni: string;
  calls: number;
  inbound: number;
  outbound: number;
  internal: number;
  login_seconds: number;
  ready_seconds: number;
  inbound_seconds: number;
  outbound_seconds: number;
  ring_seconds: number;
  acw_seconds: number;
  aux_seconds: number;
  /** Talk + wrap-up, and login outside auxiliary states: occupancy is the one over the other. */
  handle_seconds: number;
  available_seconds: number;
}

const HOUR_MS = 3_600_000;

export function generateAgentHours(
  timelines: readonly AgentTimeline[],
  entityDigit: number,
  day: WallTime,
  dayKey: string,
): AgentHourRecord[] {
  const hours: AgentHourRecord[] = [];
  for (const timeline of timelines) {
    const counts = Array.from({ length: 24 }, () => ({ inbound: 0, outbound: 0, internal: 0 }));
    for (const call of timeline.calls) {
      const hour = counts[Math.floor((call.date - day) / HOUR_MS)]!;
      if (OUTBOUND_KINDS.has(call.type_interaction)) hour.outbound++;
      else if (INBOUND_KINDS.has(call.type_interaction)) hour.inbound++;
      else hour.internal++;
    }
    for (let hour = 0; hour < 24; hour++) {
      const from = day + hour * HOUR_MS;
      const states = stateSeconds(timeline, from, from + HOUR_MS);
      const { inbound, outbound, internal } = counts[hour]!;
      hours.push({
        conn_id: recordId(dayKey, entityDigit, hours.length),
        // Dated at the hour's start: a window holds the hours that start in it.
        date: from,
        date_hour: hourStamp(dayKey, hour),
        agent_id: timeline.agent.agent_id,
        agent_name: timeline.agent.agent_name,
        agent_dni: timeline.agent.agent_dni,
        calls: inbound + outbound + internal,
        inbound,
        outbound,
        internal,
        ...stateFigures(states),
      });
    }
  }
  return hours.sort((a, b) => a.date - b.date || (a.conn_id < b.conn_id ? -1 : 1));
}
