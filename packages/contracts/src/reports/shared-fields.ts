import { field } from '../fields.js';

/**
 * Fields that mean the same thing in every report that carries them. Reports spread these in, so a meaning is
 * written once and the emulator reads the same record attribute everywhere (that is what makes `conn_id`,
 * `agent_id` or `campaign_id` cross-reference between reports).
 */
export const F = {
  conn_id: field(
    'conn_id',
    'Identifier of the call or interaction; the same id appears in every report that names it. Calls read ' +
      '<agent or extension>.<4 digits>.<unix epoch of the start, UTC>.<sequence>, e.g. 12462.0277.1782402643.44005',
    {
      note:
        'The catalog only says "unique ID"; the four-part form and the epoch (which decodes to the row date in the ' +
        "tenant's zone) come from running code against the platform.",
    },
  ),
  agent_id: field('agent_id', "Agent's numeric id (extension) in wolkvox: five digits, e.g. 12462"),
  agent_name: field(
    'person_name',
    "Agent's name as stored on the agent's record, the same in every report: UPPER CASE, often surname first, some " +
      'with a team prefix (COM-, ING-), a few with the odd spacing or missing accent they were typed with',
  ),
  agent_dni: field('document', "Agent's identity-document number"),
  skill_id: field('skill_id', 'Numeric id of the skill (queue) that handled it'),
  campaign_id: field('campaign_id', 'Numeric id of the campaign'),
  customer_id: field('customer_id', "Customer's identification number"),
  telephone: field('phone', 'Telephone number called or calling'),
  timestamp: field('timestamp', 'Date and time, tenant wall time (YYYY-MM-DD HH:MM:SS)'),
} as const;

/** The call kinds wolkvox reports in `type_interaction` (real-time calls page). */
export const TYPE_INTERACTION_VALUES = [
  'conference',
  'inbound',
  'internal call',
  'internal call_inb',
  'internal call_que',
  'out_pre',
  'outbound_ma',
  'transfer',
] as const;

/** Call outcomes as the real-time calls page spells them. */
export const CALL_RESULT_VALUES = [
  'answer machine',
  'no answer',
  'failed',
  'answer',
  'congestion',
  'abandon',
  'busy',
  'chanunavail',
] as const;

export const type_interaction = field(
  'enum',
  'Kind of call: inbound, conference, transfer, internal (internal call, internal call_inb from an inbound, ' +
    'internal call_que from a queue), out_pre (predictive campaign) or outbound_ma (manual outbound)',
  { values: TYPE_INTERACTION_VALUES },
);
