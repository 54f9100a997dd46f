import { type FieldSpec, field } from '../fields.js';
import { PARAMS } from '../params.js';
import { defineReport } from '../report.js';
import { CALL_RESULT_VALUES, F, type_interaction } from './shared-fields.js';

const CATEGORY = 'Campaigns';
const postman = (item: string) =>
  `Postman ES collection "wolkvox APIs (ES)", item "Reportes / Campañas / ${item}"`;

/** The dialler's (predictive) attempts: what the "by machine" reports count. */
const DIALLED = { type_interaction: 'out_pre' } as const;

const DIAL_RESULT_NOTE =
  'Spelled as the campaign pages spell it (no-answer, answer-machine); calls_last_10 and campaign_10 write ' +
  '"no answer", "answer machine". The emulator also sends failed and chanunavail.';
/**
 * campaign_3's spelling of a call's result, as the platform sends it. A channel the carrier reports unavailable is
 * a failed attempt for the dialler (the report has no CHANUNAVAIL).
 */
const CAMPAIGN_3_RESULTS = {
  answer: 'ANSWER',
  'answer machine': 'ANSWER-MACHINE',
  'no answer': 'NO-ANSWER',
  busy: 'BUSY',
  congestion: 'CONGESTION',
  failed: 'FAILED',
  chanunavail: 'FAILED',
  abandon: 'ABANDON',
} as const;

const records = field('count', 'Dialled records with that result', { from: { count: true } });
const share = field('percent', 'Share of the records with that result', { from: { shareOfTotal: true } });
const customer_name = field('person_name', 'Customer’s first name (from the campaign database)');
const customer_last_name = field('person_name', 'Customer’s last name (from the campaign database)');

/** The campaign database's extra columns: no attribute behind them, the emulator draws them (FieldSpec<never>). */
function optColumns() {
  const fields: Record<string, FieldSpec<never>> = {};
  for (let i = 1; i <= 12; i++) fields[`opt${i}`] = field('text', `Extra campaign-database column opt${i}`);
  return fields as Record<`opt${1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12}`, FieldSpec<never>>;
}

/** Every report of this area, keyed by id. */
export const CAMPAIGN_REPORTS = {
  campaign_1: defineReport({
    api: 'campaign_1',
    family: 'reports_manager',
    toolset: 'campaigns',
    category: CATEGORY,
    title: 'Campaign by machine (final result)',
    titleEs: 'Campaña por máquina (Resultado-final)',
    description:
      'One row per final dialler result of a campaign (answer, no-answer, busy, answer-machine, congestion, ' +
      'abandon...): how many records ended that way and their share. The campaign’s funnel at a glance; the ' +
      'attempt-by-attempt view is campaign_4, the phone-by-phone detail campaign_3.',
    questions: [
      'How did campaign N end up: how many answered, how many machines?',
      'What share of the collections campaign was never answered?',
    ],
    params: { campaign_id: PARAMS.campaign_id(true) },
    fields: {
      result: field('enum', 'Final dialler result of the record', {
        values: [
          'no-answer',
          'busy',
          'answer',
          'answer-machine',
          'recall',
          'do-not-call_clean',
          'congestion',
          'abandon',
        ],
        from: 'dial_result',
        note: DIAL_RESULT_NOTE,
      }),
      records,
      percent: share,
    },
    rows: { entity: 'calls', where: DIALLED, groupBy: ['dial_result'] },
    sources: ['wolkvox.com/en/apis-v2-2/1-campaign-by-machine-final-result-en/', 'catalog.json'],
    notes: [
      'The page description lists no-answer/answer/failed/busy/congestion/recall/do-not-call-clean; the field ' +
        'enum differs slightly (campaign_1 enum kept).',
      'Emulator: each dialled attempt counts as a final result, so campaign_1 and campaign_4 agree.',
    ],
  }),
  campaign_2: defineReport({
    api: 'campaign_2',
    family: 'reports_manager',
    toolset: 'campaigns',
    category: CATEGORY,
    title: 'Results by code type',
    titleEs: 'Resultados por tipo de código',
    description:
      'One row per typification code agents set on a campaign’s calls (TIMEOUTACW when the wrap-up timed out): ' +
      'how many records got it and their share. Shows the business outcome of a campaign (sales, promises to ' +
      'pay...) rather than the dialler’s.',
    questions: [
      'How many sales did the cross-selling campaign close?',
      'Which codes do agents use most in campaign N?',
    ],
    params: { campaign_id: PARAMS.campaign_id(true) },
    fields: {
      cod_act: field('code', 'Typification code; TIMEOUTACW when the agent ran out of wrap-up time'),
      records: field('count', 'Records typified with that code', { from: { count: true } }),
      percent: field('percent', 'Share of the records with that code', { from: { shareOfTotal: true } }),
    },
    rows: {
      entity: 'calls',
      where: { type_interaction: ['out_pre', 'outbound_ma'], handled_by: 'agent' },
      groupBy: ['cod_act'],
    },
    sources: [postman('2. Resultados por tipo de código'), 'catalog.json'],
    notes: [
      'With campaign_id=all, manual outbound calls made outside any campaign are included (empty campaign).',
    ],
  }),
  campaign_3: defineReport({
    api: 'campaign_3',
    family: 'reports_manager',
    toolset: 'campaigns',
    category: CATEGORY,
    title: 'Phone-by-phone campaign result',
    titleEs: 'Resultado campañas teléfono – teléfono',
    description:
      'One row per dialled attempt of a campaign: campaign, customer name, document type and id, the attempt’s ' +
      'date, the phone dialled, the result, the twelve extra database columns (opt1-opt12) and conn_id. Counting ' +
      'its rows by result gives campaign_4.',
    questions: [
      'Which phones of campaign N were busy or never answered?',
      'What happened to customer 1020304050 in the campaign?',
      'Which numbers should we clean from the database?',
    ],
    params: { campaign_id: PARAMS.campaign_id(true) },
    fields: {
      campaign_id: F.campaign_id,
      customer_name,
      customer_last_name,
      id_type: field('enum', 'Customer’s identity-document type', {
        values: ['CC', 'CE', 'NIT', 'PP'],
        note: 'wolkvox documents no values; these are the Colombian document types.',
      }),
      customer_id: F.customer_id,
      date: field('timestamp', 'Date and time of the attempt (GMT-5 per the documentation)'),
      telephone: F.telephone,
      result: field('enum', 'Result of the attempt, upper case with hyphens', {
        values: ['ABANDON', 'ANSWER', 'ANSWER-MACHINE', 'BUSY', 'CONGESTION', 'FAILED', 'NO-ANSWER'],
        from: 'result',
        spelling: CAMPAIGN_3_RESULTS,
        note:
          'Running code against the platform sees upper case (ANSWER, NO-ANSWER, ANSWER-MACHINE...); the page ' +
          'documents lower case (abandon, answer, answer-machine, busy, congestion, failed, no-answer).',
      }),
      ...optColumns(),
      conn_id: F.conn_id,
    },
    rows: { entity: 'calls', where: DIALLED },
    sources: ['wolkvox.com/apis-v2/3-result-of-telephone-telephone-campaigns-en', 'catalog.json'],
    notes: [
      'The record date and every attempt must fall in the window; attempt dates are GMT-5 (ES Postman).',
      "Running code against the platform: opt1..opt12 carry the loaded list's own columns (account numbers, " +
        "balances, codes). Emulator: each campaign's list has its columns in order (e.g. NUM_OBLIGACION, " +
        'SALDO_MORA, DIAS_MORA... for collections), the same values for a customer on every attempt, the unused ' +
        "columns empty; customer_name, customer_last_name and id_type are the customer's, as in every report.",
    ],
  }),
  campaign_4: defineReport({
    api: 'campaign_4',
    family: 'reports_manager',
    toolset: 'campaigns',
    category: CATEGORY,
    title: 'Campaign result by machine (attempt by attempt)',
    titleEs: 'Resultado campaña por máquina (intento por intento)',
    description:
      'One row per dialler result counted attempt by attempt: how many attempts of the campaign ended that way ' +
      'and their share. Its counts are the rows of campaign_3 by result; the final result per record is campaign_1.',
    questions: [
      'How many dial attempts did campaign N make and how did they end?',
      'Is the dialler hitting too much congestion?',
    ],
    params: { campaign_id: PARAMS.campaign_id(true) },
    fields: {
      result: field('enum', 'Result of the attempt', {
        values: ['abandon', 'answer', 'answer-machine', 'busy', 'congestion', 'failed', 'no-answer'],
        from: 'dial_result',
        note: DIAL_RESULT_NOTE,
      }),
      records: field('count', 'Attempts with that result', { from: { count: true } }),
      percent: field('percent', 'Share of the attempts', { from: { shareOfTotal: true } }),
    },
    rows: { entity: 'calls', where: DIALLED, groupBy: ['dial_result'] },
    sources: ['wolkvox.com/?p=34638', 'catalog.json'],
    notes: ['The catalog documents no values for result; campaign_3’s are used.'],
  }),
  campaign_5: defineReport({
    api: 'campaign_5',
    family: 'reports_manager',
    toolset: 'campaigns',
    category: CATEGORY,
    title: 'Preview call detail (per call)',
    titleEs: 'Detalle previo de llamada (por llamada)',
    description:
      'One row per preview record or manual call of an agent-dialled campaign: the customer, the record’s result ' +
      '(rpc or clean), the last code and the database comments, the agent, conn_id, phone, who hung up, call ' +
      'kind, result, date, duration, the code set and the agent’s comments.',
    questions: [
      'Which customers did agents reach in the preview campaign today?',
      'What did agents write on the records they called?',
    ],
    params: { campaign_id: PARAMS.campaign_id(true) },
    fields: {
      type_of_row: field('enum', 'Dial type: a preview record or a manual call', {
        values: ['preview', 'call'],
      }),
      campaign_id: F.campaign_id,
      customer_name,
      customer_last_name,
      result: field('enum', 'Record result: rpc (reached the right person) or clean', {
        values: ['rpc', 'clean'],
      }),
      last_code_act: field('code', 'Code of the last call to the customer', { from: 'cod_act' }),
      comments_customer_reg: field('text', 'Comments stored on the customer record'),
      customer_id: F.customer_id,
      agent_id: F.agent_id,
      conn_id: F.conn_id,
      telephone: F.telephone,
      hang_up: field('enum', 'Which party ended the call', { values: ['customer', 'agent', 'system'] }),
      type_interaction,
      call_result: field('enum', 'Result of the call', {
        values: ['answer'],
        from: 'result',
        note: 'Only answer is documented; the emulator also sends no answer, busy, failed and chanunavail.',
      }),
      date: F.timestamp,
      time: field('duration', 'Call duration', { from: 'talk_seconds' }),
      cod_act: field('code', 'Typification code set by the agent; may be TIMEOUTACW'),
      comments: field('text', 'Agent’s comments on the call'),
    },
    rows: { entity: 'calls', where: { type_interaction: 'outbound_ma' } },
    sources: [postman('5. Detalle previo de llamada (por llamada)'), 'catalog.json'],
    notes: [
      'With campaign_id=all, manual calls made outside any campaign are included (empty campaign_id).',
      'The catalog gives no format for time; HH:MM:SS is assumed.',
    ],
  }),
  campaign_6: defineReport({
    api: 'campaign_6',
    family: 'reports_manager',
    toolset: 'campaigns',
    category: CATEGORY,
    title: 'AMD accumulated',
    titleEs: 'AMD Acumulado',
    description:
      'One row per campaign with answering-machine detection (AMD): the total of machine detections in the ' +
      'window. Equals the machine rows of campaign_7 for the campaign.',
    questions: [
      'How many answering machines did each campaign hit this week?',
      'Which campaign’s database has the most machines?',
    ],
    params: { campaign_id: PARAMS.campaign_id(true) },
    fields: {
      campaign_id: F.campaign_id,
      total_amd: field('count', 'Answering-machine detections (AMD verdict machine)', {
        from: { count: true, where: { amd_result: 'machine' } },
      }),
    },
    rows: { entity: 'calls', where: { amd_result: ['machine', 'human'] }, groupBy: ['campaign_id'] },
    sources: ['wolkvox.com/en/apis-v2-2/6-amd-accumulated/', 'catalog.json'],
  }),
  campaign_7: defineReport({
    api: 'campaign_7',
    family: 'reports_manager',
    toolset: 'campaigns',
    category: 'Campaigns',
    title: 'AMD detail',
    titleEs: 'AMD Detalle',
    description:
      'One row per answering-machine detection (AMD) on a dialled record: customer and campaign ids, telephone, ' +
      'date, the verdict (machine or human) and the voice file left on machines. Use it to judge how reachable a ' +
      "campaign's database is.",
    questions: [
      'How many of campaign N’s calls hit answering machines?',
      'Which numbers keep reaching a machine?',
      'What share of AMD detections were human yesterday?',
    ],
    params: { campaign_id: PARAMS.campaign_id(true) },
    fields: {
      customer_id: F.customer_id,
      campaign_id: F.campaign_id,
      file_name: field('file', 'Voice file configured in AMD to leave a message when a machine answers', {
        from: 'amd_file',
      }),
      telephone: F.telephone,
      result: field('enum', 'AMD verdict: machine (answered by a machine) or human', {
        values: ['machine', 'human'],
        from: 'amd_result',
        note: 'wolkvox Manager shows the verdict upper-case (MACHINE/HUMAN); the API page documents lower case.',
      }),
      date: F.timestamp,
    },
    rows: { entity: 'calls', where: { amd_result: ['machine', 'human'] } },
    sources: ['seed: seeds/002_95f871c94473fee5.txt (ES page "7. AMD Detalle")', 'catalog.json campaign_7'],
  }),
  campaign_8: defineReport({
    api: 'campaign_8',
    family: 'reports_manager',
    toolset: 'campaigns',
    category: CATEGORY,
    title: 'Machine codes grouped by phone and result',
    titleEs: 'Códigos de máquina agrupados por teléfono y resultados',
    description:
      'One row per phone number a campaign dialled: the dialler results it collected in total and by kind (no ' +
      'answer, answering machine, busy, congestion, failed). Finds numbers that are never reachable.',
    questions: [
      'Which numbers keep failing in campaign N?',
      'Which phones always reach an answering machine?',
    ],
    params: { campaign_id: PARAMS.campaign_id(true) },
    fields: {
      telephone: F.telephone,
      total_machine_recognitions: field('count', 'Dialler results (machine codes) collected by the phone', {
        from: { count: true },
      }),
      no_answer: field('count', 'No-answer results', {
        from: { count: true, where: { dial_result: 'no-answer' } },
      }),
      answer_machine: field('count', 'Answering-machine results', {
        from: { count: true, where: { dial_result: 'answer-machine' } },
      }),
      busy: field('count', 'Busy results', { from: { count: true, where: { dial_result: 'busy' } } }),
      congestion: field('count', 'Congestion results', {
        from: { count: true, where: { dial_result: 'congestion' } },
      }),
      failed: field('count', 'Failed attempts', { from: { count: true, where: { dial_result: 'failed' } } }),
    },
    rows: { entity: 'calls', where: DIALLED, groupBy: ['telephone'] },
    sources: [postman('8. Códigos de máquina agrupados por teléfono y resultados'), 'catalog.json'],
    notes: [
      'total_machine_recognitions is read as every machine code of the phone (also answer, abandon, chanunavail), ' +
        'so it can exceed the sum of the five columns.',
    ],
  }),
  campaign_9: defineReport({
    api: 'campaign_9',
    family: 'reports_manager',
    toolset: 'campaigns',
    category: CATEGORY,
    title: 'Status of WhatsApp campaign records',
    titleEs: 'Estado de los registros de las campañas en WhatsApp',
    description:
      'One row per record of a WhatsApp campaign: campaign (field spelled campaing_id), phone, delivery status ' +
      '(accepted, submitted, delivered, failed), errors, when it was contacted and last updated.',
    questions: [
      'How many WhatsApp campaign messages were delivered?',
      'Which WhatsApp records failed and why?',
    ],
    params: { campaign_id: PARAMS.campaign_id(true) },
    fields: {
      campaing_id: field('campaign_id', 'Campaign id (the API misspells the field name)', {
        from: 'campaign_id',
      }),
      telephone: F.telephone,
      status: field('enum', 'Delivery status of the record', {
        values: ['accepted', 'delivered', 'submitted', 'failed'],
      }),
      errors: field('text', 'Errors found when contacting the record'),
      date: field('timestamp', 'When the record was contacted'),
      last_update: field('timestamp', 'Latest contact date'),
    },
    rows: { entity: 'campaign_records' },
    sources: [postman('9. Estado de los registros de las campañas en WhatsApp'), 'catalog.json'],
    notes: [
      'The URL template fixes campaign_id=all; the field campaing_id is misspelled by the API and kept.',
    ],
  }),
  campaign_10: defineReport({
    api: 'campaign_10',
    family: 'reports_manager',
    toolset: 'campaigns',
    category: CATEGORY,
    title: 'Turbo Dial grouped by machine code',
    titleEs: 'Turbo dial agrupado por código de máquina',
    description:
      'One row per machine code the Turbo Dial dialler obtained (answer, no answer, busy, answer machine, ' +
      'congestion, failed, chanunavail, abandon) with how many times (field cantidad). Its answer machine count ' +
      'is campaign_6’s total_amd.',
    questions: [
      'How did Turbo Dial’s attempts end this morning?',
      'How many Turbo Dial calls were answered by a person?',
    ],
    params: { campaign_id: PARAMS.campaign_id(true) },
    fields: {
      machinecode: field('enum', 'Machine code detected by the dialler', {
        values: CALL_RESULT_VALUES,
        from: 'result',
      }),
      cantidad: field('count', 'Times the code was obtained (Spanish field name)', { from: { count: true } }),
    },
    rows: { entity: 'calls', where: DIALLED, groupBy: ['result'] },
    sources: ['wolkvox.com/?p=49930', 'catalog.json'],
    notes: [
      'The URL template fixes campaign_id=all; the field name cantidad is Spanish and kept.',
      'Result spelling differs from campaign_1/3/4 (no answer vs no-answer): each report keeps its own.',
    ],
  }),
} as const;
