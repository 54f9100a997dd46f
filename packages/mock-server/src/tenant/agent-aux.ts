import type { AgentTimeline } from './agent-timeline.js';
import type { BaseRecord } from './records.js';
import { hourStamp, recordId } from './wall-format.js';

/**
 * The auxiliary (not-ready) time of each agent day by state: about three rows per agent per day (agent_3), from
 * the breaks of the agent's timeline, so an agent's rows add up to the day's `aux_seconds` (agent_1 aux_time).
 */
export interface AgentAuxRecord extends BaseRecord {
  agent_id: string;
  agent_name: string;
  agent_dni: string;
  aux_state: string;
  aux_seconds: number;
}

export function generateAgentAux(
  timelines: readonly AgentTimeline[],
  entityDigit: number,
  dayKey: string,
): AgentAuxRecord[] {
  const records: AgentAuxRecord[] = [];
  for (const timeline of timelines) {
    const byState = new Map<string, number>();
    for (const span of timeline.spans) {
      if (span.state !== 'aux') continue;
      const name = span.auxState ?? '';
      byState.set(name, (byState.get(name) ?? 0) + (span.to - span.from) / 1000);
    }
    for (const [aux_state, aux_seconds] of byState) {
      records.push({
        conn_id: recordId(dayKey, entityDigit, records.length),
        // Dated with the agent day (at logout), so a window holds an agent's breaks exactly when agent_1 counts them.
        date: timeline.logout,
        date_hour: hourStamp(dayKey, new Date(timeline.logout).getUTCHours()),
        agent_id: timeline.agent.agent_id,
        agent_name: timeline.agent.agent_name,
        agent_dni: timeline.agent.agent_dni,
        aux_state,
        aux_seconds,
      });
    }
  }
  return records.sort((a, b) => a.date - b.date || (a.conn_id < b.conn_id ? -1 : 1));
}
