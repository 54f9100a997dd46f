/**
 * What the simulated contact center is, as data: its skills, campaigns and their lists, type codes, IVR menu,
 * routing points, opening hours and shifts, traffic (volume shape and mix), handling times, service target and
 * breaks. Every generator reads these from here (through the cast) instead of keeping constants of its own, so a
 * tenant that is not the seeded default is another profile: a scenario overrides the fields it names and keeps
 * the rest. People (agents' names, customers) are drawn from the seed; how many agents work is derived from the
 * traffic and the service target (staffing.ts) unless a profile fixes it.
 */

/** Calls on an ordinary weekday: the seeded tenant's, and the most the emulator simulates. */
export const DEFAULT_VOLUME = 1500;
export const MAX_VOLUME = 50_000;

/** 0 = Sunday ... 6 = Saturday, as Date.getUTCDay counts on a wall time. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export interface OpenHours {
  /** First open hour (inclusive). */
  open: number;
  /** First closed hour. */
  close: number;
}

export interface SkillProfile {
  name: string;
  channel: 'voice' | 'digital';
  /** Share of the inbound voice traffic the skill receives (0 for digital skills). */
  inboundShare: number;
  /** Team prefix some of the skill's agents carry in their names (`COM-`, `ING-`). */
  team?: 'COM' | 'ING';
  /** The routing point its callers come through while the floor is open (a routing point's name). */
  routingPoint: string;
}

/** A column of a campaign's loaded list (campaign_3 opt1..opt12), and how its values are made. */
export interface ListColumn {
  name: string;
  /**
   * `account`: an account or obligation number; `amount`: a balance in pesos; `days`: days past due; `city`;
   * `segment` / `offer` / `product`: one of `values`; `date`: a due date.
   */
  kind: 'account' | 'amount' | 'days' | 'city' | 'choice' | 'date';
  values?: readonly string[];
}

export interface CampaignProfile {
  name: string;
  /** Predictive campaigns dial on their own (out_pre, with AMD); manual ones are dialled by agents. */
  mode: 'predictive' | 'manual';
  /** The skill (by name) whose agents work it. */
  skill: string;
  /** The loaded list's own columns, in order (opt1, opt2...); the rest of the twelve are empty. */
  listColumns: readonly ListColumn[];
}

export interface TypeCodeProfile {
  /** The code as the tenant typed it in wolkvox Manager: text, not a number. */
  code: string;
  description: string;
  /** Flagged HIT (a success: sale, payment promise). */
  hit?: boolean;
}

export interface MenuOption {
  code: string;
  description: string;
}

/** The IVR's menu: which option a caller ends on, by what happened to the call. */
export interface IvrMenu {
  /** The caller asked for an agent and entered a skill's queue. */
  toAgent: MenuOption;
  /** Self-service while the floor is open, by weight. */
  selfService: readonly (readonly [MenuOption, number])[];
  /** Outside agent hours, by weight. */
  afterHours: readonly (readonly [MenuOption, number])[];
  /** No option pressed (the documented PULSE). */
  noInput: MenuOption;
  /** Share of the IVR calls that end with no option pressed. */
  noInputShare: number;
}

/**
 * One agent a profile names (a scenario's "these agents"): what it leaves out is drawn as for the seeded cast. An
 * explicit team works every weekday of its shift (no days off) and Saturdays when it says so.
 */
export interface AgentProfile {
  /** Five digits, as the platform's agent ids. */
  id?: string;
  /** As stored on the agent record, odd spacing included: every report shows it so. */
  name?: string;
  /** Skill names, the primary first. */
  skills?: readonly string[];
  /** A shift id of `shifts`. */
  shift?: string;
  saturdays?: boolean;
}

export interface ShiftProfile {
  id: string;
  start: number;
  end: number;
}

/** How long handling takes: log-normal medians and spreads in seconds, and uniform ranges. */
export interface HandlingProfile {
  talk: {
    inbound: readonly [number, number];
    predictive: readonly [number, number];
    manual: readonly [number, number];
    internal: readonly [number, number];
    conference: readonly [number, number];
  };
  /** Ring before the agent answers, `[min, max]` seconds. */
  ringSeconds: readonly [number, number];
  /** Wrap-up, `[min, max]` seconds; the max is the ACW timeout (a call coded TIMEOUTACW used all of it). */
  acwSeconds: readonly [number, number];
  ivrSeconds: readonly [number, number];
}

export interface ServiceProfile {
  /** The service-level target: `level` of the calls answered within `seconds` (80/20 by default). */
  seconds: number;
  level: number;
  /** How long callers wait before hanging up: log-normal median and spread, seconds. */
  patience: readonly [number, number];
}

export interface BreakProfile {
  /** Auxiliary (not-ready) states the operation configured. */
  states: readonly string[];
  /** A lunch break in shifts of at least `minShiftHours`: its state and `[min, max]` minutes. */
  lunch: { state: string; minutes: readonly [number, number]; minShiftHours: number };
  /** Short breaks: states drawn from `states` (lunch excluded), `[min, max]` per shift, `[min, max]` minutes each. */
  short: { count: readonly [number, number]; minutes: readonly [number, number] };
}

/**
 * An activity besides calls (chats, e-mails, surveys...): how often it happens, when, on which channel and whose
 * agents handle it. Records carry the identities reports cross-reference; attributes a report asks for that the
 * activity does not hold are drawn from the field's kind.
 */
export interface ActivitySpec {
  /** Records per inbound call of the same day (scales with the tenant's volume). */
  perCall: number;
  /** `floor`: only while agents work, each record with an agent; `always`: around the clock (bots, IVR). */
  hours: 'floor' | 'always';
  /** Values of the record's `channel` attribute, by weight. */
  channels: readonly (readonly [string, number])[];
  /** Which skills' agents handle it. */
  skills: 'voice' | 'digital';
  /**
   * Records that schedule something later (a callback): each gets a `follow_up` time this many hours after its
   * own date, on a quarter hour, so a list of what is pending shows future times.
   */
  followUpHours?: readonly [number, number];
  /** Records that stay open and close later (chats): see `Closing`. */
  closes?: Closing;
  /**
   * Records that are turns of a conversation (bot sessions): each occurrence is a session of this many turns,
   * `[min, max]`, a few seconds to a minute apart, sharing `session_id`, customer, channel and routing point.
   */
  turns?: readonly [number, number];
}

/**
 * How an open chat ends. The agent types a code and closes it after a few minutes (median `medianMinutes`), or
 * types it and leaves it open (`leftOpen`), so the platform closes it at the timeout with the agent's code; or,
 * for `timeout.share`, nobody types it and it closes itself `timeout.afterHours` later with `timeout.code`. A
 * share `transferShare` of the typed chats is passed to a colleague or back to the queue (chat_11).
 */
export interface Closing {
  medianMinutes: number;
  leftOpen: number;
  timeout: { share: number; afterHours: number; code: string };
  transferShare: number;
}

export interface CallMix {
  inbound: number;
  predictive: number;
  manual: number;
  internal: number;
  transfer: number;
  conference: number;
}

export interface TenantProfile {
  skills: readonly SkillProfile[];
  campaigns: readonly CampaignProfile[];
  typeCodes: {
    first: readonly TypeCodeProfile[];
    second: readonly TypeCodeProfile[];
    /** What wolkvox records when the agent's wrap-up times out before a code is chosen. */
    timeoutAcw: TypeCodeProfile;
    /** Shares of handled calls: wrap-up timed out, a second-group code added, a comment written. */
    shares: { timeoutAcw: number; second: number; comment: number };
  };
  /** Telephone cost (COP) per started minute of an outbound call. */
  costPerMinute: number;
  /** Routing points by name; the first is the main IVR, the survey point is the last. */
  routingPoints: readonly string[];
  /** The routing point callers reach outside agent hours. */
  afterHoursRoutingPoint: string;
  ivrMenu: IvrMenu;
  /** When agents take calls: Monday to Friday, and Saturday (null: closed). Sundays are closed. */
  hours: { weekday: OpenHours; saturday: OpenHours | null };
  shifts: readonly ShiftProfile[];
  /** Calls on each weekday relative to `volume` (an ordinary weekday). */
  weeklyPattern: Readonly<Record<Weekday, number>>;
  /** Weight of each open hour in a day's arrivals; closed hours keep a trickle (`closedHourWeight`). */
  hourShape: Readonly<Record<number, number>>;
  closedHourWeight: { evening: number; night: number };
  callMix: CallMix;
  /** Inbound callers: share through the IVR, and of those while the floor is open, share served by it alone. */
  inbound: { viaIvr: number; selfService: number };
  predictiveResults: readonly (readonly [string, number])[];
  /**
   * The predictive dialler paces itself to the agents it expects free; when a person answers and nobody is, it
   * drops that share of such calls as abandoned (regulators cap drops near 3 % of answered calls) and, for the
   * rest, would not have dialled at all.
   */
  dialler: { dropShare: number };
  /**
   * A blended floor: agents idle between inbound calls work their campaigns' lists (preview calls), each after a
   * pause (log-normal median and spread, seconds), up to `maxShare` of the day's volume. This is most of what
   * keeps occupancy where real floors run it; a tiny tenant's minimum crew stays mostly idle.
   */
  blend: { pauseBeforeDial: readonly [number, number]; maxShare: number };
  manualResults: readonly (readonly [string, number])[];
  handling: HandlingProfile;
  service: ServiceProfile;
  breaks: BreakProfile;
  /**
   * Agents: derived from the traffic and the service target when absent; a number fixes the headcount. At least
   * `minPerShift` per shift, whatever the volume.
   */
  staffing: { agents?: number; minPerShift: number };
  /** The team by name (a scenario's roster): the headcount is its length, each agent as it says. */
  agents?: readonly AgentProfile[];
  customers: number;
  activities: Readonly<Record<string, ActivitySpec>>;
  /** E-mails agents pass to a colleague or back to the queue (chat_9), per call of the day. */
  emailTransfersPerCall: number;
  /** The chat bot every chat starts with before it reaches an agent (diagram_9's sessions). */
  chatBot: { routingPoint: string; turns: readonly [number, number] };
  /** wolkvox Manager users who change the configuration (audit_log). */
  managers: readonly string[];
}

const VOICE: ActivitySpec['channels'] = [['voice', 1]];
const DIGITAL: ActivitySpec['channels'] = [
  ['whatsapp', 0.5],
  ['web', 0.25],
  ['facebook', 0.15],
  ['instagram', 0.1],
];

const COLLECTIONS_LIST: readonly ListColumn[] = [
  { name: 'NUM_OBLIGACION', kind: 'account' },
  { name: 'SALDO_MORA', kind: 'amount' },
  { name: 'DIAS_MORA', kind: 'days' },
  { name: 'FECHA_LIMITE', kind: 'date' },
  { name: 'CIUDAD', kind: 'city' },
  { name: 'SEGMENTO', kind: 'choice', values: ['A', 'B', 'C'] },
  { name: 'COD_ESTRATEGIA', kind: 'choice', values: ['PREV_30', 'TEMP_60', 'TARD_90'] },
];

const SALES_LIST: readonly ListColumn[] = [
  { name: 'NUM_CLIENTE', kind: 'account' },
  { name: 'PRODUCTO_ACTUAL', kind: 'choice', values: ['HOGAR', 'VIDA', 'AUTO', 'SALUD'] },
  { name: 'COD_OFERTA', kind: 'choice', values: ['OF2025A', 'OF2025B', 'OF2025C'] },
  { name: 'CUPO_APROBADO', kind: 'amount' },
  { name: 'CIUDAD', kind: 'city' },
];

const SURVEY_LIST: readonly ListColumn[] = [
  { name: 'NUM_CASO', kind: 'account' },
  { name: 'FECHA_ATENCION', kind: 'date' },
  { name: 'CANAL', kind: 'choice', values: ['VOZ', 'CHAT', 'OFICINA'] },
];

/** The seeded tenant: a mid-size Colombian operation (collections, sales, service and support). */
export const DEFAULT_PROFILE: TenantProfile = {
  skills: [
    { name: 'Servicio al cliente', channel: 'voice', inboundShare: 0.42, routingPoint: 'IVR Principal' },
    { name: 'Ventas', channel: 'voice', inboundShare: 0.18, team: 'COM', routingPoint: 'IVR Principal' },
    { name: 'Cobranza', channel: 'voice', inboundShare: 0.16, routingPoint: 'IVR Cobranza' },
    {
      name: 'Soporte técnico',
      channel: 'voice',
      inboundShare: 0.24,
      team: 'ING',
      routingPoint: 'IVR Principal',
    },
    { name: 'Correo electrónico', channel: 'digital', inboundShare: 0, routingPoint: 'IVR Principal' },
    { name: 'Chat y WhatsApp', channel: 'digital', inboundShare: 0, routingPoint: 'IVR Principal' },
  ],
  campaigns: [
    {
      name: 'Cobranza cartera 30 días',
      mode: 'predictive',
      skill: 'Cobranza',
      listColumns: COLLECTIONS_LIST,
    },
    { name: 'Renovación de pólizas', mode: 'predictive', skill: 'Ventas', listColumns: SALES_LIST },
    { name: 'Venta cruzada tarjetas', mode: 'predictive', skill: 'Ventas', listColumns: SALES_LIST },
    {
      name: 'Encuesta de satisfacción',
      mode: 'manual',
      skill: 'Servicio al cliente',
      listColumns: SURVEY_LIST,
    },
    { name: 'Recuperación de clientes', mode: 'manual', skill: 'Ventas', listColumns: SALES_LIST },
  ],
  typeCodes: {
    first: [
      { code: 'Venta_Efectiva', description: 'Venta efectiva', hit: true },
      { code: 'No_Interesado', description: 'Cliente no interesado' },
      { code: 'Volver_a_Llamar', description: 'Volver a llamar' },
      { code: 'Consulta', description: 'Información general' },
      { code: 'Reclamo', description: 'Queja o reclamo' },
      { code: 'Soporte', description: 'Solicitud de soporte' },
      { code: 'Acuerdo_de_Pago', description: 'Promesa de pago', hit: true },
      { code: 'Numero_Equivocado', description: 'Número equivocado' },
      { code: 'Actualizacion_Datos', description: 'Actualización de datos' },
      { code: 'Cancelacion', description: 'Cancelación de servicio' },
    ],
    second: [
      { code: 'Precio', description: 'Precio' },
      { code: 'Cobertura', description: 'Cobertura' },
      { code: 'Tiempo_Respuesta', description: 'Tiempo de respuesta' },
      { code: 'Calidad_Servicio', description: 'Calidad del servicio' },
      { code: 'Competencia', description: 'Competencia' },
      { code: 'Otro', description: 'Otro' },
    ],
    timeoutAcw: { code: 'TIMEOUTACW', description: 'Tiempo de ACW agotado' },
    shares: { timeoutAcw: 0.04, second: 0.35, comment: 0.6 },
  },
  costPerMinute: 40,
  routingPoints: [
    'IVR Principal',
    'IVR Cobranza',
    'IVR Fuera de horario',
    'Encuesta post-llamada',
    'Chatbot WhatsApp y web',
  ],
  afterHoursRoutingPoint: 'IVR Fuera de horario',
  ivrMenu: {
    toAgent: { code: 'AGENTE', description: 'Transferir a un agente' },
    selfService: [
      [{ code: 'NO_PASA_AGENTE', description: 'Resuelto en el IVR, sin agente' }, 0.55],
      [{ code: 'CONSULTA_SALDO', description: 'Consulta de saldo' }, 0.3],
      [{ code: 'ESTADO_SOLICITUD', description: 'Estado de una solicitud' }, 0.15],
    ],
    afterHours: [
      [{ code: 'CV_BUZON', description: 'Mensaje en el buzón de voz' }, 0.55],
      [{ code: 'NO_PASA_AGENTE', description: 'Resuelto en el IVR, sin agente' }, 0.45],
    ],
    noInput: { code: 'PULSE', description: 'Sin opción marcada' },
    noInputShare: 0.08,
  },
  hours: { weekday: { open: 7, close: 20 }, saturday: { open: 8, close: 14 } },
  shifts: [
    { id: 'morning', start: 7, end: 15 },
    { id: 'afternoon', start: 12, end: 20 },
  ],
  weeklyPattern: { 0: 0.08, 1: 1.12, 2: 1.04, 3: 1, 4: 0.98, 5: 0.9, 6: 0.4 },
  // A morning peak around 10-11 and a smaller one after lunch.
  hourShape: {
    7: 0.45,
    8: 0.8,
    9: 1,
    10: 1.15,
    11: 1.1,
    12: 0.75,
    13: 0.7,
    14: 0.95,
    15: 1,
    16: 0.9,
    17: 0.7,
    18: 0.5,
    19: 0.3,
  },
  closedHourWeight: { evening: 0.06, night: 0.015 },
  callMix: {
    inbound: 0.52,
    predictive: 0.24,
    manual: 0.12,
    internal: 0.05,
    transfer: 0.04,
    conference: 0.03,
  },
  inbound: { viaIvr: 0.93, selfService: 0.14 },
  predictiveResults: [
    ['answer', 0.38],
    ['answer machine', 0.22],
    ['no answer', 0.2],
    ['busy', 0.08],
    ['failed', 0.05],
    ['congestion', 0.03],
    ['chanunavail', 0.04],
  ],
  dialler: { dropShare: 0.08 },
  blend: { pauseBeforeDial: [30, 0.8], maxShare: 0.8 },
  manualResults: [
    ['answer', 0.6],
    ['no answer', 0.22],
    ['busy', 0.1],
    ['failed', 0.05],
    ['chanunavail', 0.03],
  ],
  handling: {
    talk: {
      inbound: [180, 0.6],
      predictive: [180, 0.7],
      manual: [200, 0.6],
      internal: [60, 0.6],
      conference: [420, 0.6],
    },
    ringSeconds: [3, 12],
    acwSeconds: [10, 60],
    ivrSeconds: [55, 0.5],
  },
  service: { seconds: 20, level: 0.8, patience: [120, 0.9] },
  breaks: {
    states: ['Break', 'Almuerzo', 'Capacitación', 'Pausa activa', 'Retroalimentación'],
    lunch: { state: 'Almuerzo', minutes: [30, 45], minShiftHours: 7 },
    short: { count: [1, 3], minutes: [5, 15] },
  },
  staffing: { minPerShift: 2 },
  customers: 4000,
  activities: {
    // Running code against the platform: chats stay open until the ~23-hour timeout unless the agent closes
    // them, and chat_16's tmo runs near 23 h; an untyped chat closes itself as TIMEOUTCHAT.
    chats: {
      perCall: 0.3,
      hours: 'floor',
      channels: DIGITAL,
      skills: 'digital',
      closes: {
        medianMinutes: 12,
        leftOpen: 0.7,
        timeout: { share: 0.12, afterHours: 23, code: 'TIMEOUTCHAT' },
        transferShare: 0.06,
      },
    },
    emails: { perCall: 0.05, hours: 'floor', channels: [['email', 1]], skills: 'digital' },
    sms: { perCall: 0.08, hours: 'floor', channels: [['sms', 1]], skills: 'voice' },
    // Running code against the platform: diagram_9 rows are turns, several per session. Sessions the bot
    // resolves alone; those that reach an agent come with their chats.
    bot_sessions: { perCall: 0.15, hours: 'always', channels: DIGITAL, skills: 'digital', turns: [2, 5] },
    surveys: { perCall: 0.12, hours: 'floor', channels: VOICE, skills: 'voice' },
    evaluations: { perCall: 0.02, hours: 'floor', channels: VOICE, skills: 'voice' },
    agent_events: { perCall: 0.4, hours: 'floor', channels: VOICE, skills: 'voice' },
    speech: { perCall: 0.3, hours: 'floor', channels: VOICE, skills: 'voice' },
    copilot: { perCall: 0.1, hours: 'floor', channels: DIGITAL, skills: 'digital' },
    nlp: { perCall: 0.2, hours: 'always', channels: DIGITAL, skills: 'digital' },
    speech_synthesis: { perCall: 0.25, hours: 'always', channels: VOICE, skills: 'voice' },
    campaign_records: { perCall: 0.3, hours: 'floor', channels: VOICE, skills: 'voice' },
    cobrowsing: { perCall: 0.01, hours: 'floor', channels: [['web', 1]], skills: 'digital' },
    audit: { perCall: 0.02, hours: 'floor', channels: [['manager', 1]], skills: 'voice' },
    // Campaign callbacks (real-time recall): `channel` is the origin, scheduled by an agent or by the dialler.
    recalls: {
      perCall: 0.04,
      hours: 'floor',
      channels: [
        ['manual', 0.6],
        ['auto', 0.4],
      ],
      skills: 'voice',
      followUpHours: [1, 48],
    },
  },
  emailTransfersPerCall: 0.022,
  chatBot: { routingPoint: 'Chatbot WhatsApp y web', turns: [2, 5] },
  managers: ['admin', 'coordinador.operacion', 'supervisor.cobranza', 'supervisor.servicio'],
};
