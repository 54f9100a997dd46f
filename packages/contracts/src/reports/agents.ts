import { type FieldSpec, field } from '../fields.js';
import { PARAMS } from '../params.js';
import { defineReport } from '../report.js';
import { F, TYPE_INTERACTION_VALUES, type_interaction } from './shared-fields.js';

/** Agents: agent_*. */

/**
 * How calls count for an agent, as the agent-day records count them: inbound (queue, transfers, conferences and
 * internal calls that came from a customer), outbound (predictive and manual) and internal (agent to agent).
 */
const INBOUND_KINDS = ['inbound', 'internal call_inb', 'internal call_que', 'transfer', 'conference'];
const OUTBOUND_KINDS = ['out_pre', 'outbound_ma'];
const INTERNAL_KINDS = ['internal call'];

/** Examples name an agent of the demo tenant (emulator seed 1) who works on weekdays, so requests return rows. */
const EXAMPLE_AGENT = { agent_id: '12298', agent_dni: '31013354' } as const;

/** How names read across reports. */
const AGENT_STATES_NOTE =
  "An agent's name is the agent record's, identical in every report (agent_*, cdr_*, act_*, chat_*, real time), " +
  'odd spacing included: the platform does not tidy it, so a name typed with a double space or without an ' +
  'accent (every tenth agent of the emulator, from the fourth) reads so everywhere. Running code that joined by ' +
  'name across a tidied spelling lost agents.';

const SOURCE_POSTMAN = (item: string) => `Postman ES 'wolkvox APIs (ES)' item 'Reportes / Agentes / ${item}'`;

/**
 * The state figures of an agent summed over agent-state records: agent days (one per agent per worked day) or
 * agent hours (all 24 hours of each agent day), both cut from the agent's timeline of that day. Counts agree with
 * the call detail (cdr_1); ready, talk, ring, wrap-up and auxiliary times partition the login time.
 */
const agentDayFigures = {
  calls: field('count', 'Calls the agent handled (inbound + outbound + internal)', {
    from: { sum: 'calls' },
  }),
  inbound: field('count', 'Inbound calls handled (queue calls, transfers and conferences received)', {
    from: { sum: 'inbound' },
  }),
  outbound: field('count', 'Outbound calls handled (predictive and manual)', { from: { sum: 'outbound' } }),
  internal: field('count', 'Internal (extension-to-extension) calls', { from: { sum: 'internal' } }),
  ready_time: field('duration', 'Time in the Ready state, waiting for a call', {
    from: { sum: 'ready_seconds' },
  }),
  inbound_time: field('duration', 'Talk time on inbound calls', { from: { sum: 'inbound_seconds' } }),
  outbound_time: field(
    'duration',
    'Talk time on outbound calls (and on agent-to-agent calls the agent placed)',
    {
      from: { sum: 'outbound_seconds' },
    },
  ),
  acw_time: field('duration', 'After-call work (wrap-up, typification) time', {
    from: { sum: 'acw_seconds' },
  }),
  ring_time: field('duration', 'Time calls rang at the agent before being answered', {
    from: { sum: 'ring_seconds' },
  }),
  login_time: field('duration', 'Time logged in to wolkvox Agent', { from: { sum: 'login_seconds' } }),
  aht: field('duration', 'Average handle time per call (talk + wrap-up)', {
    from: { ratio: 'handle_seconds', per: 'calls' },
  }),
  occupancy: field(
    'percent',
    'Talk and wrap-up time over the time available (login minus auxiliary): ' +
      '(inbound_time + outbound_time + acw_time) / (login_time - aux_time)',
    {
      from: { ratio: 'handle_seconds', per: 'available_seconds' },
      note:
        'The catalog reads it as the share of time busy on calls or wrap-up; this formula reproduces a real ' +
        'production agent_1 row to the hundredth (ring time is not in it, auxiliary time is taken out).',
    },
  ),
  aux_time: field('duration', 'Time in auxiliary (not-ready) states: breaks, training...', {
    from: { sum: 'aux_seconds' },
  }),
} as const satisfies Record<string, FieldSpec>;

/** Success and right-party figures and the per-direction AHT of agent_1 and agent_11. */
const agentDayResults = (outboundAhtName: 'aht_outbund' | 'aht_outbound') => ({
  hits: field('count', 'Calls coded with a code the operation flags as a hit (a sale, a payment promise)', {
    from: { sum: 'hits' },
  }),
  rpc: field('count', 'Right-party contacts: outbound calls answered by the line holder', {
    from: { sum: 'rpc' },
    note: 'The ES agent_1 page describes rpc as first-contact resolution; agent_11 as reaching the line holder.',
  }),
  [outboundAhtName]: field('duration', 'Average handle time of outbound calls', {
    from: { ratio: 'outbound_handle_seconds', per: 'outbound' },
  }),
  aht_inbound: field('duration', 'Average handle time of inbound calls', {
    from: { ratio: 'inbound_handle_seconds', per: 'inbound' },
  }),
});

/**
 * The same figures over calls, for reports by hour, half hour or campaign (an agent-day record cannot be split
 * by hour): counts and talk times are the calls'; state times with no call behind them (ready, ring, wrap-up,
 * login, auxiliary) and occupancy are simulated plausibly per row.
 */
const callFigures = {
  calls: field('count', 'Calls handled (inbound + outbound + internal)', { from: { count: true } }),
  inbound: field('count', 'Inbound calls handled (queue calls, transfers and conferences received)', {
    from: { count: true, where: { type_interaction: INBOUND_KINDS } },
  }),
  outbound: field('count', 'Outbound calls handled (predictive and manual)', {
    from: { count: true, where: { type_interaction: OUTBOUND_KINDS } },
  }),
  internal: field('count', 'Internal (extension-to-extension) calls', {
    from: { count: true, where: { type_interaction: INTERNAL_KINDS } },
  }),
  ready_time: field('duration', 'Time in the Ready state, waiting for a call'),
  inbound_time: field('duration', 'Talk time on inbound calls', {
    from: { sum: 'talk_seconds', where: { type_interaction: INBOUND_KINDS } },
  }),
  outbound_time: field('duration', 'Talk time on outbound calls', {
    from: { sum: 'talk_seconds', where: { type_interaction: OUTBOUND_KINDS } },
  }),
  acw_time: field('duration', 'After-call work (wrap-up, typification) time'),
  ring_time: field('duration', 'Time calls rang at the agent before being answered'),
  login_time: field('duration', 'Time logged in to wolkvox Agent'),
  aht: field('duration', 'Average handle time per call', { from: { avg: 'talk_seconds' } }),
  occupancy: field('percent', 'Share of logged-in time busy on calls, ringing or wrap-up'),
  aux_time: field('duration', 'Time in auxiliary (not-ready) states: breaks, training...'),
} as const satisfies Record<string, FieldSpec>;

const CALL_FIGURES_NOTE =
  'Emulator: call counts and talk times come from the call detail (they add up to cdr_1); ready, ring, ' +
  'wrap-up, login and auxiliary times and occupancy are simulated per row (no state log behind them).';

const agentStatus = (values: readonly string[]) =>
  field('enum', 'Agent state: READY, TALK, ACW (wrap-up), RING or an auxiliary state the operation defines', {
    values,
  });

const eventFields = {
  time: field('duration', 'How long the agent stayed in the state', { from: 'talk_seconds' }),
  date_ini: field('timestamp', 'When the state started', { from: 'date' }),
  date_end: field('timestamp', 'When the state ended'),
  conn_id: F.conn_id,
  type_interaction,
} as const;

const EVENTS_NOTE =
  'Emulator: one event per call the agent handled (conn_id, kind, telephone, destination and campaign are ' +
  "the call's, time is its talk time); the state label and end time are simulated.";

const previewTimes = {
  time_preview: field('duration', 'Time from receiving the preview record to placing the manual call'),
  ready: field('duration', 'Ready time linked to the record'),
  talk: field('duration', 'Conversation time', { from: 'talk_seconds' }),
  not_ready_acw: field('duration', 'Not-ready / wrap-up time after the call'),
  auxiliary_times: field('duration', 'Auxiliary-state time'),
  ring: field('duration', 'Ringing time'),
  total_duration: field('duration', 'Total handling duration', { from: 'time' }),
  preview_percent: field('percent', 'Preview time as a share of the total duration (may exceed 100 %)'),
} as const;

const PREVIEW_NOTE =
  'Emulator: preview calls are the manual outbound calls (outbound_ma); talk and total durations are the ' +
  "calls'; preview, ready, wrap-up, auxiliary and ring times and preview_percent are simulated.";

/** Every report of this area, keyed by id. */
export const AGENT_REPORTS = {
  agent_1: defineReport({
    api: 'agent_1',
    family: 'reports_manager',
    toolset: 'agents',
    category: 'Agents',
    title: 'Agent time by state',
    titleEs: 'Agente tiempo por estado',
    description:
      'One row per agent over the window: calls handled (inbound, outbound, internal), time in each state ' +
      '(ready, talk in/out, ring, wrap-up, auxiliary, logged in), average handle time overall and per direction, ' +
      'occupancy, hits and right-party contacts, and the first login and last logout. The headline agent ' +
      'productivity report; per hour see agent_5, per skill agent_11, per day login/logout agent_7.',
    questions: [
      'How many calls did each agent take this week, and what was their AHT?',
      'What was the occupancy of agent X yesterday?',
      'Which agents spent the most time in auxiliary states?',
    ],
    params: { agent_id: { ...PARAMS.agent_id(false), example: EXAMPLE_AGENT.agent_id } },
    fields: {
      agent_id: F.agent_id,
      agent_dni: F.agent_dni,
      agent_name: F.agent_name,
      ...agentDayFigures,
      ...agentDayResults('aht_outbund'),
      login: field('timestamp', 'First login of the agent in the window', { from: { min: 'login' } }),
      logout: field('timestamp', 'Last logout of the agent in the window', { from: { max: 'logout' } }),
    },
    rows: { entity: 'agent_days', groupBy: ['agent_id'] },
    sources: ['catalog.json agent_1 (wolkvox.com/en/apis-v2-2/1-agent-time-by-state-en-2)', 'catalog.json'],
    notes: [
      'aht_outbund is misspelled by wolkvox (confirmed in a production sample); the registry keeps the typo.',
      "Emulator: an agent's day is the agent's shift: logged in a few minutes before it starts and out when it " +
        'ends (later when a call runs over), a lunch and short breaks in auxiliary states, Ready between calls. For ' +
        'today the figures run up to the clock, the same timeline the real-time agents report reads.',
      'The Postman example msg ("Information found for the current month") is copied from the billing APIs.',
      'aht, aht_inbound, aht_outbund and occupancy over several days are ratios of the totals (handle seconds over ' +
        'calls, talk + wrap-up over login minus auxiliary seconds), not means of the daily figures.',
      'No date column: the rows cover the window asked for (running code saw none; login/logout bound the sessions).',
      AGENT_STATES_NOTE,
    ],
  }),
  agent_2: defineReport({
    api: 'agent_2',
    family: 'reports_manager',
    toolset: 'agents',
    category: 'Agents',
    title: 'Agent per event – select agent',
    titleEs: 'Agente por evento - Seleccione agente',
    description:
      'One row per state event of one agent (agent_id is required): the state (ready, talk, wrap-up, auxiliary), ' +
      'its start, end and duration, and the call it belongs to (conn_id, kind, telephone, destination, campaign). ' +
      "Use it to reconstruct an agent's timeline; for every agent at once see agent_14.",
    questions: [
      'What did agent X do yesterday, event by event?',
      'Which calls did agent X take this morning and how long did each last?',
    ],
    params: { agent_id: { ...PARAMS.agent_id(true), example: EXAMPLE_AGENT.agent_id } },
    fields: {
      agent_id: F.agent_id,
      agent_status: agentStatus(['READY', 'TALK', 'ACW', 'RING', '(operation-defined auxiliary states)']),
      ...eventFields,
      destiny: field('text', 'Destination of the interaction (route, country or INTERNAL)'),
      telephone: F.telephone,
      campaign_id: F.campaign_id,
    },
    rows: { entity: 'calls', where: { handled_by: 'agent' } },
    sources: [
      'catalog.json agent_2 (wolkvox.com/en/apis-v2-2/2-agent-per-event-select-agent-en)',
      'catalog.json',
    ],
    notes: [
      EVENTS_NOTE,
      'The older EN page writes the host without the wv prefix and .wolkvox.com; every other page uses them.',
    ],
  }),
  agent_3: defineReport({
    api: 'agent_3',
    family: 'reports_manager',
    toolset: 'agents',
    category: 'Agents',
    title: 'Auxiliary time per agent',
    titleEs: 'Tiempo auxiliar por agente',
    description:
      'One row per agent and auxiliary (not-ready) state over the whole window: the state name the operation ' +
      'configured (break, lunch, training...) and the time spent in it; about three states per agent per day. An ' +
      "agent's rows add up to agent_1's aux_time.",
    questions: [
      'How much break time did each agent take this week?',
      'Which auxiliary states consume the most time?',
    ],
    params: {},
    fields: {
      agent_id: F.agent_id,
      agent_dni: F.agent_dni,
      agent_name: F.agent_name,
      aux_state: field('text', 'Auxiliary state name configured in the operation (e.g. Break, Almuerzo)'),
      time: field('duration', 'Time spent in that state', { from: { sum: 'aux_seconds' } }),
    },
    rows: { entity: 'agent_aux', groupBy: ['agent_id', 'aux_state'] },
    sources: ['catalog.json agent_3 (wolkvox.com/en/apis-v2-2/3-auxiliary-time-per-agent)', 'catalog.json'],
    notes: [
      'The EN page is labelled "APIs Billing" (a site navigation error).',
      'Aggregates the whole window, no per-day breakdown (third-party observation).',
      'Running code saw several auxiliary-state rows per agent per day (about three), not one.',
      'Emulator: each agent day takes a lunch (Almuerzo, in shifts of 7 hours or more) and one to three short ' +
        'breaks in distinct states, at their planned time or right after the call in progress; calls wait in queue ' +
        "meanwhile. An agent's rows sum to agent_1 aux_time.",
      AGENT_STATES_NOTE,
    ],
  }),
  agent_4: defineReport({
    api: 'agent_4',
    family: 'reports_manager',
    toolset: 'agents',
    category: 'Agents',
    title: 'Agent states per campaign',
    titleEs: 'Agentes estados por campaña',
    description:
      'One row per agent and campaign: calls (inbound, outbound, internal) and state times the agent spent on ' +
      "that campaign's work, with AHT and occupancy. Calls outside any campaign form the row with an empty " +
      'campaign_id. Compare agents within an outbound campaign.',
    questions: [
      'Which agents worked campaign N this week and how many calls did they make?',
      'What is the average handle time per agent on each campaign?',
    ],
    params: {},
    fields: {
      agent_id: F.agent_id,
      agent_name: F.agent_name,
      ...callFigures,
      campaign_id: field(
        'campaign_id',
        'Campaign the activity relates to; empty for calls outside campaigns',
      ),
    },
    rows: { entity: 'calls', where: { handled_by: 'agent' }, groupBy: ['agent_id', 'campaign_id'] },
    sources: ['catalog.json agent_4 (wolkvox.com/en/apis-v2-2/4-agents-states-per-campaign)', 'catalog.json'],
    notes: [CALL_FIGURES_NOTE],
  }),
  agent_5: defineReport({
    api: 'agent_5',
    family: 'reports_manager',
    toolset: 'agents',
    category: 'Agents',
    title: 'States per hour and agent',
    titleEs: 'Estados por hora y agente',
    description:
      'One row per agent with a nested list status_x_hour: for each hour of the day (0-23) the agent worked, the ' +
      'calls (inbound, outbound, internal), state times, AHT and occupancy of that hour over the window. Shows ' +
      'when each agent is productive; for all agents together per hour see agent_6.',
    questions: [
      'At what hours does agent X take most calls?',
      'How did each agent do hour by hour yesterday?',
    ],
    params: {},
    fields: {
      agent_name: F.agent_name,
      agent_id: F.agent_id,
      status_x_hour: field('list', "The agent's figures per hour of the day", {
        groupBy: ['hour_of_day'],
        items: {
          hour: field('hour_of_day', 'Hour of the day (0-23)', { from: 'hour_of_day' }),
          ...callFigures,
        },
      }),
    },
    rows: { entity: 'calls', where: { handled_by: 'agent' }, groupBy: ['agent_id'] },
    sources: ['catalog.json agent_5 (wolkvox.com/apis-v2/5-states-per-hour-and-agent-en)', 'catalog.json'],
    notes: [CALL_FIGURES_NOTE, 'The EN page shows an empty URL field; the api value comes from Postman.'],
  }),
  agent_6: defineReport({
    api: 'agent_6',
    family: 'reports_manager',
    toolset: 'agents',
    category: 'Agents',
    title: 'States per hour',
    titleEs: 'Estados por hora',
    description:
      'One row per hour of the day agents were logged in ("13:00"), all agents combined over the window: calls ' +
      '(inbound, outbound, internal), state times, AHT and occupancy. Shows the floor’s hourly load; per agent ' +
      'see agent_5 or agent_8.',
    questions: [
      'What are our busiest hours for agents?',
      'How much talk time do agents log per hour of the day?',
    ],
    params: {},
    fields: {
      hour: field('hour_label', 'Hour of the day (HH:00), all agents combined', {
        from: 'hour_of_day',
        note: 'FACTS.md reads the hour as 0-23; running code against the platform saw "13:00".',
      }),
      ...agentDayFigures,
    },
    rows: { entity: 'agent_hours', where: { login_seconds: { gt: 0 } }, groupBy: ['hour_of_day'] },
    sources: ['catalog.json agent_6 (wolkvox.com/en/apis-v2-2/6-states-per-hour)', 'catalog.json'],
    notes: [
      'Emulator: the sum of agent_8’s rows of each hour of the day over the window (hours with someone logged in).',
    ],
  }),
  agent_7: defineReport({
    api: 'agent_7',
    family: 'reports_manager',
    toolset: 'agents',
    category: 'Agents',
    title: 'Login – logout time',
    titleEs: 'Tiempo de logueo (Login – Logout)',
    description:
      'One row per agent per day worked: the day, first login, last logout and the connected time between them. ' +
      'Answers attendance and punctuality questions; narrow to one agent with agent_dni.',
    questions: [
      'What time did each agent log in and out yesterday?',
      'How many hours was agent X connected each day this week?',
    ],
    params: { agent_dni: { ...PARAMS.agent_dni(false), example: EXAMPLE_AGENT.agent_dni } },
    fields: {
      agent_name: F.agent_name,
      agent_id: F.agent_id,
      agent_dni: F.agent_dni,
      date: field('day', 'Day of the session (YYYY-MM-DD)', { from: 'login' }),
      login: field('timestamp', 'Session start (login)'),
      logout: field('timestamp', 'Session end (logout)'),
      login_time: field('duration', 'Connected time between login and logout', { from: 'login_seconds' }),
    },
    rows: { entity: 'agent_days' },
    sources: ['catalog.json agent_7 (wolkvox.com/en/apis-v2-2/7-login-logout-time)', 'catalog.json'],
    notes: [
      'agent_dni appears only on the EN web request table (not in Postman ES): an optional filter here.',
      'The Postman table lists agent_dni but its example body omits it; the registry keeps the field.',
      AGENT_STATES_NOTE,
    ],
  }),
  agent_8: defineReport({
    api: 'agent_8',
    family: 'reports_manager',
    toolset: 'agents',
    category: 'Agents',
    title: 'Agent states – hour by hour',
    titleEs: 'Estados de agente – hora a hora',
    description:
      'One row per agent, day and hour: all 24 hours of every day the agent worked, zeros where nothing happened. ' +
      'Calls (inbound, outbound, internal) count in the hour they started; state times (login, ready, talk, ' +
      'ring, wrap-up, auxiliary) are the parts of the day’s states inside the hour, so they partition that hour’s ' +
      'login and the hours add up to agent_1. The most detailed agent time series; per half hour see agent_8_1.',
    questions: [
      'How did agent X perform hour by hour on Monday?',
      'Which agents were taking calls at 8 am each day?',
    ],
    params: {},
    fields: {
      agent_name: F.agent_name,
      agent_dni: F.agent_dni,
      agent_id: F.agent_id,
      date: field('compact_day', 'Day (YYYYMMDD)', {
        from: 'date',
        note: 'The catalog reads the day as year-month-day; running code against the platform saw "20250203".',
      }),
      hour: field('hour_label', 'Hour the figures refer to (HH:00)', {
        from: 'hour_of_day',
        note: 'Running code against the platform saw "13:00".',
      }),
      ...agentDayFigures,
    },
    // One record per agent, day and hour: each group is one hour record (grouping lets its ratios be aggregates).
    rows: { entity: 'agent_hours', groupBy: ['agent_id', 'date_day', 'hour_of_day'] },
    sources: [SOURCE_POSTMAN('8. Estados de agente – hora a hora'), 'catalog.json'],
    notes: [
      'wolkvox returns all 24 hours of an agent who worked that day, zeros for idle hours (third-party note, ' +
        'confirmed by running code).',
      'Emulator: hours come from a per-agent timeline of the day (states never overlap; calls count where they ' +
        'start), so each hour has login <= 3600 s, talk + wrap-up <= login, and states that sum to the login. ' +
        'Rows come by hour, then agent.',
      AGENT_STATES_NOTE,
    ],
  }),
  agent_8_1: defineReport({
    api: 'agent_8_1',
    family: 'reports_manager',
    toolset: 'agents',
    category: 'Agents',
    title: 'Agent states per 30 minutes',
    titleEs: 'Estados de agente por 30 minutos',
    description:
      'One row per agent and 30-minute slot worked: calls (inbound, outbound, internal), state times, AHT and ' +
      'occupancy of the slot. For staffing by half hour; per hour see agent_8.',
    questions: [
      'How busy was each agent per half hour yesterday?',
      'Which half hours had agents idle in Ready the longest?',
    ],
    params: {},
    fields: {
      agent_name: F.agent_name,
      agent_id: F.agent_id,
      agent_dni: F.agent_dni,
      date: field('day', 'Day (YYYY-MM-DD)', { from: 'date_day' }),
      hour: field('text', 'Start of the 30-minute slot (YYYY-MM-DD HH:MM)', {
        from: 'date_half_hour',
        note: 'The page says "start of the slot" without a format; the emulator writes YYYY-MM-DD HH:MM.',
      }),
      ...callFigures,
    },
    rows: { entity: 'calls', where: { handled_by: 'agent' }, groupBy: ['agent_id', 'date_half_hour'] },
    sources: [
      'catalog.json agent_8_1 (wolkvox.com/en/apis-v2-2/8-1-agent-states-for-30-minutes)',
      'catalog.json',
    ],
    notes: [CALL_FIGURES_NOTE, 'The Postman example body is not valid JSON (missing closing brackets).'],
  }),
  agent_9: defineReport({
    api: 'agent_9',
    family: 'reports_manager',
    toolset: 'agents',
    category: 'Agents',
    title: 'Hold time and mute per agent',
    titleEs: 'Hold time y mute por agente',
    description:
      'One row per agent over the window: how many times the agent put customers on hold or muted the line, and ' +
      'the hold, mute and combined time. Flags agents who leave customers waiting; per action see agent_10.',
    questions: [
      'Which agents put customers on hold the most?',
      'How much mute time did agent X use this week?',
    ],
    params: {},
    fields: {
      agent_name: F.agent_name,
      count: field('count', 'Times the agent used hold or mute', { from: { sum: 'hold_mute_count' } }),
      hold_time: field('duration', 'Time customers were kept on hold', { from: { sum: 'hold_seconds' } }),
      mute_time: field('duration', 'Time the agent was muted', { from: { sum: 'mute_seconds' } }),
      total_time: field('duration', 'Hold plus mute time', { from: { sum: 'hold_mute_seconds' } }),
    },
    rows: { entity: 'agent_days', groupBy: ['agent_id'] },
    sources: [
      'catalog.json agent_9 (wolkvox.com/en/apis-v2-2/9-hold-time-and-mute-per-agent)',
      'catalog.json',
    ],
    notes: [AGENT_STATES_NOTE],
  }),
  agent_10: defineReport({
    api: 'agent_10',
    family: 'reports_manager',
    toolset: 'agents',
    category: 'Agents',
    title: 'Hold and mute time detail',
    titleEs: 'Detalle hold y mute time',
    description:
      'One row per hold or mute action: the agent, the action, its duration and date, and the call (conn_id, ' +
      'kind, skill, telephone, customer). Drill-down of agent_9.',
    questions: [
      'On which calls did agent X put the customer on hold?',
      'How long was the longest hold yesterday?',
    ],
    params: {},
    fields: {
      agent_name: F.agent_name,
      agent_id: F.agent_id,
      type_action: field('enum', 'Action used on the call', { values: ['hold', 'mute'] }),
      conn_id: F.conn_id,
      type_interaction,
      time: field('duration', 'Duration of the action'),
      skill_id: F.skill_id,
      date: F.timestamp,
      telephone: F.telephone,
      customer_id: F.customer_id,
    },
    rows: { entity: 'agent_events' },
    sources: [SOURCE_POSTMAN('10. Detalle hold y mute time'), 'catalog.json'],
    notes: [
      'Emulator: actions are agent events (agent, skill, customer and date are real); the action, its duration ' +
        "and the call kind are simulated, and their totals do not add up to agent_9's.",
    ],
  }),
  agent_11: defineReport({
    api: 'agent_11',
    family: 'reports_manager',
    toolset: 'agents',
    category: 'Agents',
    title: 'Agent time by state grouped by skill',
    titleEs: 'Agente tiempo por estado agrupado por skill',
    description:
      'One row per skill with a nested list agents: for each agent of the skill, the same figures as agent_1 ' +
      '(calls, state times, AHT overall and per direction, occupancy, hits, right-party contacts). Compare ' +
      'agents within a queue.',
    questions: [
      'How do the agents of the Ventas skill compare on AHT and occupancy?',
      'Which agent of each skill took the most calls this week?',
    ],
    params: {},
    fields: {
      skill_name: field('text', 'Skill (queue) the grouped agents belong to'),
      agents: field('list', 'The per-agent figures within the skill', {
        groupBy: ['agent_id'],
        items: {
          agent_name: F.agent_name,
          agent_dni: F.agent_dni,
          agent_id: F.agent_id,
          ...agentDayFigures,
          ...agentDayResults('aht_outbound'),
        },
      }),
    },
    rows: { entity: 'agent_days', groupBy: ['skill_id'] },
    sources: [SOURCE_POSTMAN('11. Agente tiempo por estado agrupado por skill'), 'catalog.json'],
    notes: [
      'The ES table labels "internal" as ready time (a copy error); the registry reads it as internal calls.',
      'Here the outbound AHT is spelled aht_outbound (agent_1 spells it aht_outbund).',
      "Emulator: an agent day counts under the skill of the agent's first call that day.",
      AGENT_STATES_NOTE,
    ],
  }),
  agent_12: defineReport({
    api: 'agent_12',
    family: 'reports_manager',
    toolset: 'agents',
    category: 'Agents',
    title: 'Agent conferences and transfers',
    titleEs: 'Conferencias y transferencias de agentes',
    description:
      'One row per agent: how many calls the agent transferred and turned into conferences, and their total ' +
      'duration. Detail per call in agent_13 and agent_13_1.',
    questions: [
      'Which agents transfer the most calls?',
      'How many conferences did agent X set up this month?',
    ],
    params: {},
    fields: {
      skill_name: field('text', "Skill of the agent's transfers and conferences", {
        note: 'Listed in the Postman table only; the example body has agent_name instead.',
      }),
      agent_id: F.agent_id,
      transfer_calls: field('count', 'Calls the agent transferred', {
        from: { count: true, where: { type_interaction: 'transfer' } },
      }),
      conference_calls: field('count', 'Calls turned into conferences', {
        from: { count: true, where: { type_interaction: 'conference' } },
      }),
      total_time: field('duration', 'Combined duration of those transfers and conferences', {
        from: { sum: 'talk_seconds' },
      }),
      agent_name: F.agent_name,
    },
    rows: {
      entity: 'calls',
      where: { handled_by: 'agent', type_interaction: ['transfer', 'conference'] },
      groupBy: ['agent_id'],
    },
    sources: [SOURCE_POSTMAN('12. Conferencias y transferencias de agentes'), 'catalog.json'],
    notes: [
      'The Postman table lists skill_name, its example body agent_name: the registry keeps both.',
      "Emulator: transfer_calls and conference_calls equal the agent's transfer / conference calls in cdr_1.",
    ],
  }),
  agent_13: defineReport({
    api: 'agent_13',
    family: 'reports_manager',
    toolset: 'agents',
    category: 'Agents',
    title: 'Detailed transfers and conferences',
    titleEs: 'Transferencia y conferencias detallado',
    description:
      'One row per transfer or conference an agent made: the agent, the call (conn_id, date, telephone), whether ' +
      'it was a transfer or a conference and its duration. Drill-down of agent_12; the receiving agent is in ' +
      'agent_13_1.',
    questions: [
      'Which calls did agent X transfer yesterday?',
      'Which customers ended up in a conference call this week?',
    ],
    params: {},
    fields: {
      agent_name: F.agent_name,
      agent_id: F.agent_id,
      conn_id: F.conn_id,
      date: F.timestamp,
      telephone: F.telephone,
      type_interaction: field('enum', 'Whether the action was a transfer or a conference', {
        values: ['transfer', 'conference'],
      }),
      time: field('duration', 'Duration of the transfer or conference', { from: 'talk_seconds' }),
    },
    rows: { entity: 'calls', where: { handled_by: 'agent', type_interaction: ['transfer', 'conference'] } },
    sources: [SOURCE_POSTMAN('13. Transferencia y conferencias detallado'), 'catalog.json'],
  }),
  agent_13_1: defineReport({
    api: 'agent_13_1',
    family: 'reports_manager',
    toolset: 'agents',
    category: 'Agents',
    title: 'Specific details of transfers and conferences',
    titleEs: 'Detalle específico de transferencias y conferencias',
    description:
      'One row per transferred or conferenced call leg: its id and the original call id, date, caller (ani) and ' +
      'dialled number (dnis), skill, the originating agent and the receiving agent, duration and call kind. ' +
      'Shows who passes calls to whom.',
    questions: ['To whom did agent X transfer calls yesterday?', 'Which agents receive the most transfers?'],
    params: {},
    fields: {
      conn_id_transfer: field('conn_id', 'Id of the transferred or conferenced call leg', {
        from: 'conn_id',
      }),
      skill_id: field('skill_id', "Skill of the call; '-' when none"),
      date: F.timestamp,
      ani: field('phone', 'Originating telephone number', { from: 'telephone' }),
      origin_agent_id: field('agent_id', 'Agent who started the transfer or conference', {
        from: 'agent_id',
      }),
      origin_agent_name: field('person_name', 'Name of the originating agent', { from: 'agent_name' }),
      destiny_agent_id: field('agent_id', "Receiving agent; '-' when none"),
      destiny_agent_name: field('person_name', 'Name of the receiving agent (may be empty)'),
      dnis: field('phone', 'Number the call was directed to'),
      time: field('duration', 'Call duration', { from: 'talk_seconds' }),
      type_call: field('enum', 'Kind of call', { values: TYPE_INTERACTION_VALUES, from: 'type_interaction' }),
      id_call_origin: field('id', 'Id of the original call before the transfer or conference'),
    },
    rows: { entity: 'calls', where: { handled_by: 'agent', type_interaction: ['transfer', 'conference'] } },
    sources: [
      'catalog.json agent_13_1 (wolkvox.com/en/apis-v2-2/13-1-specific-details-of-transfers-and-conferences)',
      'catalog.json',
    ],
    notes: [
      'The page states data is [] when nothing matches; a third party observed 404 "Validate dates entered" ' +
        'for empty windows (the emulator follows its global empty-window behaviour).',
      'Emulator: the receiving agent, dnis and the original call id are simulated.',
    ],
  }),
  agent_14: defineReport({
    api: 'agent_14',
    family: 'reports_manager',
    toolset: 'agents',
    category: 'Agents',
    title: 'Event by total agent',
    titleEs: 'Evento por agente total',
    description:
      'One row per state event of every agent: agent (id, name, document), state, start, end and duration, and ' +
      'the call (conn_id, kind, telephone, destination, campaign). The all-agents version of agent_2.',
    questions: [
      'What was every agent doing between 9 and 10 am?',
      'Which agents were in talk state on campaign N yesterday?',
    ],
    params: {},
    fields: {
      agent_id: F.agent_id,
      agent_status: agentStatus(['Ready', 'talk', 'ACW', '(operation-defined auxiliary states)']),
      ...eventFields,
      destinity: field('text', 'Destination of the call (field name misspelled by wolkvox)', {
        from: 'destiny',
      }),
      telephone: F.telephone,
      campaign_id: F.campaign_id,
      agent_dni: F.agent_dni,
      agent_name: F.agent_name,
    },
    rows: { entity: 'calls', where: { handled_by: 'agent' } },
    sources: ['catalog.json agent_14 (wolkvox.com/apis-v2/14-event-by-total-agent-en)', 'catalog.json'],
    notes: [
      EVENTS_NOTE,
      'destinity is the API’s own spelling; the state values are spelled as the page shows them.',
    ],
  }),
  agent_15: defineReport({
    api: 'agent_15',
    family: 'reports_manager',
    toolset: 'agents',
    category: 'Agents',
    title: 'Detailed Preview Time report',
    titleEs: 'Reporte Detallado Preview Time',
    description:
      'One row per preview (manual outbound) call: the agent, when the record reached them, how long they took ' +
      'to dial (preview time), the ready, talk, wrap-up, auxiliary and ring times, the total and the preview share. ' +
      'Shows agents who sit on preview records; per agent see agent_16.',
    questions: [
      'How long do agents take to dial preview records?',
      'Which preview calls had the longest preparation time yesterday?',
    ],
    params: {},
    fields: {
      id_call: field('conn_id', 'Id of the call', { from: 'conn_id' }),
      id_agent: field('agent_id', 'Agent id', { from: 'agent_id' }),
      agent_name: F.agent_name,
      type_call: field('enum', 'Call type (manual outbound for preview)', {
        values: ['outbound_ma'],
        from: 'type_interaction',
      }),
      date_preview: field('timestamp', 'When the agent received the preview record', { from: 'date' }),
      ...previewTimes,
    },
    rows: { entity: 'calls', where: { handled_by: 'agent', type_interaction: 'outbound_ma' } },
    sources: [SOURCE_POSTMAN('15. Reporte Detallado Preview Time'), 'catalog.json'],
    notes: [
      PREVIEW_NOTE,
      'preview_percent may carry thousands separators in wolkvox ("15,233.33 %").',
      'The request table lists the wolkvox-token header as a parameter; it is a header.',
    ],
  }),
  agent_16: defineReport({
    api: 'agent_16',
    family: 'reports_manager',
    toolset: 'agents',
    category: 'Agents',
    title: 'Preview Time report grouped by agent',
    titleEs: 'Reporte Agrupado por agente Preview Time',
    description:
      'One row per agent: preview (manual outbound) calls made and the accumulated preview, ready, talk, ' +
      'wrap-up, auxiliary, ring and total times, with the preview share. Totals of agent_15.',
    questions: [
      'Which agents spend the most time preparing preview calls?',
      'How many preview calls did each agent make this week?',
    ],
    params: {},
    fields: {
      id_agent: field('agent_id', 'Agent id', { from: 'agent_id' }),
      agent_name: F.agent_name,
      calls: field('count', 'Preview calls handled in the window', { from: { count: true } }),
      ...previewTimes,
      talk: field('duration', 'Accumulated conversation time', { from: { sum: 'talk_seconds' } }),
      total_duration: field('duration', 'Accumulated handling duration', { from: { sum: 'time' } }),
    },
    rows: {
      entity: 'calls',
      where: { handled_by: 'agent', type_interaction: 'outbound_ma' },
      groupBy: ['agent_id'],
    },
    sources: [SOURCE_POSTMAN('16. Reporte Agrupado por agente Preview Time'), 'catalog.json'],
    notes: [PREVIEW_NOTE],
  }),
} as const;
