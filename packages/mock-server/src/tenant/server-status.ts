import { DAY_MS, type WallTime } from '@wolkvox-mcp/contracts';
import type { AgentTimeline } from './agent-timeline.js';
import type { BaseRecord, CallRecord } from './records.js';
import { hourStamp, recordId } from './wall-format.js';

/**
 * The dedicated server at an instant (real-time info_server): the calls in progress on it (in the IVR, queued or
 * with an agent), the agents connected (logged in) and on a call, and CPU and RAM use as a load figure of those.
 * On the day in progress the instant is the clock, so the agents connected are exactly the open sessions the
 * real-time agents report lists; a past day is described at its last second, when the floor is closed.
 */

const SERVER_DIGIT = 7;

export function generateServerStatus(
  calls: readonly CallRecord[],
  timelines: readonly AgentTimeline[],
  day: WallTime,
  dayKey: string,
  until?: WallTime,
): BaseRecord[] {
  const at = until === undefined ? day + DAY_MS - 1000 : Math.floor(until / 1000) * 1000;
  let inProgress = 0;
  for (const call of calls) {
    if (call.date > at) break;
    if (call.date + call.time * 1000 > at) inProgress++;
  }
  let connected = 0;
  let onCall = 0;
  for (const timeline of timelines) {
    // Cut at the clock, a timeline knows its state then exactly while its agent is logged in.
    if (!timeline.now) continue;
    connected++;
    if (timeline.now.state === 'TALK' || timeline.now.state === 'RING') onCall++;
  }
  // A load figure, not a measurement: a base, plus what calls and connected agents add.
  const cpu = Math.min(92, 6 + 0.6 * inProgress + 0.25 * connected + 0.4 * onCall);
  return [
    {
      conn_id: recordId(dayKey, SERVER_DIGIT, 0),
      date: at,
      date_hour: hourStamp(dayKey, Math.floor((at - day) / 3_600_000)),
      calls: inProgress,
      connected_agents: connected,
      agents_on_call: onCall,
      cpu_avg_10s: round2(cpu),
      cpu_max_10s: round2(Math.min(99, cpu * 1.3 + 4)),
      cpu_min_10s: round2(Math.max(1, cpu * 0.65)),
      ram: round2(Math.min(95, 38 + 0.2 * connected + 0.15 * inProgress)),
    },
  ];
}

const round2 = (value: number) => Math.round(value * 100) / 100;
