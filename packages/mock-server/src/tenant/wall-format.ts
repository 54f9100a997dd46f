import type { WallTime } from '@wolkvox-mcp/contracts';

/** Compact wall-time keys used in record ids and hourly buckets. */

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** `YYYYMMDD` of a wall time. */
export function dayStamp(wall: WallTime): string {
  const d = new Date(wall);
  return `${d.getUTCFullYear()}${pad2(d.getUTCMonth() + 1)}${pad2(d.getUTCDate())}`;
}

/** `YYYYMMDDHH` for an hour of a day whose `YYYYMMDD` is known (no Date per record). */
export function hourStamp(dayKey: string, hour: number): string {
  return dayKey + pad2(hour);
}

/** Record ids: the day, an entity digit and the record's index that day, so they are unique and stable. */
export function recordId(dayKey: string, entityDigit: number, index: number): string {
  // 1,000,000 + index is always seven digits: its last six are the zero-padded index, without padStart.
  return `${dayKey}${entityDigit}${String(1_000_000 + index).slice(1)}`;
}
