import type { TenantDay } from './day.js';
import { botSessionOf, generateActivity, sessionRecords } from './generic.js';
import type { ActivitySpec } from './profile.js';
import type { ActivityRecord, BaseRecord, TenantRecord } from './records.js';

/**
 * The day's chat-bot conversations (diagram_9's turns): the sessions the bot held alone, and the session every
 * chat came through before it reached an agent. A chat's session has the chat's customer, channel and conn_id,
 * its `session_id` (chat_8's), and ends as the chat opens with the bot sending the customer to an agent, so
 * diagram_9, chat_1, chat_2 and chat_8 name the same customer for one contact.
 */
export function generateBotSessions(
  spec: ActivitySpec,
  entityDigit: number,
  input: TenantDay,
  chats: readonly TenantRecord[],
): BaseRecord[] {
  const { cast, day, dayKey } = input;
  const records = generateActivity('bot_sessions', spec, entityDigit, input);
  const bot =
    cast.routingPoints.find((point) => point.name === cast.profile.chatBot.routingPoint) ??
    cast.routingPoints[0]!;
  for (const chat of chats) {
    const { turns } = botSessionOf(cast, Number(chat.conversation_seed), chat.date);
    const session: ActivityRecord = {
      conn_id: chat.conn_id,
      date: chat.date,
      date_hour: chat.date_hour,
      activity: 'bot_sessions',
      channel: chat.channel,
      agent_id: '',
      agent_name: '',
      agent_dni: '',
      skill_id: chat.skill_id,
      skill_name: chat.skill_name,
      campaign_id: chat.campaign_id,
      campaign_name: chat.campaign_name,
      customer_id: chat.customer_id,
      telephone: chat.telephone,
      customer_phone: chat.customer_phone,
    };
    records.push(
      ...sessionRecords(session, String(chat.session_id), chat.conn_id, bot, turns, true, dayKey, day),
    );
  }
  return records.sort(
    (a, b) => a.date - b.date || (a.conn_id < b.conn_id ? -1 : a.conn_id > b.conn_id ? 1 : 0),
  );
}
