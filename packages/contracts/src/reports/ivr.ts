import { field } from '../fields.js';
import { defineReport } from '../report.js';

export const diagram_1_2 = defineReport({
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
});

/** Every report of this area, keyed by id. */
export const IVR_REPORTS = { diagram_1_2 } as const;
