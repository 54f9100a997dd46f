import { z } from 'zod';
import { type FieldSpec, field } from '../fields.js';
import { defineReport } from '../report.js';
import { F, type_interaction } from './shared-fields.js';

const CATEGORY = 'IVR / routing points / bots (Diagram)';
const postman = (item: string) =>
  `Postman ES collection "wolkvox APIs (ES)", item "Reportes / Diagram / ${item}"`;

/** Menu option fields: the digit the caller pressed, or PULSE when none was. */
const cod_opc_menu = field('code', 'IVR menu option the caller reached; PULSE means no option was pressed', {
  from: 'menu_option',
});
const rp_id = field('id', 'Routing point (IVR or bot flow) id', { from: 'routing_point_id' });
const ani = field('phone', "Caller's originating number (ANI)", { from: 'telephone' });

/** The ten survey questions of a smart survey: one score field each, with no attribute behind it (drawn). */
function surveyAnswers(meaning: (n: string) => string, spec: Omit<FieldSpec<never>, 'meaning'>) {
  const fields: Record<string, FieldSpec<never>> = {};
  for (let i = 1; i <= 10; i++) {
    const n = String(i).padStart(2, '0');
    fields[`q${n}`] = { ...spec, meaning: meaning(n) };
  }
  return fields as Record<
    'q01' | 'q02' | 'q03' | 'q04' | 'q05' | 'q06' | 'q07' | 'q08' | 'q09' | 'q10',
    FieldSpec<never>
  >;
}
const SCORE_NOTE =
  'The scale is configured per survey in wolkvox; the emulator answers on 1-5 and "-" for an unused question.';
const surveyScores = surveyAnswers((n) => `Answer to question ${Number(n)} (a score, or "-" when unused)`, {
  kind: 'enum',
  values: ['1', '2', '3', '4', '5', '-'],
  note: SCORE_NOTE,
});
const surveyAverages = surveyAnswers((n) => `Average score of question ${Number(n)}`, { kind: 'number' });
const FEELINGS = ['very negative', 'negative', 'neutral', 'positive', 'very positive'] as const;

const INBOUND_QUEUED = { type_interaction: 'inbound', handled_by: ['agent', 'none'] } as const;

const tts_text = field('text', 'Phrase converted to speech');
const characters = field('count', 'Characters synthesized');

/** Every report of this area, keyed by id. */
export const IVR_REPORTS = {
  diagram_1: defineReport({
    api: 'diagram_1',
    family: 'reports_manager',
    toolset: 'ivr',
    category: CATEGORY,
    title: 'IVR call detail',
    titleEs: 'Detalle de llamadas IVR',
    description:
      'One row per call that went through the IVR: routing point id and name, the menu option reached (PULSE when ' +
      'none), where the call was routed next (the skill, empty when the IVR resolved it), the outcome (ok: reached ' +
      'the queue; hung up), the caller number, IVR time, customer id and conn_id. The per-day and per-hour totals ' +
      'are diagram_1_1 and diagram_1_2; what happened after the IVR is diagram_11.',
    questions: [
      'Which menu options did callers pick in the IVR yesterday?',
      'How many callers hung up in the IVR instead of reaching a queue?',
      'Did customer 1020304050 call the IVR this week?',
    ],
    params: {
      customer_id: {
        description:
          'Customer identification number, to see one customer’s IVR calls; empty or absent for all.',
        required: false,
        schema: z
          .string()
          .regex(/^\d*$/, { error: 'expected a numeric customer id (or empty for every customer)' }),
        example: '',
        filter: { attribute: 'customer_id', match: 'equals', all: '' },
      },
    },
    fields: {
      rp_id,
      rp_name: field('text', 'Routing point name', { from: 'destiny' }),
      cod_opc_menu,
      dn_transfer: field(
        'skill_id',
        'Where the call was routed after the option: the skill id, empty when the IVR resolved it',
        {
          from: 'skill_id',
        },
      ),
      date: field('timestamp', 'Date and time of the IVR leg (YYYY-MM-DD HH:MM:SS)', {
        note: 'The catalog calls it the end of the IVR leg; the emulator stamps the start of the call.',
      }),
      result: field('enum', 'IVR outcome: ok (the call reached a queue) or hung up', {
        values: ['ok', 'hung up'],
        from: 'ivr_result',
      }),
      ani,
      time: field('duration', 'Time the caller spent in the IVR', {
        from: 'ivr_seconds',
        note: 'The catalog gives no format; HH:MM:SS like the other IVR times (diagram_15 ivr_time) is assumed.',
      }),
      customer_id: F.customer_id,
      conn_id: F.conn_id,
    },
    rows: { entity: 'calls', where: { via_ivr: 'yes' } },
    sources: ['wolkvox.com/en/apis-v2-2/1-ivr-call-detail-en/', 'catalog.json'],
    notes: [
      'customer_id may be empty or absent: both mean every customer.',
      'Emulator: cod_opc_menu is the text code of the option the call ended on, as the tenant named it: AGENTE ' +
        '(to a queue), NO_PASA_AGENTE or a self-service option, CV_BUZON (voice mail after hours), PULSE (none ' +
        'pressed). A client must not cast it to a number.',
      'Older EN pages spell the header "wolkvoxtoken"; every code sample uses "wolkvox-token".',
      'Running code against the platform: calls of an IVR-bot campaign (the dialler puts the answered call ' +
        'through to a routing point) are here with the conn_id campaign_3 gives them; a dashboard joins the two.',
    ],
  }),
  diagram_1_1: defineReport({
    api: 'diagram_1_1',
    family: 'reports_manager',
    toolset: 'ivr',
    category: CATEGORY,
    title: 'Calls and IVR minutes per day',
    titleEs: 'Llamadas y minutos de IVR por día',
    description:
      'One row per day of the window with IVR traffic: the calls the IVR handled and the IVR minutes they ' +
      'consumed. A day equals the sum of its hours in diagram_1_2; the calls themselves are diagram_1.',
    questions: [
      'How many calls went through the IVR each day this month?',
      'How many IVR minutes did we use per day last week?',
    ],
    params: {},
    fields: {
      day: field('day', 'The day (YYYY-MM-DD)', { from: 'date_day' }),
      calls: field('count', 'Calls handled by the IVR that day', { from: { count: true } }),
      ivr_minutes: field('minutes', 'IVR minutes consumed that day', { from: { sum: 'ivr_seconds' } }),
    },
    rows: { entity: 'calls', where: { via_ivr: 'yes' }, groupBy: ['date_day'] },
    sources: ['wolkvox.com/en/apis-v2-2/1-1-calls-and-ivr-minutes-per-day-en/', 'catalog.json'],
    notes: ['The EN page spells the header "wolkvoxtoken"; code samples use "wolkvox-token".'],
  }),
  diagram_1_2: defineReport({
    api: 'diagram_1_2',
    family: 'reports_manager',
    toolset: 'ivr',
    category: 'IVR / routing points / bots (Diagram)',
    title: 'IVR calls and minutes by hour',
    titleEs: 'Llamadas y minutos de IVR por tiempo',
    description:
      'One row per hour of the window with IVR traffic: the number of calls the IVR handled and the IVR minutes ' +
      'they consumed. Hours without IVR calls are absent.',
    questions: [
      'How did the IVR do yesterday by hour?',
      'What was the IVR peak hour this week?',
      'How many IVR minutes did we consume this month?',
    ],
    params: {},
    fields: {
      date: field('hour_bucket', 'The hour: date and hour as YYYYMMDDHH', {
        from: 'date_hour',
        note: 'The Postman example body names this key "day"; another page writes YYYY-MM-DD-HH. The seed page wins.',
      }),
      calls: field('count', 'Calls handled by the IVR in that hour', { from: { count: true } }),
      ivr_minutes: field('minutes', 'IVR minutes consumed by those calls', { from: { sum: 'ivr_seconds' } }),
    },
    rows: { entity: 'calls', where: { via_ivr: 'yes' }, groupBy: ['date_hour'] },
    sources: [
      'seed: seeds/001_b7ef4cb45af4cd40.txt (EN page "1.2. IVR calls and minutes by time En")',
      'catalog.json',
    ],
    notes: [
      'The page spells the header "wolkvoxtoken"; its code sample and every other page use "wolkvox-token".',
    ],
  }),
  diagram_1_3: defineReport({
    api: 'diagram_1_3',
    family: 'reports_manager',
    toolset: 'ivr',
    category: CATEGORY,
    title: 'IVR calls and minutes by menu option',
    titleEs: 'Llamadas y minutos de IVR x Opc de menu',
    description:
      'One row per routing point and menu option: the IVR calls that reached the option and the IVR minutes they ' +
      'used (PULSE: callers who pressed nothing). Totals over the window agree with diagram_1 and diagram_1_1.',
    questions: [
      'Which IVR menu option is used most?',
      'How many callers pressed nothing in the main IVR?',
      'How many IVR minutes does each menu option consume?',
    ],
    params: {},
    fields: {
      rp_id,
      calls: field('count', 'Calls that reached the option', { from: { count: true } }),
      time: field('minutes', 'IVR minutes used by those calls', { from: { sum: 'ivr_seconds' } }),
      cod_opc_menu,
    },
    rows: { entity: 'calls', where: { via_ivr: 'yes' }, groupBy: ['routing_point_id', 'menu_option'] },
    sources: [postman('1.3. Llamadas y minutos de IVR x Opc de menu'), 'catalog.json'],
  }),
  diagram_2: defineReport({
    api: 'diagram_2',
    family: 'reports_manager',
    toolset: 'ivr',
    category: CATEGORY,
    title: 'Smart wait (consolidated)',
    titleEs: 'Espera inteligente',
    description:
      'One row per skill with smart wait: the queued callers offered a callback (treatment), how many accepted ' +
      '(customer_say_yes) or kept waiting (customer_say_no), the callbacks that succeeded or failed and the ' +
      'service-level gain. One accepted offer is one row of diagram_3.',
    questions: [
      'How many callers accepted a callback instead of waiting?',
      'Did smart wait improve the service level of the sales queue?',
    ],
    params: {},
    fields: {
      skill_id: F.skill_id,
      treatment: field('count', 'Queued calls that entered smart wait (were offered a callback)', {
        from: { count: true },
      }),
      customer_say_no: field('count', 'Callers who declined the callback and kept waiting', {
        from: { count: true, where: { result: 'answer' } },
      }),
      customer_say_yes: field('count', 'Callers who accepted a callback', {
        from: { count: true, where: { result: 'abandon' } },
      }),
      recall_fail: field('count', 'Callbacks that failed'),
      recall_ok: field('count', 'Callbacks that succeeded'),
      service_level_up: field('percent', 'Service-level gain attributed to smart wait'),
    },
    rows: { entity: 'calls', where: INBOUND_QUEUED, groupBy: ['skill_id'] },
    sources: [postman('2. Espera inteligente'), 'catalog.json'],
    notes: [
      'Emulator: every queued inbound call counts as offered; callers who left the queue accepted the callback ' +
        '(customer_say_yes = the rows of diagram_3), answered callers declined it. recall_ok/recall_fail are drawn.',
    ],
  }),
  diagram_3: defineReport({
    api: 'diagram_3',
    family: 'reports_manager',
    toolset: 'ivr',
    category: CATEGORY,
    title: 'Smart wait detail',
    titleEs: 'Detalle espera inteligente',
    description:
      'One row per caller who accepted a smart-wait callback: skill, when they called and when the system last ' +
      'called back, the outcome state, attempts, the number they called from and the one they left, the gap ' +
      'between calls, total time, billed minutes and customer id. Totals per skill are diagram_2.',
    questions: [
      'Which callbacks from smart wait failed yesterday?',
      'How long did customers wait for their callback?',
    ],
    params: {},
    fields: {
      skill_id: F.skill_id,
      date_inbound_call: field('timestamp', 'When the customer called in', { from: 'date' }),
      date_last_outbound_call: field('timestamp', 'When the system last called the customer back'),
      status: field('enum', 'Smart-wait outcome state', {
        values: ['YES', 'NO', 'OK', 'NO USER', 'STOP NEW', 'FAIL'],
      }),
      attempts: field('count', 'Callback attempts made'),
      ani,
      dial_phone: field('phone', 'Number the customer left for the callback', { from: 'telephone' }),
      time_between_calls: field('duration', 'Gap between the inbound call and the callback'),
      time: field('duration', 'Total elapsed time of the inbound call', { from: 'time' }),
      billed_minutes: field('minutes', 'Minutes billed for the callbacks'),
      customer_id: F.customer_id,
    },
    rows: { entity: 'calls', where: { type_interaction: 'inbound', result: 'abandon' } },
    sources: [postman('3. Detalle espera inteligente'), 'catalog.json'],
    notes: [
      'Emulator: the callers who left a skill queue are the ones who accepted the callback (see diagram_2).',
    ],
  }),
  diagram_4: defineReport({
    api: 'diagram_4',
    family: 'reports_manager',
    toolset: 'ivr',
    category: CATEGORY,
    title: 'Smart survey details',
    titleEs: 'Detalles de Encuesta inteligente',
    description:
      'One row per answered smart (post-call) survey: the agent and skill who served the call, date, conn_id, ' +
      'caller number and customer id, the answers to questions q01-q10 ("-" when unused), the voice comment and ' +
      'its length, the call kind, the survey outcome and the detected sentiment. Averages per agent are ' +
      'diagram_5, per skill diagram_6.',
    questions: [
      'What did customers answer in yesterday’s post-call surveys?',
      'Which surveys had a negative sentiment?',
      'How many surveys were left incomplete?',
    ],
    params: {},
    fields: {
      agent_id: F.agent_id,
      agent_name: F.agent_name,
      agent_dni: F.agent_dni,
      skill_id: F.skill_id,
      skill_name: field('text', 'Skill (queue) name'),
      date: F.timestamp,
      conn_id: F.conn_id,
      ani,
      customer_id: F.customer_id,
      ...surveyScores,
      voice_message_duration: field('duration', 'Length of the recorded voice comment'),
      type_interaction,
      result: field('enum', 'Survey outcome', { values: ['abandon', 'complete', 'incomplete'] }),
      time: field('duration', 'Total time of the survey'),
      voice_message: field('file', 'Recorded voice comment'),
      feeling: field('enum', 'Sentiment detected in the answers', { values: FEELINGS }),
    },
    rows: { entity: 'surveys' },
    sources: [postman('4. Detalles de Encuesta inteligente'), 'catalog.json'],
  }),
  diagram_5: defineReport({
    api: 'diagram_5',
    family: 'reports_manager',
    toolset: 'ivr',
    category: CATEGORY,
    title: 'Smart survey per agent',
    titleEs: 'Encuesta inteligente por agente',
    description:
      'One row per agent with answered smart surveys: how many surveys, the average score of each question ' +
      'q01-q10 and the overall average. The surveys are diagram_4; the same figures per skill are diagram_6.',
    questions: [
      'Which agents get the best survey scores?',
      'How many post-call surveys did each agent get this month?',
    ],
    params: {},
    fields: {
      agent_id: F.agent_id,
      agent_name: F.agent_name,
      surveys: field('count', 'Answered surveys of the agent’s calls', { from: { count: true } }),
      ...surveyAverages,
      average: field('number', 'Average score across the questions'),
    },
    rows: { entity: 'surveys', groupBy: ['agent_id'] },
    sources: [postman('5. Encuesta inteligente por agente'), 'catalog.json'],
  }),
  diagram_6: defineReport({
    api: 'diagram_6',
    family: 'reports_manager',
    toolset: 'ivr',
    category: CATEGORY,
    title: 'Smart survey per skill',
    titleEs: 'Encuesta inteligente por Skill',
    description:
      'One row per skill with answered smart surveys: how many surveys, the average score of each question ' +
      'q01-q10 and the overall average. The surveys are diagram_4; the same figures per agent are diagram_5.',
    questions: ['Which queue has the lowest survey scores?', 'How many surveys did each skill collect?'],
    params: {},
    fields: {
      skill_id: F.skill_id,
      skill_name: field('text', 'Skill (queue) name'),
      surveys: field('count', 'Answered surveys of the skill’s calls', { from: { count: true } }),
      ...surveyAverages,
      average: field('number', 'Average score across the questions'),
    },
    rows: { entity: 'surveys', groupBy: ['skill_id'] },
    sources: [postman('6. Encuesta inteligente por Skill'), 'catalog.json'],
  }),
  diagram_7: defineReport({
    api: 'diagram_7',
    family: 'reports_manager',
    toolset: 'ivr',
    category: CATEGORY,
    title: 'ASR CDR',
    titleEs: 'CDR ASR',
    description:
      'One row per speech-recognition (ASR) capture in a voice flow: recognition time in seconds, language, the ' +
      'transcribed text, date and the routing point that used it. Shows what callers say to the IVR and how ' +
      'much ASR the operation consumes.',
    questions: [
      'What did callers say to the voice IVR yesterday?',
      'How much ASR time did we use this month?',
    ],
    params: {},
    fields: {
      time: field('seconds', 'ASR usage time, in seconds', {
        note: 'The page intro says milliseconds, its field table seconds; the table wins.',
      }),
      language: field('enum', 'Recognition language', { values: ['es-CO', 'es-US', 'en-US'] }),
      recognized_text: field('text', 'Text transcribed by ASR'),
      date: F.timestamp,
      rp_id,
    },
    rows: { entity: 'calls', where: { via_ivr: 'yes' } },
    sources: [postman('7. CDR ASR'), 'catalog.json'],
    notes: [
      'Conflict: the intro gives ASR time in milliseconds, the field table in seconds; seconds chosen.',
      'The language values are the emulator’s; wolkvox documents none.',
      'Emulator: one capture per call that went through the IVR.',
    ],
  }),
  diagram_8: defineReport({
    api: 'diagram_8',
    family: 'reports_manager',
    toolset: 'ivr',
    category: CATEGORY,
    title: 'TTS CDR',
    titleEs: 'CDR TTS',
    description:
      'One row per text-to-speech (TTS) synthesis: the text or voice used, the characters synthesized and the ' +
      'credits charged, the text reported, the date and the routing point. Use it to audit TTS consumption; ' +
      'the most used phrases are diagram_10.',
    questions: [
      'How many TTS characters did we synthesize yesterday?',
      'Which flows consume the most TTS credits?',
    ],
    params: {},
    fields: {
      tts_text: field('text', 'TTS text or voice chosen (the table says voice)'),
      characters: { ...characters, note: 'Only in the field table; the example body has credits instead.' },
      recognized_text: field('text', 'Text reported for the record'),
      date: F.timestamp,
      credits: field('count', 'TTS credits charged', { note: 'Only in the example body.' }),
      rp_id: field('id', 'Routing point that synthesized the text', { note: 'Only in the example body.' }),
    },
    rows: { entity: 'speech_synthesis' },
    sources: [postman('8. CDR TTS'), 'catalog.json'],
    notes: [
      'Conflict: the field table lists tts_text, characters, recognized_text, date; the example body tts_text, ' +
        'credits, recognized_text, date, rp_id. The registry serves the union (characters and credits both).',
    ],
  }),
  diagram_9: defineReport({
    api: 'diagram_9',
    family: 'reports_manager',
    toolset: 'ivr',
    category: CATEGORY,
    title: 'Interaction routing and chatbots CDR',
    titleEs: 'CDR enrutamiento de interacción y Chatbots',
    description:
      'One row per turn of a chatbot / interaction-routing conversation (several rows share a session_id and ' +
      'customer phone): session id, channel, routing point, date, the customer’s name, e-mail, phone, id and ' +
      'request, and the routing answer (e.g. transfer to a skill). Shows what customers ask the bots and where the ' +
      'bots send them. Large windows: narrow the range past 6,000 rows.',
    questions: [
      'What are customers asking the WhatsApp bot?',
      'How many bot sessions were routed to an agent today?',
      'Which bot sessions came from this phone number?',
    ],
    params: {},
    fields: {
      session_id: field('id', 'Session id linking the customer and the channel connector'),
      channel: field('enum', 'Contact channel', { values: ['whatsapp', 'web', 'facebook', 'instagram'] }),
      rp_id: field('id', 'Routing point (bot flow) id'),
      date: F.timestamp,
      customer_name: field('person_name', 'Customer’s first name'),
      customer_email: field('email', 'Customer’s e-mail address'),
      customer_phone: field('phone', 'Customer’s phone number'),
      customer_query: field('text', 'What the customer asked'),
      routing_answer: field('text', 'Routing result, e.g. transfer to a skill'),
      customer_id: F.customer_id,
      conn_id: F.conn_id,
    },
    window: { maxDays: 31, advice: 'If the query exceeds 6,000 records, reduce the date range.' },
    rows: { entity: 'bot_sessions' },
    sources: [postman('9. CDR enrutamiento de interacción y Chatbots'), 'catalog.json'],
    notes: [
      'The ES table text for channel is a copy error; the channel values are the emulator’s digital channels.',
      'Endpoint-specific advice: past 6,000 records, reduce the date range (below the general 60,000 cap).',
      'Running code against the platform: rows are turns of bot conversations, several per session_id and ' +
        'customer_phone (a consumer groups them by session); the page reads as one row per session.',
      'Emulator: every turn of a session has the same customer (name, e-mail, phone, id), channel, routing point ' +
        '(the chat bot of info_routing_points) and conn_id; customer_query and routing_answer change per turn. A ' +
        'session that sent the customer to an agent (its last answer TRANSFERIR_AGENTE) carries the conn_id of the ' +
        'chat it became (chat_1, chat_2) and the session_id chat_8 shows.',
    ],
  }),
  diagram_10: defineReport({
    api: 'diagram_10',
    family: 'reports_manager',
    toolset: 'ivr',
    category: CATEGORY,
    title: 'TTS phrases sorted by usage',
    titleEs: 'TTS ordenados por uso',
    description:
      'One row per text-to-speech phrase: how many times it was played and its length in characters. Shows ' +
      'which prompts the flows synthesize most; the individual syntheses are diagram_8.',
    questions: [
      'Which TTS prompts are played most?',
      'Which long phrases should we record as audio instead?',
    ],
    params: {},
    fields: {
      total: field('count', 'Times the phrase was played', { from: { count: true } }),
      characters,
      tts_text,
    },
    rows: { entity: 'speech_synthesis', groupBy: ['skill_id'] },
    sources: [postman('10. TTS ordenados por uso'), 'catalog.json'],
    notes: [
      'Emulator: synthesis records carry no phrase, so one phrase stands for each voice skill’s flow; the ' +
        'ordering by usage is not reproduced (rows come in order of first use).',
    ],
  }),
  diagram_11: defineReport({
    api: 'diagram_11',
    family: 'reports_manager',
    toolset: 'ivr',
    category: CATEGORY,
    title: 'IVR vs transferred to agent',
    titleEs: 'IVR vs transferido al agente',
    description:
      'One row per call that went through the IVR, following it end to end: time in the routing point, the ' +
      'skill it queued in and for how long, whether it reached an agent, the agent, talk time, type codes and ' +
      'the total. Answers how much the IVR resolves alone versus what it passes to agents.',
    questions: [
      'What share of IVR calls end up with an agent?',
      'How long do callers spend in the IVR before reaching an agent?',
      'Which IVR calls were abandoned in the queue?',
    ],
    params: {},
    fields: {
      conn_id: F.conn_id,
      time_on_rp: field('duration', 'Time spent navigating the IVR', { from: 'ivr_seconds' }),
      end_date_rp: field('timestamp', 'Date and time of the IVR leg', {
        from: 'date',
        note: 'Named an end date but described as the IVR start; the emulator stamps the call’s start.',
      }),
      rp_id,
      ani,
      customer_id: F.customer_id,
      time_on_skill: field('duration', 'Time queued in the skill', { from: 'queue_seconds' }),
      skill_id: F.skill_id,
      skill_result: field('enum', 'Outcome of the skill leg: answer (an agent took it) or abandon', {
        values: ['answer', 'abandon'],
        from: 'result',
        note: 'A call the IVR resolved alone shows answer with no skill.',
      }),
      go_to_agent: field('enum', 'Who handled the call after the IVR: agent, ivr (resolved alone) or none', {
        values: ['agent', 'ivr', 'none'],
        from: 'handled_by',
      }),
      agent_id: F.agent_id,
      agent_name: F.agent_name,
      time_with_agent: field('duration', 'Time talking with the agent', { from: 'talk_seconds' }),
      cod_act: field('code', 'General-task typification code'),
      cod_act_2: field('code', 'Specific-task typification code'),
      type_interaction,
      total_time: field('duration', 'IVR, queue and agent time together', { from: 'time' }),
    },
    rows: { entity: 'calls', where: { via_ivr: 'yes' } },
    sources: ['wolkvox.com/apis-v2/11-ivr-vs-transferred-to-agent-en/', 'catalog.json'],
    notes: [
      'Conflict: end_date_rp is named an end but described as the IVR start date; the registry keeps the name ' +
        'and serves the call’s start.',
      'The catalog documents no values for skill_result and go_to_agent; the emulator sends the call result and ' +
        'who handled it.',
    ],
  }),
  diagram_12: defineReport({
    api: 'diagram_12',
    family: 'reports_manager',
    toolset: 'ivr',
    category: CATEGORY,
    title: 'Sentiment analysis CDR',
    titleEs: 'CDR análisis de sentimientos',
    description:
      'One row per text sent to sentiment analysis: the billing units charged, the text and the date. Use it ' +
      'to audit sentiment-analysis consumption.',
    questions: [
      'How many sentiment-analysis units did we use this month?',
      'Which texts were analysed yesterday?',
    ],
    params: {},
    fields: {
      units: field('count', 'Billing units charged'),
      text: field('text', 'Text submitted for sentiment analysis'),
      date: F.timestamp,
    },
    rows: { entity: 'nlp' },
    sources: [postman('12. CDR análisis de sentimientos'), 'catalog.json'],
  }),
  diagram_13: defineReport({
    api: 'diagram_13',
    family: 'reports_manager',
    toolset: 'ivr',
    category: CATEGORY,
    title: 'Menu options CDR',
    titleEs: 'CDR Opciones de menú',
    description:
      'One row per menu option reached in a routing point: routing point, conn_id, customer id, channel, phone, ' +
      'attempts, date, the second of the interaction when the option was reached and the option. Per-option ' +
      'totals are diagram_1_3 and diagram_14.',
    questions: [
      'Which menu options did this customer go through?',
      'How long into the call do callers reach each option?',
    ],
    params: {},
    fields: {
      rp_id,
      conn_id: F.conn_id,
      customer_id: F.customer_id,
      channel: field('enum', 'Channel of the interaction', {
        values: ['voice', 'chat-web', 'chat-whatsapp', 'chat-facebook', 'chat-telegram'],
      }),
      telephone: F.telephone,
      attempt: field('count', 'Attempts in the routing point'),
      date: F.timestamp,
      second_event: field('seconds', 'Second of the interaction when the option was reached', {
        from: 'ivr_seconds',
        adds: false,
      }),
      cod_opc_menu: { ...cod_opc_menu, meaning: 'Menu option reached; PULSE means none was pressed' },
    },
    rows: { entity: 'calls', where: { via_ivr: 'yes' } },
    sources: [postman('13. CDR Opciones de menú'), 'catalog.json'],
    notes: ['Emulator: voice menus only (one option per IVR call, reached at the end of the IVR leg).'],
  }),
  diagram_14: defineReport({
    api: 'diagram_14',
    family: 'reports_manager',
    toolset: 'ivr',
    category: CATEGORY,
    title: 'Menu options grouped by code',
    titleEs: 'Opciones de menú agrupado por código',
    description:
      'One row per menu-option code used in the flows: its description, how many times it was reached and its ' +
      'share of all interactions. The detail is diagram_13.',
    questions: ['Which menu option codes are used most?', 'What share of callers choose each option?'],
    params: {},
    fields: {
      cod_act: field('code', 'Activity (menu option) code used in the Studio flows', { from: 'menu_option' }),
      description_cod_act: field('text', 'Description of the code', { from: 'menu_description' }),
      count: field('count', 'Times the code was reached', { from: { count: true } }),
      percent: field('percent', 'Share of all interactions', { from: { shareOfTotal: true } }),
    },
    rows: { entity: 'calls', where: { via_ivr: 'yes' }, groupBy: ['menu_option'] },
    sources: [postman('14. Opciones de menú agrupado por código'), 'catalog.json'],
    notes: [
      'Emulator: the codes are the text codes the tenant gave its menu options (AGENTE, NO_PASA_AGENTE, CV_BUZON, ' +
        'PULSE when none was pressed), with their descriptions.',
    ],
  }),
  diagram_15: defineReport({
    api: 'diagram_15',
    family: 'reports_manager',
    toolset: 'ivr',
    category: CATEGORY,
    title: 'Voice conversations report (IVR + ASR + TTS + NLP)',
    titleEs: 'Reporte de conversaciones de voz (IVR + ASR + TTS + NLP)',
    description:
      'One row per voice conversation with a bot flow: the voice routing point, the conversation id, date, IVR ' +
      'time, and the NLP credits, ASR time and TTS credits it consumed. Use it to see what each conversational ' +
      'IVR call costs.',
    questions: [
      'How many NLP and TTS credits did the voice bot use yesterday?',
      'How long are conversations with the voice bot?',
    ],
    params: {},
    fields: {
      conversational_id: field('id', 'Voice routing point tied to the conversation', {
        from: 'routing_point_id',
      }),
      connect_id: field('conn_id', 'Voice conversation id: the call’s conn_id and the conversation’s leg', {
        from: 'voice_conn_id',
        note:
          'Running code saw five parts here where calls have four; the catalog says nothing of the form. Read as the ' +
          'call’s conn_id plus the conversation’s leg within the call (one bot conversation per call: ".1"), so ' +
          'dropping the last part joins it to the call.',
      }),
      date: F.timestamp,
      ivr_time: field('duration', 'IVR duration', { from: 'ivr_seconds' }),
      nlp_credits: field('count', 'NLP credits consumed'),
      asr_time: field('duration', 'Speech-recognition time used'),
      tts_credits: field('count', 'TTS credits consumed'),
    },
    rows: { entity: 'calls', where: { via_ivr: 'yes' } },
    sources: [postman('15. Reporte de conversaciones de voz (IVR + ASR + TTS + NLP)'), 'catalog.json'],
    notes: [
      'Conflict: the request table gives the api value "voice_conversations" but the URL uses diagram_15; the ' +
        'URL wins (the registry serves api=diagram_15).',
    ],
  }),
} as const;
