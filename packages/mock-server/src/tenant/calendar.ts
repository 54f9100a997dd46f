import { type Random, weightedPicker } from '../prng.js';
/**
 * When the simulated operation works. Agents: weekdays 07:00-20:00, Saturdays 08:00-14:00, Sundays closed; the
 * IVR answers around the clock. Sundays therefore have IVR traffic but no agent-handled calls, which is why an
 * agent report over a Sunday answers 404 "Validate dates entered", as the real platform does.
 */

export interface OpenHours {
  /** First open hour (inclusive). */
  open: number;
  /** First closed hour. */
  close: number;
}

/** 0 = Sunday ... 6 = Saturday, as Date.getUTCDay counts on a wall time. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export function weekdayOf(dayWall: number): Weekday {
  return new Date(dayWall).getUTCDay() as Weekday;
}

/** The hours agents take calls, or null when the floor is closed. */
export function agentHours(weekday: Weekday): OpenHours | null {
  if (weekday === 0) return null;
  if (weekday === 6) return { open: 8, close: 14 };
  return { open: 7, close: 20 };
}

export function isAgentHour(weekday: Weekday, hour: number): boolean {
  const hours = agentHours(weekday);
  return hours !== null && hour >= hours.open && hour < hours.close;
}

/** Calls on this weekday relative to an ordinary weekday: Mondays are busiest, Sundays are IVR only. */
const WEEKLY_PATTERN: Record<Weekday, number> = {
  0: 0.08,
  1: 1.12,
  2: 1.04,
  3: 1,
  4: 0.98,
  5: 0.9,
  6: 0.4,
};

export function dayFactor(weekday: Weekday): number {
  return WEEKLY_PATTERN[weekday];
}

/** Intraday shape of an open day: a morning peak around 10-11 and a smaller one after lunch. */
const OPEN_HOUR_SHAPE: Record<number, number> = {
  7: 0.45,
  8: 0.8,
  9: 1,
  10: 1.15,
  11: 1.1,
  12: 0.75,
  13: 0.7,
  14: 0.95,
  15: 1,
  16: 0.9,
  17: 0.7,
  18: 0.5,
  19: 0.3,
};

/** Weight of each hour 0-23 in a day's arrivals. Closed hours keep a trickle of IVR-only calls. */
export function hourWeights(weekday: Weekday): number[] {
  const weights: number[] = [];
  for (let hour = 0; hour < 24; hour++) {
    if (isAgentHour(weekday, hour)) weights.push(OPEN_HOUR_SHAPE[hour] ?? 0.6);
    else if (hour >= 6 && hour < 22) weights.push(0.06);
    else weights.push(0.015);
  }
  return weights;
}

/** Agent shifts on weekdays; on Saturdays every Saturday agent works the whole short day. */
export function onShift(shift: 'morning' | 'afternoon', saturdays: boolean, weekday: Weekday, hour: number) {
  if (!isAgentHour(weekday, hour)) return false;
  if (weekday === 6) return saturdays;
  return shift === 'morning' ? hour < 15 : hour >= 12;
}

const HOUR_MS = 3_600_000;

/**
 * `count` moments of a day (milliseconds after midnight, sorted), spread over the hours by weight and uniformly
 * within an hour to the second: how every generator places its records in a day.
 */
export function momentsOfDay(
  rng: Random,
  count: number,
  hours: readonly (readonly [number, number])[],
): Float64Array {
  const pickHour = weightedPicker(hours);
  const offsets = new Float64Array(count);
  for (let i = 0; i < count; i++) offsets[i] = pickHour(rng) * HOUR_MS + rng.int(0, 3599) * 1000;
  return offsets.sort();
}

/**
 * The moments of one day's records of an activity: `perCall` records per call of an ordinary weekday (scaled by the
 * weekday and jittered by 15 %), placed by the hour weights while agents work (`floor`), or around the clock with
 * a trickle at night (`always`). A closed floor has none.
 */
export function activityMoments(
  rng: Random,
  weekday: Weekday,
  volume: number,
  perCall: number,
  when: 'floor' | 'always',
): Float64Array {
  const open = agentHours(weekday);
  if (when === 'floor' && !open) return new Float64Array(0);
  const weights = hourWeights(weekday);
  const hours: (readonly [number, number])[] = [];
  for (let hour = 0; hour < 24; hour++) {
    const inside = open ? hour >= open.open && hour < open.close : false;
    if (when === 'always') hours.push([hour, inside ? weights[hour]! : 0.05 * (weights[hour]! + 0.01)]);
    else if (inside) hours.push([hour, weights[hour]!]);
  }
  const count = Math.round(volume * dayFactor(weekday) * perCall * (0.85 + 0.3 * rng.next()));
  return momentsOfDay(rng, count, hours);
}
