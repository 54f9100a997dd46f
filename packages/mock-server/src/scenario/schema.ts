/**
 * A scenario: what a tester says about their tenant (agents, skills, campaigns and their lists, codes, IVR menu,
 * routing points, hours, shifts, volume, service target), one zod schema for the file and the control route
 * alike. Everything it leaves out keeps the seeded default (DEFAULT_PROFILE): `profileOf` lays the scenario over
 * it. References between parts (an agent's skills and shift, a campaign's skill, a skill's routing point) are
 * checked on the tenant the scenario makes, defaults included, and reported where the scenario names them.
 */
import { z } from 'zod';
import {
  DEFAULT_PROFILE,
  MAX_VOLUME,
  type MenuOption,
  type OpenHours,
  type TenantProfile,
} from '../tenant/profile.js';

const TEXT = 'must be a non-empty text';
const text = z.string({ error: TEXT }).trim().min(1, { error: TEXT });
const SHARE = 'must be a share from 0 to 1';
const share = z.number({ error: SHARE }).min(0, { error: SHARE }).max(1, { error: SHARE });
const WEIGHT = 'must be a positive weight';
const weight = z.number({ error: WEIGHT }).positive({ error: WEIGHT });
const HOUR = 'must be a whole hour from 0 to 24';
const hour = z.int({ error: HOUR }).min(0, { error: HOUR }).max(24, { error: HOUR });
const list = <T extends z.ZodType>(item: T, what: string) =>
  z
    .array(item, { error: `must be a list of ${what}` })
    .min(1, { error: `must name at least one of ${what}` });

const openHours = z
  .strictObject({ open: hour, close: hour })
  .refine((hours) => hours.open < hours.close, { error: 'open must come before close', path: ['close'] });

const option = z.strictObject({ code: text, description: text });
const weightedOption = z.strictObject({ code: text, description: text, share: weight });

const skill = z.strictObject({
  name: text,
  channel: z.enum(['voice', 'digital'], { error: 'must be voice or digital' }),
  /** Share of the inbound voice calls (0 for a digital skill). */
  inboundShare: share,
  routingPoint: text,
  team: z.enum(['COM', 'ING'], { error: 'must be COM or ING' }).optional(),
});

const listColumn = z
  .strictObject({
    name: text,
    kind: z.enum(['account', 'amount', 'days', 'city', 'choice', 'date'], {
      error: 'must be one of account, amount, days, city, choice, date',
    }),
    values: list(text, 'values').optional(),
  })
  .refine((column) => column.kind !== 'choice' || column.values !== undefined, {
    error: 'a choice column lists its values',
    path: ['values'],
  });

const campaign = z.strictObject({
  name: text,
  mode: z.enum(['predictive', 'manual'], { error: 'must be predictive or manual' }),
  skill: text,
  listColumns: z.array(listColumn, { error: 'must be a list of columns' }).max(12, {
    error: 'holds at most 12 columns (opt1..opt12)',
  }),
});

const typeCode = z.strictObject({ code: text, description: text, hit: z.boolean().optional() });

const AGENT_ID = 'must be five digits, as the platform writes agent ids';
const agent = z.strictObject({
  id: z
    .string({ error: AGENT_ID })
    .regex(/^\d{5}$/, { error: AGENT_ID })
    .optional(),
  /** As stored on the agent record, odd spacing included: not trimmed. */
  name: z.string({ error: TEXT }).min(1, { error: TEXT }).optional(),
  skills: list(text, 'skills').optional(),
  shift: text.optional(),
  saturdays: z.boolean({ error: 'must be true or false' }).optional(),
});

const shift = z
  .strictObject({ id: text, start: hour, end: hour })
  .refine((s) => s.start < s.end, { error: 'start must come before end', path: ['end'] });

const VOLUME = `must be a number of calls a day from 0 to ${MAX_VOLUME.toLocaleString('en-US')}`;

export const SCENARIO_SCHEMA = z
  .strictObject({
    /** Calls on an ordinary weekday (the `volume` option, when given, wins). */
    volume: z.number({ error: VOLUME }).min(0, { error: VOLUME }).max(MAX_VOLUME, { error: VOLUME }),
    agents: list(agent, 'agents'),
    staffing: z.strictObject({
      agents: z.int({ error: 'must be a whole number of agents' }).positive({ error: 'must be at least 1' }),
    }),
    skills: list(skill, 'skills'),
    campaigns: z.array(campaign, { error: 'must be a list of campaigns' }),
    typeCodes: z
      .strictObject({ first: list(typeCode, 'codes'), second: z.array(typeCode), timeoutAcw: typeCode })
      .partial(),
    routingPoints: list(text, 'routing points'),
    afterHoursRoutingPoint: text,
    chatBot: z.strictObject({ routingPoint: text }),
    ivrMenu: z
      .strictObject({
        toAgent: option,
        selfService: list(weightedOption, 'options'),
        afterHours: list(weightedOption, 'options'),
        noInput: option,
        noInputShare: share,
      })
      .partial(),
    hours: z.strictObject({ weekday: openHours, saturday: openHours.nullable() }).partial(),
    shifts: list(shift, 'shifts'),
    service: z
      .strictObject({
        seconds: z.int({ error: 'must be whole seconds' }).positive({ error: 'must be at least 1 second' }),
        level: share,
      })
      .partial(),
    managers: list(text, 'users'),
  })
  .partial()
  .superRefine((scenario, ctx) => {
    for (const problem of crossReferences(scenario)) ctx.addIssue({ code: 'custom', ...problem });
  });

export type Scenario = z.output<typeof SCENARIO_SCHEMA>;

type Path = (string | number)[];

/** Indexes of the names already seen earlier in the list. */
function duplicates(names: readonly string[]): number[] {
  return names.flatMap((name, i) => (names.indexOf(name) < i ? [i] : []));
}

/** What one part names that another does not have, with the path of the naming part in the scenario. */
function crossReferences(scenario: Scenario): { path: Path; message: string }[] {
  const profile = profileOf(scenario);
  const problems: { path: Path; message: string }[] = [];
  const skills = new Set(profile.skills.map((s) => s.name));
  const shifts = new Set(profile.shifts.map((s) => s.id));
  const points = new Set(profile.routingPoints);
  const among = (names: Set<string>) => [...names].map((name) => JSON.stringify(name)).join(', ');
  // A reference the scenario writes is reported there; one a default keeps, at the list that no longer has it.
  const refer = (given: boolean, path: Path, list: string, message: string, defaulted: string) =>
    problems.push(given ? { path, message } : { path: [list], message: `${message}; ${defaulted}` });

  for (const i of duplicates(profile.skills.map((s) => s.name)))
    problems.push({ path: ['skills', i, 'name'], message: 'names a skill already listed' });
  for (const i of duplicates(profile.shifts.map((s) => s.id)))
    problems.push({ path: ['shifts', i, 'id'], message: 'names a shift already listed' });
  for (const i of duplicates(profile.routingPoints))
    problems.push({ path: ['routingPoints', i], message: 'names a routing point already listed' });
  if (!profile.skills.some((s) => s.channel === 'voice' && s.inboundShare > 0))
    problems.push({ path: ['skills'], message: 'needs a voice skill with an inboundShare above 0' });
  if (!profile.skills.some((s) => s.channel === 'digital'))
    problems.push({ path: ['skills'], message: 'needs a digital skill (chats and e-mails go to one)' });

  for (const [i, s] of profile.skills.entries()) {
    if (points.has(s.routingPoint)) continue;
    refer(
      scenario.skills !== undefined,
      ['skills', i, 'routingPoint'],
      'routingPoints',
      `${JSON.stringify(s.routingPoint)} (skill ${JSON.stringify(s.name)}) is not a routing point: one of ${among(points)}`,
      'list the skills too',
    );
  }
  for (const [i, c] of profile.campaigns.entries()) {
    if (skills.has(c.skill)) continue;
    refer(
      scenario.campaigns !== undefined,
      ['campaigns', i, 'skill'],
      'skills',
      `${JSON.stringify(c.skill)} (campaign ${JSON.stringify(c.name)}) is not a skill: one of ${among(skills)}`,
      'list the campaigns too',
    );
  }
  if (!points.has(profile.afterHoursRoutingPoint))
    refer(
      scenario.afterHoursRoutingPoint !== undefined,
      ['afterHoursRoutingPoint'],
      'routingPoints',
      `${JSON.stringify(profile.afterHoursRoutingPoint)} (after hours) is not a routing point: one of ${among(points)}`,
      'give afterHoursRoutingPoint too',
    );
  if (!points.has(profile.chatBot.routingPoint))
    refer(
      scenario.chatBot !== undefined,
      ['chatBot', 'routingPoint'],
      'routingPoints',
      `${JSON.stringify(profile.chatBot.routingPoint)} (the chat bot) is not a routing point: one of ${among(points)}`,
      'give chatBot.routingPoint too',
    );

  const agents = scenario.agents ?? [];
  if (scenario.agents && scenario.staffing)
    problems.push({ path: ['staffing'], message: 'give agents or staffing.agents, not both' });
  const ids = agents.map((a, i) => a.id ?? `#${i}`);
  for (const i of duplicates(ids))
    problems.push({ path: ['agents', i, 'id'], message: 'is another agent’s id' });
  for (const [i, a] of agents.entries()) {
    for (const [j, name] of (a.skills ?? []).entries())
      if (!skills.has(name))
        problems.push({
          path: ['agents', i, 'skills', j],
          message: `is not a skill: one of ${among(skills)}`,
        });
    if (a.shift !== undefined && !shifts.has(a.shift))
      problems.push({ path: ['agents', i, 'shift'], message: `is not a shift: one of ${among(shifts)}` });
  }
  return problems;
}

const optionOf = ({ code, description }: MenuOption): MenuOption => ({ code, description });
const weighted = (options: readonly { code: string; description: string; share: number }[]) =>
  options.map((o) => [optionOf(o), o.share] as const);

/** The tenant a scenario describes: the seeded default with what the scenario names laid over it. */
export function profileOf(scenario: Scenario): TenantProfile {
  const base = DEFAULT_PROFILE;
  const menu = scenario.ivrMenu ?? {};
  const hours = scenario.hours ?? {};
  return {
    ...base,
    skills: scenario.skills ?? base.skills,
    campaigns: scenario.campaigns ?? base.campaigns,
    typeCodes: { ...base.typeCodes, ...scenario.typeCodes },
    routingPoints: scenario.routingPoints ?? base.routingPoints,
    afterHoursRoutingPoint: scenario.afterHoursRoutingPoint ?? base.afterHoursRoutingPoint,
    chatBot: { ...base.chatBot, ...scenario.chatBot },
    ivrMenu: {
      toAgent: menu.toAgent ?? base.ivrMenu.toAgent,
      selfService: menu.selfService ? weighted(menu.selfService) : base.ivrMenu.selfService,
      afterHours: menu.afterHours ? weighted(menu.afterHours) : base.ivrMenu.afterHours,
      noInput: menu.noInput ?? base.ivrMenu.noInput,
      noInputShare: menu.noInputShare ?? base.ivrMenu.noInputShare,
    },
    hours: {
      weekday: (hours.weekday ?? base.hours.weekday) as OpenHours,
      saturday: hours.saturday === undefined ? base.hours.saturday : hours.saturday,
    },
    shifts: scenario.shifts ?? base.shifts,
    service: { ...base.service, ...scenario.service },
    staffing: { ...base.staffing, ...scenario.staffing },
    ...(scenario.agents ? { agents: scenario.agents } : {}),
    managers: scenario.managers ?? base.managers,
  };
}
