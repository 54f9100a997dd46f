import { field } from '../fields.js';
import { defineReport } from '../report.js';
import { F, type_interaction } from './shared-fields.js';

/** Call detail records and usage: cdr_*. */

const SOURCE_POSTMAN = (item: string) => `Postman ES 'wolkvox APIs (ES)' item 'Reportes / CDR / ${item}'`;

const destiny = field('text', 'Destination of the call or message (route or country)');
const cost = field('number', 'Telephone usage cost of the call (outbound minutes)', {
  adds: true,
  note: 'No currency is documented; the emulator charges COP per started outbound minute.',
});

/** Call results that mean the call never connected. */
const NOT_CONNECTED = ['no answer', 'busy', 'failed', 'congestion', 'chanunavail'];

/**
 * How cdr_5 and cdr_6 spell a call's result: capitalised ("Busy", "No answer"), as running code against the
 * platform sees them; a failed attempt is the documented Cancel.
 */
const CDR_RESULTS = {
  answer: 'Answer',
  'answer machine': 'Answer machine',
  'no answer': 'No answer',
  busy: 'Busy',
  congestion: 'Congestion',
  chanunavail: 'Chanunavail',
  failed: 'Cancel',
  abandon: 'Abandon',
} as const;

/** The NLP / AI components cdr_7 and cdr_8 document. */
const NLP_TYPES = [
  'nlp-MrWizard-rtvoice',
  'nlp-voice-keywords',
  'nlp-voice-sentiment',
  'nlp-voice-summary',
  'nlp-MrWizard-voice',
  'nlp-text-keywords',
  'nlp-text-summary',
  'nlp-voc-autoqa',
  'nlp-classifications',
  'nlp-text-sentiment',
  'nlp-voc-general',
  'nlp-voc-autoqua-test',
  'nlp-MrWizard-chat',
  'nlp-Q&A',
  'unknown',
] as const;

/** Every report of this area, keyed by id. */
export const CDR_REPORTS = {
  cdr_1: defineReport({
    api: 'cdr_1',
    family: 'reports_manager',
    toolset: 'calls',
    category: 'Call detail (CDR) & usage',
    title: 'Call detail',
    titleEs: 'Detalle de llamadas',
    description:
      'One row per call of the operation (inbound, outbound, internal, transfers, conferences, answered or not): ' +
      'date, kind, telephone and destination, duration in seconds and minutes, cost, the agent, skill, campaign ' +
      'and customer, who hung up, and the type codes and comment the agent set. The master record every other ' +
      'call report summarises (agents in agent_1, skills in skill_1, type codes in act_*).',
    questions: [
      'Show me every call of customer X this month.',
      'How many calls did agent Y make yesterday and how long were they?',
      'Which calls of campaign N were typified as a sale?',
    ],
    params: {},
    fields: {
      agent_name: F.agent_name,
      date: F.timestamp,
      destiny,
      telephone: F.telephone,
      cost,
      time_seg: field('seconds', 'Call duration in seconds', { from: 'time' }),
      time_min: field('minutes', 'Call duration in minutes', { from: 'time' }),
      cod_act: field('code', 'Type code the agent set (first group); TIMEOUTACW when the wrap-up timed out'),
      cod_act_2: field('code', 'Type code of the second group; empty when none was set'),
      description_cod_act: field('text', 'Description of the first-group type code'),
      description_cod_act_2: field('text', 'Description of the second-group type code'),
      type_interaction,
      customer_id: F.customer_id,
      hang_up: field('enum', 'Who ended the call', { values: ['agent', 'customer', 'system'] }),
      campaign_id: F.campaign_id,
      conn_id: F.conn_id,
      skill_id: F.skill_id,
      skill_name: field('text', 'Name of the skill (queue)'),
      agent_id: F.agent_id,
      comment: field('text', 'Comment the agent wrote while documenting the call', { from: 'comments' }),
    },
    rows: { entity: 'calls' },
    sources: ['catalog.json cdr_1 (wolkvox.com/en/apis-v2-2/1-call-detail-en)', 'catalog.json'],
    notes: [
      'A third-party fixture shows date as YYYY-MM-DD HH:MM:SS and time_seg as a string of seconds ("201").',
      'The older EN page uses {ip_ipdialbox}/{token} placeholders.',
      'Calls no agent handled (IVR only, abandoned, not connected) carry empty agent and type-code fields.',
    ],
  }),
  cdr_2: defineReport({
    api: 'cdr_2',
    family: 'reports_manager',
    toolset: 'calls',
    category: 'Call detail (CDR) & usage',
    title: 'Calls and telephone usage per agent',
    titleEs: 'Llamadas y uso del teléfono por agente',
    description:
      'One row per agent: the calls the agent handled in the window and their telephone cost. The per-agent ' +
      'total of cdr_1 (its calls grouped by agent).',
    questions: [
      'How much telephone cost did each agent generate this month?',
      'Which agent handled the most calls?',
    ],
    params: {},
    fields: {
      calls: field('count', 'Calls handled by the agent', { from: { count: true } }),
      agent_name: F.agent_name,
      cost: field('number', "Cost of the agent's calls", {
        from: { sum: 'cost' },
        note: 'No currency is documented; the emulator charges COP per started outbound minute.',
      }),
    },
    rows: { entity: 'calls', where: { handled_by: 'agent' }, groupBy: ['agent_id'] },
    sources: [
      'catalog.json cdr_2 (wolkvox.com/en/apis-v2-2/2-calls-and-telephone-usage-per-agent)',
      'catalog.json',
    ],
    notes: ['Emulator: calls no agent handled are left out (they belong to no agent).'],
  }),
  cdr_3: defineReport({
    api: 'cdr_3',
    family: 'reports_manager',
    toolset: 'calls',
    category: 'Call detail (CDR) & usage',
    title: 'SMS detail',
    titleEs: 'SMS- detalle',
    description:
      'One row per outbound SMS or WhatsApp message: the agent who sent it, date, number and destination, the ' +
      'exact text, the channel and the customer id. The outbound-messaging record (there is no sms_* report).',
    questions: ['Which SMS did we send to customer X?', 'How many messages did each agent send this week?'],
    params: {},
    fields: {
      agent_id: F.agent_id,
      agent_name: F.agent_name,
      date: field('timestamp', 'When the message was sent'),
      destiny: field('text', 'Destination of the message (route or country)'),
      telephone: field('phone', 'Number the message was sent to'),
      message: field('text', 'Exact text sent by SMS or WhatsApp'),
      channel: field('text', "Sending channel: 'SMS' or 'Whatsapp' plus the connector type and id", {
        note: 'Documented values: SMS, Whatsapp (+ connector type/id); the emulator writes sms.',
      }),
      customer_id: F.customer_id,
      conn_id: field('conn_id', 'Id of the message record'),
    },
    rows: { entity: 'sms' },
    sources: [SOURCE_POSTMAN('3. SMS- detalle'), 'catalog.json'],
  }),
  cdr_4: defineReport({
    api: 'cdr_4',
    family: 'reports_manager',
    toolset: 'calls',
    category: 'Call detail (CDR) & usage',
    title: 'Duration of calls classified by time',
    titleEs: 'Duración de las llamadas clasificadas por tiempo',
    description:
      'One row per day: the calls of the day classified by duration (0-5, 6-20, 21-60, 61-120 and over 120 ' +
      'seconds), with the day’s calls, minutes and cost. Shows how many calls are very short (dropped, wrong ' +
      'numbers) versus real conversations.',
    questions: [
      'How many of our calls last less than 5 seconds?',
      'What is the duration profile of our calls this week?',
    ],
    params: {},
    fields: {
      INTERVAL: field('day', 'The period the row classifies (the day, YYYY-MM-DD)', {
        from: 'date_day',
        note: 'The catalog paraphrases INTERVAL as a duration bucket; the example body puts the buckets in keys.',
      }),
      calls: field('count', 'Calls in the period', { from: { count: true } }),
      minutes: field('minutes', 'Minutes the calls consumed', { from: { sum: 'time' } }),
      cost: field('number', 'Telephone cost of the calls', { from: { sum: 'cost' } }),
      percentage: field('percent', "Share of the period's calls the row classifies (every call: 100 %)", {
        from: { share: {} },
      }),
      '0_5_seg': field('count', 'Calls lasting 0-5 seconds', {
        from: { count: true, where: { time: { lte: 5 } } },
      }),
      '6_20_seg': field('count', 'Calls lasting 6-20 seconds', {
        from: { count: true, where: { time: { gt: 5, lte: 20 } } },
      }),
      '21_60_seg': field('count', 'Calls lasting 21-60 seconds', {
        from: { count: true, where: { time: { gt: 20, lte: 60 } } },
      }),
      '61_120_seg': field('count', 'Calls lasting 61-120 seconds', {
        from: { count: true, where: { time: { gt: 60, lte: 120 } } },
      }),
      greater_than_121: field('count', 'Calls lasting more than 120 seconds', {
        from: { count: true, where: { time: { gt: 120 } } },
      }),
    },
    rows: { entity: 'calls', groupBy: ['date_day'] },
    sources: [
      'catalog.json cdr_4 (wolkvox.com/en/apis-v2-2/4-duration-of-calls-classified-by-time)',
      'catalog.json',
    ],
    notes: [
      'The request table describes rows by INTERVAL (INTERVAL, calls, minutes, cost, percentage) while the ' +
        'example body is one object keyed 0_5_seg ... greater_than_121. The registry serves one row per day with ' +
        'both: the buckets as keys and INTERVAL as the day the row covers.',
      'The page lists the last buckets as 61-121 s and > 121 s; the emulator uses 61-120 and over 120 seconds.',
    ],
  }),
  cdr_5: defineReport({
    api: 'cdr_5',
    family: 'reports_manager',
    toolset: 'calls',
    category: 'Call detail (CDR) & usage',
    title: 'Detail of non-connected calls',
    titleEs: 'Detalle de llamadas no conectadas',
    description:
      'One row per call that never connected (no answer, busy, congestion, channel unavailable, failed): date, ' +
      'agent, telephone and destination, ringing seconds, the result, kind, customer and campaign. Shows bad ' +
      'numbers and carrier problems; counts per result in cdr_6.',
    questions: [
      'Which numbers were busy or unreachable yesterday?',
      'How many predictive calls failed because of congestion?',
    ],
    params: {},
    fields: {
      agent_name: F.agent_name,
      date: F.timestamp,
      destiny,
      telephone: F.telephone,
      ring_time: field('seconds', 'Seconds the call rang without connecting'),
      result: field('enum', 'Why the call did not connect', {
        values: ['Cancel', 'Chanunavail', 'Congestion', 'Busy', 'No answer', 'Tcpa', 'Do not call'],
        spelling: CDR_RESULTS,
      }),
      type_interaction,
      customer_id: F.customer_id,
      campaign_id: F.campaign_id,
      agent_id: F.agent_id,
      conn_id: F.conn_id,
    },
    rows: { entity: 'calls', where: { result: NOT_CONNECTED } },
    sources: [SOURCE_POSTMAN('5. Detalle de llamadas no conectadas'), 'catalog.json'],
    notes: [
      'Result spelling differs across pages (No answer / no answer / no-answer); running code against the ' +
        'platform sees cdr_5 capitalised (Busy, Answer, No answer...), as this page documents. A failed call is ' +
        'Cancel; Tcpa and Do not call are not simulated.',
    ],
  }),
  cdr_6: defineReport({
    api: 'cdr_6',
    family: 'reports_manager',
    toolset: 'calls',
    category: 'Call detail (CDR) & usage',
    title: 'Non-connected calls classified by result',
    titleEs: 'Detalle de llamadas no conectadas clasificadas por resultado',
    description:
      'One row per non-connection result (no answer, busy, congestion, channel unavailable, failed) with the ' +
      'number of calls. The totals of cdr_5.',
    questions: ['Why do our outbound calls fail to connect?', 'How many calls got a busy signal this week?'],
    params: {},
    fields: {
      result: field('enum', 'Non-connection outcome', {
        values: ['Cancel', 'Chanunavail', 'Congestion', 'No answer', 'Busy'],
        spelling: CDR_RESULTS,
      }),
      count: field('count', 'Calls with that outcome', { from: { count: true } }),
    },
    rows: { entity: 'calls', where: { result: NOT_CONNECTED }, groupBy: ['result'] },
    sources: [
      SOURCE_POSTMAN('6. Detalle de llamadas no conectadas clasificadas por resultado'),
      'catalog.json',
    ],
    notes: ['Result spelling: see cdr_5.'],
  }),
  cdr_7: defineReport({
    api: 'cdr_7',
    family: 'reports_manager',
    toolset: 'calls',
    category: 'Call detail (CDR) & usage',
    title: 'NLP detail',
    titleEs: 'Detalle de NLP',
    description:
      'One row per use of an NLP / AI component (summaries, sentiment, keywords, Mr. Wizard, auto-QA...): its ' +
      'type, the channel it ran on, the characters sent and returned, and the date. For AI consumption audits.',
    questions: [
      'How many characters did the AI summaries consume this month?',
      'Which NLP components are used most?',
    ],
    params: {},
    fields: {
      type_nlp: field('enum', 'Kind of NLP / AI component used', { values: NLP_TYPES }),
      nlp_channel: field('text', 'Channel or origin descriptor; its format depends on type_nlp', {
        from: 'channel',
      }),
      chars_send: field('count', 'Characters sent to the component'),
      chars_answer: field('count', 'Characters returned by the component'),
      total_chars: field('count', 'Total characters (sent plus returned)'),
      date: F.timestamp,
    },
    rows: { entity: 'nlp' },
    sources: [SOURCE_POSTMAN('7. Detalle de NLP'), 'catalog.json'],
    notes: [
      'The Postman example body is not valid JSON ("error": ,).',
      'Emulator: type and character counts are simulated per record (total_chars is not their sum).',
    ],
  }),
  cdr_8: defineReport({
    api: 'cdr_8',
    family: 'reports_manager',
    toolset: 'calls',
    category: 'Call detail (CDR) & usage',
    title: 'NLP grouped by type',
    titleEs: 'NLP agrupado por tipo',
    description:
      'One row per NLP / AI component type: how many times it was used and the characters sent, returned and ' +
      'in total. The totals of cdr_7.',
    questions: [
      'Which AI components cost us the most characters?',
      'How often was the summary component used?',
    ],
    params: {},
    fields: {
      type_nlp: field('enum', 'Kind of NLP / AI component', { values: NLP_TYPES }),
      nlp_amount: field('count', 'Times the component was used', { from: { count: true } }),
      chars_send: field('count', 'Characters sent'),
      chars_answer: field('count', 'Characters returned'),
      total_chars: field('count', 'Total characters (sent plus returned)'),
    },
    rows: { entity: 'nlp', groupBy: ['channel'] },
    sources: [SOURCE_POSTMAN('8. NLP agrupado por tipo'), 'catalog.json'],
    notes: [
      'The Postman example body is not valid JSON.',
      'Emulator: NLP records carry no type of their own, so rows group by channel and the type label and ' +
        'character counts are simulated; nlp_amount adds up to the rows of cdr_7.',
    ],
  }),
  cdr_9: defineReport({
    api: 'cdr_9',
    family: 'reports_manager',
    toolset: 'calls',
    category: 'Call detail (CDR) & usage',
    title: 'E-mail details',
    titleEs: 'Detalles de correo',
    description:
      'One row per e-mail sent: the routing point or campaign that sent it, date, sender, recipient, subject and ' +
      'body. The e-mail counterpart of cdr_3; e-mail conversations are in chat_4.',
    questions: ['Which e-mails did we send to customer X?', 'How many e-mails went out yesterday?'],
    params: {},
    fields: {
      channel: field('text', 'Routing point (email-route-xxxxx) or campaign (campaign-xxxxx) that sent it'),
      date: field('timestamp', 'Send date'),
      from: field('email', 'Sender e-mail address'),
      to: field('email', 'Recipient e-mail address'),
      subject: field('text', 'E-mail subject'),
      body: field('text', 'E-mail body'),
    },
    rows: { entity: 'emails' },
    sources: [SOURCE_POSTMAN('9. Detalles de correo'), 'catalog.json'],
    notes: [
      'The Postman example body is not valid JSON; its URL puts api after the dates.',
      'Emulator: channel reads the e-mail channel of the record rather than a routing-point name.',
    ],
  }),
  cdr_10: defineReport({
    api: 'cdr_10',
    family: 'reports_manager',
    toolset: 'calls',
    category: 'Call detail (CDR) & usage',
    title: 'Cobrowsing',
    titleEs: 'Cobrowsing',
    description:
      'One row per co-browsing session: the agent, start and end, length and who hung up first. Shows how agents ' +
      'use shared browsing with customers.',
    questions: [
      'How many co-browsing sessions did each agent run?',
      'How long do co-browsing sessions last?',
    ],
    params: {},
    fields: {
      agent_id: F.agent_id,
      agent_name: F.agent_name,
      date_ini: field('timestamp', 'Session start', { from: 'date' }),
      date_end: field('timestamp', 'Session end'),
      time: field('duration', 'Session length'),
      hung_up: field('enum', 'Who hung up first', { values: ['customer', 'agent'] }),
    },
    rows: { entity: 'cobrowsing' },
    sources: [SOURCE_POSTMAN('10. Cobrowsing'), 'catalog.json'],
    notes: [
      'CONFLICT: Postman ES names cdr_10 Cobrowsing while the EN web page "11. Detail of customers released by ' +
        'Law 2300" calls api=cdr_10. The registry follows Postman (cdr_10 = co-browsing, cdr_11 = Law 2300).',
      "The response table mislabels error as 'agent name' and msg as 'number of messages found'.",
    ],
  }),
  cdr_11: defineReport({
    api: 'cdr_11',
    family: 'reports_manager',
    toolset: 'calls',
    category: 'Call detail (CDR) & usage',
    title: 'Detail of customers released by Law 2300',
    titleEs: 'Detalle clientes liberados ley 2300',
    description:
      'One row per customer an agent released from the Colombian Law 2300 contact protection: the protected ' +
      'company NIT, operation, agent, date, the key used (telephone or customer id) and its value. For ' +
      'compliance audits of who may be contacted.',
    questions: [
      'Which customers were released from Law 2300 protection this month, and by whom?',
      'Did agent X release any protected numbers?',
    ],
    params: {},
    fields: {
      protected_nit: field('document', 'Tax id (NIT) of the company holding the customer'),
      agent_id: F.agent_id,
      agent_name: F.agent_name,
      operation: field('text', 'Operation the customer belongs to', { from: 'campaign_name' }),
      date: field('timestamp', 'When the customer was released'),
      item: field('enum', 'Key used for the release', { values: ['tel_number', 'id_customer'] }),
      value: field('phone', 'Telephone number or customer id released', { from: 'telephone' }),
      name_agent: field('person_name', "Agent's name as the example body spells the key", {
        from: 'agent_name',
      }),
    },
    rows: { entity: 'audit' },
    sources: [
      'catalog.json cdr_11 (wolkvox.com/en/apis-v2-2/11-detail-of-customers-released-by-law-2300)',
      'catalog.json',
    ],
    notes: [
      'CONFLICT: the EN web page for this report uses api=cdr_10; Postman ES uses cdr_11 (and cdr_10 = ' +
        'co-browsing). The registry follows Postman.',
      'The table names the agent agent_name, the example body name_agent: the registry serves both, same value.',
      'Emulator: releases are audit records of on-shift agents; value is the telephone whatever item says.',
    ],
  }),
} as const;
