import { field } from '../fields.js';
import { PARAMS } from '../params.js';
import { defineReport } from '../report.js';
import { F, type_interaction } from './shared-fields.js';

const SOURCE_POSTMAN = (item: string) => `Postman ES 'wolkvox APIs (ES)' item 'Reportes / Types / ${item}'`;

const cod_act = field(
  'code',
  'Type (activity) code the agent set, first group; TIMEOUTACW when the wrap-up timed out',
);
const description_cod_act = field(
  'text',
  'Description of the type code; TIMEOUTACW when the wrap-up timed out',
);

const COD_ACT_NOTES = [
  'cod_act (cod_act1 | cod_act2) is in the URL template only; the catalog infers it is required, and so does ' +
    'the registry here (act_3, whose seed page wins, keeps it optional).',
  'cod_act2 keeps the interactions that carry a second-group code and groups them by that code (cod_act and ' +
    'description_cod_act then name the second-group code).',
];

/** Every report of this area, keyed by id. */
export const TYPIFICATION_REPORTS = {
  act_1: defineReport({
    api: 'act_1',
    family: 'reports_manager',
    toolset: 'calls',
    category: 'Typification codes',
    title: 'Typification codes per agent',
    titleEs: 'Códigos de tipificación por agente',
    description:
      'One row per agent and type code: how many calls the agent typified with that code in the window, with the ' +
      "code's description and the agent's name and document. The per-agent summary of act_3's detail.",
    questions: [
      'How many sales did each agent code this week?',
      'Which codes does agent X use most?',
      'Which agents let the wrap-up time out (TIMEOUTACW) most often?',
    ],
    params: { cod_act: PARAMS.cod_act(true, true) },
    fields: {
      count: field('count', 'Calls the agent typified with that code', { from: { count: true } }),
      agent_name: F.agent_name,
      agent_dni: F.agent_dni,
      cod_act,
      description_cod_act,
    },
    rows: { entity: 'calls', where: { handled_by: 'agent' }, groupBy: ['agent_id', 'cod_act'] },
    sources: [SOURCE_POSTMAN('1. Códigos de tipificación por agente'), 'catalog.json'],
    notes: COD_ACT_NOTES,
  }),
  act_2: defineReport({
    api: 'act_2',
    family: 'reports_manager',
    toolset: 'calls',
    category: 'Typification codes',
    title: 'Typification codes classified by code (per skill)',
    titleEs: 'Códigos de tipificación clasificado por código',
    description:
      'One row per skill and type code: how many calls of the skill were typified with that code, with its ' +
      'description. Shows what each queue deals with (act_3 grouped by skill and code).',
    questions: [
      'What are the most common call reasons in each skill?',
      'How many complaints did the Servicio al cliente skill receive this month?',
    ],
    params: { cod_act: PARAMS.cod_act(true, true) },
    fields: {
      count: field('count', 'Calls of the skill typified with that code', { from: { count: true } }),
      skill_id: F.skill_id,
      cod_act,
      description_cod_act,
    },
    rows: { entity: 'calls', where: { handled_by: 'agent' }, groupBy: ['skill_id', 'cod_act'] },
    sources: [SOURCE_POSTMAN('2. Códigos de tipificación clasificado por código'), 'catalog.json'],
    notes: COD_ACT_NOTES,
  }),
  act_3: defineReport({
    api: 'act_3',
    family: 'reports_manager',
    toolset: 'calls',
    category: 'Typification codes',
    title: 'Type code detail',
    titleEs: 'Detalle código de tipificación',
    description:
      'One row per interaction an agent typified: the type codes (cod_act and the second group cod_act_2) with ' +
      'their descriptions and comments, the agent (id, name, document), skill, call data (date, kind, telephone, ' +
      'destination, duration, who hung up) and the customer and campaign ids, which cross-reference other reports.',
    questions: [
      'Which type codes did agents use yesterday, and how often?',
      'What did agent X typify this week?',
      'Which calls of campaign N ended with code Y?',
    ],
    params: { cod_act: PARAMS.cod_act(false) },
    fields: {
      conn_id: F.conn_id,
      agent_id: F.agent_id,
      agent_name: F.agent_name,
      agent_dni: F.agent_dni,
      skill_id: F.skill_id,
      date: F.timestamp,
      cod_act: field(
        'code',
        'Type (activity) code the agent set, first group; TIMEOUTACW when the wrap-up timed out',
      ),
      description_cod_act: field('text', 'Description of the first-group type code'),
      cod_act_2: field('code', 'Type code of the second group; empty when none was set'),
      description_cod_act_2: field('text', 'Description of the second-group type code'),
      comments: field('text', 'Comments the agent wrote while documenting the call'),
      type_interaction,
      telephone: F.telephone,
      destiny: field('text', 'Destination of the call (route or country)'),
      time: field('duration', 'Total elapsed time of the interaction', {
        note: 'The page says "total elapsed time" without a format; HH:MM:SS is the format of the other agent times.',
      }),
      hang_up: field('enum', 'Who ended the interaction', { values: ['agent', 'customer', 'system'] }),
      customer_id: F.customer_id,
      campaign_id: F.campaign_id,
    },
    rows: { entity: 'calls', where: { handled_by: 'agent' } },
    sources: [
      'seed: seeds/000_540ba7e01f0eaf5f.txt (EN page "3. Type code detail En")',
      'catalog.json act_3',
    ],
    notes: [
      'cod_act appears in the headline URL but not in the request table: treated as an optional filter ' +
        '(the catalog marks it required; the seed page wins).',
    ],
  }),
  act_4: defineReport({
    api: 'act_4',
    family: 'reports_manager',
    toolset: 'calls',
    category: 'Typification codes',
    title: 'Calls without typification code per agent',
    titleEs: 'Llamadas sin código de tipificación por agente',
    description:
      'One row per agent with calls left uncoded: the number of calls whose wrap-up timed out before the agent ' +
      'chose a type code (wolkvox records them as TIMEOUTACW). Flags agents who skip typification.',
    questions: ['Which agents leave calls without a type code?', 'How many calls went uncoded yesterday?'],
    params: {},
    fields: {
      uncode_calls: field('count', 'Calls the agent left without a type code (wrap-up timed out)', {
        from: { count: true },
      }),
      agent_id: F.agent_id,
      agent_name: F.agent_name,
    },
    rows: { entity: 'calls', where: { handled_by: 'agent', cod_act: 'TIMEOUTACW' }, groupBy: ['agent_id'] },
    sources: [SOURCE_POSTMAN('4. Llamadas sin código de tipificación por agente'), 'catalog.json'],
    notes: [
      'An uncoded call is read as one whose wrap-up timed out (cod_act TIMEOUTACW in act_3 / cdr_1): in wolkvox ' +
        'the agent cannot close a call without a code otherwise. The counts equal act_1 rows with TIMEOUTACW.',
    ],
  }),
  act_5: defineReport({
    api: 'act_5',
    family: 'reports_manager',
    toolset: 'calls',
    category: 'Typification codes',
    title: 'Typification codes grouped by code',
    titleEs: 'Códigos de tipificación agrupados por código',
    description:
      'One row per type code: how many times agents used it in the window, with its description. The ' +
      "operation-wide call-reason ranking (act_3's rows counted per code).",
    questions: ['What were the top call reasons this month?', 'How many calls ended in a sale yesterday?'],
    params: { cod_act: PARAMS.cod_act(true, true) },
    fields: {
      count: field('count', 'Times the code was used in the window', { from: { count: true } }),
      cod_act,
      description_cod_act,
    },
    rows: { entity: 'calls', where: { handled_by: 'agent' }, groupBy: ['cod_act'] },
    sources: [SOURCE_POSTMAN('5. Códigos de tipificación agrupados por código'), 'catalog.json'],
    notes: [...COD_ACT_NOTES, 'The URL template puts api after the dates (parameter order is free).'],
  }),
} as const;
