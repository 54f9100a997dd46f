import { z } from 'zod';
import { field } from '../fields.js';
import { LIMITS } from '../limits.js';
import type { ParamSpec } from '../params.js';
import { defineReport } from '../report.js';
import { F } from './shared-fields.js';

/**
 * Information look-ups (information.php): the operation's configuration and the token's quota. Ids are
 * `info_<api>` because several api values (agents, skills, campaigns) are also real-time reports. The family
 * takes no window: a look-up describes the configuration now.
 */

const POSTMAN = "Postman collection 'wolkvox APIs (ES)' (official public workspace), item 'Información /";
const CATEGORY = 'Operation metadata (information.php)';
const YES_NO = ['yes', 'no'] as const;

const digits = (what: string) => z.string().regex(/^\d+$/, { error: `expected a numeric ${what}` });

/**
 * The two look-ups that take date_ini/date_end (audit_log, get_notification) are windowed like the historical
 * reports, so clients and tools give them from/to; the platform documents no window limit for them, so the
 * Reports Manager's 31 days is assumed.
 */
const LOOKUP_WINDOW = { maxDays: LIMITS.maxWindowDays } as const;

const LOOKUP_WINDOW_NOTE =
  'date_ini/date_end are required by the platform; the information family is otherwise not windowed, so this ' +
  'entry declares a window (31 days assumed: none is documented for the information endpoints).';

const lastUse = (what: string) => field('timestamp', `Last time the ${what} was used`);

const service = (meaning: string) => field('enum', meaning, { values: YES_NO });

const skillOfAgent: ParamSpec<'skills'> = {
  description: 'Numeric skill id whose agents to list.',
  required: true,
  schema: digits('skill id'),
  example: '133',
  filter: { attribute: 'skills', match: 'includes' },
};

/** Information look-ups (information.php): ids are info_<api>. */
export const INFORMATION_REPORTS = {
  info_audit_log: defineReport({
    api: 'audit_log',
    id: 'info_audit_log',
    family: 'information',
    toolset: 'info',
    category: CATEGORY,
    title: 'Audit log monitoring',
    titleEs: 'Monitoreo Logs de auditoría',
    description:
      'One row per action a manager user took in wolkvox Manager within the window: when, from which public IP ' +
      'and workstation, who, and what was done. Use it to find who changed a configuration.',
    questions: ['Who changed the configuration yesterday?', 'Which IPs have managers connected from?'],
    params: {},
    window: LOOKUP_WINDOW,
    fields: {
      date: field('timestamp', 'When the action happened'),
      ip: field('ip', 'Public IP the action came from'),
      user: field('person_name', 'Manager user who acted'),
      action: field('text', 'What was done'),
      workstation: field('text', 'Workstation name used'),
    },
    rows: { entity: 'audit', order: 'newest-first' },
    sources: [`${POSTMAN} 1. Monitoreo Logs de auditoría'`, 'catalog.json audit_log'],
    notes: [
      LOOKUP_WINDOW_NOTE,
      'The catalog types date, ip and action as Int; every value is served as a string.',
      'Running code against the platform: the newest action comes first, and admin actions read "ADMIN: ..." ' +
        "(the change made). The emulator writes them so, by the tenant's wolkvox Manager users (not agents).",
    ],
  }),
  info_routing_points: defineReport({
    api: 'routing_points',
    id: 'info_routing_points',
    family: 'information',
    toolset: 'info',
    category: CATEGORY,
    title: 'Routing points information',
    titleEs: 'Información de Routing Points',
    description:
      'One row per routing point (IVR / interaction entry point): its id and name, whether IVR, chat, ' +
      'interactions and CRM are enabled on it, and when it was last used. Use it to find a routing point id.',
    questions: ['What routing points does the operation have?', 'Which routing points have chat enabled?'],
    params: {
      routing: {
        description: 'Routing point id, to look up one routing point.',
        required: false,
        schema: digits('routing point id'),
        example: '340',
        filter: { attribute: 'rp_id', match: 'equals' },
      },
    },
    fields: {
      rp_id: field('id', 'Routing point id'),
      rp_name: field('text', 'Routing point name'),
      ivr_active: field('enum', 'IVR enabled', { values: YES_NO }),
      chat_active: field('enum', 'Chat enabled', { values: YES_NO }),
      interaction_active: field('enum', 'Interactions enabled', { values: YES_NO }),
      crm_active: field('enum', 'CRM integration enabled', { values: YES_NO }),
      last_use: lastUse('routing point'),
    },
    rows: { entity: 'cast_routing_points' },
    sources: [`${POSTMAN} 2. Información de Routing Points'`, 'catalog.json routing_points'],
  }),
  info_skills: defineReport({
    api: 'skills',
    id: 'info_skills',
    family: 'information',
    toolset: 'info',
    category: CATEGORY,
    title: 'Skills information',
    titleEs: 'Información de Skills',
    description:
      'One row per configured skill (queue): id, name, description and last use. Use it to find the skill_id ' +
      'other reports (skill_*, real-time skills, agents_in_skill) take.',
    questions: ['What skills (queues) does the operation have?', 'What is the id of the sales skill?'],
    params: {
      skill: {
        description: 'Skill id, to look up one skill.',
        required: false,
        schema: digits('skill id'),
        example: '133',
        filter: { attribute: 'skill_id', match: 'equals' },
      },
    },
    fields: {
      skill_id: field('skill_id', 'Skill id'),
      skill_name: field('text', 'Skill name'),
      skill_description: field('text', 'Skill description'),
      last_use: lastUse('skill'),
    },
    rows: { entity: 'cast_skills' },
    sources: [`${POSTMAN} 3. Información de Skills'`, 'catalog.json skills'],
  }),
  info_campaigns: defineReport({
    api: 'campaigns',
    id: 'info_campaigns',
    family: 'information',
    toolset: 'info',
    category: CATEGORY,
    title: 'Campaigns',
    titleEs: 'Campañas',
    description:
      'One row per configured outbound campaign: id, name, description, type (predictive or preview), run state, ' +
      'records, speed, dialling mode, linked skill, recycling and Turbo Dial. Use it to find the campaign_id the ' +
      'campaign_* reports take.',
    questions: [
      'What campaigns does the operation have, and which are running?',
      'What is the id of the collections campaign?',
      'Which skill does campaign N dial for?',
    ],
    params: {
      campaign: {
        description: 'Campaign id, to look up one campaign.',
        required: false,
        schema: digits('campaign id'),
        example: '2021',
        filter: { attribute: 'campaign_id', match: 'equals' },
      },
    },
    fields: {
      campaign_id: F.campaign_id,
      campaign_name: field('text', 'Campaign name'),
      campaign_description: field('text', 'Campaign description'),
      type_campaign: field('enum', 'Campaign type', { values: ['predictive', 'preview'] }),
      status: field('enum', 'Run state', { values: ['Started', 'Stopped'] }),
      records: field('count', 'Records loaded'),
      speed: field('number', 'Dialling speed'),
      dial_mode: field(
        'enum',
        'Dialling mode (autopilot, strategy, or per phone: "phone1 - ring: 60(seg)")',
        {
          values: ['autopilot', 'strategy', 'phoneN - ring: NN(seg)'],
        },
      ),
      last_use: lastUse('campaign'),
      recycled: field('count', 'Times the records were recycled'),
      turbo_dial: field('enum', 'Whether Turbo Dial is on', {
        values: YES_NO,
        note: 'The catalog gives no values; yes/no as the other flags.',
      }),
      skill_id: field('skill_id', 'Skill the campaign dials for'),
    },
    rows: { entity: 'cast_campaigns' },
    sources: ['https://wolkvox.com/en/apis-v2-2/4-campaigns', 'catalog.json campaigns'],
    notes: ["The EN page's URL misses a dot (wv{{wolkvox_server}}wolkvox.com)."],
  }),
  info_agents: defineReport({
    api: 'agents',
    id: 'info_agents',
    family: 'information',
    toolset: 'info',
    category: CATEGORY,
    title: 'Agents',
    titleEs: 'Agentes',
    description:
      'One row per configured agent: id (extension), name, identity document, state, last connection, single ' +
      'sign-on user and whether the user is enabled. Use it to find an agent_id or agent_dni for the agent_* ' +
      'reports.',
    questions: [
      'Which agents does the operation have?',
      "What is Laura's agent id?",
      'Which users are disabled?',
    ],
    params: {
      agent: {
        description: 'Agent id (extension), to look up one agent.',
        required: false,
        schema: digits('agent id'),
        example: '12298',
        filter: { attribute: 'agent_id', match: 'equals' },
      },
    },
    fields: {
      agent_id: F.agent_id,
      agent_name: F.agent_name,
      agent_dni: F.agent_dni,
      agent_status: field('enum', 'Agent state', {
        values: ['READY', 'TALK', 'ACW', 'RING', 'AUX'],
        note:
          'The catalog lists no values; the states agent_2 and agent_14 document are used (AUX for the ' +
          "operation's auxiliary states).",
      }),
      last_use: field('timestamp', 'Last connection'),
      agent_sso: field('text', 'Network user for single sign-on'),
      enabled: field('enum', 'Whether the user is enabled', { values: YES_NO }),
    },
    rows: { entity: 'cast_agents' },
    sources: ['https://www.wolkvox.com/en/apis-v2-2/5-agents/', 'catalog.json agents'],
    notes: ['An older EN page example has code "" (empty); the EN page is labelled "APIs Reports Manager".'],
  }),
  info_connectors: defineReport({
    api: 'connectors',
    id: 'info_connectors',
    family: 'information',
    toolset: 'info',
    category: CATEGORY,
    title: 'Connectors',
    titleEs: 'Conectores',
    description:
      'One row per channel connector (web chat, WhatsApp, Facebook, Instagram, SMS, Telegram, e-mail...): its id, ' +
      'name, channel and the routing point it feeds.',
    questions: [
      'Which channels does the operation have connected?',
      'Which routing point receives WhatsApp?',
    ],
    params: {},
    fields: {
      connector_id: field('id', 'Connector id'),
      rp_id: field('id', 'Routing point the connector feeds'),
      name: field('text', 'Connector name'),
      channel: field('enum', 'Connector channel', {
        values: [
          'chat-web',
          'facebook',
          'instagram',
          'whatsapp',
          'sms_bidirect',
          'telegram',
          'email',
          'twitter',
        ],
      }),
    },
    rows: { entity: 'cast_routing_points' },
    sources: [`${POSTMAN} 6. Conectores'`, 'catalog.json connectors'],
    notes: ['name appears in the example body only.', 'Emulator: one connector per routing point.'],
  }),
  info_services: defineReport({
    api: 'services',
    id: 'info_services',
    family: 'information',
    toolset: 'info',
    category: CATEGORY,
    title: 'Services information',
    titleEs: 'Información de Servicios',
    description:
      'One row listing what the operation has contracted: active licenses and PBX users, and yes/no per service ' +
      '(recording, video call, analytics, storage, dialling, Law 2300, Mr. Wizard, SSO, each digital channel). ' +
      'Use it to know whether a report can have data (no speech analytics, no speech_* rows).',
    questions: ['How many licenses does the operation have?', 'Is speech analytics enabled?'],
    params: {},
    fields: {
      licenses: field('count', 'Active licenses (agents configured)', {
        from: { count: true },
        note: 'The catalog lists yes/no values but the meaning is a number; a count is used.',
      }),
      pbx: field('count', 'Active PBX users', {
        note: 'The catalog lists yes/no values but the meaning is a number; a count is used.',
      }),
      screen_recording: service('Screen recording'),
      video_call: service('Video call'),
      stereo_recording: service('Stereo call recording'),
      gamification: service('Gamification'),
      text_analytics: service('Text analytics'),
      speech_analytics: service('Speech analytics'),
      rsync: service('Rsync/NAS backup'),
      wolkvox_storage: service('wolkvox Storage'),
      blob_storage: service('Azure Blob storage'),
      aws_s3: service('AWS S3 storage'),
      intelligentdial: service('Intelligent dialling'),
      bi: service('BI tools'),
      customer_prot: service('Consumer protection (Law 2300)'),
      mr_wizard: service('Mr. Wizard (wvx Copilot)'),
      turbo_dial: service('Turbo Dial'),
      sso: service('Single sign-on'),
      mailgun: service('Mailgun integration'),
      whatsapp: service('WhatsApp channel'),
      facebook_page: service('Facebook page'),
      facebook_messenger: service('Facebook Messenger'),
      instagram_page: service('Instagram page'),
      instagram_chat: service('Instagram chat'),
      sms_bidireccional: service('Two-way SMS (US only)'),
      chat_web: service('Web chat'),
      telegram: service('Telegram channel'),
    },
    rows: { entity: 'cast_agents', groupBy: ['date_day'] },
    sources: [`${POSTMAN} 7. Información de Servicios'`, 'catalog.json services'],
    notes: [
      'Emulator: licenses counts the configured agents; the default daily token quota is licenses x 1000, as on ' +
        'the platform (an emulator started with another quota keeps its licenses).',
    ],
  }),
  info_agents_in_skill: defineReport({
    api: 'agents_in_skill',
    id: 'info_agents_in_skill',
    family: 'information',
    toolset: 'info',
    category: CATEGORY,
    title: 'List agents in a skill',
    titleEs: 'Listar agentes en skill',
    description:
      'One row per agent assigned to the skill: id, name, last login and expertise level in that skill. Use it ' +
      'to see who can take a queue before reading its service level.',
    questions: ['Which agents take the sales queue?', 'How many agents are assigned to skill N?'],
    params: { skill_id: skillOfAgent },
    fields: {
      agent_id: F.agent_id,
      agent_name: F.agent_name,
      last_use: field('timestamp', 'Last login'),
      expertise: field('count', 'Expertise level of the agent in the skill', { adds: false }),
    },
    rows: { entity: 'cast_agents' },
    sources: [`${POSTMAN} 8. Listar agentes en skill'`, 'catalog.json agents_in_skill'],
  }),
  info_activity_codes: defineReport({
    api: 'activity_codes',
    id: 'info_activity_codes',
    family: 'information',
    toolset: 'info',
    category: CATEGORY,
    title: 'List activity (typification) codes',
    titleEs: 'Listar códigos de actividad',
    description:
      'One row per type (activity) code: the code and its description, its group (cod_act1 or cod_act2), ' +
      'whether it counts as a hit (success) or a right-party contact, and where it can be used (calls, chats, ' +
      'interactions, Studio). Use it to read the codes act_* and hits_last_hour report.',
    questions: ['What type codes do agents have?', 'Which codes count as a sale (hit)?'],
    params: {
      cod_act: {
        description:
          'A type code, to look up that code (not the cod_act1/cod_act2 group of the act_* reports).',
        required: false,
        schema: z
          .string()
          .regex(/^[\w-]{1,40}$/, { error: 'expected a type code (letters, digits, _ or -)' }),
        example: 'TIMEOUTACW',
        filter: { attribute: 'cod_act', match: 'equals' },
      },
    },
    fields: {
      cod_act: field('code', 'Type code'),
      description_cod_act: field('text', 'Description of the code'),
      hit: field('enum', 'Counts as a hit (success)', { values: YES_NO }),
      rpc: field('enum', 'Counts as a right-party contact', { values: YES_NO }),
      chat: field('enum', 'Usable for chats', { values: YES_NO }),
      studio: field('enum', 'Usable in Studio flows', { values: YES_NO }),
      voice: field('enum', 'Usable for calls', { values: YES_NO }),
      type_code: field('enum', 'Code group', { values: ['cod_act1', 'cod_act2'] }),
      interactions: field('enum', 'Usable for e-mail and social interactions', { values: YES_NO }),
    },
    rows: { entity: 'cast_type_codes' },
    sources: [`${POSTMAN} 9. Listar códigos de actividad'`, 'catalog.json activity_codes'],
    notes: [
      'The request table says code_act, the body cod_act: cod_act is used.',
      'The example envelope code is the string "0" (not 200); the emulator sends the string "200" like the other ' +
        'string-code reports, and a client must accept both.',
      'Low evidence, decided from the catalog: the one example with code "0" is read as a documentation slip (its ' +
        'msg and data are a success), so the emulator answers "200" here as everywhere; the codes themselves are ' +
        'the text the tenant typed (Consulta, Reclamo, Acuerdo_de_Pago, TIMEOUTACW), never numbers.',
    ],
  }),
  info_token_info: defineReport({
    api: 'token_info',
    id: 'info_token_info',
    family: 'information',
    toolset: 'info',
    category: CATEGORY,
    title: 'Token information',
    titleEs: 'Información de tokens',
    description:
      "One row about the calling token's daily quota: its description, the calls it may make a day, the calls " +
      'it has made today (this one included), the calls all tokens have made today and the calls it has left. ' +
      'Check it before a large extraction; calling it uses one call.',
    questions: ['How many API calls do we have left today?', 'How much of the daily quota has been used?'],
    params: {},
    fields: {
      description: field('text', 'Token description'),
      token_limit: field('count', 'Calls the token may make per day', { adds: false }),
      token_use_today: field('count', 'Calls the token has made today, this one included'),
      all_token_today: field('count', 'Calls all tokens of the operation have made today'),
      available_consumption_options: field('count', 'Calls the token has left today (limit minus used)'),
    },
    rows: { entity: 'token_usage' },
    sources: ['https://www.wolkvox.com/en/apis-v2-2/10-token-information/', 'catalog.json token_info'],
    notes: [
      'The EN request table lists wolkvox-token as a parameter; it is the header.',
      'Calling it consumes one use of the token. The emulator answers from its token book (the quota resets at ' +
        "the tenant's midnight); the description is the token's label, never the token.",
    ],
  }),
  info_get_dnc: defineReport({
    api: 'get_dnc',
    id: 'info_get_dnc',
    family: 'information',
    toolset: 'info',
    category: CATEGORY,
    title: 'List Do-Not-Call numbers',
    titleEs: 'Listar teléfonos Do Not Call',
    description:
      'One row per telephone on the Do-Not-Call list: the number, the direction it is blocked for (inbound or ' +
      'outbound) and when it was listed. Calling it uses one call of the quota.',
    questions: ['Which numbers are on the Do-Not-Call list?', 'Is 3001234567 blocked for outbound calls?'],
    params: {
      type: {
        description: 'Direction to list: "inbound", "outbound" or "all".',
        required: true,
        schema: z.enum(['inbound', 'outbound', 'all'], { error: 'expected "inbound", "outbound" or "all"' }),
        example: 'all',
        filter: { attribute: 'type', match: 'equals', all: 'all' },
      },
    },
    fields: {
      phone_number: field('phone', 'Telephone number'),
      type: field('enum', 'Direction the number is blocked for', { values: ['inbound', 'outbound'] }),
      date_delete: field('timestamp', 'When the number entered the list'),
    },
    rows: { entity: 'cast_dnc' },
    sources: [`${POSTMAN} 11. Listar teléfonos Do Not Call'`, 'catalog.json get_dnc'],
    notes: ['The field is named date_delete but documented as the date the number entered the list.'],
  }),
  info_law2300_info: defineReport({
    api: 'law2300_info',
    id: 'info_law2300_info',
    family: 'information',
    toolset: 'info',
    category: CATEGORY,
    title: 'Check phone protected by Law 2300',
    titleEs: 'Consultar teléfono protegido por la ley 2300',
    description:
      "Whether a telephone is protected by Colombia's Law 2300 (contact limits): the number, when it was blocked " +
      'and the last channel it was contacted on. No rows (404) when the number is not protected. Requires Law 2300 ' +
      'compliance enabled, and the number must belong to the NIT configured.',
    questions: ['May we call 3001234567 today under Law 2300?', 'When was this number last contacted?'],
    params: {
      nit: {
        description: "The company's NIT (tax id) configured in Manager's Law 2300 section.",
        required: true,
        schema: z
          .string()
          .regex(/^\d{6,12}(-\d)?$/, { error: 'expected a NIT: 6-12 digits, optionally -check digit' }),
        example: '900123456',
      },
      phone: {
        description: 'Telephone number to check.',
        required: true,
        schema: z.string().regex(/^\d{7,15}$/, { error: 'expected a telephone number of 7 to 15 digits' }),
        example: '6046726801',
        filter: { attribute: 'telephone', match: 'equals' },
      },
    },
    fields: {
      phone_number: field('phone', 'Telephone number'),
      last_day: field('timestamp', 'When the number was blocked under Law 2300'),
      last_channel: field('enum', 'Last contact channel', { values: ['voice', 'chat', 'whatsapp'] }),
    },
    rows: { entity: 'cast_law2300' },
    sources: [`${POSTMAN} 12. Consultar teléfono protegido por la ley 2300'`, 'catalog.json law2300_info'],
    notes: ['Emulator: the NIT is validated for shape only; a fixed slice of the customers is protected.'],
  }),
  info_get_ip: defineReport({
    api: 'get_ip',
    id: 'info_get_ip',
    family: 'information',
    toolset: 'info',
    category: CATEGORY,
    title: 'List registered IPs',
    titleEs: 'Listar IPs',
    description:
      'One row per public IP registered for the operation (temporary or permanent): the IP, its operation, last ' +
      'use and an optional note. The same IPs appear in the latency report.',
    questions: ['Which IPs may connect to the operation?', 'Which IPs are registered only temporarily?'],
    params: {},
    fields: {
      operation: field('text', 'Operation the IP belongs to'),
      ip: field('ip', 'Registered IP'),
      last_use: lastUse('IP'),
      type_ip: field('enum', 'Whether the registration is temporary or permanent', {
        values: ['temporal', 'permanente'],
      }),
      description: field('text', 'Optional note'),
    },
    rows: { entity: 'cast_agents', groupBy: ['ip'] },
    sources: [`${POSTMAN} 13. Listar IPs'`, 'catalog.json get_ip'],
    notes: ['Emulator: the IPs the agents connect from (latency by_ip).'],
  }),
  info_get_notification: defineReport({
    api: 'get_notification',
    id: 'info_get_notification',
    family: 'information',
    toolset: 'info',
    category: CATEGORY,
    title: 'wolkvox Manager notifications',
    titleEs: 'Obtener notificaciones de wolkvox Manager',
    description:
      'One row per notification wolkvox Manager showed within the window: its date and text (maintenance, ' +
      'service changes, alerts).',
    questions: [
      'Did wolkvox announce maintenance this week?',
      'What notifications did Manager show yesterday?',
    ],
    params: {},
    window: LOOKUP_WINDOW,
    fields: {
      date: field('timestamp', 'When the notification was issued (YYYY-MM-DD HH:MM:SS)'),
      notification: field('text', 'Notification text'),
    },
    rows: { entity: 'audit' },
    sources: [`${POSTMAN} 14. Obtener notificaciones de wolkvox Manager'`, 'catalog.json get_notification'],
    notes: [LOOKUP_WINDOW_NOTE],
  }),
  info_storage: defineReport({
    api: 'storage',
    id: 'info_storage',
    family: 'information',
    toolset: 'info',
    category: CATEGORY,
    title: 'Audio storage total',
    titleEs: 'Total de almacenamiento de audios',
    description: 'One row with the audio (recording) storage the operation uses, in GB.',
    questions: ['How much storage do our recordings use?'],
    params: {},
    fields: { storage: field('number', 'Audio storage used, GB') },
    rows: { entity: 'cast_skills', groupBy: ['date_day'] },
    sources: [`${POSTMAN} 15. Total de almacenamiento de audios'`, 'catalog.json storage'],
  }),
  info_audio_list: defineReport({
    api: 'audio_list',
    id: 'info_audio_list',
    family: 'information',
    toolset: 'info',
    category: CATEGORY,
    title: 'List audios',
    titleEs: 'Listar audios',
    description:
      'One row per audio file uploaded to the operation (IVR prompts, AMD messages): id, upload date, size in KB ' +
      'and length in seconds.',
    questions: ['Which audio files are uploaded?', 'How long is each IVR prompt?'],
    params: {},
    fields: {
      audio_id: field('id', 'Audio id'),
      created_at: field('timestamp', 'When the audio was uploaded'),
      size: field('number', 'File size, KB', { adds: true, note: "The table writes 'Size'." }),
      duration: field('seconds', 'Length, seconds'),
    },
    rows: { entity: 'cast_routing_points' },
    sources: ['https://wolkvox.com/en/apis-v2-2/16-list-audios', 'catalog.json audio_list'],
    notes: ['Emulator: one audio per routing point (its IVR prompt).'],
  }),
} as const;
