import type { WallTime } from '@wolkvox-mcp/contracts';
import type { Random } from '../prng.js';
import type { Weekday } from './calendar.js';
import type { Cast } from './cast.js';
import type { Roster } from './roster.js';

/** What a generator of one entity's day works from: the operation, the day, and the entity's own random stream. */
export interface TenantDay {
  cast: Cast;
  roster: Roster;
  /** Calls on an ordinary weekday; every activity scales from it. */
  volume: number;
  rng: Random;
  /** Midnight of the day, tenant wall time. */
  day: WallTime;
  /** `YYYYMMDD`, the prefix of the day's record ids. */
  dayKey: string;
  weekday: Weekday;
}
