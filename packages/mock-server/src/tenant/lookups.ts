import type { WallTime } from '@wolkvox-mcp/contracts';
import type { Cast } from './cast.js';
import { dialPlansOf } from './dialler.js';
import type { BaseRecord } from './records.js';
import { hourStamp, recordId } from './wall-format.js';

/**
 * The tenant's configuration as records, for the information look-ups (agents, skills, campaigns, type codes,
 * routing points). Configuration has no date of its own: each day presents it at 00:00:00, so a look-up "today"
 * (the information family takes no window) sees exactly the cast every other report names.
 */
export const LOOKUPS: Record<string, (cast: Cast) => Record<string, unknown>[]> = {
  cast_agents: (cast) =>
    cast.agents.map((agent, i) => ({
      agent_id: agent.agent_id,
      agent_name: agent.agent_name,
      agent_dni: agent.agent_dni,
      skills: agent.skills.join(','),
      skill_id: agent.skills[0] ?? '',
      shift: agent.shift,
      status: 'active',
      // Information agents / latency / get_ip: sign-on user and the agent's network, fixed per agent.
      enabled: 'yes',
      agent_sso: ssoUser(agent.agent_name),
      ...agentNetwork(i),
    })),
  cast_skills: (cast) =>
    cast.skills.map((skill) => ({
      skill_id: skill.skill_id,
      skill_name: skill.name,
      skill_description: skill.name,
      channel: skill.channel,
      agents: String(cast.agents.filter((agent) => agent.skills.includes(skill.skill_id)).length),
    })),
  cast_campaigns: (cast) => {
    const plans = dialPlansOf(cast);
    return cast.campaigns.map((campaign) => ({
      campaign_id: campaign.campaign_id,
      campaign_name: campaign.name,
      campaign_description: campaign.name,
      // wolkvox's campaign types: predictive, or preview (an agent sees the record, then dials).
      type_campaign: campaign.mode === 'manual' ? 'preview' : 'predictive',
      dial_mode: plans.get(campaign.campaign_id)?.dialMode ?? 'autopilot',
      skill_id: campaign.skill_id,
      status: 'Started',
    }));
  },
  cast_type_codes: (cast) =>
    [...cast.codes1, ...cast.codes2, cast.timeoutAcw].map((code) => ({
      cod_act: code.code,
      description: code.description,
      description_cod_act: code.description,
      type_code: code.group,
      hit: code.hit ? 'yes' : 'no',
    })),
  cast_routing_points: (cast) =>
    cast.routingPoints.map((point) => ({ rp_id: point.rp_id, rp_name: point.name, name: point.name })),
  /** Numbers on the Do-Not-Call list (information get_dnc): a fixed slice of the customers. */
  cast_dnc: (cast) =>
    cast.customers
      .filter((_, i) => i % 80 === 7)
      .map((customer, i) => ({
        customer_id: customer.customer_id,
        telephone: customer.telephone,
        phone_number: customer.telephone,
        type: i % 3 === 0 ? 'inbound' : 'outbound',
      })),
  /** Numbers protected by Colombia's Law 2300 (information law2300_info): another fixed slice of the customers. */
  cast_law2300: (cast) =>
    cast.customers
      .filter((_, i) => i % 100 === 13)
      .map((customer, i) => ({
        customer_id: customer.customer_id,
        telephone: customer.telephone,
        phone_number: customer.telephone,
        last_channel: (['voice', 'chat', 'whatsapp'] as const)[i % 3],
      })),
  /**
   * The calling token's usage (information token_info). A call over HTTP replaces this placeholder with the
   * caller's entry of the token book (limits/token-usage.ts); only a view without a request (control.rows) sees it.
   */
  token_usage: () => [
    {
      description: '',
      token_limit: '',
      token_use_today: '',
      all_token_today: '',
      available_consumption_options: '',
    },
  ],
};

/** A single-sign-on network user from a name: initial plus last surname, lower-case ASCII (`jperez`). */
function ssoUser(name: string): string {
  const words = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z ]/g, '')
    .split(' ');
  return `${words[0]?.slice(0, 1) ?? ''}${words.at(-1) ?? ''}`;
}

/**
 * Where agent `i` connects from: three in four at one of the office's three public IPs over Ethernet, the rest
 * from home over Wi-Fi, with a latency to match; desktop app or web client; the wolkvox Agent version.
 */
export function agentNetwork(i: number) {
  const home = i % 4 === 3;
  return {
    ip: home ? `181.53.${(i * 37) % 250}.${((i * 91) % 250) + 2}` : `190.85.112.${10 + (i % 3)}`,
    connection_type: home ? 'Wifi' : 'Ethernet',
    platform: i % 5 === 0 ? 'web' : 'app',
    version: i % 3 === 0 ? '3.6.11' : '3.6.12',
    latency_ms: home ? 40 + ((i * 13) % 110) : 20 + ((i * 7) % 25),
    // Jitter (ms), packet loss and call rejection (%): small on the office network, worse from home.
    tx_jitter: home ? 8 + ((i * 5) % 25) : 2 + (i % 6),
    rx_jitter: home ? 10 + ((i * 7) % 30) : 2 + ((i * 3) % 7),
    tx_ploss: home ? ((i * 17) % 30) / 10 : ((i * 3) % 5) / 10,
    rx_ploss: home ? ((i * 11) % 40) / 10 : ((i * 7) % 5) / 10,
    // Calls the extension rejected, a whole percentage as the platform writes it: 0 for nearly everyone, higher
    // for a few agents on home Wi-Fi.
    network_rejection: home ? REJECTION_AT_HOME[(i * 7) % REJECTION_AT_HOME.length]! : i % 11 === 5 ? 1 : 0,
  };
}

const REJECTION_AT_HOME = [0, 0, 1, 2, 0, 5, 25] as const;

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
