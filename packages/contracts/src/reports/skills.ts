import { z } from 'zod';
import { field } from '../fields.js';
import { PARAMS } from '../params.js';
import { defineReport } from '../report.js';
import { F } from './shared-fields.js';

/** Skills and service level: skill_*. */

/**
 * The calls a skill's figures count: inbound calls that entered the skill's queue. They end answered by an agent
 * (`result` answer) or abandoned while waiting (`result` abandon), so answer_calls + abandon_calls = inbound_calls.
 * Callers the IVR served on its own never reach a skill.
 */
const SKILL_CALLS = { type_interaction: 'inbound', handled_by: ['agent', 'none'] } as const;
const ANSWERED = { result: 'answer' } as const;
const ABANDONED = { result: 'abandon' } as const;

const SOURCE_POSTMAN = (item: string) => `Postman ES 'wolkvox APIs (ES)' item 'Reportes / Skills / ${item}'`;

/** Channel / interaction kinds the skill detail pages document. */
const SKILL_INTERACTION_VALUES = [
  'chat-configurationbox',
  'chat-email',
  'chat-facebook',
  'chat-instagram',
  'chat-transferSkill',
  'chat-web',
  'chat-whatsapp',
  'chat-telegram',
  'chat-line',
  'inbound',
  'internalcall_que',
  'omni-email',
  'omni-facebook_page',
  'omni-instagram',
  'omni-twitter',
  'out_pre',
] as const;

const skillInteraction = (meaning: string) =>
  field('enum', meaning, { values: SKILL_INTERACTION_VALUES, from: 'type_interaction' });

const skill_name = field('text', 'Name of the skill (queue)');

const serviceLevel = (seconds: number) =>
  field('percent', `Share of the inbound calls answered within ${seconds} seconds of queueing`, {
    from: { share: { ...ANSWERED, queue_seconds: { lte: seconds } } },
  });

/** Volume and service figures of a group of skill calls. */
const volume = {
  inbound_calls: field('count', 'Inbound calls that entered the skill', { from: { count: true } }),
  answer_calls: field('count', 'Inbound calls answered by an agent', {
    from: { count: true, where: ANSWERED },
  }),
  abandon_calls: field('count', 'Inbound calls the caller hung up before an agent answered', {
    from: { count: true, where: ABANDONED },
  }),
} as const;

const serviceLevels = {
  service_level_10seg: serviceLevel(10),
  service_level_20seg: serviceLevel(20),
  service_level_30seg: serviceLevel(30),
} as const;

const abandon = field('percent', 'Abandonment rate: share of the inbound calls abandoned', {
  from: { share: ABANDONED },
});
const asa = field('seconds', 'Average speed of answer: mean queue wait of the answered calls, in seconds', {
  from: { avg: 'queue_seconds', where: ANSWERED },
});
const ata = field('seconds', 'Average time to abandon: mean wait of the abandoned calls, in seconds', {
  from: { avg: 'queue_seconds', where: ABANDONED },
});
const aht = field('duration', 'Average handle time of the answered calls', {
  from: { avg: 'talk_seconds', where: ANSWERED },
  note: 'Emulator: talk time only (wrap-up is not recorded per call), so aht equals att here.',
});
const att = field('duration', 'Average talk time per answered call', {
  from: { avg: 'talk_seconds', where: ANSWERED },
});
const acw = field('duration', 'After-call work (wrap-up) time', {
  note: 'Emulator: simulated per row (wrap-up is not recorded per call).',
});
const wait_time = field('duration', 'Total time callers waited in the queue', {
  from: { sum: 'queue_seconds' },
});

const SKILL_NOTE =
  'Emulator: the figures count the inbound calls that entered the skill (cdr_1 type_interaction inbound, ' +
  'answered or abandoned); answer_calls + abandon_calls = inbound_calls.';

const skillId = PARAMS.skill_id(true);

const intervalReport = (
  api: 'skill_4' | 'skill_4_1' | 'skill_4_2',
  title: string,
  titleEs: string,
  attribute: 'hour_of_day' | 'date_half_hour' | 'date_10min',
  label: string,
  item: string,
) =>
  ({
    spec: {
      api,
      family: 'reports_manager',
      toolset: 'skills',
      category: 'Skills / service level',
      title,
      titleEs,
      params: { skill_id: skillId },
      rows: { entity: 'calls', where: SKILL_CALLS, groupBy: ['skill_id', attribute] },
      sources: [SOURCE_POSTMAN(item), 'catalog.json'],
    },
    hour:
      attribute === 'hour_of_day'
        ? field('hour_of_day', label, { from: attribute })
        : field('text', label, {
            from: attribute,
            note: 'The table calls it "hour of day"; the emulator writes the interval start as YYYY-MM-DD HH:MM.',
          }),
  }) as const;

const i4 = intervalReport(
  'skill_4',
  'Calls and service level per hour',
  'Llamadas y nivel de servicio por hora',
  'hour_of_day',
  'Hour of the day (0-23), over every day of the window',
  '4. Llamadas y nivel de servicio por hora',
);

const i41 = intervalReport(
  'skill_4_1',
  'Calls and service level per 30-minute interval',
  'Llamadas y nivel de servicio por intervalo de 30 minutos',
  'date_half_hour',
  'Start of the 30-minute interval (YYYY-MM-DD HH:MM)',
  '4.1. Llamadas y nivel de servicio por intervalo de 30 minutos',
);

const i42 = intervalReport(
  'skill_4_2',
  'Calls and service level per 10-minute interval',
  'Llamadas y nivel de servicio por intervalo de 10 minutos',
  'date_10min',
  'Start of the 10-minute interval (YYYY-MM-DD HH:MM)',
  '4.2. Llamadas y nivel de servicio por intervalo de 10 minutos',
);

const bucket = (result: 'answer' | 'abandon', lo: number, hi?: number) => {
  const verb = result === 'answer' ? 'answered' : 'abandoned';
  const range = hi === undefined ? { gt: lo } : lo === 0 ? { lte: hi } : { gt: lo, lte: hi };
  const span =
    hi === undefined ? `after more than ${lo} seconds` : `after ${lo === 0 ? 0 : lo + 1}-${hi} seconds`;
  return field('count', `Inbound calls ${verb} ${span} in the queue`, {
    from: { count: true, where: { result, queue_seconds: range } },
  });
};

const answerBuckets = {
  answer_0seg_10seg: bucket('answer', 0, 10),
  answer_11seg_20seg: bucket('answer', 10, 20),
  answer_21seg_30seg: bucket('answer', 20, 30),
  answer_31seg_40seg: bucket('answer', 30, 40),
  answer_41seg_50seg: bucket('answer', 40, 50),
  anwers_greater_than_51seg: {
    ...bucket('answer', 50),
    note: 'Misspelled by wolkvox (anwers); the registry keeps the name.',
  },
} as const;

/** Every report of this area, keyed by id. */
export const SKILL_REPORTS = {
  skill_1: defineReport({
    api: 'skill_1',
    family: 'reports_manager',
    toolset: 'skills',
    category: 'Skills / service level',
    title: 'Calls and service level by skill/service',
    titleEs: 'Llamadas y nivel de servicio por Skill/servicio',
    description:
      'One row per skill (queue) over the window: inbound calls, answered and abandoned calls, service levels ' +
      '(share answered within 10, 20 and 30 seconds), abandonment rate, average speed of answer (asa) and average ' +
      'time to abandon (ata), in seconds. The headline queue report; per day skill_3, per hour skill_4.',
    questions: [
      'What was our service level yesterday per skill?',
      'How many calls were abandoned in the Ventas queue this week?',
      'What is the average speed of answer of each skill?',
    ],
    params: {
      skill_id: skillId,
      services_time: {
        description:
          'Extra service-level threshold in seconds: wolkvox adds a service_level_<N>seg column for it.',
        required: false,
        schema: z.string().regex(/^\d+$/, { error: 'expected a whole number of seconds, e.g. 15' }),
        example: '15',
        note: 'The emulator accepts it but does not add the dynamic column (see the deviations).',
      },
    },
    fields: {
      skill_name,
      skill_id: F.skill_id,
      ...volume,
      ...serviceLevels,
      abandon,
      asa,
      ata,
    },
    rows: { entity: 'calls', where: SKILL_CALLS, groupBy: ['skill_id'] },
    sources: [
      'catalog.json skill_1 (wolkvox.com/en/apis-v2-2/1-calls-and-service-level-by-skill-service-en)',
      'catalog.json',
    ],
    notes: [
      SKILL_NOTE,
      'service_level_XXseg: with services_time=N wolkvox adds a column named service_level_<N>seg (the page says ' +
        '10/20/30 yield service_level_0seg); a dynamic column name cannot be a registry field, so it is omitted.',
    ],
  }),
  skill_2: defineReport({
    api: 'skill_2',
    family: 'reports_manager',
    toolset: 'skills',
    category: 'Skills / service level',
    title: 'Abandoned calls detail',
    titleEs: 'Detalle de llamadas abandonadas',
    description:
      'One row per call abandoned in a skill queue: skill, conn_id, date, caller number (ani), how many seconds ' +
      'the caller waited before hanging up, the channel and the customer id. Use it to call back abandoners; the ' +
      'counts per skill are skill_1 abandon_calls.',
    questions: [
      'Which callers hung up in the queue today, so we can call them back?',
      'How long did abandoned callers wait before hanging up?',
    ],
    params: { skill_id: skillId },
    fields: {
      skill_name,
      skill_id: F.skill_id,
      conn_id: F.conn_id,
      date: F.timestamp,
      result: field('enum', 'Call outcome', { values: ['abandon', 'answer'] }),
      ani: field('phone', "Caller's originating number (ANI)", { from: 'telephone' }),
      abandon_time: field('seconds', 'Seconds the caller waited before hanging up', {
        from: 'queue_seconds',
      }),
      type_interaction: skillInteraction('Channel / interaction kind'),
      customer_id: F.customer_id,
    },
    rows: { entity: 'calls', where: { ...SKILL_CALLS, ...ABANDONED } },
    sources: [SOURCE_POSTMAN('2. Detalle de llamadas abandonadas'), 'catalog.json'],
    notes: [
      'Emulator: voice calls only; the digital channels of the documented enum are not simulated here.',
    ],
  }),
  skill_3: defineReport({
    api: 'skill_3',
    family: 'reports_manager',
    toolset: 'skills',
    category: 'Skills / service level',
    title: 'Calls and service level per day',
    titleEs: 'Llamadas y nivel de servicio por día',
    description:
      'One row per skill and day: inbound, answered and abandoned calls, service levels at 10/20/30 seconds, ' +
      'total waiting time, abandonment rate, asa and ata in seconds, and average handle time. Daily trend of ' +
      'skill_1.',
    questions: [
      'How did the service level of each skill evolve day by day this month?',
      'Which day had the most abandoned calls?',
    ],
    params: { skill_id: skillId },
    fields: {
      skill_name,
      date: field('day', 'Day the figures refer to (YYYY-MM-DD)', { from: 'date_day' }),
      ...volume,
      ...serviceLevels,
      wait_time,
      abandon,
      asa,
      ata,
      aht,
    },
    rows: { entity: 'calls', where: SKILL_CALLS, groupBy: ['skill_id', 'date_day'] },
    sources: [SOURCE_POSTMAN('3. Llamadas y nivel de servicio por día'), 'catalog.json'],
    notes: [SKILL_NOTE],
  }),
  skill_4: defineReport({
    ...i4.spec,
    description:
      'One row per skill and hour of the day with traffic (0-23, every day of the window together): inbound, ' +
      'answered and abandoned calls, service levels at 10/20/30 seconds, asa and ata in seconds, abandonment rate ' +
      'and average handle time. Finds the hours a queue struggles.',
    questions: [
      'At which hours does the service level of Servicio al cliente drop?',
      'What is the hourly abandonment pattern of each skill?',
    ],
    fields: {
      skill_id: F.skill_id,
      hour: i4.hour,
      ...volume,
      ...serviceLevels,
      asa,
      abandon,
      aht,
      ata,
    },
    notes: [
      SKILL_NOTE,
      'Running code against the platform: a row has exactly these 12 columns; a consumer drops skill_id, ' +
        'abandon, aht, asa, ata, service_level_10seg and service_level_30seg and expects 5 left. The Postman table ' +
        'also lists att and acw (its example body, not valid JSON, does not): the platform does not send them.',
      'hour is the hour of the day as an integer string ("7", "14"); only hours with traffic have a row.',
      'Low evidence, decided from the catalog: with skill_id=all there is one row per skill and hour (the rows ' +
        'carry skill_id and "\'all\' returns every skill"), not one per hour for all skills together.',
    ],
  }),
  skill_4_1: defineReport({
    ...i41.spec,
    description:
      'One row per skill and 30-minute interval: inbound, answered and abandoned calls, service levels at ' +
      '10/20/30 seconds, asa and ata in seconds, abandonment rate, average handle, talk and wrap-up times. ' +
      'For half-hourly staffing; per hour see skill_4, per 10 minutes skill_4_2.',
    questions: [
      'Which half hours yesterday missed the 20-second service level?',
      'How many calls did each skill receive per half hour this morning?',
    ],
    fields: {
      skill_id: F.skill_id,
      hour: i41.hour,
      ...volume,
      ...serviceLevels,
      asa,
      abandon,
      ata,
      aht,
      att,
      acw,
    },
    notes: [SKILL_NOTE, 'The Postman example body is not valid JSON.'],
  }),
  skill_4_2: defineReport({
    ...i42.spec,
    description:
      'One row per skill and 10-minute interval: inbound, answered and abandoned calls, service levels at ' +
      '10/20/30 seconds, asa and ata in seconds, abandonment rate, average handle, wrap-up and talk times. The ' +
      'finest service-level series, for spotting short peaks.',
    questions: [
      'When exactly did the queue overflow this morning?',
      'Which 10-minute intervals had the worst speed of answer?',
    ],
    fields: {
      skill_id: F.skill_id,
      hour: i42.hour,
      ...volume,
      ...serviceLevels,
      asa,
      abandon,
      ata,
      aht,
      acw,
      att,
    },
    notes: [SKILL_NOTE, 'The Postman example body lacks aht, acw and att, which its table lists.'],
  }),
  skill_5: defineReport({
    api: 'skill_5',
    family: 'reports_manager',
    toolset: 'skills',
    category: 'Skills / service level',
    title: 'Workforce per hour',
    titleEs: 'Workforce por hora',
    description:
      'One row per skill and hour of the day: inbound calls, the same counted once per caller, average handle ' +
      'time and the number of agents needed. For workforce planning; wolkvox accepts at most one day per query.',
    questions: [
      'How many agents did each skill need per hour yesterday?',
      'How many distinct customers called each hour?',
    ],
    params: { skill_id: skillId },
    fields: {
      skill_id: F.skill_id,
      hour: field('hour_of_day', 'Hour of the day (0-23)', { from: 'hour_of_day' }),
      inbound_calls: field('count', 'Inbound calls that entered the skill', { from: { sum: 'offered' } }),
      inbound_calls_unique_customers: field('count', 'Inbound calls counted once per caller', {
        from: { sum: 'unique_callers' },
      }),
      aht: field('duration', 'Average handle time of the answered calls', {
        from: { ratio: 'talk_seconds', per: 'answered' },
        note: 'Emulator: talk time only, as skill_1 aht.',
      }),
      agents_needed: field('count', 'Agents required for that hour', {
        from: { max: 'agents_needed' },
        note:
          "Emulator: Erlang C on the hour's inbound calls and handle time (talk plus the mean ring and wrap-up) at " +
          "the tenant's service target (80 % within 20 s by default): the fewest agents that meet it, shrinkage not " +
          'included. Running code against the platform sees about 10 to 13 answered calls per needed agent on a ' +
          'busy skill; smaller queues need more agents per call (Erlang C has economies of scale).',
      }),
    },
    window: { maxDays: 1 },
    rows: {
      entity: 'skill_hours',
      groupBy: ['skill_id', 'hour_of_day'],
      groupsWith: { answered: { gt: 0 } },
    },
    sources: [SOURCE_POSTMAN('5. Workforce por hora'), 'catalog.json'],
    notes: [
      'The Postman page limits this report to a one-day window.',
      SKILL_NOTE,
      'Running code against the platform: skill_5 can lack an hour skill_4 has. The emulator lists only the hours ' +
        'in which an agent answered a call of the skill (workforce is sized on handled traffic): an hour with only ' +
        'abandoned calls, e.g. before the floor opens, is in skill_4 and not here.',
      'Low evidence, decided from the catalog: with skill_id=all there is one row per skill and hour (the field ' +
        'table carries skill_id, and "\'all\' returns every skill"), not one row per hour for all skills together; ' +
        'skill_4 likewise.',
      "Emulator: the figures are the hour records of the skill's queue (the same calls skill_4 counts); on the day " +
        "in progress the clock's hour counts the calls so far.",
    ],
  }),
  skill_6: defineReport({
    api: 'skill_6',
    family: 'reports_manager',
    toolset: 'skills',
    category: 'Skills / service level',
    title: 'Calls and service level by DNIS',
    titleEs: 'Llamadas y nivel de servicio por DNIS',
    description:
      'One row per telephone number: inbound calls, answered and abandoned, service levels at 10/20/30 seconds, ' +
      'abandonment rate, asa and ata in seconds. Shows which numbers call (or are called) most and how they are ' +
      'served.',
    questions: ['Which numbers call us the most?', 'Are frequent callers abandoning the queue?'],
    params: { skill_id: skillId },
    fields: {
      dnis: field('phone', 'Telephone number the figures are grouped by', {
        from: 'telephone',
        note: 'The page describes it as the customer number although DNIS usually means the dialled number.',
      }),
      ...volume,
      ...serviceLevels,
      abandon,
      asa,
      ata,
    },
    rows: { entity: 'calls', where: SKILL_CALLS, groupBy: ['telephone'] },
    sources: [SOURCE_POSTMAN('6. Llamadas y nivel de servicio por DNIS'), 'catalog.json'],
    notes: [SKILL_NOTE, 'dnis: the page says customer number; the emulator groups by the caller number.'],
  }),
  skill_7: defineReport({
    api: 'skill_7',
    family: 'reports_manager',
    toolset: 'skills',
    category: 'Skills / service level',
    title: 'Calls and service level per hour for all skills/services per day',
    titleEs: 'Llamadas y nivel de servicio por hora para todos los Skills / servicio por día',
    description:
      'One row per day, skill and hour: inbound, answered and abandoned calls, service levels at 10/20/30 ' +
      'seconds, waiting time, abandonment rate, aht, asa and ata. The full day-by-hour grid of every queue.',
    questions: [
      'How did each skill do hour by hour on each day of the week?',
      'On which day and hour did the Soporte técnico queue wait the longest?',
    ],
    params: { skill_id: skillId },
    fields: {
      date: field('day', 'Day of the figures (YYYY-MM-DD)', { from: 'date_day' }),
      skill_id: F.skill_id,
      skill_name,
      hour: field('hour_of_day', 'Hour of the day (0-23)', { from: 'hour_of_day' }),
      ...volume,
      ...serviceLevels,
      wait_time,
      abandon,
      aht,
      asa,
      ata,
    },
    rows: { entity: 'calls', where: SKILL_CALLS, groupBy: ['date_day', 'skill_id', 'hour_of_day'] },
    sources: [
      SOURCE_POSTMAN('7. Llamadas y nivel de servicio por hora para todos los Skills / servicio por día'),
      'catalog.json',
    ],
    notes: [SKILL_NOTE],
  }),
  skill_8: defineReport({
    api: 'skill_8',
    family: 'reports_manager',
    toolset: 'skills',
    category: 'Skills / service level',
    title: 'Calls answered by time interval',
    titleEs: 'Llamadas respondidas por intervalo de tiempo',
    description:
      'One row per skill: answered calls, split by how long callers waited before an agent answered (0-10, ' +
      '11-20, 21-30, 31-40, 41-50 and over 50 seconds). The distribution behind the service level of skill_1.',
    questions: [
      'How long do answered callers wait in each queue?',
      'How many calls waited more than 50 seconds before being answered?',
    ],
    params: { skill_id: skillId },
    fields: {
      skill_id: F.skill_id,
      skill_name,
      answer_calls: volume.answer_calls,
      ...answerBuckets,
    },
    rows: { entity: 'calls', where: SKILL_CALLS, groupBy: ['skill_id'] },
    sources: [
      'catalog.json skill_8 (wolkvox.com/en/apis-v2-2/8-calls-answered-by-time-interval)',
      'catalog.json',
    ],
    notes: [SKILL_NOTE, 'The last bucket counts waits over 50 seconds (the name says 51).'],
  }),
  skill_9: defineReport({
    api: 'skill_9',
    family: 'reports_manager',
    toolset: 'skills',
    category: 'Skills / service level',
    title: 'Abandoned calls by interval',
    titleEs: 'Llamadas abandonadas por intervalo',
    description:
      'One row per skill: abandoned calls split by how long callers waited before hanging up (0-10, 11-20, ' +
      '21-30, 31-40, 41-50 and over 50 seconds), plus the answered-call buckets of skill_8. Shows how patient ' +
      'callers are.',
    questions: [
      'How long do callers wait before abandoning each queue?',
      'How many callers abandon within the first 10 seconds?',
    ],
    params: { skill_id: skillId },
    fields: {
      skill_id: F.skill_id,
      skill_name,
      abandon_calls: volume.abandon_calls,
      ...answerBuckets,
      abandon_0seg_10seg: bucket('abandon', 0, 10),
      abandon_11seg_20_seg: {
        ...bucket('abandon', 10, 20),
        note: 'Spelled with an extra underscore in the example body; the registry keeps it.',
      },
      abandon_21seg_30seg: bucket('abandon', 20, 30),
      abandon_31seg_40seg: bucket('abandon', 30, 40),
      abandon_41seg_50seg: bucket('abandon', 40, 50),
      abandon_greater_than_51seg: bucket('abandon', 50),
    },
    rows: { entity: 'calls', where: SKILL_CALLS, groupBy: ['skill_id'] },
    sources: [SOURCE_POSTMAN('9. Llamadas abandonadas por intervalo'), 'catalog.json'],
    notes: [
      'The Postman table copies the answer_* buckets of skill_8 while its example body has abandon_* buckets: ' +
        'the registry keeps both (the answer_* ones count answered calls, as in skill_8).',
      SKILL_NOTE,
    ],
  }),
  skill_10: defineReport({
    api: 'skill_10',
    family: 'reports_manager',
    toolset: 'skills',
    category: 'Skills / service level',
    title: 'Answered calls detail',
    titleEs: 'Detalle de llamadas contestadas',
    description:
      'One row per call answered in a skill queue: skill, conn_id, date, caller number (ani), seconds until an ' +
      'agent answered, the agent and the channel. Drill-down of skill_1 answer_calls.',
    questions: [
      'Which calls waited longest before being answered today?',
      'Which agent answered the call from number X?',
    ],
    params: { skill_id: skillId },
    fields: {
      conn_id: F.conn_id,
      skill_id: F.skill_id,
      skill_name,
      date: F.timestamp,
      result: field('enum', 'Call outcome', { values: ['abandon', 'answer'] }),
      ani: field('phone', "Caller's originating number (ANI)", { from: 'telephone' }),
      answer_time: field('seconds', 'Seconds from entering the skill until an agent answered', {
        from: 'queue_seconds',
      }),
      agent_id: F.agent_id,
      type_interaction: skillInteraction('Channel / interaction kind'),
    },
    rows: { entity: 'calls', where: { ...SKILL_CALLS, ...ANSWERED } },
    sources: [SOURCE_POSTMAN('10. Detalle de llamadas contestadas'), 'catalog.json'],
    notes: [
      'skill_id is in the URL template but not in the request table: required here, as in every skill report.',
      'Emulator: voice calls only.',
    ],
  }),
  skill_11: defineReport({
    api: 'skill_11',
    family: 'reports_manager',
    toolset: 'skills',
    category: 'Skills / service level',
    title: 'Calls and service level by interaction',
    titleEs: 'Llamadas y nivel de servicio por interacción',
    description:
      'One row per interaction kind (inbound voice, predictive outbound...) reaching the skills: calls, answered ' +
      'and abandoned, service levels at 10/20/30 seconds, abandonment rate, asa and ata in seconds. Compares ' +
      'channels.',
    questions: [
      'How does the service level of inbound calls compare with predictive calls?',
      'Which kind of interaction is abandoned most?',
    ],
    params: { skill_id: skillId },
    fields: {
      type_interaction: skillInteraction('Channel / interaction kind the row summarises'),
      ...volume,
      ...serviceLevels,
      abandon,
      asa,
      ata,
    },
    rows: {
      entity: 'calls',
      where: {
        type_interaction: ['inbound', 'out_pre'],
        handled_by: ['agent', 'none'],
        result: ['answer', 'abandon'],
      },
      groupBy: ['type_interaction'],
    },
    sources: [SOURCE_POSTMAN('11. Llamadas y nivel de servicio por interacción'), 'catalog.json'],
    notes: [
      'Emulator: voice only. Predictive (out_pre) calls count as answered when connected to an agent and as ' +
        'abandoned when the dialler dropped a live customer; their queue time is 0.',
    ],
  }),
} as const;
