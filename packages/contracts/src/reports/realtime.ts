import { z } from 'zod';
import { field } from '../fields.js';
import { PARAMS } from '../params.js';
import { defineReport } from '../report.js';
import { CALL_RESULT_VALUES, F, type_interaction } from './shared-fields.js';

/**
 * Real-time reports (real_time.php): what is happening now. They take no window: each sees either the last N
 * minutes of the clock (`rows.lastMinutes`) or today so far.
 */

const POSTMAN = "Postman collection 'wolkvox APIs (ES)' (official public workspace), item 'Tiempo Real /";

/** Agent states as wolkvox names them (agent_2, agent_14); operations add their own auxiliary states. */
const AGENT_STATES = ['READY', 'TALK', 'ACW', 'RING', 'AUX'] as const;
const AGENT_STATE_NOTE =
  'The catalog lists no values for this page; agent_2 and agent_14 document READY, TALK, ACW, RING and ' +
  'operation-defined auxiliary states (AUX here).';

/** Every report of this area, keyed by id. */
export const REALTIME_REPORTS = {
  agents: defineReport({
    api: 'agents',
    family: 'real_time',
    toolset: 'realtime',
    category: 'Real time – agents',
    title: 'Real-time agent report',
    titleEs: 'Reporte tiempo real de agentes',
    description:
      'One row per agent logged in now: the current state and how long the agent has been in it, ' +
      'and today-so-far figures: calls (inbound + outbound + internal), talk time per direction, ready, ring, ' +
      'wrap-up (ACW), auxiliary and logged-in time, average handle time and occupancy. The call counts agree ' +
      'with the call detail of today up to now (cdr_1, act_3); for whole past days use agent_1.',
    questions: [
      'Which agents are on a call or in wrap-up right now?',
      'How many calls has each agent taken so far today?',
      'Who has spent the most time in auxiliary states today?',
    ],
    params: {},
    fields: {
      agent_id: F.agent_id,
      agent_name: F.agent_name,
      agent_status: field('enum', 'Current agent state', { values: AGENT_STATES, note: AGENT_STATE_NOTE }),
      calls: field('count', 'Calls handled today so far (inbound + outbound + internal)', {
        from: { sum: 'calls' },
      }),
      inbound: field('count', 'Inbound calls handled today (including transfers and conferences received)', {
        from: { sum: 'inbound' },
      }),
      outbound: field('count', 'Outbound calls handled today (predictive and manual)', {
        from: { sum: 'outbound' },
      }),
      internal: field('count', 'Internal (extension-to-extension) calls today', {
        from: { sum: 'internal' },
      }),
      time_state_now: field('seconds', 'Seconds spent so far in the current state', {
        from: { sum: 'state_seconds' },
      }),
      ready_time: field('duration', 'Time in the Ready state today', { from: { sum: 'ready_seconds' } }),
      inbound_time: field('duration', 'Talk time on inbound calls today', {
        from: { sum: 'inbound_seconds' },
      }),
      outbound_time: field('duration', 'Talk time on outbound calls today', {
        from: { sum: 'outbound_seconds' },
      }),
      acw_time: field('duration', 'After-call work (wrap-up, typification) time today', {
        from: { sum: 'acw_seconds' },
      }),
      ring_time: field('duration', 'Time calls rang at the agent before being answered, today', {
        from: { sum: 'ring_seconds' },
      }),
      login_time: field('duration', 'Time logged in to wolkvox Agent today', {
        from: { sum: 'login_seconds' },
      }),
      aht_time: field('duration', 'Average handle time per call today', {
        from: { ratio: 'handle_seconds', per: 'calls' },
        note: 'Handle time is talk plus wrap-up, as agent_1 aht.',
      }),
      ocupation: field('percent', 'Occupancy: share of logged-in time busy on calls or wrap-up', {
        from: { ratio: 'handle_seconds', per: 'available_seconds' },
        note: 'The API spells the field "ocupation". The emulator computes it as agent_1 occupancy.',
      }),
      aux_time: field('duration', 'Time in auxiliary (not-ready) states today', {
        from: { sum: 'aux_seconds' },
      }),
    },
    rows: { entity: 'agent_sessions', groupBy: ['agent_id'] },
    sources: [`${POSTMAN} 1. Reporte tiempo real de agentes'`, 'catalog.json agents'],
    notes: [
      'No web page was found; the fields come from the Postman ES item. Times are HH:MM:SS like agent_1.',
      'Emulator: one row per agent logged in at the clock (an agent who logged out is not on the floor), cut from ' +
        "the agent's timeline of the day: the same timeline agent_1, agent_8 and agent_3 read for today, so every " +
        'figure here equals agent_1 of today up to now, login time is never below talk time, and the state is what ' +
        'the agent is doing at the clock (RING, TALK, ACW, AUX for a break, else READY). The calls counted are the ' +
        "agent's calls of cdr_1 today so far.",
    ],
  }),
  calls_last_10: defineReport({
    api: 'calls_last_10',
    family: 'real_time',
    toolset: 'realtime',
    category: 'Real time – calls',
    title: 'Calls in the last 10 minutes',
    titleEs: 'Llamadas en los últimos 10 minutos',
    description:
      'Every call received or placed in the last 10 minutes: its kind (inbound, predictive, manual outbound, ' +
      'internal, transfer, conference), result, date, telephone, customer id and call id. Takes no dates.',
    questions: [
      'What happened in the last 10 minutes?',
      'How many calls were abandoned in the last 10 minutes?',
      'Are predictive calls connecting right now?',
    ],
    params: {},
    fields: {
      type_interaction,
      result: field('enum', 'Outcome of the call', { values: CALL_RESULT_VALUES }),
      date: field('timestamp', 'When the call took place (YYYY-MM-DD HH:MM:SS)'),
      telephone: F.telephone,
      customer_id: F.customer_id,
      conn_id: F.conn_id,
    },
    rows: { entity: 'calls', lastMinutes: 10 },
    sources: [
      'seed: seeds/004_a8430414e3fa5a92.txt (ES page "2. Llamadas en los últimos 10 minutos")',
      'catalog.json',
    ],
    notes: ['An older EN page names the fields type_call and tel_number; the current names are used.'],
  }),
  hits_last_hour: defineReport({
    api: 'hits_last_hour',
    family: 'real_time',
    toolset: 'realtime',
    category: 'Real time – calls',
    title: 'Hits in the last hour',
    titleEs: 'Hits en la última hora',
    description:
      'Every call of the last 60 minutes with its call id, kind, date, telephone and customer id, and whether it ' +
      'was a hit: typified with a code the operation flags HIT (a sale, a payment promise; see info_activity_codes). ' +
      'The calls of calls_last_10 are among them. Takes no dates.',
    questions: [
      'How many sales (hits) did we make in the last hour?',
      'Which customers converted in the last hour?',
      'Is the hit rate of the last hour holding up?',
    ],
    params: {},
    fields: {
      conn_id: F.conn_id,
      type_interaction,
      date: field('compact_timestamp', 'When the call took place', {
        note: 'Documented as YYYYmmddHHiiss (the EN page writes YYYYYYmmddHHiiss), unlike the other real-time dates.',
      }),
      telephone: F.telephone,
      customer_id: F.customer_id,
      hit: field('enum', "yes when the call's type code is flagged HIT (success/sale), otherwise no", {
        values: ['yes', 'no'],
        note: 'The page says the field "marks a hit" without giving values; yes/no follows activity_codes.hit.',
      }),
    },
    rows: { entity: 'calls', lastMinutes: 60 },
    sources: ['https://www.wolkvox.com/en/apis-v2-2/3-hits-in-the-last-hour/', 'catalog.json hits_last_hour'],
    notes: [
      'The EN page describes the last 10 minutes, the name and the ES Postman item the last hour (60 minutes): ' +
        '60 minutes is used.',
      'Whether the platform lists every call of the hour or only hits is not stated; every call is listed with ' +
        'its hit flag, so filter hit = yes for hits.',
    ],
  }),
  info_server: defineReport({
    api: 'info_server',
    family: 'real_time',
    toolset: 'realtime',
    category: 'Real time – infrastructure',
    title: 'Dedicated server monitoring',
    titleEs: 'Monitoreo servers dedicados',
    description:
      'One object (not a list) describing the dedicated server now: CPU use (average, peak and lowest), RAM use, ' +
      'calls in progress and agents connected. Only dedicated servers answer it. Use it to tell a platform ' +
      'problem from an operation problem.',
    questions: [
      'Is the server overloaded right now?',
      'How many calls and agents is the server handling now?',
    ],
    params: {},
    fields: {
      cpu_avg_10s: field('percent', 'Average CPU use in the last sampling window'),
      cpu_max_10s: field('percent', 'Peak CPU use in the same window'),
      cpu_min_10s: field('percent', 'Lowest CPU use in the same window'),
      ram: field('percent', 'RAM use'),
      calls: field('count', 'Calls being handled on the server now (in the IVR, queued or with an agent)'),
      connected_agents: field('count', 'Agents connected (logged in to wolkvox Agent) now'),
    },
    rows: { entity: 'server_status', groupBy: ['date_day'], shape: 'object' },
    sources: [
      'https://www.wolkvox.com/en/apis-v2-2/4-dedicated-server-monitoring/',
      'catalog.json info_server',
    ],
    notes: [
      'The CPU window is 10 seconds on the EN page and 10 minutes in the ES Postman item; the field names say 10 s.',
      'The EN page types cpu_* as Int; every value is served as a percentage string like the other reports.',
      'The example body is not valid JSON and carries no code; data is one object.',
      'Emulator: the server at the clock. connected_agents are the agents logged in (the rows of real-time ' +
        'agents, the agents agent_1 of today shows still logged in); calls are the calls in progress (started and ' +
        'not yet ended: in the IVR, queued or with an agent). CPU and RAM are a load figure of those, chosen so ' +
        'that lowest <= average <= peak.',
    ],
  }),
  latency: defineReport({
    api: 'latency',
    family: 'real_time',
    toolset: 'realtime',
    category: 'Real time – network/agents',
    title: 'Latency report',
    titleEs: 'Reporte de latencia',
    description:
      "One row holding three lists: by_agent (each agent's latency, public IP, app version and platform, jitter, " +
      'packet loss and network rejection), by_ip (agents, average/maximum/minimum latency and rejection per public ' +
      'IP) and by_pbx (jitter and loss per PBX user). Use it when agents report choppy audio or dropped calls.',
    questions: [
      'Which agents have bad latency or packet loss right now?',
      'Is one office connection (IP) worse than the others?',
      'Which agents connect over Wi-Fi?',
    ],
    params: {},
    fields: {
      by_agent: field('list', 'Network statistics per agent with an active session', {
        groupBy: ['agent_id'],
        items: {
          agent_id: field('id', 'The agent as "<extension>-<name>"', {
            from: 'agent_label',
            note: 'Running code against the platform: extension and name joined by "-"; the page says "Agent extension".',
          }),
          latency_ms: field('count', 'Packet transit time, whole milliseconds (an integer string)'),
          ip: field('ip', 'Public IP the agent connects from'),
          version: field('text', 'wolkvox Agent version in use'),
          agent_status: field('enum', 'Current agent state', {
            values: AGENT_STATES,
            note: AGENT_STATE_NOTE,
          }),
          tx_jitter: field('number', 'Delay variation of sent packets, milliseconds'),
          rx_jitter: field('number', 'Delay variation of received packets, milliseconds'),
          tx_ploss: field('percent', 'Share of sent packets lost'),
          rx_ploss: field('percent', 'Share of received packets lost'),
          network_rejection: field(
            'count',
            'Share of delivered calls the extension rejected, a whole percentage ("0", "25"); keep under 1',
            {
              note:
                'Running code against the platform sees an integer percentage ("25", "0"), not the "0.20 %" form ' +
                'of other percentages; the catalog only says "percent".',
            },
          ),
          connection_type: field('enum', 'Internet connection type', { values: ['Ethernet', 'Wifi'] }),
          platform: field('enum', 'wolkvox Agent flavour: desktop app or web', { values: ['app', 'web'] }),
          last_date: field('timestamp', "Date of the agent's last call"),
        },
      }),
      by_ip: field('list', 'Network statistics per public IP', {
        groupBy: ['ip'],
        items: {
          ip: field('ip', 'Public IP address'),
          total_agents: field('count', 'Agents connected from that IP', { from: { distinct: 'agent_id' } }),
          average_latency: field('number', 'Mean latency of the IP, milliseconds', {
            from: { avg: 'latency_ms' },
          }),
          maximum: field('number', 'Highest latency of the IP, milliseconds', {
            from: { max: 'latency_ms' },
          }),
          minimum: field('number', 'Lowest latency of the IP, milliseconds', { from: { min: 'latency_ms' } }),
          network_rejection: field('count', 'Call rejection share for that IP, a whole percentage', {
            from: { max: 'network_rejection' },
            note: 'Emulator: the highest of the agents connecting from the IP.',
          }),
        },
      }),
      by_pbx: field('list', 'Statistics per PBX (SIP) user', {
        items: {
          user: field('id', 'PBX user'),
          status: field('enum', 'PBX user state at query time', {
            values: ['OK', 'UNREACHABLE'],
            note: 'The catalog lists no values; OK/UNREACHABLE are the SIP peer states, an emulator reading.',
          }),
          tx_jitter: field('number', 'Delay variation of sent packets, milliseconds'),
          rx_jitter: field('number', 'Delay variation of received packets, milliseconds'),
          tx_ploss: field('percent', 'Share of sent packets lost'),
          rx_ploss: field('percent', 'Share of received packets lost'),
        },
      }),
    },
    rows: { entity: 'agent_sessions', groupBy: ['date_day'] },
    sources: ['https://www.wolkvox.com/en/apis-v2-2/5-latency-report/', 'catalog.json latency'],
    notes: [
      'data is a list with one object holding by_agent, by_ip and by_pbx.',
      'The EN page types latency_ms, jitter and packet loss as int; values are served as strings.',
      'Running code against the platform: by_agent lists only agents with an active session, agent_id as ' +
        '"<extension>-<name>", latency_ms an integer string.',
      'Emulator: by_agent lists the agents logged in at the clock, the rows of real-time agents, each with the ' +
        'same agent_status (the catalog reads it as the agent state, "Current agent state", not a connection ' +
        'state); each agent has a fixed IP, latency, jitter and loss (worse from home), so by_ip aggregates ' +
        'by_agent; by_pbx items are drawn.',
    ],
  }),
  skills: defineReport({
    api: 'skills',
    family: 'real_time',
    toolset: 'realtime',
    category: 'Real time – skills/queues',
    title: 'Real-time reporting of Skill',
    titleEs: 'Reporte en tiempo real de Skill',
    description:
      'One row per skill (queue) for today so far: calls waiting now, inbound calls offered, answered and ' +
      'abandoned, service level within 10, 20 and 30 seconds and the abandonment rate. services_time=N asks for a ' +
      'custom service level, returned as service_level_<N>seg. For past days use skill_1.',
    questions: [
      'How many calls are waiting in queue right now?',
      "What is today's service level for skill N?",
      'Which queue is abandoning most calls today?',
    ],
    params: {
      skill_id: PARAMS.skill_id(true),
      services_time: {
        description:
          'Custom service-level threshold in seconds; adds the field service_level_<N>seg to each row.',
        required: false,
        schema: z.string().regex(/^\d{1,4}$/, { error: 'expected a whole number of seconds (e.g. 15)' }),
        example: '15',
        note: 'Sending 10, 20 or 30 is documented to yield service_level_0seg = "0 %".',
      },
    },
    fields: {
      skill_id: F.skill_id,
      skill_name: field('text', 'Name of the skill (queue)'),
      calls_in_queue_now: field('count', 'Calls waiting in queue right now', {
        from: { sum: 'in_queue_now' },
      }),
      stat_inbound: field('count', 'Inbound calls offered to the skill today', { from: { sum: 'offered' } }),
      stat_answer: field('count', 'Inbound calls answered today', { from: { sum: 'answered' } }),
      stat_abandon: field('count', 'Inbound calls abandoned today', { from: { sum: 'abandoned' } }),
      service_level_10seg: field('percent', 'Share of offered calls answered within 10 seconds', {
        from: { ratio: 'answered_10', per: 'offered' },
      }),
      service_level_20seg: field('percent', 'Share of offered calls answered within 20 seconds', {
        from: { ratio: 'answered_20', per: 'offered' },
      }),
      service_level_30seg: field('percent', 'Share of offered calls answered within 30 seconds', {
        from: { ratio: 'answered_30', per: 'offered' },
      }),
      by_abandon: field('percent', 'Share of inbound calls abandoned before being answered', {
        from: { ratio: 'abandoned', per: 'offered' },
      }),
    },
    rows: { entity: 'skill_hours', groupBy: ['skill_id'] },
    sources: ['https://www.wolkvox.com/en/apis-v2-2/6-real-time-reporting-of-skill/', 'catalog.json skills'],
    notes: [
      'skill_id appears only in the URL (the EN request table lists only api); it is required and accepts "all".',
      'service_level_XXseg is named by services_time (service_level_<N>seg); a field with a parameter-dependent ' +
        'name cannot be declared, and rows keep extra fields, so it validates when present.',
      'Emulator: offered calls are the inbound calls queued to the skill (not those the IVR resolved alone) so far ' +
        'today, with their outcome, as cdr_1 of today shows them; calls_in_queue_now are the calls waiting at the ' +
        'clock, and while a skill has any, none of its agents is READY in the real-time agents report (a call ' +
        'waits only while every agent of its skill is busy or on a break).',
    ],
  }),
  campaigns: defineReport({
    api: 'campaigns',
    family: 'real_time',
    toolset: 'realtime',
    category: 'Real time – campaigns',
    title: 'Real-time reporting of campaigns',
    titleEs: 'Reporte tiempo real de campañas',
    description:
      'One row per outbound (dialler) campaign for today so far: run state and speed, linked skill, records ' +
      'loaded, not yet dialled and dialled, results (answered, no answer, busy/congestion/failed, answering ' +
      'machine), penetration, hits and calls per minute. Campaign ids match info_campaigns and campaign_* reports.',
    questions: [
      'Which campaigns are running right now and how fast?',
      'How many records has campaign N dialled today, and how many answered?',
      'Which campaign is hitting the most answering machines today?',
    ],
    params: {},
    fields: {
      campaign: field(
        'text',
        'The campaign as a label: "<id> - <name>", then " - Strategy (...)" when it dials by strategy',
        {
          from: 'campaign_label',
          note:
            'Running code against the platform: a label like "2011 - Renovación de pólizas", optionally followed by ' +
            '" - Strategy (phone1: 70% | phone2: 30%)"; the id is the text before the first " - ". The page: ' +
            '"Campaign ID, name and per-phone dialing percentage".',
        },
      ),
      speed: field('number', 'Dialling speed'),
      status: field('enum', 'Campaign run state', {
        values: ['started', 'stopped'],
        from: 'campaign_status',
        note: 'A campaign that has dialled its whole list stays started: finished means clean = 0 and dial >= records.',
      }),
      skill_id: field('skill_id', 'Skill linked to the campaign'),
      records: field('count', 'Records loaded', { from: 'campaign_records' }),
      clean: field('count', 'Records not yet dialled', { from: { min: 'campaign_clean' } }),
      dial: field('count', 'Records dialled today', { from: { count: true } }),
      answer: field('count', 'Dialled records answered by a person', {
        from: { count: true, where: { result: 'answer' } },
      }),
      no_answer: field('count', 'Dialled records not answered', {
        from: { count: true, where: { result: 'no answer' } },
      }),
      'busy/congestion/failed': field('count', 'Dialled records ending busy, congested or failed', {
        from: { count: true, where: { result: ['busy', 'congestion', 'failed'] } },
      }),
      answer_machine: field('count', 'Dialled records answered by a machine', {
        from: { count: true, where: { result: 'answer machine' } },
      }),
      penetration_day: field('percent', 'Campaign penetration for the day'),
      penetration_now: field('percent', 'Campaign penetration at query time'),
      hits: field('count', 'Records typified with a HIT code (success)', {
        from: { count: true, where: { hit: 'yes' } },
      }),
      calls_x_min: field('number', 'Calls per minute'),
      recycled: field('count', 'Times the campaign has been recycled'),
    },
    rows: { entity: 'calls', where: { type_interaction: 'out_pre' }, groupBy: ['campaign_id'] },
    sources: [
      'https://wolkvox.com/en/apis-v2-2/7-real-time-reporting-of-campaigns',
      'catalog.json campaigns',
    ],
    notes: [
      'The ES Postman item carries a copy-pasted note about {{skill_number}}; the URL takes no skill parameter.',
      'The Postman example is a bare array without the envelope (probably a documentation error): the envelope is used.',
      'Third-party code sends campaign_id=<id>, an undocumented filter; not declared.',
      'Emulator: dialled/result counts are the predictive (out_pre) calls of today so far.',
      'Running code against the platform: a campaign is complete when clean == 0 and dial >= records, while its ' +
        'status can stay "started". Emulator: each day one predictive campaign has a list short enough to finish ' +
        '(dial keeps counting its retries after clean reaches 0); the others do not finish.',
    ],
  }),
  chats: defineReport({
    api: 'chats',
    family: 'real_time',
    toolset: 'realtime',
    category: 'Real time – chats',
    title: 'Real-time chat report',
    titleEs: 'Reporte en tiempo real de chats',
    description:
      'One row per agent with open chats: active_chats lists each chat (id, channel, WhatsApp connector, customer ' +
      'phone) with its conversation so far (who wrote, the message, when). Use it to watch chat load per agent or ' +
      'read a conversation in progress; closed chats are in chat_1/chat_2.',
    questions: [
      'How many chats does each agent have open right now?',
      'What is the customer saying in the chat agent X is handling?',
      'Which channels are the open chats coming from?',
    ],
    params: {},
    fields: {
      agent_id: F.agent_id,
      active_chats: field('list', "The agent's open chats", {
        groupBy: ['conn_id'],
        items: {
          conn_id: field('conn_id', 'Chat id'),
          channel: field('text', 'Channel the chat runs on (whatsapp, web, facebook, instagram...)'),
          connector_id: field('id', 'WhatsApp connector id'),
          customer_phone: field('phone', "Customer's phone number"),
          conversation: field('list', 'Messages of the chat so far', {
            items: {
              from: field('enum', 'Who sent the message', {
                values: ['agent', 'customer'],
                spelling: { AGENT: 'agent', CUSTOMER: 'customer' },
                note: 'The catalog lists no values; agent/customer is the emulator reading.',
              }),
              msg: field('text', 'Message text'),
              date: field('timestamp', 'When the message was sent'),
            },
          }),
        },
      }),
    },
    rows: { entity: 'chats', lastMinutes: 30, groupBy: ['agent_id'] },
    sources: ['https://www.wolkvox.com/en/apis-v2-2/8-real-time-chat-report/', 'catalog.json chats'],
    notes: [
      'The ES Postman item carries a copy-pasted {{skill_number}} note; the URL takes no skill parameter.',
      'The example sends code as the string "200".',
      'Emulator: a chat is open for 30 minutes after it starts.',
    ],
  }),
  interactions: defineReport({
    api: 'interactions',
    family: 'real_time',
    toolset: 'realtime',
    category: 'Real time – interactions (e-mail/social)',
    title: 'Real-time interaction report',
    titleEs: 'Reporte en tiempo real de interacciones',
    description:
      'One row per agent with open e-mail interactions: active_interactions lists each one (id, subject, sender ' +
      'name, date). Use it to see who is working which e-mails now; closed interactions are in chat_4/cdr_9.',
    questions: [
      'How many e-mails is each agent working on right now?',
      'Which e-mail has been open the longest?',
    ],
    params: {},
    fields: {
      agent_id: F.agent_id,
      active_interactions: field('list', "The agent's open interactions", {
        groupBy: ['conn_id'],
        items: {
          conn_id: field('conn_id', 'Interaction id'),
          subject: field('text', 'Subject of the interaction'),
          fromname: field('person_name', "Sender's name"),
          date: field('timestamp', 'When the interaction arrived'),
        },
      }),
    },
    rows: { entity: 'emails', lastMinutes: 120, groupBy: ['agent_id'] },
    sources: ['https://wolkvox.com/en/apis-v2-2/9-real-time-interaction-report', 'catalog.json interactions'],
    notes: [
      'The EN page URL shows api=campaigns; the ES Postman item uses api=interactions, which is used.',
      'The example sends code as the string "200".',
      'Emulator: an e-mail stays open for two hours after it arrives.',
    ],
  }),
  recall: defineReport({
    api: 'recall',
    family: 'real_time',
    toolset: 'realtime',
    category: 'Real time – campaigns (scheduled recalls)',
    title: 'Query scheduled recalls in campaigns',
    titleEs: 'Consulta de recalls programados en Campañas',
    description:
      'One row per recall (callback) scheduled in a campaign: how it was created (manual by an agent, or auto by ' +
      'the dialler), when to call back, the number, the campaign and the assigned agent. Filter by origin with ' +
      'type. Campaign ids match info_campaigns.',
    questions: [
      'Which callbacks are scheduled for today?',
      'How many recalls did agents schedule by hand versus the dialler?',
      'Which agent has the most callbacks pending?',
    ],
    params: {
      type: {
        description:
          'Origin of the recalls to list: "all", "manual" (scheduled by an agent) or "auto" (by the dialler).',
        required: true,
        schema: z.enum(['all', 'manual', 'auto'], { error: 'expected "all", "manual" or "auto"' }),
        example: 'all',
        filter: { attribute: 'channel', match: 'equals', all: 'all' },
        note: 'Required-ness is not stated; the URL template always sends type=all, so it is required here.',
      },
    },
    fields: {
      type_recall: field('enum', 'How the recall was created', {
        values: ['manual', 'auto'],
        from: 'channel',
      }),
      date_recall: field('timestamp', 'Scheduled date and time of the callback', { from: 'follow_up' }),
      phone_number: field('phone', 'Number to call back', { from: 'telephone' }),
      id_campaign: field('campaign_id', 'Campaign the recall belongs to', { from: 'campaign_id' }),
      id_agent: field('agent_id', 'Agent assigned to the recall', { from: 'agent_id' }),
      id_campaing: field('campaign_id', 'Campaign id as the example body spells it (same as id_campaign)', {
        from: 'campaign_id',
      }),
    },
    rows: { entity: 'recalls' },
    sources: [
      'https://www.wolkvox.com/en/apis-v2-2/10-query-scheduled-recalls-in-campaigns',
      'catalog.json recall',
    ],
    notes: [
      'type has no stated required-ness; the URL template always sends it, so it is required here.',
      'The response table names id_campaign, the example body id_campaing: both are served with the same value.',
      'Emulator: lists the recalls set today up to now; date_recall is when to call back, 1 to 48 hours after ' +
        'the recall was set (on a quarter hour).',
    ],
  }),
} as const;
