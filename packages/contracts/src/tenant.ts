/**
 * The simulated tenant's vocabulary: the record sets (entities) the emulator keeps and the attributes their
 * records carry. A registry entry binds its rows to one entity (`rows.entity`) and its fields, filters and groups to
 * that entity's attributes; both are types, so a misspelt binding fails to compile instead of answering empty or
 * drawn values at run time. contracts cannot depend on the emulator, so the vocabulary is declared here and the
 * emulator proves its records carry it (packages/mock-server/src/tenant/vocabulary.ts and its test).
 * Imported as `@wolkvox-mcp/contracts/tenant`: the emulator's concern, not the wire API at the package root.
 *
 * A field the emulator has no attribute for is not bound: it leaves `from` out and the emulator draws a plausible
 * value from the field's kind (views/fallback.ts). Drawn values are not attributes, so they are not listed here.
 */

/** What every record has: a key, its wall-clock moment and that moment's hour (`YYYYMMDDHH`). */
const RECORD = ['conn_id', 'date', 'date_hour'] as const;

/** Calendar buckets of a record's `date`, computed on read (no record stores them): every entity has them. */
export const DATE_ATTRIBUTES = [
  'date_day',
  'hour_of_day',
  'date_half_hour',
  'date_10min',
  'weekday',
] as const;

export type DateAttribute = (typeof DATE_ATTRIBUTES)[number];

/** Who and what an activity record (chats, e-mails, surveys...) involves: the identities reports join on. */
const ACTIVITY = [
  ...RECORD,
  'activity',
  'channel',
  'agent_id',
  'agent_name',
  'agent_dni',
  'skill_id',
  'skill_name',
  'campaign_id',
  'campaign_name',
  'customer_id',
  'telephone',
  'customer_phone',
] as const;

/** An agent's figures cut from the agent's timeline of a day (agent days, agent hours). */
const AGENT_STATE_FIGURES = [
  'agent_id',
  'agent_name',
  'agent_dni',
  'calls',
  'inbound',
  'outbound',
  'internal',
  'login_seconds',
  'ready_seconds',
  'inbound_seconds',
  'outbound_seconds',
  'ring_seconds',
  'acw_seconds',
  'aux_seconds',
  'handle_seconds',
  'available_seconds',
] as const;

/** How an agent's workstation connects (sessions, and the agent look-up's current network). */
const NETWORK = [
  'ip',
  'connection_type',
  'platform',
  'version',
  'latency_ms',
  'tx_jitter',
  'rx_jitter',
  'tx_ploss',
  'rx_ploss',
  'network_rejection',
] as const;

/** The entities, each with its meaning and the attributes its records carry (stored, besides DATE_ATTRIBUTES). */
export const TENANT_ENTITIES = {
  calls: {
    meaning: 'One call: inbound, predictive, manual outbound, internal, transfer or conference',
    attributes: [
      ...RECORD,
      'voice_conn_id',
      'type_interaction',
      'result',
      'handled_by',
      'via_ivr',
      'ivr_seconds',
      'routing_point_id',
      'agent_id',
      'agent_name',
      'agent_dni',
      'skill_id',
      'skill_name',
      'customer_id',
      'campaign_id',
      'telephone',
      'destiny',
      'time',
      'queue_seconds',
      'talk_seconds',
      'hold_seconds',
      'mute_seconds',
      'hold_mute_count',
      'cost',
      'hang_up',
      'amd_result',
      'amd_file',
      'cod_act',
      'description_cod_act',
      'cod_act_2',
      'description_cod_act_2',
      'comments',
      'cod_act_groups',
      'hit',
      'channel',
      'menu_option',
      'menu_description',
      'ivr_result',
      'dial_result',
      'campaign_records',
      'campaign_clean',
      'campaign_status',
      'campaign_label',
    ],
  },
  transfers: {
    meaning:
      'One transferred digital interaction (e-mail, chat, WhatsApp) from an agent to an agent or a queue',
    attributes: [
      ...RECORD,
      'channel',
      'transfer_agent_id',
      'transfer_agent_name',
      'transfer_agent_dni',
      'receiver_agent_id',
      'receiver_agent_name',
      'receiver_agent_dni',
      'skill_id',
      'customer_id',
    ],
  },
  agent_sessions: {
    meaning:
      "One agent's session in wolkvox Agent that day: its figures so far, its state now and the workstation's " +
      'network; on the day in progress only the sessions still open',
    attributes: [
      ...RECORD,
      ...AGENT_STATE_FIGURES,
      'agent_label',
      'login',
      'logout',
      'agent_status',
      'state_seconds',
      'last_date',
      ...NETWORK,
    ],
  },
  skill_hours: {
    meaning:
      "One hour of a skill's queue: calls offered, answered, abandoned, within service, callers, talk, the calls " +
      'waiting at the clock and the agents the hour needed',
    attributes: [
      ...RECORD,
      'skill_id',
      'skill_name',
      'offered',
      'answered',
      'abandoned',
      'answered_10',
      'answered_20',
      'answered_30',
      'unique_callers',
      'talk_seconds',
      'in_queue_now',
      'agents_needed',
    ],
  },
  server_status: {
    meaning:
      'The dedicated server at an instant: calls in progress, agents connected and on a call, CPU and RAM',
    attributes: [
      ...RECORD,
      'calls',
      'connected_agents',
      'agents_on_call',
      'cpu_avg_10s',
      'cpu_max_10s',
      'cpu_min_10s',
      'ram',
    ],
  },
  agent_days: {
    meaning: 'One agent on one worked day: calls, state times and results summed from the day',
    attributes: [
      ...RECORD,
      ...AGENT_STATE_FIGURES,
      'skill_id',
      'skill_name',
      'login',
      'logout',
      'transfers',
      'conferences',
      'hold_seconds',
      'mute_seconds',
      'inbound_handle_seconds',
      'outbound_handle_seconds',
      'busy_seconds',
      'hold_mute_count',
      'hold_mute_seconds',
      'hits',
      'rpc',
    ],
  },
  agent_hours: {
    meaning: "One hour of an agent's worked day: the agent-day figures cut by hour",
    attributes: [...RECORD, ...AGENT_STATE_FIGURES],
  },
  agent_aux: {
    meaning: 'One auxiliary (not-ready) state an agent took in a day, and for how long',
    attributes: [...RECORD, 'agent_id', 'agent_name', 'agent_dni', 'aux_state', 'aux_seconds'],
  },
  cast_agents: {
    meaning: "The tenant's agents as configured (look-up), with their current workstation",
    attributes: [
      ...RECORD,
      'agent_id',
      'agent_name',
      'agent_dni',
      'skills',
      'skill_id',
      'shift',
      'status',
      'enabled',
      'agent_sso',
      ...NETWORK,
    ],
  },
  cast_skills: {
    meaning: "The tenant's skills (queues) as configured",
    attributes: [...RECORD, 'skill_id', 'skill_name', 'skill_description', 'channel', 'agents'],
  },
  cast_campaigns: {
    meaning: "The tenant's outbound campaigns as configured",
    attributes: [
      ...RECORD,
      'campaign_id',
      'campaign_name',
      'campaign_description',
      'type_campaign',
      'dial_mode',
      'skill_id',
      'status',
    ],
  },
  cast_type_codes: {
    meaning: "The tenant's typification (type) codes",
    attributes: [...RECORD, 'cod_act', 'description', 'description_cod_act', 'type_code', 'hit'],
  },
  cast_routing_points: {
    meaning: "The tenant's routing points (IVR entry points)",
    attributes: [...RECORD, 'rp_id', 'rp_name', 'name'],
  },
  cast_dnc: {
    meaning: 'Telephone numbers on the do-not-call list',
    attributes: [...RECORD, 'customer_id', 'telephone', 'phone_number', 'type'],
  },
  cast_law2300: {
    meaning: 'Customers under Colombian law 2300 (contact limits), with the last channel used',
    attributes: [...RECORD, 'customer_id', 'telephone', 'phone_number', 'last_channel'],
  },
  token_usage: {
    meaning: "The token's daily call quota and today's use",
    attributes: [
      ...RECORD,
      'description',
      'token_limit',
      'token_use_today',
      'all_token_today',
      'available_consumption_options',
    ],
  },
  chats: {
    meaning: 'One chat or digital conversation, from opening to its close and type code',
    attributes: [
      ...ACTIVITY,
      'date_close',
      'open_seconds',
      'agent_answers',
      'cod_act',
      'description_cod_act',
      'session_id',
      'rp_id',
      'transferred',
      'conversation_seed',
      'conversation',
      'times_chatted',
      'customer_chars',
      'agent_chars',
      'total_chars',
      'ASA',
      'asa',
      'time_on_agent',
      'time_on_chatbot',
      'last_participant_who_spoke',
      'last_sender',
    ],
  },
  emails: { meaning: 'One e-mail interaction', attributes: ACTIVITY },
  sms: { meaning: 'One SMS sent', attributes: ACTIVITY },
  bot_sessions: {
    meaning:
      "One turn of a bot conversation; turns of one conversation share session_id, and a chat's session its conn_id",
    attributes: [...ACTIVITY, 'session_id', 'rp_id', 'customer_query', 'routing_answer', 'go_to_agent'],
  },
  surveys: { meaning: 'One answered post-call survey', attributes: ACTIVITY },
  evaluations: { meaning: "One quality evaluation of an agent's interaction", attributes: ACTIVITY },
  agent_events: { meaning: 'One hold or mute of an agent on a call', attributes: ACTIVITY },
  speech: { meaning: 'One call analysed by speech analytics', attributes: ACTIVITY },
  copilot: { meaning: 'One wvx Copilot (Mr. Wizard) suggestion or summary', attributes: ACTIVITY },
  nlp: { meaning: 'One natural-language (intent) recognition', attributes: ACTIVITY },
  speech_synthesis: {
    meaning: 'One speech-recognition (ASR) or text-to-speech (TTS) use',
    attributes: ACTIVITY,
  },
  campaign_records: {
    meaning: 'One record of a campaign list (WhatsApp campaigns) and its status',
    attributes: ACTIVITY,
  },
  cobrowsing: { meaning: 'One co-browsing session', attributes: ACTIVITY },
  audit: {
    meaning: "One logged event of the operation: a manager's change, a notification, a law-2300 release",
    attributes: [...ACTIVITY, 'action', 'user'],
  },
  recalls: {
    meaning: 'One scheduled campaign callback, by an agent or the dialler, due at follow_up',
    attributes: [...ACTIVITY, 'follow_up'],
  },
} as const;

/** A record set of the simulated tenant: what `rows.entity` names. */
export type Entity = keyof typeof TENANT_ENTITIES;

/** The attributes a binding over entity `E` may read: those its records store plus the date buckets. */
export type AttributeOf<E extends Entity> = (typeof TENANT_ENTITIES)[E]['attributes'][number] | DateAttribute;
