import { DAY_MS, instantOfWallTime, startOfDay, type WallTime } from '@wolkvox-mcp/contracts';

/**
 * The quota day: the tenant's calendar day, from its midnight to the next one, per the emulator clock and the
 * tenant's time zone (not UTC, not the host's zone). (A day of simulated records is `TenantDay`, tenant/day.ts.)
 */

export function quotaDay(wallNow: WallTime): WallTime {
  return startOfDay(wallNow);
}

/** The real instant of the tenant's next midnight: when a spent daily quota comes back. */
export function nextMidnight(wallNow: WallTime, timeZone: string): Date {
  return instantOfWallTime(startOfDay(wallNow) + DAY_MS, timeZone);
}
