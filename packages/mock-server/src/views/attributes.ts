import { DAY_MS } from '@wolkvox-mcp/contracts';
import type { DateAttribute } from '@wolkvox-mcp/contracts/tenant';
import type { TenantRecord } from '../tenant/records.js';

/**
 * Attributes every record has without storing them: calendar buckets of its `date`. Reports group and filter
 * by them (`date_day`, `hour_of_day`, half hours, ten-minute intervals) like any stored attribute, so a report
 * per day or per interval is one registry entry.
 */

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

function dayOf(wall: number): string {
  const d = new Date(wall - (((wall % DAY_MS) + DAY_MS) % DAY_MS));
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

function minutesOfDay(wall: number): number {
  return Math.floor((((wall % DAY_MS) + DAY_MS) % DAY_MS) / 60_000);
}

function interval(wall: number, minutes: number): string {
  const start = Math.floor(minutesOfDay(wall) / minutes) * minutes;
  return `${dayOf(wall)} ${pad2(Math.floor(start / 60))}:${pad2(start % 60)}`;
}

type Derive = (wall: number) => string | number;

/** Exactly the date attributes contracts declares (DATE_ATTRIBUTES), which registry entries may bind. */
const DERIVED: Readonly<Record<string, Derive>> = {
  date_day: dayOf,
  hour_of_day: (wall) => Math.floor(minutesOfDay(wall) / 60),
  date_half_hour: (wall) => interval(wall, 30),
  date_10min: (wall) => interval(wall, 10),
  weekday: (wall) => new Date(wall).getUTCDay(),
} satisfies Record<DateAttribute, Derive>;

/** Names of the attributes every record derives from its date. */
export const DERIVED_ATTRIBUTES: readonly string[] = Object.keys(DERIVED);

/** The record's attribute, stored or derived from its date; undefined when it has neither. */
export function readAttribute(record: TenantRecord, name: string): unknown {
  const stored = record[name];
  if (stored !== undefined) return stored;
  const derive = DERIVED[name];
  return derive && typeof record.date === 'number' ? derive(record.date) : undefined;
}
