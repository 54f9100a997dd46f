import { field } from '../fields.js';
import { PARAMS } from '../params.js';
import { defineReport } from '../report.js';
import { F } from './shared-fields.js';

export const campaign_7 = defineReport({
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
});

/** Every report of this area, keyed by id. */
export const CAMPAIGN_REPORTS = { campaign_7 } as const;
