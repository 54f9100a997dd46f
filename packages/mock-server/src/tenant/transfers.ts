import type { Random } from '../prng.js';
import { activityMoments } from './calendar.js';
import type { Agent } from './cast.js';
import type { TenantDay } from './day.js';
import type { TenantRecord, TransferRecord } from './records.js';
import { hourStamp, recordId } from './wall-format.js';

/**
 * Transferred digital interactions. Agents pass e-mails to a colleague or back to a queue (then the receiver is
 * the skill and its name reads SKILL), only while the floor is open (chat_9). Chat transfers are the chats'
 * own: every chat marked `transferred` is passed on by its agent a little after the agent's first reply, with the
 * chat's conn_id, customer and skill (chat_11), so chat_16's share of transferred chats is chat_11's count.
 */

/** A chat transfer's channel: WhatsApp, or `chat` for the web and social chats (chat_11's documented form). */
const chatChannel = (channel: unknown) => (channel === 'whatsapp' ? 'whatsapp' : 'chat');

const HOUR_MS = 3_600_000;

function receiver(rng: Random, colleagues: readonly Agent[], from: Agent) {
  const others = colleagues.filter((agent) => agent !== from);
  return others.length > 0 && rng.chance(0.7) ? rng.pick(others) : undefined;
}

export function generateTransfers(
  { cast, roster, volume, rng, day, dayKey, weekday }: TenantDay,
  chats: readonly TenantRecord[],
): TransferRecord[] {
  const transfers: TransferRecord[] = [];
  const hourStamps = Array.from({ length: 24 }, (_, hour) => hourStamp(dayKey, hour));
  const emailSkills = cast.skills.filter((skill) => skill.channel === 'digital');
  const offsets = activityMoments(
    cast.profile,
    rng,
    weekday,
    volume,
    cast.profile.emailTransfersPerCall,
    'floor',
  );
  for (let i = 0; i < offsets.length && emailSkills.length > 0; i++) {
    const offset = offsets[i]!;
    const hour = Math.floor(offset / HOUR_MS);
    const skill = rng.pick(emailSkills);
    const from = roster.pick(rng, skill.skill_id, weekday, hour);
    if (!from) continue;
    const to = receiver(rng, roster.onFloor(skill.skill_id, weekday, hour), from);
    transfers.push({
      conn_id: recordId(dayKey, 2, transfers.length),
      date: day + offset,
      date_hour: hourStamps[hour]!,
      channel: 'email',
      transfer_agent_id: from.agent_id,
      transfer_agent_name: from.agent_name,
      transfer_agent_dni: from.agent_dni,
      receiver_agent_id: to ? to.agent_id : skill.skill_id,
      receiver_agent_name: to ? to.agent_name : 'SKILL',
      receiver_agent_dni: to ? to.agent_dni : '',
      skill_id: skill.skill_id,
      customer_id: rng.pick(cast.customers).customer_id,
    });
  }
  const agents = new Map(cast.agents.map((agent) => [agent.agent_id, agent]));
  for (const chat of chats) {
    if (chat.transferred !== 'yes') continue;
    const from = agents.get(String(chat.agent_id));
    if (!from) continue;
    const reply = Number(chat.ASA) * 1000;
    const date = Math.min(chat.date + reply + rng.int(30, 300) * 1000, Number(chat.date_close) - 1000);
    const hour = Math.min(23, Math.floor((date - day) / HOUR_MS));
    const skillId = String(chat.skill_id);
    const to = receiver(rng, roster.onFloor(skillId, weekday, hour), from);
    transfers.push({
      // The chat's own id: chat_11 joins chat_1 on it.
      conn_id: chat.conn_id,
      date,
      date_hour: hourStamps[hour]!,
      channel: chatChannel(chat.channel),
      transfer_agent_id: from.agent_id,
      transfer_agent_name: from.agent_name,
      transfer_agent_dni: from.agent_dni,
      receiver_agent_id: to ? to.agent_id : skillId,
      receiver_agent_name: to ? to.agent_name : 'SKILL',
      receiver_agent_dni: to ? to.agent_dni : '',
      skill_id: skillId,
      customer_id: String(chat.customer_id),
    });
  }
  return transfers.sort(
    (a, b) => a.date - b.date || (a.conn_id < b.conn_id ? -1 : a.conn_id > b.conn_id ? 1 : 0),
  );
}
