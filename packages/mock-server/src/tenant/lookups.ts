import type { WallTime } from '@wolkvox-mcp/contracts';
import type { Cast } from './cast.js';
import type { BaseRecord } from './records.js';
import { hourStamp, recordId } from './wall-format.js';

/**
 * The tenant's configuration as records, for the information look-ups (agents, skills, campaigns, type codes,
 * routing points). Configuration has no date of its own: each day presents it at 00:00:00, so a look-up "today"
 * (the information family takes no window) sees exactly the cast every other report names.
 */
export const LOOKUPS: Record<string, (cast: Cast) => Record<string, unknown>[]> = {
  cast_agents: (cast) =>
    cast.agents.map((agent) => ({
      agent_id: agent.agent_id,
      agent_name: agent.agent_name,
      agent_dni: agent.agent_dni,
      skills: agent.skills.join(','),
      skill_id: agent.skills[0] ?? '',
      shift: agent.shift,
      status: 'active',
    })),
  cast_skills: (cast) =>
    cast.skills.map((skill) => ({
      skill_id: skill.skill_id,
      skill_name: skill.name,
      skill_description: skill.name,
      channel: skill.channel,
      agents: String(cast.agents.filter((agent) => agent.skills.includes(skill.skill_id)).length),
    })),
  cast_campaigns: (cast) =>
    cast.campaigns.map((campaign) => ({
      campaign_id: campaign.campaign_id,
      campaign_name: campaign.name,
      campaign_description: campaign.name,
      type_campaign: campaign.mode,
      dial_mode: campaign.mode,
      skill_id: campaign.skill_id,
      status: 'active',
    })),
  cast_type_codes: (cast) =>
    [...cast.codes1, ...cast.codes2, cast.timeoutAcw].map((code) => ({
      cod_act: code.code,
      description: code.description,
      description_cod_act: code.description,
      type_code: code.group,
    })),
  cast_routing_points: (cast) =>
    cast.routingPoints.map((point) => ({ rp_id: point.rp_id, rp_name: point.name, name: point.name })),
};

export function generateLookup(
  rows: Record<string, unknown>[],
  entityDigit: number,
  day: WallTime,
  dayKey: string,
): BaseRecord[] {
  return rows.map((row, index) => ({
    ...row,
    conn_id: recordId(dayKey, entityDigit, index),
    date: day,
    date_hour: hourStamp(dayKey, 0),
  }));
}
