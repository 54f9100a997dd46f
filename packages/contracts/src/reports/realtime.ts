import { field } from '../fields.js';
import { defineReport } from '../report.js';
import { CALL_RESULT_VALUES, F, type_interaction } from './shared-fields.js';

export const calls_last_10 = defineReport({
  api: 'calls_last_10',
  family: 'real_time',
  toolset: 'realtime',
  category: 'Real time – calls',
  title: 'Calls in the last 10 minutes',
  titleEs: 'Llamadas en los últimos 10 minutos',
  description:
    'Every call received or placed in the last 10 minutes: its kind (inbound, predictive, manual outbound, ' +
    'internal, transfer, conference), result, date, telephone, customer id and call id. Takes no dates.',
  questions: [
    'What happened in the last 10 minutes?',
    'How many calls were abandoned in the last 10 minutes?',
    'Are predictive calls connecting right now?',
  ],
  params: {},
  fields: {
    type_interaction,
    result: field('enum', 'Outcome of the call', { values: CALL_RESULT_VALUES }),
    date: field('timestamp', 'When the call took place (YYYY-MM-DD HH:MM:SS)'),
    telephone: F.telephone,
    customer_id: F.customer_id,
    conn_id: F.conn_id,
  },
  rows: { entity: 'calls', lastMinutes: 10 },
  sources: [
    'seed: seeds/004_a8430414e3fa5a92.txt (ES page "2. Llamadas en los últimos 10 minutos")',
    'catalog.json',
  ],
  notes: ['An older EN page names the fields type_call and tel_number; the current names are used.'],
});

/** Every report of this area, keyed by id. */
export const REALTIME_REPORTS = { calls_last_10 } as const;
