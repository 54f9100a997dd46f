import { DAY_MS, type WallTime } from '@wolkvox-mcp/contracts';
import { type Random, weightedPicker } from '../prng.js';
import { activityMoments } from './calendar.js';
import type { Cast } from './cast.js';
import type { TenantDay } from './day.js';
import type { ActivityRecord, BaseRecord } from './records.js';
import { hourStamp, recordId } from './wall-format.js';

/**
 * Activity the tenant has besides calls: chats, e-mails, SMS, bot sessions, evaluations, surveys... Each is
 * declared here by how often it happens and on which channel; records carry the identities reports cross-
 * reference (conn_id, an on-shift agent of a matching skill, skill, campaign, customer, telephone, channel) and
 * the view engine draws any other attribute a report asks for from the field's kind. Adding an activity is one
 * line in this table.
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
   * `[min, max]`, a few seconds to a minute apart, sharing `session_id`, customer, channel and agent.
   */
  turns?: readonly [number, number];
}

/**
 * How an open interaction ends. The agent types it and closes it after a few minutes (median `medianMinutes`),
 * or, for a share `timeout.share`, nobody types it and it closes itself `timeout.afterHours` later with
 * `timeout.code`. Records get `date_close`, `open_seconds` (open to close), `cod_act`, `description_cod_act` and
 * `agent_answers` (messages the agent sent).
 */
export interface Closing {
  medianMinutes: number;
  timeout: { share: number; afterHours: number; code: string };
}

const VOICE: ActivitySpec['channels'] = [['voice', 1]];
const DIGITAL: ActivitySpec['channels'] = [
  ['whatsapp', 0.5],
  ['web', 0.25],
  ['facebook', 0.15],
  ['instagram', 0.1],
];

export const ACTIVITIES: Record<string, ActivitySpec> = {
  // Running code against the platform: an untyped chat closes itself after about 23 hours as TIMEOUTCHAT.
  chats: {
    perCall: 0.3,
    hours: 'floor',
    channels: DIGITAL,
    skills: 'digital',
    closes: { medianMinutes: 12, timeout: { share: 0.06, afterHours: 23, code: 'TIMEOUTCHAT' } },
  },
  emails: { perCall: 0.05, hours: 'floor', channels: [['email', 1]], skills: 'digital' },
  sms: { perCall: 0.08, hours: 'floor', channels: [['sms', 1]], skills: 'voice' },
  // Running code against the platform: diagram_9 rows are turns, several per session.
  bot_sessions: { perCall: 0.35, hours: 'always', channels: DIGITAL, skills: 'digital', turns: [2, 5] },
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
};

const HOUR_MS = 3_600_000;
const QUARTER_HOUR_MS = 900_000;
const MINUTE_MS = 60_000;
/** Session ids of conversational activities: the day, this digit, the session's index that day. */
const SESSION_DIGIT = 9;
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
  spec: ActivitySpec,
  entityDigit: number,
  { cast, roster, volume, rng, day, dayKey, weekday }: TenantDay,
): BaseRecord[] {
  const offsets = activityMoments(rng, weekday, volume, spec.perCall, spec.hours);
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
      conn_id: '',
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
      ...(spec.followUpHours ? { follow_up: followUp(rng, day + offset, spec.followUpHours) } : {}),
      ...(spec.closes ? closingOf(rng, cast, day + offset, spec.closes) : {}),
    };
    if (spec.turns) {
      const sessionId = recordId(dayKey, SESSION_DIGIT, sessions++);
      records.push(...turnsOf(rng, record, sessionId, spec.turns, day, dayKey));
    } else {
      records.push(record);
    }
  }
  // Turns spill past the next session's start: order by date, then number the day's records in that order.
  if (spec.turns) records.sort((a, b) => a.date - b.date);
  for (let i = 0; i < records.length; i++) records[i]!.conn_id = recordId(dayKey, entityDigit, i);
  return records;
}

/** When and how an open interaction closes (see `Closing`). */
function closingOf(rng: Random, cast: Cast, opened: WallTime, { medianMinutes, timeout }: Closing) {
  const untyped = rng.chance(timeout.share);
  const open = untyped
    ? timeout.afterHours * HOUR_MS + rng.int(0, TIMEOUT_SPREAD_MS / 1000) * 1000
    : Math.min(
        LONGEST_TYPED_MS,
        Math.max(MINUTE_MS, Math.round(rng.logNormal(medianMinutes, 0.6) * 60) * 1000),
      );
  const code = untyped ? undefined : rng.pick(cast.codes1);
  return {
    date_close: opened + open,
    open_seconds: open / 1000,
    // Messages the agent sent: an untyped chat is one the agent barely answered before it was left open.
    agent_answers: untyped ? rng.int(0, 2) : rng.int(2, 25),
    cod_act: code ? code.code : timeout.code,
    description_cod_act: code ? code.description : timeout.code,
  };
}

/**
 * A conversation's turns: copies of the session's record, `session_id` shared, 5 to 90 seconds apart. A session
 * that starts just before midnight ends with the day (a day's records stay in that day).
 */
function turnsOf(
  rng: Random,
  session: BaseRecord,
  sessionId: string,
  [min, max]: readonly [number, number],
  day: WallTime,
  dayKey: string,
): BaseRecord[] {
  const turns: BaseRecord[] = [];
  let date = session.date;
  for (let turn = rng.int(min, max); turn > 0 && date < day + DAY_MS; turn--) {
    const hour = Math.floor((date - day) / HOUR_MS);
    turns.push({ ...session, date, date_hour: hourStamp(dayKey, hour), session_id: sessionId });
    date += rng.int(5, 90) * 1000;
  }
  return turns;
}

/** A quarter hour `[min, max]` hours after `from`. */
function followUp(rng: Random, from: WallTime, [min, max]: readonly [number, number]): WallTime {
  const at = from + min * HOUR_MS + rng.next() * (max - min) * HOUR_MS;
  return Math.ceil(at / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
}
