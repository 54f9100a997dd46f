import { field } from '../fields.js';
import { PARAMS } from '../params.js';
import { defineReport } from '../report.js';
import { F, type_interaction } from './shared-fields.js';

export const act_3 = defineReport({
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
  sources: ['seed: seeds/000_540ba7e01f0eaf5f.txt (EN page "3. Type code detail En")', 'catalog.json act_3'],
  notes: [
    'cod_act appears in the headline URL but not in the request table: treated as an optional filter ' +
      '(the catalog marks it required; the seed page wins).',
  ],
});

/** Every report of this area, keyed by id. */
export const TYPIFICATION_REPORTS = { act_3 } as const;
