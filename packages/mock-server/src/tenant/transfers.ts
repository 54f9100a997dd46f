import { weightedPicker } from '../prng.js';
import { activityMoments } from './calendar.js';
import type { TenantDay } from './day.js';
import type { TransferRecord } from './records.js';
import { hourStamp, recordId } from './wall-format.js';

/**
 * Transferred digital interactions. Agents pass e-mails, chats and WhatsApp conversations to a colleague or
 * back to a queue (then the receiver is the skill and its name reads SKILL). Only while the floor is open.
 */

const pickChannel = weightedPicker<TransferRecord['channel']>([
  ['email', 0.55],
  ['chat', 0.3],
  ['whatsapp', 0.15],
]);

/** Transfers per call of the day: digital traffic is a few percent of voice. */
const TRANSFERS_PER_CALL = 0.04;

const HOUR_MS = 3_600_000;

export function generateTransfers({
  cast,
  roster,
  volume,
  rng,
  day,
  dayKey,
  weekday,
}: TenantDay): TransferRecord[] {
  const offsets = activityMoments(rng, weekday, volume, TRANSFERS_PER_CALL, 'floor');
  const count = offsets.length;
  const hourStamps = Array.from({ length: 24 }, (_, hour) => hourStamp(dayKey, hour));
  const digitalSkills = cast.skills.filter((skill) => skill.channel === 'digital');
  const transfers: TransferRecord[] = [];
  for (let i = 0; i < count; i++) {
    const offset = offsets[i]!;
    const hour = Math.floor(offset / HOUR_MS);
    const skill = rng.pick(digitalSkills);
    const from = roster.pick(rng, skill.skill_id, weekday, hour);
    if (!from) continue;
    const others = roster.onFloor(skill.skill_id, weekday, hour).filter((agent) => agent !== from);
    const toAgent = others.length > 0 && rng.chance(0.7) ? rng.pick(others) : undefined;
    transfers.push({
      conn_id: recordId(dayKey, 2, transfers.length),
      date: day + offset,
      date_hour: hourStamps[hour]!,
      channel: pickChannel(rng),
      transfer_agent_id: from.agent_id,
      transfer_agent_name: from.agent_name,
      transfer_agent_dni: from.agent_dni,
      receiver_agent_id: toAgent ? toAgent.agent_id : skill.skill_id,
      receiver_agent_name: toAgent ? toAgent.agent_name : 'SKILL',
      receiver_agent_dni: toAgent ? toAgent.agent_dni : '',
      skill_id: skill.skill_id,
      customer_id: rng.pick(cast.customers).customer_id,
    });
  }
  return transfers;
}
