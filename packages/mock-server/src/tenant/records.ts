import type { WallTime } from '@wolkvox-mcp/contracts';
import type { TENANT_ENTITIES } from '@wolkvox-mcp/contracts/tenant';

/**
 * The simulated tenant's records. Reports are views of these: a registry entry names the entity (`rows.entity`)
 * and its fields read attributes by name. Values are raw: `date` is a WallTime, durations are seconds; the view
 * engine formats them by the field's kind. Attributes that do not apply to a record are empty strings (present,
 * so reports show them empty instead of inventing a value).
 */

/** What every record has: the view engine orders by `date` then `conn_id` and keys fallbacks on `conn_id`. */
export interface BaseRecord {
  /** Calls: `<agent or extension>.<pbx>.<unix epoch>.<sequence>` (conn-id.ts); other entities: record keys. */
  conn_id: string;
  date: WallTime;
  /** `YYYYMMDDHH` of `date`, for hourly aggregates. */
  date_hour: string;
  [attribute: string]: unknown;
}

/** One call: inbound, predictive, manual outbound, internal, transfer or conference. */
export interface CallRecord extends BaseRecord {
  /** `conn_id` plus the voice-bot conversation's leg (`.1`) for calls through the IVR, else empty. */
  voice_conn_id: string;
  type_interaction: string;
  result: string;
  /** Who handled the call: an agent, the IVR alone, or nobody (abandoned, not connected, answering machine). */
  handled_by: 'agent' | 'ivr' | 'none';
  via_ivr: 'yes' | 'no';
  ivr_seconds: number;
  routing_point_id: string;
  agent_id: string;
  agent_name: string;
  agent_dni: string;
  skill_id: string;
  /** The skill's name ('' when the call entered no skill). */
  skill_name: string;
  customer_id: string;
  campaign_id: string;
  telephone: string;
  destiny: string;
  /** Total elapsed seconds (IVR + queue + talk). */
  time: number;
  /** Seconds waiting in the skill's queue. */
  queue_seconds: number;
  /** Seconds talking with an agent. */
  talk_seconds: number;
  /** Seconds the agent held the customer and muted the line during the call, and how many times. */
  hold_seconds: number;
  mute_seconds: number;
  hold_mute_count: number;
  /** Telephone usage cost in COP (outbound minutes). */
  cost: number;
  hang_up: string;
  amd_result: string;
  amd_file: string;
  cod_act: string;
  description_cod_act: string;
  cod_act_2: string;
  description_cod_act_2: string;
  comments: string;
  /** Type-code groups the call carries (`cod_act1`, `cod_act2`), for the `cod_act` filter. */
  cod_act_groups: readonly string[];
  /** `yes` when the first-group code is flagged HIT. */
  hit: 'yes' | 'no';
  channel: 'voice';
  /** The IVR menu option the call ended on (a code the tenant chose), for calls through the IVR. */
  menu_option: string;
  menu_description: string;
  ivr_result: string;
  /** Predictive calls: the dialler's result. */
  dial_result: string;
  /** The list progress of a predictive call's campaign, set by the dialler once the day's calls exist. */
  campaign_records?: number | string;
  campaign_clean?: number | string;
  campaign_status?: string;
  campaign_label?: string;
}

/** One transferred digital interaction (e-mail, chat, WhatsApp). */
export interface TransferRecord extends BaseRecord {
  channel: 'email' | 'chat' | 'whatsapp';
  transfer_agent_id: string;
  transfer_agent_name: string;
  transfer_agent_dni: string;
  /** An agent id, or the skill id when the interaction went to a queue. */
  receiver_agent_id: string;
  /** The receiving agent's name, or `SKILL`. */
  receiver_agent_name: string;
  receiver_agent_dni: string;
  skill_id: string;
  customer_id: string;
}

/** An activity record (chats, e-mails, surveys...): the identities every activity declares (contracts' entities). */
export type ActivityRecord = BaseRecord & {
  [attribute in (typeof TENANT_ENTITIES)['emails']['attributes'][number]]: unknown;
};

export type TenantRecord = BaseRecord;

/** A day's records per entity, each list sorted by date then conn_id. */
export interface DayRecords {
  day: WallTime;
  entities: Record<string, readonly TenantRecord[]>;
  /** Total records, the day's weight in the cache. */
  size: number;
}
