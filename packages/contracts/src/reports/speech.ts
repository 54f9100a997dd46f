import { field } from '../fields.js';
import { defineReport } from '../report.js';
import { F } from './shared-fields.js';

/** Speech analytics and the wvx Copilot: speech_*, wizard_*. */

const postman = (item: string) => `Postman ES collection "wolkvox APIs (ES)", item "Reportes / ${item}"`;
const SPEECH = 'Speech analytics';
const COPILOT = 'wvx Copilot (Mr. Wizard)';
const FEELINGS = ['very negative', 'negative', 'neutral', 'positive', 'very positive'] as const;
const YES_NO = ['yes', 'no'] as const;

const question = field('text', 'Question the agent asked the copilot');
const copilotDate = field('timestamp', 'When the agent used the copilot');

const RATING_NOTE =
  'Emulator: copilot records carry no rating; uses on WhatsApp and web count as rated positive (wizard_2), ' +
  'on Facebook and Instagram as rated negative (wizard_3), so the two are disjoint subsets of wizard_1.';

/** Every report of this area, keyed by id. */
export const SPEECH_REPORTS = {
  speech_1: defineReport({
    api: 'speech_1',
    family: 'reports_manager',
    toolset: 'speech',
    category: SPEECH,
    title: 'Speech CDR',
    titleEs: 'CDR Speech',
    description:
      'One row per interaction analysed by speech analytics: agent, conn_id, length and silence in seconds, ' +
      'date, customer phone and id, type code, whether the agent greeted, greeted late or said their name, the ' +
      'keyword category, the transcript, the customer’s sentiment and the channel. Per-agent averages are ' +
      'speech_2 (silence), speech_3 (slow greetings) and speech_4 (sentiment).',
    questions: [
      'Which calls had long silences today?',
      'Did the agents greet and say their name on yesterday’s calls?',
      'Which calls had a very negative customer sentiment?',
    ],
    params: {},
    fields: {
      agent_id: F.agent_id,
      agent_name: F.agent_name,
      agent_dni: F.agent_dni,
      conn_id: F.conn_id,
      time: field('seconds', 'Interaction length in seconds'),
      date: F.timestamp,
      time_silence: field('seconds', 'Total silence in seconds (0 for non-voice interactions)'),
      customer_phone: field('phone', 'Customer’s phone number'),
      customer_id: F.customer_id,
      cod_act: field('code', 'Typification code set by the agent; may be TIMEOUTACW'),
      description_cod_act: field('text', 'Text label of the typification code; may be TIMEOUTACW'),
      greeting: field('enum', 'Whether the agent greeted', { values: YES_NO }),
      slow_to_greet: field('enum', 'Whether the greeting came late', { values: YES_NO }),
      greeting_agent_name: field('enum', 'Whether the agent said their name', {
        values: YES_NO,
        note: 'wolkvox writes "yes – <name said>"; the emulator sends yes or no.',
      }),
      category01: field('text', 'First custom keyword category (up to ten, named by configuration)'),
      audio_text: field('text', 'Speech-to-text transcript'),
      feeling: field('enum', 'Customer’s sentiment', { values: FEELINGS }),
      channel: field('enum', 'Contact channel', {
        values: ['chat-facebook', 'chat-instagram', 'chat-sms', 'chat-web', 'chat-whatsapp', 'voice'],
      }),
    },
    rows: { entity: 'speech' },
    sources: [postman('Speech Analytics / 1. CDR Speech'), 'catalog.json'],
    notes: [
      'Custom category columns (up to ten) sit between greeting_agent_name and audio_text, named by ' +
        'configuration; the registry documents category01 as the catalog does.',
    ],
  }),
  speech_2: defineReport({
    api: 'speech_2',
    family: 'reports_manager',
    toolset: 'speech',
    category: SPEECH,
    title: 'Silence percentage per agent',
    titleEs: 'Porcentaje de silencio por Agente',
    description:
      'One row per agent with analysed interactions: the average percentage of silence in their calls. The ' +
      'interactions are speech_1.',
    questions: ['Which agents leave the longest silences on calls?', 'Is silence on calls going down?'],
    params: {},
    fields: {
      agent_id: F.agent_id,
      agent_name: F.agent_name,
      agent_dni: F.agent_dni,
      silence: field('percent', 'Average silence percentage in the agent’s calls'),
    },
    rows: { entity: 'speech', groupBy: ['agent_id'] },
    sources: [postman('Speech Analytics / 2. Porcentaje de silencio por Agente'), 'catalog.json'],
  }),
  speech_3: defineReport({
    api: 'speech_3',
    family: 'reports_manager',
    toolset: 'speech',
    category: SPEECH,
    title: 'Slow-greeting percentage per agent',
    titleEs: 'Porcentaje de saludos lentos por Agente',
    description:
      'One row per agent with analysed interactions: the percentage of their calls where the greeting came late. ' +
      'The interactions are speech_1 (slow_to_greet).',
    questions: [
      'Which agents are slow to greet customers?',
      'What share of calls start with a late greeting?',
    ],
    params: {},
    fields: {
      agent_id: F.agent_id,
      agent_name: F.agent_name,
      agent_dni: F.agent_dni,
      slow_to_greet: field('percent', 'Percentage of the agent’s calls with a slow greeting'),
    },
    rows: { entity: 'speech', groupBy: ['agent_id'] },
    sources: [postman('Speech Analytics / 3. Porcentaje de saludos lentos por Agente'), 'catalog.json'],
  }),
  speech_4: defineReport({
    api: 'speech_4',
    family: 'reports_manager',
    toolset: 'speech',
    category: SPEECH,
    title: 'Average sentiment level per agent',
    titleEs: 'Promedio de sentimiento por niveles por Agente',
    description:
      'One row per agent with analysed interactions: the average customer-sentiment level of their calls, from ' +
      'very negative to very positive. The interactions are speech_1.',
    questions: [
      'Which agents leave customers in a negative mood?',
      'How do customers feel after talking to agent N?',
    ],
    params: {},
    fields: {
      agent_id: F.agent_id,
      agent_name: F.agent_name,
      agent_dni: F.agent_dni,
      feeling: field('enum', 'Average sentiment level of the agent’s calls', { values: FEELINGS }),
    },
    rows: { entity: 'speech', groupBy: ['agent_id'] },
    sources: [
      postman('Speech Analytics / 4. Promedio de sentimiento por niveles por Agente'),
      'catalog.json',
    ],
  }),
  speech_5: defineReport({
    api: 'speech_5',
    family: 'reports_manager',
    toolset: 'speech',
    category: SPEECH,
    title: 'Speech/text analytics on demand',
    titleEs: 'Speech por demanda',
    description:
      'One row per conversation analysed on demand: agent, conversation id, the text, its summary, the detected ' +
      'sentiment, the date and the characters analysed (what on-demand analytics bills).',
    questions: [
      'What were the conversations analysed on demand about?',
      'How many characters did we analyse?',
    ],
    params: {},
    fields: {
      agent_id: F.agent_id,
      id_text: field('id', 'Conversation id'),
      text: field('text', 'Conversation text'),
      summary: field('text', 'Conversation summary'),
      feeling: field('enum', 'Detected sentiment', { values: FEELINGS }),
      date: field('timestamp', 'Analysis date'),
      total_chars: field('count', 'Characters in the conversation'),
    },
    rows: { entity: 'speech' },
    sources: [postman('Speech Analytics / 5. Speech por demanda'), 'catalog.json'],
    notes: [
      'The Postman URL uses http:// (not https) and its example body is invalid JSON; the field table is followed.',
      'The catalog lists no sentiment values here; speech_1’s five levels are used.',
    ],
  }),
  wizard_1: defineReport({
    api: 'wizard_1',
    family: 'reports_manager',
    toolset: 'speech',
    category: COPILOT,
    title: 'Mr. Wizard (wvx Copilot) detail',
    titleEs: 'Detalle de wvx Copilot',
    description:
      'One row per question an agent asked the wvx Copilot (Mr. Wizard): agent, interaction, the question, the ' +
      'copilot’s answer and when. Rated answers are wizard_2 (positive) and wizard_3 (negative).',
    questions: ['What do agents ask the copilot most?', 'How often did agents use the copilot today?'],
    params: {},
    fields: {
      agent_id: F.agent_id,
      conn_id: field('conn_id', 'Interaction during which the copilot was used'),
      question,
      answer: field('text', 'The copilot’s answer'),
      date: copilotDate,
    },
    rows: { entity: 'copilot' },
    sources: ['wolkvox.com/en/apis-v2-2/1-mr-wizard-detail', 'catalog.json'],
    notes: ['The URL template lacks the "wv" host prefix (https://{{wolkvox_server}}.wolkvox.com/...).'],
  }),
  wizard_2: defineReport({
    api: 'wizard_2',
    family: 'reports_manager',
    toolset: 'speech',
    category: COPILOT,
    title: 'wvx Copilot positive ratings detail',
    titleEs: 'Detalle de calificaciones positivas',
    description:
      'One row per copilot answer an agent rated positive: agent, question, the answer and when. Shows what ' +
      'the copilot does well; the negative ratings are wizard_3.',
    questions: [
      'Which copilot answers do agents find useful?',
      'How many positive ratings did the copilot get?',
    ],
    params: {},
    fields: {
      agent_id: F.agent_id,
      question,
      answer: field('text', 'Answer the agent rated positive'),
      date: copilotDate,
    },
    rows: { entity: 'copilot', where: { channel: ['whatsapp', 'web'] } },
    sources: [postman('wvx Copilot / 2. Detalle de calificaciones positivas'), 'catalog.json'],
    notes: [RATING_NOTE],
  }),
  wizard_3: defineReport({
    api: 'wizard_3',
    family: 'reports_manager',
    toolset: 'speech',
    category: COPILOT,
    title: 'wvx Copilot negative ratings detail',
    titleEs: 'Detalle de calificaciones negativas',
    description:
      'One row per copilot answer an agent rated negative: agent, question, the answer, the agent’s reason ' +
      '(field spelled explation) and when. Shows where the copilot’s knowledge needs work.',
    questions: ['Why do agents reject copilot answers?', 'Which questions does the copilot answer badly?'],
    params: {},
    fields: {
      agent_id: F.agent_id,
      question,
      answer: field('text', 'Answer the agent rated negative'),
      explation: field('text', 'The agent’s reason for the negative rating (the API misspells the name)'),
      date: copilotDate,
    },
    rows: { entity: 'copilot', where: { channel: ['facebook', 'instagram'] } },
    sources: [postman('wvx Copilot / 3. Detalle de calificaciones negativas'), 'catalog.json'],
    notes: ['The URL template lacks the "wv" host prefix.', RATING_NOTE],
  }),
} as const;
