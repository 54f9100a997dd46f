import type { WallTime } from '@wolkvox-mcp/contracts';
import type { Random } from '../prng.js';
import type { BaseRecord, CallRecord } from './records.js';
import { hourStamp, recordId } from './wall-format.js';

/**
 * One record per agent per worked day, derived from that day's calls so that the agent reports agree with the
 * call detail: `calls`, `inbound`, `outbound`, `internal` count the agent's calls, and `inbound_seconds` /
 * `outbound_seconds` sum their talk time. Login, ring, wrap-up (ACW), hold, mute and auxiliary times are drawn
 * around them; `ready_seconds` is what is left of the logged-in time. For the day the emulator's clock is in,
 * the tenant derives them from the calls so far (`until`), so agent reports and call detail agree at any time.
 */
export interface AgentDayRecord extends BaseRecord {
  agent_id: string;
  agent_name: string;
  agent_dni: string;
  skill_id: string;
  /** Name of `skill_id` (the skill of the agent's first call that day). */
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
  /** The auxiliary (not-ready) state the agent spent the day's auxiliary time in. */
  aux_state: string;
}

/** Auxiliary states configured in the simulated operation. */
const AUX_STATES = ['Break', 'Almuerzo', 'Capacitación', 'Pausa activa', 'Retroalimentación'] as const;

const INBOUND = new Set(['inbound', 'internal call_inb', 'internal call_que', 'transfer', 'conference']);
const OUTBOUND = new Set(['out_pre', 'outbound_ma']);

export function generateAgentDays(
  calls: readonly BaseRecord[],
  rng: Random,
  entityDigit: number,
  dayKey: string,
  /** For the day the clock is in: summarise only the calls up to now, and close the day at now at the latest. */
  until = Number.POSITIVE_INFINITY,
): AgentDayRecord[] {
  const byAgent = new Map<string, CallRecord[]>();
  for (const record of calls as readonly CallRecord[]) {
    if (record.handled_by !== 'agent' || !record.agent_id || record.date > until) continue;
    let list = byAgent.get(record.agent_id);
    if (!list) {
      list = [];
      byAgent.set(record.agent_id, list);
    }
    list.push(record);
  }
  const days: AgentDayRecord[] = [];
  for (const [agentId, list] of [...byAgent].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const first = list[0]!;
    const last = list[list.length - 1]!;
    const login = first.date - rng.int(5, 25) * 60_000;
    const logout = Math.min(until, last.date + (last.time + rng.int(5, 20) * 60) * 1000);
    let inbound = 0;
    let outbound = 0;
    let internal = 0;
    let transfers = 0;
    let conferences = 0;
    let inboundSeconds = 0;
    let outboundSeconds = 0;
    let ring = 0;
    let acw = 0;
    let hold = 0;
    let mute = 0;
    let holdMutes = 0;
    let hits = 0;
    let rpc = 0;
    for (const call of list) {
      const talk = Number(call.talk_seconds) || 0;
      if (OUTBOUND.has(call.type_interaction)) {
        outbound++;
        outboundSeconds += talk;
        if (call.result === 'answer') rpc++;
      } else if (INBOUND.has(call.type_interaction)) {
        inbound++;
        inboundSeconds += talk;
      } else {
        internal++;
      }
      if (call.type_interaction === 'transfer') transfers++;
      if (call.type_interaction === 'conference') conferences++;
      ring += rng.int(3, 12);
      acw += rng.int(10, 60);
      if (call.hit === 'yes') hits++;
      if (rng.chance(0.3)) {
        hold += rng.int(10, 120);
        holdMutes++;
      }
      if (rng.chance(0.15)) {
        mute += rng.int(5, 40);
        holdMutes++;
      }
    }
    const loginSeconds = Math.round((logout - login) / 1000);
    const busy = inboundSeconds + outboundSeconds + ring + acw;
    const aux = Math.min(
      Math.max(0, loginSeconds - busy),
      Math.round(loginSeconds * (0.05 + 0.1 * rng.next())),
    );
    const ready = Math.max(0, loginSeconds - busy - aux);
    days.push({
      conn_id: recordId(dayKey, entityDigit, days.length),
      // Dated at logout (or now, for the day in progress): a record never shows a call after its own date.
      date: logout,
      date_hour: hourStamp(dayKey, new Date(logout).getUTCHours()),
      agent_id: agentId,
      agent_name: first.agent_name,
      agent_dni: first.agent_dni,
      skill_id: first.skill_id,
      skill_name: first.skill_name,
      login,
      logout,
      calls: list.length,
      inbound,
      outbound,
      internal,
      transfers,
      conferences,
      login_seconds: loginSeconds,
      ready_seconds: ready,
      inbound_seconds: inboundSeconds,
      outbound_seconds: outboundSeconds,
      ring_seconds: ring,
      acw_seconds: acw,
      hold_seconds: hold,
      mute_seconds: mute,
      aux_seconds: aux,
      handle_seconds: inboundSeconds + outboundSeconds + acw,
      inbound_handle_seconds: inboundSeconds + (acw * inbound) / list.length,
      outbound_handle_seconds: outboundSeconds + (acw * outbound) / list.length,
      busy_seconds: busy,
      hold_mute_count: holdMutes,
      hold_mute_seconds: hold + mute,
      hits,
      rpc,
      aux_state: AUX_STATES[(Number(agentId) + Number(dayKey.slice(-2))) % AUX_STATES.length]!,
    });
  }
  return days.sort((a, b) => a.date - b.date || (a.conn_id < b.conn_id ? -1 : 1));
}
