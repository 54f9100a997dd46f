import type { AnyReport, CheckedRequest, WallTime } from '@wolkvox-mcp/contracts';
import type { TenantRecord } from '../tenant/records.js';
import type { Tenant } from '../tenant/store.js';
import { filterPredicate, planOf, readAs } from './plan.js';
import { detailRows, groupedRows, type Row } from './rows.js';
import { scopeOf, select } from './select.js';

/**
 * The generic view engine: a registry entry plus a checked request (window and parameters) in, rows out. Collect the entity's records
 * in the query's range (never after now), keep those the report's `where` and the request's filters accept,
 * group if the report aggregates, format every field by its kind.
 */

export interface ViewResult {
  /** The rows, at most `limit` of them. */
  rows: Row[];
  /** How many rows the view has in all, before `limit`. */
  total: number;
  /** The rows are the answer while the clock's wall time stays in [validFrom, validUntil). */
  validFrom: WallTime;
  validUntil: WallTime;
}

/**
 * Records a request brings with it, by entity (token_info: the calling token's usage). They replace the tenant's
 * records of that entity for this run; their answer holds for this call only.
 */
export type RequestRecords = Readonly<Record<string, readonly TenantRecord[]>>;

export class ViewEngine {
  constructor(private readonly tenant: Tenant) {}

  /**
   * `limit` builds only the first rows of a detail report: a call capped at 60,000 rows need not format the rest,
   * it only needs to know how many there were.
   */
  run(
    report: AnyReport,
    { window, params }: CheckedRequest,
    now: WallTime,
    limit = Number.POSITIVE_INFINITY,
    request?: RequestRecords,
  ): ViewResult {
    const plan = planOf(report);
    const scope = scopeOf(window, plan.lastMinutes);
    const matches = filterPredicate(plan, params);
    const own = request?.[plan.entity];
    // A request's own records are valid for no other call: an empty validity interval.
    const selection = own
      ? { records: own.filter(matches), validFrom: now, validUntil: now }
      : select(this.tenant, plan.entity, scope, now, matches, plan.windowBy);
    const ctx = { seed: this.tenant.seed, cast: this.tenant.cast, plan };
    const { validFrom, validUntil } = selection;
    const records = readAs(plan, params, selection.records);
    if (plan.groupBy?.length) {
      const rows = groupedRows(ctx, records, plan.groupBy);
      return {
        rows: rows.length > limit ? rows.slice(0, limit) : rows,
        total: rows.length,
        validFrom,
        validUntil,
      };
    }
    // A report the platform lists newest first (audit_log): the newest rows, and the cap, come first.
    const ordered = plan.report.rows.order === 'newest-first' ? records.slice().reverse() : records;
    const rows = detailRows(ctx, ordered.length > limit ? ordered.slice(0, limit) : ordered);
    return { rows, total: ordered.length, validFrom, validUntil };
  }
}
