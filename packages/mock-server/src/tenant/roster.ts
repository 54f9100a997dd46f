import type { Random } from '../prng.js';
import { onShift, type Weekday } from './calendar.js';
import type { Agent, Cast } from './cast.js';

/**
 * Who is on the floor: the agents of a skill on shift at an hour. Lists are memoised per (skill, day kind, hour)
 * because every generated call asks.
 */
export class Roster {
  private readonly memo = new Map<string, Agent[]>();

  constructor(private readonly cast: Cast) {}

  onFloor(skillId: string | undefined, weekday: Weekday, hour: number): Agent[] {
    const dayKind = weekday === 6 ? 'sat' : weekday === 0 ? 'sun' : 'week';
    const key = `${skillId ?? '*'}|${dayKind}|${hour}`;
    let agents = this.memo.get(key);
    if (!agents) {
      const working = this.cast.agents.filter((agent) =>
        onShift(agent.shift, agent.saturdays, weekday, hour),
      );
      const inSkill =
        skillId === undefined ? working : working.filter((agent) => agent.skills.includes(skillId));
      // A skill with nobody on shift overflows to whoever is working, as a real floor supervisor would route it.
      agents = inSkill.length > 0 ? inSkill : working;
      this.memo.set(key, agents);
    }
    return agents;
  }

  /**
   * An agent on the floor for the skill who is free at `at` (`busyUntil` holds when each agent's last call and
   * its wrap-up end); when the skill's agents are all on calls, a free agent of another skill (the overflow a
   * supervisor sets up); undefined when everybody is busy or the floor is empty. An agent takes one call at a
   * time, which is what lets the agent-state reports lay a day out as states that never overlap.
   */
  pickFree(
    rng: Random,
    skillId: string | undefined,
    weekday: Weekday,
    hour: number,
    at: number,
    busyUntil: ReadonlyMap<string, number>,
  ): Agent | undefined {
    const skill = pickFreeOf(rng, this.onFloor(skillId, weekday, hour), at, busyUntil);
    if (skill || skillId === undefined) return skill;
    return pickFreeOf(rng, this.onFloor(undefined, weekday, hour), at, busyUntil);
  }

  /** An agent on the floor for the skill, or undefined when the floor is empty (Sundays, nights). */
  pick(rng: Random, skillId: string | undefined, weekday: Weekday, hour: number): Agent | undefined {
    const agents = this.onFloor(skillId, weekday, hour);
    return agents.length > 0 ? rng.pick(agents) : undefined;
  }
}

/**
 * A uniformly drawn agent of `agents` free at `at`, or undefined (no draw) when none is. Counts, then walks to the
 * drawn one: no list per call (every call of a day asks).
 */
function pickFreeOf(
  rng: Random,
  agents: readonly Agent[],
  at: number,
  busyUntil: ReadonlyMap<string, number>,
): Agent | undefined {
  let free = 0;
  for (const agent of agents) if ((busyUntil.get(agent.agent_id) ?? at) <= at) free++;
  if (free === 0) return undefined;
  let skip = Math.floor(rng.next() * free);
  for (const agent of agents) {
    if ((busyUntil.get(agent.agent_id) ?? at) > at) continue;
    if (skip-- === 0) return agent;
  }
  return undefined;
}
