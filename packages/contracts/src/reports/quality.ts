import { field } from '../fields.js';
import { defineReport } from '../report.js';
import { F } from './shared-fields.js';

/** Quality evaluations: quality_*. */

const CATEGORY = 'Quality';
const postman = (item: string) =>
  `Postman ES collection "wolkvox APIs (ES)", item "Reportes / Quality / ${item}"`;

const evaluations = field('count', 'Evaluations performed', { from: { count: true } });
const precision_unit_critical_error = field(
  'percent',
  'Score for critical errors per unit (100 % = no critical error committed)',
);
const precision_opportunity_critical_error = field(
  'percent',
  'Score for critical-error opportunities (100 % = none committed)',
);
const accuracy = field('percent', 'Average evaluation score');
const survey = field('text', 'Evaluation form (template) used');
const category = field('text', 'Attribute category (e.g. greeting, negotiation, closing)');
const attribute = field('text', 'Quality attribute evaluated');
const AGGREGATE_NOTE =
  'Emulator: evaluation records carry no scores, so percentages are drawn per row; the evaluation counts are ' +
  'exact and agree across quality_1, quality_2 and quality_5.';

/** Every report of this area, keyed by id. */
export const QUALITY_REPORTS = {
  quality_1: defineReport({
    api: 'quality_1',
    family: 'reports_manager',
    toolset: 'quality',
    category: CATEGORY,
    title: 'Quality results per agent',
    titleEs: 'Resultados por agente',
    description:
      'One row per evaluated agent: the evaluations performed, the critical-error scores (per unit and per ' +
      'opportunity, 100 % = no critical error) and the average score (accuracy). The evaluations are quality_2.',
    questions: [
      'Which agents have the best quality scores this month?',
      'Which agents commit critical errors?',
      'How many evaluations did each agent get?',
    ],
    params: {},
    fields: {
      agent_id: F.agent_id,
      agent_name: F.agent_name,
      evaluations,
      precision_unit_critical_error,
      precision_opportunity_critical_error,
      accuracy,
    },
    rows: { entity: 'evaluations', groupBy: ['agent_id'] },
    sources: [postman('1. Resultados por agente'), 'catalog.json'],
    notes: [AGGREGATE_NOTE],
  }),
  quality_2: defineReport({
    api: 'quality_2',
    family: 'reports_manager',
    toolset: 'quality',
    category: CATEGORY,
    title: 'Evaluation result per agent',
    titleEs: 'Resultado de evaluación por agente',
    description:
      'One row per quality evaluation of an interaction: conn_id, agent, evaluator comments and feedback, the ' +
      'critical-error scores and accuracy, date, form used, the interaction’s type code, channel and skill. ' +
      'Per-attribute answers are quality_3; per-agent totals quality_1.',
    questions: [
      'What feedback did agent N get in their evaluations?',
      'Which evaluated calls scored below 80 %?',
    ],
    params: {},
    fields: {
      conn_id: F.conn_id,
      agent_id: F.agent_id,
      agent_name: F.agent_name,
      comments: field('text', 'Evaluator’s comment'),
      precision_unit_critical_error,
      precision_opportunity_error: field('percent', 'Score for error opportunities (100 % = none committed)'),
      accuracy,
      date: field('timestamp', 'Evaluation / interaction date'),
      survey,
      cod_act: field('code', 'Typification code of the interaction; may be TIMEOUTACW'),
      channel: field('enum', 'Channel of the interaction', {
        values: ['chat', 'chat-web', 'chat-whatsapp', 'voice'],
      }),
      feedback: field('text', 'Feedback for the agent'),
      skill_id: field('skill_id', 'Skill where the interaction happened'),
    },
    rows: { entity: 'evaluations' },
    sources: [postman('2. Resultado de evaluación por agente'), 'catalog.json'],
    notes: [
      'quality_2 writes precision_opportunity_error where quality_1 and quality_5 write ' +
        'precision_opportunity_critical_error; each report keeps its own name.',
      'The catalog documents no channel values here; quality_3’s are used.',
    ],
  }),
  quality_3: defineReport({
    api: 'quality_3',
    family: 'reports_manager',
    toolset: 'quality',
    category: CATEGORY,
    title: 'Evaluation details per attribute',
    titleEs: 'Detalles de evaluación por atributo',
    description:
      'One row per attribute evaluated in an interaction: conn_id, agent, the attribute, its error class ' +
      '(CE critical, NCE non-critical), whether the agent met it (yes/no), date, form, category, the analyst ' +
      '(QAi_Bot when the AI evaluated), channel and the analyst’s or AI’s comment.',
    questions: [
      'Which attributes did agent N fail in their last evaluations?',
      'What did the AI evaluator (QAi_Bot) say about these calls?',
    ],
    params: {},
    fields: {
      conn_id: F.conn_id,
      agent_id: F.agent_id,
      agent_name: F.agent_name,
      attribute,
      type_error: field('enum', 'Error class: CE (critical) or NCE (non-critical)', {
        values: ['CE', 'NCE'],
      }),
      'yes/no': field('enum', 'Whether the agent met the attribute', { values: ['yes', 'no'] }),
      date: F.timestamp,
      survey,
      category,
      quality_analyst: field('person_name', 'Quality analyst who evaluated (QAi_Bot when the AI did)'),
      channel: field('enum', 'Contact channel', { values: ['chat', 'chat-web', 'chat-whatsapp', 'voice'] }),
      ai_comment: field('text', 'Analyst’s or AI’s comment on the interaction'),
    },
    rows: { entity: 'evaluations' },
    sources: [postman('3. Detalles de evaluación por atributo'), 'catalog.json'],
    notes: ['Emulator: one attribute row per evaluation.'],
  }),
  quality_4: defineReport({
    api: 'quality_4',
    family: 'reports_manager',
    toolset: 'quality',
    category: CATEGORY,
    title: 'Results per attribute',
    titleEs: 'Resultados por atributos',
    description:
      'One row per quality attribute of an evaluation form: how many times agents met it (yes) or missed it ' +
      '(no), the resulting percentage, the form and the category. Shows which behaviours the team fails most.',
    questions: [
      'Which quality attribute do agents fail most?',
      'How well does the team do on greetings and closings?',
    ],
    params: {},
    fields: {
      attribute,
      yes: field('count', 'Times agents met the attribute'),
      no: field('count', 'Times agents missed the attribute'),
      percent: field('percent', 'Quality percentage of the attribute'),
      survey,
      category,
    },
    rows: { entity: 'evaluations', groupBy: ['skill_id'] },
    sources: [postman('4. Resultados por atributos'), 'catalog.json'],
    notes: [
      'Emulator: evaluation records carry no attributes; one row stands for each skill’s evaluation form and ' +
        'its figures are drawn.',
    ],
  }),
  quality_5: defineReport({
    api: 'quality_5',
    family: 'reports_manager',
    toolset: 'quality',
    category: CATEGORY,
    title: 'Results per quality analyst',
    titleEs: 'Resultados por análisis de calidad',
    description:
      'One row per quality analyst (QAi_Bot for the AI evaluator): evaluations performed, the critical-error ' +
      'scores they gave and their average score. Compares how strict analysts are.',
    questions: [
      'How many evaluations did each analyst do this month?',
      'Does the AI evaluator score lower than people?',
    ],
    params: {},
    fields: {
      quality_analyst: field('person_name', 'Quality analyst (QAi_Bot when the AI evaluated)'),
      evaluations,
      precision_unit_critical_error,
      precision_opportunity_critical_error,
      accuracy,
    },
    rows: { entity: 'evaluations', groupBy: ['skill_id'] },
    sources: [postman('5. Resultados por análisis de calidad'), 'catalog.json'],
    notes: [
      'The Postman example body is invalid JSON; the field table is followed.',
      'Emulator: evaluation records name no analyst; one analyst stands for each skill’s evaluations.',
      AGGREGATE_NOTE,
    ],
  }),
} as const;
