import type { WallTime } from '@wolkvox-mcp/contracts';
import { type AgentTimeline, callCounts, stateFigures, stateSeconds } from './agent-timeline.js';
import type { Cast } from './cast.js';
import { agentNetwork } from './lookups.js';
import type { BaseRecord } from './records.js';
import { hourStamp, recordId } from './wall-format.js';

/**
 * Agents' sessions in wolkvox Agent: one record per agent who logged in that day, cut from the agent's timeline.
 * On the day in progress only the sessions still open at the clock are here (an agent who logged out is not on
 * the floor any more): what the real-time agents and latency reports list, each with its state now and how long
 * it has lasted, the day so far (calls, state times) and the network it connects from (the same IP, latency,
 * jitter and loss information get_ip and info_agents show). The agent reads as "<extension>-<name>"
 * (`agent_label`) in latency.
 */

const HOUR_MS = 3_600_000;
const SESSIONS_DIGIT = 3;

export function generateSessions(
  cast: Cast,
  timelines: readonly AgentTimeline[],
  day: WallTime,
  dayKey: string,
  until?: WallTime,
): BaseRecord[] {
  const index = new Map(cast.agents.map((agent, i) => [agent.agent_id, i]));
  const sessions: BaseRecord[] = [];
  const cut = until === undefined ? undefined : Math.floor(until / 1000) * 1000;
  for (const timeline of timelines) {
    // Only a timeline cut while its agent is logged in knows the state at the clock.
    const now = timeline.now;
    if (cut !== undefined && !now) continue;
    const { agent } = timeline;
    const i = index.get(agent.agent_id) ?? 0;
    const states = stateSeconds(timeline, timeline.login, timeline.logout);
    const last = timeline.calls.at(-1);
    sessions.push({
      conn_id: '',
      date: timeline.login,
      date_hour: hourStamp(dayKey, Math.floor((timeline.login - day) / HOUR_MS)),
      agent_id: agent.agent_id,
      agent_name: agent.agent_name,
      agent_dni: agent.agent_dni,
      agent_label: `${agent.agent_id}-${agent.agent_name}`,
      login: timeline.login,
      logout: timeline.logout,
      agent_status: now ? now.state : '',
      state_seconds: now ? now.seconds : 0,
      last_date: last ? last.date : null,
      calls: timeline.calls.length,
      ...callCounts(timeline.calls),
      ...stateFigures(states),
      ...agentNetwork(i),
    });
  }
  sessions.sort((a, b) => a.date - b.date || (String(a.agent_id) < String(b.agent_id) ? -1 : 1));
  for (let i = 0; i < sessions.length; i++) sessions[i]!.conn_id = recordId(dayKey, SESSIONS_DIGIT, i);
  return sessions;
}
