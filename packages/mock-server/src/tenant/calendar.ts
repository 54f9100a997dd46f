import { type Random, weightedPicker } from '../prng.js';
import type { OpenHours, TenantProfile, Weekday } from './profile.js';

/**
 * When the simulated operation works, from its profile: agents on weekdays and Saturdays within the profile's
 * hours, Sundays closed; the IVR answers around the clock. Sundays therefore have IVR traffic but no
 * agent-handled calls, which is why an agent report over a Sunday answers 404 "Validate dates entered", as the
 * real platform does.
 */

export type { OpenHours, Weekday };

export function weekdayOf(dayWall: number): Weekday {
  return new Date(dayWall).getUTCDay() as Weekday;
}

/** The hours agents take calls, or null when the floor is closed. */
export function agentHours(profile: TenantProfile, weekday: Weekday): OpenHours | null {
  if (weekday === 0) return null;
  return weekday === 6 ? profile.hours.saturday : profile.hours.weekday;
}

export function isAgentHour(profile: TenantProfile, weekday: Weekday, hour: number): boolean {
  const hours = agentHours(profile, weekday);
  return hours !== null && hour >= hours.open && hour < hours.close;
}

/** Calls on this weekday relative to an ordinary weekday. */
export function dayFactor(profile: TenantProfile, weekday: Weekday): number {
  return profile.weeklyPattern[weekday];
}

/** Weight of each hour 0-23 in a day's arrivals. Closed hours keep a trickle of IVR-only calls. */
export function hourWeights(profile: TenantProfile, weekday: Weekday): number[] {
  const weights: number[] = [];
  for (let hour = 0; hour < 24; hour++) {
    if (isAgentHour(profile, weekday, hour)) weights.push(profile.hourShape[hour] ?? 0.6);
    else if (hour >= 6 && hour < 22) weights.push(profile.closedHourWeight.evening);
    else weights.push(profile.closedHourWeight.night);
  }
  return weights;
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
  profile: TenantProfile,
  rng: Random,
  weekday: Weekday,
  volume: number,
  perCall: number,
  when: 'floor' | 'always',
): Float64Array {
  const open = agentHours(profile, weekday);
  if (when === 'floor' && !open) return new Float64Array(0);
  const weights = hourWeights(profile, weekday);
  const hours: (readonly [number, number])[] = [];
  for (let hour = 0; hour < 24; hour++) {
    const inside = open ? hour >= open.open && hour < open.close : false;
    if (when === 'always') hours.push([hour, inside ? weights[hour]! : 0.05 * (weights[hour]! + 0.01)]);
    else if (inside) hours.push([hour, weights[hour]!]);
  }
  const count = Math.round(volume * dayFactor(profile, weekday) * perCall * (0.85 + 0.3 * rng.next()));
  return momentsOfDay(rng, count, hours);
}
