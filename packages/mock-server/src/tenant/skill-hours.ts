import type { WallTime } from '@wolkvox-mcp/contracts';
import type { AgentTimeline } from './agent-timeline.js';
import type { Cast } from './cast.js';
import { agentsNeeded } from './erlang.js';
import type { BaseRecord, CallRecord } from './records.js';
import { expectedSeconds } from './traffic.js';
import { hourStamp, recordId } from './wall-format.js';

/**
 * Each skill's queue hour by hour, summed from the inbound calls that entered it (the calls skill_1 counts):
 * offered, answered and abandoned, answered within 10, 20 and 30 seconds, distinct callers, talk time, and the
 * agents Erlang C says the hour's traffic needed at the tenant's service target (skill_5). On the day in
 * progress the hours run up to the clock, counting the calls so far as the call detail does (a call counts once it
 * has started, with its outcome), and the clock's hour also holds the calls waiting in the queue right then (not
 * yet ringing at an agent: the agents' timelines, cut at the clock, say who is ringing): the real-time skills
 * report sums the day's hours, so it agrees with cdr_1 of today so far.
 */

const SKILL_HOURS_DIGIT = 6;
const HOUR_MS = 3_600_000;

interface Figures {
  offered: number;
  answered: number;
  abandoned: number;
  answered_10: number;
  answered_20: number;
  answered_30: number;
  callers: Set<string>;
  talk_seconds: number;
  in_queue_now: number;
}

export function generateSkillHours(
  cast: Cast,
  calls: readonly CallRecord[],
  timelines: readonly AgentTimeline[],
  day: WallTime,
  dayKey: string,
  until?: WallTime,
): BaseRecord[] {
  const cut = until === undefined ? Number.POSITIVE_INFINITY : Math.floor(until / 1000) * 1000;
  // An agent rings one call at a time: a queued call whose agent is ringing now is that call, no longer waiting.
  const ringing = new Set<string>();
  for (const timeline of timelines) if (timeline.now?.state === 'RING') ringing.add(timeline.agent.agent_id);
  const buckets = new Map<string, Figures>();
  for (const call of calls) {
    if (call.date > cut) break;
    if (call.type_interaction !== 'inbound' || call.handled_by === 'ivr' || !call.skill_id) continue;
    const hour = Math.floor((call.date - day) / HOUR_MS);
    const key = `${call.skill_id}|${hour < 10 ? '0' : ''}${hour}`;
    let figures = buckets.get(key);
    if (!figures) {
      figures = {
        offered: 0,
        answered: 0,
        abandoned: 0,
        answered_10: 0,
        answered_20: 0,
        answered_30: 0,
        callers: new Set(),
        talk_seconds: 0,
        in_queue_now: 0,
      };
      buckets.set(key, figures);
    }
    figures.offered++;
    figures.callers.add(call.telephone);
    if (call.result === 'answer') {
      figures.answered++;
      figures.talk_seconds += call.talk_seconds;
      if (call.queue_seconds <= 10) figures.answered_10++;
      if (call.queue_seconds <= 20) figures.answered_20++;
      if (call.queue_seconds <= 30) figures.answered_30++;
    } else if (call.result === 'abandon') {
      figures.abandoned++;
    }
    const queued = call.date + call.ivr_seconds * 1000;
    const waiting = queued <= cut && cut < queued + call.queue_seconds * 1000;
    if (waiting && !(call.result === 'answer' && ringing.has(call.agent_id))) figures.in_queue_now++;
  }
  const { seconds, level } = cast.profile.service;
  const { ringSeconds, acwSeconds } = cast.profile.handling;
  // Ring and wrap-up are the agent's besides the talk: their mean is added to the hour's mean talk.
  const aroundTalk = (ringSeconds[0] + ringSeconds[1] + acwSeconds[0] + acwSeconds[1]) / 2;
  const planned = expectedSeconds(cast.profile).inboundHandle;
  const names = new Map(cast.skills.map((skill) => [skill.skill_id, skill.name]));
  const records: BaseRecord[] = [];
  for (const key of [...buckets.keys()].sort((a, b) => (a.slice(-2) + a < b.slice(-2) + b ? -1 : 1))) {
    const figures = buckets.get(key)!;
    const [skillId, hourText] = key.split('|') as [string, string];
    const hour = Number(hourText);
    const handle = figures.answered > 0 ? figures.talk_seconds / figures.answered + aroundTalk : planned;
    records.push({
      conn_id: recordId(dayKey, SKILL_HOURS_DIGIT, records.length),
      // Dated at the hour's start: a window holds the hours that start in it.
      date: day + hour * HOUR_MS,
      date_hour: hourStamp(dayKey, hour),
      skill_id: skillId,
      skill_name: names.get(skillId) ?? '',
      offered: figures.offered,
      answered: figures.answered,
      abandoned: figures.abandoned,
      answered_10: figures.answered_10,
      answered_20: figures.answered_20,
      answered_30: figures.answered_30,
      unique_callers: figures.callers.size,
      talk_seconds: figures.talk_seconds,
      in_queue_now: figures.in_queue_now,
      agents_needed: agentsNeeded(figures.offered, handle, seconds, level),
    });
  }
  return records;
}
