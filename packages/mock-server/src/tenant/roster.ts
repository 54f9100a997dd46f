import type { Random } from '../prng.js';
import { isAgentHour, type Weekday } from './calendar.js';
import type { Agent, Cast } from './cast.js';

/**
 * Who is on shift: the agents of a skill working at an hour, for the activities that need one (a chat, a survey,
 * an e-mail). Lists are memoised per (skill, day kind, hour) because every generated record asks. Calls get their
 * agents from the day's floor instead (floor.ts), which also knows who is free.
 */
export class Roster {
  private readonly memo = new Map<string, Agent[]>();
  private readonly shifts: ReadonlyMap<string, { start: number; end: number }>;

  constructor(private readonly cast: Cast) {
    this.shifts = new Map(cast.profile.shifts.map((shift) => [shift.id, shift]));
  }

  /** Whether the agent works at `hour` of a day of `weekday`. */
  onShift(agent: Agent, weekday: Weekday, hour: number): boolean {
    if (!isAgentHour(this.cast.profile, weekday, hour) || !agent.workdays.includes(weekday)) return false;
    if (weekday === 6) return true;
    const shift = this.shifts.get(agent.shift);
    return shift !== undefined && hour >= shift.start && hour < shift.end;
  }

  onFloor(skillId: string | undefined, weekday: Weekday, hour: number): Agent[] {
    const key = `${skillId ?? '*'}|${weekday}|${hour}`;
    let agents = this.memo.get(key);
    if (!agents) {
      const working = this.cast.agents.filter((agent) => this.onShift(agent, weekday, hour));
      const inSkill =
        skillId === undefined ? working : working.filter((agent) => agent.skills.includes(skillId));
      // A skill with nobody on shift overflows to whoever is working, as a real floor supervisor would route it.
      agents = inSkill.length > 0 ? inSkill : working;
      this.memo.set(key, agents);
    }
    return agents;
  }

  /** An agent on the floor for the skill, or undefined when the floor is empty (Sundays, nights). */
  pick(rng: Random, skillId: string | undefined, weekday: Weekday, hour: number): Agent | undefined {
    const agents = this.onFloor(skillId, weekday, hour);
    return agents.length > 0 ? rng.pick(agents) : undefined;
  }
}
