import { faker } from '@faker-js/faker/locale/es_MX';
import { randomFor } from '../prng.js';
import { agentIdentities } from './identities.js';

/**
 * The simulated contact center's fixed cast: agents, skills, campaigns, customers, type codes, routing points.
 * faker builds it once at start-up from the seed; per-day records then only pick from it, so every report names
 * the same people, queues and campaigns.
 */

export interface Agent {
  /** Five digits, as the platform's agent ids (the first part of the conn_ids of the agent's calls). */
  agent_id: string;
  /** UPPER CASE, often surname first, some with a team prefix (`COM-`, `ING-`): see identities.ts. */
  agent_name: string;
  /**
   * How the agent-state reports (agent_days: agent_1, agent_3, agent_7, agent_9, agent_11) spell the name: the
   * same as `agent_name` except for a few agents (a double space, accents dropped), as the platform's modules
   * sometimes disagree. Consumers that join reports by name must join by `agent_id`.
   */
  states_name: string;
  agent_dni: string;
  /** Skills the agent is logged into. */
  skills: string[];
  /** Weekday shift: morning agents work 07-15, afternoon agents 12-20. */
  shift: 'morning' | 'afternoon';
  /** Whether the agent also works the short Saturday shift. */
  saturdays: boolean;
}

export interface Skill {
  skill_id: string;
  name: string;
  channel: 'voice' | 'digital';
  /** Share of the inbound voice traffic the skill receives (0 for digital skills). */
  inboundWeight: number;
}

export interface Campaign {
  campaign_id: string;
  name: string;
  /** Predictive campaigns dial on their own (out_pre, with AMD); manual ones are dialled by agents. */
  mode: 'predictive' | 'manual';
  skill_id: string;
  /** Voice files AMD leaves on answering machines. */
  amd_files: string[];
}

export interface Customer {
  customer_id: string;
  telephone: string;
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

export const CAST_SIZE = { agents: 40, customers: 4000, comments: 60 } as const;

/** The call volume `CAST_SIZE.agents` staff. */
const VOLUME_PER_CAST = 1500;

/**
 * Agents a tenant of `volume` calls a weekday employs: 40 for the default 1,500, proportionally more for a busier
 * tenant, since an agent takes one call at a time (a fixed floor would only abandon the extra calls).
 */
export function agentsFor(volume: number): number {
  return Math.max(CAST_SIZE.agents, Math.round((CAST_SIZE.agents * volume) / VOLUME_PER_CAST));
}

const SKILLS: readonly [string, Skill['channel'], number][] = [
  ['Servicio al cliente', 'voice', 0.42],
  ['Ventas', 'voice', 0.18],
  ['Cobranza', 'voice', 0.16],
  ['Soporte técnico', 'voice', 0.24],
  ['Correo electrónico', 'digital', 0],
  ['Chat y WhatsApp', 'digital', 0],
];

const CAMPAIGNS: readonly [string, Campaign['mode'], string][] = [
  ['Cobranza cartera 30 días', 'predictive', 'Cobranza'],
  ['Renovación de pólizas', 'predictive', 'Ventas'],
  ['Venta cruzada tarjetas', 'predictive', 'Ventas'],
  ['Encuesta de satisfacción', 'manual', 'Servicio al cliente'],
  ['Recuperación de clientes', 'manual', 'Ventas'],
];

const CODES_1 = [
  'Venta efectiva',
  'Cliente no interesado',
  'Volver a llamar',
  'Información general',
  'Queja o reclamo',
  'Solicitud de soporte',
  'Promesa de pago',
  'Número equivocado',
  'Actualización de datos',
  'Cancelación de servicio',
];

/** First-group codes the operation flags as HIT (successes). */
const HIT_CODES: ReadonlySet<string> = new Set(['Venta efectiva', 'Promesa de pago']);

const CODES_2 = ['Precio', 'Cobertura', 'Tiempo de respuesta', 'Calidad del servicio', 'Competencia', 'Otro'];

const ROUTING_POINTS = ['IVR Principal', 'IVR Cobranza', 'IVR Fuera de horario', 'Encuesta post-llamada'];

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
function slug(text: string): string {
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

/** Builds the cast. faker is seeded here and used nowhere else. */
export function buildCast(seed: number, agentCount: number = CAST_SIZE.agents): Cast {
  faker.seed(seed);

  const skillIds = idBlock(100, SKILLS.length);
  const skills: Skill[] = SKILLS.map(([name, channel, inboundWeight], i) => ({
    skill_id: skillIds[i]!,
    name,
    channel,
    inboundWeight,
  }));
  const skillByName = new Map(skills.map((skill) => [skill.name, skill]));
  const voiceSkills = skills.filter((skill) => skill.channel === 'voice');
  const digitalSkills = skills.filter((skill) => skill.channel === 'digital');

  const usedDni = new Set<string>();
  const names: { first: string; last: string }[] = [];
  const agents: Agent[] = idBlock(1001, agentCount).map((_, i) => {
    let agent_dni = faker.string.numeric({ length: { min: 8, max: 10 }, allowLeadingZeros: false });
    while (usedDni.has(agent_dni)) agent_dni = faker.string.numeric({ length: 10, allowLeadingZeros: false });
    usedDni.add(agent_dni);
    // Every agent takes voice calls; about one in four also handles the digital queues.
    const primary = voiceSkills[i % voiceSkills.length]!;
    const extra = faker.helpers.arrayElements(voiceSkills, { min: 0, max: 1 });
    const digital = faker.datatype.boolean(0.25) ? [faker.helpers.arrayElement(digitalSkills)] : [];
    names.push({ first: faker.person.firstName(), last: faker.person.lastName() });
    return {
      // Ids and names come from identities.ts once the whole cast is drawn (faker's sequence stays as it was).
      agent_id: '',
      agent_name: '',
      states_name: '',
      agent_dni,
      skills: [...new Set([primary, ...extra, ...digital].map((skill) => skill.skill_id))],
      shift: i % 2 === 0 ? 'morning' : 'afternoon',
      saturdays: faker.datatype.boolean(0.5),
    };
  });
  // Digital queues always have somebody.
  for (const skill of digitalSkills) {
    if (!agents.some((agent) => agent.skills.includes(skill.skill_id)))
      agents[0]!.skills.push(skill.skill_id);
  }

  const campaignIds = idBlock(2001, CAMPAIGNS.length);
  const campaigns: Campaign[] = CAMPAIGNS.map(([name, mode, skillName], i) => ({
    campaign_id: campaignIds[i]!,
    name,
    mode,
    skill_id: skillByName.get(skillName)!.skill_id,
    amd_files: Array.from(
      { length: faker.number.int({ min: 1, max: 2 }) },
      (_, n) => `amd_${slug(name)}_${n + 1}.wav`,
    ),
  }));

  const usedCustomers = new Set<string>();
  const customers: Customer[] = [];
  while (customers.length < CAST_SIZE.customers) {
    const customer_id = faker.string.numeric({ length: { min: 7, max: 10 }, allowLeadingZeros: false });
    if (usedCustomers.has(customer_id)) continue;
    usedCustomers.add(customer_id);
    // Colombian numbering: mobiles are 3xx xxx xxxx, landlines 60 + area digit + 7 digits.
    const telephone = faker.datatype.boolean(0.8)
      ? `3${faker.string.numeric(9)}`
      : `60${faker.helpers.arrayElement(['1', '2', '4', '5'])}${faker.string.numeric({ length: 7, allowLeadingZeros: false })}`;
    customers.push({ customer_id, telephone });
  }

  const codeBase = faker.number.int({ min: 1, max: 8 }) * 100;
  const codes1: TypeCode[] = CODES_1.map((description, i) => ({
    group: 'cod_act1',
    code: String(codeBase + i + 1),
    description,
    hit: HIT_CODES.has(description),
  }));
  const codes2: TypeCode[] = CODES_2.map((description, i) => ({
    group: 'cod_act2',
    code: String(codeBase + 50 + i + 1),
    description,
    hit: false,
  }));

  const rpIds = idBlock(300, ROUTING_POINTS.length);
  const routingPoints = ROUTING_POINTS.map((name, i) => ({ rp_id: rpIds[i]!, name }));

  const comments = Array.from({ length: CAST_SIZE.comments }, () =>
    faker.helpers.arrayElement(COMMENT_TEMPLATES)(faker),
  );

  const mainLine = `601${faker.string.numeric({ length: 7, allowLeadingZeros: false })}`;
  // Drawn last, from their own generator: the rest of the cast stays what it was before identities existed.
  const identity = randomFor(seed, 'agent-identities');
  const salesSkill = skillByName.get('Ventas')!.skill_id;
  const supportSkill = skillByName.get('Soporte técnico')!.skill_id;
  const identities = agentIdentities(
    identity,
    agents.map((agent, i) => {
      const team =
        agent.skills[0] === salesSkill ? 'COM' : agent.skills[0] === supportSkill ? 'ING' : undefined;
      return { ...names[i]!, second: faker.person.lastName(), team } as const;
    }),
  );
  for (const [i, agent] of agents.entries()) Object.assign(agent, identities[i]);

  return {
    agents,
    skills,
    campaigns,
    customers,
    codes1,
    codes2,
    timeoutAcw: { group: 'cod_act1', code: 'TIMEOUTACW', description: 'Tiempo de ACW agotado', hit: false },
    routingPoints,
    comments,
    mainLine,
    pbx: String(identity.int(1, 9999)).padStart(4, '0'),
    // Above any agent id (agents stay below 70000 even at the largest volume).
    extensions: { ivr: String(identity.int(80000, 89999)), dialler: String(identity.int(90000, 99999)) },
  };
}
