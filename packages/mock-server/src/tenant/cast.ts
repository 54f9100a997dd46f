import { faker } from '@faker-js/faker/locale/es_MX';
import { randomFor } from '../prng.js';
import { agentIdentities } from './identities.js';
import {
  DEFAULT_PROFILE,
  type ListColumn,
  type MenuOption,
  type TenantProfile,
  type Weekday,
} from './profile.js';
import { planStaffing } from './staffing.js';

/**
 * The simulated contact center's fixed cast: agents, skills, campaigns, customers, type codes, routing points.
 * faker builds it once at start-up from the seed and the profile; per-day records then only pick from it, so every
 * report names the same people, queues and campaigns.
 */

export interface Agent {
  /** Five digits, as the platform's agent ids (the first part of the conn_ids of the agent's calls). */
  agent_id: string;
  /**
   * The name as stored on the agent's record, the same in every report: UPPER CASE, often surname first, some with
   * a team prefix (`COM-`, `ING-`), a few with the odd spacing or missing accent they were typed with.
   */
  agent_name: string;
  agent_dni: string;
  /** Skills the agent is logged into: the primary voice skill first. */
  skills: string[];
  /** The weekday shift (a profile shift id). */
  shift: string;
  /** Whether the agent also works the Saturday shift. */
  saturdays: boolean;
  /** The days of the week the agent works (0 = Sunday ... 6 = Saturday): the shift's days less the days off. */
  workdays: Weekday[];
}

export interface Skill {
  skill_id: string;
  name: string;
  channel: 'voice' | 'digital';
  /** Share of the inbound voice traffic the skill receives (0 for digital skills). */
  inboundWeight: number;
  /** The routing point the skill's callers come through while the floor is open. */
  routingPoint: RoutingPoint;
}

export interface Campaign {
  campaign_id: string;
  name: string;
  /** Predictive campaigns dial on their own (out_pre, with AMD); manual ones are dialled by agents. */
  mode: 'predictive' | 'manual';
  skill_id: string;
  /** Voice files AMD leaves on answering machines. */
  amd_files: string[];
  /** The loaded list's columns (campaign_3 opt1..opt12). */
  listColumns: readonly ListColumn[];
}

export interface Customer {
  customer_id: string;
  telephone: string;
  first_name: string;
  last_name: string;
  email: string;
  /** Colombian identity-document type: CC (citizen), CE (foreigner), NIT (company), PP (passport). */
  id_type: string;
}

export interface TypeCode {
  group: 'cod_act1' | 'cod_act2';
  code: string;
  description: string;
  /** Flagged HIT in the operation (a success: sale, payment promise): hits_last_hour, activity_codes. */
  hit: boolean;
}

export interface RoutingPoint {
  rp_id: string;
  name: string;
}

export interface Cast {
  /** The profile the cast was built from: generators read the operation's figures from it. */
  profile: TenantProfile;
  agents: Agent[];
  skills: Skill[];
  campaigns: Campaign[];
  customers: Customer[];
  /** First-group type codes, without TIMEOUTACW. */
  codes1: TypeCode[];
  codes2: TypeCode[];
  /** What wolkvox records when the agent's wrap-up (ACW) times out before a code is chosen. */
  timeoutAcw: TypeCode;
  routingPoints: RoutingPoint[];
  /** Where callers go outside agent hours. */
  afterHours: RoutingPoint;
  /** The IVR's menu options (their codes are text the tenant chose). */
  menuOptions: MenuOption[];
  /** Comments agents write while documenting calls. */
  comments: string[];
  /** The tenant's published inbound line. */
  mainLine: string;
  /**
   * The second part of every conn_id: four digits, constant for the tenant (read as the operation's PBX /
   * server number; inferred, the platform does not document it).
   */
  pbx: string;
  /** Extensions that own the calls no agent took (first part of their conn_id): the IVR and the dialler. */
  extensions: { ivr: string; dialler: string };
}

/**
 * People drawn for the cast: at least this many candidates are drawn whatever the headcount, so the customers
 * drawn after them (and everything else faker draws) are the same for every floor up to this size.
 */
const CANDIDATES = 40;
const COMMENTS = 60;

/** Agents a tenant of `volume` calls a weekday employs: the staffing plan's shifts together. */
export function agentsFor(volume: number, profile: TenantProfile = DEFAULT_PROFILE): number {
  return planStaffing(profile, volume).shifts.reduce((sum, { agents }) => sum + agents, 0);
}

const COMMENT_TEMPLATES: readonly ((f: typeof faker) => string)[] = [
  (f) => `Cliente solicita información sobre su factura de ${f.date.month()}`,
  (f) => `Se agenda nueva llamada para el ${f.number.int({ min: 1, max: 28 })} de ${f.date.month()}`,
  (f) => `Promesa de pago por $${f.number.int({ min: 50, max: 2000 }) * 1000}`,
  (f) => `Cliente reporta falla en el servicio desde hace ${f.number.int({ min: 1, max: 10 })} días`,
  (f) => `Se actualiza dirección: ${f.location.streetAddress()}`,
  (f) => `Se actualiza correo del cliente a ${f.internet.email().toLowerCase()}`,
  (f) => `Cliente interesado en el plan ${f.commerce.productAdjective().toLowerCase()}`,
  () => 'Cliente no desea continuar con la llamada',
  () => 'Se escala caso a segundo nivel',
  (f) => `Radicado PQR ${f.string.numeric(8)}`,
  () => 'Titular no se encuentra, se deja mensaje con familiar',
  (f) => `Se ofrece descuento del ${f.number.int({ min: 5, max: 30 })}%`,
];

/** A file name made from a campaign name: lower case ASCII, words joined by underscores. */
export function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

/** Numeric ids in a block, shuffled by faker so tenants with other seeds look different. */
function idBlock(start: number, count: number): string[] {
  const base = start + faker.number.int({ min: 0, max: 8 }) * 10;
  return Array.from({ length: count }, (_, i) => String(base + i));
}

/** What faker draws for each candidate, in the order it draws it. */
interface Candidate {
  agent_dni: string;
  /** Takes a third voice skill. */
  multiSkilled: boolean;
  /** The digital skill the candidate also handles, if any. */
  digital: Skill | undefined;
  first: string;
  last: string;
  /** Willing to work Saturdays. */
  saturdays: boolean;
}

function drawCandidates(count: number, voiceSkills: readonly Skill[], digitalSkills: readonly Skill[]) {
  const usedDni = new Set<string>();
  const candidates: Candidate[] = [];
  for (let i = 0; i < count; i++) {
    let agent_dni = faker.string.numeric({ length: { min: 8, max: 10 }, allowLeadingZeros: false });
    while (usedDni.has(agent_dni)) agent_dni = faker.string.numeric({ length: 10, allowLeadingZeros: false });
    usedDni.add(agent_dni);
    const extra = faker.helpers.arrayElements(voiceSkills, { min: 0, max: 1 });
    const digital = faker.datatype.boolean(0.25) ? faker.helpers.arrayElement(digitalSkills) : undefined;
    const first = faker.person.firstName();
    const last = faker.person.lastName();
    candidates.push({
      agent_dni,
      multiSkilled: extra.length > 0,
      digital,
      first,
      last,
      saturdays: faker.datatype.boolean(0.5),
    });
  }
  return candidates;
}

/**
 * Voice skills for the agents of one shift, in proportion to each skill's share of the inbound traffic (largest
 * remainder), every skill covered on every shift: with fewer agents than skills, agents take several.
 */
function shiftSkills(voiceSkills: readonly Skill[], agents: number): string[][] {
  const n = voiceSkills.length;
  if (agents < n) {
    return Array.from({ length: agents }, (_, k) =>
      voiceSkills.filter((_, s) => s % agents === k).map((skill) => skill.skill_id),
    );
  }
  const total = voiceSkills.reduce((sum, skill) => sum + skill.inboundWeight, 0) || n;
  const exact = voiceSkills.map((skill) => ((skill.inboundWeight || total / n) * agents) / total);
  const counts = exact.map((value) => Math.max(1, Math.floor(value)));
  let left = agents - counts.reduce((sum, count) => sum + count, 0);
  const byRemainder = exact.map((value, s) => ({ s, rest: value - Math.floor(value) }));
  byRemainder.sort((a, b) => b.rest - a.rest || a.s - b.s);
  for (let i = 0; left > 0; i = (i + 1) % n, left--) counts[byRemainder[i]!.s]!++;
  for (let i = n - 1; left < 0; i = (i + n - 1) % n) {
    if (counts[i]! > 1) {
      counts[i]!--;
      left++;
    }
  }
  // Interleaved, so that agents hired one after the other cover different queues.
  const lists: string[][] = [];
  const given = voiceSkills.map(() => 0);
  while (lists.length < agents) {
    for (let s = 0; s < n && lists.length < agents; s++) {
      if (given[s]! < counts[s]!) {
        lists.push([voiceSkills[s]!.skill_id]);
        given[s]!++;
      }
    }
  }
  return lists;
}

/** Builds the cast. faker is seeded here and used nowhere else. */
export function buildCast(seed: number, volume: number, profile: TenantProfile = DEFAULT_PROFILE): Cast {
  faker.seed(seed);
  const plan = planStaffing(profile, volume);
  const headcount = plan.shifts.reduce((sum, { agents }) => sum + agents, 0);

  const skillIds = idBlock(100, profile.skills.length);
  const skills: Skill[] = profile.skills.map((skill, i) => ({
    skill_id: skillIds[i]!,
    name: skill.name,
    channel: skill.channel,
    inboundWeight: skill.inboundShare,
    // Routing points get their ids below; the object is filled in then.
    routingPoint: { rp_id: '', name: skill.routingPoint },
  }));
  const skillByName = new Map(skills.map((skill) => [skill.name, skill]));
  const voiceSkills = skills.filter((skill) => skill.channel === 'voice');
  const digitalSkills = skills.filter((skill) => skill.channel === 'digital');

  const candidates = drawCandidates(Math.max(headcount, CANDIDATES), voiceSkills, digitalSkills);
  const agents = hire(candidates.slice(0, headcount), plan, voiceSkills, digitalSkills);

  const campaignIds = idBlock(2001, profile.campaigns.length);
  const campaigns: Campaign[] = profile.campaigns.map((campaign, i) => ({
    campaign_id: campaignIds[i]!,
    name: campaign.name,
    mode: campaign.mode,
    skill_id: (skillByName.get(campaign.skill) ?? voiceSkills[0]!).skill_id,
    amd_files: Array.from(
      { length: faker.number.int({ min: 1, max: 2 }) },
      (_, n) => `amd_${slug(campaign.name)}_${n + 1}.wav`,
    ),
    listColumns: campaign.listColumns,
  }));

  const usedCustomers = new Set<string>();
  const customers: Customer[] = [];
  while (customers.length < profile.customers) {
    const customer_id = faker.string.numeric({ length: { min: 7, max: 10 }, allowLeadingZeros: false });
    if (usedCustomers.has(customer_id)) continue;
    usedCustomers.add(customer_id);
    // Colombian numbering: mobiles are 3xx xxx xxxx, landlines 60 + area digit + 7 digits.
    const telephone = faker.datatype.boolean(0.8)
      ? `3${faker.string.numeric(9)}`
      : `60${faker.helpers.arrayElement(['1', '2', '4', '5'])}${faker.string.numeric({ length: 7, allowLeadingZeros: false })}`;
    // Names and e-mails are drawn once every id is (below), so ids and phones do not depend on them.
    customers.push({ customer_id, telephone, first_name: '', last_name: '', email: '', id_type: 'CC' });
  }

  // The code base is still drawn (and unused: codes are text) so that what faker draws after it stays the same.
  faker.number.int({ min: 1, max: 8 });
  const codes1: TypeCode[] = profile.typeCodes.first.map(({ code, description, hit }) => ({
    group: 'cod_act1',
    code,
    description,
    hit: hit === true,
  }));
  const codes2: TypeCode[] = profile.typeCodes.second.map(({ code, description, hit }) => ({
    group: 'cod_act2',
    code,
    description,
    hit: hit === true,
  }));

  const rpIds = idBlock(300, profile.routingPoints.length);
  const routingPoints = profile.routingPoints.map((name, i) => ({ rp_id: rpIds[i]!, name }));
  const pointByName = new Map(routingPoints.map((point) => [point.name, point]));
  for (const skill of skills)
    skill.routingPoint = pointByName.get(skill.routingPoint.name) ?? routingPoints[0]!;

  const comments = Array.from({ length: COMMENTS }, () =>
    faker.helpers.arrayElement(COMMENT_TEMPLATES)(faker),
  );

  const mainLine = `601${faker.string.numeric({ length: 7, allowLeadingZeros: false })}`;
  // Drawn last, from their own generator: the rest of the cast stays what it was before identities existed.
  const identity = randomFor(seed, 'agent-identities');
  const identities = agentIdentities(
    identity,
    agents.map((agent, i) => {
      const primary = profile.skills[skills.findIndex((skill) => skill.skill_id === agent.skills[0])];
      const { first, last } = candidates[i]!;
      return { first, last, second: faker.person.lastName(), team: primary?.team };
    }),
  );
  for (const [i, agent] of agents.entries()) Object.assign(agent, identities[i]);
  if (profile.agents) applyRoster(agents, profile, skills);
  nameCustomers(customers);

  const { timeoutAcw } = profile.typeCodes;
  const menu = profile.ivrMenu;
  return {
    profile,
    agents,
    skills,
    campaigns,
    customers,
    codes1,
    codes2,
    timeoutAcw: { group: 'cod_act1', code: timeoutAcw.code, description: timeoutAcw.description, hit: false },
    routingPoints,
    afterHours: pointByName.get(profile.afterHoursRoutingPoint) ?? routingPoints[0]!,
    menuOptions: uniqueOptions([
      menu.toAgent,
      ...menu.selfService.map(([option]) => option),
      ...menu.afterHours.map(([option]) => option),
      menu.noInput,
    ]),
    comments,
    mainLine,
    pbx: String(identity.int(1, 9999)).padStart(4, '0'),
    // Above any agent id (agents stay below 70000 even at the largest volume).
    extensions: { ivr: String(identity.int(80000, 89999)), dialler: String(identity.int(90000, 99999)) },
  };
}

function uniqueOptions(options: readonly MenuOption[]): MenuOption[] {
  const seen = new Map<string, MenuOption>();
  for (const option of options) if (!seen.has(option.code)) seen.set(option.code, option);
  return [...seen.values()];
}

/**
 * The hired candidates with their shifts, skills and Saturdays, as the staffing plan asks: shifts interleaved in
 * hiring order, voice skills in proportion to the traffic on every shift, a second voice skill for everyone and a
 * third for the multi-skilled (the skill then shortest of agents), the digital skill a candidate handles, every digital skill
 * covered on every shift, and the Saturday team covering every voice skill.
 */
function hire(
  candidates: readonly Candidate[],
  plan: ReturnType<typeof planStaffing>,
  voiceSkills: readonly Skill[],
  digitalSkills: readonly Skill[],
): Agent[] {
  const left = plan.shifts.map(({ agents }) => agents);
  const skillsOf = plan.shifts.map(({ agents }) => shiftSkills(voiceSkills, agents));
  const agents: Agent[] = [];
  const byShift: Agent[][] = plan.shifts.map(() => []);
  for (const candidate of candidates) {
    // The shift with the most of its quota still open: shifts take turns in hiring order.
    let s = 0;
    for (let k = 1; k < left.length; k++) {
      if (left[k]! / plan.shifts[k]!.agents > left[s]! / plan.shifts[s]!.agents) s = k;
    }
    left[s]!--;
    const skills = [...skillsOf[s]![byShift[s]!.length]!];
    const agent: Agent = {
      agent_id: '',
      agent_name: '',
      agent_dni: candidate.agent_dni,
      skills,
      shift: plan.shifts[s]!.shift.id,
      saturdays: false,
      workdays: [],
    };
    byShift[s]!.push(agent);
    agents.push(agent);
  }
  for (const [s, team] of byShift.entries()) {
    const staffed = (skillId: string) => team.filter((agent) => agent.skills.includes(skillId)).length;
    for (const agent of team) {
      const candidate = candidates[agents.indexOf(agent)]!;
      // Every agent takes a second voice queue, the multi-skilled a third: the one then shortest of agents for
      // its traffic, so the skills' queues pool their agents as the staffing plan assumes.
      for (
        let extra = candidate.multiSkilled ? 2 : 1;
        extra > 0 && voiceSkills.length > agent.skills.length;
        extra--
      ) {
        const next = voiceSkills
          .filter((skill) => !agent.skills.includes(skill.skill_id))
          .map((skill) => ({ skill, ratio: (skill.inboundWeight || 0.01) / (staffed(skill.skill_id) + 1) }))
          .sort((a, b) => b.ratio - a.ratio)[0]!.skill;
        agent.skills.push(next.skill_id);
      }
      if (candidate.digital) agent.skills.push(candidate.digital.skill_id);
    }
    // Digital queues always have somebody on every shift.
    for (const skill of digitalSkills) {
      if (team.length > 0 && staffed(skill.skill_id) === 0)
        team[s % team.length]!.skills.push(skill.skill_id);
    }
  }
  pickSaturdays(agents, candidates, plan.saturday, voiceSkills);
  // Quieter weekdays need fewer agents: a few of each shift take the day off, in turns.
  for (const [s, team] of byShift.entries()) {
    for (const day of [1, 2, 3, 4, 5] as const) {
      const off = team.length - plan.byWeekday[day][s]!;
      const first = (day * 5) % Math.max(1, team.length);
      for (const [k, agent] of team.entries()) {
        if ((k - first + team.length) % team.length >= off) agent.workdays.push(day);
      }
    }
  }
  for (const agent of agents) if (agent.saturdays) agent.workdays.push(6);
  return agents;
}

/** A profile's named team over the hired one: ids, names, skills, shifts and Saturdays it gives, every weekday worked. */
function applyRoster(agents: Agent[], profile: TenantProfile, skills: readonly Skill[]): void {
  const byName = new Map(skills.map((skill) => [skill.name, skill.skill_id]));
  for (const [i, agent] of agents.entries()) {
    const named = profile.agents?.[i];
    if (!named) continue;
    if (named.id !== undefined) agent.agent_id = named.id;
    if (named.name !== undefined) agent.agent_name = named.name;
    if (named.shift !== undefined) agent.shift = named.shift;
    agent.saturdays = named.saturdays === true;
    if (named.skills !== undefined) {
      agent.skills = named.skills
        .map((name) => byName.get(name))
        .filter((id): id is string => id !== undefined);
    }
    agent.workdays = [1, 2, 3, 4, 5];
    if (agent.saturdays && profile.hours.saturday) agent.workdays.push(6);
  }
}

/** The Saturday team: one agent per voice skill first (the willing before the others), then the willing. */
function pickSaturdays(
  agents: readonly Agent[],
  candidates: readonly Candidate[],
  count: number,
  voiceSkills: readonly Skill[],
) {
  const order = agents
    .map((agent, i) => ({ agent, willing: candidates[i]!.saturdays, i }))
    .sort((a, b) => Number(b.willing) - Number(a.willing) || a.i - b.i);
  let picked = 0;
  for (const skill of voiceSkills) {
    if (picked >= count) break;
    if (agents.some((agent) => agent.saturdays && agent.skills.includes(skill.skill_id))) continue;
    const pick = order.find(({ agent }) => !agent.saturdays && agent.skills[0] === skill.skill_id);
    if (pick) {
      pick.agent.saturdays = true;
      picked++;
    }
  }
  for (const { agent } of order) {
    if (picked >= count) break;
    if (!agent.saturdays) {
      agent.saturdays = true;
      picked++;
    }
  }
}

/** Customers' names, e-mails and document types, drawn after the rest of the cast. */
function nameCustomers(customers: Customer[]): void {
  for (const customer of customers) {
    customer.first_name = faker.person.firstName().toLocaleUpperCase('es');
    customer.last_name = faker.person.lastName().split(' ')[0]!.toLocaleUpperCase('es');
    const local = slug(`${customer.first_name}.${customer.last_name}`).replaceAll('_', '.');
    customer.email = `${local}${faker.number.int({ min: 1, max: 99 })}@${faker.helpers.arrayElement(EMAIL_DOMAINS)}`;
    customer.id_type = faker.helpers.weightedArrayElement(ID_TYPES);
  }
}

/** Domains reserved for documentation (RFC 2606 .example): a simulated address never reaches anybody. */
const EMAIL_DOMAINS = ['correo.example', 'mail.example', 'hogar.example'];
const ID_TYPES = [
  { value: 'CC', weight: 86 },
  { value: 'CE', weight: 6 },
  { value: 'NIT', weight: 6 },
  { value: 'PP', weight: 2 },
];
