import { hourWeights } from './calendar.js';
import { agentsNeeded } from './erlang.js';
import type { ShiftProfile, TenantProfile, Weekday } from './profile.js';
import { expectedSeconds, inboundQueuedShare } from './traffic.js';

/**
 * How many agents the operation employs and when they work, planned the way a workforce team plans it: the
 * inbound calls expected each open hour (the profile's traffic at the tenant's volume), the agents Erlang C says
 * answer them at the service target, grossed up for breaks, then shifts sized so every hour is covered. Outbound
 * and internal work fills the agents' idle time (agents dial when they are free), so it adds occupancy, not
 * headcount. A small volume still keeps `minPerShift` agents on every shift.
 */

export interface StaffingPlan {
  /** Agents per weekday shift, in the profile's shift order: the busiest weekday's team. */
  shifts: { shift: ShiftProfile; agents: number }[];
  /** Agents of each shift working each weekday (Monday 1 to Friday 5): the rest of the team has the day off. */
  byWeekday: Readonly<Record<1 | 2 | 3 | 4 | 5, readonly number[]>>;
  /** Agents who also work the Saturday shift. */
  saturday: number;
  /** Agents on the floor needed each weekday hour (0 for closed hours), before breaks. */
  neededByHour: number[];
}

/** Share of a shift spent on breaks (lunch and short breaks), so the floor keeps `needed` agents on the phones. */
function breakShare(profile: TenantProfile, shiftHours: number): number {
  const { lunch, short } = profile.breaks;
  const lunchMinutes = shiftHours >= lunch.minShiftHours ? (lunch.minutes[0] + lunch.minutes[1]) / 2 : 0;
  const shortMinutes = ((short.count[0] + short.count[1]) / 2) * ((short.minutes[0] + short.minutes[1]) / 2);
  return Math.min(0.5, (lunchMinutes + shortMinutes) / (shiftHours * 60));
}

/** Agents needed on the phones each hour of a day with `dayFactor` times the volume. */
export function neededByHour(profile: TenantProfile, volume: number, weekday: Weekday, dayFactor: number) {
  const weights = hourWeights(profile, weekday);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const handle = expectedSeconds(profile).inboundHandle;
  const queued = volume * dayFactor * profile.callMix.inbound * inboundQueuedShare(profile);
  const { seconds, level } = profile.service;
  return weights.map((weight, hour) =>
    isOpen(profile, weekday, hour) ? agentsNeeded((queued * weight) / total, handle, seconds, level) : 0,
  );
}

function isOpen(profile: TenantProfile, weekday: Weekday, hour: number): boolean {
  const hours = weekday === 0 ? null : weekday === 6 ? profile.hours.saturday : profile.hours.weekday;
  return hours !== null && hour >= hours.open && hour < hours.close;
}

/**
 * Shift sizes covering every open hour: hour by hour, any shortfall goes to the shift covering that hour that ends
 * latest (it covers the most of what is still to come), and each shift keeps at least `minPerShift`.
 */
function sizeShifts(profile: TenantProfile, needed: readonly number[]): number[] {
  const shifts = profile.shifts;
  const sizes = shifts.map(() => 0);
  for (let hour = 0; hour < 24; hour++) {
    const covering = shifts
      .map((shift, i) => ({ shift, i }))
      .filter(({ shift }) => hour >= shift.start && hour < shift.end);
    if (covering.length === 0) continue;
    const want = Math.ceil(needed[hour]! / (1 - breakShare(profile, shiftHours(covering[0]!.shift))));
    const have = covering.reduce((sum, { i }) => sum + sizes[i]!, 0);
    if (want > have) {
      const latest = covering.reduce((a, b) => (b.shift.end > a.shift.end ? b : a));
      sizes[latest.i]! += want - have;
    }
  }
  return sizes.map((size) => Math.max(size, profile.staffing.minPerShift));
}

const shiftHours = (shift: ShiftProfile) => shift.end - shift.start;

/** The staffing plan of a tenant of `volume` calls on an ordinary weekday. */
export function planStaffing(profile: TenantProfile, volume: number): StaffingPlan {
  // Each weekday's team sized for its traffic; the headcount is the busiest day's, the others give days off.
  const weekdays = [1, 2, 3, 4, 5] as const;
  const busiest = weekdays.reduce((a, b) => (profile.weeklyPattern[b] > profile.weeklyPattern[a] ? b : a));
  const needed = neededByHour(profile, volume, busiest, profile.weeklyPattern[busiest]);
  let sizes = sizeShifts(profile, needed);
  const fixed = profile.agents?.length ?? profile.staffing.agents;
  if (fixed !== undefined) sizes = fixHeadcount(sizes, fixed);
  const byWeekday = {} as Record<1 | 2 | 3 | 4 | 5, number[]>;
  for (const day of weekdays) {
    const daySizes = sizeShifts(profile, neededByHour(profile, volume, day, profile.weeklyPattern[day]));
    byWeekday[day] = sizes.map((size, i) => Math.min(size, Math.max(daySizes[i]!, Math.ceil(size * 0.75))));
  }
  const total = sizes.reduce((sum, size) => sum + size, 0);
  let saturday = 0;
  if (profile.hours.saturday) {
    const hours = profile.hours.saturday;
    const satNeeded = Math.max(...neededByHour(profile, volume, 6, profile.weeklyPattern[6]));
    const want = Math.ceil(satNeeded / (1 - breakShare(profile, hours.close - hours.open)));
    saturday = Math.min(total, Math.max(profile.staffing.minPerShift, want));
  }
  return {
    shifts: profile.shifts.map((shift, i) => ({ shift, agents: sizes[i]! })),
    byWeekday,
    saturday,
    neededByHour: needed,
  };
}

/** A fixed headcount spread over the shifts in the proportions the traffic asks for (at least one each). */
function fixHeadcount(sizes: readonly number[], agents: number): number[] {
  const total = sizes.reduce((sum, size) => sum + size, 0);
  const fixed = sizes.map((size) => Math.max(1, Math.floor((size * agents) / total)));
  let left = agents - fixed.reduce((sum, size) => sum + size, 0);
  for (let i = 0; left > 0; i = (i + 1) % fixed.length, left--) fixed[i]!++;
  return fixed;
}
