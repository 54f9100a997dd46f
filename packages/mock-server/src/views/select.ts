import { DAY_MS, startOfDay, type WallTime, type WallWindow } from '@wolkvox-mcp/contracts';
import type { TenantRecord } from '../tenant/records.js';
import type { Tenant } from '../tenant/store.js';

/**
 * Which records a query sees, and for how long that answer holds. A record is visible when it falls in the
 * query's range *and* is not after the clock's now: the emulator never reports the future. Because records only
 * appear (or, for real-time reports, age out) as the clock moves, an answer stays valid while now stays in
 * [validFrom, validUntil); the response cache relies on that instead of expiring on a timer.
 */

export interface Selection {
  records: TenantRecord[];
  /** Wall time from which this selection is the answer... */
  validFrom: WallTime;
  /** ...until this wall time (exclusive). */
  validUntil: WallTime;
}

const MINUTE_MS = 60_000;

/** Where a query looks: a date window, the last N minutes, or (reports of "now") today so far. */
export type Scope =
  | { kind: 'window'; from: WallTime; to: WallTime }
  | { kind: 'recent'; minutes: number }
  | { kind: 'today' };

/** The scope of a checked request's window (null for a report on "now"). */
export function scopeOf(window: WallWindow | null, lastMinutes: number | undefined): Scope {
  if (lastMinutes !== undefined) return { kind: 'recent', minutes: lastMinutes };
  // Request dates have second precision; a record at 23:59:59.000 is inside a window ending 23:59:59.
  if (window) return { kind: 'window', from: window.start, to: window.end + 999 };
  return { kind: 'today' };
}

/**
 * The date a window and the clock apply to: `date`, or the report's `rows.windowBy` attribute (a chat's close).
 * A record without that attribute falls back to its `date`.
 */
function dateReader(windowBy: string | undefined): (record: TenantRecord) => WallTime {
  if (windowBy === undefined || windowBy === 'date') return (record) => record.date;
  return (record) => {
    const at = record[windowBy];
    return typeof at === 'number' ? at : record.date;
  };
}

export function select(
  tenant: Tenant,
  entity: string,
  scope: Scope,
  now: WallTime,
  matches: (record: TenantRecord) => boolean,
  windowBy?: string,
): Selection {
  const records: TenantRecord[] = [];
  let validFrom = Number.NEGATIVE_INFINITY;
  let validUntil = Number.POSITIVE_INFINITY;

  if (scope.kind === 'window') {
    const dateOf = dateReader(windowBy);
    // A later date (a close) falls at most `lookback` after the record's own date: scan from that much earlier.
    const scanFrom = windowBy === undefined ? scope.from : scope.from - tenant.lookback(entity);
    tenant.forEachRecord(
      entity,
      scanFrom,
      scope.to,
      (record) => {
        const at = dateOf(record);
        if (at < scope.from || at > scope.to || !matches(record)) return;
        if (at <= now) {
          records.push(record);
          if (at > validFrom) validFrom = at;
        } else if (at < validUntil) {
          validUntil = at;
        }
      },
      now,
    );
    // A summary of the day so far changes as the clock moves: it holds for this instant only.
    if (tenant.isLive(entity, scope.from, scope.to, now))
      return { records, validFrom: now, validUntil: now + 1 };
    return { records, validFrom, validUntil };
  }

  // Real time: records live in (now - span, now]. Scan from the day the span starts to the end of today, so the
  // records about to arrive (and the ones about to age out) bound the answer's validity.
  const span = scope.kind === 'recent' ? scope.minutes * MINUTE_MS : now - startOfDay(now);
  const oldest = scope.kind === 'recent' ? now - span : startOfDay(now) - 1;
  const scanFrom = scope.kind === 'recent' ? startOfDay(oldest) : startOfDay(now);
  const scanTo = startOfDay(now) + DAY_MS - 1;
  const today = startOfDay(now);
  const live = tenant.isLive(entity, scanFrom, scanTo, now);
  tenant.forEachRecord(
    entity,
    scanFrom,
    scanTo,
    (record) => {
      if (!matches(record)) return;
      const date = record.date;
      if (date > now) {
        if (date < validUntil) validUntil = date;
      } else if (date <= oldest) {
        // Already aged out; it would come back if the clock went back before date + span.
        if (scope.kind === 'recent') validFrom = Math.max(validFrom, date + span);
      } else {
        records.push(record);
        validFrom = Math.max(validFrom, date);
        if (scope.kind === 'recent') validUntil = Math.min(validUntil, date + span);
      }
    },
    now,
  );
  // Outside the scanned days other records would matter: never trust the answer there.
  if (scope.kind === 'recent') {
    validFrom = Math.max(validFrom, scanFrom + span);
  } else {
    validFrom = Math.max(validFrom, today);
  }
  validUntil = Math.min(validUntil, scanTo + 1);
  if (live) return { records, validFrom: now, validUntil: now + 1 };
  return { records, validFrom, validUntil };
}
