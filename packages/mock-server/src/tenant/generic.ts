import type { WallTime } from '@wolkvox-mcp/contracts';
import { type Random, weightedPicker } from '../prng.js';
import { activityMoments } from './calendar.js';
import type { TenantDay } from './day.js';
import type { BaseRecord } from './records.js';
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
}

const VOICE: ActivitySpec['channels'] = [['voice', 1]];
const DIGITAL: ActivitySpec['channels'] = [
  ['whatsapp', 0.5],
  ['web', 0.25],
  ['facebook', 0.15],
  ['instagram', 0.1],
];

export const ACTIVITIES: Record<string, ActivitySpec> = {
  chats: { perCall: 0.3, hours: 'floor', channels: DIGITAL, skills: 'digital' },
  emails: { perCall: 0.05, hours: 'floor', channels: [['email', 1]], skills: 'digital' },
  sms: { perCall: 0.08, hours: 'floor', channels: [['sms', 1]], skills: 'voice' },
  bot_sessions: { perCall: 0.35, hours: 'always', channels: DIGITAL, skills: 'digital' },
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
  for (let i = 0; i < count; i++) {
    const offset = offsets[i]!;
    const hour = Math.floor(offset / HOUR_MS);
    const skill = rng.pick(pool);
    const agent = roster.pick(rng, skill.skill_id, weekday, hour);
    if (spec.hours === 'floor' && !agent) continue;
    const customer = rng.pick(cast.customers);
    const campaign = rng.pick(cast.campaigns);
    records.push({
      conn_id: recordId(dayKey, entityDigit, records.length),
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
    });
  }
  return records;
}

/** A quarter hour `[min, max]` hours after `from`. */
function followUp(rng: Random, from: WallTime, [min, max]: readonly [number, number]): WallTime {
  const at = from + min * HOUR_MS + rng.next() * (max - min) * HOUR_MS;
  return Math.ceil(at / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
}
