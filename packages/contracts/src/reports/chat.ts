import { field } from '../fields.js';
import { defineReport } from '../report.js';
import { F } from './shared-fields.js';

export const chat_9 = defineReport({
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
});

/** Every report of this area, keyed by id. */
export const CHAT_REPORTS = { chat_9 } as const;
