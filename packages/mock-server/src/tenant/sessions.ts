import type { WallTime } from '@wolkvox-mcp/contracts';
import type { Cast } from './cast.js';
import { agentNetwork } from './lookups.js';
import type { BaseRecord, TenantRecord } from './records.js';
import { hourStamp, recordId } from './wall-format.js';

/**
 * Agents' sessions of a day: one record per agent from the first call the agent handles, the agents the real-time
 * agents report lists (it groups the calls agents handled so far today). The real-time latency report lists
 * only agents with an active session, each with the network it connects from (the same IP, latency, jitter and
 * loss information get_ip and info_agents show), and names an agent "<extension>-<name>" (`agent_label`).
 */

const HOUR_MS = 3_600_000;
const SESSIONS_DIGIT = 3;

export function generateSessions(
  cast: Cast,
  calls: readonly TenantRecord[],
  day: WallTime,
  dayKey: string,
): BaseRecord[] {
  const index = new Map(cast.agents.map((agent, i) => [agent.agent_id, i]));
  const started = new Set<string>();
  const sessions: BaseRecord[] = [];
  // Calls come in date order, so an agent's first handled call is the first one seen.
  for (const call of calls) {
    const agentId = call.agent_id;
    if (call.handled_by !== 'agent' || typeof agentId !== 'string' || started.has(agentId)) continue;
    const i = index.get(agentId);
    if (i === undefined) continue;
    started.add(agentId);
    const agent = cast.agents[i]!;
    sessions.push({
      conn_id: recordId(dayKey, SESSIONS_DIGIT, sessions.length),
      date: call.date,
      date_hour: hourStamp(dayKey, Math.floor((call.date - day) / HOUR_MS)),
      agent_id: agent.agent_id,
      agent_name: agent.agent_name,
      agent_label: `${agent.agent_id}-${agent.agent_name}`,
      ...agentNetwork(i),
    });
  }
  return sessions;
}
