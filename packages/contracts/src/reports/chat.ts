import { z } from 'zod';
import { field } from '../fields.js';
import { PARAMS } from '../params.js';
import { defineReport } from '../report.js';
import { F } from './shared-fields.js';

const CATEGORY = 'Interactions & chats';
const postman = (item: string) =>
  `Postman ES collection "wolkvox APIs (ES)", item "Reportes / Interacciones y Chats / ${item}"`;

const CHAT_CHANNELS = ['facebook', 'instagram', 'web', 'whatsapp'] as const;
const INTERACTION_CHANNELS = ['Email', 'facebook_page', 'instagram', 'twitter'] as const;
const FEELINGS = ['very negative', 'negative', 'neutral', 'positive', 'very positive'] as const;
const chatChannel = field('enum', 'Chat channel', { values: CHAT_CHANNELS });
const interactionChannel = field('enum', 'Interaction channel (e-mail or social network)', {
  values: INTERACTION_CHANNELS,
  note: 'The emulator’s interactions are e-mails, sent as "email".',
});
const customer_name = field('person_name', 'Customer’s first name');
const customer_email = field('email', 'Customer’s e-mail address');
const customer_phone = field('phone', 'Customer’s phone number');
const cod_act = field('code', 'Typification code set by the agent; may be TIMEOUTACW');
const description_cod_act = field('text', 'Text label of the typification code; may be TIMEOUTACW');
const close_time = field('duration', 'Handling time until the interactions were closed');

/** Every report of this area, keyed by id. */
export const CHAT_REPORTS = {
  chat_1: defineReport({
    api: 'chat_1',
    family: 'reports_manager',
    toolset: 'chat',
    category: CATEGORY,
    title: 'Chats',
    titleEs: 'Chats',
    description:
      'One row per chat closed in the window (date is when it opened, date_close when it closed: a morning ' +
      'window lists chats opened the day before): channel, the customer (name, e-mail, phone, id), the agent, ' +
      'characters typed by each side, agent time and chat duration (seconds), first-reply time (ASA), type code ' +
      '(TIMEOUTCHAT when nobody typed it and it closed itself) and comments, who spoke last, sentiment and the ' +
      'number of agent messages. Optionally one agent by document number. The messages themselves are chat_2.',
    questions: [
      'How many chats did each channel bring today?',
      'Which chats had a negative sentiment yesterday?',
      'How long do customers wait for the first agent reply on WhatsApp?',
    ],
    params: { agent_dni: PARAMS.agent_dni(false) },
    fields: {
      conn_id: field('conn_id', 'Chat id'),
      channel: chatChannel,
      date: field('timestamp', 'When the chat opened (YYYY-MM-DD HH:MM:SS)'),
      date_close: field('timestamp', 'When the chat closed: the window applies to this date'),
      customer_name,
      customer_email,
      customer_phone,
      customer_chars: field('count', 'Characters typed by the customer'),
      agent_id: F.agent_id,
      agent_name: F.agent_name,
      agent_chars: field('count', 'Characters typed by the agent'),
      time_on_agent: field('duration', 'Time the agent spent on the chat'),
      chat_duration: field('seconds', 'Chat duration in seconds, from opening to closing', {
        from: 'open_seconds',
      }),
      cod_act: field('code', 'Typification code set by the agent; TIMEOUTCHAT when the chat closed itself'),
      description_cod_act: field('text', 'Text label of the typification code; TIMEOUTCHAT when untyped'),
      comments: field('text', 'Interaction comments'),
      customer_id: F.customer_id,
      skill_id: F.skill_id,
      ASA: field('seconds', 'Seconds from the customer starting the chat to the agent’s first reply'),
      last_participant_who_spoke: field('enum', 'Who sent the last message', {
        values: ['agent', 'chat-bot', 'customer'],
      }),
      extra_field: field('text', 'Extra storage field'),
      comment: field('text', 'Interaction comment'),
      user_id: field('id', 'User identifier'),
      feeling: field('enum', 'Detected sentiment', { values: FEELINGS }),
      agent_anwers: field('count', 'Agent messages sent to the customer (the documented, misspelled key)', {
        from: 'agent_answers',
        note: 'The example body writes the key with a trailing space.',
      }),
      agent_answers: field('count', 'Agent messages sent to the customer (same value as agent_anwers)'),
    },
    rows: { entity: 'chats', windowBy: 'date_close' },
    sources: ['wolkvox.com/en/apis-v2-2/1-chats-en/', 'catalog.json'],
    notes: [
      'agent_dni is listed only on the EN web request table (not in Postman ES): an optional filter.',
      'ASA has no documented format; seconds like chat_duration is assumed. time_on_agent is HH:MM:SS.',
      'Low evidence, decided from the catalog: chat_duration is whole seconds ("Chat duration in seconds" in the ' +
        'field table), not HH:MM:SS.',
      "Emulator: customer_name, customer_email and customer_phone are the chat's customer (a customer, never an " +
        'agent), the same person chat_2, diagram_9 (the bot session the chat came through, same conn_id) and ' +
        'every other report name for that customer id. agent_anwers/agent_answers is the number of agent messages ' +
        "in the chat's chat_2 conversation; customer_chars, agent_chars, ASA and last_participant_who_spoke are " +
        'computed from those messages.',
      'Running code against the platform: the window filters on the close date (date_close, sent in each row) ' +
        'while date is the open date, so a window ending at 08:45 returns chats opened the day before. The page ' +
        'describes date as "chat date/time" and lists no date_close.',
      'Running code against the platform: a chat nobody typified closes itself after about 23 hours with code ' +
        'TIMEOUTCHAT (a voice call times out in wrap-up as TIMEOUTACW).',
      'Conflict: the page spells agent_anwers, a consumer reads agent_answers: both keys are served, same value.',
    ],
  }),
  chat_2: defineReport({
    api: 'chat_2',
    family: 'reports_manager',
    toolset: 'chat',
    category: CATEGORY,
    title: 'Conversations',
    titleEs: 'Conversaciones',
    description:
      'One row per chat with its conversation: chat id, agent and customer names, and `conversation`, the list of ' +
      'messages (channel, sender side and name, recipient, date, text with attachment links, customer id and ' +
      'phone). Read what was said in a chat listed by chat_1.',
    questions: ['What did the customer and the agent say in chat N?', 'Which chats mention a cancellation?'],
    params: {},
    fields: {
      conn_id: field('conn_id', 'Chat id'),
      agent_name: F.agent_name,
      customer_name,
      conversation: field('list', 'The chat’s messages, in order', {
        items: {
          channel: chatChannel,
          from: field('enum', 'Sender side', { values: ['AGENT', 'CUSTOMER'] }),
          from_name: field('person_name', 'Sender’s name (the table labels it "from_name phone")'),
          to_name: field('person_name', 'Recipient’s name; "chat bot" when sent to a bot'),
          date: field('timestamp', 'Message date and time'),
          message: field('text', 'Message text; attachment URLs appear here'),
          customer_id: F.customer_id,
          customer_phone,
        },
      }),
    },
    rows: { entity: 'chats', windowBy: 'date_close' },
    sources: ['wolkvox.com/en/apis-v2-2/2-conversations/', 'catalog.json'],
    notes: [
      'The example body nests the messages in conversation[]; the EN page shows a flat table (with feeling). ' +
        'The nested shape is kept.',
      'Emulator: like chat_1 (and every chat report) the window applies to when the chat closed, so chat_1 and ' +
        'chat_2 of one window join on conn_id.',
      "Emulator: the messages alternate between the chat's customer and its agent, the customer first, with as " +
        "many agent messages as chat_1's agent_answers; from_name/to_name are the customer's first name (chat_1 " +
        "customer_name) and the agent's name. Some customer messages are attachments, written as the platform " +
        'writes them: an HTML link (<a href="..." target="_blank">file.pdf</a>) or an inline image ' +
        '(data:image/jpeg;base64,...); agents sometimes send a payment link the same way.',
    ],
  }),
  chat_3: defineReport({
    api: 'chat_3',
    family: 'reports_manager',
    toolset: 'chat',
    category: CATEGORY,
    title: 'Closed interactions by channel',
    titleEs: 'Interacciones cerradas por canal',
    description:
      'One row per interaction channel (e-mail, Facebook page, Instagram, Twitter): interactions closed and ' +
      'their handling time. Totals agree with chat_5 (per agent) and chat_6 (per day); the detail is chat_4.',
    questions: ['How many e-mails did we close this week?', 'Which channel takes longest to close?'],
    params: {},
    fields: {
      channel: interactionChannel,
      interactions: field('count', 'Interactions closed', { from: { count: true } }),
      closing_time: field('duration', 'Handling time of the channel'),
    },
    rows: { entity: 'emails', groupBy: ['channel'] },
    sources: [postman('3. Interacciones cerradas por canal'), 'catalog.json'],
  }),
  chat_4: defineReport({
    api: 'chat_4',
    family: 'reports_manager',
    toolset: 'chat',
    category: CATEGORY,
    title: 'Interactions detail',
    titleEs: 'Detalle interacciones',
    description:
      'One row per e-mail or social-network interaction: channel, agent, skill, case id, subject, sender, ' +
      'recipient, body and answer, created and closed dates, survey score, type code, comments, attachments and ' +
      'status (open, close, archived). Per-channel, per-agent and per-day totals are chat_3, chat_5, chat_6.',
    questions: [
      'Which e-mails are still open?',
      'What did we answer to the complaint from this address?',
      'How long did e-mails take from arrival to closing yesterday?',
    ],
    params: {
      attach_array: {
        description: 'Output of attachments: "yes" as an array, "no" as JSON.',
        required: false,
        schema: z.enum(['yes', 'no'], { error: 'expected "yes" (array output) or "no" (JSON output)' }),
        example: 'no',
      },
      include_attachments: {
        description: 'Whether to include the attachments: "true" or "false".',
        required: false,
        schema: z.enum(['true', 'false'], { error: 'expected "true" or "false"' }),
        example: 'false',
      },
    },
    fields: {
      channel: interactionChannel,
      agent_name: F.agent_name,
      skill_id: F.skill_id,
      case_id: field('id', 'Case id'),
      subject: field('text', 'E-mail subject or social-post author'),
      from: field('email', 'Sender (e-mail address or social profile)'),
      to: field('email', 'Recipient (e-mail address or social profile)'),
      body: field('text', 'Message body'),
      answer: field('text', 'Reply sent to the sender'),
      date_creation: field('timestamp', 'When the message was created', { from: 'date' }),
      close_date: field('timestamp', 'When the interaction was closed'),
      evaluation_survey: field('number', 'Survey score, if the customer answered'),
      cod_act,
      cod_description: field('text', 'Description of the code (field table only)'),
      comments: field('text', 'Agent’s comments'),
      attachments: field('url', 'Attached files (links); empty when none'),
      status: field('enum', 'Interaction state', { values: ['open', 'close', 'archived'] }),
    },
    rows: { entity: 'emails' },
    sources: [postman('4. Detalle interacciones'), 'catalog.json'],
    notes: [
      'attach_array and include_attachments: the catalog does not say whether they are required; both are ' +
        'optional here (they only shape the attachments output), and the emulator ignores them.',
    ],
  }),
  chat_5: defineReport({
    api: 'chat_5',
    family: 'reports_manager',
    toolset: 'chat',
    category: CATEGORY,
    title: 'Closed interactions per agent',
    titleEs: 'Interacciones cerradas por agente',
    description:
      'One row per agent: e-mail and social interactions closed and their handling time. Sums to chat_3 and ' +
      'chat_6; by type code see chat_7.',
    questions: [
      'Which agent closed the most e-mails this week?',
      'How long does each agent take to close e-mails?',
    ],
    params: {},
    fields: {
      agent_name: F.agent_name,
      interactions: field('count', 'Interactions the agent closed', { from: { count: true } }),
      close_time,
    },
    rows: { entity: 'emails', groupBy: ['agent_id'] },
    sources: [postman('5. Interacciones cerradas por agente'), 'catalog.json'],
  }),
  chat_6: defineReport({
    api: 'chat_6',
    family: 'reports_manager',
    toolset: 'chat',
    category: CATEGORY,
    title: 'Closed interactions per day',
    titleEs: 'Interacciones cerradas por día',
    description:
      'One row per day: e-mail and social interactions closed and their handling time. Sums to chat_3 and chat_5.',
    questions: [
      'How many e-mails did we close each day this month?',
      'Is the e-mail backlog closing faster?',
    ],
    params: {},
    fields: {
      date: field('day', 'The day (YYYY-MM-DD)', { from: 'date_day' }),
      interactions: field('count', 'Interactions closed that day', { from: { count: true } }),
      close_time,
    },
    rows: { entity: 'emails', groupBy: ['date_day'] },
    sources: [postman('6. Interacciones cerradas por día'), 'catalog.json'],
    notes: ['The catalog says only "Day"; YYYY-MM-DD as in diagram_1_1 is assumed.'],
  }),
  chat_7: defineReport({
    api: 'chat_7',
    family: 'reports_manager',
    toolset: 'chat',
    category: CATEGORY,
    title: 'Closed interactions per agent and code',
    titleEs: 'Interacciones cerradas por agente y código',
    description:
      'One row per agent and type code: e-mail and social interactions the agent closed with that code, and ' +
      'the code’s description. Shows what agents resolve in the digital channels.',
    questions: ['What kind of e-mails does each agent close?', 'How many complaints did each agent close?'],
    params: {},
    fields: {
      interactions: field('count', 'Interactions closed with that code', { from: { count: true } }),
      agent_name: F.agent_name,
      cod_act,
      description_cod_act,
    },
    rows: { entity: 'emails', groupBy: ['agent_id'] },
    sources: [postman('7. Interacciones cerradas por agente y código'), 'catalog.json'],
    notes: [
      'The example body adds description_cod_act (kept). A third party got HTTP 404 here: the endpoint may not ' +
        'be enabled on every server.',
      'Emulator: e-mail records carry no type code, so there is one row per agent with one drawn code.',
    ],
  }),
  chat_8: defineReport({
    api: 'chat_8',
    family: 'reports_manager',
    toolset: 'chat',
    category: CATEGORY,
    title: 'Chats transferred to agent',
    titleEs: 'Chats transferidos a agente',
    description:
      'One row per chat the bot passed to an agent: session, messages exchanged, start and end, time with the ' +
      'bot and with the agent, routing point, channel, the customer, the agent, characters typed, first-reply ' +
      'time (asa) and who sent the last message.',
    questions: [
      'How long do customers spend with the bot before reaching an agent?',
      'Which chats did the bot hand to agents today?',
    ],
    params: {},
    fields: {
      conn_id: field('conn_id', 'Chat id'),
      session_id: field('id', 'Session id linking the customer and the channel connector'),
      times_chatted: field('count', 'Messages exchanged'),
      start_date: field('timestamp', 'Chat start', { from: 'date' }),
      end_date: field('timestamp', 'Chat end', { from: 'date_close' }),
      time_on_chatbot: field('duration', 'Time with the bot'),
      rp_id: field('id', 'Routing point (bot flow) id'),
      channel: field('enum', 'Chat channel', {
        values: ['facebook', 'instagram', 'telegram', 'web', 'whatsapp'],
      }),
      go_to_agent: field('enum', 'Whether the chat reached an agent', { values: ['yes'] }),
      customer_phone,
      customer_name,
      agent_id: F.agent_id,
      agent_name: F.agent_name,
      time_with_agent: field('duration', 'Time with the agent'),
      total_time: field('duration', 'Total handling time'),
      customer_chars: field('count', 'Characters typed by the customer'),
      total_chars: field('count', 'Characters typed by both sides'),
      asa: field('seconds', 'Seconds from the chat start to the first agent reply'),
      last_sender: field('enum', 'Who sent the last message', { values: ['agent', 'chat_bot', 'customer'] }),
      customer_id: F.customer_id,
      customer_email,
      agent_chars: field('count', 'Characters typed by the agent', { note: 'Only in the example body.' }),
    },
    rows: { entity: 'chats', windowBy: 'date_close' },
    sources: [postman('8. Chats transferidos a agente'), 'catalog.json'],
    notes: [
      'The catalog documents no values for go_to_agent; every row here reached an agent (yes).',
      "Emulator: session_id, rp_id and time_on_chatbot are the bot session the chat came through (diagram_9's " +
        'turns with the same session_id and conn_id); times_chatted, the characters, asa and last_sender come from ' +
        "the chat's chat_2 messages.",
    ],
  }),
  chat_9: defineReport({
    api: 'chat_9',
    family: 'reports_manager',
    toolset: 'chat',
    category: 'Interactions & chats',
    title: 'Interaction transfers',
    titleEs: 'Transferencias de interacciones',
    description:
      'One row per transferred interaction: who transferred it and who received it (agent id and name, or SKILL ' +
      'when it went to a group), the channel and the date. Shows what was not solved at first contact and which ' +
      'agents transfer most.',
    questions: [
      'Which agents transfer most?',
      'Who receives the most transfers?',
      'How many interactions were transferred to a skill instead of an agent?',
    ],
    params: {},
    fields: {
      conn_id: F.conn_id,
      transfer_agent_id: field('agent_id', 'Id of the agent who transferred the interaction'),
      transfer_agent_name: field('person_name', 'Name of the agent who transferred the interaction'),
      receiver_agent_id: field('agent_id', 'Id of the agent who received it'),
      receiver_agent_name: field(
        'person_name',
        'Name of the agent who received it, or SKILL when it went to a group',
      ),
      channel: field('enum', 'Channel of the interaction (documented as e-mail)', { values: ['email'] }),
      date: F.timestamp,
    },
    rows: { entity: 'transfers', where: { channel: 'email' } },
    sources: [
      'seed: seeds/003_70757004064e5291.txt (ES page "9. Transferencias de interacciones")',
      'catalog.json',
    ],
    notes: ['Despite the chat_ prefix the channel is documented as e-mail only; chat transfers are chat_11.'],
  }),
  chat_10: defineReport({
    api: 'chat_10',
    family: 'reports_manager',
    toolset: 'chat',
    category: CATEGORY,
    title: 'Official WhatsApp billing',
    titleEs: 'Facturación de WhatsApp Oficial',
    description:
      'One row per billable official-WhatsApp conversation: chat id, session (customer.operation.connector), ' +
      'date, customer phone, whether a template opened it, and the destination. Use it to reconcile the ' +
      'WhatsApp bill.',
    questions: [
      'How many WhatsApp conversations will we be billed for this month?',
      'How many WhatsApp conversations did we open with a template?',
    ],
    params: {},
    fields: {
      conn_id: field('conn_id', 'Chat id'),
      session_id: field('id', 'Session id (customer.operation.connector)'),
      date: F.timestamp,
      customer_phone,
      template: field('enum', 'Whether a template was used', { values: ['no', 'yes'] }),
      destiny: field('enum', 'Destination (a call-style label)', {
        values: ['COLOMBIA MOVIL', 'COLOMBIA FIJO'],
        note: 'wolkvox documents no values; the emulator uses the calls’ destination labels.',
      }),
    },
    rows: { entity: 'chats', windowBy: 'date_close', where: { channel: 'whatsapp' } },
    sources: [postman('10. Facturación de WhatsApp Oficial'), 'catalog.json'],
  }),
  chat_11: defineReport({
    api: 'chat_11',
    family: 'reports_manager',
    toolset: 'chat',
    category: CATEGORY,
    title: 'Chat transfers',
    titleEs: 'Transferencia de chats',
    description:
      'One row per transferred chat: who transferred it and who received it (id, name and document; a skill or ' +
      'routing point when it went to a group), the channel and the date. The e-mail transfers are chat_9.',
    questions: [
      'Which agents transfer the most chats?',
      'How many WhatsApp chats were sent back to a queue?',
    ],
    params: {},
    fields: {
      conn_id: field('conn_id', 'Chat id'),
      transfer_agent_id: field('agent_id', 'Id of the agent who transferred the chat'),
      transfer_agent_name: field('person_name', 'Name of the agent who transferred the chat'),
      transfer_agent_dni: field('document', 'Identity document of the agent who transferred the chat'),
      receiver_agent_id: field(
        'agent_id',
        'Id of the receiving agent, or the skill id when it went to a queue',
      ),
      receiver_agent_name: field('person_name', 'Name of the receiving agent, or SKILL'),
      receiver_agent_dni: field('document', 'Identity document of the receiving agent (empty for a skill)'),
      channel: field('enum', 'Chat channel', { values: CHAT_CHANNELS }),
      date: F.timestamp,
    },
    rows: { entity: 'transfers', where: { channel: ['chat', 'whatsapp'] } },
    sources: [postman('11. Transferencia de chats'), 'catalog.json'],
    notes: [
      'Emulator: transfers record web chats as "chat" (the catalog’s "web"), and no Facebook or Instagram ' +
        'transfers.',
      'Emulator: each row is a chat of chat_1 (the same conn_id, customer and skill) its agent passed to a ' +
        'colleague on shift or back to the queue, a little after the first reply; chat_16 percent_transfer counts them.',
    ],
  }),
  chat_12: defineReport({
    api: 'chat_12',
    family: 'reports_manager',
    toolset: 'chat',
    category: CATEGORY,
    title: 'Interactions sent per agent',
    titleEs: 'Interacciones enviadas por agente',
    description:
      'One row per e-mail an agent sent: interaction id, agent, channel, sender, recipient, subject, body, ' +
      'date and the type code with its description.',
    questions: [
      'Which e-mails did agent N send yesterday?',
      'How many outgoing e-mails did each agent write?',
    ],
    params: {},
    fields: {
      conn_id: F.conn_id,
      agent_id: F.agent_id,
      agent_name: F.agent_name,
      channel: field('enum', 'Channel (e-mail only)', { values: ['email'] }),
      from: field('email', 'Sender e-mail address'),
      to: field('email', 'Recipient e-mail address'),
      subject: field('text', 'Subject line'),
      body: field('text', 'Message body'),
      date: F.timestamp,
      cod_act: field('code', 'Typification code'),
      description_cod_act: field('text', 'Typification description'),
    },
    rows: { entity: 'emails' },
    sources: [postman('12. Interacciones enviadas por agente'), 'catalog.json'],
  }),
  chat_13: defineReport({
    api: 'chat_13',
    family: 'reports_manager',
    toolset: 'chat',
    category: CATEGORY,
    title: 'Closed chats by channel',
    titleEs: 'Chats cerrados por canal',
    description:
      'One row per chat channel (WhatsApp, web, Facebook, Instagram): the chats closed in it. The channel comes ' +
      'twice, as `channel` and as `chanel` (the spelling of wolkvox’s example body). Totals agree with chat_1.',
    questions: ['How many chats did we close per channel today?', 'Is WhatsApp our busiest chat channel?'],
    params: {},
    fields: {
      channel: chatChannel,
      interaction: field('count', 'Chats closed in the channel', { from: { count: true } }),
      chanel: field('enum', 'The channel again, as the example body spells the key', {
        values: CHAT_CHANNELS,
        from: 'channel',
      }),
    },
    rows: { entity: 'chats', windowBy: 'date_close', groupBy: ['channel'] },
    sources: ['wolkvox.com/en/13-closed-chats-by-channel/', 'catalog.json'],
    notes: [
      'Conflict: the field table says channel, the example body chanel; both keys are served with the same value.',
    ],
  }),
  chat_14: defineReport({
    api: 'chat_14',
    family: 'reports_manager',
    toolset: 'chat',
    category: CATEGORY,
    title: 'Click-to-WhatsApp detail',
    titleEs: 'Detalle clic a WhatsApp',
    description:
      'One row per WhatsApp chat started from an ad or post (click to WhatsApp): the source URL, type and id, ' +
      'chat id, routing point, agent, the ad’s media type and link, date and final type code.',
    questions: ['Which ads brought WhatsApp chats this week?', 'How did chats from our video ads end?'],
    params: {},
    fields: {
      source_url: field('url', 'URL of the ad or post that started the chat'),
      source_type: field('enum', 'Origin type', { values: ['ad', 'post'] }),
      source_id: field('id', 'Id of the ad or post'),
      chat_id: field('conn_id', 'Chat id', { from: 'conn_id' }),
      rp_id: field('id', 'Routing point the chat entered'),
      agent_id: field('agent_id', 'Agent who received the chat'),
      media_type: field('enum', 'Media type of the ad', { values: ['image', 'video'] }),
      media_url: field('url', 'Link to the ad media'),
      date: field('timestamp', 'When the interaction was created'),
      cod_act: field('code', 'Final typification code'),
    },
    rows: { entity: 'chats', windowBy: 'date_close', where: { channel: 'whatsapp' } },
    sources: [postman('14. Detalle clic a WhatsApp'), 'catalog.json'],
    notes: [
      'The catalog types source_id, chat_id and rp_id as Int; like every value they travel as strings.',
    ],
  }),
  chat_15: defineReport({
    api: 'chat_15',
    family: 'reports_manager',
    toolset: 'chat',
    category: CATEGORY,
    title: 'Click-to-WhatsApp consolidated',
    titleEs: 'Consolidado clic a WhatsApp',
    description:
      'One row with the click-to-WhatsApp totals: chats from ads and from posts handled by bots and by agents, ' +
      'and the totals handled only by bots and needing an agent. The chats are chat_14.',
    questions: [
      'How many WhatsApp chats from ads needed an agent?',
      'Are our bots resolving the ad traffic?',
    ],
    params: {},
    fields: {
      ad_chatbot: field('count', 'Ad-originated chats handled by bots'),
      ad_agents: field('count', 'Ad-originated chats handled by agents'),
      post_chatbot: field('count', 'Post-originated chats handled by bots'),
      post_agents: field('count', 'Post-originated chats handled by agents'),
      total_chatbot: field('count', 'Chats handled only by bots'),
      total_agents: field('count', 'Chats that needed an agent', { from: { count: true } }),
    },
    rows: { entity: 'chats', windowBy: 'date_close', where: { channel: 'whatsapp' }, groupBy: ['channel'] },
    sources: [postman('15. Consolidado clic a WhatsApp'), 'catalog.json'],
    notes: [
      'Conflict (README section 9 item 4): the EN page "16. Agent productivity" uses api=chat_15 in its URL; ' +
        'Postman ES assigns chat_15 to this report and chat_16 to productivity, which third-party usage confirms.',
      'Emulator: total_agents counts the WhatsApp chats of the window; the ad/post split is drawn.',
    ],
  }),
  chat_16: defineReport({
    api: 'chat_16',
    family: 'reports_manager',
    toolset: 'chat',
    category: CATEGORY,
    title: 'Agent productivity (chat)',
    titleEs: 'Productividad de agentes',
    description:
      'One row per agent: chats handled, total conversation time, average time per chat (tmo) and the share of ' +
      'the agent’s chats transferred. Counts agree with chat_1; the transfers are chat_11.',
    questions: [
      'Which chat agent handled the most conversations today?',
      'What is each agent’s average chat handling time?',
      'Who transfers the most chats?',
    ],
    params: {},
    fields: {
      agent_id: F.agent_id,
      agent_name: F.agent_name,
      total_chats: field('count', 'Chats handled by the agent', { from: { count: true } }),
      time: field('duration', 'Total conversation time', { from: { sum: 'open_seconds' } }),
      tmo: field('duration', 'Average time per conversation (time / total_chats)', {
        from: { avg: 'open_seconds' },
      }),
      percent_transfer: field('percent', 'Share of the agent’s chats transferred', {
        from: { share: { transferred: 'yes' } },
      }),
    },
    rows: { entity: 'chats', windowBy: 'date_close', groupBy: ['agent_id'] },
    sources: ['wolkvox.com/en/16-agent-productivity', 'catalog.json'],
    notes: [
      'Conflict (README section 9 item 4): the EN page shows api=chat_15 in its URL; Postman ES and third-party ' +
        'usage say chat_16. chat_16 chosen; chat_15 is click-to-WhatsApp consolidated.',
      "Emulator: derived from the agent's chats of chat_1 (the chats closed in the window): time is the sum of " +
        'their chat_duration, tmo that over total_chats, percent_transfer the share of them chat_11 lists as ' +
        'transferred by the agent. Running code against the platform saw tmo near 23 hours: most chats stay open ' +
        'until the platform closes them at its ~23-hour timeout, and so do most here.',
    ],
  }),
} as const;
