import { DAY_MS, type WallTime } from '@wolkvox-mcp/contracts';
import { type Random, randomFor, weightedPicker } from '../prng.js';
import { activityMoments } from './calendar.js';
import type { Agent, Cast, Customer } from './cast.js';
import { type ChatParties, type ChatShape, conversationFigures, conversationMessages } from './chats.js';
import type { TenantDay } from './day.js';
import { type ActivitySpec, type Closing, DEFAULT_PROFILE } from './profile.js';
import type { ActivityRecord, BaseRecord } from './records.js';
import { hourStamp, recordId } from './wall-format.js';

/**
 * Activity the tenant has besides calls: chats, e-mails, SMS, bot sessions, evaluations, surveys... Each is
 * declared in the profile (`activities`) by how often it happens and on which channel; records carry the
 * identities reports cross-reference (conn_id, an on-shift agent of a matching skill, skill, campaign, customer,
 * telephone, channel) and the view engine draws any other attribute a report asks for from the field's kind.
 * Adding an activity is one line in the profile (and its entity in the contracts' vocabulary).
 */

/** The activities every tenant has (their entities), by name: the default profile's. */
export const ACTIVITIES: Readonly<Record<string, ActivitySpec>> = DEFAULT_PROFILE.activities;

const HOUR_MS = 3_600_000;
const QUARTER_HOUR_MS = 900_000;
const MINUTE_MS = 60_000;
/** Session ids of conversations a bot held alone: the day, this digit, the session's index that day. */
const SESSION_DIGIT = 9;
/** Session ids of the bot conversations that led to a chat: the day, this digit, the chat's index. */
const CHAT_SESSION_DIGIT = 8;
/** An agent closes a typed interaction within this long; "about" a timeout is up to this much past it. */
const LONGEST_TYPED_MS = 3 * HOUR_MS;
const TIMEOUT_SPREAD_MS = 10 * MINUTE_MS;

/** How long after its own date a record of this activity may still get a later date (its close). */
export function activityLookback(spec: ActivitySpec): number {
  if (!spec.closes) return 0;
  return Math.max(LONGEST_TYPED_MS, spec.closes.timeout.afterHours * HOUR_MS + TIMEOUT_SPREAD_MS);
}

/** One day of an activity's records, scaled from the tenant's call volume and placed in its hours. */
export function generateActivity(
  name: string,
  fallbackSpec: ActivitySpec,
  entityDigit: number,
  { cast, roster, volume, rng, day, dayKey, weekday }: TenantDay,
): BaseRecord[] {
  const spec = cast.profile.activities[name] ?? fallbackSpec;
  const offsets = activityMoments(cast.profile, rng, weekday, volume, spec.perCall, spec.hours);
  const count = offsets.length;
  const pickChannel = weightedPicker(spec.channels);
  const skills = cast.skills.filter((skill) => skill.channel === spec.skills);
  const pool = skills.length > 0 ? skills : cast.skills;
  const records: BaseRecord[] = [];
  let sessions = 0;
  for (let i = 0; i < count; i++) {
    const offset = offsets[i]!;
    const hour = Math.floor(offset / HOUR_MS);
    const skill = rng.pick(pool);
    const agent = roster.pick(rng, skill.skill_id, weekday, hour);
    if (spec.hours === 'floor' && !agent) continue;
    const customer = rng.pick(cast.customers);
    const campaign = rng.pick(cast.campaigns);
    const record: ActivityRecord = {
      conn_id: spec.turns ? '' : recordId(dayKey, entityDigit, records.length),
      date: day + offset,
      date_hour: hourStamp(dayKey, hour),
      activity: name,
      channel: pickChannel(rng),
      agent_id: agent?.agent_id ?? '',
      agent_name: agent?.agent_name ?? '',
      agent_dni: agent?.agent_dni ?? '',
      skill_id: skill.skill_id,
      skill_name: skill.name,
      campaign_id: campaign.campaign_id,
      campaign_name: campaign.name,
      customer_id: customer.customer_id,
      telephone: customer.telephone,
      customer_phone: customer.telephone,
    };
    if (spec.followUpHours) record.follow_up = followUp(rng, day + offset, spec.followUpHours);
    if (name === 'audit') {
      const { action, user } = auditOf(rng, cast);
      record.action = action;
      record.user = user;
    }
    if (spec.turns) {
      const sessionId = recordId(dayKey, SESSION_DIGIT, sessions++);
      const bot = botPoint(cast);
      const turns = turnsOf(rng, spec.turns[0], spec.turns[1], record.date, day);
      records.push(...sessionRecords(record, sessionId, sessionId, bot, turns, false, dayKey, day));
    } else if (spec.closes && agent) {
      records.push(chatOf(rng, cast, record, agent, customer, spec.closes, dayKey, records.length));
    } else {
      records.push(record);
    }
  }
  if (spec.turns) {
    // Turns spill past the next session's start: order by date.
    records.sort((a, b) => a.date - b.date || (a.conn_id < b.conn_id ? -1 : a.conn_id > b.conn_id ? 1 : 0));
  }
  return records;
}

/** The routing point of the chat bot. */
function botPoint(cast: Cast) {
  return (
    cast.routingPoints.find((point) => point.name === cast.profile.chatBot.routingPoint) ??
    cast.routingPoints[0]!
  );
}

/** A customer's first name as the chat shows it (chat_1's customer_name). */
export function customerFirstName(customer: Customer): string {
  return customer.first_name;
}

/**
 * A chat: the activity record and how and when it closes, its conversation's figures (and the conversation itself,
 * built when read), the bot session it came through, and whether the agent passed it on (chat_11). One literal with
 * every attribute, so every chat has one shape.
 */
function chatOf(
  rng: Random,
  cast: Cast,
  record: ActivityRecord,
  agent: Agent,
  customer: Customer,
  closes: Closing,
  dayKey: string,
  index: number,
): ActivityRecord {
  const opened = record.date;
  const roll = rng.next();
  const untyped = roll < closes.timeout.share;
  const leftOpen = !untyped && roll < closes.timeout.share + closes.leftOpen * (1 - closes.timeout.share);
  const timedOut = untyped || leftOpen;
  const typed = Math.min(
    LONGEST_TYPED_MS,
    Math.max(MINUTE_MS, Math.round(rng.logNormal(closes.medianMinutes, 0.6) * 60) * 1000),
  );
  const open = timedOut
    ? closes.timeout.afterHours * HOUR_MS + rng.int(0, TIMEOUT_SPREAD_MS / 1000) * 1000
    : typed;
  const code = untyped ? undefined : rng.pick(cast.codes1);
  // Messages the agent sent: an untyped chat is one the agent barely answered before it was left open.
  const agentAnswers = untyped ? rng.int(0, 2) : rng.int(2, 7);
  const shape: ChatShape = {
    seed: Math.floor(rng.next() * 4294967296),
    open: opened,
    // A chat left open was worked for its first stretch; the rest of its life nobody wrote.
    until: opened + (timedOut ? typed : open),
    agentAnswers,
  };
  const parties: ChatParties = {
    conn_id: record.conn_id,
    channel: String(record.channel),
    customerName: customerFirstName(customer),
    customer_id: customer.customer_id,
    customer_phone: customer.telephone,
    agentName: agent.agent_name,
    agentFirstName: agentFirstName(agent.agent_name),
  };
  const figures = conversationFigures(shape, parties);
  const asa = figures.firstReply ?? 0;
  const transferred = !untyped && figures.firstReply !== null && rng.chance(closes.transferShare);
  return {
    conn_id: record.conn_id,
    date: record.date,
    date_hour: record.date_hour,
    activity: record.activity,
    channel: record.channel,
    agent_id: record.agent_id,
    agent_name: record.agent_name,
    agent_dni: record.agent_dni,
    skill_id: record.skill_id,
    skill_name: record.skill_name,
    campaign_id: record.campaign_id,
    campaign_name: record.campaign_name,
    customer_id: record.customer_id,
    telephone: record.telephone,
    customer_phone: record.customer_phone,
    date_close: opened + open,
    open_seconds: open / 1000,
    agent_answers: agentAnswers,
    cod_act: code ? code.code : closes.timeout.code,
    description_cod_act: code ? code.description : closes.timeout.code,
    session_id: recordId(dayKey, CHAT_SESSION_DIGIT, index),
    rp_id: botPoint(cast).rp_id,
    transferred: transferred ? 'yes' : 'no',
    conversation_seed: shape.seed,
    // Built each time a report reads it (chat_2, real-time chats): a day's messages are not kept in memory.
    conversation: () => conversationMessages(shape, parties),
    times_chatted: figures.messages,
    customer_chars: figures.customerChars,
    agent_chars: figures.agentChars,
    total_chars: figures.customerChars + figures.agentChars,
    ASA: asa,
    asa,
    time_on_agent: figures.agentSpan,
    time_on_chatbot: botSessionOf(cast, shape.seed, opened).seconds,
    last_participant_who_spoke: figures.last,
    last_sender: figures.last,
  };
}

/** "JUAN" of "PÉREZ GÓMEZ JUAN" is not knowable; the word after a team prefix reads as the name agents sign. */
function agentFirstName(name: string): string {
  const words = name.replace(/^(COM|ING)-/, '').split(/ +/);
  return words[words.length - 1] ?? name;
}

/** A turn of a bot conversation: when, and what the customer asked and the bot answered. */
interface Turn {
  at: WallTime;
  query: string;
  answer: string;
}

const BOT_QUERIES = [
  'Hola',
  'Quiero hablar con un asesor',
  'Consultar saldo',
  'Estado de mi solicitud',
  'Pagar mi factura',
  'Horarios de atención',
  'Reportar una falla',
  '1',
  '2',
  'Sí',
] as const;
const BOT_ANSWERS = [
  'MENU_PRINCIPAL',
  'SOLICITA_DOCUMENTO',
  'VALIDA_DOCUMENTO',
  'CONSULTA_SALDO',
  'ESTADO_SOLICITUD',
  'LINK_PAGO',
  'HORARIOS',
] as const;

function turnsOf(rng: Random, min: number, max: number, start: WallTime, day: WallTime): Turn[] {
  const turns: Turn[] = [];
  let at = start;
  for (let n = rng.int(min, max); n > 0 && at < day + DAY_MS; n--) {
    turns.push({
      at,
      query: BOT_QUERIES[rng.int(0, BOT_QUERIES.length - 1)]!,
      answer: BOT_ANSWERS[rng.int(0, BOT_ANSWERS.length - 1)]!,
    });
    at += rng.int(5, 90) * 1000;
  }
  const last = turns.at(-1);
  if (last) last.answer = 'FIN_CONVERSACION';
  return turns;
}

/**
 * The bot session a chat came through, ending as the chat opens: turns drawn from the chat's own seed (so the
 * chat and its session agree on the bot's time), the last one sending the customer to the chat's skill.
 */
export function botSessionOf(cast: Cast, seed: number, opened: WallTime): { turns: Turn[]; seconds: number } {
  const rng = randomFor(seed, 'bot');
  const [min, max] = cast.profile.chatBot.turns;
  const count = rng.int(min, max);
  const gaps = Array.from({ length: count }, () => rng.int(5, 90));
  const seconds = gaps.reduce((sum, gap) => sum + gap, 0);
  const turns: Turn[] = [];
  let at = opened - seconds * 1000;
  for (let n = 0; n < count; n++) {
    turns.push({
      at,
      query:
        n === count - 1 ? 'Quiero hablar con un asesor' : BOT_QUERIES[rng.int(0, BOT_QUERIES.length - 1)]!,
      answer: n === count - 1 ? 'TRANSFERIR_AGENTE' : BOT_ANSWERS[rng.int(0, BOT_ANSWERS.length - 1)]!,
    });
    at += gaps[n]! * 1000;
  }
  return { turns, seconds };
}

/**
 * A session's turns as records: copies of the session's record, sharing its `session_id`, customer, channel, bot
 * routing point and conn_id (a chat's, when the session led to one), each with the turn's query and answer.
 */
export function sessionRecords(
  session: ActivityRecord,
  sessionId: string,
  connId: string,
  bot: { rp_id: string },
  turns: readonly Turn[],
  toAgent: boolean,
  dayKey: string,
  day: WallTime,
): BaseRecord[] {
  const records: BaseRecord[] = [];
  for (const turn of turns) {
    if (turn.at < day || turn.at >= day + DAY_MS) continue;
    // Every attribute written out (no spread): one shape for every turn, cheap to build and to read.
    records.push({
      conn_id: connId,
      date: turn.at,
      date_hour: hourStamp(dayKey, Math.floor((turn.at - day) / HOUR_MS)),
      activity: session.activity,
      channel: session.channel,
      agent_id: session.agent_id,
      agent_name: session.agent_name,
      agent_dni: session.agent_dni,
      skill_id: session.skill_id,
      skill_name: session.skill_name,
      campaign_id: session.campaign_id,
      campaign_name: session.campaign_name,
      customer_id: session.customer_id,
      telephone: session.telephone,
      customer_phone: session.customer_phone,
      session_id: sessionId,
      rp_id: bot.rp_id,
      customer_query: turn.query,
      routing_answer: turn.answer,
      go_to_agent: toAgent ? 'yes' : 'no',
    });
  }
  return records;
}

/** What a manager did in wolkvox Manager (audit_log): `ADMIN:` and the change, and who did it. */
function auditOf(rng: Random, cast: Cast) {
  const skill = rng.pick(cast.skills);
  const campaign = rng.pick(cast.campaigns);
  const agent = rng.pick(cast.agents);
  const actions = [
    `ADMIN: Modificó el skill ${skill.skill_id} ${skill.name}`,
    `ADMIN: Cambió el estado de la campaña ${campaign.campaign_id} a started`,
    `ADMIN: Cargó base de datos en la campaña ${campaign.campaign_id}`,
    `ADMIN: Modificó el usuario ${agent.agent_id}`,
    `ADMIN: Asignó el agente ${agent.agent_id} al skill ${skill.skill_id}`,
    `ADMIN: Inició sesión en wolkvox Manager`,
    `ADMIN: Descargó el reporte ${rng.pick(['agent_1', 'cdr_1', 'skill_1', 'chat_1'])}`,
  ];
  return { action: rng.pick(actions), user: rng.pick(cast.profile.managers) };
}

/** A quarter hour `[min, max]` hours after `from`. */
function followUp(rng: Random, from: WallTime, [min, max]: readonly [number, number]): WallTime {
  const at = from + min * HOUR_MS + rng.next() * (max - min) * HOUR_MS;
  return Math.ceil(at / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
}
